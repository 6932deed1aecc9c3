#include "ml/persona.h"

#include <set>

#include <gtest/gtest.h>

#include "core/csv.h"
#include "ml/kmeans_builder.h"

namespace leadscore::ml {
namespace {

const std::vector<std::string> kMall = {"Annual Income (k$)", "Spending Score (1-100)"};

std::set<std::string> Names(const std::vector<Persona>& personas, bool indonesian = false) {
  std::set<std::string> names;
  for (const Persona& p : personas) names.insert(indonesian ? p.name_id : p.name);
  return names;
}

TEST(PersonaTest, HighAndLowAreRelativeToTheOtherClustersByAClearMargin) {
  // Means 2.1, 2.1 and 8 calls (sd 2.8): the middle is 5.05, the margin 0.7.
  auto levels = ClusterLevels({2.1, 2.1, 8}, 1, {2.8});
  EXPECT_EQ(levels, (std::vector<Level>{Level::kLow, Level::kLow, Level::kHigh}));
  // Clusters that hardly differ on a feature are all average on it.
  EXPECT_EQ(ClusterLevels({2.1, 2.3}, 1, {2.8}),
            (std::vector<Level>{Level::kMedium, Level::kMedium}));
  // Near the middle of the spread of the means is average, not high or low.
  EXPECT_EQ(ClusterLevels({10, 48, 90}, 1, {30}),
            (std::vector<Level>{Level::kLow, Level::kMedium, Level::kHigh}));
  // One cluster, or a feature without spread: nothing to compare with.
  EXPECT_EQ(ClusterLevels({50}, 1, {10}), (std::vector<Level>{Level::kMedium}));
  EXPECT_EQ(ClusterLevels({1, 9}, 1, {0}), (std::vector<Level>{Level::kMedium, Level::kMedium}));
}

TEST(PersonaTest, AgeTimesCampaignDoesNotCallEveryClusterHighCalls) {
  // Two clusters average 2.1 calls, one 8; ages 31.6, 52.4 and 40.
  const std::vector<double> centroids = {31.6, 2.1, 52.4, 2.1, 40.0, 8.0};
  auto personas = NamePersonas({"age", "campaign"}, centroids, {10.4, 2.8});
  ASSERT_EQ(personas.size(), 3u);
  EXPECT_EQ(personas[0].name, "Few calls, younger");
  EXPECT_EQ(personas[1].name, "Few calls, older");
  EXPECT_EQ(personas[2].name, "Many calls, middle-aged");
  EXPECT_EQ(personas[0].name_id, "Sedikit panggilan, lebih muda");
  EXPECT_EQ(personas[2].name_id, "Banyak panggilan, paruh baya");
  EXPECT_EQ(personas[1].levels, (std::vector<Level>{Level::kHigh, Level::kLow}));
  // The descriptions give the means, in each reader's number format.
  EXPECT_NE(personas[0].description.find("Age 31.6, Calls in this campaign 2.1"),
            std::string::npos)
      << personas[0].description;
  EXPECT_NE(personas[0].description_id.find("Usia 31,6, Jumlah panggilan kampanye ini 2,1"),
            std::string::npos)
      << personas[0].description_id;
  EXPECT_NE(personas[2].description.find("called often"), std::string::npos);
}

TEST(PersonaTest, ThreeIncomeSpendingClustersGetHonestClassicNames) {
  // Low-low, middle-middle, high-high.
  auto diagonal = NamePersonas(kMall, {28, 22, 58, 51, 89, 83}, {26, 26});
  EXPECT_EQ(diagonal[0].name, "Sensible");
  EXPECT_EQ(diagonal[1].name, "Standard");
  EXPECT_EQ(diagonal[2].name, "Target");
  EXPECT_EQ(diagonal[1].name_id, "Standar");
  // The other diagonal; and spending that hardly differs between clusters is average.
  auto other = NamePersonas(kMall, {25, 80, 55, 50, 88, 18}, {26, 26});
  EXPECT_EQ(other[0].name, "Careless");
  EXPECT_EQ(other[2].name, "Saver");
  auto flat = NamePersonas(kMall, {20, 50, 55, 52, 90, 48}, {26, 26});
  EXPECT_EQ(flat[0].name, "Low income, average spending");
  EXPECT_EQ(flat[1].name, "Standard");
  EXPECT_EQ(flat[2].name, "High income, average spending");
  EXPECT_EQ(flat[2].name_id, "Pendapatan tinggi, belanja rata-rata");
  EXPECT_NE(diagonal[0].description_id.find("Rata-rata kelompok: Annual Income (k$) 28,"),
            std::string::npos)
      << diagonal[0].description_id;
}

TEST(PersonaTest, ClassicFiveAreNamedByPositionNotByOrder) {
  // Centroids as K-Means finds them on the Mall data, in an arbitrary cluster order.
  std::vector<double> centroids = {88.2, 17.1, 25.7, 79.4, 55.3, 49.5, 86.5, 82.1, 26.3, 20.9};
  auto personas = NamePersonas(kMall, centroids, {26.2, 25.8});
  ASSERT_EQ(personas.size(), 5u);
  EXPECT_EQ(personas[0].name, "Saver");
  EXPECT_EQ(personas[1].name, "Careless");
  EXPECT_EQ(personas[2].name, "Standard");
  EXPECT_EQ(personas[3].name, "Target");
  EXPECT_EQ(personas[4].name, "Sensible");
  EXPECT_EQ(personas[0].name_id, "Penabung");
  for (const auto& p : personas) {
    EXPECT_FALSE(p.description.empty());
    EXPECT_NE(p.description, p.description_id);
  }
  // Same centroids with the features swapped: same names.
  std::vector<double> swapped;
  for (size_t c = 0; c < 5; ++c) swapped.insert(swapped.end(), {centroids[2 * c + 1], centroids[2 * c]});
  auto again = NamePersonas({kMall[1], kMall[0]}, swapped, {25.8, 26.2});
  for (size_t c = 0; c < 5; ++c) EXPECT_EQ(again[c].name, personas[c].name);
}

TEST(PersonaTest, TheMallCustomersDataGivesTheFiveClassicPersonas) {
  auto reader = CsvReader::FromFile(std::string(LEADSCORE_SOURCE_DIR) + "/data/Mall_Customers.csv");
  ASSERT_TRUE(reader.ok());
  auto table = ReadCsvTable(std::move(*reader));
  ASSERT_TRUE(table.ok());
  FeatureTable features;
  features.features = kMall;
  for (const CsvRecord& r : table->records) {
    features.values.push_back(std::stod(r.fields[3]));
    features.values.push_back(std::stod(r.fields[4]));
  }
  SegmentationBuildOptions options;
  options.k = 5;
  auto build = BuildSegmentation(features, options);
  ASSERT_TRUE(build.ok()) << build.status().ToString();
  std::vector<Persona> personas;
  for (const auto& c : build->model.clusters) personas.push_back(c.persona);
  EXPECT_EQ(Names(personas),
            (std::set<std::string>{"Sensible", "Careless", "Standard", "Saver", "Target"}));
  EXPECT_EQ(Names(personas, true),
            (std::set<std::string>{"Hemat", "Boros", "Standar", "Penabung", "Target"}));
}

TEST(PersonaTest, TwoClustersNeverShareAName) {
  // Two clusters both low income and high spending: told apart by where they differ most.
  auto personas = NamePersonas(kMall, {20, 90, 24, 80, 90, 20}, {26, 26});
  EXPECT_EQ(personas[0].name, "Careless (spending 90)");
  EXPECT_EQ(personas[1].name, "Careless (spending 80)");
  EXPECT_EQ(personas[1].name_id, "Boros (belanja 80)");
  EXPECT_EQ(personas[2].name, "Saver");
  EXPECT_EQ(Names(personas).size(), 3u);
  // Four clusters on one feature: low twice, high twice.
  auto four = NamePersonas({"balance"}, {100, 900, 5100, 5900}, {2500});
  EXPECT_EQ(four[0].name, "Low balance (balance 100)");
  EXPECT_EQ(four[3].name_id, "Saldo tinggi (saldo 5.900)");
  EXPECT_EQ(Names(four).size(), 4u);
  EXPECT_EQ(Names(four, true).size(), 4u);
}

TEST(PersonaTest, OtherFeaturesGetBuiltNamesInBothLanguages) {
  auto personas = NamePersonas({"age", "balance"}, {30, 3000, 60, 20, 45, 1400}, {12, 2500});
  EXPECT_EQ(personas[0].name, "High balance, younger");
  EXPECT_EQ(personas[0].name_id, "Saldo tinggi, lebih muda");
  EXPECT_NE(personas[0].description.find("term deposit"), std::string::npos);
  EXPECT_NE(personas[0].description_id.find("Saldo rata-rata tahunan 3.000"), std::string::npos)
      << personas[0].description_id;
  EXPECT_EQ(personas[1].name, "Low balance, older");
  EXPECT_EQ(personas[2].name, "Average balance, middle-aged");
  auto tenure = NamePersonas({"tenure_months"}, {3, 40}, {12});
  EXPECT_EQ(tenure[0].name, "Low tenure months");
  EXPECT_EQ(tenure[1].name, "High tenure months");
}

}  // namespace
}  // namespace leadscore::ml
