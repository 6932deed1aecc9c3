// AuthService's throttle of password checks, on the test clock: the exponential back-off per
// account and client address and its expiry, no lock-out of the same account from another
// address, the count per address across accounts, and the password change's current-password
// check under the same count.
#include "service/auth_service.h"

#include <memory>

#include <gtest/gtest.h>

#include "service/users_service.h"
#include "store/store_test_env.h"

namespace leadscore {
namespace {

constexpr char kPassword[] = "correct horse battery";
constexpr char kWrong[] = "not the password";

class AuthServiceTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    UsersService users(*store_, clock_);
    for (const char* name : {"admin", "ani"}) {
      auto created = users.Create(NewUser{name, name, Role::kAdmin, std::string(kPassword)});
      ASSERT_TRUE(created.ok()) << created.status().ToString();
    }
    auth_ = std::make_unique<AuthService>(*store_, clock_);
  }

  StatusCode Login(const std::string& user, const std::string& password,
                   const std::string& address, TimeMs* retry_after = nullptr) {
    LoginOutcome outcome = auth_->Login(user, password, address);
    if (retry_after) *retry_after = outcome.retry_after;
    return outcome.status.code();
  }

  std::unique_ptr<AuthService> auth_;
};

TEST_P(AuthServiceTest, FailuresPastFiveWaitADoublingBackOffThatExpires) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Login("admin", kWrong, "10.0.0.1"), StatusCode::kUnauthenticated);
  TimeMs wait = 0;
  // The right password too waits its turn from this address.
  EXPECT_EQ(Login("admin", kPassword, "10.0.0.1", &wait), StatusCode::kResourceExhausted);
  EXPECT_EQ(wait, 1000);
  clock_.Advance(999);
  EXPECT_EQ(Login("admin", kWrong, "10.0.0.1", &wait), StatusCode::kResourceExhausted);
  EXPECT_EQ(wait, 1);
  clock_.Advance(1);
  EXPECT_EQ(Login("admin", kWrong, "10.0.0.1"), StatusCode::kUnauthenticated);  // the 6th
  EXPECT_EQ(Login("admin", kWrong, "10.0.0.1", &wait), StatusCode::kResourceExhausted);
  EXPECT_EQ(wait, 2000);
  clock_.Advance(2000);
  EXPECT_EQ(Login("admin", kWrong, "10.0.0.1"), StatusCode::kUnauthenticated);  // the 7th
  EXPECT_EQ(Login("admin", kWrong, "10.0.0.1", &wait), StatusCode::kResourceExhausted);
  EXPECT_EQ(wait, 4000);

  // The right password after the wait gets in, and clears the count of this address.
  clock_.Advance(4000);
  EXPECT_EQ(Login("admin", kPassword, "10.0.0.1"), StatusCode::kOk);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Login("admin", kWrong, "10.0.0.1"), StatusCode::kUnauthenticated);
}

TEST_P(AuthServiceTest, TheBackOffStopsGrowingAtItsCap) {
  for (int i = 0; i < 5; ++i) (void)Login("ani", kWrong, "10.0.0.1");
  TimeMs wait = 0;
  for (int round = 0; round < 14; ++round) {
    ASSERT_EQ(Login("ani", kWrong, "10.0.0.1", &wait), StatusCode::kResourceExhausted);
    clock_.Advance(wait);
    ASSERT_EQ(Login("ani", kWrong, "10.0.0.1"), StatusCode::kUnauthenticated);
  }
  EXPECT_EQ(Login("ani", kWrong, "10.0.0.1", &wait), StatusCode::kResourceExhausted);
  EXPECT_EQ(wait, 15 * 60 * kMsPerSecond);  // 2^14 s would be 4.5 hours
}

TEST_P(AuthServiceTest, FailuresFromOneAddressNeverRefuseTheAccountFromAnother) {
  // The only admin, guessed at from one address for a long while.
  for (int i = 0; i < 200; ++i) {
    (void)Login("admin", kWrong, "203.0.113.9");
    clock_.Advance(5 * kMsPerSecond);
  }
  EXPECT_EQ(Login("admin", kPassword, "203.0.113.9"), StatusCode::kResourceExhausted);
  EXPECT_EQ(Login("admin", kPassword, "10.0.0.1"), StatusCode::kOk);
  // ... and the guesser is still slowed down after the admin signed in elsewhere.
  EXPECT_EQ(Login("admin", kWrong, "203.0.113.9"), StatusCode::kResourceExhausted);
}

TEST_P(AuthServiceTest, AnUnusedSeriesIsForgottenAfterAnHour) {
  for (int i = 0; i < 5; ++i) (void)Login("ani", kWrong, "10.0.0.1");
  EXPECT_EQ(Login("ani", kWrong, "10.0.0.1"), StatusCode::kResourceExhausted);
  clock_.Advance(kMsPerHour);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Login("ani", kWrong, "10.0.0.1"), StatusCode::kUnauthenticated);
  EXPECT_EQ(Login("ani", kWrong, "10.0.0.1"), StatusCode::kResourceExhausted);
}

TEST_P(AuthServiceTest, OneAddressGuessingAcrossAccountsIsSlowedAfterTwenty) {
  // Four tries at each of five names (unknown ones count alike): 20 failures from the address.
  for (const char* name : {"admin", "ani", "budi", "citra", "dewi"}) {
    for (int i = 0; i < 4; ++i) EXPECT_EQ(Login(name, kWrong, "10.0.0.7"), StatusCode::kUnauthenticated);
  }
  TimeMs wait = 0;
  EXPECT_EQ(Login("eko", kWrong, "10.0.0.7", &wait), StatusCode::kResourceExhausted);
  EXPECT_EQ(wait, 1000);
  EXPECT_EQ(Login("ani", kPassword, "10.0.0.8"), StatusCode::kOk);  // another address
}

TEST_P(AuthServiceTest, RightPasswordsDoNotAddUpOnTheirAddress) {
  // An office behind one address: many sign-ins, a few typos, never slowed.
  for (int i = 0; i < 30; ++i) {
    EXPECT_EQ(Login(i % 2 ? "ani" : "admin", kPassword, "10.0.0.1"), StatusCode::kOk);
    if (i % 10 == 0) EXPECT_EQ(Login("ani", kWrong, "10.0.0.1"), StatusCode::kUnauthenticated);
  }
  EXPECT_EQ(store_->GetLoginAttempts("ip:10.0.0.1")->failures, 3);
}

TEST_P(AuthServiceTest, ThePasswordChangeChecksTheCurrentPasswordUnderTheSameThrottle) {
  LoginOutcome signed_in = auth_->Login("ani", kPassword, "10.0.0.1");
  ASSERT_TRUE(signed_in.status.ok());
  auto caller = auth_->Authenticate(signed_in.signed_in.token);
  ASSERT_TRUE(caller.ok());
  const std::string next = "a new long password";
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(auth_->ChangePassword(*caller, kWrong, next, "10.0.0.1").status.code(),
              StatusCode::kInvalidArgument);
  }
  LoginOutcome throttled = auth_->ChangePassword(*caller, kPassword, next, "10.0.0.1");
  EXPECT_EQ(throttled.status.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(throttled.retry_after, 1000);
  // The same count as a sign-in of the account from that address.
  EXPECT_EQ(Login("ani", kPassword, "10.0.0.1"), StatusCode::kResourceExhausted);
  clock_.Advance(1000);
  LoginOutcome changed = auth_->ChangePassword(*caller, kPassword, next, "10.0.0.1");
  ASSERT_TRUE(changed.status.ok()) << changed.status.ToString();
  EXPECT_FALSE(changed.signed_in.token.empty());
  EXPECT_EQ(Login("ani", next, "10.0.0.1"), StatusCode::kOk);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuthServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace leadscore
