// Builds a SegmentationModel from a table of numeric features: standardise, draw the elbow
// curve with silhouettes, take the knee (or the user's k), fit the final K-Means on every row,
// number the clusters by decreasing size, name the personas, keep a sample for the plot.
//
// This is the whole K-Means pipeline (docs/MODEL.md, "Customer segmentation") without any I/O;
// where the rows come from (a CSV, the leads in the store) is the service's business. Stateless
// and thread-safe; deterministic for a seed, whatever the thread count.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "ml/kmeans_model.h"

namespace leadscore::ml {

// Rows of numeric features, row-major: row i, feature j is values[i * features.size() + j].
struct FeatureTable {
  std::vector<std::string> features;
  std::vector<double> values;

  size_t rows() const { return features.empty() ? 0 : values.size() / features.size(); }
};

struct SegmentationBuildOptions {
  std::optional<int> k;  // none: the knee of the elbow curve
  int k_max = 10;        // the elbow curve spans 1..k_max
  int restarts = 10;
  uint64_t seed = 42;
  int threads = 0;                   // 0: every core
  size_t plot_sample = 2'000;        // points kept for the scatter plot
  size_t elbow_sample = 20'000;      // see ElbowOptions
  size_t silhouette_sample = 2'000;  // see ElbowOptions
  std::string source = "csv";        // recorded in the model: "csv" or "leads"
  std::string source_name;           // the file name, or "leads"
};

struct SegmentationBuild {
  SegmentationModel model;
  std::vector<int32_t> labels;  // the cluster of every input row, in the model's numbering
};

// Fails with kInvalidArgument and a message a user can act on: no or too many features, a
// repeated feature, fewer rows than k, a non-finite value, a constant feature, fewer distinct
// customers than k.
Result<SegmentationBuild> BuildSegmentation(const FeatureTable& table,
                                            const SegmentationBuildOptions& options);

}  // namespace leadscore::ml
