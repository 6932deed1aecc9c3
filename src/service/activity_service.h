// ActivityService: what the sales team did — the status-change log with filters (admin
// monitoring), "Performa Saya" for one sales person, and the team overview for the admin.
//
// Days are cut at midnight of the portal's time zone (`utc_offset`, WIB = UTC+7 by default:
// the users are Indonesian bank staff). Holds references to the store and the clock, which must
// outlive it. Thread-safe.
#pragma once

#include <map>

#include <cstdint>
#include <optional>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace leadscore {

struct ActivityOptions {
  TimeMs reject_period = kDefaultRejectPeriod;
  TimeMs utc_offset = 7 * kMsPerHour;
  int64_t max_listed_leads = 500;
};

struct ActivityPage {
  std::vector<ActivityEntry> entries;  // newest first
  int64_t total = 0;
};

struct DayActivity {
  TimeMs day_start = 0;  // UTC ms of local midnight
  int64_t changes = 0;
  int64_t converted = 0;
  int64_t attempts = 0;                                 // call attempts that day
  std::map<std::string, int64_t> attempts_by_outcome;  // by AttemptOutcomeName
};

struct Performance {
  User user;
  StatusCounts counts;           // leads the user owns now, by effective status
  int64_t touched = 0;           // leads the user ever moved
  double conversion_rate = 0;    // converted / touched
  std::vector<TouchedLead> leads;  // most recent first, up to max_listed_leads
  std::vector<DayActivity> per_day;  // oldest first, every day of the period
};

struct TeamRow {
  User user;
  StatusCounts counts;
  double conversion_rate = 0;
  int64_t changes_in_period = 0;
  int64_t attempts_in_period = 0;
};

class ActivityService {
 public:
  ActivityService(Store& store, const Clock& clock, ActivityOptions options = {});
  ActivityService(const ActivityService&) = delete;
  ActivityService& operator=(const ActivityService&) = delete;

  // `query.limit` is the page size (1..200) and `query.offset` the start.
  Result<ActivityPage> List(const ActivityQuery& query);
  // The performance of a sales user over the last `days` days (1..366). kNotFound for an
  // unknown user, kInvalidArgument for an admin account (admins do not follow leads up).
  Result<Performance> PerformanceOf(int64_t user_id, int days);
  // One row per sales account, by username.
  Result<std::vector<TeamRow>> Team(int days);

  const ActivityOptions& options() const { return options_; }

 private:
  Result<std::vector<DayActivity>> PerDay(std::optional<int64_t> user_id, int days);

  Store& store_;
  const Clock& clock_;
  const ActivityOptions options_;
};

}  // namespace leadscore
