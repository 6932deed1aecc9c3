// Choosing k: the knee pick and the elbow curve (with its silhouettes) on data with a known answer.
#include "ml/kmeans_elbow.h"

#include <random>

#include <gtest/gtest.h>

#include "ml/grid_blobs.h"

namespace leadscore::ml {
namespace {

using test_data::Blobs;

std::vector<ElbowPoint> Curve(const std::vector<double>& inertia) {
  std::vector<ElbowPoint> curve;
  for (size_t i = 0; i < inertia.size(); ++i) {
    curve.push_back({static_cast<int>(i) + 1, inertia[i], std::nullopt});
  }
  return curve;
}

TEST(ElbowTest, KneeIsTheBendOfTheCurve) {
  EXPECT_EQ(PickKnee(Curve({100, 50, 12, 10, 9, 8, 7.5, 7, 6.8, 6.5})), 3);
  EXPECT_EQ(PickKnee(Curve({100, 90, 80, 20, 18, 17, 16, 15, 14, 13})), 4);
  // A straight line has no knee: the first k.
  EXPECT_EQ(PickKnee(Curve({10, 9, 8, 7, 6})), 1);
  EXPECT_EQ(PickKnee(Curve({10, 5})), 1);
  EXPECT_EQ(PickKnee({}), 0);
}

TEST(ElbowTest, FindsTheNumberOfBlobs) {
  std::vector<double> data = Blobs(4, 60, 0.8, 2);
  ElbowOptions options;
  auto curve = ComputeElbow({data, 2}, options);
  ASSERT_TRUE(curve.ok()) << curve.status().ToString();
  ASSERT_EQ(curve->points.size(), 10u);
  EXPECT_EQ(curve->knee_k, 4);
  EXPECT_EQ(curve->curve_rows, 240u);
  EXPECT_FALSE(curve->points[0].silhouette.has_value());
  // The silhouette peaks at the true k as well.
  int best_k = 0;
  double best = -2;
  for (const ElbowPoint& p : curve->points) {
    if (p.silhouette && *p.silhouette > best) best = *p.silhouette, best_k = p.k;
  }
  EXPECT_EQ(best_k, 4);
  for (size_t i = 1; i < curve->points.size(); ++i) {
    EXPECT_LE(curve->points[i].inertia, curve->points[i - 1].inertia * 1.0001);
  }
}

TEST(ElbowTest, LargeDataUsesSamplesAndStopsAtDistinctPoints) {
  std::vector<double> data = Blobs(3, 2000, 0.8, 3);
  ElbowOptions options;
  options.k_max = 5;
  options.curve_sample = 1000;
  options.silhouette_sample = 300;
  auto curve = ComputeElbow({data, 2}, options);
  ASSERT_TRUE(curve.ok());
  EXPECT_EQ(curve->curve_rows, 1000u);
  EXPECT_EQ(curve->silhouette_rows, 300u);
  EXPECT_EQ(curve->knee_k, 3);

  std::vector<double> three_points = {0, 0, 0, 0, 5, 5, 9, 1, 9, 1};
  auto short_curve = ComputeElbow({three_points, 2}, ElbowOptions{});
  ASSERT_TRUE(short_curve.ok());
  EXPECT_EQ(short_curve->points.size(), 3u);  // only 3 distinct customers
}

}  // namespace
}  // namespace leadscore::ml
