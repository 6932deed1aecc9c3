#include "http/router.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <exception>

#include <spdlog/spdlog.h>

#include "http/errors.h"

namespace leadscore::http {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

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

std::string PatternToRegex(const std::string& pattern) {
  std::string regex;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '{') {
      size_t end = pattern.find('}', i);
      regex += "([^/]+)";
      i = end;
    } else if (std::string_view(".^$|()[]*+?\\").find(c) != std::string_view::npos) {
      regex += '\\';
      regex += c;
    } else {
      regex += c;
    }
  }
  return regex;
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

void Router::Install(httplib::Server& server, std::vector<Route> routes) {
  routes_ = std::move(routes);
  for (size_t i = 0; i < routes_.size(); ++i) {
    const Route& route = routes_[i];
    metric_slots_.push_back(metrics_.Register(route.method, route.pattern));
    std::string regex = PatternToRegex(route.pattern);
    if (route.method == "GET") {
      server.Get(regex, [this, i](const httplib::Request& req, httplib::Response& res) {
        Dispatch(i, req, res, nullptr);
      });
      continue;
    }
    // State-changing routes take a content reader, so that the gate runs before the body is
    // read: an unauthenticated or oversized upload is refused without reading it.
    auto with_reader = [this, i](const httplib::Request& req, httplib::Response& res,
                                 const httplib::ContentReader& reader) {
      Dispatch(i, req, res, &reader);
    };
    if (route.method == "POST") {
      server.Post(regex, with_reader);
    } else if (route.method == "PUT") {
      server.Put(regex, with_reader);
    } else if (route.method == "PATCH") {
      server.Patch(regex, with_reader);
    } else if (route.method == "DELETE") {
      server.Delete(regex, with_reader);
    }
  }
}

Result<Reply> Router::Gate(const Route& route, RequestContext& ctx,
                           const httplib::ContentReader* reader) {
  const httplib::Request& req = ctx.request;
  if (route.method != "GET") {
    const bool has_body =
        req.get_header_value<uint64_t>("Content-Length") > 0 || req.has_header("Transfer-Encoding");
    const std::string expected = route.body == BodyKind::kCsv ? "text/csv" : "application/json";
    const bool typed = req.has_header("Content-Type");
    if ((typed && MediaType(req.get_header_value("Content-Type")) != expected) ||
        (has_body && !typed)) {
      Reply r = Reply::Json(
          ErrorBody(415, Status::InvalidArgument("send the body as " + expected)), 415);
      return r;
    }
    if (req.get_header_value<uint64_t>("Content-Length") > route.max_body) {
      return Reply::Json(ErrorBody(413, Status::InvalidArgument(
                                            "the body is larger than this route accepts (" +
                                            std::to_string(route.max_body) + " bytes)")),
                         413);
    }
  }

  ctx.session_token = CookieValue(req.get_header_value("Cookie"), kSessionCookie);
  if (route.access != Access::kNone) {
    if (ctx.session_token.empty()) return Status::Unauthenticated("sign in first");
    LS_ASSIGN_OR_RETURN(ctx.caller, auth_.Authenticate(ctx.session_token));
    if (!Allows(route.access, ctx.caller->user.role)) {
      return Status::PermissionDenied(std::string("this needs the ") + AccessName(route.access) +
                                      " role");
    }
  }

  if (reader) {
    bool too_large = false;
    const size_t limit = route.max_body;
    (*reader)([&](const char* data, size_t length) {
      if (ctx.body.size() + length > limit) {
        too_large = true;
        return false;
      }
      ctx.body.append(data, length);
      return true;
    });
    if (too_large) {
      return Reply::Json(ErrorBody(413, Status::InvalidArgument("the body is too large")), 413);
    }
  }
  return route.handler(ctx);
}

void Router::Dispatch(size_t index, const httplib::Request& req, httplib::Response& res,
                      const httplib::ContentReader* reader) {
  const auto start = std::chrono::steady_clock::now();
  const Route& route = routes_[index];
  RequestContext ctx{req, std::nullopt, "", "", route.pattern};

  Result<Reply> result = Status::Internal("no answer");
  try {
    result = Gate(route, ctx, reader);
  } catch (const std::exception& e) {
    spdlog::error("{} {}: exception: {}", req.method, route.pattern, e.what());
    result = Status::Internal(e.what());
  } catch (...) {
    spdlog::error("{} {}: unknown exception", req.method, route.pattern);
    result = Status::Internal("unknown exception");
  }

  res.set_header("Cache-Control", "no-store");
  if (result.ok()) {
    Reply& reply = *result;
    res.status = reply.status;
    for (auto& [name, value] : reply.headers) res.set_header(name, value);
    if (reply.stream) {
      auto writer = std::move(reply.stream);
      res.set_chunked_content_provider(
          reply.content_type, [writer = std::move(writer)](size_t, httplib::DataSink& sink) {
            bool ok = false;
            try {
              ok = writer(sink);
            } catch (const std::exception& e) {
              spdlog::error("streamed answer failed: {}", e.what());
            }
            if (ok) sink.done();
            return ok;
          });
    } else if (!reply.content_type.empty()) {
      res.set_content(reply.raw, reply.content_type);
    } else if (reply.status != 204) {
      res.set_content(JsonText(reply.json), "application/json; charset=utf-8");
    }
  } else {
    const Status& status = result.status();
    int code = HttpCodeOf(status);
    if (code >= 500) spdlog::error("{} {}: {}", req.method, req.path, status.ToString());
    res.status = code;
    if (code == 503) res.set_header("Retry-After", "1");
    if (code == 401 && !ctx.session_token.empty()) {
      res.set_header("Set-Cookie", ClearedSessionCookie(options_.secure_cookie));
    }
    res.set_content(JsonText(ErrorBody(code, status)), "application/json; charset=utf-8");
  }

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.Record(metric_slots_[index], res.status, seconds);
  if (options_.access_log) {
    options_.access_log->info(
        R"({{"method":"{}","route":"{}","path":{},"status":{},"ms":{:.2f},"user":{},"addr":"{}"}})",
        req.method, route.pattern, nlohmann::json(req.path).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
        res.status, seconds * 1000, ctx.caller ? std::to_string(ctx.caller->user.id) : "null",
        req.remote_addr);
  }
}

}  // namespace leadscore::http
