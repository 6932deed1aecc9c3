// Clock: the one source of "now" for every time-based rule (the 24-hour return of rejected
// leads, session expiry, call-backs). The binary uses SystemClock, which `serve --clock-offset
// HOURS` shifts forward for demos and browser tests; the C++ tests use ManualClock. Both are
// thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace leadscore {

// Milliseconds since the Unix epoch, UTC.
using TimeMs = int64_t;

inline constexpr TimeMs kMsPerSecond = 1000;
inline constexpr TimeMs kMsPerHour = 3600 * kMsPerSecond;
inline constexpr TimeMs kMsPerDay = 24 * kMsPerHour;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimeMs NowMs() const = 0;
};

// The wall clock, shifted by an offset that starts at zero. The offset lets an operator (or a
// browser test) move the portal's notion of time forward without touching the machine's clock.
class SystemClock : public Clock {
 public:
  TimeMs NowMs() const override;
  void Advance(TimeMs delta) { offset_ms_.fetch_add(delta); }
  TimeMs offset_ms() const { return offset_ms_.load(); }

 private:
  std::atomic<TimeMs> offset_ms_{0};
};

// A clock that stands still until told to move.
class ManualClock : public Clock {
 public:
  explicit ManualClock(TimeMs start_ms = 1'767'225'600'000)  // 2026-01-01T00:00:00Z
      : now_ms_(start_ms) {}
  TimeMs NowMs() const override { return now_ms_.load(); }
  void Set(TimeMs now_ms) { now_ms_.store(now_ms); }
  void Advance(TimeMs delta) { now_ms_.fetch_add(delta); }

 private:
  std::atomic<TimeMs> now_ms_;
};

// ISO 8601 in UTC with milliseconds: "2026-01-01T00:00:00.000Z".
std::string FormatIsoTime(TimeMs ms);

}  // namespace leadscore
