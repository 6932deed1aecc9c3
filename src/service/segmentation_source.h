// Where the rows of a segmentation come from: the chosen numeric columns of a customer CSV
// (such as the bundled data/Mall_Customers.csv) or of the leads in the store.
//
// Both readers refuse bad input with the line (or lead id) and the reason, and change nothing.
// A CSV value may use a decimal comma when the file is semicolon-separated, as Indonesian
// spreadsheets export it ("1,5" is 1.5). Stateless functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
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

// A column that names or numbers the rows instead of describing the customer — "id",
// "CustomerID", "customer_id", "nik", "no" — by its name. K-Means on it would group customers
// by their place in the file; a segmentation refuses it and the builder does not offer it.
bool IsIdLikeColumn(std::string_view name);

// A numeric bank column a segmentation of the leads can use.
struct FeatureCandidate {
  const BankColumn* column = nullptr;
  int64_t present = 0;  // leads that have a value
};

struct LeadFeatureChoice {
  int64_t leads = 0;
  // The numeric columns at least half of the leads have, in kBankColumns order, without a
  // column of whole numbers that differ on every lead (over 20 leads or more: such a column
  // identifies, it does not describe).
  std::vector<FeatureCandidate> candidates;
  // What a segmentation of the leads uses when none are chosen: age x balance when the leads
  // have a balance (bank-full.csv), else age x campaign (bank-additional-full.csv has no
  // balance; campaign, the calls in this campaign, varies where previous is 0 for most
  // customers), else age x previous, else the first two customer columns of `candidates`.
  // Empty when no column qualifies.
  std::vector<std::string> defaults;
};

// Reads every lead once.
Result<LeadFeatureChoice> LeadFeatureCandidates(Store& store);

}  // namespace leadscore
