// A saved segmentation on its own: predicting a customer's cluster from values in original
// units, the JSON round trip, and the damaged rows FromJson refuses.
#include "ml/kmeans_model.h"

#include <cmath>
#include <functional>
#include <limits>

#include <gtest/gtest.h>

namespace leadscore::ml {
namespace {

// Two features (age, balance) standardised with mean (40, 1000) and spread (10, 500); cluster 0
// sits at (30, 500) and cluster 1 at (60, 2500), i.e. (-1, -1) and (2, 3) standardised.
SegmentationModel TwoClusters() {
  SegmentationModel m;
  m.source = "csv";
  m.source_name = "customers.csv";
  m.features = {"age", "balance"};
  m.scaler = StandardScaler({40, 1000}, {10, 500});
  m.scaled_centroids = {-1, -1, 2, 3};
  m.k = 2;
  m.k_fixed = false;
  m.knee_k = 2;
  m.elbow = {{1, 120.5, std::nullopt}, {2, 30.25, 0.61}, {3, 25.0, 0.4}};
  m.elbow_rows = 300;
  m.silhouette_rows = 200;
  m.silhouette = 0.61;
  m.inertia = 30.25;
  m.n_points = 300;
  m.seed = 7;
  SegmentCluster young{0, {30, 500}, 200, {"Younger, low balance", "Lebih muda, saldo rendah",
                                           "About 30, 500 in the bank.", "Sekitar 30 tahun.",
                                           {Level::kLow, Level::kLow}}};
  SegmentCluster older{1, {60, 2500}, 100, {"Older, high balance", "Lebih tua, saldo tinggi",
                                            "About 60, 2,500 in the bank.", "Sekitar 60 tahun.",
                                            {Level::kHigh, Level::kHigh}}};
  m.clusters = {young, older};
  m.sample_values = {31, 480, 59, 2600};
  m.sample_clusters = {0, 1};
  return m;
}

TEST(SegmentationModelTest, PredictsTheNearestCentroidInStandardisedUnits) {
  const SegmentationModel m = TwoClusters();
  auto at_young = m.Predict(std::vector<double>{30, 500});
  ASSERT_TRUE(at_young.ok()) << at_young.status().ToString();
  EXPECT_EQ(at_young->cluster, 0);
  EXPECT_NEAR(at_young->distance, 0, 1e-12);
  // (50, 1500) scales to (1, 1): distance sqrt(1 + 4) to cluster 1, sqrt(4 + 4) to cluster 0.
  auto between = m.Predict(std::vector<double>{50, 1500});
  ASSERT_TRUE(between.ok());
  EXPECT_EQ(between->cluster, 1);
  EXPECT_NEAR(between->distance, std::sqrt(5.0), 1e-12);
  // 45 years with no balance scales to (0.5, -2): nearer cluster 0 (1.5² + 1²) than cluster 1
  // (1.5² + 5²).
  auto poor = m.Predict(std::vector<double>{45, 0});
  ASSERT_TRUE(poor.ok());
  EXPECT_EQ(poor->cluster, 0);
  EXPECT_NEAR(poor->distance, std::sqrt(1.5 * 1.5 + 1.0), 1e-12);
}

TEST(SegmentationModelTest, RefusesAWrongCountOrANonFiniteValue) {
  const SegmentationModel m = TwoClusters();
  auto one = m.Predict(std::vector<double>{30});
  ASSERT_FALSE(one.ok());
  EXPECT_EQ(one.status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(m.Predict(std::vector<double>{30, 500, 1}).ok());
  for (double bad : {std::numeric_limits<double>::quiet_NaN(),
                     std::numeric_limits<double>::infinity()}) {
    auto r = m.Predict(std::vector<double>{30, bad});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().reason(), "field_not_number");
    EXPECT_NE(r.status().message().find("'balance'"), std::string::npos);
  }
}

TEST(SegmentationModelTest, RoundTripsThroughJson) {
  const SegmentationModel m = TwoClusters();
  const nlohmann::json j = m.ToJson();
  EXPECT_EQ(j["k_chosen_by"], "elbow");
  EXPECT_DOUBLE_EQ(j["clusters"][0]["share"].get<double>(), 200.0 / 300.0);
  EXPECT_EQ(j["clusters"][1]["levels"], (nlohmann::json{"high", "high"}));
  EXPECT_TRUE(j["elbow"][0]["silhouette"].is_null());
  auto back = SegmentationModel::Parse(j.dump());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->features, m.features);
  EXPECT_EQ(back->scaler.mean(), m.scaler.mean());
  EXPECT_EQ(back->scaler.stddev(), m.scaler.stddev());
  EXPECT_EQ(back->scaled_centroids, m.scaled_centroids);
  EXPECT_EQ(back->k, 2);
  EXPECT_FALSE(back->k_fixed);
  EXPECT_EQ(back->silhouette, m.silhouette);
  EXPECT_EQ(back->seed, 7u);
  ASSERT_EQ(back->clusters.size(), 2u);
  EXPECT_EQ(back->clusters[1].persona.name_id, "Lebih tua, saldo tinggi");
  EXPECT_EQ(back->clusters[0].persona.levels, (std::vector<Level>{Level::kLow, Level::kLow}));
  ASSERT_EQ(back->elbow.size(), 3u);
  EXPECT_FALSE(back->elbow[0].silhouette.has_value());
  EXPECT_EQ(back->elbow[1].silhouette, 0.61);
  EXPECT_EQ(back->sample_values, m.sample_values);
  EXPECT_EQ(back->sample_clusters, m.sample_clusters);
  EXPECT_EQ(back->ToJson(), j);  // nothing lost, nothing added
  for (const std::vector<double>& v :
       {std::vector<double>{30, 500}, std::vector<double>{50, 1500}, std::vector<double>{45, 0}}) {
    EXPECT_EQ(back->Predict(v)->cluster, m.Predict(v)->cluster);
  }
}

TEST(SegmentationModelTest, FromJsonRefusesADamagedModel) {
  const nlohmann::json good = TwoClusters().ToJson();
  auto damaged = [&](const std::function<void(nlohmann::json&)>& harm) {
    nlohmann::json j = good;
    harm(j);
    return SegmentationModel::FromJson(j);
  };
  const std::vector<std::pair<const char*, std::function<void(nlohmann::json&)>>> harms = {
      {"another format", [](nlohmann::json& j) { j["format"] = 2; }},
      {"no features", [](nlohmann::json& j) { j["features"] = nlohmann::json::array(); }},
      {"k out of range", [](nlohmann::json& j) { j["k"] = 11; }},
      {"a zero spread", [](nlohmann::json& j) { j["scaler"]["std"][1] = 0; }},
      {"a short scaler", [](nlohmann::json& j) { j["scaler"]["mean"] = {40}; }},
      {"a missing centroid", [](nlohmann::json& j) { j["scaled_centroids"].erase(1); }},
      {"a ragged centroid", [](nlohmann::json& j) { j["scaled_centroids"][0] = {-1}; }},
      {"cluster ids out of order", [](nlohmann::json& j) { j["clusters"][0]["id"] = 1; }},
      {"an unknown level", [](nlohmann::json& j) { j["clusters"][0]["levels"][0] = "huge"; }},
      {"a sample of another cluster", [](nlohmann::json& j) { j["sample"][0]["cluster"] = 2; }},
      {"a missing field", [](nlohmann::json& j) { j.erase("inertia"); }},
      {"a field of the wrong type", [](nlohmann::json& j) { j["k"] = "two"; }},
  };
  for (const auto& [what, harm] : harms) {
    auto r = damaged(harm);
    ASSERT_FALSE(r.ok()) << what;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << what;
    EXPECT_EQ(r.status().message().rfind("invalid segmentation model: ", 0), 0u) << what;
  }
  EXPECT_FALSE(SegmentationModel::Parse("{not json").ok());
  EXPECT_FALSE(SegmentationModel::FromJson(nlohmann::json::array()).ok());
}

}  // namespace
}  // namespace leadscore::ml
