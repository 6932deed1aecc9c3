// ApiServer: the portal's HTTP server — the API under /api/ (plus /predict, /healthz and
// /metrics) and the built web app at / with a fallback to index.html for the app's own paths.
// Wraps one cpp-httplib server with a fixed thread pool, body-size limits, timeouts, security
// headers and an exception handler, so that no request can bring the process down.
//
// Owns the httplib server, the router and the metrics; holds a reference to the services, which
// must outlive it. Bind() then Run() (blocking) on one thread; Stop() from any thread.
#pragma once

#include <memory>
#include <string>

#include <httplib.h>
#include <spdlog/logger.h>

#include "core/status.h"
#include "http/api_services.h"
#include "http/metrics.h"
#include "http/router.h"

namespace leadscore::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Bind)
  int threads = 8;
  std::string web_dir = "web/dist";  // the built web app; a placeholder page if missing
  std::shared_ptr<spdlog::logger> access_log;  // null: no access log
  int read_timeout_seconds = 10;
  int write_timeout_seconds = 60;  // exports of many leads stream for a while
  int keep_alive_seconds = 5;
  size_t max_body = size_t{64} << 20;  // the largest any route accepts; routes set their own
};

class ApiServer {
 public:
  ApiServer(ApiServices& services, ServerOptions options);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds the socket; returns the port (the chosen one when options.port is 0).
  Result<int> Bind();
  // Serves until Stop(). Bind() first.
  Status Run();
  void Stop();
  bool running() const { return server_.is_running(); }

 private:
  void ServeWebApp(const httplib::Request& req, httplib::Response& res) const;

  ApiServices& services_;
  const ServerOptions options_;
  static constexpr int kListenBacklog = 1024;  // the kernel caps it at net.core.somaxconn
  httplib::Server server_;
  int listen_socket_ = -1;  // the listening socket, set while binding
  Metrics metrics_;
  std::unique_ptr<Router> router_;
  bool has_web_app_ = false;
};

}  // namespace leadscore::http
