#include "service/activity_service.h"

#include <algorithm>
#include <map>

#include "core/lead_workflow.h"

namespace leadscore {
namespace {

// Rates over all-time touches need every touched lead; a sales person touches thousands a year,
// not millions. Read in pages of the store's largest page.
constexpr int64_t kTouchedPage = 1000;
constexpr int64_t kMaxTouchedForRate = 200'000;

Status CheckDays(int days) {
  if (days < 1 || days > 366) {
    return Status::InvalidArgument("days must be between 1 and 366")
        .With("days_out_of_range", {{"min", int64_t{1}}, {"max", int64_t{366}}});
  }
  return Status::Ok();
}

TimeMs FloorDiv(TimeMs a, TimeMs b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

ActivityService::ActivityService(Store& store, const Clock& clock, ActivityOptions options)
    : store_(store), clock_(clock), options_(options) {}

Result<ActivityPage> ActivityService::List(const ActivityQuery& query) {
  LS_RETURN_IF_ERROR(ValidatePageSize(query.limit));
  if (query.offset < 0 || query.offset > 1'000'000'000) {
    return Status::InvalidArgument("page is out of range").With("page_out_of_range");
  }
  if (query.from && query.to && *query.from >= *query.to) {
    return Status::InvalidArgument("from must be before to").With("time_range_reversed");
  }
  ActivityPage page;
  LS_ASSIGN_OR_RETURN(page.entries, store_.ListActivity(query));
  LS_ASSIGN_OR_RETURN(page.total, store_.CountActivity(query));
  return page;
}

Result<std::vector<DayActivity>> ActivityService::PerDay(std::optional<int64_t> user_id,
                                                         int days) {
  const TimeMs now = clock_.NowMs();
  const TimeMs today = FloorDiv(now + options_.utc_offset, kMsPerDay) * kMsPerDay -
                       options_.utc_offset;
  const TimeMs from = today - (days - 1) * kMsPerDay;
  const TimeMs to = today + kMsPerDay;
  LS_ASSIGN_OR_RETURN(std::vector<DayCount> counts,
                      store_.ActivityPerDay(user_id, from, to, options_.utc_offset));
  LS_ASSIGN_OR_RETURN(std::vector<AttemptDayCount> attempts,
                      store_.AttemptsPerDay(user_id, from, to, options_.utc_offset));
  std::map<TimeMs, DayCount> by_day;
  for (const DayCount& c : counts) by_day[c.day_start] = c;
  std::map<TimeMs, std::map<std::string, int64_t>> attempts_by_day;
  for (const AttemptDayCount& a : attempts) attempts_by_day[a.day_start][a.outcome] += a.attempts;
  std::vector<DayActivity> out;
  out.reserve(days);
  for (TimeMs day = from; day < to; day += kMsPerDay) {
    DayActivity row;
    row.day_start = day;
    if (auto it = by_day.find(day); it != by_day.end()) {
      row.changes = it->second.changes;
      row.converted = it->second.converted;
    }
    if (auto it = attempts_by_day.find(day); it != attempts_by_day.end()) {
      row.attempts_by_outcome = it->second;
      for (const auto& [outcome, n] : it->second) row.attempts += n;
    }
    out.push_back(row);
  }
  return out;
}

Result<Performance> ActivityService::PerformanceOf(int64_t user_id, int days) {
  LS_RETURN_IF_ERROR(CheckDays(days));
  Performance perf;
  LS_ASSIGN_OR_RETURN(perf.user, store_.GetUser(user_id));
  if (perf.user.role != Role::kSales) {
    return Status::InvalidArgument("performance is kept for sales accounts only")
        .With("performance_sales_only");
  }
  Viewer viewer;
  viewer.user_id = user_id;
  viewer.role = Role::kSales;
  viewer.now = clock_.NowMs();
  viewer.reject_period = options_.reject_period;
  LS_ASSIGN_OR_RETURN(perf.counts, store_.CountLeadsByStatus(viewer, user_id));
  std::vector<TouchedLead> touched;
  for (int64_t offset = 0; offset < kMaxTouchedForRate; offset += kTouchedPage) {
    LS_ASSIGN_OR_RETURN(std::vector<TouchedLead> page,
                        store_.ListTouchedLeads(user_id, viewer, kTouchedPage, offset));
    touched.insert(touched.end(), page.begin(), page.end());
    if (static_cast<int64_t>(page.size()) < kTouchedPage) break;
  }
  perf.touched = static_cast<int64_t>(touched.size());
  int64_t converted = std::count_if(touched.begin(), touched.end(), [](const TouchedLead& t) {
    return t.status == LeadStatus::kConverted && t.still_owned;
  });
  perf.conversion_rate = perf.touched ? static_cast<double>(converted) / perf.touched : 0.0;
  if (static_cast<int64_t>(touched.size()) > options_.max_listed_leads) {
    touched.resize(options_.max_listed_leads);
  }
  perf.leads = std::move(touched);
  LS_ASSIGN_OR_RETURN(perf.per_day, PerDay(user_id, days));
  return perf;
}

Result<std::vector<TeamRow>> ActivityService::Team(int days) {
  LS_RETURN_IF_ERROR(CheckDays(days));
  LS_ASSIGN_OR_RETURN(std::vector<User> users, store_.ListUsers());
  std::sort(users.begin(), users.end(),
            [](const User& a, const User& b) { return a.username < b.username; });
  std::vector<TeamRow> rows;
  for (const User& user : users) {
    if (user.role != Role::kSales) continue;
    LS_ASSIGN_OR_RETURN(Performance perf, PerformanceOf(user.id, days));
    TeamRow row;
    row.user = user;
    row.counts = perf.counts;
    row.conversion_rate = perf.conversion_rate;
    for (const DayActivity& d : perf.per_day) {
      row.changes_in_period += d.changes;
      row.attempts_in_period += d.attempts;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace leadscore
