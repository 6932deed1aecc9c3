#include "http/json_mapping.h"

#include <string>

#include "core/json_depth.h"
#include "http/errors.h"
#include "http/lead_page_json.h"
#include "ml/reasons.h"

namespace leadscore::http {

using nlohmann::json;

json TimeJson(TimeMs ms) { return FormatIsoTime(ms); }

json TimeJson(const std::optional<TimeMs>& ms) {
  return ms ? json(FormatIsoTime(*ms)) : json(nullptr);
}

json UserJson(const User& user) {
  return {{"id", user.id},
          {"username", user.username},
          {"display_name", user.display_name},
          {"role", std::string(RoleName(user.role))},
          {"active", user.active},
          {"created_at", TimeJson(user.created_at)},
          {"last_login_at", TimeJson(user.last_login_at)}};
}

json UserRefJson(int64_t id, const std::string& display_name) {
  return {{"id", id}, {"display_name", display_name}};
}

json FieldsJson(const Lead& lead) {
  json fields = json::object();
  for (const BankColumn& c : kBankColumns) {
    std::string name(c.name);
    if (c.kind == ColumnKind::kNumeric) {
      double v = lead.Number(c);
      fields[name] = IsMissing(v) ? json(nullptr) : json(v);
    } else {
      const std::string& v = lead.Text(c);
      fields[name] = v.empty() ? json(nullptr) : json(v);
    }
  }
  return fields;
}

namespace {

json OptionalNumber(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

json LeadSummaryJson(const LeadRow& row, int64_t viewer_id) {
  return json::parse(LeadSummaryText(row, viewer_id));
}

json LeadDetailJson(const LeadDetail& detail, int64_t viewer_id) {
  json out = LeadSummaryJson(detail.row, viewer_id);
  const Lead& lead = detail.row.lead;
  out["fields"] = FieldsJson(lead);
  out["customer_key"] = lead.customer_key.empty() ? json(nullptr) : json(lead.customer_key);
  // Bounded like a client's body: a deep `extra` stored before the bound reads as none.
  json extra = ParseDepthBoundedJson(lead.extra_json);
  out["extra"] = extra.is_object() ? extra : json::object();
  out["outcome"] = lead.outcome ? json(*lead.outcome) : json(nullptr);
  // Stored compactly by the scoring service; expanded here with the labels of both languages.
  json reasons = detail.score ? ml::ExpandReasons(detail.reasons_json) : json::array();
  out["reasons"] = reasons.is_array() ? std::move(reasons) : json::array();
  json history = json::array();
  for (const ActivityEntry& e : detail.history) history.push_back(ActivityJson(e));
  out["history"] = std::move(history);
  json allowed = json::array();
  for (LeadStatus s : detail.allowed) allowed.push_back(std::string(LeadStatusName(s)));
  out["allowed_statuses"] = std::move(allowed);
  out["undo_until"] = TimeJson(detail.undo_until);
  out["may_revert"] = detail.may_revert;
  out["model_id"] = detail.score ? json(detail.score->model_version) : json(nullptr);
  out["scored_at"] = detail.score ? TimeJson(detail.score->scored_at) : json(nullptr);
  out["created_at"] = TimeJson(lead.created_at);
  out["updated_at"] = TimeJson(lead.updated_at);
  return out;
}

json ActivityJson(const ActivityEntry& e) {
  return {{"id", e.id},
          {"lead_id", e.lead_id},
          {"lead_name", e.lead_name},
          {"user", UserRefJson(e.user_id, e.user_name)},
          {"from_status", std::string(LeadStatusName(e.from))},
          {"to_status", std::string(LeadStatusName(e.to))},
          {"note", e.note.empty() ? json(nullptr) : json(e.note)},
          {"callback_at", TimeJson(e.callback_at)},
          {"kind", e.kind},
          {"outcome", e.outcome.empty() ? json(nullptr) : json(e.outcome)},
          {"reason", e.reason.empty() ? json(nullptr) : json(e.reason)},
          {"subject", e.subject_id != 0 ? UserRefJson(e.subject_id, e.subject_name) : json(nullptr)},
          {"at", TimeJson(e.at)}};
}

json StatusCountsJson(const StatusCounts& c) {
  return {{"pending", c.pending},
          {"contacted", c.contacted},
          {"converted", c.converted},
          {"rejected", c.rejected},
          {"total", c.total()}};
}

std::string DateText(TimeMs day_start, TimeMs utc_offset) {
  return FormatIsoTime(day_start + utc_offset).substr(0, 10);
}

json PerformanceJson(const Performance& p, TimeMs utc_offset) {
  json leads = json::array();
  for (const TouchedLead& t : p.leads) {
    leads.push_back({{"id", t.lead_id},
                     {"name", t.name},
                     {"phone", t.phone},
                     {"status", std::string(LeadStatusName(t.status))},
                     {"still_owned", t.still_owned},
                     {"score", OptionalNumber(t.score)},
                     {"last_action_at", TimeJson(t.last_action_at)}});
  }
  json per_day = json::array();
  for (const DayActivity& d : p.per_day) {
    per_day.push_back({{"date", DateText(d.day_start, utc_offset)},
                       {"changes", d.changes},
                       {"converted", d.converted},
                       {"attempts", d.attempts},
                       {"attempts_by_outcome", d.attempts_by_outcome}});
  }
  return {{"user", UserJson(p.user)},
          {"counts", StatusCountsJson(p.counts)},
          {"touched", p.touched},
          {"conversion_rate", p.conversion_rate},
          {"leads", std::move(leads)},
          {"per_day", std::move(per_day)}};
}

json TeamRowJson(const TeamRow& row) {
  return {{"user", UserJson(row.user)},
          {"counts", StatusCountsJson(row.counts)},
          {"conversion_rate", row.conversion_rate},
          {"changes_in_period", row.changes_in_period},
          {"attempts_in_period", row.attempts_in_period}};
}

json BadLinesJson(const std::vector<BadLine>& bad_lines) {
  json errors = json::array();
  for (const BadLine& bad : bad_lines) {
    if (errors.size() >= kMaxListedCsvErrors) break;
    Status problem = Status::InvalidArgument(bad.reason).With(bad.code, bad.params);
    errors.push_back({{"line", bad.line},
                      {"column", bad.column},
                      {"code", bad.code.empty() ? "invalid_argument" : bad.code},
                      {"params", ParamsJson(problem)},
                      {"reason", bad.reason}});
  }
  return errors;
}

}  // namespace leadscore::http
