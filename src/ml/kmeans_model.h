// SegmentationModel: a finished customer segmentation — what a saved segmentation holds and what
// predicting a new customer needs. Features, the scaler they were standardised with, the
// centroids, the chosen k and how it was chosen, the elbow and silhouette curves, cluster sizes,
// personas, and a capped sample of points for the scatter plot.
//
// It round-trips through JSON (the `model_json` of a stored segmentation); FromJson checks every
// field, so a damaged row is refused instead of predicting nonsense. Predict is a pure function
// of the loaded model: no I/O, no allocation, a few hundred nanoseconds.
// A model is a value; const methods are safe from many threads.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "ml/kmeans_elbow.h"
#include "ml/persona.h"
#include "ml/scaler.h"

namespace leadscore::ml {

inline constexpr size_t kMaxSegmentFeatures = 10;
inline constexpr int kMaxSegmentK = 10;

struct SegmentCluster {
  int id = 0;                    // 0 is the largest cluster
  std::vector<double> centroid;  // original units, in `features` order
  int64_t size = 0;
  Persona persona;
};

struct SegmentPrediction {
  int cluster = 0;
  double distance = 0;  // to the centroid, in standardised units
};

struct SegmentationModel {
  static constexpr int kFormat = 1;

  std::string source;       // "csv" or "leads"
  std::string source_name;  // the file name, or "leads"
  std::vector<std::string> features;
  StandardScaler scaler;
  std::vector<double> scaled_centroids;  // k × features, standardised, for Predict
  std::vector<SegmentCluster> clusters;  // k, by decreasing size
  int k = 0;
  bool k_fixed = false;  // the user chose k; else the elbow's knee did
  int knee_k = 0;
  std::vector<ElbowPoint> elbow;
  size_t elbow_rows = 0;             // rows the elbow curve was computed on (a sample if large)
  size_t silhouette_rows = 0;        // rows each silhouette was computed on
  std::optional<double> silhouette;  // of the chosen k
  double inertia = 0;                // of the chosen k, standardised units, every row
  int64_t n_points = 0;
  uint64_t seed = 0;
  std::vector<double> sample_values;  // row-major, original units
  std::vector<int> sample_clusters;   // one per sample row

  size_t dims() const { return features.size(); }

  // The cluster of a customer described by one value per feature, in original units.
  // kInvalidArgument on a wrong count or a non-finite value.
  Result<SegmentPrediction> Predict(std::span<const double> values) const;

  nlohmann::json ToJson() const;
  static Result<SegmentationModel> FromJson(const nlohmann::json& json);
  static Result<SegmentationModel> Parse(std::string_view text);
};

}  // namespace leadscore::ml
