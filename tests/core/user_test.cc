#include "core/user.h"

#include <gtest/gtest.h>

namespace leadscore {
namespace {

TEST(UserTest, RoleNamesRoundTrip) {
  for (Role role : {Role::kAdmin, Role::kSales}) EXPECT_EQ(ParseRole(RoleName(role)), role);
  EXPECT_EQ(RoleName(Role::kAdmin), "admin");
  EXPECT_EQ(RoleName(Role::kSales), "sales");
}

TEST(UserTest, OnlyTheExactNamesAreRoles) {
  for (const char* name : {"", "Admin", "SALES", " sales", "sales ", "administrator", "user"}) {
    EXPECT_EQ(ParseRole(name), std::nullopt) << "'" << name << "'";
  }
}

TEST(UserTest, ANewUserIsAnActiveSalesAccountNeverSignedIn) {
  const User user;
  EXPECT_EQ(user.role, Role::kSales);
  EXPECT_TRUE(user.active);
  EXPECT_FALSE(user.last_login_at.has_value());
}

}  // namespace
}  // namespace leadscore
