// Store benchmarks on SQLite with 1,000,000 leads (LEADSCORE_BENCH_ROWS to change): the store's
// share of the targets of docs/PERFORMANCE.md ("Targets").
// Run: build/bench/store_bench --benchmark_filter=...
//   ImportLeads       LeadWriter, batches of 10,000 leads, one transaction
//   ScanLeads         reading every lead in id order (the read side of a refresh)
//   ScoreRefresh      writing 1,000,000 scores into a run and swapping them in (the write side)
//   ListLeadsPage     the ranked list, page 1 of 50, for a sales user
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>

#include "store/store.h"

namespace leadscore {
namespace {

int64_t Rows() {
  const char* env = std::getenv("LEADSCORE_BENCH_ROWS");
  return env ? std::atoll(env) : 1'000'000;
}

std::string DbPath() { return "/tmp/leadscore_store_bench.db"; }

std::vector<Lead> MakeBatch(std::mt19937& rng, int n) {
  static const char* jobs[] = {"admin.", "blue-collar", "technician", "services", "management"};
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Lead> batch(n);
  for (int i = 0; i < n; ++i) {
    Lead& l = batch[i];
    l.name = "Nasabah " + std::to_string(rng() % 1000000);
    l.phone = "+62 812 " + std::to_string(10000000 + rng() % 89999999);
    for (int k = 0; k < kNumericColumnCount; ++k) l.numeric[k] = std::floor(u(rng) * 1000) / 10;
    for (int k = 0; k < kCategoricalColumnCount; ++k) l.categorical[k] = jobs[rng() % 5];
    l.outcome = u(rng) < 0.11;
  }
  return batch;
}

Store& SharedStore() {
  static std::unique_ptr<Store> store = [] {
    auto opened = OpenStore("sqlite:" + DbPath());
    if (!opened.ok()) std::abort();
    return std::move(opened).value();
  }();
  return *store;
}

void ImportLeads(benchmark::State& state) {
  const int64_t rows = Rows();
  for (auto _ : state) {
    state.PauseTiming();
    for (const char* s : {"", "-wal", "-shm"}) std::remove((DbPath() + s).c_str());
    auto store = OpenStore("sqlite:" + DbPath());
    std::mt19937 rng(42);
    std::vector<std::vector<Lead>> batches;
    for (int64_t done = 0; done < rows; done += 10000) {
      batches.push_back(MakeBatch(rng, static_cast<int>(std::min<int64_t>(10000, rows - done))));
    }
    state.ResumeTiming();
    auto writer = (*store)->BeginLeadImport(0);
    for (const auto& b : batches) {
      if (!(*writer)->Add(b).ok()) state.SkipWithError("add failed");
    }
    if (!(*writer)->Commit().ok()) state.SkipWithError("commit failed");
  }
  state.counters["rows_per_s"] = benchmark::Counter(static_cast<double>(rows) * state.iterations(),
                                                    benchmark::Counter::kIsRate);
}
BENCHMARK(ImportLeads)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void ScanLeads(benchmark::State& state) {
  for (auto _ : state) {
    int64_t seen = 0;
    Status s = SharedStore().ForEachLeadBatch(10000, [&](const std::vector<Lead>& b) {
      seen += static_cast<int64_t>(b.size());
      return Status::Ok();
    });
    if (!s.ok() || seen != Rows()) state.SkipWithError("scan failed");
  }
}
BENCHMARK(ScanLeads)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void ScoreRefresh(benchmark::State& state) {
  const int64_t rows = Rows();
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0, 1);
  for (auto _ : state) {
    auto run = SharedStore().BeginScoreRefresh(1);
    std::vector<Score> batch;
    for (int64_t id = 1; id <= rows; ++id) {
      const double s = u(rng);
      batch.push_back({id, s, std::nullopt, s > 0.75 ? "A" : s > 0.5 ? "B" : s > 0.25 ? "C" : "D",
                       1, 1});
      if (batch.size() == 10000 || id == rows) {
        if (!(*run)->Add(batch).ok()) state.SkipWithError("stage failed");
        batch.clear();
      }
    }
    if (!(*run)->Commit().ok()) state.SkipWithError("commit failed");
  }
}
BENCHMARK(ScoreRefresh)->Iterations(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void ListLeadsPage(benchmark::State& state) {
  static int64_t sales = [] {
    User u;
    u.username = "bench-sales";
    u.display_name = "Bench";
    u.password_hash = "x";
    auto id = SharedStore().CreateUser(u);
    return id.ok() ? *id : SharedStore().GetUserByUsername("bench-sales")->id;
  }();
  LeadQuery q;
  q.viewer = Viewer{sales, Role::kSales, 1'767'225'600'000, kDefaultRejectPeriod};
  q.page_size = 50;
  q.page = state.range(0);
  for (auto _ : state) {
    auto page = SharedStore().ListLeads(q);
    if (!page.ok() || page->rows.size() != 50) state.SkipWithError("list failed");
    benchmark::DoNotOptimize(page);
  }
}
BENCHMARK(ListLeadsPage)->Arg(1)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace leadscore

BENCHMARK_MAIN();
