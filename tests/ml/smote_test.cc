#include "ml/smote.h"

#include <cmath>

#include <gtest/gtest.h>

namespace leadscore::ml {
namespace {

// Minority rows in tight clusters of three, 100 apart; majority rows elsewhere. With k = 2 the
// neighbours of a minority row are the other two of its cluster.
struct Data {
  std::vector<float> x;
  std::vector<float> y;
  size_t cols = 2;
};

Data Clusters(int clusters, int majority) {
  Data d;
  for (int c = 0; c < clusters; ++c) {
    for (int i = 0; i < 3; ++i) {
      d.x.push_back(100.f * c + i);
      d.x.push_back(-100.f * c + 0.5f * i);
      d.y.push_back(1);
    }
  }
  for (int i = 0; i < majority; ++i) {
    d.x.push_back(5000.f + i);
    d.x.push_back(7.f * i);
    d.y.push_back(0);
  }
  return d;
}

TEST(SmoteTest, MakesEnoughRowsToBalance) {
  Data d = Clusters(4, 50);  // 12 minority, 50 majority
  auto r = Smote(d.x, d.cols, d.y, SmoteOptions{.k = 2});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->base.size(), 38u);
  EXPECT_EQ(r->rows.size(), 38u * d.cols);
  EXPECT_EQ(r->minority_label, 1);

  auto half = Smote(d.x, d.cols, d.y, SmoteOptions{.k = 2, .target_ratio = 0.5});
  ASSERT_TRUE(half.ok());
  EXPECT_EQ(half->base.size(), 13u);  // 25 - 12
}

TEST(SmoteTest, SyntheticRowsLieBetweenMinorityNeighbours) {
  Data d = Clusters(5, 60);
  auto r = Smote(d.x, d.cols, d.y, SmoteOptions{.k = 2, .seed = 7});
  ASSERT_TRUE(r.ok());
  for (size_t s = 0; s < r->base.size(); ++s) {
    size_t a = r->base[s], b = r->neighbour[s];
    EXPECT_EQ(d.y[a], 1);
    EXPECT_EQ(d.y[b], 1);
    EXPECT_NE(a, b);
    EXPECT_EQ(a / 3, b / 3) << "neighbour from another cluster";
    float gap = r->gap[s];
    EXPECT_GE(gap, 0.f);
    EXPECT_LT(gap, 1.f);
    for (size_t c = 0; c < d.cols; ++c) {
      float expected = d.x[a * d.cols + c] + gap * (d.x[b * d.cols + c] - d.x[a * d.cols + c]);
      EXPECT_NEAR(r->rows[s * d.cols + c], expected, 1e-4);
    }
  }
}

TEST(SmoteTest, OneHotGroupsAndMissingValuesCopyTheNearerEndpoint) {
  // Columns: numeric, then a one-hot group of two, then a column missing for some rows.
  std::vector<float> x, y;
  for (int i = 0; i < 6; ++i) {
    float hot = i % 2;
    x.insert(x.end(), {float(i), hot, 1 - hot, i % 3 == 0 ? NAN : float(i)});
    y.push_back(1);
  }
  for (int i = 0; i < 30; ++i) {
    x.insert(x.end(), {100.f + i, 1, 0, 1});
    y.push_back(0);
  }
  auto r = Smote(x, 4, y, SmoteOptions{.k = 3, .one_hot_groups = {{1, 2}}});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->base.size(), 24u);
  for (size_t s = 0; s < r->base.size(); ++s) {
    const float* row = &r->rows[s * 4];
    const float* nearer = &x[(r->gap[s] < 0.5f ? r->base[s] : r->neighbour[s]) * 4];
    EXPECT_EQ(row[1] + row[2], 1.f);  // exactly one level
    EXPECT_EQ(row[1], nearer[1]);
    bool missing_end = std::isnan(x[r->base[s] * 4 + 3]) || std::isnan(x[r->neighbour[s] * 4 + 3]);
    if (missing_end) {
      EXPECT_TRUE(std::isnan(row[3]) ? std::isnan(nearer[3]) : row[3] == nearer[3]);
    } else {
      EXPECT_FALSE(std::isnan(row[3]));
    }
  }
}

TEST(SmoteTest, SameSeedSameRowsOtherSeedOtherRows) {
  Data d = Clusters(4, 40);
  auto a = Smote(d.x, d.cols, d.y, SmoteOptions{.k = 2, .seed = 1});
  auto b = Smote(d.x, d.cols, d.y, SmoteOptions{.k = 2, .seed = 1});
  auto c = Smote(d.x, d.cols, d.y, SmoteOptions{.k = 2, .seed = 2});
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->rows, b->rows);
  EXPECT_NE(a->rows, c->rows);
}

TEST(SmoteTest, RefusesTooFewMinorityRowsAndMismatchedInput) {
  std::vector<float> x = {1, 2, 3}, y = {1, 0, 0};
  EXPECT_EQ(Smote(x, 1, y, {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Smote(x, 2, y, {}).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace leadscore::ml
