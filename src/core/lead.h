// Lead: one customer the bank may phone, with the bank's data about them, their follow-up
// status and their current score. The bank columns of both UCI layouts are described once, in
// kBankColumns; storage, import, export and the model read that table instead of naming
// columns one by one, so a new known column is one entry there.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace leadscore {

enum class LeadStatus { kPending, kContacted, kConverted, kRejected };

// "pending", "contacted", "converted", "rejected": the names used in the API and the database.
std::string_view LeadStatusName(LeadStatus status);
std::optional<LeadStatus> ParseLeadStatus(std::string_view name);

enum class ColumnKind { kNumeric, kCategorical };

struct BankColumn {
  std::string_view name;      // as in the UCI header: "emp.var.rate"
  std::string_view sql_name;  // a safe SQL identifier: "emp_var_rate"
  ColumnKind kind;
  int slot;                   // index into Lead::numeric or Lead::categorical
  std::string_view label_en;  // for reasons and forms: "Employment variation rate"
  std::string_view label_id;  // Indonesian: "Tingkat variasi lapangan kerja"
};

inline constexpr int kNumericColumnCount = 12;
inline constexpr int kCategoricalColumnCount = 10;

// The union of the columns of bank-additional-full.csv and bank-full.csv. `y` is not here: it is
// the known outcome, Lead::outcome.
inline constexpr std::array<BankColumn, kNumericColumnCount + kCategoricalColumnCount>
    kBankColumns = {{
        {"age", "age", ColumnKind::kNumeric, 0, "Age", "Usia"},
        {"job", "job", ColumnKind::kCategorical, 0, "Job", "Pekerjaan"},
        {"marital", "marital", ColumnKind::kCategorical, 1, "Marital status", "Status pernikahan"},
        {"education", "education", ColumnKind::kCategorical, 2, "Education", "Pendidikan"},
        {"default", "credit_default", ColumnKind::kCategorical, 3, "Credit in default",
         "Kredit macet"},
        {"balance", "balance", ColumnKind::kNumeric, 1, "Average yearly balance",
         "Saldo rata-rata tahunan"},
        {"housing", "housing", ColumnKind::kCategorical, 4, "Housing loan", "Kredit rumah"},
        {"loan", "loan", ColumnKind::kCategorical, 5, "Personal loan", "Pinjaman pribadi"},
        {"contact", "contact", ColumnKind::kCategorical, 6, "Contact type", "Jenis kontak"},
        {"day", "day_of_month", ColumnKind::kNumeric, 2, "Day of month of last contact",
         "Tanggal kontak terakhir"},
        {"month", "month", ColumnKind::kCategorical, 7, "Month of last contact",
         "Bulan kontak terakhir"},
        {"day_of_week", "day_of_week", ColumnKind::kCategorical, 8, "Weekday of last contact",
         "Hari kontak terakhir"},
        {"duration", "duration", ColumnKind::kNumeric, 3, "Last call duration (s)",
         "Durasi panggilan terakhir (detik)"},
        {"campaign", "campaign", ColumnKind::kNumeric, 4, "Calls in this campaign",
         "Jumlah panggilan kampanye ini"},
        {"pdays", "pdays", ColumnKind::kNumeric, 5, "Days since previous campaign",
         "Hari sejak kampanye sebelumnya"},
        {"previous", "previous", ColumnKind::kNumeric, 6, "Contacts before this campaign",
         "Kontak sebelum kampanye ini"},
        {"poutcome", "poutcome", ColumnKind::kCategorical, 9, "Previous campaign outcome",
         "Hasil kampanye sebelumnya"},
        {"emp.var.rate", "emp_var_rate", ColumnKind::kNumeric, 7, "Employment variation rate",
         "Tingkat variasi lapangan kerja"},
        {"cons.price.idx", "cons_price_idx", ColumnKind::kNumeric, 8, "Consumer price index",
         "Indeks harga konsumen"},
        {"cons.conf.idx", "cons_conf_idx", ColumnKind::kNumeric, 9, "Consumer confidence index",
         "Indeks kepercayaan konsumen"},
        {"euribor3m", "euribor3m", ColumnKind::kNumeric, 10, "Euribor 3-month rate",
         "Suku bunga Euribor 3 bulan"},
        {"nr.employed", "nr_employed", ColumnKind::kNumeric, 11, "Number employed (thousands)",
         "Jumlah pekerja (ribuan)"},
    }};

// The known column with this header name, or nullptr.
const BankColumn* FindBankColumn(std::string_view name);

// The categories a categorical column takes in the UCI layouts (the union of both, "unknown"
// included), for forms that offer a choice; empty for a numeric column. The field spec
// (core/field_spec.h) holds new input to them; a lead stored before keeps its value.
std::span<const std::string_view> KnownCategories(const BankColumn& column);

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
inline bool IsMissing(double v) { return std::isnan(v); }

struct Lead {
  int64_t id = 0;
  std::string name;
  std::string phone;
  std::array<double, kNumericColumnCount> numeric;           // NaN when missing
  std::array<std::string, kCategoricalColumnCount> categorical;  // "" when missing
  std::string extra_json = "{}";  // columns the portal does not know, as a JSON object
  std::optional<bool> outcome;    // `y` of past campaigns, when known
  // Who the customer is ("One customer, one lead" in docs/ARCHITECTURE.md): the file's customer_id
  // or NIK, else the phone in E.164 ("+62..."), else an identity the portal made up
  // ("auto:000123"). Unique among the leads; "" only for a lead stored before keys existed that
  // shared its number with an older one.
  std::string customer_key;

  LeadStatus status = LeadStatus::kPending;
  std::optional<int64_t> owner_id;  // the sales who moved it out of pending
  TimeMs status_changed_at = 0;
  std::optional<TimeMs> callback_at;
  int64_t attempts = 0;                  // call attempts logged (POST /api/leads/{id}/attempts)
  std::optional<TimeMs> last_attempt_at;
  // A contacted lead's follow-up anchor (FollowUpAnchor in core/lead_workflow.h): the owner's
  // last activity, or the call-back time when later. The stale return counts from it.
  TimeMs followup_at = 0;
  // The customer asked not to be called: in no call list, takes no call
  // (docs/ARCHITECTURE.md, "The sales floor").
  bool do_not_call = false;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;

  Lead() { numeric.fill(kMissing); }

  double Number(const BankColumn& c) const { return numeric[c.slot]; }
  const std::string& Text(const BankColumn& c) const { return categorical[c.slot]; }
};

// A rejected lead returns to pending `reject_period` after it was rejected, whether or not any
// process was running then: every reader applies this rule instead of trusting the stored row.
inline LeadStatus EffectiveStatus(LeadStatus stored, TimeMs status_changed_at, TimeMs now,
                                  TimeMs reject_period) {
  if (stored == LeadStatus::kRejected && now - status_changed_at >= reject_period) {
    return LeadStatus::kPending;
  }
  return stored;
}

inline constexpr TimeMs kDefaultRejectPeriod = kMsPerDay;

}  // namespace leadscore
