// The clocks and the ISO 8601 form of a time. Expected instants are the epoch milliseconds
// Python's datetime gives for the same UTC times.
#include "core/clock.h"

#include <chrono>

#include <gtest/gtest.h>

namespace leadscore {
namespace {

TimeMs WallNow() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TEST(ClockTest, ManualClockMovesOnlyWhenTold) {
  ManualClock clock(1000);
  EXPECT_EQ(clock.NowMs(), 1000);
  EXPECT_EQ(clock.NowMs(), 1000);
  clock.Advance(kMsPerDay);
  EXPECT_EQ(clock.NowMs(), 1000 + kMsPerDay);
  clock.Advance(-kMsPerHour);
  EXPECT_EQ(clock.NowMs(), 1000 + kMsPerDay - kMsPerHour);
  clock.Set(5);
  EXPECT_EQ(clock.NowMs(), 5);
}

TEST(ClockTest, ManualClockStartsAtTheFirstMomentOf2026) {
  EXPECT_EQ(FormatIsoTime(ManualClock().NowMs()), "2026-01-01T00:00:00.000Z");
}

TEST(ClockTest, SystemClockIsTheWallClockPlusItsOffset) {
  SystemClock clock;
  EXPECT_EQ(clock.offset_ms(), 0);
  const TimeMs before = WallNow();
  const TimeMs read = clock.NowMs();
  EXPECT_GE(read, before);
  EXPECT_LE(read, WallNow());
  clock.Advance(25 * kMsPerHour);
  clock.Advance(30 * 60 * kMsPerSecond);
  EXPECT_EQ(clock.offset_ms(), 25 * kMsPerHour + 30 * 60 * kMsPerSecond);
  const TimeMs wall = WallNow();
  const TimeMs shifted = clock.NowMs();
  EXPECT_GE(shifted - wall, clock.offset_ms());
  EXPECT_LE(shifted - WallNow(), clock.offset_ms());
}

TEST(FormatIsoTimeTest, WritesUtcWithMilliseconds) {
  EXPECT_EQ(FormatIsoTime(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatIsoTime(1'767'225'600'123), "2026-01-01T00:00:00.123Z");
  EXPECT_EQ(FormatIsoTime(1'795'336'200'000), "2026-11-22T08:30:00.000Z");
  EXPECT_EQ(FormatIsoTime(1'798'761'599'999), "2026-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatIsoTime(1'798'761'599'999 + 1), "2027-01-01T00:00:00.000Z");
}

TEST(FormatIsoTimeTest, LeapDaysAndCenturies) {
  EXPECT_EQ(FormatIsoTime(1'709'164'800'000), "2024-02-29T00:00:00.000Z");
  EXPECT_EQ(FormatIsoTime(1'709'164'800'000 - 1), "2024-02-28T23:59:59.999Z");
  EXPECT_EQ(FormatIsoTime(951'827'696'000), "2000-02-29T12:34:56.000Z");  // 2000 is a leap year
  // 2100 is not: the day before 1 March is 28 February.
  EXPECT_EQ(FormatIsoTime(4'107'542'400'000), "2100-03-01T00:00:00.000Z");
  EXPECT_EQ(FormatIsoTime(4'107'542'400'000 - kMsPerDay), "2100-02-28T00:00:00.000Z");
}

TEST(FormatIsoTimeTest, PastThe32BitSecondsAndThePreEpoch) {
  EXPECT_EQ(FormatIsoTime(2'147'483'648'000), "2038-01-19T03:14:08.000Z");
  EXPECT_EQ(FormatIsoTime(253'402'300'799'000), "9999-12-31T23:59:59.000Z");
  // A time before 1970 keeps its milliseconds positive, counted from the second before.
  EXPECT_EQ(FormatIsoTime(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatIsoTime(-1000), "1969-12-31T23:59:59.000Z");
  EXPECT_EQ(FormatIsoTime(-kMsPerDay), "1969-12-31T00:00:00.000Z");
}

}  // namespace
}  // namespace leadscore
