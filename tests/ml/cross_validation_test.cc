// Cross-validation of the whole pipeline: every row is tested once, on a model that never saw
// it, and the summary is the mean and sample standard deviation of the folds.
#include "ml/cross_validation.h"

#include <cmath>

#include <gtest/gtest.h>

#include "synthetic_leads.h"

namespace leadscore::ml {
namespace {

using testing::SyntheticLeads;

TrainOptions Fast() {
  TrainOptions o;
  o.resampling = Resampling::kWeight;
  o.max_rounds = 60;
  o.early_stopping_rounds = 15;
  o.eta = 0.2;
  o.context = ContextMode::kInclude;  // the synthetic signal includes euribor3m
  return o;
}

// The sample standard deviation (n - 1) of `v`, computed here.
double SampleStd(const std::vector<double>& v) {
  double mean = 0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

TEST(CrossValidationTest, ReportsEveryFoldAndTheSpread) {
  LabelledData data = SyntheticLeads(2500, 8);
  auto cv = CrossValidate(data, Fast(), 5);
  ASSERT_TRUE(cv.ok()) << cv.status().ToString();
  ASSERT_EQ(cv->per_fold.size(), 5u);
  long rows = 0, positives = 0;
  double sum = 0;
  for (const auto& e : cv->per_fold) {
    rows += e.rows;
    positives += e.positives;
    sum += e.roc_auc;
  }
  EXPECT_EQ(rows, 2500);  // every row is tested exactly once
  EXPECT_EQ(positives, data.Positives());
  EXPECT_NEAR(cv->roc_auc.mean, sum / 5, 1e-12);
  EXPECT_GT(cv->roc_auc.std, 0);
  EXPECT_GT(cv->roc_auc.mean, 0.7);
}

TEST(CrossValidationTest, TheSummaryAndItsJsonAreThoseOfTheFolds) {
  LabelledData data = SyntheticLeads(1200, 3);
  auto cv = CrossValidate(data, Fast(), 3);
  ASSERT_TRUE(cv.ok()) << cv.status().ToString();
  ASSERT_EQ(cv->folds, 3);
  ASSERT_EQ(cv->per_fold.size(), 3u);
  std::vector<double> pr, brier, lift;
  for (const auto& e : cv->per_fold) {
    pr.push_back(e.pr_auc);
    brier.push_back(e.brier);
    lift.push_back(e.lift[0].lift);
  }
  EXPECT_NEAR(cv->pr_auc.mean, (pr[0] + pr[1] + pr[2]) / 3, 1e-12);
  EXPECT_NEAR(cv->pr_auc.std, SampleStd(pr), 1e-12);
  EXPECT_NEAR(cv->brier.std, SampleStd(brier), 1e-12);
  EXPECT_NEAR(cv->lift_top10.mean, (lift[0] + lift[1] + lift[2]) / 3, 1e-12);
  EXPECT_GT(cv->seconds, 0);

  const nlohmann::json j = ToJson(*cv);
  EXPECT_EQ(j["folds"], 3);
  EXPECT_EQ(j["per_fold"].size(), 3u);
  EXPECT_DOUBLE_EQ(j["roc_auc"]["mean"].get<double>(), cv->roc_auc.mean);
  EXPECT_DOUBLE_EQ(j["brier"]["std"].get<double>(), cv->brier.std);
  for (const char* key : {"pr_auc", "lift_top10", "capture_top10"}) {
    EXPECT_TRUE(j[key].contains("mean") && j[key].contains("std")) << key;
  }
}

TEST(CrossValidationTest, TheSameSeedGivesTheSameFolds) {
  LabelledData data = SyntheticLeads(900, 5);
  auto a = CrossValidate(data, Fast(), 3), b = CrossValidate(data, Fast(), 3);
  ASSERT_TRUE(a.ok() && b.ok());
  for (size_t f = 0; f < 3; ++f) {
    EXPECT_EQ(a->per_fold[f].rows, b->per_fold[f].rows);
    EXPECT_EQ(a->per_fold[f].roc_auc, b->per_fold[f].roc_auc);
  }
}

TEST(CrossValidationTest, RefusesFewerThanTwoFoldsAndTooFewOutcomes) {
  LabelledData data = SyntheticLeads(600, 4);
  for (int folds : {1, 0, -3}) {
    auto r = CrossValidate(data, Fast(), folds);
    ASSERT_FALSE(r.ok()) << folds;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  }
  LabelledData few = SyntheticLeads(600, 4, /*max_yes=*/3);
  auto refused = CrossValidate(few, Fast(), 5);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.status().reason(), "training_too_few_outcomes");
}

}  // namespace
}  // namespace leadscore::ml
