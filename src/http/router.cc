#include "http/router.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <string_view>

#include <spdlog/spdlog.h>

#include "core/text.h"
#include "http/errors.h"

namespace leadscore::http {
namespace {

// "application/json; charset=utf-8" -> "application/json".
std::string MediaType(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  type.erase(0, type.find_first_not_of(" \t"));
  type.erase(type.find_last_not_of(" \t") + 1);
  return Lower(type);
}

bool Allows(Access access, Role role) {
  switch (access) {
    case Access::kNone:
    case Access::kSignedIn: return true;
    case Access::kAdmin: return role == Role::kAdmin;
    case Access::kSales: return role == Role::kSales;
    case Access::kAdminOrSales: return role == Role::kAdmin || role == Role::kSales;
  }
  return false;
}

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> segments;
  size_t pos = 1;  // after the leading '/'
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    segments.emplace_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return segments;
}

bool IsParam(const std::string& segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

// "https://bank.example:8443" -> "bank.example:8443"; "" when it is not an http(s) origin.
std::string_view OriginAuthority(std::string_view origin) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (origin.substr(0, scheme.size()) == scheme) {
      std::string_view rest = origin.substr(scheme.size());
      return rest.substr(0, rest.find('/'));
    }
  }
  return {};
}

// What a preflight allows: the token routes take a JSON body and the token.
constexpr char kCorsAllowHeaders[] = "Authorization, Content-Type";
constexpr char kCorsMaxAge[] = "600";

// The message of a 401 on a route that takes no token when the request carried one.
constexpr char kTokenNotHere[] =
    "an API token opens only /predict, /api/segments/{id}/predict and POST /api/score; sign in "
    "for the rest";

std::string JsonText(const nlohmann::json& body) {
  // Stored text may hold invalid UTF-8 (an imported file); replace it instead of failing.
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

const char* AccessName(Access access) {
  switch (access) {
    case Access::kNone: return "none";
    case Access::kSignedIn: return "any";
    case Access::kAdmin: return "admin";
    case Access::kSales: return "sales";
    case Access::kAdminOrSales: return "admin+sales";
  }
  return "?";
}

std::string CookieValue(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
    pos = end + 1;
  }
  return "";
}

Router::Router(AuthService& auth, Metrics& metrics, RouterOptions options)
    : auth_(auth), metrics_(metrics), options_(std::move(options)) {}

std::string SessionCookie(const std::string& token, TimeMs max_age, bool secure) {
  std::string cookie = std::string(kSessionCookie) + "=" + token +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                       std::to_string(max_age / 1000);
  if (secure) cookie += "; Secure";
  return cookie;
}

std::string ClearedSessionCookie(bool secure) {
  std::string cookie =
      std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
  if (secure) cookie += "; Secure";
  return cookie;
}

Result<std::string> ParseCorsOrigin(std::string_view text) {
  std::string origin = Lower(std::string(text));
  while (!origin.empty() && origin.back() == '/') origin.pop_back();
  const std::string_view authority = OriginAuthority(origin);
  const bool plain = !authority.empty() && authority.size() + (origin[4] == 's' ? 8 : 7) ==
                                               origin.size();
  if (!plain || authority.find_first_of("/?#@ ") != std::string_view::npos) {
    return Status::InvalidArgument("a CORS origin is scheme://host[:port], e.g. "
                                   "https://segmen.bank.example; not '" +
                                   std::string(text.substr(0, 100)) + "'");
  }
  return origin;
}

std::optional<std::string> BearerToken(const Request& request) {
  if (!request.has_header("Authorization")) return std::nullopt;
  std::string value = request.get_header_value("Authorization");
  value.erase(0, value.find_first_not_of(" \t"));
  if (value.size() < 6 || !EqualsIgnoreCase(std::string_view(value).substr(0, 6), "bearer") ||
      (value.size() > 6 && value[6] != ' ')) {
    return std::nullopt;
  }
  std::string token = value.substr(6);
  token.erase(0, token.find_first_not_of(" \t"));
  token.erase(token.find_last_not_of(" \t") + 1);
  return token;
}

bool IsCrossSite(const Request& request) {
  if (EqualsIgnoreCase(request.get_header_value("Sec-Fetch-Site"), "cross-site")) return true;
  if (!request.has_header("Origin")) return false;  // not a browser's cross-origin request
  const std::string origin = request.get_header_value("Origin");
  const std::string_view authority = OriginAuthority(origin);
  return authority.empty() || !EqualsIgnoreCase(authority, request.get_header_value("Host"));
}

void Router::SetRoutes(std::vector<Route> routes) {
  routes_ = std::move(routes);
  segments_.clear();
  metric_slots_.clear();
  for (const Route& route : routes_) {
    segments_.push_back(SplitPath(route.pattern));
    metric_slots_.push_back(metrics_.Register(route.method, route.pattern));
  }
}

bool Router::Matches(size_t i, const std::vector<std::string>& parts) const {
  const std::vector<std::string>& pattern = segments_[i];
  if (pattern.size() != parts.size()) return false;
  for (size_t k = 0; k < parts.size(); ++k) {
    if (!(IsParam(pattern[k]) ? !parts[k].empty() : pattern[k] == parts[k])) return false;
  }
  return true;
}

bool Router::AllowsOrigin(const std::string& origin) const {
  return std::find(options_.cors_origins.begin(), options_.cors_origins.end(), origin) !=
         options_.cors_origins.end();
}

std::optional<Response> Router::Preflight(const Request& request) const {
  if (options_.cors_origins.empty() || request.path.empty() || request.path[0] != '/') {
    return std::nullopt;
  }
  const std::vector<std::string> parts = SplitPath(request.path);
  std::string methods;
  for (size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].token_scope.empty() || !Matches(i, parts)) continue;
    if (methods.find(routes_[i].method) == std::string::npos) {
      methods += (methods.empty() ? "" : ", ") + routes_[i].method;
    }
  }
  if (methods.empty()) return std::nullopt;
  const std::string origin = request.get_header_value("Origin");
  if (!AllowsOrigin(origin)) {
    Response refused = ErrorResponse(
        403, Status::PermissionDenied("this origin may not call the API from a browser"));
    refused.headers.emplace_back("Vary", "Origin");
    return refused;
  }
  Response res;
  res.status = 204;
  res.headers.emplace_back("Access-Control-Allow-Origin", origin);
  res.headers.emplace_back("Access-Control-Allow-Methods", methods + ", OPTIONS");
  res.headers.emplace_back("Access-Control-Allow-Headers", kCorsAllowHeaders);
  res.headers.emplace_back("Access-Control-Max-Age", kCorsMaxAge);
  res.headers.emplace_back("Vary", "Origin");
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

std::optional<size_t> Router::Match(Request& request) const {
  if (request.path.empty() || request.path[0] != '/') return std::nullopt;
  const std::vector<std::string> parts = SplitPath(request.path);
  for (size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].method != request.method) continue;
    if (!Matches(i, parts)) continue;
    request.path_params.clear();
    for (size_t k = 0; k < parts.size(); ++k) {
      if (IsParam(segments_[i][k])) request.path_params.push_back(parts[k]);
    }
    return i;
  }
  return std::nullopt;
}

std::optional<Response> Router::Admit(Exchange& exchange) const {
  const Route& route = routes_[exchange.route];
  const Request& req = exchange.request;
  auto refuse = [&](int code, Status status) {
    return std::optional<Response>(Finish(exchange, Reply::Json(ErrorBody(code, status), code)));
  };
  const std::string length_text = req.get_header_value("Content-Length");
  const uint64_t length = length_text.empty() ? 0 : std::strtoull(length_text.c_str(), nullptr, 10);
  const bool has_body = length > 0 || req.has_header("Transfer-Encoding");
  // An API token on a route that takes one: the request is authenticated by it alone.
  const std::optional<std::string> bearer = BearerToken(req);
  const bool token_request = bearer && !route.token_scope.empty();
  if (route.method == "GET") {
    if (has_body) return refuse(413, Status::InvalidArgument("a GET request takes no body"));
  } else {
    // A state-changing request from another site is refused whatever it carries: a browser
    // sends the session cookie with a form post or a bodyless fetch from any page. A token
    // request is not a browser session; from an allowed CORS origin (or no browser) it goes on.
    const bool token_from_allowed_origin =
        token_request &&
        (!req.has_header("Origin") || AllowsOrigin(req.get_header_value("Origin")));
    if (IsCrossSite(req) && !token_from_allowed_origin) {
      return refuse(403, Status::PermissionDenied(
                             "a request that changes data must come from the portal's own pages"));
    }
    const std::string expected = route.body == BodyKind::kCsv ? "text/csv" : "application/json";
    const bool typed = req.has_header("Content-Type");
    if ((typed && MediaType(req.get_header_value("Content-Type")) != expected) ||
        (has_body && !typed)) {
      return refuse(415, Status::InvalidArgument("send the body as " + expected));
    }
    if (length > route.max_body) {
      return refuse(413, Status::InvalidArgument("the body is larger than this route accepts (" +
                                                 std::to_string(route.max_body) + " bytes)"));
    }
  }

  if (token_request) {
    auto token = auth_.AuthenticateApiToken(*bearer, route.token_scope);
    if (!token.ok()) return Finish(exchange, token.status());
    exchange.token = std::move(token).value();
    return std::nullopt;
  }
  exchange.session_token = CookieValue(req.get_header_value("Cookie"), kSessionCookie);
  if (route.access != Access::kNone) {
    Status denied;
    if (exchange.session_token.empty()) {
      denied = Status::Unauthenticated(bearer ? kTokenNotHere : "sign in first");
    } else if (auto caller = auth_.Authenticate(exchange.session_token); !caller.ok()) {
      denied = caller.status();
    } else if (!Allows(route.access, caller->user.role)) {
      denied = Status::PermissionDenied(std::string("this needs the ") + AccessName(route.access) +
                                        " role");
    } else {
      exchange.caller = std::move(caller).value();
    }
    if (!denied.ok()) return Finish(exchange, denied);
  }
  return std::nullopt;
}

Response Router::Handle(Exchange& exchange, std::string body) const {
  const Route& route = routes_[exchange.route];
  RequestContext ctx{exchange.request, exchange.caller, exchange.session_token, std::move(body),
                     route.pattern, exchange.token};
  Result<Reply> result = Status::Internal("no answer");
  try {
    result = route.handler(ctx);
  } catch (const std::exception& e) {
    spdlog::error("{} {}: exception: {}", route.method, route.pattern, e.what());
    result = Status::Internal(e.what());
  } catch (...) {
    spdlog::error("{} {}: unknown exception", route.method, route.pattern);
    result = Status::Internal("unknown exception");
  }
  return Finish(exchange, std::move(result));
}

Response Router::Refuse(const Exchange& exchange, int http_code, const Status& status) const {
  return Finish(exchange, Reply::Json(ErrorBody(http_code, status), http_code));
}

Response Router::ErrorResponse(int http_code, const Status& status) {
  Response res;
  res.status = http_code;
  res.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  res.headers.emplace_back("Cache-Control", "no-store");
  res.body = JsonText(ErrorBody(http_code, status));
  return res;
}

Response Router::Finish(const Exchange& exchange, Result<Reply> result) const {
  const Route& route = routes_[exchange.route];
  const Request& req = exchange.request;
  Response res;
  const bool events = result.ok() && result->events;
  // An event stream is revalidated, never stored; no proxy may buffer it (nginx honours the
  // X-Accel-Buffering field).
  res.headers.emplace_back("Cache-Control", events ? "no-cache" : "no-store");
  if (result.ok()) {
    Reply& reply = *result;
    res.status = reply.status;
    for (auto& header : reply.headers) res.headers.push_back(std::move(header));
    if (events) {
      res.headers.emplace_back("Content-Type", "text/event-stream");
      res.headers.emplace_back("X-Accel-Buffering", "no");
      res.events = reply.events;
    } else if (reply.stream) {
      res.headers.emplace_back("Content-Type", reply.content_type);
      res.stream = std::move(reply.stream);
    } else if (!reply.content_type.empty()) {
      res.headers.emplace_back("Content-Type", reply.content_type);
      res.body = std::move(reply.raw);
    } else if (reply.status != 204) {
      res.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
      res.body = JsonText(reply.json);
    }
  } else {
    const Status& status = result.status();
    const int code = HttpCodeOf(status);
    if (code >= 500) spdlog::error("{} {}: {}", req.method, req.path, status.ToString());
    res.status = code;
    if (code == 401 && !exchange.session_token.empty()) {
      res.headers.emplace_back("Set-Cookie", ClearedSessionCookie(options_.secure_cookie));
    }
    if (code == 503) res.headers.emplace_back("Retry-After", "1");
    res.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
    res.body = JsonText(ErrorBody(code, status));
  }

  if (!route.token_scope.empty() && !options_.cors_origins.empty()) {
    const std::string origin = req.get_header_value("Origin");
    if (AllowsOrigin(origin)) res.headers.emplace_back("Access-Control-Allow-Origin", origin);
    res.headers.emplace_back("Vary", "Origin");
  }

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - exchange.start).count();
  metrics_.Record(metric_slots_[exchange.route], res.status, seconds);
  if (options_.access_log) {
    options_.access_log->info(
        R"({{"method":"{}","route":"{}","path":{},"status":{},"ms":{:.2f},"user":{},{}"addr":"{}"}})",
        req.method, route.pattern,
        nlohmann::json(req.path).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
        res.status, seconds * 1000,
        exchange.caller ? std::to_string(exchange.caller->user.id) : "null",
        exchange.token ? "\"token\":" + std::to_string(exchange.token->token_id) + "," : "",
        req.remote_addr);
  }
  return res;
}

}  // namespace leadscore::http
