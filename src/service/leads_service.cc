#include "service/leads_service.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <spdlog/spdlog.h>

#include <fmt/format.h>

#include "core/field_spec.h"
#include "core/grades.h"
#include "core/lead_workflow.h"
#include "core/text.h"
#include "ml/kmeans_model.h"
#include "service/made_up_identity.h"

namespace leadscore {
namespace {

constexpr size_t kMaxName = 200;
constexpr size_t kMaxPhone = 40;
constexpr size_t kMaxSearch = 100;
constexpr size_t kMaxExtraJson = 64 * 1024;

// field_required for the first required field (core/field_spec.h) the lead has no value of.
Status CheckRequiredFields(const Lead& lead) {
  for (const FieldSpec& spec : LeadFieldSpecs()) {
    if (!spec.required) continue;
    if (!HasValue(lead, spec)) return CheckPresent(spec);
  }
  return Status::Ok();
}

std::vector<LeadStatus> AllowedMoves(const LeadRow& row, const Caller& caller) {
  if (caller.user.role != Role::kSales) return {};
  const Lead& lead = row.lead;
  bool mine = lead.owner_id && *lead.owner_id == caller.user.id;
  if (lead.owner_id && !mine) return {};
  std::vector<LeadStatus> allowed;
  for (LeadStatus to : {LeadStatus::kContacted, LeadStatus::kConverted, LeadStatus::kRejected}) {
    if (MoveAllowed(lead.status, to)) allowed.push_back(to);
  }
  return allowed;
}

// What a sales person reads of another's follow-up: that it is followed up and by whom, never
// the words or the call-back time.
void HidePrivateNotes(const Caller& caller, LeadRow& row) {
  const bool admin = caller.user.role == Role::kAdmin;
  if (row.lead.owner_id && !MayReadNote(*row.lead.owner_id, caller.user.id, admin)) {
    row.lead.callback_at.reset();
  }
}

void HidePrivateNotes(const Caller& caller, std::vector<ActivityEntry>& history) {
  const bool admin = caller.user.role == Role::kAdmin;
  for (ActivityEntry& e : history) {
    if (MayReadNote(e.user_id, caller.user.id, admin)) continue;
    e.note.clear();
    e.reason.clear();
    e.callback_at.reset();
  }
}

// What JudgeUndo decides for the caller on the lead's latest closing move in `history` (oldest
// first), as the store would at `now`.
std::optional<TimeMs> UndoUntil(const LeadRow& row, const std::vector<ActivityEntry>& history,
                                const Caller& caller, TimeMs now) {
  if (caller.user.role != Role::kSales) return std::nullopt;
  for (size_t i = history.size(); i-- > 0;) {
    const ActivityEntry& move = history[i];
    if (move.kind != "status" || !IsClosingMove(move.to)) continue;
    const Lead& lead = row.lead;
    ClosingMove judged;
    judged.author_id = move.user_id;
    judged.at = move.at;
    judged.lead_unchanged = lead.status == move.to && lead.owner_id == move.user_id &&
                            lead.status_changed_at == move.at;
    for (size_t j = i + 1; j < history.size(); ++j) {
      if (history[j].user_id != move.user_id) judged.others_acted_since = true;
    }
    if (JudgeUndo(judged, caller.user.id, now) != UndoVerdict::kAllowed) return std::nullopt;
    return move.at + kUndoWindow;
  }
  return std::nullopt;
}

}  // namespace

LeadsService::LeadsService(Store& store, const Clock& clock, LeadsOptions options,
                           ScoreOneLead score_one, ExplainLeadScore explain)
    : store_(store),
      clock_(clock),
      options_(options),
      score_one_(std::move(score_one)),
      explain_(std::move(explain)) {}

Viewer LeadsService::ViewerOf(const Caller& caller) const {
  Viewer viewer;
  viewer.user_id = caller.user.id;
  viewer.role = caller.user.role;
  viewer.now = clock_.NowMs();
  viewer.reject_period = options_.reject_period;
  return viewer;
}

Result<LeadQuery> LeadsService::QueryOf(const Caller& caller, const LeadListRequest& request,
                                        std::optional<int64_t>& segmentation) {
  if (request.search.size() > kMaxSearch) {
    return Status::InvalidArgument("q must have at most 100 characters")
        .With("search_too_long", {{"max", static_cast<int64_t>(kMaxSearch)}});
  }
  if (request.grade && !IsGrade(*request.grade)) {
    return Status::InvalidArgument("grade must be one of A, B, C, D").With("grade_unknown");
  }
  if (request.segment && (*request.segment < 0 || *request.segment > 1000)) {
    return Status::InvalidArgument("segment must be a cluster id between 0 and 1000")
        .With("segment_out_of_range", {{"min", int64_t{0}}, {"max", int64_t{1000}}});
  }
  LeadQuery query;
  query.viewer = ViewerOf(caller);
  query.status = request.status;
  query.grade = request.grade;
  query.search = request.search;
  if (request.segmentation_id) {
    auto named = store_.GetSegmentation(*request.segmentation_id);
    if (!named.ok()) {
      if (named.status().code() == StatusCode::kNotFound) {
        return Status::InvalidArgument("segmentation " + std::to_string(*request.segmentation_id) +
                                       " does not exist")
            .With("segmentation_not_found", {{"id", *request.segmentation_id}});
      }
      return named.status();
    }
    segmentation = request.segmentation_id;
  } else {
    LS_ASSIGN_OR_RETURN(segmentation, store_.LatestLeadSegmentation());
  }
  if (request.segment) {
    if (!segmentation) {
      return Status::InvalidArgument(
                 "no segmentation was built from the leads; build one or give segmentation_id")
          .With("no_lead_segmentation");
    }
    query.segmentation_id = segmentation;
    query.cluster = *request.segment;
  }
  return query;
}

Result<LeadPage> LeadsService::List(const Caller& caller, const LeadListRequest& request) {
  LS_RETURN_IF_ERROR(ValidatePage(request.page));
  LS_RETURN_IF_ERROR(ValidatePageSize(request.size));
  std::optional<int64_t> segmentation;
  LS_ASSIGN_OR_RETURN(LeadQuery query, QueryOf(caller, request, segmentation));
  query.page = request.page;
  query.page_size = request.size;
  if (request.mine) query.owner_id = caller.user.id;
  switch (request.sort) {
    case LeadListSort::kRank: query.sort = LeadSort::kScore; query.descending = true; break;
    case LeadListSort::kScoreAscending: query.sort = LeadSort::kScore; query.descending = false; break;
    case LeadListSort::kName: query.sort = LeadSort::kName; query.descending = false; break;
    case LeadListSort::kRecent:
      query.sort = LeadSort::kStatusChangedAt;
      query.descending = true;
      break;
  }
  LS_ASSIGN_OR_RETURN(LeadPage page, store_.ListLeads(query));
  for (LeadRow& row : page.rows) HidePrivateNotes(caller, row);
  if (segmentation) {
    std::vector<LeadRow*> rows;
    for (LeadRow& row : page.rows) rows.push_back(&row);
    LS_RETURN_IF_ERROR(AttachSegments(*segmentation, std::move(rows)));
  }
  return page;
}

namespace {

// Everything a rendered page depends on besides the data: who asks, and what.
std::string PageKey(const Caller& caller, const LeadListRequest& r) {
  std::string key = std::string(RoleName(caller.user.role)) + "|" + std::to_string(caller.user.id) +
                    "|" + std::to_string(r.page) + "|" + std::to_string(r.size) + "|" +
                    std::to_string(static_cast<int>(r.sort)) + "|" + (r.mine ? "m" : "") + "|";
  if (r.status) key += LeadStatusName(*r.status);
  key += "|" + r.grade.value_or("") + "|";
  if (r.segmentation_id) key += std::to_string(*r.segmentation_id);
  key += "|";
  if (r.segment) key += std::to_string(*r.segment);
  key += "|" + r.search;
  return key;
}

}  // namespace

Result<std::shared_ptr<const std::string>> LeadsService::ListRendered(
    const Caller& caller, const LeadListRequest& request, const RenderPage& render) {
  const std::string key = PageKey(caller, request);
  const Viewer viewer = ViewerOf(caller);
  LS_ASSIGN_OR_RETURN(uint64_t epoch, store_.CurrentListEpoch(viewer));
  {
    std::lock_guard<std::mutex> lock(pages_mu_);
    auto it = pages_.find(key);
    if (it != pages_.end() && it->second.stamp.Holds(epoch, viewer.now)) return it->second.text;
  }
  LS_ASSIGN_OR_RETURN(LeadPage page, List(caller, request));
  auto text = std::make_shared<const std::string>(render(page));
  std::lock_guard<std::mutex> lock(pages_mu_);
  if (page.stamp.epoch != 0 && page.stamp.epoch >= pages_epoch_) {
    if (page.stamp.epoch > pages_epoch_ || page_bytes_ + text->size() > kMaxPageBytes) {
      pages_.clear();
      page_bytes_ = 0;
      pages_epoch_ = page.stamp.epoch;
    }
    auto [it, added] = pages_.try_emplace(key);
    if (!added) page_bytes_ -= it->second.text->size();
    it->second = {page.stamp, text};
    page_bytes_ += text->size();
  }
  return std::shared_ptr<const std::string>(std::move(text));
}

Result<LeadStats> LeadsService::Stats(const Caller& caller, const LeadListRequest& request) {
  std::optional<int64_t> segmentation;
  LS_ASSIGN_OR_RETURN(LeadQuery query, QueryOf(caller, request, segmentation));
  return store_.StatLeads(query);
}

Result<std::shared_ptr<const LeadsService::Personas>> LeadsService::PersonasOf(
    int64_t segmentation_id) {
  {
    std::lock_guard<std::mutex> lock(personas_mu_);
    auto it = personas_.find(segmentation_id);
    if (it != personas_.end()) return it->second;
  }
  LS_ASSIGN_OR_RETURN(Segmentation row, store_.GetSegmentation(segmentation_id));
  LS_ASSIGN_OR_RETURN(ml::SegmentationModel model, ml::SegmentationModel::Parse(row.model_json));
  auto personas = std::make_shared<Personas>();
  for (const ml::SegmentCluster& c : model.clusters) {
    personas->emplace_back(c.persona.name, c.persona.name_id);
  }
  std::lock_guard<std::mutex> lock(personas_mu_);
  if (personas_.size() >= 64) personas_.clear();
  personas_.emplace(segmentation_id, personas);
  return std::shared_ptr<const Personas>(personas);
}

Status LeadsService::AttachSegments(int64_t segmentation_id, std::vector<LeadRow*> rows) {
  if (rows.empty()) return Status::Ok();
  std::vector<int64_t> ids;
  for (const LeadRow* row : rows) ids.push_back(row->lead.id);
  LS_ASSIGN_OR_RETURN(std::vector<LeadCluster> clusters,
                      store_.GetLeadClusters(segmentation_id, ids));
  if (clusters.empty()) return Status::Ok();
  auto personas = PersonasOf(segmentation_id);
  if (!personas.ok()) {
    // The segmentation was deleted since the clusters were read: no segment to show.
    if (personas.status().code() == StatusCode::kNotFound) return Status::Ok();
    return personas.status();
  }
  std::map<int64_t, int> cluster_of;
  for (const LeadCluster& c : clusters) cluster_of[c.lead_id] = c.cluster;
  for (LeadRow* row : rows) {
    auto it = cluster_of.find(row->lead.id);
    if (it == cluster_of.end()) continue;
    LeadSegment segment{segmentation_id, it->second, "", ""};
    if (it->second >= 0 && static_cast<size_t>(it->second) < (*personas)->size()) {
      segment.persona = (**personas)[static_cast<size_t>(it->second)].first;
      segment.persona_id = (**personas)[static_cast<size_t>(it->second)].second;
    }
    row->segment = std::move(segment);
  }
  return Status::Ok();
}

Result<LeadDetail> LeadsService::Detail(const Caller& caller, int64_t lead_id) {
  LeadDetail detail;
  LS_ASSIGN_OR_RETURN(detail.row, store_.GetLeadRow(lead_id, ViewerOf(caller)));
  LS_ASSIGN_OR_RETURN(std::optional<int64_t> segmentation, store_.LatestLeadSegmentation());
  if (segmentation) LS_RETURN_IF_ERROR(AttachSegments(*segmentation, {&detail.row}));
  auto score = store_.GetScore(lead_id);
  if (score.ok()) {
    detail.score = std::move(*score);
    if (explain_) {
      auto reasons = explain_(detail.row.lead, detail.score->model_version);
      if (reasons.ok()) {
        detail.reasons_json = std::move(*reasons);
      } else {  // the page still shows the score
        spdlog::warn("lead {}: no reasons: {}", lead_id, reasons.status().ToString());
      }
    }
  } else if (score.status().code() != StatusCode::kNotFound) {
    return score.status();
  }
  ActivityQuery history;
  history.lead_id = lead_id;
  history.limit = 200;
  LS_ASSIGN_OR_RETURN(detail.history, store_.ListActivity(history));
  std::sort(detail.history.begin(), detail.history.end(),
            [](const ActivityEntry& a, const ActivityEntry& b) {
              return a.at != b.at ? a.at < b.at : a.id < b.id;
            });
  detail.undo_until = UndoUntil(detail.row, detail.history, caller, clock_.NowMs());
  detail.may_revert = caller.user.role == Role::kAdmin && IsClosingMove(detail.row.lead.status);
  HidePrivateNotes(caller, detail.history);
  HidePrivateNotes(caller, detail.row);
  detail.allowed = AllowedMoves(detail.row, caller);
  return detail;
}

Result<LeadDetail> LeadsService::ChangeStatus(const Caller& caller, int64_t lead_id,
                                              const StatusRequest& request) {
  if (caller.user.role != Role::kSales) {
    return Status::PermissionDenied("only sales change a lead's status").With("wrong_role");
  }
  const TimeMs now = clock_.NowMs();
  LS_RETURN_IF_ERROR(
      ValidateStatusChange({request.to, request.note, request.callback_at}, now));
  auto change = store_.ChangeLeadStatus(lead_id, caller.user.id, request.to, request.note,
                                        request.callback_at, now, options_.reject_period);
  if (!change.ok()) {
    // The request itself was checked above: what the store refuses is the move from the
    // lead's current status, a conflict with its state.
    if (change.status().code() == StatusCode::kInvalidArgument) {
      return Status::FailedPrecondition(change.status().message())
          .With(change.status().reason(), change.status().params());
    }
    return change.status();
  }
  return Detail(caller, lead_id);
}

Result<LeadDetail> LeadsService::RecordAttempt(const Caller& caller, int64_t lead_id,
                                               const AttemptRequest& request) {
  if (caller.user.role != Role::kSales) {
    return Status::PermissionDenied("only sales log call attempts").With("wrong_role");
  }
  const auto outcome = ParseAttemptOutcome(request.outcome);
  if (!outcome) {
    return Status::InvalidArgument("outcome must be " + AttemptOutcomeList())
        .With("attempt_outcome_unknown");
  }
  const TimeMs now = clock_.NowMs();
  AttemptInput input{*outcome, request.note, request.callback_at, request.reason};
  LS_RETURN_IF_ERROR(ValidateAttempt(input, now));
  auto recorded = store_.RecordAttempt(lead_id, caller.user.id, request.outcome, request.note,
                                       request.reason, request.callback_at, now,
                                       options_.reject_period);
  if (!recorded.ok()) {
    // The request was checked above: what the store refuses is the lead's state.
    if (recorded.status().code() == StatusCode::kInvalidArgument) {
      return Status::FailedPrecondition(recorded.status().message())
          .With(recorded.status().reason(), recorded.status().params());
    }
    return recorded.status();
  }
  return Detail(caller, lead_id);
}

Status LeadsService::ApplyInput(const LeadInput& input, Lead& lead, bool edit) const {
  if (input.name) {
    if (input.name->find_first_not_of(" \t") == std::string::npos) {
      return Status::InvalidArgument("name must not be empty")
          .With("field_required", {{"field", std::string("name")}});
    }
    if (input.name->size() > kMaxName || HasControlCharacters(*input.name)) {
      return Status::InvalidArgument(
                 "name must have at most 200 characters and no control characters")
          .With("field_too_long",
                {{"field", std::string("name")}, {"max", static_cast<int64_t>(kMaxName)}});
    }
    lead.name = *input.name;
  }
  if (input.phone) {
    if (input.phone->size() > kMaxPhone || HasControlCharacters(*input.phone)) {
      return Status::InvalidArgument("phone must have at most 40 characters")
          .With("field_too_long",
                {{"field", std::string("phone")}, {"max", static_cast<int64_t>(kMaxPhone)}});
    }
    // A key that was the old number follows the number, when the new one is a number.
    const std::optional<std::string> old_number = NormalizePhoneE164(lead.phone);
    const std::optional<std::string> new_number = NormalizePhoneE164(*input.phone);
    if (old_number && lead.customer_key == *old_number && new_number) {
      lead.customer_key = *new_number;
    }
    lead.phone = *input.phone;
  }
  if (input.customer_key) {
    const std::string& key = *input.customer_key;
    if (key.find_first_not_of(" \t") == std::string::npos || HasControlCharacters(key) ||
        key.front() == ' ' || key.back() == ' ') {
      return Status::InvalidArgument(
                 "customer_key must not be empty, start or end with a space, or hold control "
                 "characters")
          .With("customer_key_invalid");
    }
    lead.customer_key = key;
  }
  // The field spec's checks (core/field_spec.h), as the import makes them. On an edit a value
  // the lead already holds is kept as it is: a lead stored before a rule must stay editable.
  for (const auto& [column, value] : input.fields) {
    const FieldSpec& spec = LeadFieldSpecOf(*column);
    if (column->kind == ColumnKind::kNumeric) {
      double& slot = lead.numeric[column->slot];
      if (std::holds_alternative<std::monostate>(value)) {
        if (!(edit && IsMissing(slot))) LS_RETURN_IF_ERROR(CheckPresent(spec));
        slot = kMissing;
      } else if (const double* number = std::get_if<double>(&value)) {
        if (!(edit && slot == *number)) LS_RETURN_IF_ERROR(CheckNumber(spec, *number));
        slot = *number;
      } else {
        return FieldNotNumber(spec.name, std::get<std::string>(value), FieldTypeName(spec.type));
      }
    } else {
      std::string& slot = lead.categorical[column->slot];
      std::string text;
      if (const std::string* given = std::get_if<std::string>(&value)) {
        text = *given;
      } else if (const double* number = std::get_if<double>(&value)) {
        text = fmt::format("{}", *number);  // a category given as a number: never one of its codes
      }
      if (edit && slot == text) continue;
      LS_ASSIGN_OR_RETURN(slot, CheckCategory(spec, text));
    }
  }
  if (input.extra_json) {
    if (input.extra_json->size() > kMaxExtraJson) {
      return Status::InvalidArgument("extra must be at most 64 KiB of JSON")
          .With("extra_too_large", {{"max_kib", int64_t{64}}});
    }
    lead.extra_json = *input.extra_json;
  }
  if (input.outcome) lead.outcome = *input.outcome;
  return Status::Ok();
}

Status LeadsService::ScoreNow(int64_t lead_id) {
  if (!score_one_) return Status::Ok();
  Status s = score_one_(lead_id);
  // No active model yet is a normal state of a fresh portal: the lead waits for the first
  // training. Any other failure is reported.
  if (s.code() == StatusCode::kFailedPrecondition || s.code() == StatusCode::kNotFound) {
    spdlog::info("lead {} saved unscored: {}", lead_id, s.message());
    return Status::Ok();
  }
  return s;
}

Result<LeadDetail> LeadsService::Create(const Caller& caller, const LeadInput& input) {
  if (!input.name) {
    return Status::InvalidArgument("name is required")
        .With("field_required", {{"field", std::string("name")}});
  }
  Lead lead;
  LS_RETURN_IF_ERROR(ApplyInput(input, lead, /*edit=*/false));
  LS_RETURN_IF_ERROR(CheckRequiredFields(lead));
  // One customer, one lead: the key is the customer's number unless one was given; a lead with
  // neither gets a made-up key, which no other lead has.
  if (lead.customer_key.empty()) {
    lead.customer_key = NormalizePhoneE164(lead.phone).value_or("");
  }
  if (lead.customer_key.empty()) {
    LS_ASSIGN_OR_RETURN(int64_t number, store_.ReserveIdentityNumbers(1));
    lead.customer_key = MadeUpKey(number);
  }
  LS_ASSIGN_OR_RETURN(int64_t id, store_.CreateLead(lead, clock_.NowMs()));
  Status scored = ScoreNow(id);
  if (!scored.ok()) spdlog::warn("lead {} created but not scored: {}", id, scored.ToString());
  return Detail(caller, id);
}

Result<LeadDetail> LeadsService::Update(const Caller& caller, int64_t lead_id,
                                        const LeadInput& input) {
  if (!input.name && !input.phone && !input.customer_key && input.fields.empty() &&
      !input.extra_json && !input.outcome) {
    return Status::InvalidArgument("nothing to change").With("nothing_to_change");
  }
  const TimeMs now = clock_.NowMs();
  LS_ASSIGN_OR_RETURN(Lead lead, store_.GetLead(lead_id, now, options_.reject_period));
  LS_RETURN_IF_ERROR(ApplyInput(input, lead, /*edit=*/true));
  LS_RETURN_IF_ERROR(store_.UpdateLead(lead, now));
  Status scored = ScoreNow(lead_id);
  if (!scored.ok()) spdlog::warn("lead {} edited but not rescored: {}", lead_id, scored.ToString());
  return Detail(caller, lead_id);
}

Result<Lead> LeadsService::BuildLead(const LeadInput& input) const {
  Lead lead;
  LS_RETURN_IF_ERROR(ApplyInput(input, lead, /*edit=*/false));
  LS_RETURN_IF_ERROR(CheckRequiredFields(lead));
  return lead;
}

Status LeadsService::Delete(int64_t lead_id) { return store_.DeleteLead(lead_id); }

Result<LeadLayout> LeadsService::DataLayout() {
  LS_ASSIGN_OR_RETURN(auto range, store_.LeadIdRange());
  if (range.second == 0) return LeadLayout::kBankAdditional;
  LeadScan scan;
  scan.batch_size = static_cast<size_t>(kLayoutSample);
  scan.min_id = std::max(range.first, range.second - kLayoutSample + 1);
  scan.max_id = range.second;
  int64_t additional = 0, full = 0;
  LS_RETURN_IF_ERROR(store_.ScanLeads(scan, [&](const std::vector<Lead>& batch) {
    for (const Lead& lead : batch) {
      if (LayoutOnlyValues(lead, LeadLayout::kBankAdditional) > 0) ++additional;
      if (LayoutOnlyValues(lead, LeadLayout::kBankFull) > 0) ++full;
    }
    return Status::Ok();
  }));
  return LayoutOfCounts(additional, full);
}

}  // namespace leadscore
