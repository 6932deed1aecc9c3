// ApiServices: what the API's handlers work with — the services of the portal and the facts
// the server reports about itself. Built by the server's owner (the `serve` command, or a test)
// and passed by reference; every referenced object must outlive the server.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "service/activity_service.h"
#include "service/auth_service.h"
#include "service/leads_service.h"
#include "service/training_service.h"
#include "service/users_service.h"
#include "store/store.h"

namespace leadscore::http {

struct ServerFacts {
  std::string version = "0.1.0";
  bool demo = false;
  double clock_offset_hours = 0;
  bool secure_cookie = false;
};

// The segmentation use cases, as functions returning the API's JSON shapes
// (docs/openapi.yaml: SegmentationSummary[], SegmentationDetail, SegmentPrediction). Empty
// functions answer 503.
struct SegmentFunctions {
  std::function<Result<nlohmann::json>()> list;
  // The validated body of POST /api/segments plus "by" (the admin's username).
  std::function<Result<nlohmann::json>(const nlohmann::json& request)> build;
  std::function<Result<nlohmann::json>(int64_t id)> detail;
  std::function<Result<nlohmann::json>(int64_t id, const nlohmann::json& values)> predict;
  std::function<Result<nlohmann::json>(double annual_income, double spending_score)>
      predict_default;
};

struct ApiServices {
  Store& store;
  const Clock& clock;
  AuthService& auth;
  UsersService& users;
  LeadsService& leads;
  ActivityService& activity;
  TrainingService& training;
  ServerFacts facts;
  // Scores every lead after an import (starts or joins the refresh and waits for it); empty
  // when scoring is not wired in.
  std::function<Status()> score_imported;
  // Starts or joins the refresh of every score, for the user named; the job.
  std::function<Result<Job>(const std::string& by)> refresh;
  // Scores the bank columns of a form ({"age": 41, ...}) without saving: {score, grade,
  // reasons, model_id}.
  std::function<Result<nlohmann::json>(const nlohmann::json& fields)> what_if;
  SegmentFunctions segments;
};

}  // namespace leadscore::http
