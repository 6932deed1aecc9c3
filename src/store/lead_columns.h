// LeadColumns: leads laid out column by column (one vector per SQL column, with NULL
// indicators) so that SOCI can insert or fetch a whole batch in one statement — the fast path of
// import and of every scan. The same layout serves a single row (size 1), so the mapping between
// a Lead and its SQL columns is written once. Not thread-safe; owned by one call.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "store/soci_api.h"
#include "store/sqlite_native.h"

#include "core/lead.h"
#include "core/lead_workflow.h"
#include "store/store.h"

namespace leadscore::store {

class PgCopy;
class PgResult;

// SOCI 4.0's SQLite backend returns no row when a bulk fetch's vectors have size 1, so fetches
// allocate at least kMinFetchRows and bound the row count with LIMIT instead.
inline constexpr size_t kMinFetchRows = 2;

class LeadColumns {
 public:
  explicit LeadColumns(size_t rows = 0) { Resize(rows); }

  // "id, name, phone, age, ..., updated_at" with `prefix` before each (e.g. "l.").
  static std::string SelectList(const std::string& prefix);
  // "name, phone, age, ..., extra_json, outcome, customer_key, phone_digits" and its
  // placeholders ":name, ..." for inserts. phone_digits is not a field of Lead: it is written
  // from the phone (StoredPhoneDigits, core/lead_workflow.h) and never read back.
  static std::string DataColumns();
  static std::string DataPlaceholders();
  // "name = :name, ..., phone_digits = :phone_digits" for updates.
  static std::string DataAssignments();
  // "name = u.name, ..., phone_digits = u.phone_digits" for an update from a table `u`
  // (source "u.") with the DataColumns().
  static std::string DataAssignmentsFrom(const std::string& source);

  void Resize(size_t rows);
  size_t size() const { return id_.size(); }

  // Binds every SelectList() column as an output, in order.
  void BindInto(soci::statement& st);
  // Binds the DataColumns() by name; with_times also :status_changed_at, :created_at and
  // :updated_at (all `now` of Set()).
  void BindData(soci::statement& st, bool with_times);

  void Set(size_t row, const Lead& lead, TimeMs now);
  Lead Get(size_t row) const;
  // Binds a lead's DataColumns() and the three times (`now`) to a native SQLite statement whose
  // parameters are DataPlaceholders() then :status_changed_at, :created_at, :updated_at.
  static void BindData(NativeStatement& st, const Lead& lead, TimeMs now);
  // The same without the times; returns the index of the next parameter.
  static int BindDataOnly(NativeStatement& st, const Lead& lead);
  // Appends a lead's DataColumns(), in that order, as one row of a text COPY (PostgreSQL).
  static void AppendData(PgCopy& copy, const Lead& lead);
  // The current row of a native SQLite statement that selects SelectList() first.
  static Lead Read(const NativeStatement& st);
  // Row `row` of a PostgreSQL result (text format) that selects SelectList() first.
  static Lead Read(const PgResult& result, int row);

 private:
  std::vector<long long> id_;
  std::vector<std::string> name_, phone_;
  std::array<std::vector<double>, kNumericColumnCount> numeric_;
  std::array<std::vector<soci::indicator>, kNumericColumnCount> numeric_ind_;
  std::array<std::vector<std::string>, kCategoricalColumnCount> categorical_;
  std::array<std::vector<soci::indicator>, kCategoricalColumnCount> categorical_ind_;
  std::vector<std::string> extra_json_;
  std::vector<int> outcome_;
  std::vector<soci::indicator> outcome_ind_;
  std::vector<std::string> status_;
  std::vector<long long> owner_id_;
  std::vector<soci::indicator> owner_ind_;
  std::vector<long long> status_changed_at_;
  std::vector<long long> callback_at_;
  std::vector<soci::indicator> callback_ind_;
  std::vector<long long> created_at_, updated_at_;
  std::vector<long long> attempts_;
  std::vector<long long> last_attempt_at_;
  std::vector<soci::indicator> last_attempt_ind_;
  std::vector<long long> followup_at_;
  std::vector<int> do_not_call_;
  std::vector<std::string> customer_key_;
  std::vector<soci::indicator> customer_key_ind_;
  std::vector<std::string> phone_digits_;
};

// The return periods a viewer reads with.
inline ReturnPeriods PeriodsOf(const Viewer& viewer) {
  return {viewer.reject_period, viewer.stale_period};
}

}  // namespace leadscore::store

namespace leadscore::store {

// Rewrites a stored lead as it reads at `now`: a rejected lead past its period, or a contacted
// one left without activity for the stale period, is pending, with no owner and no call-back.
inline void ApplyEffectiveStatus(Lead& lead, TimeMs now, const ReturnPeriods& periods) {
  LeadStatus effective =
      EffectiveStatus(lead.status, lead.status_changed_at, lead.followup_at, now, periods);
  if (effective != lead.status) {
    lead.status = effective;
    lead.owner_id.reset();
    lead.callback_at.reset();
  }
}

}  // namespace leadscore::store
