#include "http/event_hub.h"

#include <algorithm>
#include <utility>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

namespace leadscore::http {

namespace net = boost::asio;

EventHub::EventHub(net::io_context& ioc, net::thread_pool& workers, ReadVersion read_version,
                   CheckSession check_session, EventHubOptions options)
    : workers_(workers),
      read_version_(std::move(read_version)),
      check_session_(std::move(check_session)),
      options_(options),
      strand_(net::make_strand(ioc)),
      timer_(strand_) {}

std::string EventHub::VersionFrame(int64_t version) {
  const std::string v = std::to_string(version);
  return "id: " + v + "\nevent: version\ndata: {\"version\":" + v + "}\n\n";
}

std::string EventHub::SignedOutFrame() { return "event: signed-out\ndata: {}\n\n"; }

std::string EventHub::Greeting(int64_t version) const {
  return "retry: " + std::to_string(options_.retry.count()) + "\n" + VersionFrame(version);
}

void EventHub::Add(std::weak_ptr<EventSink> sink, std::string token, int64_t version) {
  std::shared_ptr<EventSink> refused;
  {
    std::lock_guard lock(mu_);
    if (stopped_) {
      refused = sink.lock();
    } else {
      streams_.push_back(Stream{std::move(sink), std::move(token), version});
    }
  }
  if (refused) refused->End("");
}

void EventHub::Start() {
  net::post(strand_, [this] {
    next_heartbeat_ = std::chrono::steady_clock::now() + options_.heartbeat;
    Arm();
  });
}

void EventHub::Stop() {
  std::vector<std::shared_ptr<EventSink>> open;
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    stopped_ = true;
    for (const Stream& stream : streams_) {
      if (auto sink = stream.sink.lock()) open.push_back(std::move(sink));
    }
    streams_.clear();
  }
  net::post(strand_, [this] { timer_.cancel(); });
  for (const auto& sink : open) sink->End(": the server is stopping\n\n");
}

// On strand_: waits one poll interval, then ticks on the handler pool when a stream is open.
// One tick at a time: the next wait starts once the tick is done.
void EventHub::Arm() {
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
  }
  timer_.expires_after(options_.poll);
  timer_.async_wait(net::bind_executor(strand_, [this](const boost::system::error_code& ec) {
    if (ec) return;  // cancelled by Stop()
    bool idle;
    {
      std::lock_guard lock(mu_);
      if (stopped_) return;
      idle = streams_.empty();
    }
    if (idle) return Arm();
    net::post(workers_, [this] {
      Tick();
      net::post(strand_, [this] { Arm(); });
    });
  }));
}

void EventHub::Tick() {
  const Result<int64_t> version = read_version_();
  if (!version.ok()) spdlog::warn("event stream: data version: {}", version.status().ToString());
  const auto now = std::chrono::steady_clock::now();
  const bool heartbeat = now >= next_heartbeat_;
  if (heartbeat) next_heartbeat_ = now + options_.heartbeat;

  // The sessions behind the streams, each token once, checked outside the lock.
  std::vector<std::string> ended;
  if (heartbeat) {
    std::vector<std::string> tokens;
    {
      std::lock_guard lock(mu_);
      for (const Stream& stream : streams_) tokens.push_back(stream.token);
    }
    std::sort(tokens.begin(), tokens.end());
    tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
    for (const std::string& token : tokens) {
      if (check_session_(token).code() == StatusCode::kUnauthenticated) ended.push_back(token);
    }
  }

  std::vector<std::pair<std::shared_ptr<EventSink>, std::string>> sends;
  std::vector<std::shared_ptr<EventSink>> ends;
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    std::vector<Stream> kept;
    kept.reserve(streams_.size());
    for (Stream& stream : streams_) {
      auto sink = stream.sink.lock();
      if (!sink) continue;  // its connection is gone
      if (std::binary_search(ended.begin(), ended.end(), stream.token)) {
        ends.push_back(std::move(sink));
        continue;
      }
      std::string frames;
      if (version.ok() && *version > stream.version) {
        frames += VersionFrame(*version);
        stream.version = *version;
      }
      if (heartbeat) frames += ": keep-alive\n\n";
      if (!frames.empty()) sends.emplace_back(std::move(sink), std::move(frames));
      kept.push_back(std::move(stream));
    }
    streams_ = std::move(kept);
  }
  for (auto& [sink, frames] : sends) sink->Send(std::move(frames));
  for (const auto& sink : ends) sink->End(SignedOutFrame());
}

}  // namespace leadscore::http
