// Dialect: the few places where SQLite and PostgreSQL differ, kept in one small table so the
// rest of the store is one code path. DDL is written with placeholders that Expand() replaces:
//   {ID}      an auto-numbered BIGINT primary key (INTEGER PRIMARY KEY AUTOINCREMENT / BIGSERIAL)
//   {BOOL}    a boolean column (INTEGER 0/1 / BOOLEAN)
//   {REAL}    a double (REAL / DOUBLE PRECISION)
// Queries read booleans through BoolInt() (0/1 on both) and bind booleans as TRUE/FALSE literals
// or compare them with `col = TRUE`. Upsert (ON CONFLICT), RETURNING, LIMIT/OFFSET and window
// functions are the same on both (SQLite >= 3.35). Immutable; thread-safe (`commits` points at
// an atomic counter of the owning store, which outlives it).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/soci_api.h"

namespace leadscore::store {

enum class Engine { kSqlite, kPostgres };

struct Dialect {
  Engine engine;
  // Counts the write transactions committed through the store that owns this dialect (Tx), so
  // that what it caches from the database knows when its own writes changed it; may be null.
  std::atomic<uint64_t>* commits = nullptr;

  std::string_view name() const { return engine == Engine::kSqlite ? "sqlite" : "postgresql"; }
  // The statement that opens a read-write transaction. SQLite takes the write lock at once
  // (BEGIN IMMEDIATE), so a read-then-write transaction never fails half-way on a lost race.
  const char* BeginWrite() const { return engine == Engine::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN"; }
  std::string Expand(std::string_view ddl) const;
  // The id the last INSERT on this connection generated. (SOCI cannot mix a bulk `use` with an
  // `into`, so bulk inserts cannot use RETURNING.)
  const char* LastInsertId() const {
    return engine == Engine::kSqlite ? "SELECT last_insert_rowid()" : "SELECT lastval()";
  }
  // `col` as an integer 0/1 in a select list.
  static std::string BoolInt(std::string_view col);
};

// A libpq URL ("postgresql://user:pw@host:port/db?opt=v") as the key='value' string SOCI's
// PostgreSQL backend expects (it rewrites URLs wrongly). kInvalidArgument if libpq rejects it.
Result<std::string> PostgresConnectString(const std::string& url);

// A unique or primary-key constraint refused the write.
bool IsUniqueViolation(const soci::soci_error& e);

// The database was too busy to do it, and the same request may well succeed a moment later:
// SQLite still locked by another writer when its busy timeout ran out (SQLITE_BUSY, SQLITE_LOCKED),
// PostgreSQL's lock timeout (55P03), a serialization failure (40001) or a deadlock (40P01).
bool IsBusy(const soci::soci_error& e);

}  // namespace leadscore::store
