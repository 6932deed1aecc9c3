// The fixture of the API tests, once per engine (SQLite and the PostgreSQL test server): a
// fresh database, the real services over it with a ManualClock, and the real server on a free
// loopback port, driven through httplib::Client like a browser would (session cookie included).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "http/server.h"
#include "http/service_set.h"
#include "pg/test_database.h"
#include "store/store.h"

namespace leadscore::http {

// A signed-in (or anonymous) client of the test server.
class ApiClient {
 public:
  ApiClient(int port, std::string cookie = "") : client_("127.0.0.1", port), cookie_(cookie) {
    client_.set_read_timeout(30, 0);
  }

  struct Answer {
    int status = 0;
    nlohmann::json json;  // null unless the body was JSON
    std::string body;
    httplib::Headers headers;
  };

  Answer Get(const std::string& path) { return Wrap(client_.Get(path, Headers())); }
  Answer Post(const std::string& path, const nlohmann::json& body) {
    return Wrap(client_.Post(path, Headers(), body.dump(), "application/json"));
  }
  Answer PostRaw(const std::string& path, const std::string& body,
                 const std::string& content_type) {
    return Wrap(client_.Post(path, Headers(), body, content_type));
  }
  Answer Patch(const std::string& path, const nlohmann::json& body) {
    return Wrap(client_.Patch(path, Headers(), body.dump(), "application/json"));
  }
  Answer Put(const std::string& path, const nlohmann::json& body) {
    return Wrap(client_.Put(path, Headers(), body.dump(), "application/json"));
  }
  Answer Delete(const std::string& path) { return Wrap(client_.Delete(path, Headers())); }
  Answer Send(const std::string& method, const std::string& path, const std::string& body) {
    if (method == "GET") return Get(path);
    if (method == "POST") return PostRaw(path, body, "application/json");
    if (method == "PATCH") return Wrap(client_.Patch(path, Headers(), body, "application/json"));
    if (method == "PUT") return Wrap(client_.Put(path, Headers(), body, "application/json"));
    return Delete(path);
  }

  const std::string& cookie() const { return cookie_; }

 private:
  httplib::Headers Headers() const {
    if (cookie_.empty()) return {};
    return {{"Cookie", cookie_}};
  }
  static Answer Wrap(const httplib::Result& result) {
    Answer a;
    if (!result) {  // no answer: status 0, the client's reason in the body
      a.body = "no answer: " + httplib::to_string(result.error());
      return a;
    }
    a.status = result->status;
    a.body = result->body;
    a.headers = result->headers;
    a.json = nlohmann::json::parse(a.body, nullptr, false);
    if (a.json.is_discarded()) a.json = nullptr;
    return a;
  }

  httplib::Client client_;
  std::string cookie_;
};

class ApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  static constexpr char kPassword[] = "correct horse battery";

  void SetUp() override {
    db_ = std::make_unique<testing_db::TestDatabase>(GetParam());
    LEADSCORE_REQUIRE_DB(*db_);
    auto opened = OpenStore(db_->url());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    services_ = std::make_unique<ServiceSet>(*store_, clock_);
    ServerOptions options;
    options.port = 0;
    options.threads = 16;
    options.web_dir = ::testing::TempDir() + "no-web-app";
    Configure(options);
    server_ = std::make_unique<ApiServer>(services_->api(), options);
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    port_ = *port;
    thread_ = std::thread([this] { (void)server_->Run(); });
    while (!server_->running()) std::this_thread::yield();

    admin_id_ = AddUser("admin", Role::kAdmin, "Admin Bank");
    ani_id_ = AddUser("ani", Role::kSales, "Ani Wijaya");
    budi_id_ = AddUser("budi", Role::kSales, "Budi Santoso");
  }

  // A suite's own server settings (timeouts, caps), before the server starts.
  virtual void Configure(ServerOptions& options) {}

  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    services_.reset();
    store_.reset();
    db_.reset();
  }

  int64_t AddUser(const std::string& username, Role role, const std::string& display_name) {
    NewUser request{username, display_name, role, std::string(kPassword)};
    auto created = services_->users().Create(request);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? created->user.id : 0;
  }

  ApiClient Anonymous() { return ApiClient(port_); }

  // Signs in through the API and returns a client carrying the session cookie.
  ApiClient SignIn(const std::string& username, const std::string& password = kPassword) {
    ApiClient anonymous(port_);
    auto answer = anonymous.Post("/api/auth/login", {{"username", username}, {"password", password}});
    EXPECT_EQ(answer.status, 200) << answer.body;
    std::string cookie;
    for (const auto& [name, value] : answer.headers) {
      if (name == "Set-Cookie") cookie = value.substr(0, value.find(';'));
    }
    return ApiClient(port_, cookie);
  }

  int64_t AddLead(const std::string& name, double age = 40) {
    Lead lead;
    lead.name = name;
    lead.phone = "+62 812 555 " + std::to_string(name.size());
    lead.numeric[FindBankColumn("age")->slot] = age;
    lead.categorical[FindBankColumn("job")->slot] = "technician";
    auto id = store_->CreateLead(lead, clock_.NowMs());
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  int64_t ActivityCount(std::optional<int64_t> lead_id = std::nullopt) {
    ActivityQuery q;
    q.lead_id = lead_id;
    auto n = store_->CountActivity(q);
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  }

  std::unique_ptr<testing_db::TestDatabase> db_;
  std::unique_ptr<Store> store_;
  ManualClock clock_;
  std::unique_ptr<ServiceSet> services_;
  std::unique_ptr<ApiServer> server_;
  std::thread thread_;
  int port_ = 0;
  int64_t admin_id_ = 0, ani_id_ = 0, budi_id_ = 0;
};

inline std::string EngineName(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

#define LEADSCORE_API_SUITE(suite)                                                     \
  INSTANTIATE_TEST_SUITE_P(Engines, suite, ::testing::Values("sqlite", "postgresql"), \
                           ::leadscore::http::EngineName)

}  // namespace leadscore::http
