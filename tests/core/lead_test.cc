#include "core/lead.h"

#include <set>

#include <gtest/gtest.h>

namespace leadscore {
namespace {

TEST(LeadStatusTest, NamesRoundTrip) {
  for (auto s : {LeadStatus::kPending, LeadStatus::kContacted, LeadStatus::kConverted,
                 LeadStatus::kRejected}) {
    auto parsed = ParseLeadStatus(LeadStatusName(s));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, s);
  }
  EXPECT_FALSE(ParseLeadStatus("Pending").has_value());
  EXPECT_FALSE(ParseLeadStatus("").has_value());
}

TEST(BankColumnsTest, SlotsAreDenseAndUniquePerKind) {
  std::set<int> numeric, categorical;
  std::set<std::string_view> sql_names;
  for (const auto& c : kBankColumns) {
    auto& slots = c.kind == ColumnKind::kNumeric ? numeric : categorical;
    EXPECT_TRUE(slots.insert(c.slot).second) << c.name;
    EXPECT_TRUE(sql_names.insert(c.sql_name).second) << c.sql_name;
    EXPECT_EQ(c.sql_name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_"),
              std::string_view::npos)
        << c.sql_name;
  }
  EXPECT_EQ(numeric.size(), static_cast<size_t>(kNumericColumnCount));
  EXPECT_EQ(categorical.size(), static_cast<size_t>(kCategoricalColumnCount));
  EXPECT_EQ(*numeric.rbegin(), kNumericColumnCount - 1);
  EXPECT_EQ(*categorical.rbegin(), kCategoricalColumnCount - 1);
}

TEST(BankColumnsTest, FindsBothLayoutsColumns) {
  for (auto name : {"age", "emp.var.rate", "nr.employed", "day_of_week", "balance", "day"}) {
    EXPECT_NE(FindBankColumn(name), nullptr) << name;
  }
  EXPECT_EQ(FindBankColumn("y"), nullptr);
  EXPECT_EQ(FindBankColumn("Age"), nullptr);
}

TEST(EffectiveStatusTest, RejectedReturnsToPendingAfterThePeriod) {
  const TimeMs at = 1'000'000;
  EXPECT_EQ(EffectiveStatus(LeadStatus::kRejected, at, at + kMsPerDay - 1, kMsPerDay),
            LeadStatus::kRejected);
  EXPECT_EQ(EffectiveStatus(LeadStatus::kRejected, at, at + kMsPerDay, kMsPerDay),
            LeadStatus::kPending);
  EXPECT_EQ(EffectiveStatus(LeadStatus::kContacted, at, at + 10 * kMsPerDay, kMsPerDay),
            LeadStatus::kContacted);
  EXPECT_EQ(EffectiveStatus(LeadStatus::kConverted, at, at + 10 * kMsPerDay, kMsPerDay),
            LeadStatus::kConverted);
}

TEST(LeadTest, NewLeadHasEveryNumberMissing) {
  Lead lead;
  for (double v : lead.numeric) EXPECT_TRUE(IsMissing(v));
  EXPECT_EQ(lead.status, LeadStatus::kPending);
}

}  // namespace
}  // namespace leadscore
