// Scoring speed of the active-model path: one lead (the create / edit / what-if path, target
// ≤ 1 ms in process, docs/PERFORMANCE.md, "Targets") with exact SHAP reasons, one lead without
// reasons, and bulk batches of 20,000 (the refresh path) with approximate and exact reasons.
// The model is trained once on
// data/bank-additional-train.csv with the defaults; run from the project root:
//   OMP_WAIT_POLICY=passive build/score_bench
#include <benchmark/benchmark.h>

#include <cstdio>

#include "ml/labelled_data.h"
#include "ml/model.h"
#include "ml/trainer.h"

namespace {

struct Fixture {
  leadscore::ml::LabelledData data;
  std::unique_ptr<leadscore::ml::Model> model;
};

const Fixture& Get() {
  static const Fixture f = [] {
    Fixture f;
    auto d = leadscore::ReadLeadCsvFile("data/bank-additional-train.csv",
                                         leadscore::LeadCsvOptions::Labelled());
    if (!d.ok()) {
      std::fprintf(stderr, "%s (run from the project root)\n", d.status().ToString().c_str());
      std::exit(1);
    }
    f.data = leadscore::ml::LabelledDataFromFile(std::move(d).value());
    auto trained = leadscore::ml::Train(f.data, {});
    if (!trained.ok()) std::exit(1);
    f.model = std::make_unique<leadscore::ml::Model>(std::move(trained->model));
    return f;
  }();
  return f;
}

void BM_ScoreOneLeadWithReasons(benchmark::State& state) {
  const Fixture& f = Get();
  size_t i = 0;
  for (auto _ : state) {
    std::vector<leadscore::Lead> one = {f.data.leads[i++ % f.data.leads.size()]};
    auto scored = f.model->Explain(one, /*approximate=*/false);
    benchmark::DoNotOptimize(scored);
  }
}
BENCHMARK(BM_ScoreOneLeadWithReasons)->Unit(benchmark::kMicrosecond);

void BM_ScoreOneLeadNoReasons(benchmark::State& state) {
  const Fixture& f = Get();
  size_t i = 0;
  for (auto _ : state) {
    std::vector<leadscore::Lead> one = {f.data.leads[i++ % f.data.leads.size()]};
    auto scored = f.model->Predict(one);
    benchmark::DoNotOptimize(scored);
  }
}
BENCHMARK(BM_ScoreOneLeadNoReasons)->Unit(benchmark::kMicrosecond);

void BM_ScoreBatch(benchmark::State& state) {
  const Fixture& f = Get();
  std::vector<leadscore::Lead> batch(f.data.leads.begin(), f.data.leads.begin() + 20000);
  const bool approximate = state.range(0) == 1;
  state.SetLabel(approximate ? "approximate reasons" : "exact SHAP reasons");
  for (auto _ : state) {
    auto scored = f.model->Explain(batch, approximate);
    benchmark::DoNotOptimize(scored);
  }
  state.SetItemsProcessed(state.iterations() * batch.size());
}
BENCHMARK(BM_ScoreBatch)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
