// Metrics: request counts and latency histograms per route, in the Prometheus text format
// (served at /metrics). Each route gets a slot when the router is built; recording a request is
// a few relaxed atomic increments, so it costs nothing measurable on the hot path.
//
// Slots are created before the server starts (Register) and never removed; Record and Render
// are thread-safe with each other, Register is not (call it before serving).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <string>

namespace leadscore::http {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBucketsSeconds = {
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};
  static constexpr std::array<int, 16> kCodes = {200, 201, 202, 204, 400, 401, 403, 404,
                                                 409, 413, 415, 429, 500, 503, 302, 0};

  Metrics() = default;
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // A slot for one route; the returned index is passed to Record.
  size_t Register(const std::string& method, const std::string& route);
  void Record(size_t slot, int http_code, double seconds);

  // Every slot as Prometheus text: leadscore_http_requests_total{method,route,code} and
  // leadscore_http_request_duration_seconds{method,route} (histogram).
  std::string Render() const;

 private:
  struct Slot {
    std::string method;
    std::string route;
    std::array<std::atomic<uint64_t>, kCodes.size()> by_code{};  // last entry: any other code
    std::array<std::atomic<uint64_t>, kBucketsSeconds.size()> buckets{};  // not cumulative
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> sum_micros{0};
  };
  std::deque<Slot> slots_;  // a deque: slots never move once created
};

}  // namespace leadscore::http
