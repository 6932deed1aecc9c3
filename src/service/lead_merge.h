// An import row for a customer the portal already has (one customer, one lead,
// docs/ARCHITECTURE.md): the row's data goes over the lead's for the columns the file has, and a
// row that changes nothing is not written.
#pragma once

#include "core/lead.h"
#include "core/lead_csv.h"

namespace leadscore {

// The lead `existing` with the data of `imported` (a row of a file with `columns`, parsed by
// LeadCsvColumns::ParseRow) for the columns the file has: the bank columns, the extra columns
// (an empty cell removes the value), the outcome when the row gives one (and keep_outcome is
// false), the name and phone when the row's cells are not empty. What the file has no column
// for is kept, and so are the lead's status, owner, notes and do-not-call mark.
Lead MergeImportedLead(const LeadCsvColumns& columns, const Lead& existing, const Lead& imported,
                       bool keep_outcome);

// Whether two leads hold the same data fields (name, phone, bank columns, outcome, customer
// key, and extra_json as JSON): an import row that changes nothing is not written.
bool SameLeadData(const Lead& a, const Lead& b);

}  // namespace leadscore
