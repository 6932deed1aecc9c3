// K-Means: recovery of known blobs, exactness against a plain Lloyd's run from the same start,
// determinism across runs and thread counts, empty clusters, and refusal of bad input.
#include "ml/kmeans.h"

#include <cmath>
#include <random>
#include <set>

#include <gtest/gtest.h>

namespace leadscore::ml {
namespace {

// n points around each centre, Gaussian with the given spread; labels[i] is the true blob.
std::vector<double> Blobs(const std::vector<std::pair<double, double>>& centres, size_t n,
                          double spread, uint64_t seed, std::vector<int>* truth = nullptr) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0.0, spread);
  std::vector<double> data;
  for (size_t i = 0; i < n * centres.size(); ++i) {
    size_t c = i % centres.size();
    data.push_back(centres[c].first + noise(rng));
    data.push_back(centres[c].second + noise(rng));
    if (truth) truth->push_back(static_cast<int>(c));
  }
  return data;
}

// The textbook algorithm, written as plainly as possible: assign every point to its nearest
// centre, move every centre to the mean of its points, until no point changes cluster.
double PlainLloyd(PointsView points, std::vector<double> centres, std::vector<int32_t>* labels) {
  const size_t n = points.size(), d = points.dims, k = centres.size() / d;
  labels->assign(n, -1);
  for (int iteration = 0; iteration < 1000; ++iteration) {
    bool changed = false;
    for (size_t i = 0; i < n; ++i) {
      int best = 0;
      double best_d = INFINITY;
      for (size_t j = 0; j < k; ++j) {
        double dd = SquaredDistance(points.row(i), &centres[j * d], d);
        if (dd < best_d) best_d = dd, best = static_cast<int>(j);
      }
      if ((*labels)[i] != best) changed = true, (*labels)[i] = best;
    }
    if (!changed) break;
    std::vector<double> sum(k * d, 0.0);
    std::vector<size_t> count(k, 0);
    for (size_t i = 0; i < n; ++i) {
      for (size_t f = 0; f < d; ++f) sum[(*labels)[i] * d + f] += points.row(i)[f];
      ++count[(*labels)[i]];
    }
    for (size_t j = 0; j < k; ++j) {
      for (size_t f = 0; f < d && count[j] > 0; ++f) centres[j * d + f] = sum[j * d + f] / count[j];
    }
  }
  double inertia = 0;
  for (size_t i = 0; i < n; ++i) {
    inertia += SquaredDistance(points.row(i), &centres[(*labels)[i] * d], d);
  }
  return inertia;
}

TEST(KMeansTest, RecoversWellSeparatedBlobs) {
  std::vector<std::pair<double, double>> centres = {{0, 0}, {10, 0}, {0, 10}, {10, 10}, {5, 20}};
  std::vector<int> truth;
  std::vector<double> data = Blobs(centres, 200, 0.7, 1, &truth);
  KMeansOptions options;
  options.k = 5;
  auto fit = FitKMeans({data, 2}, options);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_TRUE(fit->converged);
  // Every true centre has a found centroid close to it, and each blob maps to one cluster.
  std::set<int> used;
  for (size_t c = 0; c < centres.size(); ++c) {
    double point[2] = {centres[c].first, centres[c].second};
    double dd = 0;
    int found = NearestCentroid(point, fit->centroids, 2, &dd);
    EXPECT_LT(std::sqrt(dd), 0.2) << "blob " << c;
    used.insert(found);
    for (size_t i = c; i < truth.size(); i += centres.size()) {
      ASSERT_EQ(fit->labels[i], found) << "point " << i << " of blob " << c;
    }
  }
  EXPECT_EQ(used.size(), centres.size());
  for (int64_t size : fit->sizes) EXPECT_EQ(size, 200);
}

TEST(KMeansTest, SameFixedPointAsPlainLloydFromTheSameStart) {
  // Overlapping blobs, so that many points sit near borders and the bounds are tested hard.
  std::vector<double> data = Blobs({{0, 0}, {3, 1}, {1, 3}, {4, 4}}, 1500, 1.5, 2);
  PointsView points{data, 2};
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    for (int k : {2, 3, 6, 9}) {
      auto start = SeedKMeansPlusPlus(points, k, seed);
      ASSERT_TRUE(start.ok());
      std::vector<int32_t> lloyd_labels;
      double lloyd = PlainLloyd(points, *start, &lloyd_labels);
      KMeansOptions exact;
      exact.tolerance = 0;  // run to the fixed point, as plain Lloyd's does
      auto fast = RunKMeansFrom(points, *start, exact);
      ASSERT_TRUE(fast.ok());
      EXPECT_LE(fast->inertia, lloyd * (1 + 1e-9)) << "seed " << seed << " k " << k;
      EXPECT_EQ(fast->labels, lloyd_labels) << "seed " << seed << " k " << k;
    }
  }
}

TEST(KMeansTest, RestartsKeepTheLowestInertia) {
  std::vector<double> data = Blobs({{0, 0}, {3, 1}, {1, 3}, {4, 4}, {8, 0}}, 300, 1.2, 3);
  KMeansOptions one;
  one.k = 7;
  one.restarts = 1;
  KMeansOptions many = one;
  many.restarts = 8;
  bool some_restart_won = false;
  for (uint64_t seed = 100; seed < 110; ++seed) {
    // The first restart of a run with several is the single run with the same seed.
    one.seed = many.seed = seed;
    auto single = FitKMeans({data, 2}, one);
    auto best = FitKMeans({data, 2}, many);
    ASSERT_TRUE(single.ok() && best.ok());
    EXPECT_LE(best->inertia, single->inertia) << "seed " << seed;
    some_restart_won |= best->restart > 0 && best->inertia < single->inertia;
  }
  EXPECT_TRUE(some_restart_won) << "later restarts never helped: are they different seeds?";
}

TEST(KMeansTest, DeterministicForASeedWhateverTheThreadCount) {
  // Enough points for many chunks, so that threads really split the work.
  std::vector<double> data = Blobs({{0, 0}, {3, 1}, {1, 3}, {4, 4}}, 6000, 1.5, 4);
  KMeansOptions options;
  options.k = 4;
  options.restarts = 3;
  options.threads = 1;
  auto a = FitKMeans({data, 2}, options);
  options.threads = 2;
  auto b = FitKMeans({data, 2}, options);
  options.threads = 5;
  auto c = FitKMeans({data, 2}, options);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->centroids, b->centroids);  // bit for bit
  EXPECT_EQ(a->centroids, c->centroids);
  EXPECT_EQ(a->inertia, b->inertia);
  EXPECT_EQ(a->inertia, c->inertia);
  EXPECT_EQ(a->labels, c->labels);
  options.threads = 2;
  auto again = FitKMeans({data, 2}, options);
  EXPECT_EQ(again->centroids, b->centroids);
}

TEST(KMeansTest, SampledRestartsEndAtAFixedPointOfAllTheData) {
  std::vector<double> data = Blobs({{0, 0}, {3, 1}, {1, 3}, {4, 4}}, 5000, 1.5, 5);
  KMeansOptions options;
  options.k = 4;
  options.restart_sample = 2000;  // 20,000 points: the restarts compete on a sample
  options.tolerance = 0;
  auto fit = FitKMeans({data, 2}, options);
  ASSERT_TRUE(fit.ok());
  EXPECT_TRUE(fit->converged);
  auto again = RunKMeansFrom({data, 2}, fit->centroids, options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->labels, fit->labels);
  EXPECT_EQ(again->iterations, 1);
}

TEST(KMeansTest, ToleranceStopsSlowConvergenceEarlyAndClose) {
  // One round cloud: no real clusters, so the centres creep for many iterations.
  std::vector<double> data = Blobs({{0, 0}}, 20000, 1.0, 7);
  auto start = SeedKMeansPlusPlus({data, 2}, 5, 1);
  ASSERT_TRUE(start.ok());
  KMeansOptions exact;
  exact.tolerance = 0;
  exact.max_iterations = 1000;
  KMeansOptions loose = exact;
  loose.tolerance = 1e-4;
  auto full = RunKMeansFrom({data, 2}, *start, exact);
  auto early = RunKMeansFrom({data, 2}, *start, loose);
  ASSERT_TRUE(full.ok() && early.ok());
  EXPECT_TRUE(early->converged);
  EXPECT_LT(early->iterations, full->iterations);
  EXPECT_LT(early->inertia, full->inertia * 1.01);
  // Labels are still those of the nearest final centre.
  for (size_t i = 0; i < data.size() / 2; i += 97) {
    ASSERT_EQ(early->labels[i], NearestCentroid(&data[2 * i], early->centroids, 2));
  }
}

TEST(KMeansTest, RefillsAnEmptyCluster) {
  std::vector<double> data = Blobs({{0, 0}, {10, 10}}, 100, 1.0, 6);
  // The third centre is far from every point: no point picks it at first.
  std::vector<double> start = {0, 0, 10, 10, 1000, 1000};
  auto fit = RunKMeansFrom({data, 2}, start, KMeansOptions{});
  ASSERT_TRUE(fit.ok());
  for (int64_t size : fit->sizes) EXPECT_GT(size, 0);
  EXPECT_LT(fit->centroids[4], 100);  // moved in among the points
  EXPECT_EQ(fit->sizes[0] + fit->sizes[1] + fit->sizes[2], 200);
}

TEST(KMeansTest, RefusesBadInput) {
  std::vector<double> three = {0, 0, 1, 1, 2, 2};
  KMeansOptions options;
  options.k = 4;
  auto few = FitKMeans({three, 2}, options);
  ASSERT_FALSE(few.ok());
  EXPECT_EQ(few.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(few.status().message().find("3 rows"), std::string::npos) << few.status().message();

  options.k = 0;
  EXPECT_FALSE(FitKMeans({three, 2}, options).ok());

  std::vector<double> same = {1, 1, 1, 1, 1, 1, 2, 2};
  options.k = 3;
  auto dup = FitKMeans({same, 2}, options);
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("distinct"), std::string::npos) << dup.status().message();

  std::vector<double> nan = {0, 0, NAN, 1, 2, 2};
  options.k = 2;
  EXPECT_EQ(FitKMeans({nan, 2}, options).status().code(), StatusCode::kInvalidArgument);

  EXPECT_FALSE(RunKMeansFrom({three, 2}, {0, 0, 1}, KMeansOptions{}).ok());
}

TEST(KMeansTest, SampleRowIndicesAreDistinctSortedAndSeeded) {
  auto a = SampleRowIndices(10000, 500, 7);
  auto b = SampleRowIndices(10000, 500, 7);
  auto c = SampleRowIndices(10000, 500, 8);
  ASSERT_EQ(a.size(), 500u);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
  EXPECT_EQ(std::set<size_t>(a.begin(), a.end()).size(), 500u);
  EXPECT_LT(a.back(), 10000u);
  EXPECT_EQ(SampleRowIndices(5, 10, 1).size(), 5u);
}

}  // namespace
}  // namespace leadscore::ml
