#include "ml/persona.h"

#include <gtest/gtest.h>

namespace leadscore::ml {
namespace {

const std::vector<std::string> kMall = {"Annual Income (k$)", "Spending Score (1-100)"};

TEST(PersonaTest, TercilesFollowTheType7Quantile) {
  std::vector<double> column = {9, 1, 8, 2, 7, 3, 6, 4, 5};  // 1..9, shuffled
  auto cuts = ComputeTerciles({column, 1});
  ASSERT_EQ(cuts.size(), 1u);
  // Position (n - 1) * q = 8/3 and 16/3 between the sorted values 1..9.
  EXPECT_NEAR(cuts[0].low, 1 + 8.0 / 3, 1e-12);
  EXPECT_NEAR(cuts[0].high, 1 + 16.0 / 3, 1e-12);
  EXPECT_EQ(LevelOf(2, cuts[0]), Level::kLow);
  EXPECT_EQ(LevelOf(5, cuts[0]), Level::kMedium);
  EXPECT_EQ(LevelOf(8, cuts[0]), Level::kHigh);
}

TEST(PersonaTest, ClassicFiveAreNamedByPositionNotByOrder) {
  std::vector<Terciles> cuts = {{40, 70}, {35, 65}};
  // Centroids in a scrambled order: (income, spending).
  std::vector<double> centroids = {88, 17, 26, 79, 55, 50, 86, 82, 26, 20};
  auto personas = NamePersonas(kMall, centroids, cuts);
  ASSERT_EQ(personas.size(), 5u);
  EXPECT_EQ(personas[0].name, "Saver");
  EXPECT_EQ(personas[1].name, "Careless");
  EXPECT_EQ(personas[2].name, "Standard");
  EXPECT_EQ(personas[3].name, "Target");
  EXPECT_EQ(personas[4].name, "Sensible");
  EXPECT_EQ(personas[0].name_id, "Penabung");
  for (const Persona& p : personas) {
    EXPECT_FALSE(p.description.empty());
    EXPECT_FALSE(p.description_id.empty());
    EXPECT_NE(p.description, p.description_id);
  }
  // The same centroids with the features swapped are still named by what they mean.
  std::vector<double> swapped = {17, 88, 79, 26, 50, 55, 82, 86, 20, 26};
  auto again = NamePersonas({kMall[1], kMall[0]}, swapped, {cuts[1], cuts[0]});
  for (size_t c = 0; c < 5; ++c) EXPECT_EQ(again[c].name, personas[c].name);
}

TEST(PersonaTest, OtherFeaturesGetBuiltNames) {
  std::vector<Terciles> cuts = {{32, 45}, {100, 1500}};
  std::vector<double> centroids = {28, 4000,  // young, high balance
                                   60, 50,    // older, low balance
                                   38, 700};  // middle-aged, medium balance
  auto personas = NamePersonas({"age", "balance"}, centroids, cuts);
  EXPECT_EQ(personas[0].name, "High balance, young");
  EXPECT_EQ(personas[0].name_id, "Saldo tinggi, muda");
  EXPECT_NE(personas[0].description.find("term deposit"), std::string::npos);
  EXPECT_EQ(personas[1].name, "Low balance, older");
  EXPECT_EQ(personas[2].name, "Medium balance, middle-aged");
  EXPECT_EQ(personas[0].levels, (std::vector<Level>{Level::kLow, Level::kHigh}));
}

TEST(PersonaTest, IncomeAndSpendingOffTheClassicGridAndRepeatedNames) {
  std::vector<Terciles> cuts = {{40, 70}, {35, 65}};
  // Medium income, high spending: not one of the five; twice.
  std::vector<double> centroids = {55, 80, 60, 90};
  auto personas = NamePersonas(kMall, centroids, cuts);
  EXPECT_EQ(personas[0].name, "Medium income, high spending");
  EXPECT_EQ(personas[1].name, "Medium income, high spending (2)");
  EXPECT_EQ(personas[1].name_id, "Pendapatan sedang, belanja tinggi (2)");
}

TEST(PersonaTest, UnknownColumnsUseTheirOwnWords) {
  auto personas = NamePersonas({"tenure_months"}, {3}, {{6, 24}});
  EXPECT_EQ(personas[0].name, "Low tenure months");
  auto bank = NamePersonas({"campaign"}, {9}, {{1, 3}});
  EXPECT_EQ(bank[0].name, "High calls in this campaign");
}

}  // namespace
}  // namespace leadscore::ml
