// Two servers on one database (DESIGN.md §9), each with its own store (connection pool) and
// services, as two processes behind a load balancer would have: a session opened on one is
// valid on the other, a logout on one ends it on both, and the lead workflow's ownership holds
// across them. Runs on PostgreSQL (the shared-state engine) and on SQLite.
#include "http/api_test_env.h"

namespace leadscore::http {
namespace {

class TwoServersApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto opened = OpenStore(db_->url());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store2_ = std::move(opened).value();
    services2_ = std::make_unique<ServiceSet>(*store2_, clock_);
    ServerOptions options;
    options.port = 0;
    options.web_dir = ::testing::TempDir() + "no-web-app";
    server2_ = std::make_unique<ApiServer>(services2_->api(), options);
    auto port = server2_->Bind();
    ASSERT_TRUE(port.ok());
    port2_ = *port;
    thread2_ = std::thread([this] { (void)server2_->Run(); });
    while (!server2_->running()) std::this_thread::yield();
  }
  void TearDown() override {
    if (server2_) server2_->Stop();
    if (thread2_.joinable()) thread2_.join();
    server2_.reset();
    services2_.reset();
    store2_.reset();
    ApiTest::TearDown();
  }

  std::unique_ptr<Store> store2_;
  std::unique_ptr<ServiceSet> services2_;
  std::unique_ptr<ApiServer> server2_;
  std::thread thread2_;
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

LEADSCORE_API_SUITE(TwoServersApiTest);

}  // namespace
}  // namespace leadscore::http
