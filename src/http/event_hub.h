// EventHub: the watcher behind GET /api/events, the server-sent events that keep the web app's
// lists live. One timer for all open streams reads the store's data version (a one-row counter
// that every write increments, on PostgreSQL whichever server made it) once per poll interval,
// on the handler pool: one query per interval however many streams are open, and none while no
// stream is. When the version moved, every stream is sent
//
//   id: 42
//   event: version
//   data: {"version":42}
//
// Every heartbeat interval each stream gets a comment line (so that proxies and NATs keep the
// idle connection open) and the session behind each stream is checked again, once per distinct
// session token (a browser's tabs share one): a stream whose session was signed out, expired or
// deactivated is sent `event: signed-out` and ended, so the browser stops without retrying into
// a 401.
//
// The transport (server.cc) owns the connections; the hub only holds weak references to them
// (EventSink) and forgets a sink once it is gone. Thread-safe: `mu_` guards the stream list; the
// timer runs on its own strand; Add() and Stop() may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include "core/status.h"

namespace leadscore::http {

// One open event stream as the hub sees it; implemented by the transport's connection. Both
// calls may come from any thread and return at once (the connection writes on its own strand).
class EventSink {
 public:
  virtual ~EventSink() = default;
  // Queues whole event-stream frames for sending.
  virtual void Send(std::string frames) = 0;
  // Queues a last frame, then ends the answer and closes the connection.
  virtual void End(std::string last_frames) = 0;
};

struct EventHubOptions {
  std::chrono::milliseconds poll{1000};        // how often the data version is read
  std::chrono::milliseconds heartbeat{20000};  // comment line and session check
  std::chrono::milliseconds retry{3000};       // the reconnection delay a browser is told
};

class EventHub {
 public:
  using ReadVersion = std::function<Result<int64_t>()>;
  // Ok while the session of a token holds; kUnauthenticated once it has ended. Any other error
  // (a busy database) leaves the stream open until the next check.
  using CheckSession = std::function<Status(const std::string& token)>;

  EventHub(boost::asio::io_context& ioc, boost::asio::thread_pool& workers,
           ReadVersion read_version, CheckSession check_session, EventHubOptions options = {});
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  // The first frames of a stream that opens at `version`: the retry delay and that version.
  std::string Greeting(int64_t version) const;
  // Registers an open stream, told `version` in its greeting, of the session `token`.
  void Add(std::weak_ptr<EventSink> sink, std::string token, int64_t version);
  // Starts the timer. Once, before the first Add.
  void Start();
  // Ends every open stream (a comment, then the end of the answer) and stops the timer; later
  // Adds end their stream at once.
  void Stop();

  // The frames of one change and of the end of a session, as sent.
  static std::string VersionFrame(int64_t version);
  static std::string SignedOutFrame();

 private:
  struct Stream {
    std::weak_ptr<EventSink> sink;
    std::string token;
    int64_t version = 0;  // the newest version this stream was told
  };

  void Arm();
  void Tick();  // on a handler thread

  boost::asio::thread_pool& workers_;
  const ReadVersion read_version_;
  const CheckSession check_session_;
  const EventHubOptions options_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::steady_timer timer_;  // used on strand_ only
  std::chrono::steady_clock::time_point next_heartbeat_;  // used by the tick chain only

  std::mutex mu_;
  std::vector<Stream> streams_;  // guarded by mu_
  bool stopped_ = false;         // guarded by mu_
};

}  // namespace leadscore::http
