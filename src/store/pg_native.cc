#include "store/pg_native.h"

#include <charconv>
#include <cstdlib>

#include <fmt/format.h>
#include <libpq-fe.h>

namespace leadscore::store {

void* SociPostgresHandle(soci::session& sql);  // pg_handle.cc

namespace {
constexpr size_t kSendAt = 256 * 1024;
}  // namespace

pg_conn* NativePostgres(soci::session& sql) {
  return static_cast<pg_conn*>(SociPostgresHandle(sql));
}

bool PgConnectionLost(soci::session& sql) {
  pg_conn* conn = NativePostgres(sql);
  return conn != nullptr && PQstatus(conn) == CONNECTION_BAD;
}

PgCopy::PgCopy(pg_conn* conn, const std::string& copy_sql) : conn_(conn) {
  PGresult* r = PQexec(conn_, copy_sql.c_str());
  if (PQresultStatus(r) != PGRES_COPY_IN) Fail("copy", r);
  PQclear(r);
  open_ = true;
  buffer_.reserve(kSendAt + 4096);
}

PgCopy::~PgCopy() {
  if (!open_) return;
  PQputCopyEnd(conn_, "cancelled by the client");
  while (PGresult* r = PQgetResult(conn_)) PQclear(r);
}

void PgCopy::AppendInt(int64_t v) {
  char text[24];
  auto end = std::to_chars(text, text + sizeof text, v).ptr;
  buffer_.append(text, end);
}

void PgCopy::AppendReal(double v) {
  char text[32];
  auto end = std::to_chars(text, text + sizeof text, v).ptr;  // shortest round-trip form
  buffer_.append(text, end);
}

void PgCopy::AppendText(std::string_view v) {
  for (char c : v) {
    switch (c) {
      case '\\': buffer_ += "\\\\"; break;
      case '\t': buffer_ += "\\t"; break;
      case '\n': buffer_ += "\\n"; break;
      case '\r': buffer_ += "\\r"; break;
      default: buffer_ += c;
    }
  }
}

void PgCopy::EndRow() {
  buffer_ += '\n';
  if (buffer_.size() >= kSendAt) Flush();
}

void PgCopy::Flush() {
  if (buffer_.empty()) return;
  if (PQputCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
    Fail("copy data");
  }
  buffer_.clear();
}

int64_t PgCopy::Finish() {
  Flush();
  open_ = false;
  if (PQputCopyEnd(conn_, nullptr) != 1) Fail("copy end");
  PGresult* r = PQgetResult(conn_);
  if (PQresultStatus(r) != PGRES_COMMAND_OK) {
    while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
    Fail("copy", r);
  }
  const int64_t rows = std::strtoll(PQcmdTuples(r), nullptr, 10);
  PQclear(r);
  while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
  return rows;
}

void PgCopy::Fail(const char* what, pg_result* result) {
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
  if (result) PQclear(result);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  throw soci::soci_error(fmt::format("postgresql {}: {}", what, message));
}

PgResult::PgResult(pg_conn* conn, const std::string& sql_text) {
  result_ = PQexec(conn, sql_text.c_str());
  if (PQresultStatus(result_) != PGRES_TUPLES_OK) {
    std::string message = PQresultErrorMessage(result_);
    PQclear(result_);
    result_ = nullptr;
    while (!message.empty() && message.back() == '\n') message.pop_back();
    throw soci::soci_error("postgresql query: " + message);
  }
}

PgResult::~PgResult() {
  if (result_) PQclear(result_);
}

int PgResult::rows() const { return PQntuples(result_); }

bool PgResult::IsNull(int row, int column) const { return PQgetisnull(result_, row, column); }

std::string_view PgResult::Text(int row, int column) const {
  return {PQgetvalue(result_, row, column),
          static_cast<size_t>(PQgetlength(result_, row, column))};
}

int64_t PgResult::Int(int row, int column) const {
  std::string_view t = Text(row, column);
  int64_t v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

double PgResult::Real(int row, int column) const {
  std::string_view t = Text(row, column);
  double v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

}  // namespace leadscore::store
