// SecondServer: another server on an API test's database, with its own store (connection pool),
// services and options, as a second `leadscore serve` behind a load balancer would have. For
// tests of what the servers share through the database, or of a server built with other options.
// Started when built, stopped when destroyed.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "core/clock.h"
#include "http/server.h"
#include "http/service_set.h"
#include "store/store.h"

namespace leadscore::http {

class SecondServer {
 public:
  SecondServer(const std::string& url, const Clock& clock, StoreOptions store_options = {},
               ServiceOptions service_options = {}) {
    auto opened = OpenStore(url, store_options);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    if (!opened.ok()) return;
    store_ = std::move(opened).value();
    services_ = std::make_unique<ServiceSet>(*store_, clock, service_options);
    ServerOptions options;
    options.port = 0;
    options.web_dir = ::testing::TempDir() + "no-web-app";
    server_ = std::make_unique<ApiServer>(services_->api(), options);
    auto port = server_->Bind();
    EXPECT_TRUE(port.ok()) << port.status().ToString();
    if (!port.ok()) return;
    port_ = *port;
    thread_ = std::thread([this] { (void)server_->Run(); });
    while (!server_->running()) std::this_thread::yield();
  }
  ~SecondServer() {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  SecondServer(const SecondServer&) = delete;
  SecondServer& operator=(const SecondServer&) = delete;

  // 0 when the server could not be started (the test has already failed then).
  int port() const { return port_; }
  ServiceSet& services() { return *services_; }

 private:
  std::unique_ptr<Store> store_;
  std::unique_ptr<ServiceSet> services_;
  std::unique_ptr<ApiServer> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace leadscore::http
