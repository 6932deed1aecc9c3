#include "ml/silhouette.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "ml/kmeans_parallel.h"

namespace leadscore::ml {

Result<double> SilhouetteScore(PointsView points, std::span<const int32_t> labels, int k,
                               int threads) {
  const size_t n = points.size(), d = points.dims;
  if (labels.size() != n) {
    return Status::InvalidArgument(fmt::format("{} labels for {} points", labels.size(), n));
  }
  if (k < 2) return Status::InvalidArgument("the silhouette needs at least 2 clusters");
  std::vector<int64_t> sizes(k, 0);
  for (int32_t label : labels) {
    if (label < 0 || label >= k) return Status::InvalidArgument("a label is out of range");
    ++sizes[label];
  }
  if (std::count_if(sizes.begin(), sizes.end(), [](int64_t s) { return s > 0; }) < 2) {
    return Status::InvalidArgument("the silhouette needs points in at least 2 clusters");
  }

  // Rows per parallel task: small, because each row costs n distances.
  constexpr size_t kRows = 32;
  const size_t tasks = (n + kRows - 1) / kRows;
  std::vector<double> task_sums(tasks, 0.0);
  ParallelChunks(tasks, ResolveThreads(threads), [&](size_t t) {
    std::vector<double> to_cluster(k);
    double sum = 0;
    size_t end = std::min(n, (t + 1) * kRows);
    for (size_t i = t * kRows; i < end; ++i) {
      std::fill(to_cluster.begin(), to_cluster.end(), 0.0);
      const double* x = points.row(i);
      for (size_t o = 0; o < n; ++o) {
        to_cluster[labels[o]] += std::sqrt(SquaredDistance(x, points.row(o), d));
      }
      int own = labels[i];
      if (sizes[own] < 2) continue;  // a singleton scores 0
      double a = to_cluster[own] / static_cast<double>(sizes[own] - 1);
      double b = std::numeric_limits<double>::infinity();
      for (int j = 0; j < k; ++j) {
        if (j != own && sizes[j] > 0)
          b = std::min(b, to_cluster[j] / static_cast<double>(sizes[j]));
      }
      double m = std::max(a, b);
      sum += m > 0 ? (b - a) / m : 0.0;
    }
    task_sums[t] = sum;
  });
  double total = 0;
  for (double s : task_sums) total += s;
  return total / static_cast<double>(n);
}

}  // namespace leadscore::ml
