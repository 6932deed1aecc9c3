// Router: installs the route table on a cpp-httplib server and is the one gate every API request
// passes. For each request of a route it, in order: checks the content type of state-changing
// requests (415), the declared body size (413), the session cookie (401) and the role (403) —
// all before the body is read — then reads the body, runs the handler, maps its Status to an
// HTTP answer (errors.h), catches any exception (500, logged, never shown), records metrics and
// writes one structured access-log line.
//
// The router holds references to the auth service and the metrics, which must outlive the
// server. Install() before listening; request handling is thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <httplib.h>
#include <spdlog/logger.h>

#include "http/metrics.h"
#include "http/route.h"
#include "service/auth_service.h"

namespace leadscore::http {

inline constexpr char kSessionCookie[] = "ls_session";

struct RouterOptions {
  bool secure_cookie = false;  // add `Secure` to the session cookie (behind TLS)
  std::shared_ptr<spdlog::logger> access_log;  // one line per request; null: no access log
};

class Router {
 public:
  Router(AuthService& auth, Metrics& metrics, RouterOptions options);
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  void Install(httplib::Server& server, std::vector<Route> routes);

  const std::vector<Route>& routes() const { return routes_; }

 private:
  void Dispatch(size_t index, const httplib::Request& req, httplib::Response& res,
                const httplib::ContentReader* reader);
  Result<Reply> Gate(const Route& route, RequestContext& ctx, const httplib::ContentReader* reader);

  AuthService& auth_;
  Metrics& metrics_;
  const RouterOptions options_;
  std::vector<Route> routes_;
  std::vector<size_t> metric_slots_;
};

// Set-Cookie values that open and end a session.
std::string SessionCookie(const std::string& token, TimeMs max_age, bool secure);
std::string ClearedSessionCookie(bool secure);

// "/api/leads/{id}" -> "/api/leads/([^/]+)", other characters escaped.
std::string PatternToRegex(const std::string& pattern);

// The value of cookie `name` in a Cookie header, "" if absent.
std::string CookieValue(const std::string& header, const std::string& name);

}  // namespace leadscore::http
