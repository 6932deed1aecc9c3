// Campaign context on its own: the modes by name, which columns are context, the latest
// campaign of a file, reading and setting a column's value and the key of a period.
#include "ml/context.h"

#include <gtest/gtest.h>

namespace leadscore::ml {
namespace {

// A LabelledData with these columns (bank columns where the name is one) and no rows.
LabelledData ColumnsOf(const std::vector<std::string>& names) {
  LabelledData d;
  for (const auto& n : names) {
    const BankColumn* c = FindBankColumn(n);
    d.columns.push_back({n, c ? c->kind : ColumnKind::kNumeric, c});
  }
  return d;
}

TEST(ContextTest, ModesByNameAndAutoIsTheMeasuredDefault) {
  for (ContextMode m : {ContextMode::kExclude, ContextMode::kCurrent, ContextMode::kInclude}) {
    auto parsed = ParseContextMode(ContextModeName(m));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, m);
  }
  EXPECT_STREQ(ContextModeName(ContextMode::kExclude), "exclude");
  EXPECT_STREQ(ContextModeName(ContextMode::kCurrent), "current");
  EXPECT_STREQ(ContextModeName(ContextMode::kInclude), "include");
  EXPECT_EQ(*ParseContextMode("auto"), kDefaultContextMode);
  for (const char* bad : {"", "Current", "none", "include "}) {
    auto r = ParseContextMode(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(ContextTest, TheBuiltInContextColumnsAreTheCalendarAndTheEconomy) {
  for (const char* c : {"day", "month", "day_of_week", "emp.var.rate", "cons.price.idx",
                        "cons.conf.idx", "euribor3m", "nr.employed"}) {
    EXPECT_TRUE(IsBuiltInContextColumn(c)) << c;
  }
  for (const char* c : {"age", "job", "balance", "campaign", "pdays", "duration", "bi_rate", ""}) {
    EXPECT_FALSE(IsBuiltInContextColumn(c)) << c;
  }
}

TEST(ContextTest, FindsTheContextColumnsOfBothLayoutsAndABanksOwn) {

  // bank-additional
  LabelledData additional = ColumnsOf({"age", "job", "month", "day_of_week", "campaign",
                                        "emp.var.rate", "cons.price.idx", "cons.conf.idx",
                                        "euribor3m", "nr.employed"});
  auto a = ContextColumns(additional, {});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, (std::vector<std::string>{"month", "day_of_week", "emp.var.rate",
                                          "cons.price.idx", "cons.conf.idx", "euribor3m",
                                          "nr.employed"}));
  // bank-full
  LabelledData full = ColumnsOf({"age", "balance", "day", "month", "duration", "poutcome"});
  auto f = ContextColumns(full, {});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(*f, (std::vector<std::string>{"day", "month"}));
  // a bank's own file with its own indicator
  LabelledData own = ColumnsOf({"age", "bi_rate", "segment"});
  auto o = ContextColumns(own, {"bi_rate"});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(*o, (std::vector<std::string>{"bi_rate"}));
  auto missing = ContextColumns(own, {"inflation"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find("`inflation` is not in the data"),
            std::string::npos);
}

TEST(ContextTest, PeriodColumnsAreTheBuiltInOnesAndTheModelsOwnThatTheDataHas) {
  LabelledData d;
  for (const char* n : {"age", "month", "bi_rate", "day_of_week", "segment"}) {
    const BankColumn* c = FindBankColumn(n);
    d.columns.push_back({n, c ? c->kind : ColumnKind::kNumeric, c});
  }
  // A model trained with its own indicator `bi_rate` and one this file lacks (`inflation`).
  EXPECT_EQ(PeriodColumns(d, {"month", "bi_rate", "inflation"}),
            (std::vector<std::string>{"month", "bi_rate", "day_of_week"}));
  EXPECT_EQ(PeriodColumns(d, {}), (std::vector<std::string>{"month", "day_of_week"}));
}

TEST(ContextTest, TheLatestContextIsTheLastRowsValuesWithoutTheMissingOnes) {
  LabelledData d = ColumnsOf({"age", "month", "euribor3m", "nr.employed"});
  EXPECT_EQ(LatestContext(d, {"month", "euribor3m"}), nlohmann::json::object());  // no rows
  Lead first, last;
  first.categorical[FindBankColumn("month")->slot] = "may";
  first.numeric[FindBankColumn("euribor3m")->slot] = 4.86;
  last.categorical[FindBankColumn("month")->slot] = "nov";
  last.numeric[FindBankColumn("euribor3m")->slot] = 1.25;
  // nr.employed of the last row is missing (kMissing by default).
  d.leads = {first, last};
  EXPECT_EQ(LatestContext(d, {"month", "euribor3m", "nr.employed"}),
            (nlohmann::json{{"month", "nov"}, {"euribor3m", 1.25}}));
}

TEST(ContextTest, AColumnValueIsABankColumnsSlotOrAKeyOfExtra) {
  Lead lead;
  lead.numeric[FindBankColumn("euribor3m")->slot] = 1.25;
  lead.categorical[FindBankColumn("month")->slot] = "may";
  lead.extra_json = R"({"bi_rate": "5.75", "segment": "gold", "blank": null})";
  EXPECT_EQ(ColumnValue(lead, "euribor3m"), nlohmann::json(1.25));
  EXPECT_EQ(ColumnValue(lead, "month"), nlohmann::json("may"));
  EXPECT_TRUE(ColumnValue(lead, "nr.employed").is_null());  // missing number
  EXPECT_TRUE(ColumnValue(lead, "day_of_week").is_null());  // empty text
  // An extra column read from a CSV is text; a number in it reads as a number.
  EXPECT_EQ(ColumnValue(lead, "bi_rate"), nlohmann::json(5.75));
  EXPECT_EQ(ColumnValue(lead, "segment"), nlohmann::json("gold"));
  EXPECT_TRUE(ColumnValue(lead, "blank").is_null());
  EXPECT_TRUE(ColumnValue(lead, "absent").is_null());
  lead.extra_json = "not json";
  EXPECT_TRUE(ColumnValue(lead, "bi_rate").is_null());
}

TEST(ContextTest, SettingAndApplyingAContextWritesEachColumnWhereItLives) {
  Lead lead;
  lead.extra_json = R"({"segment": "gold", "bi_rate": "6"})";
  ApplyContext({{"euribor3m", 0.7}, {"month", "dec"}, {"bi_rate", 5.5}, {"segment", nullptr}},
               &lead);
  EXPECT_DOUBLE_EQ(lead.Number(*FindBankColumn("euribor3m")), 0.7);
  EXPECT_EQ(lead.Text(*FindBankColumn("month")), "dec");
  EXPECT_EQ(nlohmann::json::parse(lead.extra_json), (nlohmann::json{{"bi_rate", 5.5}}));
  // A value of the wrong kind clears a bank column.
  SetColumnValue("high", "euribor3m", &lead);
  EXPECT_TRUE(IsMissing(lead.Number(*FindBankColumn("euribor3m"))));
  SetColumnValue(3, "month", &lead);
  EXPECT_EQ(lead.Text(*FindBankColumn("month")), "");
  ApplyContext(nlohmann::json::array({1, 2}), &lead);  // not an object: nothing
  EXPECT_EQ(nlohmann::json::parse(lead.extra_json), (nlohmann::json{{"bi_rate", 5.5}}));
}

TEST(ContextTest, APeriodKeyIsEqualExactlyForLeadsOfOnePeriod) {
  const std::vector<std::string> columns = {"month", "euribor3m"};
  Lead a, b, c, d;
  for (Lead* l : {&a, &b, &c, &d}) {
    l->categorical[FindBankColumn("month")->slot] = "may";
    l->numeric[FindBankColumn("euribor3m")->slot] = 4.86;
  }
  b.numeric[FindBankColumn("age")->slot] = 70;  // a customer column: same period
  c.categorical[FindBankColumn("month")->slot] = "jun";
  d.numeric[FindBankColumn("euribor3m")->slot] = 4.857;
  EXPECT_EQ(PeriodKey(a, columns), PeriodKey(b, columns));
  EXPECT_NE(PeriodKey(a, columns), PeriodKey(c, columns));
  EXPECT_NE(PeriodKey(a, columns), PeriodKey(d, columns));
  // The columns are kept apart: "ab" + "c" is not "a" + "bc".
  Lead x, y;
  x.extra_json = R"({"p": "ab", "q": "c"})";
  y.extra_json = R"({"p": "a", "q": "bc"})";
  EXPECT_NE(PeriodKey(x, {"p", "q"}), PeriodKey(y, {"p", "q"}));
}

}  // namespace
}  // namespace leadscore::ml
