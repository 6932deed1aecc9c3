// The one file that includes SOCI's SQLite backend header. That header wraps <sqlite3.h> in a
// namespace of its own, which clashes with including <sqlite3.h> itself (sqlite_native.cc), so
// the handle crosses between the two as a plain pointer.
#include "store/soci_api.h"

#include <soci/sqlite3/soci-sqlite3.h>

namespace leadscore::store {

void* SociSqliteHandle(soci::session& sql) {
  // SOCI's library exports no type information for dynamic_cast; its name says which it is.
  if (sql.get_backend_name() != "sqlite3") return nullptr;
  auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
  return static_cast<void*>(backend->conn_);
}

}  // namespace leadscore::store
