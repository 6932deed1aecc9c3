// Small helpers shared by the SQL store: a transaction guard, a builder of bound parameters for
// queries assembled at run time, and the translation of SOCI exceptions into a Status. Nothing
// here is thread-safe; each object lives on one thread for one call.
#pragma once

#include <array>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "store/soci_api.h"

#include "core/grades.h"
#include "core/status.h"
#include "store/dialect.h"

namespace leadscore::store {

// Opens a write transaction on `sql`; rolls it back when destroyed unless committed.
class Tx {
 public:
  Tx(soci::session& sql, const Dialect& dialect);
  ~Tx();
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;
  void Commit();

 private:
  soci::session& sql_;
  std::atomic<uint64_t>* commits_;  // the dialect's, counted after each COMMIT
  bool open_ = true;
};

// Values bound to a query built at run time. Add() stores a value and returns its placeholder
// (":p0", ":p1", ...); Bind() hands every value to a statement. SOCI binds them by position, so
// placeholders must appear in the SQL text in the order they were added. The values live as long as the
// Params, which must outlive the statement's execution.
class Params {
 public:
  std::string Add(long long v);
  std::string Add(double v);
  std::string Add(const std::string& v);
  void Bind(soci::statement& st);

 private:
  std::string Next();
  std::deque<long long> ints_;
  std::deque<double> doubles_;
  std::deque<std::string> strings_;
  // Binding order: (kind, index) in the order added.
  std::deque<std::pair<int, size_t>> order_;
};

// SELECT COUNT(*) with `from_where` ("FROM ... WHERE ...") and its parameters.
long long CountWhere(soci::session& sql, const std::string& from_where, Params& p);

// The bands a score run grades by: the admin's (checked by ValidateGradeBands when set) or the
// quartiles of the scores, which may tie, so only AreGradeCutoffs is asked of them
// (kInvalidArgument grade_bands_invalid otherwise).
Status CheckRunBands(const std::vector<double>& bands);
// The grade of the column `score` as SQL, GradeOf (core/grades.h) written as a CASE over the
// SQL expressions `cutoffs` of the A, B and C cut-offs (placeholders or printed numbers).
std::string GradeCaseSql(const std::array<std::string, kGradeBandCount>& cutoffs);
// Sets every grade in the scores table `table` from `bands` (AreGradeCutoffs) as GradeOf
// would. Touches only the rows whose grade changes; returns how many. Runs in whatever
// transaction `sql` has open.
int64_t RegradeIn(soci::session& sql, const std::string& table, const std::vector<double>& bands);

// "The lead is in the data": every read of leads ANDs this. A lead written by an import that is
// not done yet (state 'writing' or 'failed' in lead_imports, see Version8 in schema.cc) is in
// the table but in no list, count, scan or read by id until the import's last transaction
// marks it done. `prefix` is the lead table's alias with its dot ("l.") or "".
std::string LiveLeadSql(const std::string& prefix);
// The leads of imports not done: `prefix`import_id IN (...), for a write that must reach them
// too (a do-not-call mark), through the index on import_id.
std::string HiddenLeadSql(const std::string& prefix);

// SQLite: the file whose flock(2) is the lock `name` of the database at `connect`
// ("db=\"PATH\"", see OpenStore): "PATH-NAME.lock"; "" for an in-memory database.
std::string SqliteLockPath(const std::string& connect, const std::string& name);

// Increments the data version (table data_version) inside the caller's write transaction. Every
// write that can change a list, a count or a rank calls it just before committing, so the
// version's row lock is held only briefly.
void BumpDataVersion(soci::session& sql);

// The current score at each probability p in [0, 1] (nearest rank) of `probs`, read in
// whatever transaction `sql` has open; empty when there are no scores.
std::vector<double> ScoreQuantilesIn(soci::session& sql, const std::vector<double>& probs);

// Runs fn, turning a thrown SOCI or standard exception into a Status with `what` as context:
// kUnavailable when the database is unreachable or busy (IsBusy), else kInternal. Store methods wrap their bodies in it so that nothing throws out of the store.
Status Guard(const char* what, const std::function<Status()>& fn);

template <typename T>
Result<T> GuardResult(const char* what, const std::function<Result<T>()>& fn) {
  std::optional<Result<T>> out;
  Status s = Guard(what, [&]() -> Status {
    out.emplace(fn());
    return out->ok() ? Status::Ok() : out->status();
  });
  if (!s.ok()) return s;
  return std::move(*out);
}

}  // namespace leadscore::store
