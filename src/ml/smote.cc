#include "ml/smote.h"

#include <algorithm>
#include <cmath>
#include <random>

#include <fmt/format.h>
#include <nanoflann.hpp>

namespace leadscore::ml {
namespace {

// The scaled minority points, as nanoflann's dataset adaptor wants them.
struct PointCloud {
  std::vector<float> points;  // n × dim
  size_t dim = 0;
  size_t kdtree_get_point_count() const { return dim ? points.size() / dim : 0; }
  float kdtree_get_pt(size_t i, size_t d) const { return points[i * dim + d]; }
  template <class Box>
  bool kdtree_get_bbox(Box&) const {
    return false;
  }
};

using KdTree = nanoflann::KDTreeSingleIndexAdaptor<nanoflann::L2_Simple_Adaptor<float, PointCloud>,
                                                   PointCloud, -1, size_t>;

// Uniform double in [0, 1) from 53 random bits: the same on every standard library.
double Uniform(std::mt19937_64& rng) { return (rng() >> 11) * 0x1.0p-53; }

}  // namespace

Result<SmoteResult> Smote(const std::vector<float>& data, size_t cols,
                          const std::vector<float>& labels, const SmoteOptions& options) {
  if (cols == 0 || data.size() != labels.size() * cols) {
    return Status::InvalidArgument("SMOTE: data and labels do not match");
  }
  SmoteResult result;
  std::vector<size_t> ones, zeros;
  for (size_t i = 0; i < labels.size(); ++i) (labels[i] > 0.5f ? ones : zeros).push_back(i);
  result.minority_label = ones.size() <= zeros.size() ? 1 : 0;
  const std::vector<size_t>& minority = result.minority_label == 1 ? ones : zeros;
  const size_t majority_count = result.minority_label == 1 ? zeros.size() : ones.size();
  if (minority.size() < 2) {
    return Status::InvalidArgument(
        fmt::format("SMOTE needs at least 2 minority rows, the data has {}", minority.size()))
        .With("training_smote_too_few", {{"count", static_cast<int64_t>(minority.size())}});
  }
  const long wanted = std::lround(options.target_ratio * majority_count);
  if (wanted <= static_cast<long>(minority.size())) return result;
  const size_t to_make = wanted - minority.size();

  // Scale the minority rows for the distance: unit variance, missing at the mean (0).
  const size_t m = minority.size();
  PointCloud cloud;
  cloud.dim = cols;
  cloud.points.resize(m * cols);
  for (size_t c = 0; c < cols; ++c) {
    double sum = 0, sum_sq = 0, n = 0;
    for (size_t r : minority) {
      float v = data[r * cols + c];
      if (std::isnan(v)) continue;
      sum += v;
      sum_sq += double(v) * v;
      n += 1;
    }
    double mean = n ? sum / n : 0;
    double var = n ? sum_sq / n - mean * mean : 0;
    double sd = var > 1e-12 ? std::sqrt(var) : 1;
    for (size_t i = 0; i < m; ++i) {
      float v = data[minority[i] * cols + c];
      cloud.points[i * cols + c] = std::isnan(v) ? 0.f : static_cast<float>((v - mean) / sd);
    }
  }
  KdTree tree(cols, cloud, nanoflann::KDTreeSingleIndexAdaptorParams(10));

  // k nearest neighbours of every minority row (itself excluded).
  const size_t k = std::min<size_t>(std::max(options.k, 1), m - 1);
  std::vector<size_t> neighbours(m * k);
  std::vector<size_t> found(k + 1);
  std::vector<float> dist(k + 1);
  for (size_t i = 0; i < m; ++i) {
    size_t n = tree.knnSearch(&cloud.points[i * cols], k + 1, found.data(), dist.data());
    size_t out = 0;
    for (size_t j = 0; j < n && out < k; ++j) {
      if (found[j] != i) neighbours[i * k + out++] = found[j];
    }
    // Duplicates of row i may push i itself out of the result; fill up with what was found.
    for (size_t j = 0; out < k; ++j) neighbours[i * k + out++] = found[j % n];
  }

  // Which columns belong to a one-hot group (copied whole from the nearer endpoint).
  std::vector<int> group_of(cols, -1);
  for (size_t g = 0; g < options.one_hot_groups.size(); ++g) {
    auto [first, count] = options.one_hot_groups[g];
    for (int c = first; c < first + count && c < static_cast<int>(cols); ++c) group_of[c] = g;
  }

  std::mt19937_64 rng(options.seed);
  result.rows.resize(to_make * cols);
  result.base.reserve(to_make);
  result.neighbour.reserve(to_make);
  result.gap.reserve(to_make);
  for (size_t s = 0; s < to_make; ++s) {
    size_t i = rng() % m;
    size_t j = neighbours[i * k + rng() % k];
    float gap = static_cast<float>(Uniform(rng));
    const float* a = &data[minority[i] * cols];
    const float* b = &data[minority[j] * cols];
    const float* nearer = gap < 0.5f ? a : b;
    float* out = &result.rows[s * cols];
    for (size_t c = 0; c < cols; ++c) {
      if (group_of[c] >= 0 || std::isnan(a[c]) || std::isnan(b[c])) {
        out[c] = nearer[c];
      } else {
        out[c] = a[c] + gap * (b[c] - a[c]);
      }
    }
    result.base.push_back(minority[i]);
    result.neighbour.push_back(minority[j]);
    result.gap.push_back(gap);
  }
  return result;
}

}  // namespace leadscore::ml
