// Lead export: every lead back to CSV, for the bank's own tools and for backups. Used by
// `leadscore export` and by the HTTP download (GET /api/leads/export), which streams it.
//
// The file is semicolon-separated with strings quoted, as the UCI files are, in this order:
//   1. the bank-additional-full layout (age … nr.employed, in kBankColumns order), plus the
//      bank-full columns balance and day where any lead has a value in them;
//   2. y (yes / no / empty when unknown);
//   3. name, phone and customer_key (the key the importer matches leads by: docs/ARCHITECTURE.md);
//   4. the extra columns of the leads (the union of their keys, in order of first appearance);
//   5. the portal's state (kExportStateColumns): lead_id, lead_status (the effective status at
//      `now`: a rejected lead past its period is pending), lead_owner (display name), lead_score
//      and lead_grade (empty when unscored), do_not_call (true for a customer who asked not to
//      be called: such a row is for the bank's records, never for a call).
// Importing the file again gives the same leads: the importer ignores the state columns and
// finds each lead by its customer_key, so the rows count as unchanged (or update the leads).
//
// Streaming: the leads are read from the store a batch at a time and written through the sink
// as they come, so memory stays flat however many leads there are. A first pass over the leads
// collects the extra columns (the header must name them before the first row). Thread-safe as
// far as the Store is; the sink runs on the calling thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/lead.h"
#include "core/status.h"
#include "store/store.h"

namespace leadscore {

struct ExportOptions {
  std::optional<LeadStatus> status;  // only leads whose effective status is this
  std::optional<std::string> grade;  // only leads with this grade ("A".."D")
  TimeMs reject_period = kDefaultRejectPeriod;
  size_t batch_size = 5000;
};

// Receives the CSV text piece by piece (about 1 MB at a time); a non-OK Status stops the export
// (e.g. the HTTP client went away) and is returned.
using CsvSink = std::function<Status(std::string_view chunk)>;

// Returns the number of leads written.
Result<int64_t> ExportLeads(Store& store, const Clock& clock, const ExportOptions& options,
                            const CsvSink& sink);
Result<int64_t> ExportLeadsToStream(Store& store, const Clock& clock,
                                    const ExportOptions& options, std::ostream& out);

}  // namespace leadscore
