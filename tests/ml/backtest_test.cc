#include "ml/backtest.h"

#include <algorithm>
#include <random>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "synthetic_leads.h"

namespace leadscore::ml {
namespace {

// Rows whose outcome follows `age` only after row `flip`: before it the outcome is noise. A
// model that saw a row at or after `flip` would rank the test part almost perfectly.
LabelledData FlipsAt(int rows, int flip, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  LabelledData data;
  for (const char* name : {"age", "month"}) {
    const BankColumn* c = FindBankColumn(name);
    data.columns.push_back({name, c->kind, c});
  }
  const char* months[] = {"mar", "apr", "may", "jun", "jul"};
  for (int i = 0; i < rows; ++i) {
    Lead lead;
    double age = 20 + std::floor(u(rng) * 60);
    lead.numeric[FindBankColumn("age")->slot] = age;
    lead.categorical[FindBankColumn("month")->slot] = months[i * 5 / rows];
    lead.outcome = i < flip ? u(rng) < 0.3 : age > 50;
    data.leads.push_back(lead);
  }
  return data;
}

TrainOptions Quick() {
  TrainOptions o;
  o.max_rounds = 40;
  o.early_stopping_rounds = 10;
  return o;
}

TEST(BacktestTest, TrainsOnTheEarlierRowsAndTestsOnTheLaterOnes) {
  LabelledData data = FlipsAt(2000, 1600, 7);
  auto report = Backtest(data, Quick(), BacktestOptions{});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->holdout.train_rows, 1600);
  EXPECT_EQ(report->holdout.test_rows, 400);
  EXPECT_EQ(report->holdout.first_test_row, 1600);
  // Trained on the noisy earlier rows only, it cannot know that age decides the later ones.
  EXPECT_LT(report->holdout.test.roc_auc, 0.7);
  // The report sets the mean forecast beside the test part's own conversion rate.
  long later_yes = 0;
  for (size_t i = 1600; i < data.leads.size(); ++i) later_yes += *data.leads[i].outcome ? 1 : 0;
  nlohmann::json j = ToJson(*report);
  EXPECT_DOUBLE_EQ(j["positive_rate"].get<double>(), later_yes / 400.0);
  EXPECT_GT(j["mean_score"].get<double>(), 0.0);
  EXPECT_LT(j["mean_score"].get<double>(), 1.0);

  // The same data with the rule from the start: then the backtest does find it, so the low AUC
  // above comes from never training on a later row, not from a model unable to learn age.
  LabelledData learnable = FlipsAt(2000, 0, 7);
  auto good = Backtest(learnable, Quick(), BacktestOptions{});
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_GT(good->holdout.test.roc_auc, 0.95);
}

TEST(BacktestTest, ADateColumnOrdersTheRowsFirst) {
  // Age > 50 converts on the first 1,600 days' calls and age <= 50 on the last 400; the rows
  // are shuffled, each carrying its call date (20 calls a day, ISO text), so only the date
  // says which rows came last.
  LabelledData timed = FlipsAt(2000, 0, 7);
  timed.columns.push_back({"call_date", ColumnKind::kCategorical, nullptr});
  for (size_t i = 0; i < timed.leads.size(); ++i) {
    if (i >= 1600) timed.leads[i].outcome = !*timed.leads[i].outcome;
    int day = static_cast<int>(i / 20);  // 100 days from 2026-01-01
    timed.leads[i].extra_json = nlohmann::json{
        {"call_date", fmt::format("2026-{:02d}-{:02d}", 1 + day / 28, 1 + day % 28)}}.dump();
  }
  std::vector<size_t> order(timed.leads.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), std::mt19937_64(3));
  LabelledData shuffled = timed.Subset(order);

  BacktestOptions by_date;
  by_date.date_column = "call_date";
  auto dated = Backtest(shuffled, Quick(), by_date);
  ASSERT_TRUE(dated.ok()) << dated.status().ToString();
  EXPECT_EQ(dated->holdout.test_rows, 400);
  // Trained on the earlier days only, it ranks the later days' calls backwards.
  EXPECT_LT(dated->holdout.test.roc_auc, 0.2);
  // In file order the shuffled days mix: the test part is mostly earlier days' calls, which
  // the model trained on mostly earlier days ranks well.
  auto file_order = Backtest(shuffled, Quick(), BacktestOptions{});
  ASSERT_TRUE(file_order.ok());
  EXPECT_GT(file_order->holdout.test.roc_auc, 0.6);

  BacktestOptions missing;
  missing.date_column = "tanggal";
  auto refused = Backtest(shuffled, Quick(), missing);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("`tanggal` is not in the data"), std::string::npos);
}

TEST(BacktestTest, IsDeterministicForASeed) {
  LabelledData data = testing::SyntheticLeads(1500, 3);
  auto a = Backtest(data, Quick(), BacktestOptions{});
  auto b = Backtest(data, Quick(), BacktestOptions{});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->holdout.test.roc_auc, b->holdout.test.roc_auc);
  EXPECT_EQ(a->holdout.test.brier, b->holdout.test.brier);
}

TEST(BacktestTest, RollingFoldsTestEachMonthOnTheRowsBeforeIt) {
  LabelledData data = FlipsAt(3000, 0, 11);
  BacktestOptions options;
  options.rolling = true;
  options.rolling_folds = 3;
  auto report = Backtest(data, Quick(), options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->rolling.size(), 3u);
  EXPECT_EQ(report->rolling[0].label, "may");
  EXPECT_EQ(report->rolling[2].label, "jul");
  for (const auto& fold : report->rolling) {
    EXPECT_EQ(fold.train_rows, fold.first_test_row);  // every row before the month, none after
    EXPECT_EQ(fold.test_rows, 600);
  }
}

TEST(BacktestTest, RefusesDataTooSmallForBothParts) {
  LabelledData data = testing::SyntheticLeads(300, 5);
  auto report = Backtest(data, Quick(), BacktestOptions{});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(report.status().message().find("too little data for a backtest"), std::string::npos)
      << report.status().message();
  BacktestOptions bad;
  bad.train_fraction = 1.5;
  EXPECT_EQ(Backtest(testing::SyntheticLeads(2000, 5), Quick(), bad).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(BacktestTest, AucWithinPeriodIsTheRowWeightedMeanOverPeriodsWithBothOutcomes) {
  // Period a: perfectly ordered (AUC 1, 4 rows); period b: reversed (AUC 0, 2 rows);
  // period c: one outcome only, left out.
  std::vector<float> scores = {0.9f, 0.8f, 0.2f, 0.1f, 0.3f, 0.7f, 0.5f};
  std::vector<float> labels = {1, 1, 0, 0, 1, 0, 1};
  std::vector<std::string> keys = {"a", "a", "a", "a", "b", "b", "c"};
  WithinPeriod w = AucWithinPeriod(scores, labels, keys);
  EXPECT_EQ(w.periods, 2);
  EXPECT_EQ(w.rows, 6);
  EXPECT_DOUBLE_EQ(w.auc, (1.0 * 4 + 0.0 * 2) / 6);
}

}  // namespace
}  // namespace leadscore::ml
