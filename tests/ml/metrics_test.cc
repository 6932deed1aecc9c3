#include "ml/metrics.h"

#include <gtest/gtest.h>

namespace leadscore::ml {
namespace {

// Six leads, three conversions, worked by hand in the comments.
const std::vector<float> kScores = {0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f};
const std::vector<float> kLabels = {1, 0, 1, 0, 0, 1};

TEST(MetricsTest, RocAucCountsWinningPairs) {
  // Positive 0.9 beats 3 negatives, 0.7 beats 2, 0.4 beats none: 5 of 9 pairs.
  EXPECT_NEAR(RocAuc(kScores, kLabels), 5.0 / 9.0, 1e-12);
}

TEST(MetricsTest, RocAucCountsTiesAsHalf) {
  EXPECT_NEAR(RocAuc({0.5f, 0.5f}, {1, 0}), 0.5, 1e-12);
  // 0.8 (yes) beats 0.3 (no) and ties 0.8 (no): (1 + 0.5) / 2.
  EXPECT_NEAR(RocAuc({0.8f, 0.8f, 0.3f}, {1, 0, 0}), 0.75, 1e-12);
}

TEST(MetricsTest, PerfectAndReversedRankings) {
  EXPECT_DOUBLE_EQ(RocAuc({0.9f, 0.1f}, {1, 0}), 1.0);
  EXPECT_DOUBLE_EQ(RocAuc({0.1f, 0.9f}, {1, 0}), 0.0);
}

TEST(MetricsTest, PrAucIsAveragePrecision) {
  // Recall steps of 1/3 at precisions 1, 2/3 and 3/6.
  EXPECT_NEAR(PrAuc(kScores, kLabels), (1.0 + 2.0 / 3 + 0.5) / 3, 1e-12);
}

TEST(MetricsTest, BrierIsMeanSquaredError) {
  // (0.01 + 0.64 + 0.09 + 0.36 + 0.25 + 0.36) / 6
  EXPECT_NEAR(BrierScore(kScores, kLabels), 1.71 / 6, 1e-6);
}

TEST(MetricsTest, LiftAndCaptureAtTopHalf) {
  // Top 3: two conversions. Rate 2/3 against 1/2 overall.
  LiftPoint p = LiftAt(kScores, kLabels, 0.5);
  EXPECT_NEAR(p.lift, (2.0 / 3) / 0.5, 1e-12);
  EXPECT_NEAR(p.capture, 2.0 / 3, 1e-12);
  // The top "10 %" of six leads is one lead (rounded up), a conversion.
  LiftPoint top = LiftAt(kScores, kLabels, 0.1);
  EXPECT_NEAR(top.lift, 2.0, 1e-12);
  EXPECT_NEAR(top.capture, 1.0 / 3, 1e-12);
}

TEST(MetricsTest, ConfusionAtThreshold) {
  Confusion c = ConfusionAt(kScores, kLabels, 0.65);
  EXPECT_EQ(c.tp, 2);
  EXPECT_EQ(c.fp, 1);
  EXPECT_EQ(c.tn, 2);
  EXPECT_EQ(c.fn, 1);
  EXPECT_NEAR(c.F1(), 2.0 / 3, 1e-12);
}

TEST(MetricsTest, MaxF1ThresholdPrefersTheHigherOfEqualF1) {
  // F1 is 2/3 at 0.7 (2 of 3 found with one miss-call) and at 0.4 (all six called yes).
  EXPECT_FLOAT_EQ(MaxF1Threshold(kScores, kLabels), 0.7f);
}

TEST(MetricsTest, RocCurveRunsFromOriginToOneOne) {
  auto roc = RocCurve(kScores, kLabels);
  ASSERT_EQ(roc.size(), 7u);
  EXPECT_DOUBLE_EQ(roc.front().fpr, 0);
  EXPECT_DOUBLE_EQ(roc.back().tpr, 1);
  EXPECT_DOUBLE_EQ(roc.back().fpr, 1);
  // After 0.9 (yes): tpr 1/3, fpr 0.
  EXPECT_NEAR(roc[1].tpr, 1.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(roc[1].fpr, 0);
  auto thin = RocCurve(kScores, kLabels, 3);
  EXPECT_EQ(thin.size(), 3u);
}

TEST(MetricsTest, DecileTableEndsWithEverythingCaptured) {
  auto table = DecileTable(kScores, kLabels);
  ASSERT_EQ(table.size(), 10u);
  EXPECT_DOUBLE_EQ(table.back().capture, 1.0);
  EXPECT_DOUBLE_EQ(table.back().lift, 1.0);
  for (size_t i = 1; i < table.size(); ++i) EXPECT_GE(table[i].capture, table[i - 1].capture);
}

}  // namespace
}  // namespace leadscore::ml
