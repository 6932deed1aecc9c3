#include "http/service_set.h"

namespace leadscore::http {

ServiceSet::ServiceSet(Store& store, const Clock& clock, ServiceOptions options) {
  auth_ = std::make_unique<AuthService>(store, clock, options.auth);
  users_ = std::make_unique<UsersService>(store, clock);
  model_cache_ = std::make_unique<ActiveModelCache>(store, clock);
  training_ = std::make_unique<TrainingService>(store, clock, *model_cache_);
  scoring_ = std::make_unique<ScoringService>(store, clock, *model_cache_, options.scoring);
  segments_ = std::make_unique<SegmentationService>(store, clock);
  LeadsOptions leads_options;
  leads_options.reject_period = options.reject_period;
  ScoringService& scoring = *scoring_;
  leads_ = std::make_unique<LeadsService>(
      store, clock, leads_options, [&scoring](int64_t id) { return scoring.ScoreAndSave(id); },
      [&scoring](const Lead& lead, int64_t version) {
        return scoring.ExplainScore(lead, version);
      });
  ActivityOptions activity_options;
  activity_options.reject_period = options.reject_period;
  activity_ = std::make_unique<ActivityService>(store, clock, activity_options);
  FloorOptions floor_options;
  floor_options.reject_period = options.reject_period;
  floor_ = std::make_unique<FloorService>(store, clock, floor_options);
  api_ = std::make_unique<ApiServices>(ApiServices{store, clock, *auth_, *users_, *leads_,
                                                   *activity_, *training_, *scoring_, *segments_,
                                                   *floor_, options.facts});
}

}  // namespace leadscore::http
