// libpq on a SOCI session's own PostgreSQL connection, for the bulk paths where SOCI's cost per
// row dominates: COPY … FROM STDIN of an import's leads and of a refresh's scores, and reading
// leads by id range as text. The calls run inside whatever transaction the session has open,
// like SOCI's own. Errors are thrown as soci::soci_error so that Guard() reports them like any
// other. Not thread-safe: one connection belongs to one session on one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "store/soci_api.h"

struct pg_conn;  // libpq's PGconn, declared here so that callers need not include libpq-fe.h
struct pg_result;

namespace leadscore::store {

// The session's libpq connection; nullptr when the session is not PostgreSQL.
pg_conn* NativePostgres(soci::session& sql);

// Whether the session is PostgreSQL and its connection is lost (the server ended it, restarted
// or went away): such a session is reconnected before it goes back to a pool.
bool PgConnectionLost(soci::session& sql);

// One COPY … FROM STDIN in text format. Rows are appended to a buffer with the Append*
// helpers (each field followed by Tab() or, for the last one, EndRow()), sent whenever the buffer
// grows past a few hundred kilobytes, and the copy completes with Finish(). A copy destroyed
// before Finish() is cancelled; the server then refuses the whole COPY, and the transaction that
// holds it must roll back.
class PgCopy {
 public:
  // `copy_sql` is the COPY statement ("COPY t(a, b) FROM STDIN").
  PgCopy(pg_conn* conn, const std::string& copy_sql);
  ~PgCopy();
  PgCopy(const PgCopy&) = delete;
  PgCopy& operator=(const PgCopy&) = delete;

  void AppendInt(int64_t v);
  void AppendReal(double v);                // shortest text that reads back as the same double
  void AppendText(std::string_view v);      // escaped for the text format
  void AppendNull() { buffer_ += "\\N"; }
  void Tab() { buffer_ += '\t'; }
  void EndRow();
  // Sends what is left, ends the copy and returns the rows the server took.
  int64_t Finish();

 private:
  void Flush();
  [[noreturn]] void Fail(const char* what, pg_result* result = nullptr);

  pg_conn* conn_;
  std::string buffer_;
  bool open_ = false;
};

// Runs `sql_text` (no parameters) and calls fn(result) once with its whole result; for reads
// whose rows are many and whose columns are parsed by the caller (text format).
class PgResult {
 public:
  PgResult(pg_conn* conn, const std::string& sql_text);
  ~PgResult();
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;

  int rows() const;
  bool IsNull(int row, int column) const;
  std::string_view Text(int row, int column) const;
  int64_t Int(int row, int column) const;
  double Real(int row, int column) const;

 private:
  pg_result* result_ = nullptr;
};

}  // namespace leadscore::store
