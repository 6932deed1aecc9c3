// The one file of the store that includes SOCI's PostgreSQL backend header: the session's
// libpq connection crosses to pg_native.cc as a plain pointer (as sqlite_handle.cc does for
// SQLite).
#include "store/soci_api.h"

#include <soci/postgresql/soci-postgresql.h>

namespace leadscore::store {

void* SociPostgresHandle(soci::session& sql) {
  // SOCI's library exports no type information for dynamic_cast; its name says which it is.
  if (sql.get_backend_name() != "postgresql") return nullptr;
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  return static_cast<void*>(backend->conn_);
}

}  // namespace leadscore::store
