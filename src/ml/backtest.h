// Time-forward backtest: how a model trained on past calls ranks the calls that came after
// them, which is the job of the live call list (docs/MODEL.md). Rows keep their order (the
// order of the calls; or sorted by a date column when the data has one):
//  - holdout: train on the first `train_fraction` of the rows, test on the rest;
//  - rolling by month (when the data has `month`): each of the last `rolling_folds` runs of one
//    month value is tested on a model trained on every row before it.
// Inside each training part, a stratified random `valid_fraction` of its rows is the
// validation part (early stopping, calibration), as Train() does for the model a bank runs; no
// fold ever learns from a row later than its test rows.
// For a kCurrent model the test rows are scored with the context of the latest training row,
// as the live list is scored with one current campaign.
//
// Besides the usual metrics, the AUC within period: test rows grouped by their values of the
// context columns (the calls of one day), the AUC of each group with both outcomes, weighted by
// the group's rows. Deterministic for a seed; a pure function.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "ml/labelled_data.h"
#include "ml/metrics.h"
#include "ml/trainer.h"

namespace leadscore::ml {

struct BacktestOptions {
  double train_fraction = 0.8;
  bool rolling = false;
  int rolling_folds = 6;
  std::string date_column;  // when set, rows are ordered by it (ISO dates sort as text)
};

struct WithinPeriod {
  double auc = 0;    // weighted mean over the periods with both outcomes
  int periods = 0;   // periods used
  long rows = 0;     // rows in them
};
WithinPeriod AucWithinPeriod(const std::vector<float>& scores, const std::vector<float>& labels,
                             const std::vector<std::string>& period_keys);

struct BacktestFold {
  std::string label;  // "holdout", or the month tested
  long train_rows = 0, test_rows = 0;
  long first_test_row = 0;  // index in the ordered data
  Evaluation test;
  WithinPeriod within;
  double mean_score = 0;  // the mean forecast, beside test.positives / test.rows (the rate)
};

struct BacktestReport {
  std::vector<std::string> context_columns;
  BacktestFold holdout;
  std::vector<BacktestFold> rolling;
  double mean_rolling_auc = 0, mean_rolling_within = 0, mean_rolling_lift_top10 = 0;
  double seconds = 0;
};

// kFailedPrecondition when either part has fewer than 40 yes or 40 no outcomes.
Result<BacktestReport> Backtest(const LabelledData& data, const TrainOptions& options,
                                const BacktestOptions& backtest);
// The CLI's report: BacktestMetricsJson of the holdout and of each rolling fold, plus the mean
// forecast and the conversion rate of each test part (why a Brier is what it is).
nlohmann::json ToJson(const BacktestReport& report);
// The API form stored in a version's metrics (docs/openapi.yaml ModelVersion.metrics.backtest).
nlohmann::json BacktestMetricsJson(const BacktestFold& fold);

}  // namespace leadscore::ml
