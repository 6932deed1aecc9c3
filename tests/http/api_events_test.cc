// GET /api/events, the live event stream of the data version, against the real server on
// loopback with raw sockets (as a browser's EventSource holds it): the stream is sent an event
// after a write made through another request (on another server of the same database too),
// it outlives the read deadline and the keep-alive time, it ends with its session, many open
// streams hold no handler thread, an address's streams leave it slots for requests, and Stop()
// ends open streams at once. Runs on SQLite and PostgreSQL.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "http/api_test_env.h"
#include "http/second_server.h"

namespace leadscore::http {
namespace {

using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// An event stream opened on a raw connection; the bytes it received are kept in `seen`.
class EventStream {
 public:
  EventStream(int port, const std::string& cookie) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) return;
    std::string request = "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Accept: text/event-stream\r\n";
    if (!cookie.empty()) request += "Cookie: " + cookie + "\r\n";
    request += "\r\n";
    sent_ = ::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(request.size());
  }
  ~EventStream() {
    if (fd_ >= 0) ::close(fd_);
  }
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // Reads until `seen` matches `pattern`, the server closes, or `timeout` passes.
  bool WaitFor(const std::regex& pattern, milliseconds timeout) {
    const auto end = SteadyClock::now() + timeout;
    while (!std::regex_search(seen, pattern)) {
      if (closed || SteadyClock::now() >= end) return false;
      ReadSome(end);
    }
    return true;
  }
  bool WaitFor(const std::string& text, milliseconds timeout) {
    return WaitFor(std::regex(std::regex_replace(text, std::regex(R"([.^$|()\[\]{}*+?\\])"),
                                                 R"(\$&)")),
                   timeout);
  }
  // Reads until the server closes, or `timeout` passes; true if it closed.
  bool WaitForClose(milliseconds timeout) {
    const auto end = SteadyClock::now() + timeout;
    while (!closed && SteadyClock::now() < end) ReadSome(end);
    return closed;
  }

  // The newest version announced so far, -1 if none.
  int64_t LastVersion() const {
    static const std::regex frame(R"(event: version\ndata: \{"version":(\d+)\})");
    int64_t last = -1;
    for (auto it = std::sregex_iterator(seen.begin(), seen.end(), frame);
         it != std::sregex_iterator(); ++it) {
      last = std::stoll((*it)[1].str());
    }
    return last;
  }

  // Reads until a version above `version` is announced; false if none within `timeout`.
  bool WaitForVersionAbove(int64_t version, milliseconds timeout) {
    const auto end = SteadyClock::now() + timeout;
    while (LastVersion() <= version) {
      if (closed || SteadyClock::now() >= end) return false;
      ReadSome(end);
    }
    return true;
  }

  bool sent() const { return sent_; }
  std::string seen;
  bool closed = false;

 private:
  void ReadSome(SteadyClock::time_point end) {
    pollfd p{fd_, POLLIN, 0};
    const auto left = std::chrono::duration_cast<milliseconds>(end - SteadyClock::now()).count();
    if (::poll(&p, 1, static_cast<int>(std::max<long>(left, 1))) <= 0) return;
    char buf[4096];
    const ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
    if (n <= 0) {
      closed = true;
      return;
    }
    seen.append(buf, static_cast<size_t>(n));
  }

  int fd_ = -1;
  bool sent_ = false;
};

const std::regex kOpened(R"(^HTTP/1\.1 200[^]*\r\n\r\n[^]*retry: \d+\n)");

class EventsApiTest : public ApiTest {
 protected:
  void Configure(ServerOptions& options) override {
    // Deadlines far shorter than a stream lives, so that the tests see a stream outlive them.
    options.read_timeout_seconds = 1;
    options.keep_alive_seconds = 1;
    options.event_poll_ms = 100;
    options.event_heartbeat_seconds = 1;
  }

  // A lead write made through the API by the admin, which moves the data version.
  void WriteALead(const std::string& name) {
    auto admin = SignIn("admin");
    auto created = admin.Post("/api/leads", {{"name", name},
                                             {"phone", "+62 812 7000 1234"},
                                             {"fields", {{"age", 41}, {"job", "technician"}}}});
    ASSERT_EQ(created.status, 201) << created.body;
  }
};

TEST_P(EventsApiTest, AStreamIsSentAnEventAfterAWriteThroughAnotherRequest) {
  auto ani = SignIn("ani");
  EventStream stream(port_, ani.cookie());
  ASSERT_TRUE(stream.sent());
  ASSERT_TRUE(stream.WaitFor(kOpened, milliseconds(3000))) << stream.seen;
  ASSERT_TRUE(stream.WaitFor("event: version\ndata: {\"version\":", milliseconds(3000)));
  const std::string header = stream.seen.substr(0, stream.seen.find("\r\n\r\n"));
  EXPECT_NE(header.find("Content-Type: text/event-stream"), std::string::npos) << header;
  EXPECT_NE(header.find("Cache-Control: no-cache"), std::string::npos) << header;
  EXPECT_EQ(header.find("no-store"), std::string::npos) << header;
  EXPECT_NE(header.find("X-Accel-Buffering: no"), std::string::npos) << header;
  EXPECT_NE(header.find("Transfer-Encoding: chunked"), std::string::npos) << header;
  const int64_t opened_at = stream.LastVersion();
  ASSERT_GE(opened_at, 0) << stream.seen;

  // Longer than the read deadline and the keep-alive time: the stream is still open, and the
  // heartbeat comment has come by.
  std::this_thread::sleep_for(milliseconds(2500));
  ASSERT_TRUE(stream.WaitFor(": keep-alive\n", milliseconds(2000))) << stream.seen;
  EXPECT_FALSE(stream.closed);
  EXPECT_EQ(stream.LastVersion(), opened_at) << "no write, no event";

  WriteALead("Dewi Lestari");
  ASSERT_TRUE(stream.WaitForVersionAbove(opened_at, milliseconds(3000))) << stream.seen;
  const std::string id = std::to_string(stream.LastVersion());
  EXPECT_NE(stream.seen.find("id: " + id + "\nevent: version\ndata: {\"version\":" + id + "}\n\n"),
            std::string::npos)
      << stream.seen;
}

TEST_P(EventsApiTest, WithoutASessionIs401) {
  auto anonymous = Anonymous().Get("/api/events");
  EXPECT_EQ(anonymous.status, 401) << anonymous.body;
  ApiClient forged(port_, std::string(kSessionCookie) + "=not-a-session");
  auto answer = forged.Get("/api/events");
  EXPECT_EQ(answer.status, 401) << answer.body;

  EventStream raw(port_, "");
  ASSERT_TRUE(raw.WaitFor("\r\n\r\n", milliseconds(3000)));
  EXPECT_EQ(raw.seen.rfind("HTTP/1.1 401", 0), 0u) << raw.seen;
  EXPECT_EQ(raw.seen.find("text/event-stream"), std::string::npos);
}

TEST_P(EventsApiTest, ASignedOutSessionEndsItsStream) {
  auto ani = SignIn("ani");
  auto budi = SignIn("budi");
  EventStream ani_stream(port_, ani.cookie());
  EventStream budi_stream(port_, budi.cookie());
  ASSERT_TRUE(ani_stream.WaitFor(kOpened, milliseconds(3000))) << ani_stream.seen;
  ASSERT_TRUE(budi_stream.WaitFor(kOpened, milliseconds(3000))) << budi_stream.seen;

  ASSERT_EQ(ani.PostRaw("/api/auth/logout", "", "application/json").status, 204);
  EXPECT_TRUE(ani_stream.WaitFor("event: signed-out\n", milliseconds(4000))) << ani_stream.seen;
  EXPECT_TRUE(ani_stream.WaitForClose(milliseconds(2000)));
  EXPECT_NE(ani_stream.seen.find("0\r\n\r\n"), std::string::npos) << "ended with the last chunk";
  // Budi's session holds, and so does his stream.
  EXPECT_FALSE(budi_stream.closed);
  EXPECT_EQ(budi_stream.seen.find("signed-out"), std::string::npos);
  EXPECT_EQ(ApiClient(port_, ani.cookie()).Get("/api/events").status, 401);
}

TEST_P(EventsApiTest, SixtyFourOpenStreamsLeaveRequestsAnsweredAndAllHearOfAWrite) {
  auto ani = SignIn("ani");
  std::vector<std::unique_ptr<EventStream>> streams;
  for (int i = 0; i < 64; ++i) streams.push_back(std::make_unique<EventStream>(port_, ani.cookie()));
  for (auto& stream : streams) {
    ASSERT_TRUE(stream->WaitFor(kOpened, milliseconds(5000))) << stream->seen;
  }
  // The server has 16 handler threads (api_test_env.h): were a stream to hold one, this would
  // wait for a stream to end.
  const auto start = SteadyClock::now();
  auto me = ApiClient(port_, ani.cookie()).Get("/api/me");
  const auto took = SteadyClock::now() - start;
  EXPECT_EQ(me.status, 200) << me.body;
  EXPECT_LT(took, std::chrono::seconds(1));

  const int64_t opened_at = streams.front()->LastVersion();
  WriteALead("Rina Marlina");
  for (auto& stream : streams) {
    EXPECT_TRUE(stream->WaitForVersionAbove(opened_at, milliseconds(3000))) << stream->seen;
  }
}

TEST_P(EventsApiTest, StopEndsOpenStreamsPromptly) {
  auto ani = SignIn("ani");
  std::vector<std::unique_ptr<EventStream>> streams;
  for (int i = 0; i < 8; ++i) streams.push_back(std::make_unique<EventStream>(port_, ani.cookie()));
  for (auto& stream : streams) {
    ASSERT_TRUE(stream->WaitFor(kOpened, milliseconds(3000))) << stream->seen;
  }
  const auto start = SteadyClock::now();
  server_->Stop();
  thread_.join();
  EXPECT_LT(SteadyClock::now() - start, std::chrono::seconds(2));
  for (auto& stream : streams) {
    EXPECT_TRUE(stream->WaitForClose(milliseconds(1000)));
    EXPECT_NE(stream->seen.find("0\r\n\r\n"), std::string::npos) << stream->seen;
  }
}

TEST_P(EventsApiTest, AWriteOnAnotherServerOfTheDatabaseIsAnnounced) {
  SecondServer second(db_->url(), clock_);
  ASSERT_NE(second.port(), 0);
  auto ani = SignIn("ani");
  EventStream stream(port_, ani.cookie());
  ASSERT_TRUE(stream.WaitFor(kOpened, milliseconds(3000))) << stream.seen;
  ASSERT_TRUE(stream.WaitFor("event: version\n", milliseconds(3000))) << stream.seen;
  const int64_t opened_at = stream.LastVersion();

  const int64_t lead = AddLead("Putri Ayu");
  ApiClient budi_on_2(second.port(), SignIn("budi").cookie());
  ASSERT_EQ(budi_on_2.Post("/api/leads/" + std::to_string(lead) + "/status",
                           {{"status", "contacted"}})
                .status,
            200);
  EXPECT_TRUE(stream.WaitForVersionAbove(opened_at, milliseconds(3000))) << stream.seen;
}

LEADSCORE_API_SUITE(EventsApiTest);

// With a small connection cap, an address's streams take at most half of its slots: the next
// stream is refused with 503, and the address's requests are still answered.
class EventsCapApiTest : public ApiTest {
 protected:
  void Configure(ServerOptions& options) override { options.max_connections_per_client = 8; }
};

TEST_P(EventsCapApiTest, StreamsLeaveHalfTheSlotsForRequests) {
  auto ani = SignIn("ani");
  std::vector<std::unique_ptr<EventStream>> streams;
  for (int i = 0; i < 4; ++i) {
    streams.push_back(std::make_unique<EventStream>(port_, ani.cookie()));
    ASSERT_TRUE(streams.back()->WaitFor(kOpened, milliseconds(3000))) << streams.back()->seen;
  }
  EventStream refused(port_, ani.cookie());
  ASSERT_TRUE(refused.WaitFor("\r\n\r\n", milliseconds(3000))) << refused.seen;
  EXPECT_EQ(refused.seen.rfind("HTTP/1.1 503", 0), 0u) << refused.seen;
  EXPECT_NE(refused.seen.find("Retry-After: 5"), std::string::npos) << refused.seen;
  EXPECT_TRUE(refused.WaitForClose(milliseconds(2000)));

  auto me = ApiClient(port_, ani.cookie()).Get("/api/me");
  EXPECT_EQ(me.status, 200) << me.body;
  // A closed stream gives its slot back.
  streams.pop_back();
  bool reopened = false;
  for (int attempt = 0; attempt < 20 && !reopened; ++attempt) {
    EventStream again(port_, ani.cookie());
    reopened = again.WaitFor(kOpened, milliseconds(1000));
    if (!reopened) std::this_thread::sleep_for(milliseconds(100));
  }
  EXPECT_TRUE(reopened);
}

LEADSCORE_API_SUITE(EventsCapApiTest);

}  // namespace
}  // namespace leadscore::http
