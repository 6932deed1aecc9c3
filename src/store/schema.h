// Schema: the versioned migrations of the database, applied in order when a store is opened.
// Each migration runs in its own transaction and is recorded in schema_migrations, so opening
// an up-to-date database changes nothing, and two servers opening one PostgreSQL database at
// once apply each migration exactly once (an advisory lock serialises them; SQLite's write lock
// does the same). A new migration is appended to the list in schema.cc; never edit a shipped one.
#pragma once

#include "store/soci_api.h"

#include "store/dialect.h"

namespace leadscore::store {

// Applies the missing migrations; returns the schema version. Throws soci::soci_error.
int Migrate(soci::session& sql, const Dialect& dialect);

}  // namespace leadscore::store
