// Two servers on one database (docs/OPERATIONS.md, "Several servers on one PostgreSQL"), each
// with its own store (connection pool) and services, as two processes behind a load balancer
// would have: a session opened on one is
// valid on the other, a logout on one ends it on both, the lead workflow's ownership and the
// admin's grade bands hold across them. Runs on PostgreSQL (the shared-state engine) and on
// SQLite. (api_two_processes_test.cc does the same with two real `leadscore serve` processes.)
// A change made through one server shows on the other at once on SQLite and within a second on
// PostgreSQL, where a server reads the data version and a session once per 200 ms for all its
// requests; through the server itself, at once on both.
#include <chrono>
#include <functional>
#include <map>
#include <thread>

#include "http/api_test_env.h"
#include "http/second_server.h"

namespace leadscore::http {
namespace {

class TwoServersApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    second_ = std::make_unique<SecondServer>(db_->url(), clock_);
    port2_ = second_->port();
    ASSERT_NE(port2_, 0);
  }
  void TearDown() override {
    second_.reset();
    ApiTest::TearDown();
  }

  // Whether `seen` holds, asked again for up to two seconds; how long until it did.
  static std::chrono::milliseconds Until(const std::function<bool()>& seen) {
    const auto start = std::chrono::steady_clock::now();
    while (!seen() && std::chrono::steady_clock::now() - start < std::chrono::seconds(2)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
  }
  bool AtOnce() const { return GetParam() == "sqlite"; }

  std::unique_ptr<SecondServer> second_;
  int port2_ = 0;
};

TEST_P(TwoServersApiTest, SessionsAndOwnershipAreSharedThroughTheDatabase) {
  int64_t lead = AddLead("Putri");
  auto ani_on_1 = SignIn("ani");
  ApiClient ani_on_2(port2_, ani_on_1.cookie());
  ASSERT_EQ(ani_on_2.Get("/api/me").status, 200);

  auto budi_on_1 = SignIn("budi");
  ApiClient budi_on_2(port2_, budi_on_1.cookie());
  ASSERT_EQ(ani_on_1.Post("/api/leads/" + std::to_string(lead) + "/status",
                          {{"status", "contacted"}})
                .status,
            200);
  auto conflict = budi_on_2.Post("/api/leads/" + std::to_string(lead) + "/status",
                                 {{"status", "converted"}});
  EXPECT_EQ(conflict.status, 409);
  EXPECT_NE(conflict.body.find("Ani Wijaya"), std::string::npos);

  ASSERT_EQ(ani_on_2.PostRaw("/api/auth/logout", "", "application/json").status, 204);
  EXPECT_EQ(ani_on_2.Get("/api/me").status, 401);  // on the server that ended it: at once
  if (AtOnce()) EXPECT_EQ(ani_on_1.Get("/api/me").status, 401);
  EXPECT_LT(Until([&] { return ani_on_1.Get("/api/me").status == 401; }),
            std::chrono::seconds(1));
  EXPECT_EQ(ani_on_1.Get("/api/me").status, 401);
}

// A sales person's status change through one server takes the lead out of a colleague's cached
// list on the other within a second, and out of the colleague's list on the same server at once.
TEST_P(TwoServersApiTest, AStatusChangeShowsInTheOtherServersListWithinASecond) {
  std::vector<int64_t> ids;
  for (int i = 1; i <= 5; ++i) {
    ids.push_back(AddLead("Nasabah " + std::to_string(i)));
    ASSERT_TRUE(store_->UpsertScore({ids.back(), 0.1 * i, std::nullopt, "C", 1, 0}).ok());
  }
  const int64_t best = ids.back();
  auto ani_on_1 = SignIn("ani");
  auto budi_on_1 = SignIn("budi");
  ApiClient budi_on_2(port2_, budi_on_1.cookie());
  auto lists = [&](ApiClient& client) {
    auto page = client.Get("/api/leads?size=50");
    EXPECT_EQ(page.status, 200);
    bool found = false;
    for (const auto& item : page.json["items"]) found = found || item["id"] == best;
    return found;
  };
  ASSERT_TRUE(lists(budi_on_2));  // both pages cached
  ASSERT_TRUE(lists(budi_on_1));

  ASSERT_EQ(ani_on_1.Post("/api/leads/" + std::to_string(best) + "/status",
                          {{"status", "converted"}})
                .status,
            200);
  EXPECT_FALSE(lists(budi_on_1));  // the server that wrote it: the next request
  if (AtOnce()) EXPECT_FALSE(lists(budi_on_2));
  EXPECT_LT(Until([&] { return !lists(budi_on_2); }), std::chrono::seconds(1));
  EXPECT_FALSE(lists(budi_on_2));
  EXPECT_EQ(budi_on_2.Get("/api/leads?size=50").json["total"], 4);
}

TEST_P(TwoServersApiTest, FailedSignInsCountAcrossServers) {
  ApiClient on_1 = Anonymous();
  ApiClient on_2(port2_);
  for (int i = 0; i < 5; ++i) {
    auto& client = i % 2 == 0 ? on_1 : on_2;
    EXPECT_EQ(client.Post("/api/auth/login", {{"username", "budi"}, {"password", "wrong password"}}).status, 401);
  }
  EXPECT_EQ(on_2.Post("/api/auth/login", {{"username", "budi"}, {"password", kPassword}}).status, 429);
  EXPECT_EQ(on_1.Post("/api/auth/login", {{"username", "budi"}, {"password", kPassword}}).status, 429);
}

TEST_P(TwoServersApiTest, GradeBandsSetOnOneServerHoldOnTheOther) {
  std::vector<int64_t> ids;
  for (int i = 1; i <= 4; ++i) {
    ids.push_back(AddLead("Nasabah " + std::to_string(i)));
    ASSERT_TRUE(
        store_->UpsertScore({ids.back(), 0.2 * i - 0.1, std::nullopt, "D", 1, 0}).ok());
  }
  auto admin_on_1 = SignIn("admin");
  ApiClient admin_on_2(port2_, admin_on_1.cookie());
  ASSERT_EQ(admin_on_2.Get("/api/settings/grade-bands").json["mode"], "quartiles");
  ASSERT_EQ(admin_on_1.Put("/api/settings/grade-bands", {{"bands", {0.6, 0.4, 0.2}}}).status, 200);

  auto seen = admin_on_2.Get("/api/settings/grade-bands");
  EXPECT_EQ(seen.json["mode"], "fixed");
  EXPECT_EQ(seen.json["bands"], nlohmann::json({0.6, 0.4, 0.2}));
  EXPECT_EQ(seen.json["updated_by"], "admin");
  // Scores 0.1, 0.3, 0.5, 0.7 read D, C, B, A on the other server's list (within a second).
  EXPECT_LT(Until([&] {
              auto page = admin_on_2.Get("/api/leads?size=50");
              for (const auto& item : page.json["items"]) {
                if (item["id"] == ids[3]) return item["grade"] == "A";
              }
              return false;
            }),
            std::chrono::seconds(1));
  auto list = admin_on_2.Get("/api/leads?size=50");
  std::map<int64_t, std::string> grades;
  for (const auto& item : list.json["items"]) grades[item["id"]] = item["grade"];
  EXPECT_EQ(grades[ids[0]], "D");
  EXPECT_EQ(grades[ids[1]], "C");
  EXPECT_EQ(grades[ids[2]], "B");
  EXPECT_EQ(grades[ids[3]], "A");
  // And the other server's service grades with them (what its next refresh uses).
  EXPECT_EQ(second_->services().scoring().grade_bands(), (std::vector<double>{0.6, 0.4, 0.2}));
}

TEST_P(TwoServersApiTest, AThirdServerCannotTakeAPortInUse) {
  ServerOptions options;
  options.port = port2_;
  options.web_dir = ::testing::TempDir() + "no-web-app";
  ApiServer third(second_->services().api(), options);
  auto bound = third.Bind();
  EXPECT_EQ(bound.status().code(), StatusCode::kUnavailable);
  ApiClient on_2(port2_);
  EXPECT_EQ(on_2.Get("/healthz").status, 200);  // the server that has the port keeps it
}

LEADSCORE_API_SUITE(TwoServersApiTest);

}  // namespace
}  // namespace leadscore::http
