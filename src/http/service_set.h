// ServiceSet: the composition root of the API — builds every service of the portal over one
// store and one clock, and the ApiServices view the handlers use. The `serve` command and the
// API tests both build the server from it, so they run the same wiring.
//
// Owns the services; holds references to the store and the clock, which must outlive it.
// Thread-safe as far as the services are (they all are).
#pragma once

#include <memory>

#include "core/clock.h"
#include "http/api_services.h"
#include "service/activity_service.h"
#include "service/auth_service.h"
#include "service/floor_service.h"
#include "service/leads_service.h"
#include "service/scoring_model.h"
#include "service/scoring_service.h"
#include "service/segmentation.h"
#include "service/training_service.h"
#include "service/users_service.h"
#include "store/store.h"

namespace leadscore::http {

struct ServiceOptions {
  TimeMs reject_period = kDefaultRejectPeriod;
  AuthOptions auth;
  ScoringOptions scoring;
  ServerFacts facts;
};

class ServiceSet {
 public:
  ServiceSet(Store& store, const Clock& clock, ServiceOptions options = {});
  ServiceSet(const ServiceSet&) = delete;
  ServiceSet& operator=(const ServiceSet&) = delete;

  ApiServices& api() { return *api_; }
  UsersService& users() { return *users_; }
  ScoringService& scoring() { return *scoring_; }
  TrainingService& training() { return *training_; }
  SegmentationService& segments() { return *segments_; }

 private:
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<UsersService> users_;
  std::unique_ptr<ActiveModelCache> model_cache_;
  std::unique_ptr<TrainingService> training_;
  std::unique_ptr<ScoringService> scoring_;
  std::unique_ptr<SegmentationService> segments_;
  std::unique_ptr<LeadsService> leads_;
  std::unique_ptr<ActivityService> activity_;
  std::unique_ptr<FloorService> floor_;
  std::unique_ptr<ApiServices> api_;
};

}  // namespace leadscore::http
