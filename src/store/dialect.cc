#include "store/dialect.h"

#include "store/soci_api.h"
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <libpq-fe.h>
#include <sqlite3.h>

namespace leadscore::store {

namespace {

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

}  // namespace

std::string Dialect::Expand(std::string_view ddl) const {
  std::string out(ddl);
  const bool lite = engine == Engine::kSqlite;
  ReplaceAll(out, "{ID}", lite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY");
  ReplaceAll(out, "{BOOL}", lite ? "INTEGER" : "BOOLEAN");
  ReplaceAll(out, "{REAL}", lite ? "REAL" : "DOUBLE PRECISION");
  return out;
}

std::string Dialect::BoolInt(std::string_view col) {
  return "(CASE WHEN " + std::string(col) + " THEN 1 ELSE 0 END)";
}

Result<std::string> PostgresConnectString(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    std::string message = error ? error : "unreadable";
    if (error) PQfreemem(error);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return Status::InvalidArgument("bad PostgreSQL URL: " + message);
  }
  std::string out;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') continue;
    std::string value;
    for (const char* c = o->val; *c; ++c) {
      if (*c == '\'' || *c == '\\') value += '\\';
      value += *c;
    }
    if (!out.empty()) out += ' ';
    out += std::string(o->keyword) + "='" + value + "'";
  }
  PQconninfoFree(options);
  return out;
}

bool IsUniqueViolation(const soci::soci_error& e) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    return pg->sqlstate() == "23505";
  }
  if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    return (lite->result() & 0xff) == SQLITE_CONSTRAINT &&
           std::string_view(e.what()).find("UNIQUE") != std::string_view::npos;
  }
  return false;
}

bool IsBusy(const soci::soci_error& e) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    const std::string state = pg->sqlstate();
    return state == "55P03" || state == "40001" || state == "40P01";
  }
  if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    const int primary = lite->result() & 0xff;  // without the extended code's high bits
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
  }
  return false;
}

}  // namespace leadscore::store
