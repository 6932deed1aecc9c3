// The SQLite C API on a SOCI session's own connection, for the bulk paths where SOCI's cost per
// value dominates: reading every lead in id order (a refresh, training, export) and writing a
// refresh's scores. SOCI allocates a buffer for every fetched value and binds through several
// layers per value; at a million rows of 30 columns that was most of a refresh's CPU time. The
// statements here run inside whatever transaction the session has open, like SOCI's own.
// Errors are thrown as soci::soci_error so that Guard() reports them like any other.
// Not thread-safe: one statement belongs to one session on one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "store/soci_api.h"

// SQLite's own types, declared here rather than through <sqlite3.h>: SOCI's SQLite header
// (included by sql_store.cc) wraps <sqlite3.h> in a namespace, and the two must not meet.
struct sqlite3;
struct sqlite3_stmt;

namespace leadscore::store {

// Asks SQLite, before its first connection opens, to leave out the mutex it otherwise takes on
// every call into a connection (its "serialized" mode): each connection of the store is used by
// one thread at a time (the pool hands it out), and those mutexes were a sixth of a refresh's
// CPU time. Without effect (and harmless) once SQLite is initialised.
void PreferSqliteWithoutConnectionMutexes();

// The session's SQLite connection; nullptr when the session is not SQLite.
sqlite3* NativeSqlite(soci::session& sql);

// Makes a connection wait up to `timeout_ms` for another's lock by trying again every
// millisecond (SQLite's own busy_timeout sleeps up to 100 ms between tries, so a lock free for
// a moment, as between two chunks of an import, goes to whoever holds on to it).
void SetSqliteBusyWait(sqlite3* db, int timeout_ms);

// A prepared statement, finalized when destroyed. Bind positions are 1-based, as in SQLite.
class NativeStatement {
 public:
  NativeStatement(sqlite3* db, std::string_view sql);
  ~NativeStatement();
  NativeStatement(const NativeStatement&) = delete;
  NativeStatement& operator=(const NativeStatement&) = delete;

  void Bind(int position, int64_t value);
  void Bind(int position, double value);
  void Bind(int position, std::string_view value);  // copied by SQLite
  void BindNull(int position);
  // Runs one step: true while a row is there to read, false when done.
  bool Step();
  // Runs a write: true if done, false if a foreign key refused the row (nothing written).
  bool StepUnlessForeignKeyFails();
  // Ready to run again with new bindings (bindings are kept until rebound).
  void Reset();

  bool IsNull(int column) const;
  int64_t Int(int column) const;
  double Real(int column) const;
  std::string_view Text(int column) const;

 private:
  [[noreturn]] void Fail(const char* what, int rc) const;

  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

}  // namespace leadscore::store
