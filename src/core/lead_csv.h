// Lead CSV: the one reader of lead data from a CSV file — the import of leads, the campaign
// history, training and evaluation all read a file through it, so the same file gives the same
// leads and the same refusals wherever it goes.
//
// The layout is read from the header, never hard-coded per file: either UCI layout
// (bank-additional-full.csv, `;` and the economic indicators; bank-full.csv, the balance and the
// day of the month) or a bank's own export; the delimiter and the quoting are CsvReader's
// (core/csv.h). Header names are compared after normalising (trimmed, lower case, spaces, dots
// and dashes as `_`), so "emp.var.rate", "emp_var_rate" and "Emp Var Rate" are one column. A
// column is one of:
//   - a known bank column of kBankColumns, under its UCI name or its SQL name (both
//     bank-additional-full and bank-full naming: "default"/"credit_default", "day"/...);
//   - the known outcome: "y", "outcome", "subscribed" (yes/no, 1/0, true/false, ya/tidak);
//   - the customer's name ("name", "nama", "nama_nasabah", "customer_name", ...) or phone
//     ("phone", "telepon", "no_hp", "nomor_hp", "handphone", "mobile", ...);
//   - the customer's key: a customer number ("customer_id", "customer_key", "id_nasabah",
//     "no_nasabah", "cif", ...) or the national identity number ("nik", "no_ktp"). When a file
//     has both, the customer number is the key and the NIK is kept as an extra column;
//   - a column that the export adds (lead_id, lead_status, lead_owner, lead_score, lead_grade):
//     the portal's own state, ignored so that an exported file imports back as the same leads
//     (and never trains a model on its own scores);
//   - anything else: kept per lead in extra_json under its header name as written, a number
//     when written like one without leading zeros (account numbers stay text).
// Required columns: at least one known bank column (else the file is not lead data), and among
// them the ones the field spec (core/field_spec.h) marks required: `age` and `job`, the two
// every lead list and persona needs (see RequiredColumns()). Every bank cell is checked by the
// field spec, as every other entry point of lead data checks it: its type, range and categories
// ("unknown" is a category of its own, not a missing value; an empty cell is missing).
//
// A labelled file (training, evaluation, history: LeadCsvOptions::labelled) must have the
// outcome column and a yes/no in every row; a file to import may leave the outcome out or
// empty (a lead still to call). A backtest may name a date column that orders the rows; it must
// be in the header and have a value in every row.
//
// Every refusal of a row carries its line (1-based, the header is line 1), an English message
// and a reason of core/reasons.h (csv_field_count, field_not_number, field_out_of_range,
// field_unknown_value, field_required, field_too_long, field_not_phone, ...), which the web app
// words.
//
// ParseRow also gives the lead its customer key (docs/ARCHITECTURE.md, one customer, one lead):
// the key column's value when the file has one and the cell is not empty, else the phone in
// E.164 (NormalizePhoneE164, core/lead_workflow.h) when it is a plausible number, else none.
// A LeadCsvColumns is immutable after Create() and may be shared between threads; a
// LeadCsvReader is not thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.h"
#include "core/lead.h"
#include "core/status.h"

namespace leadscore {

// The columns the export appends after the data; the reader ignores them.
inline constexpr std::array<std::string_view, 6> kExportStateColumns = {
    "lead_id", "lead_status", "lead_owner", "lead_score", "lead_grade", "do_not_call"};

// The longest customer key a file may hold.
inline constexpr size_t kMaxCustomerKeyLength = 100;

// The header name normalised for matching: "Emp.Var Rate " -> "emp_var_rate".
std::string NormalizeHeaderName(std::string_view name);

struct LeadCsvOptions {
  // Training, evaluation and history: the file must have the outcome column (else
  // csv_outcome_missing) and every row a yes or no in it (else field_required).
  bool labelled = false;
  // The backtest's order: the column (its header as written, or a bank column's UCI name) must
  // be in the header (else csv_column_missing) and every row must have a value in it (else
  // field_required). Empty: none.
  std::string date_column;

  // A labelled file without a date column.
  static LeadCsvOptions Labelled() { return {true, {}}; }
};

// One refused row of a file, for a report: the line, the reason in English ("column 'age':
// 'abc' is not a number") and the same for a client to word: the column as the file names it
// ("" for the whole row), the reason id of core/reasons.h and its parameters.
struct BadLine {
  size_t line = 0;
  std::string reason;
  std::string column;
  std::string code;
  std::vector<StatusParam> params;

  static BadLine Of(size_t line, const Status& problem);
};

class LeadCsvColumns {
 public:
  enum class Role { kBank, kOutcome, kName, kPhone, kKey, kExportState, kExtra, kBlank };
  struct Column {
    std::string header;  // as written in the file (trimmed)
    Role role = Role::kExtra;
    const BankColumn* bank = nullptr;  // for kBank
  };

  // Maps a header. Fails (kInvalidArgument, with the column names) on a header with no known
  // bank column, a missing required column, two columns that mean the same thing, and what the
  // options ask for and the header lacks.
  static Result<LeadCsvColumns> Create(const std::vector<std::string>& header,
                                       const LeadCsvOptions& options = {});

  // The columns the field spec marks required (age, job).
  static std::vector<std::string_view> RequiredColumns();

  const std::vector<Column>& columns() const { return columns_; }
  bool has_name() const { return has_name_; }
  bool has_phone() const { return has_phone_; }
  bool has_key() const { return key_column_ >= 0; }
  bool has_outcome() const { return outcome_column_ >= 0; }
  // The header of the column the customer key comes from: the key column, else the phone
  // column ("" if neither), for messages.
  std::string KeySource() const;
  // Header names by role, in file order, for reports.
  std::vector<std::string> HeadersWithRole(Role role) const;

  // Fills the data fields and the customer key of *lead from `fields` (a record of the file);
  // name, phone and key stay empty when the row has none. Returns kInvalidArgument with a
  // reason for the user ("column 'age': 'abc' is not a number") on a bad row; *lead is then
  // unspecified.
  Status ParseRow(const std::vector<std::string>& fields, Lead* lead) const;

 private:
  std::vector<Column> columns_;
  bool labelled_ = false;
  bool has_name_ = false;
  bool has_phone_ = false;
  int outcome_column_ = -1;
  int key_column_ = -1;
  int phone_column_ = -1;
  int date_column_ = -1;
};

// One data row of a file as the reader gives it: its line, and the lead, or why the row is
// refused (`lead` is then unspecified).
struct LeadCsvRow {
  size_t line = 0;
  Status status;
  Lead lead;
};

// Reads a lead CSV row by row, for a file too large to hold as leads (the import).
class LeadCsvReader {
 public:
  // Maps the header (LeadCsvColumns::Create). The reader keeps the file's text until it is
  // destroyed.
  static Result<LeadCsvReader> Open(CsvReader csv, const LeadCsvOptions& options = {});

  const LeadCsvColumns& columns() const { return columns_; }
  char delimiter() const { return csv_.delimiter(); }
  // Bytes read so far and in total, for progress reports.
  size_t position() const { return csv_.position(); }
  size_t size() const { return csv_.size(); }

  // Reads the next data row into *row: true if one was read (row->status says whether it is
  // good), false at the end of the file. A broken quote is an error of the file, not of a row:
  // it leaves the rest of the file's structure in doubt.
  Result<bool> Next(LeadCsvRow* row);

 private:
  LeadCsvReader(CsvReader csv, LeadCsvColumns columns)
      : csv_(std::move(csv)), columns_(std::move(columns)) {}

  CsvReader csv_;
  LeadCsvColumns columns_;
  CsvRecord record_;
};

// A whole file read at once, all or nothing: the leads of every row, in file order.
struct LeadCsvFile {
  LeadCsvColumns columns;
  std::vector<Lead> leads;
};

// How many bad lines a refused file lists in its message, and at most in a report.
inline constexpr size_t kBadLinesInMessage = 10;
inline constexpr size_t kMaxListedBadLines = 100'000;

// Reads every row. Any bad row refuses the file: csv_bad_rows {count}, with the first
// kBadLinesInMessage lines in the message ("2 bad row(s); line 3: column 'age': ..."), and the
// first kMaxListedBadLines bad rows in *bad_lines when given. A file without data rows:
// csv_no_rows.
Result<LeadCsvFile> ReadLeadCsvFile(CsvReader csv, const LeadCsvOptions& options,
                                    std::vector<BadLine>* bad_lines = nullptr);
// The same from a file's path; a refusal names the path.
Result<LeadCsvFile> ReadLeadCsvFile(const std::string& path, const LeadCsvOptions& options,
                                    std::vector<BadLine>* bad_lines = nullptr);

}  // namespace leadscore
