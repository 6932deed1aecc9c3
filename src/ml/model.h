// Model: a trained lead-scoring model as it is saved and loaded — the XGBoost booster plus the
// pipeline around it (feature encoder, calibration, decision threshold, validation metrics and
// curves, data fingerprint, when and by whom it was trained). A model version in the database is
// exactly Model::BoosterJson() + Model::PipelineJson(); Load() rebuilds the same model, and
// its predictions are bit-for-bit those of the model that was saved.
//
// A Model is immutable after construction and owns its booster (move-only). Every const method
// is thread-safe, so one loaded Model can serve many request threads at once.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/lead.h"
#include "core/status.h"
#include "ml/booster.h"
#include "ml/calibration.h"
#include "ml/context.h"
#include "ml/feature_encoder.h"
#include "ml/reasons.h"

namespace leadscore::ml {

// What the pipeline JSON records besides the encoder and the calibration.
struct ModelInfo {
  std::string resampling = "none";  // "smote", "weight" or "none": what the booster saw
  double threshold = 0.5;           // "likely yes" at or above; max F1 on the validation part
  int rounds = 0;                   // boosting rounds kept (best validation AUC)
  double validation_auc = 0;
  // The campaign context (ml/context.h): what the model does with it, which columns it is, and
  // for kCurrent the values scoring applies to every lead (the latest of the training data,
  // replaced by the admin's campaign setting through WithScoringContext).
  ContextMode context_mode = ContextMode::kInclude;  // versions saved before the setting
  std::vector<std::string> context_columns;
  nlohmann::json scoring_context = nlohmann::json::object();
  nlohmann::json metrics = nlohmann::json::object();  // validation metrics, API shape
  nlohmann::json curves = nlohmann::json::object();   // roc, deciles, feature_importance
  nlohmann::json options = nlohmann::json::object();  // the training options used
  std::string data_fingerprint;
  TimeMs created_at = 0;
  std::string created_by;
};

struct ScoredLead {
  float score = 0;  // calibrated probability
  std::vector<Reason> reasons;
};

class Model {
 public:
  Model(Booster booster, FeatureEncoder encoder, Calibration calibration, ModelInfo info);
  static Result<Model> Load(const std::string& booster_json, const std::string& pipeline_json);

  Model(Model&&) = default;
  Model& operator=(Model&&) = default;
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  Result<std::string> BoosterJson() const { return booster_.SaveJson(); }
  std::string PipelineJson() const;

  const FeatureEncoder& encoder() const { return encoder_; }
  const Calibration& calibration() const { return calibration_; }
  const ModelInfo& info() const { return info_; }
  const Booster& booster() const { return booster_; }

  // For a kCurrent model: the campaign values scoring applies to every lead from now on (only
  // the model's context columns are taken). Call before the model is shared between threads.
  void SetScoringContext(const nlohmann::json& campaign);

  // Calibrated probabilities for an encoded matrix (rows × encoder().feature_count()).
  Result<std::vector<float>> PredictEncoded(const std::vector<float>& rows) const;
  Result<std::vector<float>> Predict(const std::vector<Lead>& leads) const;
  // Scores with reasons. `approximate` uses Saabas contributions (per-tree path attribution,
  // about an order of magnitude cheaper than exact TreeSHAP), for bulk refreshes.
  Result<std::vector<ScoredLead>> Explain(const std::vector<Lead>& leads, bool approximate) const;

 private:
  Booster booster_;
  FeatureEncoder encoder_;
  Calibration calibration_;
  ModelInfo info_;

  // The leads as the model scores them: for kCurrent, with the scoring context applied.
  const std::vector<Lead>& InContext(const std::vector<Lead>& leads,
                                     std::vector<Lead>* copy) const;
};

}  // namespace leadscore::ml
