// K-Means benchmarks: the target figure (1,000,000 × 2 points, k = 5, ≤ 1 s; docs/PERFORMANCE.md,
// "Targets") and the segmentation pieces around it. Run from the project root (the Mall data is
// read from data/Mall_Customers.csv), or through bench/kmeans.sh BUILD_DIR.
//   FitKMeans/1M/threads:T   1,000,000 customers in five persona-shaped groups (the Mall
//                            centroids, with the spread of real clusters), standardised, k = 5,
//                            10 restarts, on T threads
//   FitKMeansOneBlob/1M      the hard case: one round cloud, no real clusters, so Lloyd's needs
//                            many iterations
//   ElbowMall                k = 1..10 with silhouettes on the 200 Mall rows
//   BuildMall                the whole pipeline on the Mall rows: elbow, final fit, personas
//   PredictModel             one customer through a loaded model
//   PredictService           one /predict through the service (warm: model cached)
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "core/csv.h"
#include "ml/kmeans.h"
#include "ml/kmeans_builder.h"
#include "ml/kmeans_elbow.h"
#include "ml/scaler.h"
#include "service/segmentation.h"
#include "service/segmentation_source.h"

namespace leadscore {
namespace {

// Five groups placed like the Mall personas (income k$, spending score), with spreads like
// theirs; 1,000,000 rows in all, standardised as the builder would.
const std::vector<double>& PersonaPoints() {
  static const std::vector<double> points = [] {
    struct Group {
      double x, y, sx, sy, share;
    };
    const Group groups[] = {{55, 50, 9, 6, 0.405},
                            {87, 82, 16, 9, 0.195},
                            {88, 17, 16, 10, 0.175},
                            {26, 21, 7, 13, 0.115},
                            {26, 79, 7, 10, 0.11}};
    std::mt19937_64 rng(2026);
    std::normal_distribution<double> z(0, 1);
    std::uniform_real_distribution<double> u(0, 1);
    const size_t n = 1'000'000;
    std::vector<double> data(2 * n);
    for (size_t i = 0; i < n; ++i) {
      double r = u(rng), acc = 0;
      const Group* g = &groups[4];
      for (const Group& c : groups) {
        if (r < (acc += c.share)) {
          g = &c;
          break;
        }
      }
      data[2 * i] = g->x + g->sx * z(rng);
      data[2 * i + 1] = g->y + g->sy * z(rng);
    }
    auto scaler = ml::StandardScaler::Fit(data, 2);
    scaler->TransformInPlace(data);
    return data;
  }();
  return points;
}

const std::vector<double>& OneBlob() {
  static const std::vector<double> points = [] {
    std::mt19937_64 rng(7);
    std::normal_distribution<double> z(0, 1);
    std::vector<double> data(2'000'000);
    for (double& v : data) v = z(rng);
    return data;
  }();
  return points;
}

void Fit(benchmark::State& state, const std::vector<double>& data, int threads) {
  ml::KMeansOptions options;
  options.k = 5;
  options.threads = threads;
  ml::KMeansResult last;
  for (auto _ : state) {
    auto fit = ml::FitKMeans({data, 2}, options);
    if (!fit.ok()) {
      state.SkipWithError(fit.status().ToString().c_str());
      return;
    }
    last = std::move(*fit);
  }
  state.counters["iterations"] = last.iterations;
  state.counters["inertia_per_point"] = last.inertia / static_cast<double>(data.size() / 2);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(data.size() / 2));
}

void BM_FitKMeans1M(benchmark::State& state) {
  Fit(state, PersonaPoints(), static_cast<int>(state.range(0)));
}
BENCHMARK(BM_FitKMeans1M)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(5);

void BM_FitKMeansOneBlob1M(benchmark::State& state) {
  Fit(state, OneBlob(), static_cast<int>(state.range(0)));
}
BENCHMARK(BM_FitKMeansOneBlob1M)
    ->ArgName("threads")
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);

ml::FeatureTable MallTable() {
  auto reader = CsvReader::FromFile("data/Mall_Customers.csv");
  if (!reader.ok()) {
    std::fprintf(stderr, "%s (run from the project root)\n", reader.status().ToString().c_str());
    std::exit(1);
  }
  auto table =
      ReadCsvFeatures(std::move(*reader), {"Annual Income (k$)", "Spending Score (1-100)"});
  if (!table.ok()) std::exit(1);
  return *table;
}

void BM_ElbowMall(benchmark::State& state) {
  ml::FeatureTable table = MallTable();
  auto scaler = ml::StandardScaler::Fit(table.values, 2);
  scaler->TransformInPlace(table.values);
  ml::ElbowOptions options;
  int knee = 0;
  for (auto _ : state) {
    auto curve = ml::ComputeElbow({table.values, 2}, options);
    knee = curve->knee_k;
    benchmark::DoNotOptimize(curve);
  }
  state.counters["knee_k"] = knee;
}
BENCHMARK(BM_ElbowMall)->Unit(benchmark::kMillisecond);

void BM_BuildMall(benchmark::State& state) {
  ml::FeatureTable table = MallTable();
  for (auto _ : state) {
    auto build = ml::BuildSegmentation(table, ml::SegmentationBuildOptions{});
    benchmark::DoNotOptimize(build);
  }
}
BENCHMARK(BM_BuildMall)->Unit(benchmark::kMillisecond);

void BM_PredictModel(benchmark::State& state) {
  auto build = ml::BuildSegmentation(MallTable(), ml::SegmentationBuildOptions{});
  const ml::SegmentationModel& model = build->model;
  double values[2] = {70, 60};
  for (auto _ : state) {
    values[0] = values[0] < 130 ? values[0] + 1 : 15;
    auto p = model.Predict(values);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_PredictModel);

void BM_PredictService(benchmark::State& state) {
  const std::string path = "/tmp/leadscore_kmeans_bench_" + std::to_string(getpid()) + ".db";
  {
    auto store = OpenStore("sqlite:" + path);
    if (!store.ok()) {
      state.SkipWithError(store.status().ToString().c_str());
      return;
    }
    SystemClock clock;
    SegmentationService service(**store, clock);
    auto demo = EnsureDemoSegmentation(service, **store, "data");
    if (!demo.ok()) {
      state.SkipWithError(demo.status().ToString().c_str());
      return;
    }
    double income = 70;
    for (auto _ : state) {
      income = income < 130 ? income + 1 : 15;
      auto p = service.PredictIncomeSpending(income, 60);
      benchmark::DoNotOptimize(p);
    }
  }
  std::filesystem::remove(path);
}
BENCHMARK(BM_PredictService)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace leadscore

BENCHMARK_MAIN();
