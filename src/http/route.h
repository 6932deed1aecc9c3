// Route: one line of the API's route table — method, path pattern, who may call it, what body it
// takes, and the handler. The router (router.h) enforces everything declared here before the
// handler runs: the session and role (401 / 403) — or, on the few routes that name a token
// scope, an API token instead (`Authorization: Bearer`) —, the content type of state-changing
// requests (415) and the body size (413). A handler therefore only validates its input, calls
// one service function and maps the result.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "http/request.h"
#include "service/auth_service.h"

namespace leadscore::http {

enum class Access {
  kNone,          // anyone, no session needed
  kSignedIn,      // any signed-in user
  kAdmin,
  kSales,
  kAdminOrSales,
};

const char* AccessName(Access access);

enum class BodyKind {
  kNone,  // no body expected (a body, if sent, must still be JSON)
  kJson,  // application/json
  kCsv,   // text/csv
};

// What a handler sees of a request. When the route's access is not kNone, either the caller is
// set (a session) or, on a route with a token scope, the token (an API token); never both.
struct RequestContext {
  const Request& request;
  std::optional<Caller> caller;
  std::string session_token;  // from the cookie, "" if none
  std::string body;
  std::string route;  // the pattern, e.g. "/api/leads/{id}"
  std::optional<TokenCaller> token;

  // The n-th `{param}` of the pattern, as matched.
  std::string PathParam(size_t n) const {
    return n < request.path_params.size() ? request.path_params[n] : std::string();
  }
};

// A handler's answer. Errors are returned as a Status and mapped in one place by the router.
struct Reply {
  int status = 200;
  nlohmann::json json;        // sent when content_type is empty
  std::string content_type;   // for raw bodies (CSV, Prometheus text)
  std::string raw;
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, the body is streamed with chunked transfer encoding: the writer is called once,
  // after the handler returned, on the same thread, and writes the whole body into the sink;
  // it returns false when it failed (the answer is then cut short).
  std::function<bool(const ChunkSink&)> stream;
  // When set: an event stream (text/event-stream) that opens at this data version. The
  // transport holds the connection and sends an event whenever the version changes, without
  // holding a handler thread (server.h, event_hub.h).
  std::optional<int64_t> events;

  static Reply Json(nlohmann::json body, int status = 200) {
    Reply r;
    r.status = status;
    r.json = std::move(body);
    return r;
  }
  static Reply NoContent() {
    Reply r;
    r.status = 204;
    return r;
  }
  static Reply Stream(std::string content_type, std::function<bool(const ChunkSink&)> writer) {
    Reply r;
    r.content_type = std::move(content_type);
    r.stream = std::move(writer);
    return r;
  }
  static Reply Events(int64_t version) {
    Reply r;
    r.events = version;
    return r;
  }
  static Reply Raw(std::string body, std::string content_type, int status = 200) {
    Reply r;
    r.status = status;
    r.raw = std::move(body);
    r.content_type = std::move(content_type);
    return r;
  }
};

// A handler returns a Status for an error (mapped by the router) or a Reply; an error that
// needs "details" (the CSV import's row errors) is a Reply built with ErrorBody.
using Handler = std::function<Result<Reply>(RequestContext&)>;

struct Route {
  std::string method;   // "GET", "POST", "PATCH", "DELETE"
  std::string pattern;  // "/api/leads/{id}": each {name} matches one path segment
  Access access = Access::kNone;
  Handler handler;
  BodyKind body = BodyKind::kNone;
  size_t max_body = 1 << 20;  // bytes
  // When set, an API token with this scope (service/auth_service.h) is accepted instead of a
  // session, and the route answers cross-origin calls of the allowed CORS origins (router.h).
  std::string token_scope;
};

}  // namespace leadscore::http
