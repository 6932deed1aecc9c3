// Where the rows of a segmentation come from: the chosen numeric columns of a customer CSV
// (such as the bundled data/Mall_Customers.csv) or of the leads in the store.
//
// Both readers refuse bad input with the line (or lead id) and the reason, and change nothing.
// A CSV value may use a decimal comma when the file is semicolon-separated, as Indonesian
// spreadsheets export it ("1,5" is 1.5). Stateless functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/csv.h"
#include "core/status.h"
#include "ml/kmeans_builder.h"
#include "store/store.h"

namespace leadscore {

// The named columns of every record. Fails on an unknown column (listing the ones the file
// has), a short record, an empty or non-numeric value (up to 20 such lines are listed), or a
// file with no rows.
Result<ml::FeatureTable> ReadCsvFeatures(CsvReader reader,
                                         const std::vector<std::string>& features);

struct LeadFeatures {
  ml::FeatureTable table;
  std::vector<int64_t> lead_ids;  // one per row of the table
  int64_t skipped = 0;            // leads missing a value of some feature, left out
};

// The numeric bank columns `features` (header names such as "age", "balance", or their SQL
// names) of every lead that has all of them. Fails on a column that is unknown or not numeric,
// naming the numeric ones.
Result<LeadFeatures> ReadLeadFeatures(Store& store, const std::vector<std::string>& features);

}  // namespace leadscore
