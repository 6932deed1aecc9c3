// Router: the route table and the one gate every API request passes. The transport (server.h)
// asks it, once a request's header is read:
//   Match   which route the method and path name (none: 404);
//   Admit   the checks on the header alone, before any body is read — a cross-site request
//           that changes state (403), the content type (415), the declared size (413), the
//           session cookie (401) and the role (403); on a route with a token scope, a request
//           with `Authorization: Bearer <token>` is admitted by its API token instead (401
//           unknown or revoked, 403 without the scope), and, coming from an allowed CORS origin
//           (or from no browser at all), is not refused as cross-site: it carries no cookie a
//           browser would add by itself. A cookie's cross-site write is refused as before;
//   Handle  after reading at most MaxBody() bytes of body: runs the handler, maps its Status to
//           an HTTP answer (errors.h), catches any exception (500, logged, never shown).
// Every answer of a matched route is counted in the metrics and written as one structured
// access-log line.
//
// CORS, for pages outside the portal that call the token routes: only for the exact origins of
// RouterOptions::cors_origins (none by default: no CORS at all). Preflight answers an OPTIONS
// request to a token route's path; the token routes' answers to an allowed origin carry
// Access-Control-Allow-Origin. Any other origin gets no CORS headers, and no other route ever
// answers another origin.
//
// The router holds references to the auth service and the metrics, which must outlive it.
// SetRoutes() before serving; the rest is thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <spdlog/logger.h>

#include "http/metrics.h"
#include "http/request.h"
#include "http/route.h"
#include "service/auth_service.h"

namespace leadscore::http {

inline constexpr char kSessionCookie[] = "ls_session";

struct RouterOptions {
  bool secure_cookie = false;  // add `Secure` to the session cookie (behind TLS)
  std::shared_ptr<spdlog::logger> access_log;  // one line per request; null: no access log
  // Origins allowed to call the token routes from a browser, as ParseCorsOrigin gives them.
  std::vector<std::string> cors_origins;
};

// A finished answer, for the transport to write.
struct Response {
  int status = 200;
  Fields headers;    // Content-Type among them when there is a body
  std::string body;
  std::function<bool(const ChunkSink&)> stream;  // when set: the body, chunked
  std::optional<int64_t> events;  // when set: an event stream from this data version
};

// One request on its way through the router.
struct Exchange {
  size_t route = 0;
  Request request;
  std::optional<Caller> caller;
  std::optional<TokenCaller> token;
  std::string session_token;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
};

class Router {
 public:
  Router(AuthService& auth, Metrics& metrics, RouterOptions options);
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  void SetRoutes(std::vector<Route> routes);

  // The route of `request`'s method and path; fills request.path_params. nullopt: none.
  std::optional<size_t> Match(Request& request) const;

  // nullopt when the request may go on (its body, if any, is then read); otherwise the answer
  // that refuses it. Fills the caller and the session token.
  std::optional<Response> Admit(Exchange& exchange) const;

  // The answer to a CORS preflight (OPTIONS) of `request`'s path: nullopt when no CORS origin
  // is configured or no token route has that path (the transport answers 404, as for any
  // unknown route); a refusal without CORS headers for an origin not allowed.
  std::optional<Response> Preflight(const Request& request) const;

  // The most body bytes the exchange's route takes.
  size_t MaxBody(const Exchange& exchange) const { return routes_[exchange.route].max_body; }

  Response Handle(Exchange& exchange, std::string body) const;

  // An answer to a matched request that the transport refuses itself (a body larger than
  // declared, a body that never arrived), counted and logged like any other.
  Response Refuse(const Exchange& exchange, int http_code, const Status& status) const;

  // An error answer outside any route (404, malformed requests).
  static Response ErrorResponse(int http_code, const Status& status);

 private:
  Response Finish(const Exchange& exchange, Result<Reply> result) const;
  bool AllowsOrigin(const std::string& origin) const;
  // Whether `parts` (a path split at '/') matches route i's pattern.
  bool Matches(size_t i, const std::vector<std::string>& parts) const;

  AuthService& auth_;
  Metrics& metrics_;
  const RouterOptions options_;
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;  // each route's pattern split at '/'
  std::vector<size_t> metric_slots_;
};

// Set-Cookie values that open and end a session.
std::string SessionCookie(const std::string& token, TimeMs max_age, bool secure);
std::string ClearedSessionCookie(bool secure);

// The value of cookie `name` in a Cookie header, "" if absent.
std::string CookieValue(const std::string& header, const std::string& name);

// An origin for RouterOptions::cors_origins: "http(s)://host[:port]", lower-cased, without a
// trailing '/'. kInvalidArgument for anything else (a path, "*", "null").
Result<std::string> ParseCorsOrigin(std::string_view text);

// The token of an `Authorization: Bearer <token>` header; nullopt without one (or with another
// scheme).
std::optional<std::string> BearerToken(const Request& request);

// Whether a state-changing request comes from another site: `Sec-Fetch-Site: cross-site`, or
// an Origin whose host and port are not the request's Host.
bool IsCrossSite(const Request& request);

}  // namespace leadscore::http
