// Stratified splits and folds: every row lands in exactly one part, each part keeps the share
// of "yes" of the whole, and a seed fixes the result.
#include "ml/split.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include <gtest/gtest.h>

namespace leadscore::ml {
namespace {

// `yes` ones and `no` zeros, interleaved.
std::vector<float> Labels(size_t yes, size_t no) {
  std::vector<float> labels;
  for (size_t i = 0; i < yes + no; ++i) labels.push_back(i % (yes + no) < yes ? 1.0f : 0.0f);
  std::vector<float> mixed(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) mixed[(i * 7919) % labels.size()] = labels[i];
  return mixed;
}

size_t CountYes(const std::vector<float>& labels, const std::vector<size_t>& rows) {
  return static_cast<size_t>(
      std::count_if(rows.begin(), rows.end(), [&](size_t r) { return labels[r] > 0.5f; }));
}

TEST(StratifiedSplitTest, EveryRowOnceAndEachClassCutByTheFraction) {
  const std::vector<float> labels = Labels(130, 870);  // 1,000 rows, 13% yes
  const SplitIndices split = StratifiedSplit(labels, 0.2, 42);
  EXPECT_TRUE(std::is_sorted(split.train.begin(), split.train.end()));
  EXPECT_TRUE(std::is_sorted(split.valid.begin(), split.valid.end()));
  std::vector<size_t> all = split.train;
  all.insert(all.end(), split.valid.begin(), split.valid.end());
  std::sort(all.begin(), all.end());
  std::vector<size_t> every(labels.size());
  std::iota(every.begin(), every.end(), size_t{0});
  EXPECT_EQ(all, every);  // disjoint, and together every row
  // 20% of each class, rounded: 26 of the 130 yes and 174 of the 870 no.
  EXPECT_EQ(CountYes(labels, split.valid), 26u);
  EXPECT_EQ(split.valid.size() - CountYes(labels, split.valid), 174u);
  EXPECT_EQ(CountYes(labels, split.train), 104u);
}

TEST(StratifiedSplitTest, RoundsEachClassToTheNearestRow) {
  // 0.25 of 3 yes is 0.75: one; 0.25 of 5 no is 1.25: one.
  const std::vector<float> labels = {1, 0, 1, 0, 0, 1, 0, 0};
  const SplitIndices split = StratifiedSplit(labels, 0.25, 7);
  EXPECT_EQ(CountYes(labels, split.valid), 1u);
  EXPECT_EQ(split.valid.size(), 2u);
  EXPECT_EQ(StratifiedSplit(labels, 0.0, 7).valid.size(), 0u);
  EXPECT_EQ(StratifiedSplit(labels, 1.0, 7).train.size(), 0u);
  EXPECT_TRUE(StratifiedSplit({}, 0.2, 7).train.empty());
}

TEST(StratifiedSplitTest, TheSeedFixesTheSplit) {
  const std::vector<float> labels = Labels(50, 150);
  const SplitIndices a = StratifiedSplit(labels, 0.3, 1), b = StratifiedSplit(labels, 0.3, 1);
  const SplitIndices c = StratifiedSplit(labels, 0.3, 2);
  EXPECT_EQ(a.valid, b.valid);
  EXPECT_EQ(a.train, b.train);
  EXPECT_NE(a.valid, c.valid);
  EXPECT_EQ(a.valid.size(), c.valid.size());
}

TEST(StratifiedFoldsTest, EachFoldHoldsItsShareOfEachClass) {
  const std::vector<float> labels = Labels(103, 897);
  const int k = 5;
  const std::vector<int> fold = StratifiedFolds(labels, k, 9);
  ASSERT_EQ(fold.size(), labels.size());
  std::vector<size_t> yes(k, 0), no(k, 0);
  for (size_t i = 0; i < fold.size(); ++i) {
    ASSERT_GE(fold[i], 0);
    ASSERT_LT(fold[i], k);
    (labels[i] > 0.5f ? yes : no)[fold[i]]++;
  }
  // Per class the fold sizes differ by at most one: 103 yes are 20 or 21, 897 no 179 or 180.
  for (int f = 0; f < k; ++f) {
    EXPECT_TRUE(yes[f] == 20 || yes[f] == 21) << f << ": " << yes[f];
    EXPECT_TRUE(no[f] == 179 || no[f] == 180) << f << ": " << no[f];
  }
  EXPECT_EQ(std::accumulate(yes.begin(), yes.end(), size_t{0}), 103u);
  EXPECT_EQ(fold, StratifiedFolds(labels, k, 9));
  EXPECT_NE(fold, StratifiedFolds(labels, k, 10));
}

TEST(StratifiedFoldsTest, MoreFoldsThanRowsLeavesSomeEmpty) {
  const std::vector<float> labels = {1, 0, 0};
  const std::vector<int> fold = StratifiedFolds(labels, 5, 3);
  std::set<int> used(fold.begin(), fold.end());
  EXPECT_EQ(used.size(), 3u);  // three rows in three different folds
  for (int f : fold) EXPECT_LT(f, 5);
}

}  // namespace
}  // namespace leadscore::ml
