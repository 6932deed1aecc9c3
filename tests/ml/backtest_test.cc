#include "ml/backtest.h"

#include <random>

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

  // The same data with the rule from the start: then the backtest does find it, so the low AUC
  // above comes from never training on a later row, not from a model unable to learn age.
  LabelledData learnable = FlipsAt(2000, 0, 7);
  auto good = Backtest(learnable, Quick(), BacktestOptions{});
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_GT(good->holdout.test.roc_auc, 0.95);
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
