// ApiServer: the portal's HTTP server — the API under /api/ (plus /predict, /healthz and
// /metrics) and the built web app at / with a fallback to index.html for the app's own paths.
//
// The transport is Boost.Beast on asynchronous sockets: a few I/O threads read and write every
// connection, so an idle or slow connection holds no thread; handlers, which block on the
// database, run on a separate pool of `threads`. A request is read in two steps: its header
// (bounded in size and field count, within a deadline), then — only when the router admitted
// it (router.h) — its body, bounded by its route's limit before a byte of it is read. Framing
// is strict: conflicting or repeated lengths, a transfer coding other than chunked, or a body
// with a content coding are refused before the body. Each client address may hold a bounded
// number of connections.
//
// GET /api/events answers a live event stream (event_hub.h): the connection is held open, off
// the read deadline and the keep-alive time, with no thread tied to it, and written whenever
// the data version changes. An address's event streams take at most half of its connection
// slots, so that its ordinary requests keep the other half. Stop() ends open streams cleanly.
//
// Owns the sockets, the threads, the router and the metrics; holds a reference to the services,
// which must outlive it. Bind() then Run() (blocking) on one thread; Stop() from any thread.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include <spdlog/logger.h>

#include "core/status.h"
#include "http/api_services.h"
#include "http/metrics.h"
#include "http/router.h"

namespace leadscore::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Bind)
  int threads = 8;      // handler threads
  int io_threads = 2;   // socket threads
  std::string web_dir = "web/dist";  // the built web app; a placeholder page if missing
  std::shared_ptr<spdlog::logger> access_log;  // null: no access log
  int read_timeout_seconds = 10;    // to read a whole request, header and body
  int write_timeout_seconds = 60;   // per piece written; exports stream for a while
  int keep_alive_seconds = 5;       // idle time allowed between two requests
  int upload_timeout_seconds = 300;  // to read a large body (a CSV import of many leads)
  size_t max_header_bytes = 16 * 1024;
  size_t max_header_fields = 100;
  int max_connections_per_client = 256;
  // GET /api/events: how often the data version is read (one query for all open streams), and
  // how often each stream gets a heartbeat and has its session checked again.
  int event_poll_ms = 1000;
  int event_heartbeat_seconds = 20;
  int max_connections = 10000;
  // Origins whose pages may call the token routes (router.h); empty: no CORS at all.
  std::vector<std::string> cors_origins;
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
  bool running() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace leadscore::http
