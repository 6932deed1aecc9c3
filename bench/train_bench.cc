// Training on the bundled bank-additional training split (target ≤ 10 s with SMOTE,
// docs/PERFORMANCE.md, "Targets"), per
// imbalance strategy. Run from the project root (reads data/bank-additional-train.csv), e.g.
//   OMP_WAIT_POLICY=passive build/train_bench --benchmark_min_time=1x
#include <benchmark/benchmark.h>

#include <cstdio>

#include "ml/labelled_data.h"
#include "ml/trainer.h"

namespace {

const leadscore::ml::LabelledData& Data() {
  static const leadscore::ml::LabelledData data = [] {
    auto d = leadscore::ReadLeadCsvFile("data/bank-additional-train.csv",
                                         leadscore::LeadCsvOptions::Labelled());
    if (!d.ok()) {
      std::fprintf(stderr, "%s (run from the project root)\n", d.status().ToString().c_str());
      std::exit(1);
    }
    return leadscore::ml::LabelledDataFromFile(std::move(d).value());
  }();
  return data;
}

void BM_Train(benchmark::State& state) {
  leadscore::ml::TrainOptions options;
  options.resampling = static_cast<leadscore::ml::Resampling>(state.range(0));
  state.SetLabel(leadscore::ml::ResamplingName(options.resampling));
  const auto& data = Data();
  for (auto _ : state) {
    auto result = leadscore::ml::Train(data, options);
    if (!result.ok()) {
      state.SkipWithError(result.status().ToString().c_str());
      return;
    }
    state.counters["val_auc"] = result->validation.roc_auc;
    state.counters["rounds"] = result->model.info().rounds;
  }
}
BENCHMARK(BM_Train)
    ->Arg(static_cast<int>(leadscore::ml::Resampling::kSmote))
    ->Arg(static_cast<int>(leadscore::ml::Resampling::kWeight))
    ->Arg(static_cast<int>(leadscore::ml::Resampling::kNone))
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
