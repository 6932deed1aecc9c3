// Handlers of the ranked list, a lead's page, the status change, the admin's lead CRUD and the
// CSV import / export.
#include <string>

#include "core/field_spec.h"
#include "core/grades.h"
#include "core/lead_csv.h"
#include "core/lead_workflow.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/json_mapping.h"
#include "http/lead_page_json.h"
#include "http/request_parsing.h"
#include "service/lead_export.h"
#include "service/lead_import.h"

namespace leadscore::http {
namespace {

constexpr int64_t kMaxId = int64_t{1} << 53;

Result<std::optional<LeadStatus>> StatusParam(const Request& req) {
  LS_ASSIGN_OR_RETURN(std::optional<std::string> name, QueryString(req, "status", 16));
  if (!name) return std::optional<LeadStatus>();
  auto status = ParseLeadStatus(*name);
  if (!status) {
    return Status::InvalidArgument("status must be pending, contacted, converted or rejected")
        .With("status_unknown");
  }
  return status;
}

Result<std::optional<std::string>> GradeParam(const Request& req) {
  LS_ASSIGN_OR_RETURN(std::optional<std::string> grade, QueryString(req, "grade", 1));
  if (grade && !IsGrade(*grade)) {
    return Status::InvalidArgument("grade must be one of A, B, C, D").With("grade_unknown");
  }
  return grade;
}

// The lead data of a create or edit body: name, phone, customer_key, fields{}, extra{}, outcome.
Result<LeadInput> ParseLeadInput(const nlohmann::json& body) {
  LS_RETURN_IF_ERROR(
      CheckKeys(body, {"name", "phone", "customer_key", "fields", "extra", "outcome"}));
  LeadInput input;
  if (body.contains("name") && body["name"].is_null()) {
    return Status::InvalidArgument("name must not be null")
        .With("field_required", {{"field", std::string("name")}});
  }
  LS_ASSIGN_OR_RETURN(input.name, OptionalString(body, "name", 200));
  LS_ASSIGN_OR_RETURN(input.phone, OptionalString(body, "phone", 40));
  LS_ASSIGN_OR_RETURN(input.customer_key,
                      OptionalString(body, "customer_key", kMaxCustomerKeyLength));
  if (auto it = body.find("fields"); it != body.end() && !it->is_null()) {
    LS_ASSIGN_OR_RETURN(input.fields, ParseLeadFields(*it));
  }
  if (auto it = body.find("extra"); it != body.end() && !it->is_null()) {
    if (!it->is_object()) {
      return Status::InvalidArgument("extra must be an object")
          .With("param_not_object", {{"field", std::string("extra")}});
    }
    input.extra_json = it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  if (auto it = body.find("outcome"); it != body.end()) {
    if (it->is_null()) {
      input.outcome = std::optional<bool>();
    } else if (it->is_boolean()) {
      input.outcome = std::optional<bool>(it->get<bool>());
    } else {
      return Status::InvalidArgument("outcome must be true, false or null").With("outcome_invalid");
    }
  }
  return input;
}

// The filters the list and its statistics share: status, grade, segment, segmentation_id, q.
Status ParseListFilters(const Request& req, LeadListRequest& request) {
  LS_ASSIGN_OR_RETURN(request.status, StatusParam(req));
  LS_ASSIGN_OR_RETURN(request.grade, GradeParam(req));
  LS_ASSIGN_OR_RETURN(std::optional<int64_t> segment, QueryInt(req, "segment", 0, 1000));
  if (segment) request.segment = static_cast<int>(*segment);
  LS_ASSIGN_OR_RETURN(request.segmentation_id, QueryInt(req, "segmentation_id", 1, kMaxId));
  LS_ASSIGN_OR_RETURN(std::optional<std::string> q, QueryString(req, "q", 100));
  request.search = q.value_or("");
  return Status::Ok();
}

nlohmann::json CountsByKey(const std::vector<std::pair<const char*, int64_t>>& counts) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, n] : counts) out[key] = n;
  return out;
}

}  // namespace

Result<Reply> ListLeads(ApiServices& s, RequestContext& ctx) {
  const auto& req = ctx.request;
  LeadListRequest request;
  LS_ASSIGN_OR_RETURN(std::optional<int64_t> page, QueryInt(req, "page", 1, kMaxPage));
  LS_ASSIGN_OR_RETURN(std::optional<int64_t> size, QueryInt(req, "size", 1, kMaxPageSize));
  request.page = page.value_or(1);
  request.size = size.value_or(kDefaultPageSize);
  LS_ASSIGN_OR_RETURN(std::optional<std::string> sort, QueryString(req, "sort", 16));
  if (sort) {
    if (*sort == "rank") {
      request.sort = LeadListSort::kRank;
    } else if (*sort == "score_asc") {
      request.sort = LeadListSort::kScoreAscending;
    } else if (*sort == "name") {
      request.sort = LeadListSort::kName;
    } else if (*sort == "recent") {
      request.sort = LeadListSort::kRecent;
    } else {
      return Status::InvalidArgument("sort must be rank, score_asc, name or recent")
          .With("sort_unknown");
    }
  }
  LS_RETURN_IF_ERROR(ParseListFilters(req, request));
  LS_ASSIGN_OR_RETURN(std::optional<bool> mine, QueryBool(req, "mine"));
  request.mine = mine.value_or(false);

  const int64_t viewer = ctx.caller->user.id;
  LS_ASSIGN_OR_RETURN(std::shared_ptr<const std::string> text,
                      s.leads.ListRendered(*ctx.caller, request, [&](const LeadPage& page) {
                        return LeadPageText(page, viewer, request.page, request.size);
                      }));
  return Reply::Raw(*text, "application/json; charset=utf-8");
}

Result<Reply> LeadStatistics(ApiServices& s, RequestContext& ctx) {
  LeadListRequest request;
  LS_RETURN_IF_ERROR(ParseListFilters(ctx.request, request));
  LS_ASSIGN_OR_RETURN(LeadStats stats, s.leads.Stats(*ctx.caller, request));
  const StatusCounts& st = stats.statuses;
  nlohmann::json histogram = nlohmann::json::array();
  for (int i = 0; i < LeadStats::kBins; ++i) {
    histogram.push_back({{"from", static_cast<double>(i) / LeadStats::kBins},
                         {"to", static_cast<double>(i + 1) / LeadStats::kBins},
                         {"count", stats.histogram[static_cast<size_t>(i)]}});
  }
  return Reply::Json({{"total", stats.total},
                      {"scored", stats.scored},
                      {"statuses", CountsByKey({{"pending", st.pending},
                                                {"contacted", st.contacted},
                                                {"converted", st.converted},
                                                {"rejected", st.rejected}})},
                      {"grades", CountsByKey({{"A", stats.grades[0]},
                                              {"B", stats.grades[1]},
                                              {"C", stats.grades[2]},
                                              {"D", stats.grades[3]}})},
                      {"histogram", std::move(histogram)}});
}

Result<Reply> GetLead(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_ASSIGN_OR_RETURN(LeadDetail detail, s.leads.Detail(*ctx.caller, id));
  return Reply::Json({{"lead", LeadDetailJson(detail, ctx.caller->user.id)}});
}

Result<Reply> ChangeLeadStatus(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"status", "note", "callback_at"}));
  StatusRequest request;
  LS_ASSIGN_OR_RETURN(std::string status, RequiredString(body, "status", 16));
  auto to = ParseLeadStatus(status);
  if (!to || *to == LeadStatus::kPending) {
    return Status::InvalidArgument("status must be contacted, converted or rejected")
        .With("status_pending_by_hand");
  }
  request.to = *to;
  LS_ASSIGN_OR_RETURN(std::optional<std::string> note,
                      OptionalString(body, "note", kMaxNoteLength));
  request.note = note.value_or("");
  LS_ASSIGN_OR_RETURN(std::optional<std::string> callback, OptionalString(body, "callback_at", 40));
  if (callback) {
    request.callback_at = ParseIsoTime(*callback);
    if (!request.callback_at) {
      return Status::InvalidArgument("callback_at must be an ISO 8601 time")
          .With("param_not_time", {{"field", std::string("callback_at")}});
    }
  }
  LS_ASSIGN_OR_RETURN(LeadDetail detail, s.leads.ChangeStatus(*ctx.caller, id, request));
  return Reply::Json({{"lead", LeadDetailJson(detail, ctx.caller->user.id)}});
}

Result<Reply> RecordAttempt(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"outcome", "note", "callback_at", "reason"}));
  AttemptRequest request;
  LS_ASSIGN_OR_RETURN(request.outcome, RequiredString(body, "outcome", 32));
  if (!ParseAttemptOutcome(request.outcome)) {
    return Status::InvalidArgument("outcome must be " + AttemptOutcomeList())
        .With("attempt_outcome_unknown");
  }
  LS_ASSIGN_OR_RETURN(std::optional<std::string> note,
                      OptionalString(body, "note", kMaxNoteLength));
  request.note = note.value_or("");
  LS_ASSIGN_OR_RETURN(std::optional<std::string> reason,
                      OptionalString(body, "reason", kMaxReasonLength));
  request.reason = reason.value_or("");
  LS_ASSIGN_OR_RETURN(std::optional<std::string> callback, OptionalString(body, "callback_at", 40));
  if (callback) {
    request.callback_at = ParseIsoTime(*callback);
    if (!request.callback_at) {
      return Status::InvalidArgument("callback_at must be an ISO 8601 time")
          .With("param_not_time", {{"field", std::string("callback_at")}});
    }
  }
  LS_ASSIGN_OR_RETURN(LeadDetail detail, s.leads.RecordAttempt(*ctx.caller, id, request));
  return Reply::Json({{"lead", LeadDetailJson(detail, ctx.caller->user.id)}}, 201);
}

Result<Reply> CreateLead(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_ASSIGN_OR_RETURN(LeadInput input, ParseLeadInput(body));
  LS_ASSIGN_OR_RETURN(LeadDetail detail, s.leads.Create(*ctx.caller, input));
  return Reply::Json({{"lead", LeadDetailJson(detail, ctx.caller->user.id)}}, 201);
}

namespace {

// PATCH with "do_not_call" (and an optional "consent_note"), alone: the do-not-call mark, which
// a sales person may set too; any other PATCH is an admin's edit of the lead's data.
Result<Reply> SetDoNotCall(ApiServices& s, RequestContext& ctx, int64_t id,
                           const nlohmann::json& body) {
  for (const auto& [key, value] : body.items()) {
    if (key != "do_not_call" && key != "consent_note") {
      return Status::InvalidArgument(
                 "do_not_call goes alone (with consent_note); send other changes in another "
                 "request")
          .With("do_not_call_alone");
    }
  }
  LS_ASSIGN_OR_RETURN(std::optional<bool> mark, OptionalBool(body, "do_not_call"));
  if (!mark) {
    return Status::InvalidArgument("do_not_call is required: true or false")
        .With("param_required", {{"field", std::string("do_not_call")}});
  }
  LS_ASSIGN_OR_RETURN(std::optional<std::string> note,
                      OptionalString(body, "consent_note", kMaxConsentNoteLength));
  LS_RETURN_IF_ERROR(s.floor.SetDoNotCall(*ctx.caller, id, *mark, note.value_or("")).status());
  LS_ASSIGN_OR_RETURN(LeadDetail detail, s.leads.Detail(*ctx.caller, id));
  return Reply::Json({{"lead", LeadDetailJson(detail, ctx.caller->user.id)}});
}

}  // namespace

Result<Reply> UpdateLead(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  if (ctx.caller->user.role != Role::kAdmin) {
    for (const auto& [key, value] : body.items()) {
      if (key != "do_not_call" && key != "consent_note") {
        return Status::PermissionDenied("a sales person may only mark a lead do-not-call")
            .With("do_not_call_admin_only");
      }
    }
    return SetDoNotCall(s, ctx, id, body);
  }
  if (body.contains("do_not_call") || body.contains("consent_note")) {
    return SetDoNotCall(s, ctx, id, body);
  }
  LS_ASSIGN_OR_RETURN(LeadInput input, ParseLeadInput(body));
  LS_ASSIGN_OR_RETURN(LeadDetail detail, s.leads.Update(*ctx.caller, id, input));
  return Reply::Json({{"lead", LeadDetailJson(detail, ctx.caller->user.id)}});
}

Result<Reply> AssignLead(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"user_id"}));
  const auto it = body.find("user_id");
  if (it == body.end()) {
    return Status::InvalidArgument(
               "user_id is required: the id of an active sales account, or null to release the "
               "lead")
        .With("param_required", {{"field", std::string("user_id")}});
  }
  std::optional<int64_t> user_id;
  if (!it->is_null()) {
    LS_ASSIGN_OR_RETURN(user_id, OptionalInt(body, "user_id", 1, kMaxId));
  }
  LS_RETURN_IF_ERROR(s.floor.Assign(*ctx.caller, id, user_id).status());
  LS_ASSIGN_OR_RETURN(LeadDetail detail, s.leads.Detail(*ctx.caller, id));
  return Reply::Json({{"lead", LeadDetailJson(detail, ctx.caller->user.id)}});
}

Result<Reply> UndoLeadStatus(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  if (!ctx.body.empty()) {
    LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
    LS_RETURN_IF_ERROR(CheckKeys(body, {}));
  }
  LS_RETURN_IF_ERROR(s.floor.Undo(*ctx.caller, id).status());
  LS_ASSIGN_OR_RETURN(LeadDetail detail, s.leads.Detail(*ctx.caller, id));
  return Reply::Json({{"lead", LeadDetailJson(detail, ctx.caller->user.id)}});
}

Result<Reply> RevertLead(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"reason"}));
  // A little room over the limit so that the service's check says what the limit is.
  LS_ASSIGN_OR_RETURN(std::optional<std::string> reason,
                      OptionalString(body, "reason", 4 * kMaxReasonLength));
  if (!reason) {
    return Status::InvalidArgument("reason is required: say why the lead is reverted")
        .With("revert_reason_required");
  }
  LS_RETURN_IF_ERROR(s.floor.Revert(*ctx.caller, id, *reason).status());
  LS_ASSIGN_OR_RETURN(LeadDetail detail, s.leads.Detail(*ctx.caller, id));
  return Reply::Json({{"lead", LeadDetailJson(detail, ctx.caller->user.id)}});
}

Result<Reply> DeleteLead(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_RETURN_IF_ERROR(s.leads.Delete(id));
  return Reply::NoContent();
}

Result<Reply> ImportLeads(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(std::optional<bool> skip, QueryBool(ctx.request, "skip_bad_rows"));
  ImportOptions options;
  options.skip_bad = skip.value_or(false);
  LS_ASSIGN_OR_RETURN(ImportReport report,
                      ImportLeadsFromText(s.store, s.clock, std::move(ctx.body), options));
  nlohmann::json errors = BadLinesJson(report.bad_lines);
  if (!report.committed) {
    Status refused =
        Status::InvalidArgument(
            "the file has " + std::to_string(report.bad_rows) +
            " bad row(s); nothing was imported (fix them, or import with skip_bad_rows=true)")
            .With("import_refused", {{"bad_rows", report.bad_rows}});
    return Reply::Json(ErrorBody(400, refused, {{"errors", std::move(errors)},
                                                {"bad_rows", report.bad_rows}}),
                       400);
  }
  // New and updated leads are scored by a refresh of every score (one job, all or nothing),
  // started here or joined; without an active model they wait for the first training. A file
  // that changed nothing starts none.
  Result<Job> job = Status::FailedPrecondition("nothing changed");
  if (report.created + report.updated > 0) job = s.scoring.StartRefresh(ctx.caller->user.username);
  nlohmann::json job_json = nullptr;
  if (job.ok()) job_json = {{"id", job->id}, {"kind", job->kind}};
  return Reply::Json({{"imported", report.rows_imported},
                      {"created", report.created},
                      {"updated", report.updated},
                      {"unchanged", report.unchanged},
                      {"skipped", report.bad_rows},
                      {"errors", std::move(errors)},
                      {"scored", job.ok()},
                      {"refresh_job", std::move(job_json)}});
}

Result<Reply> ExportLeads(ApiServices& s, RequestContext& ctx) {
  ExportOptions options;
  LS_ASSIGN_OR_RETURN(options.status, StatusParam(ctx.request));
  LS_ASSIGN_OR_RETURN(options.grade, GradeParam(ctx.request));
  options.reject_period = s.leads.options().reject_period;
  Store& store = s.store;
  const Clock& clock = s.clock;
  Reply reply = Reply::Stream("text/csv; charset=utf-8", [&store, &clock,
                                                          options](const ChunkSink& sink) {
    auto written = leadscore::ExportLeads(store, clock, options, [&sink](std::string_view chunk) {
      if (!sink(chunk)) {
        return Status::Unavailable("the client went away").With("client_gone");
      }
      return Status::Ok();
    });
    return written.ok();
  });
  reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"leads.csv\"");
  return reply;
}

namespace {

// One entry of the field spec (core/field_spec.h) as the API shows it.
nlohmann::json FieldSpecJson(const FieldSpec& spec) {
  static const char* const kTypes[] = {"number", "integer", "category"};
  nlohmann::json item = {{"name", spec.name},
                         {"type", kTypes[static_cast<int>(spec.type)]},
                         {"required", spec.required}};
  if (spec.numeric()) {
    item["min"] = spec.min;
    item["max"] = spec.max;
  }
  return item;
}

}  // namespace

// The bank columns with their labels and the field spec, the layout of the leads in the
// database, and the predictor's inputs.
Result<Reply> LeadFields(ApiServices& s, RequestContext& ctx) {
  nlohmann::json items = nlohmann::json::array();
  for (const FieldSpec& spec : LeadFieldSpecs()) {
    const BankColumn& c = *spec.column;
    nlohmann::json item = FieldSpecJson(spec);
    item["label_en"] = std::string(c.label_en);
    item["label_id"] = std::string(c.label_id);
    item["kind"] = c.kind == ColumnKind::kNumeric ? "numeric" : "categorical";
    nlohmann::json layouts = nlohmann::json::array();
    for (LeadLayout layout : {LeadLayout::kBankAdditional, LeadLayout::kBankFull}) {
      if (spec.InLayout(layout)) layouts.push_back(std::string(LeadLayoutName(layout)));
    }
    item["layouts"] = std::move(layouts);
    item["context"] = spec.context;
    item["after_call"] = spec.after_call;
    if (c.kind == ColumnKind::kCategorical) item["values"] = spec.values;
    items.push_back(std::move(item));
  }
  nlohmann::json predictor = nlohmann::json::array();
  for (const FieldSpec& spec : PredictorFieldSpecs()) predictor.push_back(FieldSpecJson(spec));
  LS_ASSIGN_OR_RETURN(LeadLayout layout, s.leads.DataLayout());
  return Reply::Json({{"items", std::move(items)},
                      {"layout", std::string(LeadLayoutName(layout))},
                      {"predictor", std::move(predictor)}});
}

}  // namespace leadscore::http
