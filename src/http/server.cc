#include "http/server.h"

#include <array>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <future>
#include <limits>
#include <mutex>
#include <optional>
#include <sstream>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include "http/api_routes.h"
#include "http/errors.h"
#include "http/event_hub.h"
#include "core/text.h"

namespace leadscore::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr char kPlaceholderPage[] = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>leadscore</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto">
<h1>leadscore</h1>
<p>The API is running under <code>/api/</code>, but the web app has not been built.
Run <code>cd web &amp;&amp; npm run build</code> (or <code>make run</code>) and reload.</p>
</body></html>
)";

// Sent, and the connection closed, when one address holds too many connections.
const std::string& TooManyConnections() {
  static const std::string answer = [] {
    const std::string body =
        R"({"error":{"code":"unavailable","message":"too many connections from this address; )"
        R"(retry later"}})";
    return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
           "Retry-After: 5\r\nConnection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }();
  return answer;
}

constexpr int kListenBacklog = 1024;  // the kernel caps it at net.core.somaxconn
constexpr size_t kStreamPiece = 64 * 1024;   // a streamed answer is written in pieces this big
constexpr size_t kLargeBody = 1 << 20;       // bodies above this get the upload deadline
constexpr size_t kDrainBytes = 1 << 20;      // unread body read and dropped before a close
constexpr auto kDrainTime = std::chrono::seconds(2);
constexpr size_t kMaxQueuedFrames = 64;  // an event stream whose client reads none is closed
constexpr auto kStreamsEndTime = std::chrono::seconds(2);  // for open streams to end on Stop()

const Fields& SecurityHeaders() {
  static const Fields headers = {{"X-Content-Type-Options", "nosniff"},
                                 {"X-Frame-Options", "DENY"},
                                 {"Referrer-Policy", "same-origin"}};
  return headers;
}

bool IsApiPath(std::string_view path) {
  return path.substr(0, 5) == "/api/" || path == "/api" || path == "/predict" ||
         path == "/healthz" || path == "/metrics";
}

std::string_view Sv(beast::string_view s) { return {s.data(), s.size()}; }

std::string ContentTypeOf(const std::filesystem::path& file) {
  static const std::unordered_map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},           {".svg", "image/svg+xml"},
      {".png", "image/png"},                   {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},                {".woff2", "font/woff2"},
      {".woff", "font/woff"},                  {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"}, {".map", "application/json"}};
  auto it = types.find(file.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

std::optional<std::string> ReadFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// The reason a request's framing is refused before its body, or nullopt when it is sound.
// (Beast itself refuses two different Content-Lengths and a Content-Length beside chunked.)
struct Refusal {
  int code;
  std::string message;
};
std::optional<Refusal> CheckFraming(const bhttp::request_parser<bhttp::string_body>& parser,
                                    size_t max_fields) {
  const auto& h = parser.get();
  size_t fields = 0, lengths = 0, codings = 0;
  for (const auto& field : h) {
    ++fields;
    if (field.name() == bhttp::field::content_length) ++lengths;
    if (field.name() == bhttp::field::transfer_encoding) ++codings;
  }
  if (fields > max_fields) {
    return Refusal{431, "the request has more than " + std::to_string(max_fields) + " header fields"};
  }
  if (lengths > 1) return Refusal{400, "the request repeats Content-Length"};
  if (codings > 0) {
    if (codings > 1 || lengths > 0 ||
        !EqualsIgnoreCase(TrimBlanks(Sv(h[bhttp::field::transfer_encoding])), "chunked")) {
      return Refusal{400, "the only transfer coding taken is chunked, without Content-Length"};
    }
  }
  if (h.version() < 11 && codings > 0) {
    return Refusal{400, "HTTP/1.0 has no chunked transfer coding"};
  }
  const auto encoding = h.find(bhttp::field::content_encoding);
  if (encoding != h.end() && !EqualsIgnoreCase(TrimBlanks(Sv(encoding->value())), "identity")) {
    return Refusal{415, "send the body without a Content-Encoding"};
  }
  return std::nullopt;
}

}  // namespace

class ApiServer::Impl {
 public:
  Impl(ApiServices& services, ServerOptions options)
      : services_(services),
        options_(std::move(options)),
        router_(services_.auth, metrics_,
                RouterOptions{services_.facts.secure_cookie, options_.access_log,
                              options_.cors_origins}),
        ioc_(std::max(1, options_.io_threads)),
        acceptor_(ioc_),
        workers_(static_cast<size_t>(std::max(1, options_.threads))),
        events_(ioc_, workers_, [this] { return services_.store.DataVersion(); },
                [this](const std::string& token) { return services_.auth.Authenticate(token).status(); },
                EventHubOptions{std::chrono::milliseconds(std::max(10, options_.event_poll_ms)),
                                std::chrono::seconds(std::max(1, options_.event_heartbeat_seconds)),
                                std::chrono::milliseconds(3000)}) {
    router_.SetRoutes(ApiRoutes(services_, metrics_));
    std::error_code ec;
    has_web_app_ = std::filesystem::is_regular_file(
        std::filesystem::path(options_.web_dir) / "index.html", ec);
    if (!has_web_app_) {
      spdlog::warn("no web app in '{}': serving a placeholder page at /", options_.web_dir);
    }
  }

  Result<int> Bind() {
    beast::error_code ec;
    const auto address = net::ip::make_address(options_.host, ec);
    if (ec) return Status::InvalidArgument("not an IP address to listen on: " + options_.host);
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(options_.port));
    acceptor_.open(endpoint.protocol(), ec);
    // SO_REUSEADDR for a quick restart; never SO_REUSEPORT, with which a second server on the
    // same port would bind silently and share the connections.
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(kListenBacklog, ec);
    if (ec) {
      beast::error_code ignored;
      acceptor_.close(ignored);
      return Status::Unavailable("cannot listen on " + options_.host + ":" +
                                 std::to_string(options_.port) + " (" + ec.message() + ")");
    }
    return static_cast<int>(acceptor_.local_endpoint().port());
  }

  Status Run() {
    if (!acceptor_.is_open()) return Status::FailedPrecondition("Bind() before Run()");
    Accept();
    std::vector<std::thread> extra;
    for (int i = 1; i < std::max(1, options_.io_threads); ++i) {
      extra.emplace_back([this] { ioc_.run(); });
    }
    events_.Start();
    running_ = true;
    ioc_.run();
    for (auto& t : extra) t.join();
    running_ = false;
    return Status::Ok();
  }

  void Stop() {
    if (stopping_.exchange(true)) return;
    events_.Stop();  // every open event stream gets its last chunk
    net::post(ioc_, [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
    });
    // Requests in the handlers finish and are answered while the sockets still run.
    workers_.join();
    if (running_) {
      std::unique_lock lock(slots_mu_);
      streams_ended_.wait_for(lock, kStreamsEndTime, [this] { return streams_ == 0; });
    }
    ioc_.stop();
  }

  bool running() const { return running_; }

  // Connection slots of one client address.
  bool TakeSlot(const std::string& addr) {
    std::lock_guard lock(slots_mu_);
    int& mine = slots_[addr];
    if (mine >= options_.max_connections_per_client || connections_ >= options_.max_connections) {
      if (mine == 0) slots_.erase(addr);
      return false;
    }
    ++mine;
    ++connections_;
    return true;
  }
  void ReleaseSlot(const std::string& addr) {
    std::lock_guard lock(slots_mu_);
    auto it = slots_.find(addr);
    if (it != slots_.end() && --it->second <= 0) slots_.erase(it);
    --connections_;
  }

  // Event streams of one client address, each on a connection that already holds a slot: at
  // most half of the address's slots, so that its ordinary requests always have the other half.
  bool TakeStreamSlot(const std::string& addr) {
    std::lock_guard lock(slots_mu_);
    int& mine = stream_slots_[addr];
    if (mine >= std::max(1, options_.max_connections_per_client / 2)) {
      if (mine == 0) stream_slots_.erase(addr);
      return false;
    }
    ++mine;
    ++streams_;
    return true;
  }
  void ReleaseStreamSlot(const std::string& addr) {
    std::lock_guard lock(slots_mu_);
    auto it = stream_slots_.find(addr);
    if (it != stream_slots_.end() && --it->second <= 0) stream_slots_.erase(it);
    --streams_;
    streams_ended_.notify_all();
  }

  // A GET of the web app: a file of the built app, or index.html for the app's own paths.
  Response WebApp(const Request& req) const {
    Response res;
    for (const auto& h : SecurityHeaders()) res.headers.push_back(h);
    if (!has_web_app_) {
      res.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
      res.body = kPlaceholderPage;
      return res;
    }
    const std::filesystem::path root(options_.web_dir);
    std::filesystem::path relative = std::filesystem::path(req.path).relative_path();
    bool safe = req.path.find('\0') == std::string::npos;
    for (const auto& part : relative) safe = safe && part != ".." && part != ".";
    std::error_code ec;
    if (safe && !relative.empty() &&
        std::filesystem::is_regular_file(root / relative, ec)) {
      if (auto content = ReadFile(root / relative)) {
        res.headers.emplace_back("Content-Type", ContentTypeOf(relative));
        // The build names its assets by their content: they never change under one name.
        res.headers.emplace_back("Cache-Control", req.path.rfind("/assets/", 0) == 0
                                                      ? "public, max-age=31536000, immutable"
                                                      : "no-cache");
        res.body = std::move(*content);
        return res;
      }
    }
    auto page = ReadFile(root / "index.html");
    res.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
    res.headers.emplace_back("Cache-Control", "no-cache");
    res.body = page ? std::move(*page) : std::string(kPlaceholderPage);
    return res;
  }

  void Accept();

  // Declared in this order so that the handler pool and the sockets, whose pending work holds
  // connections, go first: a connection's end releases its slot and uses the router.
  ApiServices& services_;
  const ServerOptions options_;
  std::mutex slots_mu_;
  std::unordered_map<std::string, int> slots_;         // guarded by slots_mu_
  int connections_ = 0;                                // guarded by slots_mu_
  std::unordered_map<std::string, int> stream_slots_;  // guarded by slots_mu_
  int streams_ = 0;                                    // guarded by slots_mu_
  std::condition_variable streams_ended_;              // streams_ fell
  Metrics metrics_;
  Router router_;
  bool has_web_app_ = false;
  std::atomic<bool> running_{false};
  std::atomic<bool> stopping_{false};
  net::io_context ioc_;
  tcp::acceptor acceptor_;
  net::thread_pool workers_;
  EventHub events_;  // after the pool and the context its timer and ticks run on
};

namespace {

using Impl = ApiServer::Impl;

// One connection: reads requests one after another (keep-alive), hands each to the handler
// pool, writes the answers. Every socket operation runs on the connection's strand. A
// connection that answered GET /api/events becomes an event stream until it closes: the hub
// hands it frames (EventSink), it writes them as chunks, and it watches the socket only for the
// client's leaving.
class Session : public std::enable_shared_from_this<Session>, public EventSink {
 public:
  Session(Impl& server, tcp::socket socket, std::string addr)
      : server_(server), stream_(std::move(socket)), addr_(std::move(addr)) {}
  ~Session() override {
    if (event_stream_) server_.ReleaseStreamSlot(addr_);
    server_.ReleaseSlot(addr_);
  }

  // EventSink, from any thread.
  void Send(std::string frames) override {
    net::post(stream_.get_executor(),
              [self = shared_from_this(), frames = std::move(frames)]() mutable {
                self->Enqueue(std::move(frames), false);
              });
  }
  void End(std::string last_frames) override {
    net::post(stream_.get_executor(),
              [self = shared_from_this(), frames = std::move(last_frames)]() mutable {
                self->Enqueue(std::move(frames), true);
              });
  }

  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }

 private:
  const ServerOptions& options() const { return server_.options_; }

  void ReadHeader() {
    if (server_.stopping_) return Close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(options().max_header_bytes));
    // The body's limit is its route's, set once the header is read (router.h checks a declared
    // length before): none for the header itself.
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    exchange_.reset();
    // The first request has the read deadline from the connection's start; later ones have
    // the keep-alive time to begin, and the read deadline once they did.
    stream_.expires_after(std::chrono::seconds(served_ == 0 ? options().read_timeout_seconds
                                                            : options().keep_alive_seconds));
    if (served_ > 0 && buffer_.size() == 0) {
      // Wait for the next request's first bytes under the keep-alive time, then read its
      // header under the read deadline.
      stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](
                                                         beast::error_code ec, size_t n) {
        if (ec) return self->Close();
        self->buffer_.commit(n);
        self->stream_.expires_after(std::chrono::seconds(self->options().read_timeout_seconds));
        bhttp::async_read_header(self->stream_, self->buffer_, *self->parser_,
                                 [self](beast::error_code ec, size_t) { self->OnHeader(ec); });
      });
      return;
    }
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code ec, size_t) {
                               self->OnHeader(ec);
                             });
  }

  void OnHeader(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == net::error::eof ||
        ec == beast::error::timeout || ec == net::error::operation_aborted ||
        ec == net::error::connection_reset) {
      return Close();
    }
    if (ec == bhttp::error::header_limit) {
      return Answer(
          Router::ErrorResponse(
              431, Status::InvalidArgument("the header is too large").With("header_too_large")),
          true);
    }
    if (ec) {
      return Answer(
          Router::ErrorResponse(400, Status::InvalidArgument("malformed request: " + ec.message())
                                         .With("request_malformed")),
          true);
    }
    if (auto refused = CheckFraming(*parser_, options().max_header_fields)) {
      return Answer(
          Router::ErrorResponse(
              refused->code, Status::InvalidArgument(refused->message).With("request_malformed")),
          true);
    }
    const auto& h = parser_->get();
    keep_alive_ = h.keep_alive();
    body_pending_ = !parser_->is_done();

    Request req;
    req.method = std::string(h.method_string());
    const std::string_view target(h.target().data(), h.target().size());
    const size_t q = target.find('?');
    auto path = PercentDecode(target.substr(0, q), false);
    auto query = q == std::string_view::npos ? std::optional<Fields>(Fields())
                                             : ParseQuery(target.substr(q + 1));
    if (!path || !query || path->empty() || (*path)[0] != '/') {
      return Answer(
          Router::ErrorResponse(
              400, Status::InvalidArgument("malformed request target").With("request_malformed")),
          true);
    }
    req.path = std::move(*path);
    req.params = std::move(*query);
    req.headers.reserve(16);
    for (const auto& field : h) {
      req.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    req.remote_addr = addr_;
    expect_continue_ = EqualsIgnoreCase(TrimBlanks(Sv(h[bhttp::field::expect])), "100-continue");
    ++served_;

    exchange_.emplace();
    exchange_->request = std::move(req);
    auto route = server_.router_.Match(exchange_->request);
    if (!route) {
      const Request& r = exchange_->request;
      if ((r.method == "GET" || r.method == "HEAD") && !IsApiPath(r.path) && !body_pending_) {
        const bool head = r.method == "HEAD";
        return OnWorker([self = shared_from_this(), head] {
          Response res = self->server_.WebApp(self->exchange_->request);
          self->Respond(std::move(res), head);
        });
      }
      if (r.method == "OPTIONS") {
        if (auto preflight = server_.router_.Preflight(r)) {
          return Answer(std::move(*preflight), body_pending_);
        }
      }
      return Answer(
          Router::ErrorResponse(404, Status::NotFound("no such route").With("route_not_found")),
          body_pending_);
    }
    exchange_->route = *route;
    OnWorker([self = shared_from_this()] { self->AdmitAndHandle(); });
  }

  // On a handler thread.
  void AdmitAndHandle() {
    if (auto refused = server_.router_.Admit(*exchange_)) {
      return Respond(std::move(*refused), false, /*close=*/body_pending_);
    }
    if (!body_pending_) return Respond(server_.router_.Handle(*exchange_, std::string()));
    net::post(stream_.get_executor(), [self = shared_from_this()] { self->ReadBody(); });
  }

  void ReadBody() {
    const size_t limit = server_.router_.MaxBody(*exchange_);
    parser_->body_limit(limit);
    stream_.expires_after(std::chrono::seconds(limit > kLargeBody ? options().upload_timeout_seconds
                                                                  : options().read_timeout_seconds));
    auto read = [self = shared_from_this()] {
      bhttp::async_read(self->stream_, self->buffer_, *self->parser_,
                        [self](beast::error_code ec, size_t) { self->OnBody(ec); });
    };
    if (!expect_continue_) return read();
    // The client waits for this before it sends the body.
    auto line = std::make_shared<std::string>("HTTP/1.1 100 Continue\r\n\r\n");
    net::async_write(stream_, net::buffer(*line),
                     [self = shared_from_this(), line, read](beast::error_code ec, size_t) {
                       if (ec) return self->Close();
                       read();
                     });
  }

  void OnBody(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
      body_pending_ = true;
      return Answer(server_.router_.Refuse(
                        *exchange_, 413,
                        Status::InvalidArgument("the body is too large").With("body_too_large")),
                    true);
    }
    if (ec) {
      body_pending_ = true;
      if (ec == beast::error::timeout) {
        return Answer(
            server_.router_.Refuse(
                *exchange_, 408,
                Status::InvalidArgument("the body did not arrive in time").With("body_timeout")),
            true);
      }
      return Close();
    }
    body_pending_ = false;
    OnWorker([self = shared_from_this()] {
      std::string body = std::move(self->parser_->get().body());
      self->Respond(self->server_.router_.Handle(*self->exchange_, std::move(body)));
    });
  }

  template <class F>
  void OnWorker(F f) {
    net::post(server_.workers_, std::move(f));
  }

  // From a handler thread: a streamed answer is written from here; any other is handed to the
  // strand.
  void Respond(Response res, bool head = false, bool close = false) {
    if (res.stream) return Stream(std::move(res));
    if (res.events) {
      return net::post(stream_.get_executor(),
                       [self = shared_from_this(), res = std::move(res)]() mutable {
                         self->OpenEvents(std::move(res));
                       });
    }
    net::post(stream_.get_executor(),
              [self = shared_from_this(), res = std::move(res), head, close]() mutable {
                self->Answer(std::move(res), close, head);
              });
  }

  // On the strand: writes one whole answer, then reads the next request or closes.
  void Answer(Response res, bool close, bool head = false) {
    auto msg = std::make_shared<bhttp::response<bhttp::string_body>>();
    msg->version(11);
    msg->result(static_cast<unsigned>(res.status));
    for (const auto& [name, value] : SecurityHeaders()) msg->set(name, value);
    for (auto& [name, value] : res.headers) msg->insert(name, value);
    const size_t length = res.body.size();
    if (!head) msg->body() = std::move(res.body);
    const bool keep = keep_alive_ && !close && !server_.stopping_;
    msg->keep_alive(keep);
    msg->prepare_payload();
    if (head) msg->content_length(length);
    stream_.expires_after(std::chrono::seconds(options().write_timeout_seconds));
    auto after = [self = shared_from_this(), msg, keep](beast::error_code ec, size_t) {
      if (ec) return self->Close();
      if (!keep) return self->ShutDown();
      self->ReadHeader();
    };
    if (head) {
      auto sr = std::make_shared<bhttp::response_serializer<bhttp::string_body>>(*msg);
      bhttp::async_write_header(stream_, *sr, [after, sr](beast::error_code ec, size_t n) {
        after(ec, n);
      });
      return;
    }
    bhttp::async_write(stream_, *msg, std::move(after));
  }

  // On a handler thread: runs an operation on the strand and waits for its completion.
  template <class Start>
  beast::error_code OnStrandAndWait(Start start) {
    auto done = std::make_shared<std::promise<beast::error_code>>();
    auto result = done->get_future();
    net::post(stream_.get_executor(), [start = std::move(start), done]() mutable {
      start([done](beast::error_code ec, size_t) { done->set_value(ec); });
    });
    const auto limit = std::chrono::seconds(options().write_timeout_seconds + 5);
    if (result.wait_for(limit) != std::future_status::ready) return net::error::timed_out;
    return result.get();
  }

  // On a handler thread: a chunked answer, written piece by piece as the writer produces it.
  void Stream(Response res) {
    bhttp::response<bhttp::empty_body> head;
    head.version(11);
    head.result(static_cast<unsigned>(res.status));
    for (const auto& [name, value] : SecurityHeaders()) head.set(name, value);
    for (auto& [name, value] : res.headers) head.insert(name, value);
    head.chunked(true);
    head.keep_alive(keep_alive_);
    bhttp::response_serializer<bhttp::empty_body> serializer(head);

    const auto timeout = std::chrono::seconds(options().write_timeout_seconds);
    beast::error_code ec = OnStrandAndWait([&](auto handler) {
      stream_.expires_after(timeout);
      bhttp::async_write_header(stream_, serializer, std::move(handler));
    });
    std::string pending;
    auto flush = [&]() {
      if (ec || pending.empty()) return !ec;
      ec = OnStrandAndWait([&](auto handler) {
        stream_.expires_after(timeout);
        net::async_write(stream_, bhttp::make_chunk(net::buffer(pending)), std::move(handler));
      });
      pending.clear();
      return !ec;
    };
    bool ok = !ec;
    if (ok) {
      const ChunkSink sink = [&](std::string_view chunk) {
        pending.append(chunk);
        return pending.size() < kStreamPiece || flush();
      };
      try {
        ok = res.stream(sink);
      } catch (const std::exception& e) {
        spdlog::error("streamed answer failed: {}", e.what());
        ok = false;
      }
    }
    if (ok && flush()) {
      ec = OnStrandAndWait([&](auto handler) {
        stream_.expires_after(timeout);
        net::async_write(stream_, bhttp::make_chunk_last(), std::move(handler));
      });
      ok = !ec;
    }
    const bool keep = ok && keep_alive_ && !server_.stopping_;
    net::post(stream_.get_executor(), [self = shared_from_this(), keep] {
      if (keep) return self->ReadHeader();
      // A cut-short answer ends without its last chunk: the client sees it incomplete.
      self->Close();
    });
  }

  // On the strand: the answer of GET /api/events. Writes the header, then the greeting (the
  // retry delay and the version the stream opens at), and hands the stream to the hub. From
  // here on no deadline applies but the one of each write.
  void OpenEvents(Response res) {
    if (server_.stopping_) return Close();
    if (!server_.TakeStreamSlot(addr_)) {
      Response busy = server_.router_.Refuse(
          *exchange_, 503,
          Status::Unavailable("too many live event streams from this address; retry later")
              .With("too_many_streams"));
      busy.headers.emplace_back("Retry-After", "5");
      return Answer(std::move(busy), true);
    }
    event_stream_ = true;
    const int64_t version = *res.events;
    auto head = std::make_shared<bhttp::response<bhttp::empty_body>>();
    head->version(11);
    head->result(static_cast<unsigned>(res.status));
    for (const auto& [name, value] : SecurityHeaders()) head->set(name, value);
    for (auto& [name, value] : res.headers) head->insert(name, value);
    head->chunked(true);
    head->keep_alive(false);
    auto serializer = std::make_shared<bhttp::response_serializer<bhttp::empty_body>>(*head);
    stream_.expires_after(std::chrono::seconds(options().write_timeout_seconds));
    bhttp::async_write_header(
        stream_, *serializer,
        [self = shared_from_this(), head, serializer, version](beast::error_code ec, size_t) {
          if (ec) return self->Close();
          self->WatchForLeaving();
          self->Enqueue(self->server_.events_.Greeting(version), false);
          self->server_.events_.Add(std::weak_ptr<EventSink>(self),
                                    self->exchange_->session_token, version);
        });
  }

  // On the strand: a client sends nothing on an event stream; its end (or anything it sends)
  // closes the connection. The read is on the socket itself, outside the stream's deadlines.
  void WatchForLeaving() {
    stream_.socket().async_read_some(
        net::buffer(watch_buffer_),
        [self = shared_from_this()](beast::error_code, size_t) { self->Close(); });
  }

  // On the strand: queues frames of the event stream (and, with `end`, its end) for writing.
  void Enqueue(std::string frames, bool end) {
    if (closed_ || !event_stream_) return;
    if (end) ending_ = true;
    if (!frames.empty()) {
      if (frames_.size() >= kMaxQueuedFrames) return Close();
      frames_.push_back(std::move(frames));
    }
    if (!writing_) WriteFrames();
  }

  void WriteFrames() {
    if (closed_) return;
    writing_ = true;
    stream_.expires_after(std::chrono::seconds(options().write_timeout_seconds));
    if (frames_.empty()) {
      if (!ending_) {
        writing_ = false;
        return;
      }
      net::async_write(stream_, bhttp::make_chunk_last(),
                       [self = shared_from_this()](beast::error_code, size_t) { self->Close(); });
      return;
    }
    net::async_write(stream_, bhttp::make_chunk(net::buffer(frames_.front())),
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       if (ec) return self->Close();
                       self->frames_.pop_front();
                       self->WriteFrames();
                     });
  }

  // Ends the connection after an answer: no more sending, and whatever the client still sends
  // (an unread body) is read and dropped for a moment, so that the answer is not lost to a
  // reset.
  void ShutDown() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    if (!body_pending_) return Close();
    stream_.expires_after(kDrainTime);
    Drain();
  }

  void Drain() {
    drain_buffer_.resize(16 * 1024);
    stream_.async_read_some(net::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kDrainBytes) return self->Close();
                              self->Drain();
                            });
  }

  void Close() {
    closed_ = true;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  Impl& server_;
  beast::tcp_stream stream_;
  const std::string addr_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<Exchange> exchange_;
  bool keep_alive_ = true;
  bool body_pending_ = false;
  bool expect_continue_ = false;
  int served_ = 0;
  std::string drain_buffer_;
  size_t drained_ = 0;
  bool closed_ = false;
  // The event stream, once this connection is one.
  bool event_stream_ = false;        // it holds a stream slot
  std::deque<std::string> frames_;   // to write, in order; the front one is being written
  bool writing_ = false;
  bool ending_ = false;              // after the queued frames, the last chunk and a close
  std::array<char, 256> watch_buffer_{};
};

}  // namespace

void ApiServer::Impl::Accept() {
  acceptor_.async_accept(net::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
      spdlog::warn("accept: {}", ec.message());  // e.g. out of descriptors: try again
      return Accept();
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    const auto remote = socket.remote_endpoint(ignored);
    std::string addr = ignored ? std::string("?") : remote.address().to_string();
    if (!TakeSlot(addr)) {
      net::write(socket, net::buffer(TooManyConnections()), ignored);
      socket.shutdown(tcp::socket::shutdown_both, ignored);
      socket.close(ignored);
    } else {
      std::make_shared<Session>(*this, std::move(socket), std::move(addr))->Start();
    }
    Accept();
  });
}

ApiServer::ApiServer(ApiServices& services, ServerOptions options)
    : impl_(std::make_unique<Impl>(services, std::move(options))) {}

ApiServer::~ApiServer() { Stop(); }

Result<int> ApiServer::Bind() { return impl_->Bind(); }
Status ApiServer::Run() { return impl_->Run(); }
void ApiServer::Stop() { impl_->Stop(); }
bool ApiServer::running() const { return impl_->running(); }

}  // namespace leadscore::http
