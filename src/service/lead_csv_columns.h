// LeadCsvColumns: how the columns of a lead CSV map onto a Lead, shared by import and export.
//
// The layout is read from the header, never hard-coded per file. Header names are compared
// after normalising (trimmed, lower case, spaces, dots and dashes as `_`), so "emp.var.rate",
// "emp_var_rate" and "Emp Var Rate" are one column. A column is one of:
//   - a known bank column of kBankColumns, under its UCI name or its SQL name (both
//     bank-additional-full and bank-full naming: "default"/"credit_default", "day"/...);
//   - the known outcome: "y", "outcome", "subscribed";
//   - the customer's name ("name", "nama", "nama_nasabah", "customer_name", ...) or phone
//     ("phone", "telepon", "no_hp", "nomor_hp", "handphone", "mobile", ...);
//   - the customer's key: a customer number ("customer_id", "customer_key", "id_nasabah",
//     "no_nasabah", "cif", ...) or the national identity number ("nik", "no_ktp"). When a file
//     has both, the customer number is the key and the NIK is kept as an extra column;
//   - a column that the export adds (lead_id, lead_status, lead_owner, lead_score, lead_grade):
//     the portal's own state, ignored on import so that an exported file imports back as the
//     same leads;
//   - anything else: kept per lead in extra_json under its header name as written.
// Required columns: at least one known bank column (else the file is not lead data), and among
// them the ones the field spec (core/field_spec.h) marks required: `age` and `job`, the two
// every lead list and persona needs (see RequiredColumns()). Every bank cell is checked by the
// field spec, as every other entry point of lead data checks it.
//
// ParseRow validates one record and fills a Lead, with its customer key (docs/ARCHITECTURE.md, one
// customer, one lead): the key column's value when the file has one and the cell is not empty,
// else the phone in E.164 (NormalizePhoneE164, core/lead_workflow.h) when it is a plausible
// number, else none. A row without a name, a phone or a key is left so; the import gives the
// lead it creates a made-up identity from a number the store reserved (FillMadeUpIdentity),
// so that no two imports make the same one. A LeadCsvColumns is immutable after Create() and
// may be shared between threads.
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

// The columns the export appends after the data; the importer ignores them.
inline constexpr std::array<std::string_view, 6> kExportStateColumns = {
    "lead_id", "lead_status", "lead_owner", "lead_score", "lead_grade", "do_not_call"};

// "Nasabah 000123", "+62 000 0000 0123" and "auto:000123" for identity number 123 (reserved by
// Store::ReserveIdentityNumbers): visibly not real (the +62 000 prefix is not an Indonesian
// operator range, and NormalizePhoneE164 takes it for no number).
std::string FakeName(int64_t number);
std::string FakePhone(int64_t number);
std::string MadeUpKey(int64_t number);

// Gives the lead what it lacks of an identity, from identity number `number`: FakeName if it
// has no name, FakePhone if no phone, MadeUpKey if no customer key. True when the name or the
// phone was made up.
bool FillMadeUpIdentity(Lead* lead, int64_t number);

// The longest customer key a file may hold.
inline constexpr size_t kMaxCustomerKeyLength = 100;

// The header name normalised for matching: "Emp.Var Rate " -> "emp_var_rate".
std::string NormalizeHeaderName(std::string_view name);

class LeadCsvColumns {
 public:
  enum class Role { kBank, kOutcome, kName, kPhone, kKey, kExportState, kExtra, kBlank };
  struct Column {
    std::string header;  // as written in the file (trimmed)
    Role role = Role::kExtra;
    const BankColumn* bank = nullptr;  // for kBank
  };

  // Maps a header. Fails (kInvalidArgument, with the column names) on a header with no known
  // bank column, a missing required column, or two columns that mean the same thing.
  static Result<LeadCsvColumns> Create(const std::vector<std::string>& header);

  // The columns the field spec marks required (age, job).
  static std::vector<std::string_view> RequiredColumns();

  const std::vector<Column>& columns() const { return columns_; }
  bool has_name() const { return has_name_; }
  bool has_phone() const { return has_phone_; }
  bool has_key() const { return key_column_ >= 0; }
  bool has_outcome() const { return has_outcome_; }
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

  // The lead `existing` with the data of `imported` (a row of this file, parsed by ParseRow)
  // for the columns the file has: the bank columns, the extra columns (an empty cell removes
  // the value), the outcome when the row gives one (and keep_outcome is false), the name and
  // phone when the row's cells are not empty. What the file has no column for is kept.
  Lead Merge(const Lead& existing, const Lead& imported, bool keep_outcome) const;

 private:
  std::vector<Column> columns_;
  bool has_name_ = false;
  bool has_phone_ = false;
  bool has_outcome_ = false;
  int key_column_ = -1;
  int phone_column_ = -1;
};

// Whether two leads hold the same data fields (name, phone, bank columns, outcome, customer
// key, and extra_json as JSON): an import row that changes nothing is not written.
bool SameLeadData(const Lead& a, const Lead& b);

}  // namespace leadscore
