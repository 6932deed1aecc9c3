// Trainer: the training pipeline (docs/MODEL.md, "Pipeline") — refuse too little data, stratified
// train/validation split, fit the encoder on the training part, handle the class imbalance
// (SMOTE on the training part only, or scale_pos_weight, or nothing), boost with XGBoost `hist`
// and early stopping on validation AUC, calibrate on the validation part when the imbalance
// handling bent the probabilities, pick the threshold (max F1 on validation), and report.
//
// Deterministic: the same data and options give the same model, bit for bit (fixed seeds,
// fixed thread count). Train is a pure function of its inputs; it may run on any thread, one
// training per call.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "ml/calibration.h"
#include "ml/context.h"
#include "ml/labelled_data.h"
#include "ml/metrics.h"
#include "ml/model.h"

namespace leadscore::ml {

enum class Resampling { kSmote, kWeight, kNone };
const char* ResamplingName(Resampling r);  // "smote", "weight", "none"
// Also accepts "auto", meaning the measured default (docs/MODEL.md).
Result<Resampling> ParseResampling(const std::string& name);

// How XGBoost grows each tree: kDepthwise level by level down to max_depth (the default);
// kLossguide always splits the leaf with the largest gain next, up to max_leaves leaves (and
// max_depth levels unless it is 0), as scikit-learn's HistGradientBoosting grows its trees.
enum class GrowPolicy { kDepthwise, kLossguide };
const char* GrowPolicyName(GrowPolicy g);  // "depthwise", "lossguide"
Result<GrowPolicy> ParseGrowPolicy(const std::string& name);

inline constexpr int kMinOutcomesPerClass = 40;

struct TrainOptions {
  Resampling resampling = Resampling::kNone;  // the backtest winner, see docs/MODEL.md
  // Used only when resampling is not kNone (then the raw output overstates "yes").
  CalibrationKind calibration = CalibrationKind::kPlatt;
  bool allow_leakage = false;  // keep `duration`
  // What the model does with the campaign-context columns (ml/context.h), and a bank's own
  // columns to treat as context besides the built-in ones.
  ContextMode context = kDefaultContextMode;
  std::vector<std::string> extra_context;
  uint64_t seed = 42;
  double valid_fraction = 0.2;
  int smote_k = 5;
  // XGBoost.
  int max_rounds = 1000;
  int early_stopping_rounds = 50;
  double eta = 0.05;
  // Trees: leaf-wise, up to 31 leaves at any depth, each leaf holding a hessian of at least 5
  // (the backtest winner, docs/MODEL.md "How the default is chosen"; until 2026-12-07
  // depthwise, depth 5, min_child_weight 1).
  GrowPolicy grow_policy = GrowPolicy::kLossguide;
  int max_depth = 0;    // 0 = no limit, only with kLossguide and max_leaves > 0
  int max_leaves = 31;  // 0 = no limit; kLossguide without a depth limit needs one
  double min_child_weight = 5;
  double subsample = 0.8;
  double colsample_bytree = 0.8;
  int nthread = 2;
  // Recorded in the pipeline.
  std::string created_by = "cli";
  TimeMs created_at = 0;

  nlohmann::json ToJson() const;
};

struct TrainResult {
  Model model;
  Evaluation validation;  // calibrated scores on the validation part
  long n_train = 0, n_valid = 0, n_synthetic = 0;
};

// kInvalidArgument naming the first setting out of range (tree size, rates, rounds).
Status ValidateTrainOptions(const TrainOptions& options);

// kFailedPrecondition with a clear message when there are fewer than 40 yes or 40 no.
Status CheckEnoughOutcomes(const LabelledData& data);

// Splits `data` and trains.
Result<TrainResult> Train(const LabelledData& data, const TrainOptions& options);
// Trains on a given split (cross-validation uses this with its own folds). The encoder is fitted
// on `train` only.
Result<TrainResult> TrainOnSplit(const LabelledData& train, const LabelledData& valid,
                                 const TrainOptions& options);

// The metrics JSON of a version (docs/openapi.yaml ModelVersion.metrics).
nlohmann::json MetricsJson(const Evaluation& e, long n_train, long n_valid);

}  // namespace leadscore::ml
