// Two servers on one database (docs/OPERATIONS.md, "Several servers on one PostgreSQL"), each
// with its own store (connection pool) and services, as two processes behind a load balancer
// would have: a session opened on one is
// valid on the other, a logout on one ends it on both, the lead workflow's ownership and the
// admin's grade bands hold across them. Runs on PostgreSQL (the shared-state engine) and on
// SQLite. (api_two_processes_test.cc does the same with two real `leadscore serve` processes.)
#include <map>

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
  EXPECT_EQ(ani_on_1.Get("/api/me").status, 401);
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
        store_->UpsertScore({ids.back(), 0.2 * i - 0.1, std::nullopt, "D", 1, "[]", 0}).ok());
  }
  auto admin_on_1 = SignIn("admin");
  ApiClient admin_on_2(port2_, admin_on_1.cookie());
  ASSERT_EQ(admin_on_2.Get("/api/settings/grade-bands").json["mode"], "quartiles");
  ASSERT_EQ(admin_on_1.Put("/api/settings/grade-bands", {{"bands", {0.6, 0.4, 0.2}}}).status, 200);

  auto seen = admin_on_2.Get("/api/settings/grade-bands");
  EXPECT_EQ(seen.json["mode"], "fixed");
  EXPECT_EQ(seen.json["bands"], nlohmann::json({0.6, 0.4, 0.2}));
  EXPECT_EQ(seen.json["updated_by"], "admin");
  // Scores 0.1, 0.3, 0.5, 0.7 read D, C, B, A on the other server's list.
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
