#include "service/campaign.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/field_spec.h"
#include "core/json_depth.h"
#include "ml/context.h"

namespace leadscore {
namespace {

constexpr size_t kHistoryBatch = 10000;
constexpr size_t kMaxLoggedChanges = 1000;

// The data JSON of the last history row, or "" when there is no history.
Result<std::string> LatestHistoryData(Store& store) {
  std::string last;
  LS_RETURN_IF_ERROR(store.ScanHistory(kHistoryBatch, [&](const std::vector<HistoryRow>& rows) {
    last = rows.back().data_json;
    return Status::Ok();
  }));
  return last;
}

// The context columns of the active model's context (ActiveModelContext), empty without one.
std::vector<std::string> ContextColumnNames(const nlohmann::json& context) {
  std::vector<std::string> out;
  if (context.is_object() && context.contains("columns") && context["columns"].is_array()) {
    for (const auto& c : context["columns"]) {
      if (c.is_string()) out.push_back(c.get<std::string>());
    }
  }
  return out;
}

// The values a model in context mode `current` scores with while no campaign is set: the
// latest context of its training data, which its pipeline carries (LoadModelVersion starts
// from them and lays the stored setting over them). An empty object for any other mode, whose
// scoring applies no campaign.
nlohmann::json ModelScoringContext(const nlohmann::json& context) {
  if (!context.is_object() || context.value("mode", "") != "current") {
    return nlohmann::json::object();
  }
  auto it = context.find("scoring_context");
  return it != context.end() && it->is_object() ? *it : nlohmann::json::object();
}

CampaignColumn DescribeColumn(const std::string& name, const nlohmann::json& example) {
  CampaignColumn c{name, false, {}};
  if (const BankColumn* known = FindBankColumn(name)) {
    c.numeric = known->kind == ColumnKind::kNumeric;
    for (std::string_view level : KnownCategories(*known)) c.levels.emplace_back(level);
  } else {
    c.numeric = example.is_number();
  }
  return c;
}

// Campaign from what the store holds: the setting (if any), the latest history row, the
// active model's columns. With `model_fallback`, a column the history gives no value takes the
// active model's scoring context (source "model" when that is all there is), as scoring does.
Result<Campaign> BuildCampaign(Store& store, const std::string& latest_history,
                               bool model_fallback) {
  Campaign c;
  LS_ASSIGN_OR_RETURN(nlohmann::json context, ActiveModelContext(store));
  std::vector<std::string> names = ContextColumnNames(context);
  nlohmann::json latest = nlohmann::json::object();
  if (!latest_history.empty()) {
    latest = ParseDepthBoundedJson(latest_history);
    if (!latest.is_object()) latest = nlohmann::json::object();
  }
  if (names.empty()) {
    for (std::string_view column : ContextFieldNames()) {
      const std::string name(column);
      if (latest.empty() || latest.contains(name)) names.push_back(name);
    }
  }
  for (const auto& name : names) {
    c.columns.push_back(DescribeColumn(name, latest.value(name, nlohmann::json())));
    if (latest.contains(name) && !latest[name].is_null()) c.values[name] = latest[name];
  }
  if (!c.values.empty()) {
    c.source = "history";
  } else if (model_fallback) {
    // No history to go by: the values the active model scores with, as long as no setting
    // replaces them (Model::SetScoringContext takes the setting's values over these).
    nlohmann::json model = ModelScoringContext(context);
    for (const auto& name : names) {
      auto it = model.find(name);
      if (it != model.end() && !it->is_null()) c.values[name] = *it;
    }
    if (!c.values.empty()) c.source = "model";
  }

  LS_ASSIGN_OR_RETURN(std::optional<Setting> setting, store.GetSetting(kCampaignSetting));
  if (setting) {
    auto stored = nlohmann::json::parse(setting->value_json, nullptr, false);
    if (stored.is_object()) {
      if (stored.contains("values") && stored["values"].is_object()) {
        for (const auto& [k, v] : stored["values"].items()) c.values[k] = v;
      }
      if (stored.contains("log") && stored["log"].is_array()) c.log = stored["log"];
      c.source = "setting";
      c.updated_at = setting->updated_at;
      c.updated_by = setting->updated_by;
    }
  }
  return c;
}

Status CheckValue(const CampaignColumn& column, const nlohmann::json& value) {
  // A bank column takes what the field spec (core/field_spec.h) lets every entry point take.
  if (const FieldSpec* spec = FindLeadFieldSpec(column.name)) {
    if (spec->numeric()) {
      if (!value.is_number()) {
        return FieldNotNumber(spec->name, value.is_string() ? value.get<std::string>() : value.dump(),
                              FieldTypeName(spec->type));
      }
      return CheckNumber(*spec, value.get<double>());
    }
    FieldSpec required = *spec;
    required.required = true;  // a campaign value is set, not left empty
    if (!value.is_string()) return CheckCategory(required, value.dump()).status();
    return CheckCategory(required, value.get<std::string>()).status();
  }
  if (column.numeric) {
    if (!value.is_number() || !std::isfinite(value.get<double>())) {
      return Status::InvalidArgument(
                 fmt::format("campaign `{}` must be a number, not {}", column.name, value.dump()))
          .With("field_not_number",
                {{"field", column.name}, {"value", value.dump()}, {"type", std::string("number")}});
    }
    if (column.name == "day") {
      double d = value.get<double>();
      if (d != std::floor(d) || d < 1 || d > 31) {
        return Status::InvalidArgument("campaign `day` must be a day of the month, 1 to 31")
            .With("field_out_of_range",
                  {{"field", std::string("day")}, {"value", d}, {"min", 1.0}, {"max", 31.0}});
      }
    }
    return Status::Ok();
  }
  if (!value.is_string() || value.get<std::string>().empty()) {
    return Status::InvalidArgument(
               fmt::format("campaign `{}` must be a text value, not {}", column.name, value.dump()))
        .With("field_required", {{"field", column.name}});
  }
  const std::string s = value.get<std::string>();
  if (!column.levels.empty() &&
      std::find(column.levels.begin(), column.levels.end(), s) == column.levels.end()) {
    std::string levels;
    for (const auto& l : column.levels) levels += (levels.empty() ? "" : ", ") + l;
    return Status::InvalidArgument(
               fmt::format("campaign `{}` must be one of {}, not `{}`", column.name, levels, s))
        .With("field_unknown_value", {{"field", column.name}, {"value", s}});
  }
  return Status::Ok();
}

}  // namespace

Result<nlohmann::json> ActiveModelContext(Store& store) {
  // The list carries no boosters: the cheap way to the active version's pipeline.
  LS_ASSIGN_OR_RETURN(std::vector<ModelVersion> versions, store.ListModelVersions());
  for (const ModelVersion& v : versions) {
    if (!v.active) continue;
    auto pipeline = nlohmann::json::parse(v.pipeline_json, nullptr, false);
    if (pipeline.is_object() && pipeline.contains("context")) return pipeline["context"];
    return nlohmann::json{{"mode", "include"}};  // saved before context modes existed
  }
  return nlohmann::json();
}

// --- History ----------------------------------------------------------------------------------

std::string LeadDataJson(const Lead& lead) {
  nlohmann::json j = nlohmann::json::object();
  for (const BankColumn& c : kBankColumns) {
    nlohmann::json v = ml::ColumnValue(lead, std::string(c.name));
    if (!v.is_null()) j[std::string(c.name)] = std::move(v);
  }
  auto extra = ParseDepthBoundedJson(lead.extra_json);
  if (extra.is_object()) {
    for (const auto& [k, v] : extra.items()) {
      if (!j.contains(k) && !ml::IsIdentifierColumn(k)) j[k] = v;
    }
  }
  return j.dump();
}

Lead LeadFromDataJson(const std::string& data_json, bool outcome) {
  Lead lead;
  auto j = ParseDepthBoundedJson(data_json);
  if (j.is_object()) {
    nlohmann::json extra = nlohmann::json::object();
    for (const auto& [k, v] : j.items()) {
      if (FindBankColumn(k)) {
        ml::SetColumnValue(v, k, &lead);
      } else {
        extra[k] = v;
      }
    }
    lead.extra_json = extra.dump();
  }
  lead.outcome = outcome;
  return lead;
}

Result<HistoryImport> ImportHistory(Store& store, const Clock& clock, CsvReader reader,
                                    const std::string& by, std::vector<BadLine>* bad_lines) {
  LS_ASSIGN_OR_RETURN(LeadCsvFile file, ReadLeadCsvFile(std::move(reader),
                                                        LeadCsvOptions::Labelled(), bad_lines));
  const TimeMs now = clock.NowMs();
  std::vector<HistoryRow> rows;
  rows.reserve(file.leads.size());
  for (const Lead& lead : file.leads) {
    rows.push_back({0, "import", LeadDataJson(lead), lead.outcome.value_or(false), now, by});
  }
  HistoryImport out;
  LS_ASSIGN_OR_RETURN(out.imported, store.AppendHistory(rows));
  LS_ASSIGN_OR_RETURN(HistoryCounts counts, store.CountHistory());
  out.rows = counts.rows;
  return out;
}

Result<HistoryImport> ImportHistoryFromText(Store& store, const Clock& clock, std::string text,
                                            const std::string& by,
                                            std::vector<BadLine>* bad_lines) {
  LS_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::FromString(std::move(text)));
  return ImportHistory(store, clock, std::move(reader), by, bad_lines);
}

nlohmann::json TrainingData::ToJson() const {
  return {{"history", history},
          {"labelled_leads", labelled_leads},
          {"portal", portal},
          {"total", history + labelled_leads + portal}};
}

Result<TrainingData> GatherTrainingData(Store& store) {
  TrainingData out;
  std::vector<Lead> leads;
  std::string latest;
  LS_RETURN_IF_ERROR(store.ScanHistory(kHistoryBatch, [&](const std::vector<HistoryRow>& rows) {
    for (const HistoryRow& row : rows) leads.push_back(LeadFromDataJson(row.data_json, row.outcome));
    latest = rows.back().data_json;
    return Status::Ok();
  }));
  out.history = static_cast<int64_t>(leads.size());
  // The history's values and the admin's logged changes, not the model's: a portal outcome
  // trains with the campaign that was logged for its day.
  LS_ASSIGN_OR_RETURN(Campaign campaign, BuildCampaign(store, latest, /*model_fallback=*/false));

  std::vector<Lead> portal;
  LeadScan scan;  // as stored: a rejection stays an outcome after the lead returns to pending
  LS_RETURN_IF_ERROR(store.ScanLeads(scan, [&](const std::vector<Lead>& batch) {
    for (const Lead& lead : batch) {
      if (lead.status == LeadStatus::kConverted || lead.status == LeadStatus::kRejected) {
        Lead labelled = lead;
        labelled.outcome = lead.status == LeadStatus::kConverted;
        ml::ApplyContext(CampaignValuesAt(campaign, lead.status_changed_at), &labelled);
        portal.push_back(std::move(labelled));
      } else if (lead.outcome) {
        leads.push_back(lead);
        ++out.labelled_leads;
      }
    }
    return Status::Ok();
  }));
  std::stable_sort(portal.begin(), portal.end(), [](const Lead& a, const Lead& b) {
    return a.status_changed_at < b.status_changed_at;
  });
  out.portal = static_cast<int64_t>(portal.size());
  for (Lead& lead : portal) leads.push_back(std::move(lead));
  out.data = ml::LabelledDataFromLeads(std::move(leads));
  return out;
}

// --- The current campaign ---------------------------------------------------------------------

Result<Campaign> GetCampaign(Store& store) {
  LS_ASSIGN_OR_RETURN(std::string latest, LatestHistoryData(store));
  return BuildCampaign(store, latest, /*model_fallback=*/true);
}

Result<Campaign> PutCampaign(Store& store, const Clock& clock, const nlohmann::json& values,
                             const std::string& by) {
  if (!values.is_object() || values.empty()) {
    return Status::InvalidArgument(
               "the campaign must be an object of context values, e.g. {\"month\": \"nov\"}")
        .With("campaign_empty");
  }
  LS_ASSIGN_OR_RETURN(Campaign campaign, GetCampaign(store));
  for (const auto& [name, value] : values.items()) {
    auto column = std::find_if(campaign.columns.begin(), campaign.columns.end(),
                               [&](const CampaignColumn& c) { return c.name == name; });
    if (column == campaign.columns.end()) {
      std::string names;
      for (const auto& c : campaign.columns) names += (names.empty() ? "" : ", ") + c.name;
      return Status::InvalidArgument(
                 fmt::format("`{}` is not a campaign context column (the columns are: {})", name,
                             names))
          .With("campaign_column_unknown", {{"field", name}, {"columns", names}});
    }
    LS_RETURN_IF_ERROR(CheckValue(*column, value));
  }
  const TimeMs now = clock.NowMs();
  // The first change logs the values it replaces (the history's, else the active model's) as
  // current since always.
  if (campaign.log.empty()) campaign.log.push_back({{"from", 0}, {"values", campaign.values}});
  for (const auto& [name, value] : values.items()) campaign.values[name] = value;
  campaign.log.push_back({{"from", now}, {"values", campaign.values}});
  if (campaign.log.size() > kMaxLoggedChanges) campaign.log.erase(campaign.log.begin());
  Setting setting{kCampaignSetting,
                  nlohmann::json{{"values", campaign.values}, {"log", campaign.log}}.dump(), now,
                  by};
  LS_RETURN_IF_ERROR(store.PutSetting(setting));
  campaign.source = "setting";
  campaign.updated_at = now;
  campaign.updated_by = by;
  return campaign;
}

nlohmann::json CampaignValuesAt(const Campaign& campaign, TimeMs at) {
  const nlohmann::json* chosen = nullptr;
  for (const auto& change : campaign.log) {
    if (change.value("from", TimeMs{0}) <= at) chosen = &change["values"];
  }
  return chosen ? *chosen : campaign.values;
}

nlohmann::json StoredCampaignValues(const Setting& setting) {
  auto stored = nlohmann::json::parse(setting.value_json, nullptr, false);
  if (stored.is_object() && stored.contains("values") && stored["values"].is_object()) {
    return stored["values"];
  }
  return nullptr;
}

}  // namespace leadscore
