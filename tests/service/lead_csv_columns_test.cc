#include "service/lead_csv_columns.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/lead_workflow.h"

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
  ASSERT_TRUE(columns
                  ->ParseRow({"57", "services", "married", "high.school", "unknown", "no", "no",
                              "telephone", "may", "mon", "149", "1", "999", "0", "nonexistent",
                              "1.1", "93.994", "-36.4", "4.857", "5191", "yes"},
                             &lead)
                  .ok());
  EXPECT_EQ(Num(lead, "age"), 57);
  EXPECT_EQ(Num(lead, "cons.conf.idx"), -36.4);
  EXPECT_EQ(Text(lead, "default"), "unknown");  // "unknown" is a category, not a missing value
  EXPECT_TRUE(IsMissing(Num(lead, "balance")));
  EXPECT_EQ(lead.outcome, std::optional<bool>(true));
  // No name, phone or key in the file: the import makes the identity up.
  EXPECT_EQ(lead.name, "");
  EXPECT_EQ(lead.phone, "");
  EXPECT_EQ(lead.customer_key, "");
  EXPECT_EQ(lead.extra_json, "{}");
  EXPECT_TRUE(FillMadeUpIdentity(&lead, 7));
  EXPECT_EQ(lead.name, "Nasabah 000007");
  EXPECT_EQ(lead.phone, "+62 000 0000 0007");
  EXPECT_EQ(lead.customer_key, "auto:000007");
}

TEST(LeadCsvColumnsTest, MadeUpIdentityDependsOnlyOnItsNumber) {
  EXPECT_EQ(FakeName(123), "Nasabah 000123");
  EXPECT_EQ(FakePhone(123), "+62 000 0000 0123");
  EXPECT_EQ(MadeUpKey(123), "auto:000123");
  EXPECT_EQ(FakeName(1234567), "Nasabah 1234567");
  EXPECT_EQ(FakePhone(12345678), "+62 000 1234 5678");
  EXPECT_NE(FakeName(1), FakeName(2));
  // The made-up number is no number: no do-not-call mark or phone key can match it.
  EXPECT_EQ(NormalizePhoneE164(FakePhone(123)), std::nullopt);
  // Only what is missing is made up.
  Lead named;
  named.name = "Sari";
  named.customer_key = "C-1";
  EXPECT_TRUE(FillMadeUpIdentity(&named, 9));
  EXPECT_EQ(named.name, "Sari");
  EXPECT_EQ(named.phone, "+62 000 0000 0009");
  EXPECT_EQ(named.customer_key, "C-1");
}

TEST(LeadCsvColumnsTest, TheKeyIsTheCustomerNumberElseTheNikElseThePhone) {
  Lead lead;
  auto by_phone = LeadCsvColumns::Create({"age", "job", "no_hp"});
  ASSERT_TRUE(by_phone.ok());
  EXPECT_FALSE(by_phone->has_key());
  for (const char* spelling : {"081234567890", "0812-3456-7890", "+62 812 3456 7890",
                               "(0812) 3456.7890", "6281234567890"}) {
    ASSERT_TRUE(by_phone->ParseRow({"30", "admin.", spelling}, &lead).ok()) << spelling;
    EXPECT_EQ(lead.customer_key, "+6281234567890") << spelling;
  }
  ASSERT_TRUE(by_phone->ParseRow({"30", "admin.", "12345"}, &lead).ok());
  EXPECT_EQ(lead.customer_key, "");  // not a plausible number: no key from it

  auto by_nik = LeadCsvColumns::Create({"NIK", "age", "job", "phone"});
  ASSERT_TRUE(by_nik.ok());
  EXPECT_TRUE(by_nik->has_key());
  ASSERT_TRUE(by_nik->ParseRow({" 3273010101900001 ", "30", "admin.", "081234567890"}, &lead).ok());
  EXPECT_EQ(lead.customer_key, "3273010101900001");
  ASSERT_TRUE(by_nik->ParseRow({"", "30", "admin.", "081234567890"}, &lead).ok());
  EXPECT_EQ(lead.customer_key, "+6281234567890");  // an empty key cell: the phone

  auto both = LeadCsvColumns::Create({"nik", "Customer ID", "age", "job"});
  ASSERT_TRUE(both.ok()) << both.status().ToString();
  EXPECT_EQ(both->KeySource(), "Customer ID");
  EXPECT_EQ(both->HeadersWithRole(LeadCsvColumns::Role::kExtra), std::vector<std::string>{"nik"});
  ASSERT_TRUE(both->ParseRow({"327301", "C-77", "30", "admin."}, &lead).ok());
  EXPECT_EQ(lead.customer_key, "C-77");
  EXPECT_EQ(nlohmann::json::parse(lead.extra_json)["nik"], 327301);

  auto two = LeadCsvColumns::Create({"customer_id", "cif", "age", "job"});
  ASSERT_FALSE(two.ok());
  EXPECT_NE(two.status().message().find("both hold the customer key"), std::string::npos);

  auto keyed = LeadCsvColumns::Create({"customer_id", "age", "job"});
  ASSERT_TRUE(keyed.ok());
  Status control = keyed->ParseRow({"C\x01", "30", "admin."}, &lead);
  EXPECT_FALSE(control.ok());
  EXPECT_NE(control.message().find("control character"), std::string::npos);
}

TEST(LeadCsvColumnsTest, MergeTakesTheFilesColumnsAndKeepsTheRest) {
  auto columns = LeadCsvColumns::Create({"customer_id", "age", "job", "cabang"});
  ASSERT_TRUE(columns.ok());
  Lead existing;
  existing.id = 5;
  existing.name = "Budi";
  existing.phone = "0812 1111 2222";
  existing.customer_key = "C-1";
  existing.numeric[FindBankColumn("age")->slot] = 40;
  existing.numeric[FindBankColumn("balance")->slot] = 900;
  existing.categorical[FindBankColumn("job")->slot] = "admin.";
  existing.extra_json = R"({"cabang":"Bandung","segmen":"gold"})";
  existing.outcome = true;
  existing.status = LeadStatus::kContacted;
  existing.do_not_call = true;

  Lead row;
  ASSERT_TRUE(columns->ParseRow({"C-1", "41", "admin.", ""}, &row).ok());
  Lead merged = columns->Merge(existing, row, /*keep_outcome=*/true);
  EXPECT_EQ(merged.id, 5);
  EXPECT_EQ(merged.name, "Budi");              // no name column: kept
  EXPECT_EQ(merged.phone, "0812 1111 2222");   // no phone column: kept
  EXPECT_EQ(Num(merged, "age"), 41);           // the file's column
  EXPECT_EQ(Num(merged, "balance"), 900);      // not in the file: kept
  EXPECT_EQ(merged.outcome, std::optional<bool>(true));
  EXPECT_EQ(merged.status, LeadStatus::kContacted);
  EXPECT_TRUE(merged.do_not_call);
  EXPECT_EQ(nlohmann::json::parse(merged.extra_json), nlohmann::json::parse(R"({"segmen":"gold"})"));
  EXPECT_FALSE(SameLeadData(merged, existing));

  ASSERT_TRUE(columns->ParseRow({"C-1", "40", "admin.", "Bandung"}, &row).ok());
  EXPECT_TRUE(SameLeadData(columns->Merge(existing, row, true), existing));
  // The same extra values written in another order are the same data.
  Lead reordered = existing;
  reordered.extra_json = R"({"segmen": "gold", "cabang": "Bandung"})";
  EXPECT_TRUE(SameLeadData(reordered, existing));
}

TEST(LeadCsvColumnsTest, KeepsGivenIdentityAndExtraColumnsWithTypes) {
  auto columns = LeadCsvColumns::Create(
      {"nama", "telepon", "age", "job", "cabang", "limit", "rate", "rekening", "catatan", "y"});
  ASSERT_TRUE(columns.ok()) << columns.status().ToString();
  Lead lead;
  ASSERT_TRUE(columns
                  ->ParseRow({" Budi Santoso ", "+62 812-3456-7890", "41", "admin.", "Bandung",
                              "25000000", "-1.5", "0012345", "", ""},
                             &lead)
                  .ok());
  EXPECT_EQ(lead.customer_key, "+6281234567890");
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
  Status status = columns->ParseRow(GetParam().fields, &lead);
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
  ASSERT_TRUE(columns->ParseRow({"30", "student", " ", "1"}, &lead).ok());
  EXPECT_TRUE(IsMissing(Num(lead, "campaign")));
  EXPECT_EQ(lead.outcome, std::optional<bool>(true));
  for (const char* no : {"no", "NO", "0", "false", "tidak"}) {
    ASSERT_TRUE(columns->ParseRow({"30", "student", "2", no}, &lead).ok()) << no;
    EXPECT_EQ(lead.outcome, std::optional<bool>(false)) << no;
  }
}

}  // namespace
}  // namespace leadscore
