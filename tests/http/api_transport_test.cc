// The HTTP edge against what an attacker sends with nothing but a socket: slow and idle
// connections, framing tricks, compressed and oversized bodies, cross-site writes. Every case
// runs against the real server on loopback, bounded in connections and time.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "http/api_test_env.h"

namespace leadscore::http {
namespace {

using Clock = std::chrono::steady_clock;

// A raw client connection; closes on destruction.
class RawSocket {
 public:
  explicit RawSocket(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  }
  ~RawSocket() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;
  RawSocket(RawSocket&& o) noexcept : fd_(o.fd_), connected_(o.connected_) { o.fd_ = -1; }

  bool connected() const { return connected_; }

  bool Send(const std::string& bytes) {
    size_t sent = 0;
    while (sent < bytes.size()) {
      ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }

  // Everything the server sends until it closes, or until `timeout` passes.
  std::string ReadUntilClosed(std::chrono::milliseconds timeout) {
    std::string out;
    const auto end = Clock::now() + timeout;
    char buf[4096];
    while (Clock::now() < end) {
      pollfd p{fd_, POLLIN, 0};
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
      if (::poll(&p, 1, static_cast<int>(std::max<long>(left, 1))) <= 0) break;
      ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

  // One answer's header (the bytes up to the blank line), within `timeout`.
  std::string ReadHeader(std::chrono::milliseconds timeout) {
    std::string out;
    const auto end = Clock::now() + timeout;
    char c;
    while (Clock::now() < end && out.find("\r\n\r\n") == std::string::npos) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      if (::recv(fd_, &c, 1, 0) != 1) {
        closed_ = true;
        break;
      }
      out += c;
    }
    return out;
  }

  // Exactly `n` bytes, or fewer if the server closes or `timeout` passes.
  std::string ReadBytes(size_t n, std::chrono::milliseconds timeout) {
    std::string out;
    const auto end = Clock::now() + timeout;
    char buf[4096];
    while (out.size() < n && Clock::now() < end) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      ssize_t got = ::recv(fd_, buf, std::min(sizeof(buf), n - out.size()), 0);
      if (got <= 0) {
        closed_ = true;
        break;
      }
      out.append(buf, static_cast<size_t>(got));
    }
    return out;
  }

  bool closed() const { return closed_; }

 private:
  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
};

int StatusOf(const std::string& answer) {
  if (answer.rfind("HTTP/1.1 ", 0) != 0 || answer.size() < 12) return 0;
  return std::stoi(answer.substr(9, 3));
}

long RssKb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

class TransportTest : public ApiTest {
 protected:
  void Configure(ServerOptions& options) override {
    options.read_timeout_seconds = 2;
    options.keep_alive_seconds = 2;
    options.max_connections_per_client = 100;
  }

  std::string Request(const std::string& bytes, int wait_ms = 3000) {
    RawSocket s(port_);
    EXPECT_TRUE(s.connected());
    s.Send(bytes);
    return s.ReadUntilClosed(std::chrono::milliseconds(wait_ms));
  }
};

TEST_P(TransportTest, FramingTricksAreRefusedBeforeTheHandler) {
  const std::string login_body = R"({"username":"admin","password":"x"})";
  const std::string len = std::to_string(login_body.size());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"an unknown transfer coding", "Transfer-Encoding: %63hunked\r\n"},
      {"Content-Length beside chunked", "Content-Length: " + len + "\r\nTransfer-Encoding: chunked\r\n"},
      {"chunked beside Content-Length", "Transfer-Encoding: chunked\r\nContent-Length: " + len + "\r\n"},
      {"two different lengths", "Content-Length: " + len + "\r\nContent-Length: 3\r\n"},
      {"the same length twice", "Content-Length: " + len + "\r\nContent-Length: " + len + "\r\n"},
      {"a coding before chunked", "Transfer-Encoding: gzip, chunked\r\n"},
      {"chunked twice", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"},
  };
  const int64_t before = ActivityCount();
  for (const auto& [what, fields] : cases) {
    std::string answer = Request("POST /api/auth/login HTTP/1.1\r\nHost: x\r\n"
                                 "Content-Type: application/json\r\n" + fields + "\r\n" +
                                 login_body);
    EXPECT_EQ(StatusOf(answer), 400) << what << "\n" << answer;
  }
  // None reached the login: no failed sign-in was counted, nothing changed.
  EXPECT_EQ(ActivityCount(), before);
  EXPECT_EQ(SignIn("admin").cookie().empty(), false);
}

TEST_P(TransportTest, ACompressedBodyIsRefusedUnreadAndMemoryStaysBounded) {
  // A megabyte that would inflate a thousandfold, to a route that does not exist and to one
  // that does: both answered without inflating it.
  const std::string body(1 << 20, '\0');
  const long rss_before = RssKb();
  for (const std::string& path : {std::string("/nosuch"), std::string("/api/auth/login")}) {
    RawSocket s(port_);
    s.Send("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           "Content-Encoding: gzip\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n");
    s.Send(body);
    const std::string answer = s.ReadUntilClosed(std::chrono::milliseconds(3000));
    EXPECT_TRUE(StatusOf(answer) == 415 || StatusOf(answer) == 404) << path << "\n" << answer;
  }
  EXPECT_LT(RssKb() - rss_before, 64 * 1024) << "kB grown for two 1 MiB bodies";
}

TEST_P(TransportTest, ABodyLargerThanTheRouteTakesIsRefusedBeforeItIsRead) {
  // The login takes 1 MiB; 60 MiB is declared and never sent: the answer comes at once.
  const auto start = Clock::now();
  std::string answer = Request(
      "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 62914560\r\n\r\n{");
  EXPECT_EQ(StatusOf(answer), 413) << answer;
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(2500));

  // Chunked, past the limit as it arrives.
  RawSocket s(port_);
  s.Send("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
         "Transfer-Encoding: chunked\r\n\r\n");
  const std::string piece(64 * 1024, ' ');
  for (int i = 0; i < 20 && s.Send("10000\r\n" + piece + "\r\n"); ++i) {
  }
  EXPECT_EQ(StatusOf(s.ReadUntilClosed(std::chrono::milliseconds(3000))), 413);

  // A GET carries no body.
  answer = Request("GET /api/me HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
  EXPECT_EQ(StatusOf(answer), 413) << answer;
}

TEST_P(TransportTest, HeadersHaveASizeAndACount) {
  std::string answer =
      Request("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_EQ(StatusOf(answer), 431) << answer.substr(0, 200);
  std::string many = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 150; ++i) many += "X-F" + std::to_string(i) + ": 1\r\n";
  answer = Request(many + "\r\n");
  EXPECT_EQ(StatusOf(answer), 431) << answer.substr(0, 200);
}

TEST_P(TransportTest, SlowClientsHoldNoThreadAndAreCutAtTheDeadline) {
  // 64 connections each send half a header and then nothing, as a slow-loris attack does.
  std::vector<RawSocket> slow;
  for (int i = 0; i < 64; ++i) {
    slow.emplace_back(port_);
    ASSERT_TRUE(slow.back().connected());
    slow.back().Send("GET /api/leads HTTP/1.1\r\nHost: x\r\nX-Slow: ");
  }
  // Everyone else is still served at once.
  for (int i = 0; i < 5; ++i) {
    const auto start = Clock::now();
    auto answer = Anonymous().Get("/healthz");
    EXPECT_EQ(answer.status, 200);
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(1));
  }
  // A client trickling one header line at a time is cut at the read deadline (2 s here), not
  // kept for as long as it trickles.
  RawSocket trickle(port_);
  trickle.Send("GET /healthz HTTP/1.1\r\n");
  const auto start = Clock::now();
  bool cut = false;
  for (int i = 0; i < 20 && !cut; ++i) {
    cut = !trickle.Send("X-Line-" + std::to_string(i) + ": 1\r\n");
    trickle.ReadUntilClosed(std::chrono::milliseconds(300));
    cut = cut || trickle.closed();
  }
  EXPECT_TRUE(cut);
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(4500));
  // And the slow ones were closed by then too.
  slow.front().ReadUntilClosed(std::chrono::milliseconds(500));
  EXPECT_TRUE(slow.front().closed());
}

TEST_P(TransportTest, OneAddressHoldsABoundedNumberOfConnections) {
  std::vector<RawSocket> held;
  for (int i = 0; i < 100; ++i) held.emplace_back(port_);
  RawSocket extra(port_);
  const std::string answer = extra.ReadUntilClosed(std::chrono::milliseconds(2000));
  EXPECT_EQ(StatusOf(answer), 503) << answer;
  EXPECT_NE(answer.find("Retry-After"), std::string::npos);
  held.clear();
  // The slots come back when those connections end.
  bool served = false;
  for (int i = 0; i < 50 && !served; ++i) {
    served = Anonymous().Get("/healthz").status == 200;
    if (!served) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(served);
}

TEST_P(TransportTest, AKeepAliveConnectionServesManyRequests) {
  RawSocket s(port_);
  for (int i = 0; i < 300; ++i) {
    ASSERT_TRUE(s.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    const std::string header = s.ReadHeader(std::chrono::milliseconds(2000));
    ASSERT_EQ(StatusOf(header), 200) << "request " << i;
    const size_t at = header.find("Content-Length: ");
    ASSERT_NE(at, std::string::npos);
    const size_t length = std::stoul(header.substr(at + 16));
    ASSERT_EQ(s.ReadBytes(length, std::chrono::milliseconds(2000)).size(), length);
  }
}

TEST_P(TransportTest, CrossSiteWritesAreRefusedWithOrWithoutABody) {
  ApiClient admin = SignIn("admin");
  const std::string cookie = "Cookie: " + admin.cookie() + "\r\n";
  const std::vector<std::string> foreign = {"Origin: https://evil.example\r\n",
                                            "Origin: null\r\n",
                                            "Sec-Fetch-Site: cross-site\r\n"};
  for (const std::string& from : foreign) {
    // Bodyless: a refresh and a sign-out.
    for (const std::string& path : {std::string("/api/scoring/refresh"),
                                    std::string("/api/auth/logout")}) {
      std::string answer = Request("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + cookie +
                                   from + "Content-Length: 0\r\nConnection: close\r\n\r\n");
      EXPECT_EQ(StatusOf(answer), 403) << path << " " << from << answer;
    }
    // With a body, as a form would send it.
    const std::string body = R"({"username":"mallory","display_name":"M","role":"admin"})";
    std::string answer = Request("POST /api/users HTTP/1.1\r\nHost: 127.0.0.1\r\n" + cookie + from +
                                 "Content-Type: application/json\r\nContent-Length: " +
                                 std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    EXPECT_EQ(StatusOf(answer), 403) << from << answer;
  }
  // The session still works (the sign-out was refused) and no user was created.
  EXPECT_EQ(admin.Get("/api/me").status, 200);
  EXPECT_EQ(admin.Get("/api/users").json["items"].size(), 3u);
  // The portal's own pages send their own origin: allowed.
  std::string answer = Request("POST /api/auth/logout HTTP/1.1\r\nHost: 127.0.0.1:" +
                               std::to_string(port_) + "\r\n" + cookie + "Origin: http://127.0.0.1:" +
                               std::to_string(port_) +
                               "\r\nSec-Fetch-Site: same-origin\r\nContent-Length: 0\r\n"
                               "Connection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(answer), 204) << answer;
}

TEST_P(TransportTest, UnknownRoutesAndTheWebAppAnswerWithoutTheBody) {
  EXPECT_EQ(StatusOf(Request("POST /nosuch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                             "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")),
            404);
  EXPECT_EQ(StatusOf(Request("GET /api/nosuch HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")),
            404);
  // The app's own paths fall back to its page (a placeholder here: no app is built).
  std::string answer = Request("GET /leads/12 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(answer), 200);
  EXPECT_NE(answer.find("<h1>leadscore</h1>"), std::string::npos);
  EXPECT_EQ(StatusOf(Request("GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                , 200);  // the fallback page, never the file
  EXPECT_EQ(Request("GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .find("root:"),
            std::string::npos);
  EXPECT_EQ(StatusOf(Request("GET /bad%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")), 400);
}

LEADSCORE_API_SUITE(TransportTest);

}  // namespace
}  // namespace leadscore::http
