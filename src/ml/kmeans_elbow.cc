#include "ml/kmeans_elbow.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "ml/silhouette.h"

namespace leadscore::ml {

int PickKnee(std::span<const ElbowPoint> curve) {
  if (curve.empty()) return 0;
  if (curve.size() < 3) return curve.front().k;
  const ElbowPoint& first = curve.front();
  const ElbowPoint& last = curve.back();
  double x_span = last.k - first.k;
  double y_span = first.inertia - last.inertia;
  if (!(y_span > 0)) return first.k;
  int best_k = first.k;
  double best = 0;
  for (const ElbowPoint& p : curve) {
    double x = (p.k - first.k) / x_span;             // 0 .. 1
    double y = (p.inertia - last.inertia) / y_span;  // 1 .. 0
    double below = (1.0 - x) - y;                    // vertical gap under the chord y = 1 - x
    if (below > best + 1e-12) {
      best = below;
      best_k = p.k;
    }
  }
  return best_k;
}

Result<ElbowCurve> ComputeElbow(PointsView points, const ElbowOptions& options) {
  if (options.k_min < 1 || options.k_max < options.k_min) {
    return Status::InvalidArgument(fmt::format("bad k range {}..{}", options.k_min, options.k_max));
  }
  const size_t n = points.size();
  if (n == 0) return Status::InvalidArgument("no rows to cluster");
  const uint64_t seed = options.kmeans.seed;

  ElbowCurve curve;
  std::vector<double> curve_buffer;
  PointsView curve_points = points;
  if (n > options.curve_sample) {
    curve_buffer = GatherRows(points, SampleRowIndices(n, options.curve_sample, seed ^ 0xE1B0u));
    curve_points = PointsView{curve_buffer, points.dims};
  }
  curve.curve_rows = curve_points.size();

  std::vector<size_t> sil_rows =
      SampleRowIndices(curve.curve_rows, options.silhouette_sample, seed ^ 0x517u);
  std::vector<double> sil_buffer = GatherRows(curve_points, sil_rows);
  PointsView sil_points{sil_buffer, points.dims};
  curve.silhouette_rows = sil_rows.size();

  const int k_max = static_cast<int>(std::min<size_t>(options.k_max, curve.curve_rows));
  for (int k = options.k_min; k <= k_max; ++k) {
    KMeansOptions kmeans = options.kmeans;
    kmeans.k = k;
    auto fit = FitKMeans(curve_points, kmeans);
    if (!fit.ok()) {
      if (!curve.points.empty()) break;  // fewer distinct points than k: the curve ends here
      return fit.status();
    }
    ElbowPoint point{k, fit->inertia, std::nullopt};
    if (k >= 2) {
      std::vector<int32_t> labels(sil_rows.size());
      for (size_t r = 0; r < sil_rows.size(); ++r) labels[r] = fit->labels[sil_rows[r]];
      auto score = SilhouetteScore(sil_points, labels, k, options.kmeans.threads);
      if (score.ok()) point.silhouette = *score;  // a sample may miss all but one cluster
    }
    curve.points.push_back(point);
  }
  curve.knee_k = PickKnee(curve.points);
  return curve;
}

}  // namespace leadscore::ml
