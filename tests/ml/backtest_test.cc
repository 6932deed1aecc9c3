#include "ml/backtest.h"

#include <algorithm>
#include <random>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "ml/context.h"
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

TEST(ContextTest, FindsTheContextColumnsOfBothLayoutsAndABanksOwn) {
  auto columns_of = [](std::vector<std::string> names) {
    LabelledData d;
    for (const auto& n : names) {
      const BankColumn* c = FindBankColumn(n);
      d.columns.push_back({n, c ? c->kind : ColumnKind::kNumeric, c});
    }
    return d;
  };
  // bank-additional
  LabelledData additional = columns_of({"age", "job", "month", "day_of_week", "campaign",
                                        "emp.var.rate", "cons.price.idx", "cons.conf.idx",
                                        "euribor3m", "nr.employed"});
  auto a = ContextColumns(additional, {});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, (std::vector<std::string>{"month", "day_of_week", "emp.var.rate",
                                          "cons.price.idx", "cons.conf.idx", "euribor3m",
                                          "nr.employed"}));
  // bank-full
  LabelledData full = columns_of({"age", "balance", "day", "month", "duration", "poutcome"});
  auto f = ContextColumns(full, {});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(*f, (std::vector<std::string>{"day", "month"}));
  // a bank's own file with its own indicator
  LabelledData own = columns_of({"age", "bi_rate", "segment"});
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

TEST(ContextTest, ExcludedContextNeverReachesTheModelOrItsReasons) {
  LabelledData data = testing::SyntheticLeads(1500, 9);
  TrainOptions options = Quick();
  options.context = ContextMode::kExclude;
  auto trained = Train(data, options);
  ASSERT_TRUE(trained.ok()) << trained.status().ToString();
  for (const auto& name : trained->model.encoder().feature_names()) {
    EXPECT_EQ(name.find("euribor3m"), std::string::npos) << name;
  }
  EXPECT_EQ(trained->model.info().context_columns, std::vector<std::string>{"euribor3m"});
}

TEST(ContextTest, CurrentContextScoresEveryLeadWithOneCampaign) {
  LabelledData data = testing::SyntheticLeads(1500, 9);
  TrainOptions options = Quick();
  options.context = ContextMode::kCurrent;
  auto trained = Train(data, options);
  ASSERT_TRUE(trained.ok()) << trained.status().ToString();
  Model model = std::move(trained->model);
  // Two leads alike but for euribor3m score alike: the campaign's value replaces both.
  Lead a = data.leads[0], b = data.leads[0];
  a.numeric[FindBankColumn("euribor3m")->slot] = 0.7;
  b.numeric[FindBankColumn("euribor3m")->slot] = 4.9;
  auto scores = model.Predict({a, b});
  ASSERT_TRUE(scores.ok());
  EXPECT_FLOAT_EQ((*scores)[0], (*scores)[1]);
  // Low euribor3m converts more in this data: a campaign of low rates lifts the score.
  model.SetScoringContext({{"euribor3m", 0.7}});
  auto low = model.Predict({a});
  model.SetScoringContext({{"euribor3m", 4.9}});
  auto high = model.Predict({a});
  ASSERT_TRUE(low.ok() && high.ok());
  EXPECT_GT((*low)[0], (*high)[0]);
  // And no reason speaks of it.
  auto explained = model.Explain(std::vector<Lead>{a}, false);
  ASSERT_TRUE(explained.ok());
  for (const auto& r : (*explained)[0].reasons) EXPECT_NE(r.column, "euribor3m");
}

}  // namespace
}  // namespace leadscore::ml
