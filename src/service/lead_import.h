// Lead import: a CSV of customers (either UCI bank-marketing layout or a bank's own export)
// into the store, all or nothing. Used by `leadscore import`, `leadscore demo` and the HTTP
// upload (POST /api/leads/import).
//
// Two phases. First the file is read once, in order, and every row is validated (field count,
// numbers in numeric columns, ranges, yes/no outcome, phone: the one lead CSV reader,
// core/lead_csv.h), with no
// transaction open: the good rows are kept in memory, packed (PackedLeads). Then, only if the
// file is taken, the good rows are written in batches (Store::BeginLeadImport), each in short
// transactions of at most kImportChunkRows rows whose leads no read shows, and the last, small
// transaction of Commit() shows them all at once. So on SQLite the write lock is never held while
// the file is parsed, and other writes (a sales person's status change) wait at most one chunk,
// not the whole file; the import stays all or nothing (a failed or killed import's leads are
// never shown and are deleted):
//   - by default any bad row refuses the whole file: the rest of the file is still checked so
//     that the report lists every bad line, no transaction is begun and nothing is written;
//   - with skip_bad the good rows are committed and the bad ones listed.
// One customer, one lead (docs/ARCHITECTURE.md): every row has a customer key (core/lead_csv.h: the
// file's customer_id or NIK, else the phone in E.164). A key repeated within the file is a bad
// row (the later one, with the line of the first). Once the file is taken, the keys are looked
// up in batches: a row whose key a lead already has updates that lead's data fields (the
// columns the file has; MergeImportedLead, service/lead_merge.h), leaving its status, owner, call attempts,
// history, notes and do-not-call mark as they are, and is not written at all when it changes
// nothing; the other rows are new leads. Both kinds are written in the one transaction
// (LeadWriter::Add and LeadWriter::Update). A row with no key, name or phone gets a made-up
// identity from numbers the store reserves for the import (FillMadeUpIdentity), so two imports
// never make the same one.
//
// A file-level problem (unreadable, 0 bytes, not UTF-8, no header, a header without the
// required columns, a broken quote, no data rows) is an error Status instead of a report: a
// broken quote leaves the rest of the file's structure in doubt, so it refuses the file even
// with skip_bad.
//
// The functions are thread-safe as far as the Store is; the progress callback runs on the
// calling thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/csv.h"
#include "core/lead_csv.h"
#include "core/status.h"
#include "store/store.h"

namespace leadscore {

struct ImportProgress {
  // Reading and checking the file (no transaction open): bytes of it read, data rows read.
  size_t bytes_done = 0;
  size_t bytes_total = 0;
  int64_t rows_read = 0;
  // Then writing the good rows (shown only once all are written): rows written of
  // rows_to_write. Both stay 0 while the file is read.
  int64_t rows_written = 0;
  int64_t rows_to_write = 0;
};

struct ImportOptions {
  bool skip_bad = false;
  // Leave `y` out: the rows are customers to call, whatever their file says of the past.
  bool drop_outcome = false;
  size_t batch_size = 5000;
  // Called while reading after every batch_size rows and once the file is read (rows_to_write
  // 0), then while writing after every batch written.
  std::function<void(const ImportProgress&)> progress;
};

struct ImportReport {
  // False when bad rows refused the file (skip_bad unset): nothing was written.
  bool committed = false;
  int64_t rows_read = 0;      // data rows in the file
  int64_t rows_imported = 0;  // good rows taken: created + updated + unchanged (0 unless committed)
  int64_t created = 0;        // new leads
  int64_t updated = 0;        // existing leads (same customer key) whose data changed
  int64_t unchanged = 0;      // existing leads the row would not change: not written
  int64_t bad_rows = 0;       // every bad row, even past the list's limit
  std::vector<BadLine> bad_lines;  // the first kMaxListedBadLines bad rows, in file order
  int64_t fake_identities = 0;     // new leads that were given a made-up name or phone
  char delimiter = ';';
  std::vector<std::string> bank_columns;     // recognised, as named in the file
  std::vector<std::string> extra_columns;    // kept in extra_json
  std::vector<std::string> ignored_columns;  // the export's state columns, blank headers

  static constexpr size_t kMaxListedBadLines = leadscore::kMaxListedBadLines;

  // "line 3: column 'age': 'abc' is not a number" for each listed bad line, one per line.
  std::string BadLinesText() const;
};

// Imports from a CSV already opened (the other two forms open it and call this).
Result<ImportReport> ImportLeads(Store& store, const Clock& clock, CsvReader reader,
                                 const ImportOptions& options);
Result<ImportReport> ImportLeadsFromFile(Store& store, const Clock& clock, const std::string& path,
                                         const ImportOptions& options);
// For an upload: the body is the CSV text.
Result<ImportReport> ImportLeadsFromText(Store& store, const Clock& clock, std::string text,
                                         const ImportOptions& options);

}  // namespace leadscore
