#include "store/sqlite_native.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <thread>

namespace leadscore::store {

void* SociSqliteHandle(soci::session& sql);  // sqlite_handle.cc

void PreferSqliteWithoutConnectionMutexes() {
  static const int once = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  (void)once;
}

sqlite3* NativeSqlite(soci::session& sql) {
  return static_cast<sqlite3*>(SociSqliteHandle(sql));
}

NativeStatement::NativeStatement(sqlite3* db, std::string_view sql) : db_(db) {
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &st_, nullptr);
  if (rc != SQLITE_OK) Fail("prepare", rc);
}

NativeStatement::~NativeStatement() { sqlite3_finalize(st_); }

void NativeStatement::Bind(int position, int64_t value) {
  int rc = sqlite3_bind_int64(st_, position, value);
  if (rc != SQLITE_OK) Fail("bind", rc);
}

void NativeStatement::Bind(int position, double value) {
  int rc = sqlite3_bind_double(st_, position, value);
  if (rc != SQLITE_OK) Fail("bind", rc);
}

void NativeStatement::Bind(int position, std::string_view value) {
  int rc = sqlite3_bind_text(st_, position, value.data(), static_cast<int>(value.size()),
                             SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) Fail("bind", rc);
}

void NativeStatement::BindNull(int position) {
  int rc = sqlite3_bind_null(st_, position);
  if (rc != SQLITE_OK) Fail("bind", rc);
}

bool NativeStatement::Step() {
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Fail("step", rc);
}

bool NativeStatement::StepUnlessForeignKeyFails() {
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW) return true;
  if (sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_FOREIGNKEY) {
    sqlite3_reset(st_);  // returns the same error again; the statement is ready
    return false;
  }
  Fail("step", rc);
}

void NativeStatement::Reset() {
  int rc = sqlite3_reset(st_);
  if (rc != SQLITE_OK) Fail("reset", rc);
}

bool NativeStatement::IsNull(int column) const {
  return sqlite3_column_type(st_, column) == SQLITE_NULL;
}

int64_t NativeStatement::Int(int column) const { return sqlite3_column_int64(st_, column); }

double NativeStatement::Real(int column) const { return sqlite3_column_double(st_, column); }

std::string_view NativeStatement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st_, column));
  if (!text) return {};
  return {text, static_cast<size_t>(sqlite3_column_bytes(st_, column))};
}

void NativeStatement::Fail(const char* what, int rc) const {
  throw soci::soci_error(std::string("sqlite ") + what + ": " + sqlite3_errmsg(db_) + " (" +
                         sqlite3_errstr(rc) + ")");
}

namespace {

int BusyWait(void* timeout, int tries) {
  if (tries >= static_cast<int>(reinterpret_cast<intptr_t>(timeout))) return 0;
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return 1;
}

}  // namespace

void SetSqliteBusyWait(sqlite3* db, int timeout_ms) {
  sqlite3_busy_handler(db, BusyWait, reinterpret_cast<void*>(static_cast<intptr_t>(timeout_ms)));
}

}  // namespace leadscore::store
