// LabelledData: leads whose outcome (`y`) is known, the input of training and evaluation, with
// the list of columns their source carried. The layout is read from the source (a CSV header, or
// the leads themselves when they come from the database), never assumed: known bank columns
// (core/lead.h kBankColumns) go to their Lead slots, every other column is kept in
// Lead::extra_json and offered to the model as an extra feature.
//
// A LabelledData is a plain value; it is not shared between threads.
#pragma once

#include <string>
#include <vector>

#include "core/lead_csv.h"
#include "core/lead.h"
#include "core/status.h"

namespace leadscore::ml {

// One input column of the source, in source order. `known` points into kBankColumns, or is null
// for a column the portal does not know (then `kind` was inferred: numeric when every non-empty
// value parses as a number, categorical otherwise).
struct SourceColumn {
  std::string name;
  ColumnKind kind = ColumnKind::kNumeric;
  const BankColumn* known = nullptr;
};

struct LabelledData {
  std::vector<SourceColumn> columns;  // features only: no `y`, no identifiers
  std::vector<Lead> leads;            // every lead has outcome set

  int Positives() const;
  int Negatives() const { return static_cast<int>(leads.size()) - Positives(); }
  // 0/1 labels in lead order.
  std::vector<float> Labels() const;
  // A new LabelledData holding the leads at `rows` (same columns).
  LabelledData Subset(const std::vector<size_t>& rows) const;
  // A short hex digest of the columns and every lead's values and outcome: two trainings on the
  // same data have the same fingerprint.
  std::string Fingerprint() const;
};

// Column names that identify a customer rather than describe them; never used as features.
bool IsIdentifierColumn(std::string_view name);

// The leads of a labelled file read by the one lead CSV reader (core/lead_csv.h, options
// `labelled`), with its columns in file order: the bank columns under their UCI names, then as
// they come the extra columns (numeric when every value is a number, as for leads from the
// database); the outcome, the name, the phone, the customer key, the export's state columns and
// identifier columns are no input columns.
LabelledData LabelledDataFromFile(LeadCsvFile file);

// Wraps leads from the database: keeps those with a known outcome and infers the columns (a
// known column is present when at least one lead has a value for it; extra columns are the keys
// of extra_json).
LabelledData LabelledDataFromLeads(std::vector<Lead> leads);

}  // namespace leadscore::ml
