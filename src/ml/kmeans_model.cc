#include "ml/kmeans_model.h"

#include <cmath>

#include <fmt/format.h>

namespace leadscore::ml {
namespace {

using nlohmann::json;

Level ParseLevel(const std::string& name) {
  if (name == "low") return Level::kLow;
  if (name == "high") return Level::kHigh;
  if (name == "medium") return Level::kMedium;
  throw std::invalid_argument("unknown level '" + name + "'");
}

void Require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument(what);
}

json Rows(const std::vector<double>& values, size_t dims) {
  json rows = json::array();
  for (size_t i = 0; i + dims <= values.size(); i += dims) {
    rows.push_back(std::vector<double>(values.begin() + i, values.begin() + i + dims));
  }
  return rows;
}

std::vector<double> FlattenRows(const json& rows, size_t dims, const char* what) {
  std::vector<double> out;
  for (const json& row : rows) {
    auto values = row.get<std::vector<double>>();
    Require(values.size() == dims,
            fmt::format("a row of {} has {} values, not {}", what, values.size(), dims));
    out.insert(out.end(), values.begin(), values.end());
  }
  return out;
}

}  // namespace

Result<SegmentPrediction> SegmentationModel::Predict(std::span<const double> values) const {
  const size_t d = dims();
  if (values.size() != d) {
    return Status::InvalidArgument(
        fmt::format("expected {} values (one per feature), got {}", d, values.size()));
  }
  double scaled[kMaxSegmentFeatures];
  for (size_t j = 0; j < d; ++j) {
    if (!std::isfinite(values[j])) {
      return Status::InvalidArgument(fmt::format("'{}' is not a finite number", features[j]))
          .With("field_not_number",
                {{"field", features[j]}, {"value", std::string()}, {"type", std::string("number")}});
    }
  }
  scaler.Transform(values.data(), scaled);
  SegmentPrediction p;
  double squared = 0;
  p.cluster = NearestCentroid(scaled, scaled_centroids, d, &squared);
  p.distance = std::sqrt(squared);
  return p;
}

nlohmann::json SegmentationModel::ToJson() const {
  json j;
  j["format"] = kFormat;
  j["source"] = source;
  j["source_name"] = source_name;
  j["features"] = features;
  j["k"] = k;
  j["k_chosen_by"] = k_fixed ? "user" : "elbow";
  j["knee_k"] = knee_k;
  j["n_points"] = n_points;
  j["silhouette"] = silhouette ? json(*silhouette) : json(nullptr);
  j["inertia"] = inertia;
  j["seed"] = seed;
  j["scaler"] = {{"mean", scaler.mean()}, {"std", scaler.stddev()}};
  j["scaled_centroids"] = Rows(scaled_centroids, dims());
  json clusters_json = json::array();
  for (const SegmentCluster& c : clusters) {
    json levels = json::array();
    for (Level l : c.persona.levels) levels.push_back(LevelName(l));
    clusters_json.push_back({
        {"id", c.id},
        {"size", c.size},
        {"share", n_points > 0 ? static_cast<double>(c.size) / static_cast<double>(n_points) : 0.0},
        {"centroid", c.centroid},
        {"persona", c.persona.name},
        {"persona_id", c.persona.name_id},
        {"description", c.persona.description},
        {"description_id", c.persona.description_id},
        {"levels", levels},
    });
  }
  j["clusters"] = clusters_json;
  json elbow_json = json::array();
  for (const ElbowPoint& p : elbow) {
    elbow_json.push_back({{"k", p.k},
                          {"wcss", p.inertia},
                          {"silhouette", p.silhouette ? json(*p.silhouette) : json(nullptr)}});
  }
  j["elbow"] = elbow_json;
  j["elbow_rows"] = elbow_rows;
  j["silhouette_rows"] = silhouette_rows;
  json sample = json::array();
  for (size_t i = 0; i < sample_clusters.size(); ++i) {
    sample.push_back({{"values", std::vector<double>(sample_values.begin() + i * dims(),
                                                     sample_values.begin() + (i + 1) * dims())},
                      {"cluster", sample_clusters[i]}});
  }
  j["sample"] = sample;
  return j;
}

Result<SegmentationModel> SegmentationModel::FromJson(const nlohmann::json& j) {
  SegmentationModel m;
  try {
    Require(j.is_object(), "not a JSON object");
    Require(j.at("format").get<int>() == kFormat,
            fmt::format("unknown format {}", j.at("format").dump()));
    m.source = j.at("source").get<std::string>();
    m.source_name = j.value("source_name", "");
    m.features = j.at("features").get<std::vector<std::string>>();
    const size_t d = m.features.size();
    Require(d >= 1 && d <= kMaxSegmentFeatures, "1 to 10 features expected");
    m.k = j.at("k").get<int>();
    Require(m.k >= 1 && m.k <= kMaxSegmentK, "k out of range");
    m.k_fixed = j.at("k_chosen_by").get<std::string>() == "user";
    m.knee_k = j.at("knee_k").get<int>();
    m.n_points = j.at("n_points").get<int64_t>();
    if (!j.at("silhouette").is_null()) m.silhouette = j.at("silhouette").get<double>();
    m.inertia = j.at("inertia").get<double>();
    m.seed = j.at("seed").get<uint64_t>();

    auto mean = j.at("scaler").at("mean").get<std::vector<double>>();
    auto stddev = j.at("scaler").at("std").get<std::vector<double>>();
    Require(mean.size() == d && stddev.size() == d, "scaler size does not match the features");
    for (double s : stddev) Require(s > 0 && std::isfinite(s), "scaler spread must be positive");
    m.scaler = StandardScaler(std::move(mean), std::move(stddev));
    m.scaled_centroids = FlattenRows(j.at("scaled_centroids"), d, "scaled_centroids");
    Require(m.scaled_centroids.size() == static_cast<size_t>(m.k) * d, "wrong centroid count");

    for (const json& c : j.at("clusters")) {
      SegmentCluster cluster;
      cluster.id = c.at("id").get<int>();
      cluster.size = c.at("size").get<int64_t>();
      cluster.centroid = c.at("centroid").get<std::vector<double>>();
      Require(cluster.centroid.size() == d, "a cluster centroid does not match the features");
      cluster.persona.name = c.at("persona").get<std::string>();
      cluster.persona.name_id = c.value("persona_id", cluster.persona.name);
      cluster.persona.description = c.at("description").get<std::string>();
      cluster.persona.description_id = c.value("description_id", cluster.persona.description);
      for (const json& level : c.at("levels")) {
        cluster.persona.levels.push_back(ParseLevel(level.get<std::string>()));
      }
      Require(cluster.id == static_cast<int>(m.clusters.size()), "cluster ids must be 0..k-1");
      m.clusters.push_back(std::move(cluster));
    }
    Require(m.clusters.size() == static_cast<size_t>(m.k), "wrong cluster count");

    for (const json& p : j.at("elbow")) {
      ElbowPoint point{p.at("k").get<int>(), p.at("wcss").get<double>(), std::nullopt};
      if (!p.at("silhouette").is_null()) point.silhouette = p.at("silhouette").get<double>();
      m.elbow.push_back(point);
    }
    m.elbow_rows = j.at("elbow_rows").get<size_t>();
    m.silhouette_rows = j.at("silhouette_rows").get<size_t>();
    for (const json& s : j.at("sample")) {
      auto values = s.at("values").get<std::vector<double>>();
      Require(values.size() == d, "a sample point does not match the features");
      int cluster = s.at("cluster").get<int>();
      Require(cluster >= 0 && cluster < m.k, "a sample point's cluster is out of range");
      m.sample_values.insert(m.sample_values.end(), values.begin(), values.end());
      m.sample_clusters.push_back(cluster);
    }
  } catch (const std::exception& e) {
    return Status::InvalidArgument(fmt::format("invalid segmentation model: {}", e.what()));
  }
  return m;
}

Result<SegmentationModel> SegmentationModel::Parse(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("invalid segmentation model: not JSON");
  return FromJson(j);
}

}  // namespace leadscore::ml
