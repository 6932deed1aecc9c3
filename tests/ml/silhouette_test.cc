// The silhouette score against values worked out by hand, on well and badly labelled blobs,
// and its refusals.
#include "ml/silhouette.h"

#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "ml/grid_blobs.h"

namespace leadscore::ml {
namespace {

using test_data::Blobs;

TEST(SilhouetteTest, MatchesTheScoreWorkedOutByHand) {
  // 1-D points 0, 1 | 10, 11. Each point is 1 from its neighbour; the other cluster is on
  // average 10.5 (0 and 11) or 9.5 (1 and 10) away: s = 1 - a / b.
  std::vector<double> data = {0, 1, 10, 11};
  std::vector<int32_t> labels = {0, 0, 1, 1};
  auto s = SilhouetteScore({data, 1}, labels, 2);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_NEAR(*s, (2 * (1 - 1 / 10.5) + 2 * (1 - 1 / 9.5)) / 4, 1e-12);
  // In 2-D the distance is Euclidean: (0,0),(3,4) | (30,40): a = 5, b = 50 and 45.
  std::vector<double> plane = {0, 0, 3, 4, 30, 40};
  std::vector<int32_t> two = {0, 0, 1};
  auto p = SilhouetteScore({plane, 2}, two, 2);
  ASSERT_TRUE(p.ok());
  EXPECT_NEAR(*p, ((1 - 5.0 / 50) + (1 - 5.0 / 45) + 0) / 3, 1e-12);  // a point alone: 0
}

TEST(SilhouetteTest, AMisplacedPointScoresBelowZero) {
  // 0 and 1 belong together; labelling 1 with 10 and 11 makes it closer to the other cluster.
  std::vector<double> data = {0, 1, 10, 11};
  std::vector<int32_t> labels = {0, 1, 1, 1};
  auto s = SilhouetteScore({data, 1}, labels, 2);
  ASSERT_TRUE(s.ok());
  // Point 0 alone: 0. Point 1: a = (9 + 10) / 2 = 9.5, b = 1: 1/9.5 - 1.
  // Point 10: a = (9 + 1) / 2 = 5, b = 10: 1 - 5/10. Point 11: a = (10 + 1) / 2 = 5.5, b = 11.
  const double expected = (0 + (1 / 9.5 - 1) + (1 - 5.0 / 10) + (1 - 5.5 / 11)) / 4;
  EXPECT_NEAR(*s, expected, 1e-12);
}

TEST(SilhouetteTest, HighForSeparatedClustersLowForWrongLabels) {
  std::vector<double> data = Blobs(2, 50, 0.3, 1);
  std::vector<int32_t> right, wrong;
  for (size_t i = 0; i < 100; ++i) {
    right.push_back(static_cast<int32_t>(i % 2));
    wrong.push_back(static_cast<int32_t>((i / 2) % 2));  // half of each blob in each label
  }
  auto good = SilhouetteScore({data, 2}, right, 2);
  auto bad = SilhouetteScore({data, 2}, wrong, 2);
  ASSERT_TRUE(good.ok() && bad.ok());
  EXPECT_GT(*good, 0.9);
  EXPECT_LT(*bad, 0.1);
  // Thread count does not change the answer.
  EXPECT_EQ(*SilhouetteScore({data, 2}, right, 2, 1), *SilhouetteScore({data, 2}, right, 2, 3));
}

TEST(SilhouetteTest, RefusesOneCluster) {
  std::vector<double> data = {0, 0, 1, 1, 2, 2};
  std::vector<int32_t> one = {0, 0, 0};
  EXPECT_FALSE(SilhouetteScore({data, 2}, one, 1).ok());
  EXPECT_FALSE(SilhouetteScore({data, 2}, one, 2).ok());  // only one used
  std::vector<int32_t> short_labels = {0, 1};
  EXPECT_FALSE(SilhouetteScore({data, 2}, short_labels, 2).ok());
}

TEST(SilhouetteTest, AnUnusedLabelDoesNotCount) {
  // k = 3 with only labels 0 and 2 in use: the same score as k = 2.
  std::vector<double> data = {0, 1, 10, 11};
  std::vector<int32_t> k3 = {0, 0, 2, 2}, k2 = {0, 0, 1, 1};
  EXPECT_NEAR(*SilhouetteScore({data, 1}, k3, 3), *SilhouetteScore({data, 1}, k2, 2), 1e-12);
  // A label outside [0, k) is refused.
  EXPECT_EQ(SilhouetteScore({data, 1}, k3, 2).status().code(), StatusCode::kInvalidArgument);
  std::vector<int32_t> negative = {0, 0, -1, 1};
  EXPECT_EQ(SilhouetteScore({data, 1}, negative, 2).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace leadscore::ml
