#include "service/lead_generator.h"

#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "core/csv.h"
#include "core/lead_csv.h"

namespace leadscore {
namespace {

std::string Generate(int64_t rows, uint64_t seed, CsvLayout layout = CsvLayout::kBankAdditional) {
  std::ostringstream out;
  EXPECT_TRUE(GenerateLeadCsv({rows, seed, layout}, out).ok());
  return out.str();
}

// Parses generated text back into leads with the importer's own reader.
std::vector<Lead> ParseLeads(const std::string& text) {
  auto csv = CsvReader::FromString(text);
  EXPECT_TRUE(csv.ok()) << csv.status().ToString();
  auto reader = LeadCsvReader::Open(std::move(*csv));
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<Lead> leads;
  LeadCsvRow row;
  while (*reader->Next(&row)) {
    EXPECT_TRUE(row.status.ok()) << "line " << row.line << ": " << row.status.message();
    leads.push_back(row.lead);
  }
  return leads;
}

double YesRate(const std::vector<Lead>& leads) {
  double yes = 0;
  for (const auto& lead : leads) yes += lead.outcome.value_or(false);
  return yes / static_cast<double>(leads.size());
}

TEST(LeadGeneratorTest, SameSeedSameFileOtherSeedOtherFile) {
  EXPECT_EQ(Generate(2000, 42), Generate(2000, 42));
  EXPECT_NE(Generate(2000, 42), Generate(2000, 43));
  EXPECT_EQ(Generate(2000, 42, CsvLayout::kBankFull), Generate(2000, 42, CsvLayout::kBankFull));
}

TEST(LeadGeneratorTest, HeaderIsTheBundledFilesHeader) {
  auto bundled = CsvReader::FromFile(LEADSCORE_SOURCE_DIR "/data/bank-additional-train.csv");
  ASSERT_TRUE(bundled.ok()) << bundled.status().ToString();
  auto generated = CsvReader::FromString(Generate(1, 1));
  ASSERT_TRUE(generated.ok());
  EXPECT_EQ(generated->header(), bundled->header());
  EXPECT_EQ(generated->delimiter(), ';');
}

TEST(LeadGeneratorTest, ZeroRowsIsHeaderOnlyAndNegativeIsRefused) {
  std::string text = Generate(0, 1);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1);
  std::ostringstream out;
  EXPECT_EQ(GenerateLeadCsv({-1, 1, CsvLayout::kBankAdditional}, out).code(),
            StatusCode::kInvalidArgument);
}

TEST(LeadGeneratorTest, YesRateAndMixesFollowTheRealData) {
  std::vector<Lead> leads = ParseLeads(Generate(40000, 7));
  ASSERT_EQ(leads.size(), 40000u);
  // The bundled data: 11.27 % yes.
  EXPECT_NEAR(YesRate(leads), 0.1127, 0.01);

  std::map<std::string, double> jobs, months;
  for (const auto& lead : leads) {
    jobs[lead.Text(*FindBankColumn("job"))] += 1.0 / leads.size();
    months[lead.Text(*FindBankColumn("month"))] += 1.0 / leads.size();
  }
  EXPECT_NEAR(jobs["admin."], 0.254, 0.015);
  EXPECT_NEAR(jobs["blue-collar"], 0.224, 0.015);
  EXPECT_NEAR(months["may"], 0.334, 0.015);
  EXPECT_EQ(months.count("jan"), 0u);  // bank-additional has no January campaign
}

TEST(LeadGeneratorTest, OutcomeDependsOnTheFeaturesAsInTheData) {
  std::vector<Lead> leads = ParseLeads(Generate(40000, 11));
  const BankColumn& poutcome = *FindBankColumn("poutcome");
  const BankColumn& contact = *FindBankColumn("contact");
  std::vector<Lead> success, nonexistent, cellular, telephone;
  for (const auto& lead : leads) {
    (lead.Text(poutcome) == "success" ? success : nonexistent).push_back(lead);
    (lead.Text(contact) == "cellular" ? cellular : telephone).push_back(lead);
  }
  // Real data: 66 % yes after a successful previous campaign against 9 % without one;
  // 14.8 % on cellular against 5.1 % on a landline.
  EXPECT_GT(YesRate(success), 0.5);
  EXPECT_LT(YesRate(nonexistent), 0.12);
  EXPECT_GT(YesRate(cellular), 2 * YesRate(telephone));
}

TEST(LeadGeneratorTest, EconomicIndicatorsMoveTogetherByPeriod) {
  std::vector<Lead> leads = ParseLeads(Generate(5000, 3));
  const BankColumn& emp = *FindBankColumn("emp.var.rate");
  const BankColumn& cpi = *FindBankColumn("cons.price.idx");
  const BankColumn& nr = *FindBankColumn("nr.employed");
  const BankColumn& euribor = *FindBankColumn("euribor3m");
  // Each consumer price index value belongs to one period with one emp.var.rate and
  // nr.employed, and euribor stays in a narrow band of that period.
  std::map<double, std::tuple<double, double, double, double>> by_cpi;
  for (const auto& lead : leads) {
    auto [it, inserted] = by_cpi.try_emplace(lead.Number(cpi), lead.Number(emp), lead.Number(nr),
                                             lead.Number(euribor), lead.Number(euribor));
    auto& [e, n, lo, hi] = it->second;
    EXPECT_EQ(e, lead.Number(emp));
    EXPECT_EQ(n, lead.Number(nr));
    lo = std::min(lo, lead.Number(euribor));
    hi = std::max(hi, lead.Number(euribor));
  }
  EXPECT_GE(by_cpi.size(), 20u);
  for (const auto& [value, period] : by_cpi) EXPECT_LT(std::get<3>(period) - std::get<2>(period), 1.0);
}

TEST(LeadGeneratorTest, BankFullLayoutUsesItsOwnConventions) {
  auto reader = CsvReader::FromString(Generate(3000, 5, CsvLayout::kBankFull));
  ASSERT_TRUE(reader.ok());
  EXPECT_NE(reader->ColumnIndex("balance"), -1);
  EXPECT_NE(reader->ColumnIndex("day"), -1);
  EXPECT_EQ(reader->ColumnIndex("emp.var.rate"), -1);
  std::vector<Lead> leads = ParseLeads(Generate(3000, 5, CsvLayout::kBankFull));
  int never_contacted = 0, negative_balance = 0;
  for (const auto& lead : leads) {
    double pdays = lead.Number(*FindBankColumn("pdays"));
    EXPECT_NE(pdays, 999);
    never_contacted += pdays == -1;
    negative_balance += lead.Number(*FindBankColumn("balance")) < 0;
    EXPECT_TRUE(IsMissing(lead.Number(*FindBankColumn("euribor3m"))));
  }
  EXPECT_GT(never_contacted, 2000);
  EXPECT_GT(negative_balance, 0);
}

}  // namespace
}  // namespace leadscore
