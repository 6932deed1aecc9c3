#include "ml/reasons.h"

#include <gtest/gtest.h>

#include "ml/labelled_data.h"
#include "synthetic_leads.h"

namespace leadscore::ml {
namespace {

class ReasonsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = testing::SyntheticLeads(500, 1);
    auto enc = FeatureEncoder::Fit(data_, {});
    ASSERT_TRUE(enc.ok());
    encoder_ = std::move(*enc);
  }
  // One contribution per feature plus the bias, all zero.
  std::vector<float> Zero() const { return std::vector<float>(encoder_.feature_count() + 1, 0.f); }
  int Feature(const std::string& name) const {
    const auto& names = encoder_.feature_names();
    return static_cast<int>(std::find(names.begin(), names.end(), name) - names.begin());
  }

  LabelledData data_;
  FeatureEncoder encoder_;
};

TEST_F(ReasonsTest, MergesOneHotFeaturesPerColumnAndKeepsTopThreeEachWay) {
  Lead lead = data_.leads[0];
  lead.categorical[FindBankColumn("job")->slot] = "retired";
  lead.numeric[FindBankColumn("age")->slot] = 61;
  std::vector<float> c = Zero();
  c[Feature("job=retired")] = 0.5f;
  c[Feature("job=student")] = 0.25f;  // the same column: summed into "Job"
  c[Feature("age")] = 0.1f;
  c[Feature("euribor3m")] = -0.4f;
  c[Feature("pdays")] = -0.05f;
  c.back() = -2.f;  // the bias is never a reason
  auto reasons = TopReasons(encoder_, lead, c.data());
  ASSERT_EQ(reasons.size(), 4u);
  EXPECT_EQ(reasons[0].column, "job");
  EXPECT_EQ(reasons[0].value, "retired");
  EXPECT_FLOAT_EQ(reasons[0].contribution, 0.75f);
  EXPECT_EQ(reasons[1].column, "age");
  EXPECT_EQ(reasons[1].value, "61");
  EXPECT_EQ(reasons[2].column, "euribor3m");  // strongest down first
  EXPECT_EQ(reasons[3].column, "pdays");

  std::vector<float> many = Zero();
  for (int f = 0; f < encoder_.feature_count(); ++f) many[f] = (f % 2 ? 1.f : -1.f) * (f + 1);
  auto capped = TopReasons(encoder_, lead, many.data());
  int up = 0, down = 0;
  for (const auto& r : capped) (r.contribution > 0 ? up : down)++;
  EXPECT_LE(up, 3);
  EXPECT_LE(down, 3);
}

TEST_F(ReasonsTest, StoredFormExpandsToLabelledReasons) {
  std::vector<Reason> reasons = {{"job", "retired", 0.75}, {"pdays", "missing", -0.3},
                                 {"branch", "north", 0.1}};
  std::string stored = ReasonsToJson(reasons);
  EXPECT_EQ(stored, R"([["job","retired",0.75],["pdays","missing",-0.3],["branch","north",0.1]])");
  nlohmann::json api = ExpandReasons(stored);
  ASSERT_EQ(api.size(), 3u);
  EXPECT_EQ(api[0]["label_en"], "Job");
  EXPECT_EQ(api[0]["label_id"], "Pekerjaan");
  EXPECT_EQ(api[0]["text_en"], "Retired");
  EXPECT_EQ(api[0]["text_id"], "Pensiunan");
  EXPECT_EQ(api[1]["text_id"], "Belum pernah dihubungi sebelumnya");
  EXPECT_EQ(api[0]["direction"], "up");
  EXPECT_EQ(api[1]["direction"], "down");
  EXPECT_EQ(api[2]["label_en"], "branch");  // an unknown column keeps its name
  EXPECT_TRUE(ExpandReasons("not json").empty());
}

}  // namespace
}  // namespace leadscore::ml
