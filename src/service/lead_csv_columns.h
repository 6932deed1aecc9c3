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
//   - a column that the export adds (lead_id, lead_status, lead_owner, lead_score, lead_grade):
//     the portal's own state, ignored on import so that an exported file imports back as the
//     same leads;
//   - anything else: kept per lead in extra_json under its header name as written.
// Required columns: at least one known bank column (else the file is not lead data), and among
// them `age` and `job`, the two every lead list and persona needs (see RequiredColumns()).
//
// ParseRow validates one record and fills a Lead; rows without a name or phone get a clearly
// fake, deterministic identity from the row's position in the file (FakeName, FakePhone), so a
// re-import of the same file gives the same names. A LeadCsvColumns is immutable after
// Create() and may be shared between threads.
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

// The limits of a known numeric bank column ("age": whole numbers 1..120), for every input that
// takes such a value; FindLeadNumberRule gives null for a column that takes any finite number.
struct LeadNumberRule {
  std::string_view column;
  double min, max;
  bool whole;
};
const LeadNumberRule* FindLeadNumberRule(std::string_view column);

// "Nasabah 000123" and "+62 000 0000 0123" for the 123rd data row: visibly not real (the +62 000
// prefix is not an Indonesian operator range), the same on every import of the file.
std::string FakeName(int64_t ordinal);
std::string FakePhone(int64_t ordinal);

// The header name normalised for matching: "Emp.Var Rate " -> "emp_var_rate".
std::string NormalizeHeaderName(std::string_view name);

class LeadCsvColumns {
 public:
  enum class Role { kBank, kOutcome, kName, kPhone, kExportState, kExtra, kBlank };
  struct Column {
    std::string header;  // as written in the file (trimmed)
    Role role = Role::kExtra;
    const BankColumn* bank = nullptr;  // for kBank
  };

  // Maps a header. Fails (kInvalidArgument, with the column names) on a header with no known
  // bank column, a missing required column, or two columns that mean the same thing.
  static Result<LeadCsvColumns> Create(const std::vector<std::string>& header);

  static std::vector<std::string_view> RequiredColumns() { return {"age", "job"}; }

  const std::vector<Column>& columns() const { return columns_; }
  bool has_name() const { return has_name_; }
  bool has_phone() const { return has_phone_; }
  // Header names by role, in file order, for reports.
  std::vector<std::string> HeadersWithRole(Role role) const;

  // Fills *lead from `fields` (a record of the file; `ordinal` is its 1-based position among
  // the data rows, for the fake identity). Returns kInvalidArgument with a reason for the user
  // ("column 'age': 'abc' is not a number") on a bad row; *lead is then unspecified.
  // *faked is set when a name or phone was made up.
  Status ParseRow(const std::vector<std::string>& fields, int64_t ordinal, Lead* lead,
                  bool* faked) const;

 private:
  std::vector<Column> columns_;
  bool has_name_ = false;
  bool has_phone_ = false;
};

}  // namespace leadscore
