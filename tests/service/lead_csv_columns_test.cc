#include "service/lead_csv_columns.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace leadscore {
namespace {

const std::vector<std::string> kAdditionalHeader = {
    "age",      "job",      "marital",  "education",    "default",        "housing",
    "loan",     "contact",  "month",    "day_of_week",  "duration",       "campaign",
    "pdays",    "previous", "poutcome", "emp.var.rate", "cons.price.idx", "cons.conf.idx",
    "euribor3m", "nr.employed", "y"};

double Num(const Lead& lead, std::string_view column) {
  return lead.Number(*FindBankColumn(column));
}
const std::string& Text(const Lead& lead, std::string_view column) {
  return lead.Text(*FindBankColumn(column));
}

TEST(LeadCsvColumnsTest, MapsBankAdditionalHeader) {
  auto columns = LeadCsvColumns::Create(kAdditionalHeader);
  ASSERT_TRUE(columns.ok()) << columns.status().ToString();
  EXPECT_EQ(columns->HeadersWithRole(LeadCsvColumns::Role::kBank).size(), 20u);
  EXPECT_EQ(columns->HeadersWithRole(LeadCsvColumns::Role::kOutcome),
            std::vector<std::string>{"y"});
  EXPECT_TRUE(columns->HeadersWithRole(LeadCsvColumns::Role::kExtra).empty());
  EXPECT_FALSE(columns->has_name());
  EXPECT_FALSE(columns->has_phone());
}

TEST(LeadCsvColumnsTest, MapsBankFullNamingAndAliasesCaseInsensitively) {
  auto columns = LeadCsvColumns::Create(
      {"Age", "JOB", "balance", "Day", "pdays", "Nama", "No HP", "Emp Var Rate", "Cabang", "Y"});
  ASSERT_TRUE(columns.ok()) << columns.status().ToString();
  const auto& c = columns->columns();
  EXPECT_EQ(c[2].bank->name, "balance");
  EXPECT_EQ(c[3].bank->name, "day");
  EXPECT_EQ(c[5].role, LeadCsvColumns::Role::kName);
  EXPECT_EQ(c[6].role, LeadCsvColumns::Role::kPhone);
  EXPECT_EQ(c[7].bank->name, "emp.var.rate");
  EXPECT_EQ(c[8].role, LeadCsvColumns::Role::kExtra);
  EXPECT_EQ(c[9].role, LeadCsvColumns::Role::kOutcome);
}

TEST(LeadCsvColumnsTest, RefusesHeaderWithoutKnownColumns) {
  auto columns = LeadCsvColumns::Create({"CustomerID", "Genre", "Annual Income (k$)"});
  ASSERT_FALSE(columns.ok());
  EXPECT_EQ(columns.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(columns.status().message().find("none of the columns"), std::string::npos);
}

TEST(LeadCsvColumnsTest, RefusesMissingRequiredColumn) {
  auto columns = LeadCsvColumns::Create({"age", "marital", "y"});
  ASSERT_FALSE(columns.ok());
  EXPECT_NE(columns.status().message().find("'job'"), std::string::npos);
}

TEST(LeadCsvColumnsTest, RefusesTwoColumnsWithOneMeaning) {
  auto columns = LeadCsvColumns::Create({"age", "job", "emp.var.rate", "emp_var_rate"});
  ASSERT_FALSE(columns.ok());
  EXPECT_NE(columns.status().message().find("emp.var.rate"), std::string::npos);
  EXPECT_NE(columns.status().message().find("emp_var_rate"), std::string::npos);
}

TEST(LeadCsvColumnsTest, ParsesUciRow) {
  auto columns = LeadCsvColumns::Create(kAdditionalHeader);
  ASSERT_TRUE(columns.ok());
  Lead lead;
  bool faked = false;
  ASSERT_TRUE(columns
                  ->ParseRow({"57", "services", "married", "high.school", "unknown", "no", "no",
                              "telephone", "may", "mon", "149", "1", "999", "0", "nonexistent",
                              "1.1", "93.994", "-36.4", "4.857", "5191", "yes"},
                             7, &lead, &faked)
                  .ok());
  EXPECT_EQ(Num(lead, "age"), 57);
  EXPECT_EQ(Num(lead, "cons.conf.idx"), -36.4);
  EXPECT_EQ(Text(lead, "default"), "unknown");  // "unknown" is a category, not a missing value
  EXPECT_TRUE(IsMissing(Num(lead, "balance")));
  EXPECT_EQ(lead.outcome, std::optional<bool>(true));
  EXPECT_TRUE(faked);
  EXPECT_EQ(lead.name, "Nasabah 000007");
  EXPECT_EQ(lead.phone, "+62 000 0000 0007");
  EXPECT_EQ(lead.extra_json, "{}");
}

TEST(LeadCsvColumnsTest, FakeIdentityDependsOnlyOnPosition) {
  EXPECT_EQ(FakeName(123), "Nasabah 000123");
  EXPECT_EQ(FakePhone(123), "+62 000 0000 0123");
  EXPECT_EQ(FakeName(1234567), "Nasabah 1234567");
  EXPECT_EQ(FakePhone(12345678), "+62 000 1234 5678");
  EXPECT_NE(FakeName(1), FakeName(2));
}

TEST(LeadCsvColumnsTest, KeepsGivenIdentityAndExtraColumnsWithTypes) {
  auto columns = LeadCsvColumns::Create(
      {"nama", "telepon", "age", "job", "cabang", "limit", "rate", "rekening", "catatan", "y"});
  ASSERT_TRUE(columns.ok()) << columns.status().ToString();
  Lead lead;
  bool faked = true;
  ASSERT_TRUE(columns
                  ->ParseRow({" Budi Santoso ", "+62 812-3456-7890", "41", "admin.", "Bandung",
                              "25000000", "-1.5", "0012345", "", ""},
                             1, &lead, &faked)
                  .ok());
  EXPECT_FALSE(faked);
  EXPECT_EQ(lead.name, "Budi Santoso");
  EXPECT_EQ(lead.phone, "+62 812-3456-7890");
  EXPECT_FALSE(lead.outcome.has_value());
  auto extra = nlohmann::json::parse(lead.extra_json);
  EXPECT_EQ(extra["cabang"], "Bandung");
  EXPECT_TRUE(extra["limit"].is_number_integer());
  EXPECT_EQ(extra["limit"].get<int64_t>(), 25000000);
  EXPECT_DOUBLE_EQ(extra["rate"].get<double>(), -1.5);
  EXPECT_EQ(extra["rekening"], "0012345");  // a leading zero: an identifier, kept as text
  EXPECT_FALSE(extra.contains("catatan"));  // an empty cell is no value
}

struct BadRowCase {
  std::vector<std::string> fields;  // age, job, campaign, y, phone
  std::string expected;
};

class BadRowTest : public testing::TestWithParam<BadRowCase> {};

TEST_P(BadRowTest, IsRefusedWithReason) {
  auto columns = LeadCsvColumns::Create({"age", "job", "campaign", "y", "phone"});
  ASSERT_TRUE(columns.ok());
  Lead lead;
  bool faked = false;
  Status status = columns->ParseRow(GetParam().fields, 1, &lead, &faked);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find(GetParam().expected), std::string::npos) << status.message();
}

INSTANTIATE_TEST_SUITE_P(
    Rows, BadRowTest,
    testing::Values(BadRowCase{{"40", "admin.", "1", "no"}, "expected 5 fields, found 4"},
                    BadRowCase{{"abc", "admin.", "1", "no", ""}, "column 'age': 'abc' is not a number"},
                    BadRowCase{{"unknown", "admin.", "1", "no", ""}, "'unknown' is not a number"},
                    BadRowCase{{"-3", "admin.", "1", "no", ""}, "column 'age': -3 is outside"},
                    BadRowCase{{"40.5", "admin.", "1", "no", ""}, "not a whole number"},
                    BadRowCase{{"40", "admin.", "1,5", "no", ""}, "column 'campaign'"},
                    BadRowCase{{"40", "admin.", "1", "maybe", ""}, "column 'y': 'maybe' is not yes/no"},
                    BadRowCase{{"40", "admin.", "nan", "no", ""}, "'nan' is not a number"},
                    BadRowCase{{"40", "admin.", "1", "no", "call me"}, "is not a phone number"}));

TEST(LeadCsvColumnsTest, EmptyNumericIsMissingAndOutcomeSpellings) {
  auto columns = LeadCsvColumns::Create({"age", "job", "campaign", "y"});
  ASSERT_TRUE(columns.ok());
  Lead lead;
  bool faked;
  ASSERT_TRUE(columns->ParseRow({"30", "student", " ", "1"}, 1, &lead, &faked).ok());
  EXPECT_TRUE(IsMissing(Num(lead, "campaign")));
  EXPECT_EQ(lead.outcome, std::optional<bool>(true));
  for (const char* no : {"no", "NO", "0", "false", "tidak"}) {
    ASSERT_TRUE(columns->ParseRow({"30", "student", "2", no}, 1, &lead, &faked).ok()) << no;
    EXPECT_EQ(lead.outcome, std::optional<bool>(false)) << no;
  }
}

}  // namespace
}  // namespace leadscore
