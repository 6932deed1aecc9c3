#include "ml/cross_validation.h"

#include <chrono>
#include <cmath>

#include "ml/split.h"

namespace leadscore::ml {
namespace {

MeanStd Summarise(const std::vector<double>& v) {
  MeanStd out;
  if (v.empty()) return out;
  for (double x : v) out.mean += x;
  out.mean /= v.size();
  if (v.size() > 1) {
    double ss = 0;
    for (double x : v) ss += (x - out.mean) * (x - out.mean);
    out.std = std::sqrt(ss / (v.size() - 1));
  }
  return out;
}

nlohmann::json ToJson(const MeanStd& m) { return {{"mean", m.mean}, {"std", m.std}}; }

}  // namespace

Result<CrossValidationReport> CrossValidate(const LabelledData& data, const TrainOptions& options,
                                            int folds) {
  if (folds < 2) return Status::InvalidArgument("cross-validation needs at least 2 folds");
  LS_RETURN_IF_ERROR(CheckEnoughOutcomes(data));
  auto start = std::chrono::steady_clock::now();
  const std::vector<float> labels = data.Labels();
  std::vector<int> fold_of = StratifiedFolds(labels, folds, options.seed);
  CrossValidationReport report;
  report.folds = folds;
  std::vector<double> auc, pr, brier, lift, capture;
  for (int f = 0; f < folds; ++f) {
    std::vector<size_t> rest, test;
    for (size_t i = 0; i < labels.size(); ++i) (fold_of[i] == f ? test : rest).push_back(i);
    LabelledData rest_data = data.Subset(rest);
    SplitIndices split = StratifiedSplit(rest_data.Labels(), options.valid_fraction, options.seed);
    LS_ASSIGN_OR_RETURN(TrainResult trained,
                        TrainOnSplit(rest_data.Subset(split.train), rest_data.Subset(split.valid),
                                     options));
    LabelledData test_data = data.Subset(test);
    LS_ASSIGN_OR_RETURN(std::vector<float> scores, trained.model.Predict(test_data.leads));
    Evaluation e = Evaluate(scores, test_data.Labels(), trained.model.info().threshold);
    auc.push_back(e.roc_auc);
    pr.push_back(e.pr_auc);
    brier.push_back(e.brier);
    lift.push_back(e.lift[0].lift);
    capture.push_back(e.lift[0].capture);
    report.per_fold.push_back(std::move(e));
  }
  report.roc_auc = Summarise(auc);
  report.pr_auc = Summarise(pr);
  report.brier = Summarise(brier);
  report.lift_top10 = Summarise(lift);
  report.capture_top10 = Summarise(capture);
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

nlohmann::json ToJson(const CrossValidationReport& report) {
  nlohmann::json folds = nlohmann::json::array();
  for (const auto& e : report.per_fold) folds.push_back(ToJson(e));
  return {{"folds", report.folds},
          {"roc_auc", ToJson(report.roc_auc)},
          {"pr_auc", ToJson(report.pr_auc)},
          {"brier", ToJson(report.brier)},
          {"lift_top10", ToJson(report.lift_top10)},
          {"capture_top10", ToJson(report.capture_top10)},
          {"seconds", report.seconds},
          {"per_fold", folds}};
}

}  // namespace leadscore::ml
