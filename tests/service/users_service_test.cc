// UsersService::CreateIfMissing, the demo accounts' path: a missing account is created with a
// generated password; an existing one, its password included, is left exactly as it is, so an
// admin's own password survives a restart of the demo server.
#include <memory>

#include <gtest/gtest.h>

#include "core/clock.h"
#include "pg/test_database.h"
#include "service/auth_crypto.h"
#include "service/users_service.h"

namespace leadscore {
namespace {

class UsersServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<testing_db::TestDatabase>(GetParam());
    LEADSCORE_REQUIRE_DB(*db_);
    auto opened = OpenStore(db_->url());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    users_ = std::make_unique<UsersService>(*store_, clock_);
  }

  ManualClock clock_;
  std::unique_ptr<testing_db::TestDatabase> db_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<UsersService> users_;
};

TEST_P(UsersServiceTest, CreateIfMissingCreatesAnAbsentAccountWithAGeneratedPassword) {
  auto created = users_->CreateIfMissing(NewUser{"ani", "Ani Wijaya", Role::kSales, {}});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  ASSERT_TRUE(created->has_value());
  ASSERT_TRUE((*created)->generated_password.has_value());
  auto stored = store_->GetUserByUsername("ani");
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(VerifyPassword(*(*created)->generated_password, stored->password_hash));
}

TEST_P(UsersServiceTest, CreateIfMissingLeavesAnExistingAccountsPasswordAlone) {
  ASSERT_TRUE(users_->Create(NewUser{"admin", "Administrator", Role::kAdmin,
                                     std::string("the-admins-own-password")})
                  .ok());
  auto again = users_->CreateIfMissing(NewUser{"admin", "Administrator", Role::kAdmin, {}});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->has_value());
  auto stored = store_->GetUserByUsername("admin");
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(VerifyPassword("the-admins-own-password", stored->password_hash));
}

INSTANTIATE_TEST_SUITE_P(Engines, UsersServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace leadscore
