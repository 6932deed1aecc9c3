#include "ml/feature_encoder.h"

#include <cmath>

#include <gtest/gtest.h>

#include "ml/labelled_data.h"

namespace leadscore::ml {
namespace {

LabelledData FromCsv(const std::string& text) {
  auto reader = CsvReader::FromString(text);
  EXPECT_TRUE(reader.ok());
  auto file = ReadLeadCsvFile(std::move(*reader), LeadCsvOptions::Labelled());
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  return LabelledDataFromFile(std::move(*file));
}

const char* kCsv =
    "age;job;pdays;duration;branch;tenure;y\n"
    "30;admin.;999;120;north;3;no\n"
    "40;retired;5;300;south;10;yes\n"
    "50;retired;-1;60;north;;no\n"
    "35;student;999;200;east;1;yes\n";

TEST(FeatureEncoderTest, ReadsLayoutFromHeaderIncludingUnknownColumns) {
  LabelledData data = FromCsv(kCsv);
  ASSERT_EQ(data.columns.size(), 6u);
  EXPECT_EQ(data.columns[4].name, "branch");
  EXPECT_EQ(data.columns[4].known, nullptr);
  EXPECT_EQ(data.columns[4].kind, ColumnKind::kCategorical);
  EXPECT_EQ(data.columns[5].kind, ColumnKind::kNumeric);  // tenure: numbers (one empty)
  EXPECT_EQ(data.Positives(), 2);
  EXPECT_EQ(data.leads[0].extra_json, R"({"branch":"north","tenure":3})");
}

TEST(FeatureEncoderTest, EncodesOneHotSentinelsAndExtras) {
  LabelledData data = FromCsv(kCsv);
  auto enc = FeatureEncoder::Fit(data, EncoderOptions{.min_level_count = 1});
  ASSERT_TRUE(enc.ok()) << enc.status().ToString();
  std::vector<std::string> expected = {"age",          "job=admin.",   "job=retired",
                                       "job=student",  "pdays",        "branch=east",
                                       "branch=north", "branch=south", "tenure"};
  EXPECT_EQ(enc->feature_names(), expected);  // no duration
  std::vector<float> row(enc->feature_count());
  enc->Encode(data.leads[0], row.data());
  EXPECT_EQ(row[0], 30);
  EXPECT_EQ(row[1], 1);
  EXPECT_EQ(row[2], 0);
  EXPECT_TRUE(std::isnan(row[4]));  // pdays 999: never contacted
  EXPECT_EQ(row[6], 1);             // branch=north
  EXPECT_EQ(row[8], 3);
  enc->Encode(data.leads[2], row.data());
  EXPECT_TRUE(std::isnan(row[4]));  // pdays -1 (bank-full layout)
  EXPECT_TRUE(std::isnan(row[8]));  // tenure empty
  enc->Encode(data.leads[1], row.data());
  EXPECT_EQ(row[4], 5);
}

TEST(FeatureEncoderTest, UnseenLevelSetsNoFeature) {
  LabelledData data = FromCsv(kCsv);
  auto enc = FeatureEncoder::Fit(data, EncoderOptions{.min_level_count = 1});
  ASSERT_TRUE(enc.ok());
  Lead lead;
  lead.categorical[FindBankColumn("job")->slot] = "astronaut";
  std::vector<float> row(enc->feature_count());
  enc->Encode(lead, row.data());
  EXPECT_EQ(row[1] + row[2] + row[3], 0);
  EXPECT_TRUE(std::isnan(row[0]));
}

TEST(FeatureEncoderTest, JsonRoundTripEncodesTheSame) {
  LabelledData data = FromCsv(kCsv);
  auto enc = FeatureEncoder::Fit(data, EncoderOptions{.allow_leakage = true, .min_level_count = 1});
  ASSERT_TRUE(enc.ok());
  auto back = FeatureEncoder::FromJson(nlohmann::json::parse(enc->ToJson().dump()));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->feature_names(), enc->feature_names());
  EXPECT_TRUE(back->allow_leakage());
  for (const auto& lead : data.leads) {
    std::vector<float> a(enc->feature_count()), b(enc->feature_count());
    enc->Encode(lead, a.data());
    back->Encode(lead, b.data());
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_TRUE(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])));
    }
  }
  EXPECT_FALSE(FeatureEncoder::FromJson(nlohmann::json::parse(R"({"columns": 3})")).ok());
}

TEST(FeatureEncoderTest, RareLevelsGetNoFeatureOfTheirOwn) {
  LabelledData data = FromCsv(kCsv);
  auto enc = FeatureEncoder::Fit(data, EncoderOptions{.min_level_count = 2});
  ASSERT_TRUE(enc.ok());
  // Only "retired" and "north" appear twice.
  const auto& names = enc->feature_names();
  EXPECT_NE(std::find(names.begin(), names.end(), "job=retired"), names.end());
  EXPECT_EQ(std::find(names.begin(), names.end(), "job=student"), names.end());
}

TEST(LabelledDataTest, FromFileKeepsTheFilesOrderAndNoIdentifiers) {
  // The bank's own names map to the UCI ones; the outcome, the identity, the export's state and
  // identifier columns are no input columns.
  LabelledData data = FromCsv(
      "Cabang;nama;Age;email;Emp Var Rate;JOB;lead_grade;Tenor;Outcome\n"
      "north;Budi;30;b@x.id;1.1;admin.;A;007;yes\n"
      "south;Sari;40;s@x.id;-1.8;retired;B;12;no\n");
  std::vector<std::string> names;
  for (const auto& c : data.columns) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Cabang", "age", "emp.var.rate", "job", "Tenor"}));
  EXPECT_EQ(data.columns[0].kind, ColumnKind::kCategorical);
  EXPECT_EQ(data.columns[1].known, FindBankColumn("age"));
  EXPECT_EQ(data.columns[4].kind, ColumnKind::kNumeric);  // "007" kept as text, read as 7
  EXPECT_EQ(data.Positives(), 1);
}

TEST(LabelledDataTest, TheBundledTrainingSplitHasTheTwentyBankColumns) {
  auto file = ReadLeadCsvFile(std::string(LEADSCORE_SOURCE_DIR) + "/data/bank-additional-train.csv",
                              LeadCsvOptions::Labelled());
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  LabelledData data = LabelledDataFromFile(std::move(*file));
  EXPECT_EQ(data.leads.size(), 32950u);
  EXPECT_EQ(data.Positives(), 3712);  // data/README.md
  ASSERT_EQ(data.columns.size(), 20u);
  for (size_t i = 0; i < data.columns.size(); ++i) {
    EXPECT_NE(data.columns[i].known, nullptr) << data.columns[i].name;
  }
  EXPECT_EQ(data.columns.front().name, "age");
  EXPECT_EQ(data.columns.back().name, "nr.employed");
  // The same values as the reader of the training data read before it was the import's: the
  // fingerprint of the columns and every lead's values and outcome.
  EXPECT_EQ(data.Fingerprint(), "ed1ede60e58a22be");
}

TEST(LabelledDataTest, FromLeadsInfersColumnsFromValues) {
  std::vector<Lead> leads(3);
  leads[0].numeric[FindBankColumn("age")->slot] = 30;
  leads[0].outcome = true;
  leads[1].categorical[FindBankColumn("job")->slot] = "admin.";
  leads[1].extra_json = R"({"branch":"north","tenure":"4","nik":"123"})";
  leads[1].outcome = false;
  // leads[2] has no outcome: not training data.
  LabelledData data = LabelledDataFromLeads(leads);
  ASSERT_EQ(data.leads.size(), 2u);
  std::vector<std::string> names;
  for (const auto& c : data.columns) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"age", "job", "branch", "tenure"}));
  EXPECT_EQ(data.columns[3].kind, ColumnKind::kNumeric);
}

}  // namespace
}  // namespace leadscore::ml
