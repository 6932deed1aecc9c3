// Campaign history and the current campaign (docs/MODEL.md, "Customer or campaign").
//
// History: labelled rows of past campaigns (`leadscore import --history`, POST
// /api/history/import, the demo's earlier calls) kept as training data that no call list shows.
// The training set is the history, then the leads whose `y` is known, then the outcomes the team
// set in the portal (a lead whose stored status is converted = yes, rejected = no), each of the
// latter with the campaign context of its day.
//
// The current campaign: the campaign-context values (month, weekday, the economy) that scoring
// applies to every lead when the active model uses the context as one current context. A stored
// setting ("campaign") that the admin edits; until then the latest values of the history, or
// without history the values the active model scores with (its pipeline's). Each
// change is logged with its time, so an outcome set in the portal trains with the context that
// was current on its day.
//
// Free functions over a Store; thread-safe as far as the Store is.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/csv.h"
#include "core/lead_csv.h"
#include "core/status.h"
#include "ml/labelled_data.h"
#include "store/store.h"

namespace leadscore {

inline constexpr const char* kCampaignSetting = "campaign";

// --- History

// A lead's columns (the known bank columns with a value, then its extra columns but for
// identifiers such as an email: the history is training data, not a list of customers) as the
// JSON object a history row keeps, and back.
std::string LeadDataJson(const Lead& lead);
Lead LeadFromDataJson(const std::string& data_json, bool outcome);

struct HistoryImport {
  int64_t imported = 0;  // rows added
  int64_t rows = 0;      // history rows after the import
};
// A labelled CSV (either UCI layout or a bank's own, with `y`), read as the import reads leads
// (core/lead_csv.h), appended to the history, all or nothing: any bad row refuses the file
// (csv_bad_rows) with its line and reason, listed in *bad_lines when given, and nothing is
// stored.
Result<HistoryImport> ImportHistory(Store& store, const Clock& clock, CsvReader reader,
                                    const std::string& by,
                                    std::vector<BadLine>* bad_lines = nullptr);
Result<HistoryImport> ImportHistoryFromText(Store& store, const Clock& clock, std::string text,
                                            const std::string& by,
                                            std::vector<BadLine>* bad_lines = nullptr);

struct TrainingData {
  ml::LabelledData data;
  int64_t history = 0;         // rows from the history
  int64_t labelled_leads = 0;  // leads whose `y` is known (and no portal outcome)
  int64_t portal = 0;          // outcomes set in the portal
  nlohmann::json ToJson() const;  // {history, labelled_leads, portal, total}
};
Result<TrainingData> GatherTrainingData(Store& store);

// --- The current campaign

struct CampaignColumn {
  std::string name;
  bool numeric = false;
  std::vector<std::string> levels;  // the known categories, empty for a number
};

struct Campaign {
  nlohmann::json values = nlohmann::json::object();  // {column: value}
  // "setting" (the admin's), "history" (the latest history row), "model" (no history: the
  // scoring context the active model's pipeline carries, the latest context of its training
  // data), "none".
  std::string source = "none";
  TimeMs updated_at = 0;
  std::string updated_by;
  // The columns an admin may set: the active model's context columns, or the built-in context
  // columns the history has.
  std::vector<CampaignColumn> columns;
  // Every change, oldest first: [{"from": ms, "values": {...}}].
  nlohmann::json log = nlohmann::json::array();
};

Result<Campaign> GetCampaign(Store& store);
// Validates `values` ({column: value}: columns of GetCampaign().columns only, a finite number
// for a numeric column, one of the known levels for a category) and stores them over the
// current values, logging the change. kInvalidArgument names the bad column; nothing is saved.
Result<Campaign> PutCampaign(Store& store, const Clock& clock, const nlohmann::json& values,
                             const std::string& by);
// The values that were current at `at` (the log's latest change at or before it, else the
// first logged or default values).
nlohmann::json CampaignValuesAt(const Campaign& campaign, TimeMs at);
// The active version's pipeline context {mode, columns, scoring_context}; null without an
// active version.
Result<nlohmann::json> ActiveModelContext(Store& store);
// The stored setting's current values (an object), or null when never set.
nlohmann::json StoredCampaignValues(const Setting& setting);

}  // namespace leadscore
