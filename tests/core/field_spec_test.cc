// The field spec (core/field_spec.h): the file against kBankColumns and the catalogue, and the
// shared table of values (tests/fields/field_cases.json) through both forms a value arrives in —
// the text of a CSV cell and the JSON value of a form — with the reason of each refusal.
#include "core/field_spec.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "core/value_labels.h"

namespace leadscore {
namespace {

nlohmann::json Cases() {
  std::ifstream in(std::string(LEADSCORE_SOURCE_DIR) + "/tests/fields/field_cases.json");
  EXPECT_TRUE(in) << "tests/fields/field_cases.json";
  return nlohmann::json::parse(in);
}

// The value as a CSV cell holds it: a number as JSON writes it, a string as it is, null empty.
std::string CellText(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

// The reason of a refusal, "" when accepted.
std::string Reason(const Status& s) { return s.ok() ? "" : s.reason(); }

// The import's path: a cell's text.
Status CheckText(const FieldSpec& spec, const std::string& text) {
  if (spec.numeric()) return ParseNumberField(spec, text).status();
  return CheckCategory(spec, text).status();
}

// A form's path: a JSON value.
Status CheckValue(const FieldSpec& spec, const nlohmann::json& value) {
  if (value.is_null()) return CheckPresent(spec);
  if (spec.numeric()) {
    if (!value.is_number()) return FieldNotNumber(spec.name, value.get<std::string>());
    return CheckNumber(spec, value.get<double>());
  }
  return CheckCategory(spec, value.get<std::string>()).status();
}

TEST(FieldSpecTest, EveryBankColumnHasASpecOfItsKind) {
  ASSERT_EQ(LeadFieldSpecs().size(), kBankColumns.size());
  for (const BankColumn& c : kBankColumns) {
    SCOPED_TRACE(std::string(c.name));
    const FieldSpec* spec = FindLeadFieldSpec(c.name);
    ASSERT_NE(spec, nullptr);
    EXPECT_EQ(spec->column, &c);
    EXPECT_EQ(spec->numeric(), c.kind == ColumnKind::kNumeric);
    EXPECT_TRUE(spec->bank_additional || spec->bank_full);
    if (spec->numeric()) {
      EXPECT_LT(spec->min, spec->max);
      EXPECT_TRUE(spec->values.empty());
    } else {
      // The catalogue's codes, in its order: forms offer what the checks accept.
      std::vector<std::string> codes;
      for (const ValueWords& w : CatalogueValues(c.name)) codes.push_back(w.code);
      EXPECT_EQ(spec->values, codes);
      EXPECT_FALSE(spec->values.empty());
    }
  }
  EXPECT_EQ(FindLeadFieldSpec("salary"), nullptr);
}

TEST(FieldSpecTest, TheLayoutsKindsAndRequiredFieldsAreThoseOfTheUciFiles) {
  std::set<std::string> additional, full, context, required;
  for (const FieldSpec& f : LeadFieldSpecs()) {
    if (f.bank_additional) additional.insert(f.name);
    if (f.bank_full) full.insert(f.name);
    if (f.context) context.insert(f.name);
    if (f.required) required.insert(f.name);
  }
  // bank-additional-full.csv's header, without y.
  EXPECT_EQ(additional, (std::set<std::string>{
                            "age", "job", "marital", "education", "default", "housing", "loan",
                            "contact", "month", "day_of_week", "duration", "campaign", "pdays",
                            "previous", "poutcome", "emp.var.rate", "cons.price.idx",
                            "cons.conf.idx", "euribor3m", "nr.employed"}));
  // bank-full.csv's header, without y.
  EXPECT_EQ(full, (std::set<std::string>{"age", "job", "marital", "education", "default",
                                         "balance", "housing", "loan", "contact", "day", "month",
                                         "duration", "campaign", "pdays", "previous",
                                         "poutcome"}));
  EXPECT_EQ(context, (std::set<std::string>{"day", "month", "day_of_week", "emp.var.rate",
                                            "cons.price.idx", "cons.conf.idx", "euribor3m",
                                            "nr.employed"}));
  EXPECT_EQ(required, (std::set<std::string>{"age", "job"}));
  EXPECT_TRUE(FindLeadFieldSpec("duration")->after_call);
  EXPECT_FALSE(FindLeadFieldSpec("campaign")->after_call);
  const auto names = ContextFieldNames();
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()), context);
}

TEST(FieldSpecTest, TheTableOfValuesThroughTextAndJson) {
  const nlohmann::json cases = Cases();
  int checked = 0;
  for (const auto& [set, find] :
       {std::pair{"lead", &FindLeadFieldSpec}, std::pair{"predictor", &FindPredictorFieldSpec}}) {
    ASSERT_FALSE(cases.at(set).empty());
    for (const auto& c : cases.at(set)) {
      SCOPED_TRACE(std::string(set) + " " + c.dump());
      const FieldSpec* spec = find(c.at("field").get<std::string>());
      ASSERT_NE(spec, nullptr);
      const std::string expected = c.at("ok").get<bool>() ? "" : c.at("code").get<std::string>();
      EXPECT_EQ(Reason(CheckValue(*spec, c.at("value"))), expected);
      EXPECT_EQ(Reason(CheckText(*spec, CellText(c.at("value")))), expected);
      ++checked;
    }
  }
  EXPECT_GT(checked, 50);
}

TEST(FieldSpecTest, RefusalsNameTheFieldAndCarryTheirParameters) {
  const FieldSpec& age = *FindLeadFieldSpec("age");
  Status high = CheckNumber(age, 150);
  EXPECT_EQ(high.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(high.message(), "age: 150 is outside 17..120");
  ASSERT_EQ(high.params().size(), 4u);
  EXPECT_EQ(high.params()[0].name, "field");
  EXPECT_EQ(std::get<std::string>(high.params()[0].value), "age");
  EXPECT_EQ(std::get<double>(high.params()[1].value), 150);
  EXPECT_EQ(std::get<double>(high.params()[2].value), 17);
  EXPECT_EQ(std::get<double>(high.params()[3].value), 120);

  Status words = ParseNumberField(age, "empat puluh").status();
  EXPECT_EQ(words.reason(), "field_not_number");
  EXPECT_EQ(words.message(), "age: 'empat puluh' is not a number");
  EXPECT_EQ(CheckNumber(age, 41.5).message(), "age: '41.5' is not a whole number");

  Status job = CheckCategory(*FindLeadFieldSpec("job"), "astronaut").status();
  EXPECT_EQ(job.reason(), "field_unknown_value");
  EXPECT_EQ(job.message(), "job: 'astronaut' is not one of its values");

  Status missing = CheckPresent(*FindLeadFieldSpec("job"));
  EXPECT_EQ(missing.reason(), "field_required");
  EXPECT_TRUE(CheckPresent(*FindLeadFieldSpec("marital")).ok());

  // Under the name a segmentation's feature goes by.
  Status income = CheckNumber(*FindPredictorFieldSpec("annual_income"), -5, "Annual Income (k$)");
  EXPECT_EQ(income.message(), "Annual Income (k$): -5 is outside 0..100000");
  EXPECT_EQ(std::get<std::string>(income.params()[0].value), "Annual Income (k$)");
}

TEST(FieldSpecTest, ACategoryIsMatchedWithoutCaseAndStoredInTheCataloguesSpelling) {
  auto job = CheckCategory(*FindLeadFieldSpec("job"), "Blue-Collar");
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(*job, "blue-collar");
  auto empty = CheckCategory(*FindLeadFieldSpec("marital"), "");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, "");
}

TEST(FieldSpecTest, SegmentFeaturesFindTheirSpecByName) {
  EXPECT_EQ(SegmentFeatureSpec("campaign"), FindLeadFieldSpec("campaign"));
  EXPECT_EQ(SegmentFeatureSpec("Age"), FindPredictorFieldSpec("age"));
  EXPECT_EQ(SegmentFeatureSpec("umur"), FindPredictorFieldSpec("age"));
  EXPECT_EQ(SegmentFeatureSpec("Annual Income (k$)"), FindPredictorFieldSpec("annual_income"));
  EXPECT_EQ(SegmentFeatureSpec("Spending Score (1-100)"),
            FindPredictorFieldSpec("spending_score"));
  EXPECT_EQ(SegmentFeatureSpec("tenure_months"), nullptr);
  EXPECT_FALSE(IsAgeFeatureName("agent"));
}

TEST(FieldSpecTest, TheLayoutOfLeadsIsTheOneMostOfThemHaveValuesOf) {
  Lead additional;
  additional.numeric[FindBankColumn("euribor3m")->slot] = 4.857;
  Lead full;
  full.numeric[FindBankColumn("balance")->slot] = 120;
  Lead plain;  // only columns both layouts have
  plain.numeric[FindBankColumn("age")->slot] = 41;
  EXPECT_EQ(LayoutOnlyValues(additional, LeadLayout::kBankAdditional), 1);
  EXPECT_EQ(LayoutOnlyValues(additional, LeadLayout::kBankFull), 0);
  EXPECT_EQ(LayoutOnlyValues(full, LeadLayout::kBankFull), 1);
  EXPECT_EQ(LayoutOnlyValues(plain, LeadLayout::kBankAdditional), 0);
  EXPECT_EQ(LayoutOnlyValues(plain, LeadLayout::kBankFull), 0);
  EXPECT_EQ(LayoutOfCounts(0, 0), LeadLayout::kBankAdditional);
  EXPECT_EQ(LayoutOfCounts(10, 3), LeadLayout::kBankAdditional);
  EXPECT_EQ(LayoutOfCounts(3, 10), LeadLayout::kBankFull);
  EXPECT_EQ(LeadLayoutName(LeadLayout::kBankFull), "bank-full");
}

}  // namespace
}  // namespace leadscore
