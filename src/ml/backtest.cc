#include "ml/backtest.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "ml/context.h"
#include "ml/split.h"

namespace leadscore::ml {
namespace {

Status CheckPart(const LabelledData& part, const char* which) {
  int yes = part.Positives(), no = part.Negatives();
  if (yes < kMinOutcomesPerClass || no < kMinOutcomesPerClass) {
    return Status::FailedPrecondition(
               fmt::format("too little data for a backtest: the {} part has {} yes and {} no "
                           "outcomes; each part needs at least {} of each",
                           which, yes, no, kMinOutcomesPerClass))
        .With("backtest_too_small", {{"part", std::string(which)},
                                     {"yes", int64_t{yes}},
                                     {"no", int64_t{no}},
                                     {"min", int64_t{kMinOutcomesPerClass}}});
  }
  return Status::Ok();
}

std::vector<size_t> Range(size_t from, size_t to) {
  std::vector<size_t> r(to - from);
  std::iota(r.begin(), r.end(), from);
  return r;
}

// Trains on rows [0, end) of `ordered` and tests on `test_rows`. The booster's early stopping
// validates on a stratified random valid_fraction of those rows, as Train() does in production,
// so that the backtest measures the procedure that trains the active model.
Result<BacktestFold> RunFold(const LabelledData& ordered, size_t end,
                             const std::vector<size_t>& test_rows, const TrainOptions& options,
                             const std::vector<std::string>& context_columns) {
  LabelledData earlier = ordered.Subset(Range(0, end));
  SplitIndices split = StratifiedSplit(earlier.Labels(), options.valid_fraction, options.seed);
  LabelledData train = earlier.Subset(split.train);
  LabelledData valid = earlier.Subset(split.valid);
  LabelledData test = ordered.Subset(test_rows);
  LS_ASSIGN_OR_RETURN(TrainResult trained, TrainOnSplit(train, valid, options));
  LS_ASSIGN_OR_RETURN(std::vector<float> scores, trained.model.Predict(test.leads));
  std::vector<float> labels = test.Labels();
  BacktestFold fold;
  fold.train_rows = static_cast<long>(end);
  fold.test_rows = static_cast<long>(test_rows.size());
  fold.first_test_row = test_rows.empty() ? 0 : static_cast<long>(test_rows.front());
  fold.test = Evaluate(scores, labels, trained.model.info().threshold);
  fold.mean_score = scores.empty() ? 0
                                   : std::accumulate(scores.begin(), scores.end(), 0.0) /
                                         static_cast<double>(scores.size());
  std::vector<std::string> keys;
  keys.reserve(test.leads.size());
  for (const Lead& lead : test.leads) keys.push_back(PeriodKey(lead, context_columns));
  fold.within = AucWithinPeriod(scores, labels, keys);
  return fold;
}

bool BothOutcomes(const LabelledData& d, const std::vector<size_t>& rows) {
  bool yes = false, no = false;
  for (size_t r : rows) (*d.leads[r].outcome ? yes : no) = true;
  return yes && no;
}

}  // namespace

WithinPeriod AucWithinPeriod(const std::vector<float>& scores, const std::vector<float>& labels,
                             const std::vector<std::string>& period_keys) {
  std::map<std::string, std::vector<size_t>> groups;
  for (size_t i = 0; i < period_keys.size(); ++i) groups[period_keys[i]].push_back(i);
  WithinPeriod out;
  double weighted = 0;
  for (const auto& [key, rows] : groups) {
    std::vector<float> s, l;
    for (size_t i : rows) {
      s.push_back(scores[i]);
      l.push_back(labels[i]);
    }
    long pos = static_cast<long>(std::count(l.begin(), l.end(), 1.f));
    if (pos == 0 || pos == static_cast<long>(l.size())) continue;
    weighted += RocAuc(s, l) * static_cast<double>(rows.size());
    out.rows += static_cast<long>(rows.size());
    ++out.periods;
  }
  out.auc = out.rows > 0 ? weighted / static_cast<double>(out.rows) : 0;
  return out;
}

Result<BacktestReport> Backtest(const LabelledData& data, const TrainOptions& options,
                                const BacktestOptions& backtest) {
  auto start = std::chrono::steady_clock::now();
  if (!(backtest.train_fraction > 0 && backtest.train_fraction < 1)) {
    return Status::InvalidArgument("the backtest's training share must be between 0 and 1");
  }
  BacktestReport report;
  LS_ASSIGN_OR_RETURN(report.context_columns, ContextColumns(data, options.extra_context));

  LabelledData ordered = data;
  if (!backtest.date_column.empty()) {
    bool present = std::any_of(data.columns.begin(), data.columns.end(), [&](const auto& c) {
      return c.name == backtest.date_column;
    });
    if (!present) {
      return Status::InvalidArgument(
          fmt::format("date column `{}` is not in the data", backtest.date_column));
    }
    std::vector<std::string> dates;
    for (const Lead& lead : data.leads) dates.push_back(ColumnValue(lead, backtest.date_column).dump());
    std::vector<size_t> order = Range(0, data.leads.size());
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return dates[a] < dates[b]; });
    ordered = data.Subset(order);
  }

  const size_t n = ordered.leads.size();
  const size_t cut = static_cast<size_t>(std::floor(n * backtest.train_fraction));
  LabelledData train_part = ordered.Subset(Range(0, cut));
  LabelledData test_part = ordered.Subset(Range(cut, n));
  LS_RETURN_IF_ERROR(CheckPart(train_part, "training"));
  LS_RETURN_IF_ERROR(CheckPart(test_part, "test"));
  LS_ASSIGN_OR_RETURN(report.holdout,
                      RunFold(ordered, cut, Range(cut, n), options, report.context_columns));
  report.holdout.label = "holdout";

  bool has_month = std::any_of(ordered.columns.begin(), ordered.columns.end(),
                               [](const auto& c) { return c.name == "month"; });
  if (backtest.rolling && has_month) {
    // Runs of one month value, in row order.
    std::vector<std::pair<size_t, size_t>> periods;
    for (size_t i = 0; i < n; ++i) {
      const std::string& m = ordered.leads[i].Text(*FindBankColumn("month"));
      if (periods.empty() ||
          ordered.leads[periods.back().first].Text(*FindBankColumn("month")) != m) {
        periods.emplace_back(i, i + 1);
      } else {
        periods.back().second = i + 1;
      }
    }
    std::vector<std::pair<size_t, size_t>> chosen;
    for (size_t p = periods.size(); p-- > 0 &&
                                    static_cast<int>(chosen.size()) < backtest.rolling_folds;) {
      auto [from, to] = periods[p];
      std::vector<size_t> rows = Range(from, to);
      LabelledData before = ordered.Subset(Range(0, from));
      if (before.Positives() < kMinOutcomesPerClass || before.Negatives() < kMinOutcomesPerClass)
        continue;
      if (!BothOutcomes(ordered, rows)) continue;
      chosen.emplace_back(from, to);
    }
    std::reverse(chosen.begin(), chosen.end());
    for (auto [from, to] : chosen) {
      LS_ASSIGN_OR_RETURN(BacktestFold fold, RunFold(ordered, from, Range(from, to), options,
                                                     report.context_columns));
      fold.label = ordered.leads[from].Text(*FindBankColumn("month"));
      report.mean_rolling_auc += fold.test.roc_auc;
      report.mean_rolling_within += fold.within.auc;
      report.mean_rolling_lift_top10 += fold.test.lift.empty() ? 0 : fold.test.lift[0].lift;
      report.rolling.push_back(std::move(fold));
    }
    if (!report.rolling.empty()) {
      double k = static_cast<double>(report.rolling.size());
      report.mean_rolling_auc /= k;
      report.mean_rolling_within /= k;
      report.mean_rolling_lift_top10 /= k;
    }
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

nlohmann::json BacktestMetricsJson(const BacktestFold& fold) {
  nlohmann::json j = {{"roc_auc", fold.test.roc_auc},
                      {"pr_auc", fold.test.pr_auc},
                      {"brier", fold.test.brier},
                      {"auc_within_period", fold.within.auc},
                      {"periods", fold.within.periods},
                      {"n_train", fold.train_rows},
                      {"n_test", fold.test_rows}};
  for (const auto& p : fold.test.lift) {
    int pct = static_cast<int>(std::lround(p.fraction * 100));
    j[fmt::format("lift_top{}", pct)] = p.lift;
    j[fmt::format("capture_top{}", pct)] = p.capture;
  }
  return j;
}

namespace {

// Calibration in the large: the mean forecast beside the test part's conversion rate.
void AddRates(const BacktestFold& fold, nlohmann::json* j) {
  (*j)["mean_score"] = fold.mean_score;
  (*j)["positive_rate"] = fold.test.rows > 0 ? static_cast<double>(fold.test.positives) /
                                                   static_cast<double>(fold.test.rows)
                                             : 0.0;
}

}  // namespace

nlohmann::json ToJson(const BacktestReport& report) {
  nlohmann::json j = BacktestMetricsJson(report.holdout);
  AddRates(report.holdout, &j);
  j["context_columns"] = report.context_columns;
  j["first_test_row"] = report.holdout.first_test_row;
  nlohmann::json folds = nlohmann::json::array();
  for (const auto& f : report.rolling) {
    nlohmann::json fj = BacktestMetricsJson(f);
    AddRates(f, &fj);
    fj["month"] = f.label;
    fj["first_test_row"] = f.first_test_row;
    folds.push_back(std::move(fj));
  }
  if (!report.rolling.empty()) {
    j["rolling"] = {{"folds", folds},
                    {"mean_roc_auc", report.mean_rolling_auc},
                    {"mean_auc_within_period", report.mean_rolling_within},
                    {"mean_lift_top10", report.mean_rolling_lift_top10}};
  }
  j["seconds"] = report.seconds;
  return j;
}

}  // namespace leadscore::ml
