// ApiServices: what the API's handlers work with — the services of the portal and the facts
// the server reports about itself. Built by the server's owner (the `serve` command, or a test)
// and passed by reference; every referenced object must outlive the server.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "service/activity_service.h"
#include "service/auth_service.h"
#include "service/floor_service.h"
#include "service/leads_service.h"
#include "service/scoring_service.h"
#include "service/segmentation.h"
#include "service/training_service.h"
#include "service/users_service.h"
#include "store/store.h"

namespace leadscore::http {

struct ServerFacts {
  std::string version = "0.1.0";
  bool demo = false;
  double clock_offset_hours = 0;
  bool secure_cookie = false;
  // GET /metrics without a session (`serve --public-metrics`, for a scraper that cannot sign
  // in); admins only otherwise, since the figures tell how the portal is used.
  bool public_metrics = false;
};

struct ApiServices {
  Store& store;
  const Clock& clock;
  AuthService& auth;
  UsersService& users;
  LeadsService& leads;
  ActivityService& activity;
  TrainingService& training;
  ScoringService& scoring;
  SegmentationService& segments;
  FloorService& floor;
  ServerFacts facts;
};

}  // namespace leadscore::http
