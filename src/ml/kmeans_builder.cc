#include "ml/kmeans_builder.h"

#include <algorithm>
#include <numeric>
#include <set>

#include <fmt/format.h>

#include "ml/silhouette.h"

namespace leadscore::ml {
namespace {

Status CheckTable(const FeatureTable& table, const SegmentationBuildOptions& options) {
  const size_t d = table.features.size();
  if (d == 0) return Status::InvalidArgument("choose at least one feature").With("segment_features_needed");
  if (d > kMaxSegmentFeatures) {
    return Status::InvalidArgument(
        fmt::format("at most {} features can be used, got {}", kMaxSegmentFeatures, d))
        .With("segment_feature_count",
              {{"min", int64_t{1}}, {"max", static_cast<int64_t>(kMaxSegmentFeatures)}});
  }
  std::set<std::string> seen;
  for (const auto& f : table.features) {
    if (!seen.insert(f).second) {
      return Status::InvalidArgument(fmt::format("feature '{}' is chosen twice", f))
          .With("segment_feature_twice", {{"field", f}});
    }
  }
  if (table.values.size() % d != 0) {
    return Status::InvalidArgument("the feature table does not hold whole rows");
  }
  if (options.k && (*options.k < 1 || *options.k > kMaxSegmentK)) {
    return Status::InvalidArgument(
        fmt::format("k must be between 1 and {}, got {}", kMaxSegmentK, *options.k))
        .With("segment_k_out_of_range",
              {{"min", int64_t{1}}, {"max", static_cast<int64_t>(kMaxSegmentK)}});
  }
  if (options.k_max < 1 || options.k_max > kMaxSegmentK) {
    return Status::InvalidArgument(fmt::format("k_max must be between 1 and {}", kMaxSegmentK))
        .With("segment_k_out_of_range",
              {{"min", int64_t{1}}, {"max", static_cast<int64_t>(kMaxSegmentK)}});
  }
  const size_t n = table.rows();
  const size_t need = options.k ? static_cast<size_t>(*options.k) : 2;
  if (n < need) {
    return Status::InvalidArgument(fmt::format(
        "{} rows are too few to make {} clusters: need at least {} rows", n, need, need))
        .With("segment_too_few_rows",
              {{"rows", static_cast<int64_t>(n)}, {"k", static_cast<int64_t>(need)}});
  }
  return Status::Ok();
}

// Renumbers clusters by decreasing size (ties: by centroid, feature by feature), so that
// cluster 0 is always the largest and the numbering does not depend on the seeding order.
std::vector<int> SizeOrder(const KMeansResult& fit) {
  std::vector<int> order(fit.k);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    if (fit.sizes[a] != fit.sizes[b]) return fit.sizes[a] > fit.sizes[b];
    return std::lexicographical_compare(
        fit.centroids.begin() + a * fit.dims, fit.centroids.begin() + (a + 1) * fit.dims,
        fit.centroids.begin() + b * fit.dims, fit.centroids.begin() + (b + 1) * fit.dims);
  });
  return order;  // order[new] = old
}

}  // namespace

Result<SegmentationBuild> BuildSegmentation(const FeatureTable& table,
                                            const SegmentationBuildOptions& options) {
  LS_RETURN_IF_ERROR(CheckTable(table, options));
  const size_t d = table.features.size(), n = table.rows();
  PointsView raw{table.values, d};

  LS_ASSIGN_OR_RETURN(StandardScaler scaler, StandardScaler::Fit(table.values, d, table.features));
  std::vector<double> scaled = table.values;
  scaler.TransformInPlace(scaled);
  PointsView points{scaled, d};

  KMeansOptions kmeans;
  kmeans.restarts = options.restarts;
  kmeans.seed = options.seed;
  kmeans.threads = options.threads;

  ElbowOptions elbow_options;
  elbow_options.k_min = 1;
  elbow_options.k_max = options.k_max;
  elbow_options.kmeans = kmeans;
  elbow_options.curve_sample = options.elbow_sample;
  elbow_options.silhouette_sample = options.silhouette_sample;
  LS_ASSIGN_OR_RETURN(ElbowCurve curve, ComputeElbow(points, elbow_options));

  kmeans.k = options.k.value_or(curve.knee_k);
  auto fitted = FitKMeans(points, kmeans);
  if (!fitted.ok()) return fitted.status();
  KMeansResult& fit = *fitted;

  std::vector<int> order = SizeOrder(fit);
  std::vector<int32_t> new_id(fit.k);
  for (int c = 0; c < fit.k; ++c) new_id[order[c]] = c;

  SegmentationBuild build;
  SegmentationModel& m = build.model;
  m.source = options.source;
  m.source_name = options.source_name;
  m.features = table.features;
  m.scaler = scaler;
  m.k = fit.k;
  m.k_fixed = options.k.has_value();
  m.knee_k = curve.knee_k;
  m.elbow = curve.points;
  m.elbow_rows = curve.curve_rows;
  m.silhouette_rows = curve.silhouette_rows;
  m.inertia = fit.inertia;
  m.n_points = static_cast<int64_t>(n);
  m.seed = options.seed;

  std::vector<double> centroids(fit.k * d);  // original units, new numbering
  m.scaled_centroids.resize(fit.k * d);
  for (int c = 0; c < fit.k; ++c) {
    const double* from = &fit.centroids[order[c] * d];
    std::copy_n(from, d, &m.scaled_centroids[c * d]);
    scaler.Inverse(from, &centroids[c * d]);
  }
  std::vector<Persona> personas = NamePersonas(m.features, centroids, scaler.stddev());
  for (int c = 0; c < fit.k; ++c) {
    m.clusters.push_back({c, std::vector<double>(&centroids[c * d], &centroids[(c + 1) * d]),
                          fit.sizes[order[c]], std::move(personas[c])});
  }

  build.labels.resize(n);
  for (size_t i = 0; i < n; ++i) build.labels[i] = new_id[fit.labels[i]];

  // The silhouette of the chosen k: from the curve when it was drawn on the same rows.
  for (const ElbowPoint& p : curve.points) {
    if (p.k == m.k && curve.curve_rows == n) m.silhouette = p.silhouette;
  }
  if (!m.silhouette && m.k >= 2) {
    std::vector<size_t> rows = SampleRowIndices(n, options.silhouette_sample, options.seed ^ 0x5u);
    std::vector<double> values = GatherRows(points, rows);
    std::vector<int32_t> labels(rows.size());
    for (size_t r = 0; r < rows.size(); ++r) labels[r] = build.labels[rows[r]];
    auto score = SilhouetteScore(PointsView{values, d}, labels, m.k, options.threads);
    if (score.ok()) m.silhouette = *score;
  }

  std::vector<size_t> plot_rows = SampleRowIndices(n, options.plot_sample, options.seed ^ 0x9u);
  m.sample_values = GatherRows(raw, plot_rows);
  for (size_t r : plot_rows) m.sample_clusters.push_back(build.labels[r]);
  return build;
}

}  // namespace leadscore::ml
