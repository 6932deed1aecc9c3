#include "http/server.h"

#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "http/api_routes.h"
#include "http/errors.h"

namespace leadscore::http {
namespace {

constexpr char kPlaceholderPage[] = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>leadscore</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto">
<h1>leadscore</h1>
<p>The API is running under <code>/api/</code>, but the web app has not been built.
Run <code>cd web &amp;&amp; npm run build</code> (or <code>make run</code>) and reload.</p>
</body></html>
)";

bool IsApiPath(const std::string& path) {
  return path.rfind("/api/", 0) == 0 || path == "/api" || path == "/predict" ||
         path == "/healthz" || path == "/metrics";
}


}  // namespace

ApiServer::ApiServer(ApiServices& services, ServerOptions options)
    : services_(services), options_(std::move(options)) {
  RouterOptions router_options;
  router_options.secure_cookie = services_.facts.secure_cookie;
  router_options.access_log = options_.access_log;
  router_ = std::make_unique<Router>(services_.auth, metrics_, router_options);

  const int threads = std::max(1, options_.threads);
  server_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server_.set_read_timeout(options_.read_timeout_seconds, 0);
  server_.set_write_timeout(options_.write_timeout_seconds, 0);
  server_.set_keep_alive_timeout(options_.keep_alive_seconds);
  // Headers and body go out in separate writes: without TCP_NODELAY the body waits for the
  // client's delayed ACK of the headers (up to 40 ms) on every keep-alive request.
  server_.set_tcp_nodelay(true);
  // The listening socket: SO_REUSEADDR for a quick restart, but not httplib's default
  // SO_REUSEPORT, with which a second server on the same port bound silently and shared the
  // connections; its descriptor is kept so that Bind() can raise the listen backlog.
  server_.set_socket_options([this](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    listen_socket_ = sock;
  });
  server_.set_payload_max_length(options_.max_body);
  server_.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                               {"X-Frame-Options", "DENY"},
                               {"Referrer-Policy", "same-origin"}});

  router_->Install(server_, ApiRoutes(services_, metrics_));

  std::error_code ec;
  has_web_app_ = std::filesystem::is_regular_file(
      std::filesystem::path(options_.web_dir) / "index.html", ec);
  if (has_web_app_) {
    server_.set_mount_point("/", options_.web_dir);
  } else {
    spdlog::warn("no web app in '{}': serving a placeholder page at /", options_.web_dir);
  }

  server_.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    if (res.status == 404 && req.method == "GET" && !IsApiPath(req.path)) {
      ServeWebApp(req, res);
      return httplib::Server::HandlerResponse::Handled;
    }
    std::string message = res.status == 404   ? "no such route"
                          : res.status == 413 ? "the body is too large"
                                              : "the request could not be handled";
    nlohmann::json body =
        ErrorBody(res.status, Status(res.status == 404 ? StatusCode::kNotFound
                                                       : StatusCode::kInvalidArgument,
                                     message));
    res.set_content(body.dump(), "application/json; charset=utf-8");
    return httplib::Server::HandlerResponse::Handled;
  }));
  server_.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        spdlog::error("{} {}: exception: {}", req.method, req.path, what);
        res.status = 500;
        res.set_content(ErrorBody(500, Status::Internal(what)).dump(),
                        "application/json; charset=utf-8");
      });
}

ApiServer::~ApiServer() { Stop(); }

void ApiServer::ServeWebApp(const httplib::Request& req, httplib::Response& res) const {
  if (!has_web_app_) {
    res.status = 200;
    res.set_content(kPlaceholderPage, "text/html; charset=utf-8");
    return;
  }
  std::ifstream in(std::filesystem::path(options_.web_dir) / "index.html", std::ios::binary);
  std::stringstream page;
  page << in.rdbuf();
  res.status = 200;
  res.set_header("Cache-Control", "no-cache");
  res.set_content(page.str(), "text/html; charset=utf-8");
}

Result<int> ApiServer::Bind() {
  int port = options_.port;
  if (port == 0) {
    port = server_.bind_to_any_port(options_.host);
    if (port <= 0) return Status::Unavailable("cannot bind to " + options_.host);
  } else if (!server_.bind_to_port(options_.host, options_.port)) {
    return Status::Unavailable("cannot listen on " + options_.host + ":" +
                               std::to_string(options_.port) + " (in use?)");
  }
  // cpp-httplib listens with the backlog it was built with (5 in Debian's build): a handful of
  // clients connecting at once overflowed it, and the kernel delayed or dropped connections
  // (seen as requests that got no answer). Listening again on the socket raises it.
  if (listen_socket_ >= 0 && ::listen(listen_socket_, kListenBacklog) != 0) {
    spdlog::warn("could not raise the listen backlog: {}", std::strerror(errno));
  }
  return port;
}

Status ApiServer::Run() {
  if (!server_.listen_after_bind()) return Status::Internal("the server stopped with an error");
  return Status::Ok();
}

void ApiServer::Stop() {
  if (server_.is_running()) server_.stop();
}

}  // namespace leadscore::http
