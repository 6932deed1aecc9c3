// `leadscore segment (--csv FILE | --leads) --features "A,B" [--k N] [--json] [--save NAME]`:
// customer segmentation with K-Means (see service/segmentation.h). Prints the elbow table with
// silhouettes, the chosen k, and each cluster's centroid in the features' own units, size and
// persona; --json prints the same as JSON; --save stores it in the database (--default makes it
// the default). Without --save a CSV needs no database at all.
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/clock.h"
#include "service/segmentation.h"
#include "store/store.h"

namespace leadscore::cli {
namespace {

struct SegmentArgs {
  std::string csv;
  bool leads = false;
  std::string features;
  int k = 0;  // 0: the elbow's knee
  bool json = false;
  std::string save;
  bool make_default = false;
  uint64_t seed = 42;
  int threads = 0;
};

std::vector<std::string> SplitFeatures(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    size_t b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
  }
  return out;
}

void PrintTable(const ml::SegmentationModel& m, const std::string& saved) {
  fmt::print("Segmentation of {} rows from {} on {}\n\n", m.n_points, m.source_name,
             fmt::join(m.features, ", "));
  fmt::print("Elbow: within-cluster sum of squares (standardised units){}\n",
             m.elbow_rows < static_cast<size_t>(m.n_points)
                 ? fmt::format(", on a sample of {} rows", m.elbow_rows)
                 : "");
  fmt::print("{:>4}  {:>12}  {:>10}\n", "k", "WCSS", "silhouette");
  for (const ml::ElbowPoint& p : m.elbow) {
    fmt::print("{:>4}  {:>12.3f}  {:>10}{}\n", p.k, p.inertia,
               p.silhouette ? fmt::format("{:.3f}", *p.silhouette) : "-",
               p.k == m.knee_k ? "   <- knee" : "");
  }
  if (m.silhouette_rows < m.elbow_rows) {
    fmt::print("(silhouettes on a seeded sample of {} rows)\n", m.silhouette_rows);
  }
  fmt::print("\nChosen k: {} ({})\n\n", m.k,
             m.k_fixed ? "given with --k" : "knee of the elbow curve");

  fmt::print("{:>3}  {:>8}  {:>6}", "id", "size", "share");
  for (const auto& f : m.features) fmt::print("  {:>{}}", f, std::max<size_t>(f.size(), 10));
  fmt::print("  persona\n");
  for (const ml::SegmentCluster& c : m.clusters) {
    fmt::print("{:>3}  {:>8}  {:>5.1f}%", c.id, c.size,
               100.0 * static_cast<double>(c.size) / static_cast<double>(m.n_points));
    for (size_t j = 0; j < m.features.size(); ++j) {
      fmt::print("  {:>{}.2f}", c.centroid[j], std::max<size_t>(m.features[j].size(), 10));
    }
    fmt::print("  {}\n", c.persona.name);
  }
  fmt::print("\n");
  for (const ml::SegmentCluster& c : m.clusters) {
    fmt::print("{} {}: {}\n", c.id, c.persona.name, c.persona.description);
  }
  if (!saved.empty()) fmt::print("\n{}\n", saved);
}

int RunSegment(const SegmentArgs& args, const GlobalOptions& global) {
  if (args.csv.empty() == !args.leads) {
    fmt::print(stderr, "segment: give exactly one source: --csv FILE or --leads\n");
    return 2;
  }
  SegmentationRequest request;
  request.source = args.leads ? "leads" : "csv";
  request.csv_path = args.csv;
  request.features = SplitFeatures(args.features);
  if (request.features.empty() && !args.leads) {
    fmt::print(stderr, "segment: --csv needs --features\n");
    return 2;
  }
  if (args.k > 0) request.k = args.k;
  request.name = args.save;
  request.make_default = args.make_default;
  request.seed = args.seed;
  request.threads = args.threads;

  std::unique_ptr<Store> store;
  if (args.leads || !args.save.empty()) {
    auto opened = OpenStore(global.db_url);
    if (!opened.ok()) {
      fmt::print(stderr, "segment: cannot open the database {}: {}\n", global.db_url,
                 opened.status().message());
      return 1;
    }
    store = std::move(opened).value();
  }

  std::shared_ptr<const ml::SegmentationModel> model;
  std::string saved;
  nlohmann::json json;
  if (!args.save.empty()) {
    SystemClock clock;
    SegmentationService service(*store, clock);
    auto built = service.Build(request);
    if (!built.ok()) {
      fmt::print(stderr, "segment: {}\n", built.status().message());
      return 1;
    }
    model = built->model;
    json = SegmentationDetailJson(*built);
    saved = fmt::format("Saved as segmentation {} '{}'{}.", built->row.id, built->row.name,
                        built->row.is_default ? " (the default)" : "");
  } else {
    auto built = ComputeSegmentation(request, store.get());
    if (!built.ok()) {
      fmt::print(stderr, "segment: {}\n", built.status().message());
      return 1;
    }
    model = std::make_shared<const ml::SegmentationModel>(std::move(built->model));
    json = model->ToJson();
  }
  if (args.json) {
    json.erase("sample");  // the scatter-plot points: in the saved model, not on the terminal
    std::cout << json.dump(2) << "\n";
  } else {
    PrintTable(*model, saved);
  }
  return 0;
}

}  // namespace

void AddSegmentCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<SegmentArgs>();
  CLI::App* cmd = app.add_subcommand(
      "segment", "group customers into personas with K-Means (elbow, silhouette, personas)");
  cmd->add_option("--csv", args->csv, "a customer CSV file (comma or semicolon separated)");
  cmd->add_flag("--leads", args->leads, "segment the leads in the database instead");
  cmd->add_option("--features", args->features,
                  "comma-separated numeric columns, e.g. \"Annual Income (k$),Spending Score "
                  "(1-100)\" or \"age,campaign\"; with --leads, default: age and balance, or "
                  "age and campaign when the leads have no balance (docs/SEGMENTS.md)");
  cmd->add_option("--k", args->k, "number of clusters (1-10); default: the elbow's knee")
      ->check(CLI::Range(1, 10));
  cmd->add_flag("--json", args->json, "print JSON instead of tables");
  cmd->add_option("--save", args->save, "save it in the database under this name");
  cmd->add_flag("--default", args->make_default, "with --save: make it the default segmentation");
  cmd->add_option("--seed", args->seed, "random seed (same seed, same result)")
      ->capture_default_str();
  cmd->add_option("--threads", args->threads, "worker threads; 0 = every core")
      ->capture_default_str();
  cmd->callback([args, &global, exit_code] { *exit_code = RunSegment(*args, global); });
}

}  // namespace leadscore::cli
