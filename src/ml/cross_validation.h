// Stratified k-fold cross-validation of the whole training pipeline: for each fold, the other
// folds are split again into training and validation parts (for early stopping, calibration
// and the threshold, exactly as Train does), and the model is measured on the held-out fold,
// which it never saw. Reports each fold and the mean ± standard deviation.
// A pure function; thread-safe; deterministic for a given seed.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "ml/labelled_data.h"
#include "ml/metrics.h"
#include "ml/trainer.h"

namespace leadscore::ml {

struct MeanStd {
  double mean = 0, std = 0;  // std: sample standard deviation (n - 1)
};

struct CrossValidationReport {
  int folds = 0;
  std::vector<Evaluation> per_fold;  // on each held-out fold
  MeanStd roc_auc, pr_auc, brier, lift_top10, capture_top10;
  double seconds = 0;
};

Result<CrossValidationReport> CrossValidate(const LabelledData& data, const TrainOptions& options,
                                            int folds);
nlohmann::json ToJson(const CrossValidationReport& report);

}  // namespace leadscore::ml
