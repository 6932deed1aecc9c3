// The whole segmentation pipeline on the bundled Mall Customers data and on bad tables, and a
// built model that predicts its own sample points' clusters after a JSON round trip.
#include "ml/kmeans_builder.h"

#include <set>

#include <gtest/gtest.h>

#include "core/csv.h"

namespace leadscore::ml {
namespace {

FeatureTable MallTable(int x_column = 3, int y_column = 4) {
  auto reader = CsvReader::FromFile(std::string(LEADSCORE_SOURCE_DIR) + "/data/Mall_Customers.csv");
  EXPECT_TRUE(reader.ok());
  auto table = ReadCsvTable(std::move(*reader));
  FeatureTable out;
  out.features = {table->header[x_column], table->header[y_column]};
  for (const CsvRecord& r : table->records) {
    out.values.push_back(std::stod(r.fields[x_column]));
    out.values.push_back(std::stod(r.fields[y_column]));
  }
  return out;
}

TEST(SegmentationBuilderTest, MallIncomeAndSpendingGiveTheClassicFive) {
  FeatureTable table = MallTable();
  ASSERT_EQ(table.rows(), 200u);
  auto build = BuildSegmentation(table, SegmentationBuildOptions{});
  ASSERT_TRUE(build.ok()) << build.status().ToString();
  const SegmentationModel& m = build->model;
  EXPECT_EQ(m.k, 5);
  EXPECT_FALSE(m.k_fixed);
  std::set<std::string> names;
  int64_t total = 0;
  for (const SegmentCluster& c : m.clusters) {
    names.insert(c.persona.name);
    total += c.size;
    if (c.id > 0) {
      EXPECT_LE(c.size, m.clusters[c.id - 1].size);  // largest first
    }
  }
  EXPECT_EQ(names, (std::set<std::string>{"Sensible", "Careless", "Standard", "Saver", "Target"}));
  EXPECT_EQ(total, 200);
  // Each name matches where its centroid lies against the others.
  auto centroid_of = [&](const std::string& name) {
    for (const auto& c : m.clusters) {
      if (c.persona.name == name) return c.centroid;
    }
    return std::vector<double>{};
  };
  EXPECT_GT(centroid_of("Target")[0], centroid_of("Careless")[0]);
  EXPECT_GT(centroid_of("Target")[1], centroid_of("Saver")[1]);
  EXPECT_LT(centroid_of("Sensible")[1], centroid_of("Standard")[1]);
  ASSERT_TRUE(m.silhouette.has_value());
  EXPECT_GT(*m.silhouette, 0.5);
  EXPECT_EQ(m.elbow.size(), 10u);
  EXPECT_EQ(m.sample_clusters.size(), 200u);  // fewer rows than the plot cap: all of them
  // Every row's label is the model's prediction for that row.
  for (size_t i = 0; i < table.rows(); ++i) {
    auto p = m.Predict({&table.values[i * 2], 2});
    ASSERT_TRUE(p.ok());
    ASSERT_EQ(p->cluster, build->labels[i]) << "row " << i;
  }
}

TEST(SegmentationBuilderTest, UserMayFixKAndOtherFeaturesGetBuiltNames) {
  SegmentationBuildOptions options;
  options.k = 3;
  auto build = BuildSegmentation(MallTable(2, 4), options);  // Age x Spending Score
  ASSERT_TRUE(build.ok());
  EXPECT_EQ(build->model.k, 3);
  EXPECT_TRUE(build->model.k_fixed);
  for (const auto& c : build->model.clusters) {
    EXPECT_NE(c.persona.name.find("spending"), std::string::npos) << c.persona.name;
  }
}

TEST(SegmentationBuilderTest, SameSeedSameModelWhateverTheThreads) {
  SegmentationBuildOptions options;
  options.threads = 1;
  auto a = BuildSegmentation(MallTable(), options);
  options.threads = 2;
  auto b = BuildSegmentation(MallTable(), options);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->model.ToJson().dump(), b->model.ToJson().dump());
}

TEST(SegmentationBuilderTest, RefusesBadTablesWithClearMessages) {
  auto message = [](const FeatureTable& t, SegmentationBuildOptions o = {}) {
    auto r = BuildSegmentation(t, o);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    return r.ok() ? std::string() : r.status().message();
  };
  FeatureTable constant{{"age", "children"}, {30, 2, 40, 2, 50, 2, 60, 2}};
  EXPECT_NE(message(constant).find("'children'"), std::string::npos);

  FeatureTable few{{"age", "balance"}, {30, 100, 40, 200, 50, 300}};
  SegmentationBuildOptions five;
  five.k = 5;
  EXPECT_NE(message(few, five).find("3 rows"), std::string::npos);

  FeatureTable twice{{"age", "age"}, {1, 1, 2, 2, 3, 3}};
  EXPECT_NE(message(twice).find("twice"), std::string::npos);

  EXPECT_NE(message(FeatureTable{}).find("feature"), std::string::npos);

  SegmentationBuildOptions eleven;
  eleven.k = 11;
  EXPECT_NE(message(MallTable(), eleven).find("between 1 and 10"), std::string::npos);
}

TEST(SegmentationBuilderTest, ItsModelRoundTripsAndPredictsItsOwnSample) {
  auto build = BuildSegmentation(MallTable(), SegmentationBuildOptions{});
  ASSERT_TRUE(build.ok());
  const SegmentationModel& m = build->model;
  auto back = SegmentationModel::Parse(m.ToJson().dump());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->ToJson(), m.ToJson());
  for (size_t i = 0; i < m.sample_clusters.size(); ++i) {
    auto p = back->Predict({&m.sample_values[i * 2], 2});
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->cluster, m.sample_clusters[i]);
  }
  // A customer sitting on a centroid belongs to that cluster.
  for (const SegmentCluster& c : m.clusters) {
    EXPECT_EQ(back->Predict(c.centroid)->cluster, c.id);
  }
}

}  // namespace
}  // namespace leadscore::ml
