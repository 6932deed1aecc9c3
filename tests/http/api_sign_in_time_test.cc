// The time of each user's last sign-in: set by a successful sign-in only, read back from the
// portal's clock, and shown by /api/me, /api/users and /api/users/{id}.
#include "http/api_test_env.h"

namespace leadscore::http {
namespace {

using SignInTimeApiTest = ApiTest;

nlohmann::json Listed(ApiClient& admin, int64_t id) {
  auto list = admin.Get("/api/users");
  EXPECT_EQ(list.status, 200) << list.body;
  for (const auto& user : list.json["items"]) {
    if (user["id"] == id) return user;
  }
  ADD_FAILURE() << "user " << id << " is not listed";
  return nullptr;
}

TEST_P(SignInTimeApiTest, ASuccessfulSignInRecordsItsTime) {
  const std::string ani_path = "/api/users/" + std::to_string(ani_id_);
  clock_.Advance(kMsPerHour);
  const TimeMs admin_at = clock_.NowMs();
  auto admin = SignIn("admin");
  EXPECT_EQ(admin.Get("/api/me").json["user"]["last_login_at"], FormatIsoTime(admin_at));
  EXPECT_TRUE(admin.Get(ani_path).json["user"]["last_login_at"].is_null());  // never signed in
  EXPECT_TRUE(Listed(admin, ani_id_)["last_login_at"].is_null());

  clock_.Advance(2 * kMsPerHour);
  const TimeMs first = clock_.NowMs();
  auto answer = Anonymous().Post("/api/auth/login", {{"username", "ani"}, {"password", kPassword}});
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(answer.json["user"]["last_login_at"], FormatIsoTime(first));  // this sign-in
  EXPECT_EQ(admin.Get(ani_path).json["user"]["last_login_at"], FormatIsoTime(first));
  EXPECT_EQ(Listed(admin, ani_id_)["last_login_at"], FormatIsoTime(first));

  // A failed sign-in leaves it alone; the next good one moves it.
  clock_.Advance(kMsPerHour);
  EXPECT_EQ(
      Anonymous().Post("/api/auth/login", {{"username", "ani"}, {"password", "wrong one!"}}).status,
      401);
  EXPECT_EQ(admin.Get(ani_path).json["user"]["last_login_at"], FormatIsoTime(first));
  clock_.Advance(kMsPerHour);
  const TimeMs second = clock_.NowMs();
  auto ani = SignIn("ani");
  EXPECT_EQ(ani.Get("/api/me").json["user"]["last_login_at"], FormatIsoTime(second));
  EXPECT_EQ(Listed(admin, ani_id_)["last_login_at"], FormatIsoTime(second));
  // The admin's own time has not moved.
  EXPECT_EQ(admin.Get("/api/me").json["user"]["last_login_at"], FormatIsoTime(admin_at));
}

LEADSCORE_API_SUITE(SignInTimeApiTest);

}  // namespace
}  // namespace leadscore::http
