// Test databases for any layer's tests. PostgreSQL: the server the `postgres` CTest fixture
// starts (tests/pg/pg-server.sh writes its URL to the file LEADSCORE_PG_URL_FILE names), or the
// one LEADSCORE_TEST_PG_URL points at; each test gets a fresh database, dropped afterwards.
// SQLite: a fresh file in the test's temporary directory.
//
// Without a server the PostgreSQL tests fail when LEADSCORE_TEST_PG=required (as `make test`
// runs them) or CI=true, so such a run can never pass without having tested PostgreSQL; only
// otherwise, e.g. a test binary run by hand, they skip.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <unistd.h>

#include "store/soci_api.h"
#include <soci/postgresql/soci-postgresql.h>
#include "store/dialect.h"

namespace leadscore::testing_db {

// The server's URL, or "" when there is none.
inline std::string PostgresServerUrl() {
  if (const char* env = std::getenv("LEADSCORE_TEST_PG_URL"); env && *env) return env;
#ifdef LEADSCORE_PG_URL_FILE
  std::ifstream in(LEADSCORE_PG_URL_FILE);
  std::string url;
  if (in && std::getline(in, url)) return url;
#endif
  return "";
}

// Whether a PostgreSQL test without a server fails (true) or skips.
inline bool PostgresRequired() {
  const char* required = std::getenv("LEADSCORE_TEST_PG");
  const char* ci = std::getenv("CI");
  return (required && std::string(required) == "required") || (ci && std::string(ci) == "true");
}

inline std::string UniqueName(const std::string& prefix) {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return prefix + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(rd() % 100000);
}

// A database that exists for the life of this object.
class TestDatabase {
 public:
  // engine: "sqlite" or "postgresql". Check ok() / skip_reason() after construction.
  explicit TestDatabase(const std::string& engine) {
    if (engine == "sqlite") {
      path_ = ::testing::TempDir() + UniqueName("leadscore_test_") + ".db";
      url_ = "sqlite:" + path_;
      return;
    }
    server_ = PostgresServerUrl();
    if (server_.empty()) {
      skip_reason_ = "no PostgreSQL test server (run through ctest, or set LEADSCORE_TEST_PG_URL)";
      return;
    }
    name_ = UniqueName("t_");
    auto conninfo = store::PostgresConnectString(server_);
    if (!conninfo.ok()) {
      skip_reason_ = conninfo.status().ToString();
      return;
    }
    conninfo_ = *conninfo;
    try {
      soci::session admin(soci::postgresql, conninfo_);
      admin << "CREATE DATABASE " + name_;
    } catch (const std::exception& e) {
      skip_reason_ = std::string("cannot create a PostgreSQL test database: ") + e.what();
      return;
    }
    const size_t slash = server_.rfind('/');
    url_ = server_.substr(0, slash + 1) + name_;
  }

  ~TestDatabase() {
    if (!path_.empty()) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_ + suffix).c_str());
      RemoveLockFiles();
    }
    if (!name_.empty() && !url_.empty()) {
      try {
        soci::session admin(soci::postgresql, conninfo_);
        admin << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)";
      } catch (const std::exception&) {
      }
    }
  }

  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  bool ok() const { return !url_.empty(); }
  const std::string& url() const { return url_; }
  const std::string& skip_reason() const { return skip_reason_; }

 private:
  // The named locks' files beside the SQLite database ("PATH-NAME.lock", see store.h).
  void RemoveLockFiles() const {
    const std::filesystem::path db(path_);
    const std::string prefix = db.filename().string() + "-";
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(db.parent_path(), ec)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind(prefix, 0) == 0 && name.size() > 5 &&
          name.compare(name.size() - 5, 5, ".lock") == 0) {
        std::filesystem::remove(entry.path(), ec);
      }
    }
  }

  std::string path_, server_, conninfo_, name_, url_, skip_reason_;
};

}  // namespace leadscore::testing_db

// In a fixture's SetUp: fail when the database is unavailable and PostgresRequired(), else skip.
#define LEADSCORE_REQUIRE_DB(db)                                                    \
  do {                                                                              \
    if (!(db).ok()) {                                                               \
      if (::leadscore::testing_db::PostgresRequired()) FAIL() << (db).skip_reason(); \
      GTEST_SKIP() << (db).skip_reason();                                           \
    }                                                                               \
  } while (0)
