// Sign-in over HTTP: cookie flags, the same answer for unknown user and wrong password,
// the back-off of wrong passwords per account and client address (parallel guesses included,
// and the password change's current password), JSON-only writes, logout and deactivation.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <thread>
#include <vector>

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

int RetryAfterOf(const ApiClient::Answer& a) {
  for (const auto& [name, value] : a.headers) {
    if (name == "Retry-After") return std::stoi(value);
  }
  return -1;
}

// A sign-in sent from another loopback address (the server listens on 127.0.0.1 and sees the
// client's address as the request's remote address).
int LoginStatusFrom(const std::string& source, int port, const std::string& username,
                    const std::string& password) {
  httplib::Client client("127.0.0.1", port);
  client.set_socket_options([source](socket_t sock) {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    inet_pton(AF_INET, source.c_str(), &local.sin_addr);
    (void)bind(sock, reinterpret_cast<const sockaddr*>(&local), sizeof(local));
  });
  nlohmann::json body = {{"username", username}, {"password", password}};
  auto result = client.Post("/api/auth/login", body.dump(), "application/json");
  return result ? result->status : 0;
}

TEST_P(AuthApiTest, RepeatedFailuresBackOffPerAccountAndAddress) {
  auto anonymous = Anonymous();
  auto wrong = [&] {
    return anonymous.Post("/api/auth/login", {{"username", "budi"}, {"password", "wrong-password"}});
  };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(wrong().status, 401);
  // Even the right password waits now, told how long by Retry-After.
  auto refused = anonymous.Post("/api/auth/login", {{"username", "budi"}, {"password", kPassword}});
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.json["error"]["kind"], "too_many_requests");
  EXPECT_EQ(RetryAfterOf(refused), 1);
  // Another account from the same address is not slowed down.
  SignIn("ani");
  // The count is kept in the store: a second server sees it too.
  auto attempts = store_->GetLoginAttempts("user:budi|ip:127.0.0.1");
  ASSERT_TRUE(attempts.ok());
  EXPECT_EQ(attempts->failures, 5);

  // Each failure past the fifth doubles the wait.
  clock_.Advance(1 * kMsPerSecond);
  EXPECT_EQ(wrong().status, 401);
  EXPECT_EQ(RetryAfterOf(wrong()), 2);
  clock_.Advance(2 * kMsPerSecond);
  SignIn("budi");
  // A right password starts the count again.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(wrong().status, 401);
}

TEST_P(AuthApiTest, ParallelWrongPasswordsGetAtMostFiveChecks) {
  constexpr int kClients = 40;
  std::vector<int> statuses(kClients, 0);
  std::vector<std::thread> threads;
  std::atomic<int> ready{0};
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      ApiClient client(port_);
      ++ready;
      while (ready.load() < kClients) std::this_thread::yield();
      statuses[i] =
          client.Post("/api/auth/login", {{"username", "admin"}, {"password", "a wrong guess"}})
              .status;
    });
  }
  for (auto& t : threads) t.join();
  int checked = 0, throttled = 0;
  for (int status : statuses) {
    checked += status == 401;
    throttled += status == 429;
  }
  EXPECT_EQ(checked, 5);
  EXPECT_EQ(throttled, kClients - 5);
  EXPECT_EQ(store_->GetLoginAttempts("user:admin|ip:127.0.0.1")->failures, 5);
}

TEST_P(AuthApiTest, FailuresFromOneAddressDoNotLockTheAccountOutOfAnother) {
  for (int i = 0; i < 10; ++i) {
    int status = LoginStatusFrom("127.0.0.1", port_, "admin", "a wrong guess");
    EXPECT_TRUE(status == 401 || status == 429) << status;
  }
  EXPECT_EQ(LoginStatusFrom("127.0.0.1", port_, "admin", kPassword), 429);
  // The only admin, from their own address, gets in at once.
  EXPECT_EQ(LoginStatusFrom("127.0.0.2", port_, "admin", kPassword), 200);
  EXPECT_EQ(store_->GetLoginAttempts("user:admin|ip:127.0.0.2")->failures, 0);
}

TEST_P(AuthApiTest, TheCurrentPasswordOfAPasswordChangeIsThrottledToo) {
  auto ani = SignIn("ani");
  const nlohmann::json guess = {{"current_password", "a wrong guess"},
                                {"new_password", "a new long password"}};
  for (int i = 0; i < 5; ++i) EXPECT_EQ(ani.Post("/api/me/password", guess).status, 400);
  const nlohmann::json right = {{"current_password", kPassword},
                                {"new_password", "a new long password"}};
  auto throttled = ani.Post("/api/me/password", right);
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(RetryAfterOf(throttled), 1);
  EXPECT_EQ(ani.Get("/api/me").status, 200);  // the session goes on
  clock_.Advance(1 * kMsPerSecond);
  EXPECT_EQ(ani.Post("/api/me/password", right).status, 204);
  SignIn("ani", "a new long password");
}

TEST_P(AuthApiTest, StateChangingRequestsAcceptJsonOnly) {
  auto anonymous = Anonymous();
  auto form = anonymous.PostRaw("/api/auth/login", "username=ani&password=x",
                                "application/x-www-form-urlencoded");
  EXPECT_EQ(form.status, 415);
  EXPECT_EQ(form.json["error"]["kind"], "unsupported_media_type");
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
