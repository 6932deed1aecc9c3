// Reasons: why a lead got its score, in words a sales person reads. From XGBoost's per-row
// contributions (SHAP values on the log-odds scale), the contributions of the features of one
// source column are summed (the one-hot features of `job` become one "Job: retired" reason),
// campaign-context columns are left out (they are the same for everyone called on one day and
// say nothing about the customer), then the three strongest pushing up and the three strongest pushing down are kept.
//
// Written compactly (a lead's page explains its score when it is read, LeadDetail::reasons_json):
//   [["euribor3m","1.31",0.412],["month","may",-0.301], ...]   (column, value, contribution)
// ExpandReasons turns that into the API's Reason objects with English and Indonesian labels.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/lead.h"
#include "ml/feature_encoder.h"

namespace leadscore::ml {

struct Reason {
  std::string column;   // source column name, e.g. "job"
  std::string value;    // the lead's value as text, e.g. "retired"
  double contribution;  // log-odds; > 0 pushes the score up
};

inline constexpr int kReasonsPerDirection = 3;

// `contributions` holds feature_count() + 1 values for one row (the last is the bias).
std::vector<Reason> TopReasons(const FeatureEncoder& encoder, const Lead& lead,
                               const float* contributions, int per_direction = kReasonsPerDirection);

// The compact stored form, and back.
std::string ReasonsToJson(const std::vector<Reason>& reasons);
// API form: [{feature, label_en, label_id, value, value_en, value_id, text_en, text_id,
// contribution, direction}] with the sentences of ml/reason_text.h,
// strongest up first, then strongest down. Unparseable input gives an empty array.
nlohmann::json ExpandReasons(std::string_view stored);
nlohmann::json ExpandReasons(const std::vector<Reason>& reasons);

}  // namespace leadscore::ml
