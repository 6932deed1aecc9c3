// Sign-in over HTTP: cookie flags, the same answer for unknown user and wrong password,
// throttling per account across the store, JSON-only writes, logout and deactivation.
#include "http/api_test_env.h"

namespace leadscore::http {
namespace {

using AuthApiTest = ApiTest;

std::string SetCookieOf(const ApiClient::Answer& a) {
  for (const auto& [name, value] : a.headers) {
    if (name == "Set-Cookie") return value;
  }
  return "";
}

TEST_P(AuthApiTest, LoginSetsAStrictHttpOnlyCookieAndMeAnswers) {
  auto anonymous = Anonymous();
  auto login = anonymous.Post("/api/auth/login", {{"username", "ani"}, {"password", kPassword}});
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.json["user"]["username"], "ani");
  EXPECT_EQ(login.json["user"]["role"], "sales");
  EXPECT_FALSE(login.json["user"].contains("password_hash"));
  std::string cookie = SetCookieOf(login);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);

  auto ani = SignIn("ani");
  auto me = ani.Get("/api/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json["user"]["id"], ani_id_);
  EXPECT_EQ(anonymous.Get("/api/me").status, 401);
}

TEST_P(AuthApiTest, UnknownUserAndWrongPasswordGetTheSameAnswer) {
  auto anonymous = Anonymous();
  auto wrong = anonymous.Post("/api/auth/login", {{"username", "ani"}, {"password", "nope-nope-nope"}});
  auto unknown = anonymous.Post("/api/auth/login", {{"username", "nobody"}, {"password", "nope-nope-nope"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.body, unknown.body);
  EXPECT_TRUE(SetCookieOf(wrong).empty());
}

TEST_P(AuthApiTest, RepeatedFailuresAreThrottledPerAccountUntilTheWindowPasses) {
  auto anonymous = Anonymous();
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(anonymous.Post("/api/auth/login", {{"username", "budi"}, {"password", "wrong-password"}}).status, 401);
  }
  // Even the right password is refused now, with a Retry-After.
  auto refused = anonymous.Post("/api/auth/login", {{"username", "budi"}, {"password", kPassword}});
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.json["error"]["code"], "too_many_requests");
  bool has_retry_after = false;
  for (const auto& [name, value] : refused.headers) {
    if (name == "Retry-After") has_retry_after = std::stoi(value) > 0;
  }
  EXPECT_TRUE(has_retry_after);
  // Another account from the same address is not locked out.
  SignIn("ani");
  // The window is kept in the store: a second server sees it too.
  auto attempts = store_->GetLoginAttempts("user:budi");
  ASSERT_TRUE(attempts.ok());
  EXPECT_EQ(attempts->failures, 5);

  clock_.Advance(16 * 60 * kMsPerSecond);
  SignIn("budi");
}

TEST_P(AuthApiTest, StateChangingRequestsAcceptJsonOnly) {
  auto anonymous = Anonymous();
  auto form = anonymous.PostRaw("/api/auth/login", "username=ani&password=x",
                                "application/x-www-form-urlencoded");
  EXPECT_EQ(form.status, 415);
  EXPECT_EQ(form.json["error"]["code"], "unsupported_media_type");
  auto text = anonymous.PostRaw("/api/auth/login", R"({"username":"ani","password":"x"})",
                                "text/plain");
  EXPECT_EQ(text.status, 415);
  auto admin = SignIn("admin");
  int64_t lead = AddLead("Citra");
  auto ani = SignIn("ani");
  auto plain = ani.PostRaw("/api/leads/" + std::to_string(lead) + "/status",
                           R"({"status":"contacted"})", "text/plain");
  EXPECT_EQ(plain.status, 415);
  EXPECT_EQ(ActivityCount(), 0);
}

TEST_P(AuthApiTest, LogoutEndsTheSession) {
  auto ani = SignIn("ani");
  ASSERT_EQ(ani.Get("/api/me").status, 200);
  auto out = ani.PostRaw("/api/auth/logout", "", "application/json");
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(SetCookieOf(out).find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(ani.Get("/api/me").status, 401);
}

TEST_P(AuthApiTest, SessionsExpire) {
  auto ani = SignIn("ani");
  clock_.Advance(13 * kMsPerHour);
  EXPECT_EQ(ani.Get("/api/me").status, 401);
}

TEST_P(AuthApiTest, DeactivatingAUserEndsItsSessions) {
  auto ani = SignIn("ani");
  auto admin = SignIn("admin");
  auto off = admin.Patch("/api/users/" + std::to_string(ani_id_), {{"active", false}});
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(ani.Get("/api/me").status, 401);
  auto again = Anonymous().Post("/api/auth/login", {{"username", "ani"}, {"password", kPassword}});
  EXPECT_EQ(again.status, 401);
}

TEST_P(AuthApiTest, ChangingOnesPasswordNeedsTheCurrentOne) {
  auto ani = SignIn("ani");
  auto bad = ani.Post("/api/me/password", {{"current_password", "not it at all"},
                                           {"new_password", "a new long password"}});
  EXPECT_EQ(bad.status, 400);
  auto good = ani.Post("/api/me/password", {{"current_password", kPassword},
                                            {"new_password", "a new long password"}});
  EXPECT_EQ(good.status, 204);
  EXPECT_EQ(ani.Get("/api/me").status, 401);  // the old session ended
  SignIn("ani", "a new long password");
}

LEADSCORE_API_SUITE(AuthApiTest);

}  // namespace
}  // namespace leadscore::http
