// The XGBoost wrappers on their own, on a tiny problem whose answer is known: y = 1 exactly when
// x > 0, beside a constant column no tree can split on. Probabilities, margins, contributions,
// evaluation and truncation are checked against each other and against values computed here.
#include "ml/booster.h"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

namespace leadscore::ml {
namespace {

constexpr size_t kRows = 200, kCols = 2;

struct Problem {
  std::vector<float> x;  // row-major: x, constant
  std::vector<float> y;
};

Problem Separable() {
  Problem p;
  for (size_t i = 0; i < kRows; ++i) {
    const float x = -1.0f + 2.0f * static_cast<float>(i) / (kRows - 1);
    p.x.push_back(x);
    p.x.push_back(5.0f);
    p.y.push_back(x > 0 ? 1.0f : 0.0f);
  }
  return p;
}

// A booster trained for `rounds` rounds on `p` with fixed settings (one thread: reproducible).
Booster Trained(const Problem& p, int rounds, const std::string& metric = "logloss") {
  auto train = DMatrix::FromDense(p.x.data(), kRows, kCols);
  EXPECT_TRUE(train.ok()) << train.status().ToString();
  EXPECT_TRUE(train->SetLabels(p.y).ok());
  auto booster = Booster::Create({&*train});
  EXPECT_TRUE(booster.ok()) << booster.status().ToString();
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"objective", "binary:logistic"},
                                                        {"max_depth", "2"},
                                                        {"eta", "0.3"},
                                                        {"eval_metric", metric},
                                                        {"nthread", "1"},
                                                        {"seed", "0"}}) {
    EXPECT_TRUE(booster->SetParam(name, value).ok()) << name;
  }
  for (int i = 0; i < rounds; ++i) EXPECT_TRUE(booster->UpdateOneIter(i, *train).ok());
  return std::move(*booster);
}

TEST(BoosterTest, LearnsTheRuleAndItsProbabilitiesAreTheLogisticOfItsMargins) {
  const Problem p = Separable();
  const Booster booster = Trained(p, 10);
  EXPECT_EQ(*booster.BoostedRounds(), 10);
  auto prob = booster.Predict(p.x.data(), kRows, kCols, PredictKind::kProbability);
  auto margin = booster.Predict(p.x.data(), kRows, kCols, PredictKind::kMargin);
  ASSERT_TRUE(prob.ok() && margin.ok());
  ASSERT_EQ(prob->size(), kRows);
  ASSERT_EQ(margin->size(), kRows);
  for (size_t i = 0; i < kRows; ++i) {
    EXPECT_EQ((*prob)[i] > 0.5f, p.y[i] > 0.5f) << i;
    EXPECT_NEAR((*prob)[i], 1.0 / (1.0 + std::exp(-(*margin)[i])), 1e-6) << i;
  }
  EXPECT_TRUE(booster.Predict(p.x.data(), 0, kCols, PredictKind::kProbability)->empty());
}

TEST(BoosterTest, ContributionsAddUpToTheMarginAndTheConstantGetsNone) {
  const Problem p = Separable();
  const Booster booster = Trained(p, 10);
  auto margin = booster.Predict(p.x.data(), kRows, kCols, PredictKind::kMargin);
  ASSERT_TRUE(margin.ok());
  for (bool approximate : {false, true}) {
    SCOPED_TRACE(approximate ? "approximate" : "exact");
    auto c = approximate ? booster.Contributions(p.x.data(), kRows, kCols, true)
                         : booster.Predict(p.x.data(), kRows, kCols, PredictKind::kContributions);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    ASSERT_EQ(c->size(), kRows * (kCols + 1));  // the features and the bias
    for (size_t i = 0; i < kRows; ++i) {
      const float* row = c->data() + i * (kCols + 1);
      EXPECT_NEAR(row[0] + row[1] + row[2], (*margin)[i], 1e-4) << i;
      EXPECT_EQ(row[1], 0.0f) << i;
      // x pushes towards the side it is on.
      EXPECT_EQ(row[0] > 0, p.y[i] > 0.5f) << i;
    }
  }
}

TEST(BoosterTest, EvaluatesTheMetricAsComputedFromItsPredictions) {
  const Problem p = Separable();
  Booster booster = Trained(p, 4);
  auto prob = booster.Predict(p.x.data(), kRows, kCols, PredictKind::kProbability);
  ASSERT_TRUE(prob.ok());
  double logloss = 0;
  for (size_t i = 0; i < kRows; ++i) {
    const double q = (*prob)[i];
    logloss -= p.y[i] > 0.5f ? std::log(q) : std::log(1 - q);
  }
  logloss /= kRows;
  auto data = DMatrix::FromDense(p.x.data(), kRows, kCols);
  ASSERT_TRUE(data.ok());
  ASSERT_TRUE(data->SetLabels(p.y).ok());
  auto evaluated = booster.Evaluate(3, *data, "train");
  ASSERT_TRUE(evaluated.ok()) << evaluated.status().ToString();
  EXPECT_NEAR(*evaluated, logloss, 1e-5 * std::max(1.0, logloss));
}

TEST(BoosterTest, ATruncatedBoosterIsTheSameAsOneTrainedForFewerRounds) {
  const Problem p = Separable();
  const Booster ten = Trained(p, 10), three = Trained(p, 3);
  auto cut = ten.Truncated(3);
  ASSERT_TRUE(cut.ok()) << cut.status().ToString();
  EXPECT_EQ(*cut->BoostedRounds(), 3);
  auto a = cut->Predict(p.x.data(), kRows, kCols, PredictKind::kMargin);
  auto b = three.Predict(p.x.data(), kRows, kCols, PredictKind::kMargin);
  auto full = ten.Predict(p.x.data(), kRows, kCols, PredictKind::kMargin);
  ASSERT_TRUE(a.ok() && b.ok() && full.ok());
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *full);
}

TEST(BoosterTest, SavedJsonReloadsWithIdenticalPredictionsAndGain) {
  const Problem p = Separable();
  const Booster booster = Trained(p, 6);
  auto json = booster.SaveJson();
  ASSERT_TRUE(json.ok());
  auto loaded = Booster::FromJson(*json);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(*loaded->BoostedRounds(), 6);
  EXPECT_EQ(*loaded->Predict(p.x.data(), kRows, kCols, PredictKind::kProbability),
            *booster.Predict(p.x.data(), kRows, kCols, PredictKind::kProbability));
  auto gain = loaded->GainImportance({"x", "constant \"c\""});
  ASSERT_TRUE(gain.ok()) << gain.status().ToString();
  ASSERT_EQ(gain->size(), 1u);  // never split on: absent
  EXPECT_EQ((*gain)[0].first, "x");
  EXPECT_GT((*gain)[0].second, 0);
}

TEST(BoosterTest, AFailedCallIsAStatusNamingTheCall) {
  auto broken = Booster::FromJson("this is no model");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), StatusCode::kInternal);
  EXPECT_NE(broken.status().message().find("XGBoost call `"), std::string::npos);
  EXPECT_EQ(broken.status().message().find("Stack trace"), std::string::npos);

  const Problem p = Separable();
  auto train = DMatrix::FromDense(p.x.data(), kRows, kCols);
  ASSERT_TRUE(train.ok());
  ASSERT_TRUE(train->SetLabels(p.y).ok());
  // Labels of the wrong length are refused when set.
  EXPECT_FALSE(train->SetLabels(std::vector<float>(kRows + 1, 0.0f)).ok());
  auto booster = Booster::Create({&*train});
  ASSERT_TRUE(booster.ok());
  // An unknown objective is refused by XGBoost when set or, at the latest, when training.
  Status s = booster->SetParam("objective", "no:such");
  if (s.ok()) s = booster->UpdateOneIter(0, *train);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_NE(s.message().find("XGBoost call `"), std::string::npos);
}

TEST(BoosterTest, WeightsShiftTheModelTowardsTheHeavyRows) {
  // No feature separates anything: the model learns the weighted base rate.
  std::vector<float> x(kRows, 1.0f), y(kRows, 0.0f), w(kRows, 1.0f);
  for (size_t i = 0; i < kRows; i += 2) y[i] = 1.0f;  // half yes
  for (size_t i = 0; i < kRows; i += 2) w[i] = 3.0f;  // each yes weighs three times a no
  auto train = DMatrix::FromDense(x.data(), kRows, 1);
  ASSERT_TRUE(train.ok());
  ASSERT_TRUE(train->SetLabels(y).ok());
  ASSERT_TRUE(train->SetWeights(w).ok());
  auto booster = Booster::Create({&*train});
  ASSERT_TRUE(booster.ok());
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"objective", "binary:logistic"}, {"eta", "1"}, {"nthread", "1"}}) {
    ASSERT_TRUE(booster->SetParam(name, value).ok());
  }
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(booster->UpdateOneIter(i, *train).ok());
  auto prob = booster->Predict(x.data(), 1, 1, PredictKind::kProbability);
  ASSERT_TRUE(prob.ok());
  EXPECT_NEAR((*prob)[0], 0.75, 0.01);  // 3 / (3 + 1)
}

}  // namespace
}  // namespace leadscore::ml
