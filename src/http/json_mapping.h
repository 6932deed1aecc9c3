// JSON shapes of the API (docs/openapi.yaml, components/schemas), built from the store's and
// services' types. One function per schema, so the contract with the web app is readable in one
// file. Times are ISO 8601 UTC strings; missing values are null.
//
// Free functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/lead.h"
#include "core/lead_csv.h"
#include "service/activity_service.h"
#include "service/leads_service.h"
#include "store/store.h"

namespace leadscore::http {

nlohmann::json TimeJson(TimeMs ms);
nlohmann::json TimeJson(const std::optional<TimeMs>& ms);

nlohmann::json UserJson(const User& user);
nlohmann::json UserRefJson(int64_t id, const std::string& display_name);

// The bank columns of a lead by UCI header name: numbers, strings, null when missing.
nlohmann::json FieldsJson(const Lead& lead);

// LeadSummary, as seen by the user `viewer_id`.
nlohmann::json LeadSummaryJson(const LeadRow& row, int64_t viewer_id);
nlohmann::json LeadDetailJson(const LeadDetail& detail, int64_t viewer_id);

nlohmann::json ActivityJson(const ActivityEntry& entry);
nlohmann::json StatusCountsJson(const StatusCounts& counts);
nlohmann::json PerformanceJson(const Performance& performance, TimeMs utc_offset);
nlohmann::json TeamRowJson(const TeamRow& row);

// The bad lines of a refused or partly taken CSV, the first kMaxListedCsvErrors of them:
// [{line, column, code, params, reason}], as the web app lists them.
inline constexpr size_t kMaxListedCsvErrors = 1000;
nlohmann::json BadLinesJson(const std::vector<BadLine>& bad_lines);

// "2026-11-22" for the local day starting at UTC ms `day_start`.
std::string DateText(TimeMs day_start, TimeMs utc_offset);

}  // namespace leadscore::http
