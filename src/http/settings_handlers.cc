// Handlers of the portal-wide settings an admin changes: the grade bands, the current campaign
// and the follow-up periods; and the campaign history that trains the model
// (service/campaign.h).
#include <optional>
#include <string>
#include <vector>

#include "core/lead_workflow.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/json_mapping.h"
#include "http/request_parsing.h"
#include "service/campaign.h"

namespace leadscore::http {
namespace {

// {"bands": [a, b, c] | null, "mode": "fixed" | "quartiles", "updated_at", "updated_by"}
nlohmann::json GradeBandsJson(const GradeBands& g) {
  return {{"bands", g.bands ? nlohmann::json(*g.bands) : nlohmann::json(nullptr)},
          {"mode", g.bands ? "fixed" : "quartiles"},
          {"updated_at", g.updated_at > 0 ? TimeJson(g.updated_at) : nlohmann::json(nullptr)},
          {"updated_by",
           g.updated_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(g.updated_by)}};
}

// The body's "bands": three numbers, or null for the quartiles. Their order and range are the
// service's to check.
Result<std::optional<std::vector<double>>> ParseBands(const nlohmann::json& body) {
  using Out = std::optional<std::vector<double>>;
  const auto it = body.find("bands");
  if (it == body.end()) {
    return Status::InvalidArgument("bands is required: three numbers (A, B, C cut-offs) or null")
        .With("grade_bands_invalid");
  }
  if (it->is_null()) return Out();
  if (!it->is_array() || it->size() != 3) {
    return Status::InvalidArgument("bands must be an array of three numbers, or null")
        .With("grade_bands_invalid");
  }
  std::vector<double> bands;
  for (const auto& b : *it) {
    if (!b.is_number())
      return Status::InvalidArgument("bands must hold numbers only").With("grade_bands_invalid");
    bands.push_back(b.get<double>());
  }
  return Out(std::move(bands));
}

// docs/openapi.yaml Campaign.
Result<nlohmann::json> CampaignJson(Store& store, const Campaign& c) {
  nlohmann::json columns = nlohmann::json::array();
  for (const auto& col : c.columns) {
    const BankColumn* known = FindBankColumn(col.name);
    columns.push_back({{"name", col.name},
                       {"kind", col.numeric ? "number" : "category"},
                       {"label_en", known ? std::string(known->label_en) : col.name},
                       {"label_id", known ? std::string(known->label_id) : col.name},
                       {"levels", col.levels}});
  }
  LS_ASSIGN_OR_RETURN(nlohmann::json context, ActiveModelContext(store));
  nlohmann::json mode = context.is_object() ? nlohmann::json(context.value("mode", "include"))
                                             : nlohmann::json();
  return nlohmann::json{
      {"campaign", c.values},
      {"columns", std::move(columns)},
      {"source", c.source},
      {"updated_at", c.updated_at > 0 ? TimeJson(c.updated_at) : nlohmann::json(nullptr)},
      {"updated_by", c.updated_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.updated_by)},
      {"model_mode", mode}};
}

// {"stale_contacted_days", "reject_period_hours", "updated_at", "updated_by"}: the reject period
// is the server's (`serve --reject-period`), shown beside the setting it goes with.
nlohmann::json FollowUpJson(const StaleSetting& st, TimeMs reject_period) {
  return {{"stale_contacted_days", st.days},
          {"reject_period_hours", static_cast<double>(reject_period) / kMsPerHour},
          {"updated_at", st.updated_at > 0 ? TimeJson(st.updated_at) : nlohmann::json(nullptr)},
          {"updated_by",
           st.updated_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(st.updated_by)}};
}

nlohmann::json HistoryJson(const HistoryCounts& c) {
  return {{"rows", c.rows},
          {"from_import", c.from_import},
          {"positives", c.positives},
          {"from_portal", c.portal_outcomes}};
}

}  // namespace

Result<Reply> GetCampaignSetting(ApiServices& s, RequestContext&) {
  LS_ASSIGN_OR_RETURN(Campaign campaign, GetCampaign(s.store));
  LS_ASSIGN_OR_RETURN(nlohmann::json out, CampaignJson(s.store, campaign));
  return Reply::Json(std::move(out));
}

Result<Reply> PutCampaignSetting(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"campaign"}));
  if (!body.contains("campaign")) {
    return Status::InvalidArgument("campaign is required: an object of context values")
        .With("campaign_empty");
  }
  LS_ASSIGN_OR_RETURN(Campaign saved, PutCampaign(s.store, s.clock, body["campaign"],
                                                  ctx.caller->user.username));
  // Every lead is scored again with the new campaign: one refresh, started or joined.
  s.scoring.InvalidateModel();
  auto job = s.scoring.StartRefresh(ctx.caller->user.username);
  LS_ASSIGN_OR_RETURN(nlohmann::json out, CampaignJson(s.store, saved));
  out["refresh_job"] = job.ok() ? nlohmann::json{{"id", job->id}, {"kind", job->kind}}
                                : nlohmann::json(nullptr);
  return Reply::Json(std::move(out));
}

Result<Reply> GetFollowUpSetting(ApiServices& s, RequestContext&) {
  LS_ASSIGN_OR_RETURN(StaleSetting setting, s.floor.GetStaleSetting());
  return Reply::Json(FollowUpJson(setting, s.floor.options().reject_period));
}

Result<Reply> PutFollowUpSetting(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"stale_contacted_days"}));
  LS_ASSIGN_OR_RETURN(std::optional<int64_t> days,
                      OptionalInt(body, "stale_contacted_days", kMinStaleDays, kMaxStaleDays));
  if (!days) {
    return Status::InvalidArgument("stale_contacted_days is required: whole days, " +
                                   std::to_string(kMinStaleDays) + " to " +
                                   std::to_string(kMaxStaleDays))
        .With("stale_days_out_of_range", {{"min", static_cast<int64_t>(kMinStaleDays)},
                                          {"max", static_cast<int64_t>(kMaxStaleDays)}});
  }
  LS_ASSIGN_OR_RETURN(StaleSetting saved, s.floor.SetStaleDays(*days, ctx.caller->user.username));
  return Reply::Json(FollowUpJson(saved, s.floor.options().reject_period));
}

Result<Reply> GetHistory(ApiServices& s, RequestContext&) {
  LS_ASSIGN_OR_RETURN(HistoryCounts counts, s.store.CountHistory());
  return Reply::Json(HistoryJson(counts));
}

Result<Reply> ImportHistoryFile(ApiServices& s, RequestContext& ctx) {
  std::vector<BadLine> bad_lines;
  Result<HistoryImport> history = ImportHistoryFromText(
      s.store, s.clock, std::move(ctx.body), ctx.caller->user.username, &bad_lines);
  if (!history.ok() && !bad_lines.empty()) {
    // Refused for its rows: each bad line with its reason, as the lead import lists them.
    return Reply::Json(ErrorBody(400, history.status(), {{"errors", BadLinesJson(bad_lines)}}),
                       400);
  }
  LS_ASSIGN_OR_RETURN(HistoryImport imported, std::move(history));
  LS_ASSIGN_OR_RETURN(HistoryCounts counts, s.store.CountHistory());
  nlohmann::json out = HistoryJson(counts);
  out["imported"] = imported.imported;
  return Reply::Json(std::move(out));
}

Result<Reply> GetGradeBands(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(GradeBands bands, s.scoring.GetGradeBands());
  return Reply::Json(GradeBandsJson(bands));
}

Result<Reply> PutGradeBands(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"bands"}));
  LS_ASSIGN_OR_RETURN(std::optional<std::vector<double>> bands, ParseBands(body));
  LS_ASSIGN_OR_RETURN(GradeBands saved,
                      s.scoring.SetGradeBands(std::move(bands), ctx.caller->user.username));
  nlohmann::json out = GradeBandsJson(saved);
  out["regraded"] = saved.regraded;
  return Reply::Json(std::move(out));
}

}  // namespace leadscore::http
