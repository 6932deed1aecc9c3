// The JSON of the ranked list, written straight to text by RapidJSON's writer: a page of 50
// leads is the API's most frequent answer, and building a DOM per row cost more than reading
// the rows. The shapes are LeadSummary and LeadPage of docs/openapi.yaml.
//
// Free functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "store/store.h"

namespace leadscore::http {

// {"items": [LeadSummary…], "total", "page", "size"} as seen by the user `viewer_id`.
std::string LeadPageText(const LeadPage& page, int64_t viewer_id, int64_t page_no, int64_t size);
// One LeadSummary as seen by the user `viewer_id`.
std::string LeadSummaryText(const LeadRow& row, int64_t viewer_id);

}  // namespace leadscore::http
