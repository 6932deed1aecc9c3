#include "http/metrics.h"

#include <fmt/format.h>

namespace leadscore::http {

size_t Metrics::Register(const std::string& method, const std::string& route) {
  Slot& slot = slots_.emplace_back();
  slot.method = method;
  slot.route = route;
  return slots_.size() - 1;
}

void Metrics::Record(size_t index, int http_code, double seconds) {
  Slot& slot = slots_[index];
  size_t code = kCodes.size() - 1;
  for (size_t i = 0; i + 1 < kCodes.size(); ++i) {
    if (kCodes[i] == http_code) {
      code = i;
      break;
    }
  }
  slot.by_code[code].fetch_add(1, std::memory_order_relaxed);
  for (size_t i = 0; i < kBucketsSeconds.size(); ++i) {
    if (seconds <= kBucketsSeconds[i]) {
      slot.buckets[i].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
  slot.count.fetch_add(1, std::memory_order_relaxed);
  slot.sum_micros.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::Render() const {
  std::string out;
  out += "# HELP leadscore_http_requests_total HTTP requests by route and status code.\n";
  out += "# TYPE leadscore_http_requests_total counter\n";
  for (const Slot& slot : slots_) {
    for (size_t i = 0; i < kCodes.size(); ++i) {
      uint64_t n = slot.by_code[i].load(std::memory_order_relaxed);
      if (n == 0) continue;
      std::string code = i + 1 < kCodes.size() ? std::to_string(kCodes[i]) : "other";
      out += fmt::format(
          "leadscore_http_requests_total{{method=\"{}\",route=\"{}\",code=\"{}\"}} {}\n",
          slot.method, slot.route, code, n);
    }
  }
  out += "# HELP leadscore_http_request_duration_seconds Time to answer, by route.\n";
  out += "# TYPE leadscore_http_request_duration_seconds histogram\n";
  for (const Slot& slot : slots_) {
    uint64_t count = slot.count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    std::string labels = fmt::format("method=\"{}\",route=\"{}\"", slot.method, slot.route);
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBucketsSeconds.size(); ++i) {
      cumulative += slot.buckets[i].load(std::memory_order_relaxed);
      out += fmt::format("leadscore_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                         labels, kBucketsSeconds[i], cumulative);
    }
    out += fmt::format("leadscore_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                       labels, count);
    out += fmt::format("leadscore_http_request_duration_seconds_sum{{{}}} {:.6f}\n", labels,
                       slot.sum_micros.load(std::memory_order_relaxed) / 1e6);
    out += fmt::format("leadscore_http_request_duration_seconds_count{{{}}} {}\n", labels, count);
  }
  return out;
}

}  // namespace leadscore::http
