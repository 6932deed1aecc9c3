// Choosing k: the elbow curve (the inertia, i.e. the within-cluster sum of squares, for each k in
// a range) with an automatic knee pick, and the silhouette score of each k beside it.
//
// On large data the curve is computed on a seeded sample of rows (ElbowOptions::curve_sample)
// and the silhouette on a smaller one (silhouette_sample), and ElbowCurve says how many rows
// each used; the final model for the chosen k is then fitted on every row by the caller.
// Stateless and thread-safe; deterministic for a seed.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "core/status.h"
#include "ml/kmeans.h"

namespace leadscore::ml {

struct ElbowPoint {
  int k = 0;
  double inertia = 0;
  std::optional<double> silhouette;  // none for k = 1
};

struct ElbowOptions {
  int k_min = 1;
  int k_max = 10;
  KMeansOptions kmeans;              // restarts, seed, threads (k is set per point)
  size_t curve_sample = 20'000;      // rows beyond this: the curve uses a seeded sample
  size_t silhouette_sample = 2'000;  // rows beyond this: the silhouette uses a seeded sample
};

struct ElbowCurve {
  std::vector<ElbowPoint> points;  // one per k, increasing k
  int knee_k = 0;                  // PickKnee(points)
  size_t curve_rows = 0;           // rows the inertias were computed on
  size_t silhouette_rows = 0;      // rows the silhouettes were computed on
};

// Computes the curve for k_min..k_max (k_max is lowered to the number of rows, and the curve
// stops early if the data has fewer distinct points than some k).
Result<ElbowCurve> ComputeElbow(PointsView points, const ElbowOptions& options);

// The knee of a falling curve: with both axes scaled to [0, 1], the point farthest below the
// straight line from the first point to the last (the idea behind Kneedle, Satopää et al. 2011).
// Returns the first k when there are fewer than 3 points or none lies below the line.
int PickKnee(std::span<const ElbowPoint> curve);

}  // namespace leadscore::ml
