// OpenStore: picks the engine from the URL and opens a SqlStore.
#include "store/sql_store.h"

namespace leadscore {

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const StoreOptions& options) {
  using store::Engine;
  if (url.empty()) return Status::InvalidArgument("no database given (LEADSCORE_DB)");
  Engine engine = Engine::kSqlite;
  std::string connect;
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    engine = Engine::kPostgres;
    auto conninfo = store::PostgresConnectString(url);
    if (!conninfo.ok()) return conninfo.status();
    connect = *conninfo;
  } else {
    std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
    if (path.rfind("//", 0) == 0) path = path.substr(2);  // sqlite://PATH
    if (path.empty()) return Status::InvalidArgument("the SQLite database path is empty");
    if (path.find('"') != std::string::npos || path.find('\'') != std::string::npos) {
      return Status::InvalidArgument("the SQLite database path may not contain quotes");
    }
    connect = "db=\"" + path + "\"";
  }
  auto opened = store::SqlStore::Open(engine, connect, options);
  if (!opened.ok()) return opened.status();
  return std::unique_ptr<Store>(std::move(opened).value());
}

}  // namespace leadscore
