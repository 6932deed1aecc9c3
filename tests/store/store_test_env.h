// The fixture every store test runs under, once per engine: a fresh database, a store opened
// on it, a ManualClock and a few helpers to make users and leads.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "core/clock.h"
#include "pg/test_database.h"
#include "store/dialect.h"
#include "store/store.h"

namespace leadscore {

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<testing_db::TestDatabase>(GetParam());
    LEADSCORE_REQUIRE_DB(*db_);
    auto opened = OpenStore(db_->url());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
  }

  TimeMs now() const { return clock_.NowMs(); }

  int64_t AddUser(const std::string& username, Role role) {
    User u;
    u.username = username;
    u.display_name = "Name of " + username;
    u.role = role;
    u.password_hash = "$argon2id$fake";
    u.created_at = now();
    auto id = store_->CreateUser(u);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  static Lead MakeLead(const std::string& name, double age = 40) {
    Lead lead;
    lead.name = name;
    lead.phone = "+62 812 0000 " + std::to_string(name.size());
    lead.numeric[FindBankColumn("age")->slot] = age;
    lead.categorical[FindBankColumn("job")->slot] = "admin.";
    return lead;
  }

  int64_t AddLead(const std::string& name, double age = 40) {
    auto id = store_->CreateLead(MakeLead(name, age), now());
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  // Deactivates `user` as the portal does (UsersService::Update): UpdateUser with active false.
  void Deactivate(int64_t user, int64_t actor) {
    auto got = store_->GetUser(user);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    got->active = false;
    got->updated_at = now();
    Status updated = store_->UpdateUser(*got, actor);
    ASSERT_TRUE(updated.ok()) << updated.ToString();
  }

  Viewer ViewerFor(int64_t user, Role role) const {
    return Viewer{user, role, now(), kDefaultRejectPeriod};
  }

  // A connection of its own to the test database, for what no Store method does (an older
  // schema, the migrations' own table).
  void Raw(const std::function<void(soci::session&)>& fn) {
    soci::session sql;
    if (GetParam() == "sqlite") {
      sql.open(soci::sqlite3, db_->url().substr(std::string("sqlite:").size()));
    } else {
      sql.open(soci::postgresql, *store::PostgresConnectString(db_->url()));
    }
    fn(sql);
  }

  std::unique_ptr<testing_db::TestDatabase> db_;
  std::unique_ptr<Store> store_;
  ManualClock clock_;
};

inline std::string EngineName(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

#define LEADSCORE_STORE_SUITE(suite)                                                   \
  INSTANTIATE_TEST_SUITE_P(Engines, suite, ::testing::Values("sqlite", "postgresql"), \
                           ::leadscore::EngineName)

}  // namespace leadscore
