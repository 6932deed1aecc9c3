// K-Means clustering for customer segmentation: k-means++ seeding (the greedy variant, which
// tries 2 + ln k candidates per new centre and keeps the best), Lloyd iterations accelerated by
// Hamerly's bounds (exact: the same fixed point as plain Lloyd's, with most distance
// computations skipped), several restarts of which the lowest inertia wins.
//
// Speed: the passes over the points run on all cores. Reproducibility: a run is a pure function
// of (points, options.seed); the thread count changes only how fast it is, never the answer
// (see kmeans_parallel.h). Empty clusters are refilled with the point farthest from its centre.
//
// The functions below are stateless and thread-safe; they borrow the points for the call only.
// Points are expected standardised (see scaler.h), row-major.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"

namespace leadscore::ml {

// A borrowed, row-major matrix: point i, feature j is data[i * dims + j].
struct PointsView {
  std::span<const double> data;
  size_t dims = 0;

  size_t size() const { return dims == 0 ? 0 : data.size() / dims; }
  const double* row(size_t i) const { return data.data() + i * dims; }
};

struct KMeansOptions {
  int k = 5;
  int restarts = 10;         // independent seedings; the lowest inertia is kept
  int max_iterations = 300;  // per restart
  // Stop when the centres moved, in all, by at most tolerance × the mean variance of the
  // features (squared distance), as scikit-learn does; 0 runs until no point changes cluster.
  double tolerance = 1e-4;
  uint64_t seed = 42;
  int threads = 0;  // 0: every core of the machine
  // Above this many points the restarts compete on a seeded sample of this size, and only the
  // winner is run on every point (starting from its centres on the sample). The answer is still
  // an exact Lloyd fixed point of all the data; the restarts just cost a fraction as much.
  size_t restart_sample = 100'000;
};

struct KMeansResult {
  int k = 0;
  size_t dims = 0;
  std::vector<double> centroids;  // k * dims, row-major
  std::vector<int32_t> labels;    // one per point, in [0, k)
  std::vector<int64_t> sizes;     // points per cluster
  double inertia = 0;             // sum of squared distances of points to their centre
  int iterations = 0;             // of the winning restart
  int restart = 0;                // which restart won
  bool converged = false;         // false if max_iterations stopped the winning run
};

// Clusters the points (see the file comment and KMeansOptions). Fails on k < 1, fewer points than
// k, fewer distinct points than k, non-finite values, or bad options.
Result<KMeansResult> FitKMeans(PointsView points, const KMeansOptions& options);

// k-means++ seeding alone: k starting centres (k * dims values) chosen from the points.
Result<std::vector<double>> SeedKMeansPlusPlus(PointsView points, int k, uint64_t seed,
                                               int threads = 0);

// Hamerly-accelerated Lloyd iterations from the given centres (options.k, restarts and seed
// are ignored; k comes from the size of `initial`). With tolerance 0 the result is exactly the
// fixed point a plain Lloyd's run reaches from the same start.
Result<KMeansResult> RunKMeansFrom(PointsView points, std::vector<double> initial,
                                   const KMeansOptions& options);

// `m` distinct row indices out of [0, n), in increasing order, drawn uniformly at random from
// the seed (all of them if m >= n). For samples of large data: restarts, silhouettes, plots.
std::vector<size_t> SampleRowIndices(size_t n, size_t m, uint64_t seed);

// Copies the given rows into a new row-major buffer.
std::vector<double> GatherRows(PointsView points, const std::vector<size_t>& rows);

// Index of the centre nearest to `point` (ties: the lower index); its squared distance goes to
// *squared_distance if given.
int NearestCentroid(const double* point, std::span<const double> centroids, size_t dims,
                    double* squared_distance = nullptr);

inline double SquaredDistance(const double* a, const double* b, size_t dims) {
  double s = 0;
  for (size_t j = 0; j < dims; ++j) {
    double t = a[j] - b[j];
    s += t * t;
  }
  return s;
}

}  // namespace leadscore::ml
