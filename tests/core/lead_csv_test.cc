#include "core/lead_csv.h"

#include <cmath>

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
  // No name, phone or key in the file: the import makes the identity up (made_up_identity.h).
  EXPECT_EQ(lead.name, "");
  EXPECT_EQ(lead.phone, "");
  EXPECT_EQ(lead.customer_key, "");
  EXPECT_EQ(lead.extra_json, "{}");
  EXPECT_EQ(Num(lead, "pdays"), 999);  // kept as written: the encoder reads 999 as never contacted
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

// --- Whole files: ReadLeadCsvFile and LeadCsvReader

Result<LeadCsvFile> ReadText(std::string text, const LeadCsvOptions& options,
                             std::vector<BadLine>* bad_lines = nullptr) {
  LS_ASSIGN_OR_RETURN(CsvReader csv, CsvReader::FromString(std::move(text)));
  return ReadLeadCsvFile(std::move(csv), options, bad_lines);
}

// Every data field of two leads, a missing number equal to a missing number.
void ExpectSameData(const Lead& a, const Lead& b, size_t row) {
  for (int i = 0; i < kNumericColumnCount; ++i) {
    if (IsMissing(a.numeric[i]) || IsMissing(b.numeric[i])) {
      EXPECT_EQ(IsMissing(a.numeric[i]), IsMissing(b.numeric[i])) << "row " << row << " slot " << i;
    } else {
      EXPECT_EQ(a.numeric[i], b.numeric[i]) << "row " << row << " slot " << i;
    }
  }
  EXPECT_EQ(a.categorical, b.categorical) << "row " << row;
  EXPECT_EQ(a.extra_json, b.extra_json) << "row " << row;
  EXPECT_EQ(a.outcome, b.outcome) << "row " << row;
  EXPECT_EQ(a.name, b.name) << "row " << row;
  EXPECT_EQ(a.phone, b.phone) << "row " << row;
  EXPECT_EQ(a.customer_key, b.customer_key) << "row " << row;
}

TEST(LeadCsvFileTest, ReadsTheBankAdditionalLayoutWithSemicolonsAndQuotes) {
  auto file = ReadText(
      "\"age\";\"job\";\"marital\";\"education\";\"default\";\"housing\";\"loan\";\"contact\";"
      "\"month\";\"day_of_week\";\"duration\";\"campaign\";\"pdays\";\"previous\";\"poutcome\";"
      "\"emp.var.rate\";\"cons.price.idx\";\"cons.conf.idx\";\"euribor3m\";\"nr.employed\";\"y\"\n"
      "57;\"services\";\"married\";\"high.school\";\"unknown\";\"no\";\"no\";\"telephone\";\"may\";"
      "\"mon\";149;1;999;0;\"nonexistent\";1.1;93.994;-36.4;4.857;5191;\"no\"\n"
      "41;\"Admin.\";\"single\";\"university.degree\";\"no\";\"yes\";\"no\";\"cellular\";\"nov\";"
      "\"fri\";200;2;6;1;\"success\";-1.1;94.767;-50.8;1.028;4963.6;\"yes\"\n",
      LeadCsvOptions::Labelled());
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->columns.HeadersWithRole(LeadCsvColumns::Role::kBank).size(), 20u);
  ASSERT_EQ(file->leads.size(), 2u);
  const Lead& first = file->leads[0];
  EXPECT_EQ(Num(first, "age"), 57);
  EXPECT_EQ(Text(first, "default"), "unknown");  // a category of its own
  EXPECT_EQ(Num(first, "pdays"), 999);
  EXPECT_EQ(Num(first, "nr.employed"), 5191);
  EXPECT_TRUE(IsMissing(Num(first, "balance")));  // not in this layout
  EXPECT_EQ(first.outcome, std::optional<bool>(false));
  EXPECT_EQ(Text(file->leads[1], "job"), "admin.");  // the catalogue's spelling
  EXPECT_EQ(Num(file->leads[1], "cons.conf.idx"), -50.8);
  EXPECT_EQ(file->leads[1].outcome, std::optional<bool>(true));
}

TEST(LeadCsvFileTest, ReadsTheBankFullLayout) {
  auto file = ReadText(
      "\"age\";\"job\";\"marital\";\"education\";\"default\";\"balance\";\"housing\";\"loan\";"
      "\"contact\";\"day\";\"month\";\"duration\";\"campaign\";\"pdays\";\"previous\";"
      "\"poutcome\";\"y\"\n"
      "58;\"management\";\"married\";\"tertiary\";\"no\";2143;\"yes\";\"no\";\"unknown\";5;"
      "\"may\";261;1;-1;0;\"unknown\";\"no\"\n"
      "33;\"entrepreneur\";\"married\";\"secondary\";\"no\";-2;\"yes\";\"yes\";\"cellular\";17;"
      "\"jul\";76;3;92;2;\"other\";\"yes\"\n",
      LeadCsvOptions::Labelled());
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->columns.HeadersWithRole(LeadCsvColumns::Role::kBank).size(), 16u);
  ASSERT_EQ(file->leads.size(), 2u);
  EXPECT_EQ(Num(file->leads[0], "balance"), 2143);
  EXPECT_EQ(Num(file->leads[0], "day"), 5);
  EXPECT_EQ(Num(file->leads[0], "pdays"), -1);  // bank-full's "never contacted", kept as written
  EXPECT_EQ(Num(file->leads[1], "balance"), -2);
  EXPECT_EQ(Text(file->leads[1], "poutcome"), "other");
  EXPECT_TRUE(IsMissing(Num(file->leads[0], "euribor3m")));  // not in this layout
  EXPECT_TRUE(*file->leads[1].outcome);
}

TEST(LeadCsvFileTest, ReadsABanksOwnFile) {
  // Commas, the bank's own names, identity columns, extra columns and the export's state.
  auto file = ReadText(
      "Customer ID,Nama,No HP,Umur Nasabah,Age,JOB,Emp Var Rate,Cabang,Limit,Subscribed,"
      "lead_score\n"
      "C-1,Budi,0812 3456 7890,x,41,Admin.,1.1,Bandung,25000000,ya,0.9\n"
      "C-2,Sari,,y,35,technician,,Depok,,tidak,0.1\n",
      LeadCsvOptions::Labelled());
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->columns.HeadersWithRole(LeadCsvColumns::Role::kBank),
            (std::vector<std::string>{"Age", "JOB", "Emp Var Rate"}));
  EXPECT_EQ(file->columns.HeadersWithRole(LeadCsvColumns::Role::kExtra),
            (std::vector<std::string>{"Umur Nasabah", "Cabang", "Limit"}));
  EXPECT_EQ(file->columns.HeadersWithRole(LeadCsvColumns::Role::kExportState),
            std::vector<std::string>{"lead_score"});
  ASSERT_EQ(file->leads.size(), 2u);
  const Lead& budi = file->leads[0];
  EXPECT_EQ(budi.customer_key, "C-1");
  EXPECT_EQ(budi.name, "Budi");
  EXPECT_EQ(budi.phone, "0812 3456 7890");
  EXPECT_EQ(Num(budi, "age"), 41);
  EXPECT_EQ(Num(budi, "emp.var.rate"), 1.1);
  EXPECT_TRUE(*budi.outcome);
  EXPECT_EQ(budi.extra_json, R"({"Umur Nasabah":"x","Cabang":"Bandung","Limit":25000000})");
  EXPECT_FALSE(*file->leads[1].outcome);
  EXPECT_TRUE(IsMissing(Num(file->leads[1], "emp.var.rate")));
  EXPECT_EQ(file->leads[1].extra_json, R"({"Umur Nasabah":"y","Cabang":"Depok"})");
}

TEST(LeadCsvFileTest, ALabelledFileNeedsTheOutcomeInEveryRow) {
  auto none = ReadText("age;job\n30;admin.\n", LeadCsvOptions::Labelled());
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().reason(), "csv_outcome_missing");
  // The import takes the same file: leads still to call.
  EXPECT_TRUE(ReadText("age;job\n30;admin.\n", {}).ok());

  std::vector<BadLine> bad;
  auto empty = ReadText("age;job;y\n30;admin.;no\n31;admin.;\n", LeadCsvOptions::Labelled(), &bad);
  ASSERT_FALSE(empty.ok());
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].line, 3u);
  EXPECT_EQ(bad[0].code, "field_required");
  EXPECT_EQ(bad[0].column, "y");
  auto unlabelled = ReadText("age;job;y\n30;admin.;no\n31;admin.;\n", {});
  ASSERT_TRUE(unlabelled.ok());
  EXPECT_FALSE(unlabelled->leads[1].outcome.has_value());
}

TEST(LeadCsvFileTest, RefusesBadRowsWithTheirLinesAndTheImportsCodes) {
  std::vector<BadLine> bad;
  auto file = ReadText(
      "age;job;campaign;y\n"
      "30;admin.;1;no\n"
      "forty;admin.;1;yes\n"           // line 3
      "41;admin.;1;maybe\n"            // line 4
      "\"42\";\"a\nb\";1;no\n"         // line 5, two lines long
      "43;admin.;1\n"                  // line 7
      "44;astronaut;1;no\n"            // line 8
      "45;admin.;2000;no\n",           // line 9
      LeadCsvOptions::Labelled(), &bad);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(file.status().reason(), "csv_bad_rows");
  ASSERT_EQ(file.status().params().size(), 1u);
  EXPECT_EQ(std::get<int64_t>(file.status().params()[0].value), 6);
  const std::string message = file.status().message();
  EXPECT_NE(message.find("6 bad row(s)"), std::string::npos) << message;
  EXPECT_NE(message.find("line 3: column 'age': 'forty' is not a number"), std::string::npos)
      << message;
  EXPECT_NE(message.find("line 4: column 'y': 'maybe' is not yes/no"), std::string::npos)
      << message;
  struct Want {
    size_t line;
    std::string column, code;
  };
  const std::vector<Want> want = {{3, "age", "field_not_number"},
                                  {4, "y", "field_unknown_value"},
                                  {5, "job", "field_unknown_value"},
                                  {7, "", "csv_field_count"},
                                  {8, "job", "field_unknown_value"},
                                  {9, "campaign", "field_out_of_range"}};
  ASSERT_EQ(bad.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(bad[i].line, want[i].line) << i;
    EXPECT_EQ(bad[i].column, want[i].column) << i;
    EXPECT_EQ(bad[i].code, want[i].code) << i;
    EXPECT_FALSE(bad[i].reason.empty()) << i;
  }
}

TEST(LeadCsvFileTest, AFileWithoutRowsOrWithABrokenQuoteIsRefusedWhole) {
  auto empty = ReadText("age;job;y\n", LeadCsvOptions::Labelled());
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().reason(), "csv_no_rows");
  std::vector<BadLine> bad;
  auto broken = ReadText("age;job;y\n30;\"admin.;no\n", LeadCsvOptions::Labelled(), &bad);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().reason(), "csv_quote_unclosed");
  EXPECT_TRUE(bad.empty());
}

TEST(LeadCsvFileTest, TheBacktestsDateColumnMustBeThereAndDatedInEveryRow) {
  const std::string text = "age;job;call_date;y\n30;admin.;2010-05-03;no\n31;admin.;;yes\n";
  auto missing = ReadText(text, {.labelled = true, .date_column = "tanggal"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().reason(), "csv_column_missing");
  EXPECT_NE(missing.status().message().find("tanggal"), std::string::npos);

  std::vector<BadLine> bad;
  auto undated = ReadText(text, {.labelled = true, .date_column = "call_date"}, &bad);
  ASSERT_FALSE(undated.ok());
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].line, 3u);
  EXPECT_EQ(bad[0].code, "field_required");
  EXPECT_EQ(bad[0].column, "call_date");

  auto dated = ReadText("age;job;call_date;y\n30;admin.;2010-05-03;no\n31;admin.;2010-04-01;yes\n",
                        {.labelled = true, .date_column = "call_date"});
  ASSERT_TRUE(dated.ok()) << dated.status().ToString();
  EXPECT_EQ(dated->leads[1].extra_json, R"({"call_date":"2010-04-01"})");
  // A bank column may order the rows too.
  EXPECT_TRUE(ReadText(text, {.labelled = true, .date_column = "age"}).ok());
}

TEST(LeadCsvFileTest, TheBundledFileReadsTheSameForImportAndForTraining) {
  const std::string path = std::string(LEADSCORE_SOURCE_DIR) + "/data/bank-additional-train.csv";
  auto training = ReadLeadCsvFile(path, LeadCsvOptions::Labelled());
  ASSERT_TRUE(training.ok()) << training.status().ToString();
  EXPECT_EQ(training->leads.size(), 32950u);
  int64_t yes = 0;
  for (const Lead& lead : training->leads) yes += *lead.outcome;
  EXPECT_EQ(yes, 3712);  // data/README.md

  auto csv = CsvReader::FromFile(path);
  ASSERT_TRUE(csv.ok());
  auto import = LeadCsvReader::Open(std::move(*csv));
  ASSERT_TRUE(import.ok()) << import.status().ToString();
  LeadCsvRow row;
  size_t n = 0;
  while (*import->Next(&row)) {
    ASSERT_TRUE(row.status.ok()) << "line " << row.line << ": " << row.status.message();
    ASSERT_LT(n, training->leads.size());
    ExpectSameData(row.lead, training->leads[n], n);
    if (::testing::Test::HasFailure()) break;
    ++n;
  }
  EXPECT_EQ(n, training->leads.size());
}

}  // namespace
}  // namespace leadscore
