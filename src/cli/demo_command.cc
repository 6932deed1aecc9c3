// `leadscore demo [--db URL] [--force]`: builds the demo database from the bundled data if it is
// not there yet (see service/demo.h); run by `make run` before the server starts.
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/progress_line.h"
#include "core/clock.h"
#include "service/demo.h"

namespace leadscore::cli {
namespace {

struct DemoArgs {
  bool force = false;
  std::string data_dir = "data";
  std::string db_url;
};

int RunDemo(const DemoArgs& args, const GlobalOptions& global) {
  DemoOptions options;
  options.db_url = args.db_url.empty() ? global.db_url : args.db_url;
  options.data_dir = args.data_dir;
  options.force = args.force;
  ProgressLine progress("demo: importing leads");
  options.import_progress = [&progress](const ImportProgress& p) {
    progress.Update(static_cast<double>(p.bytes_done), static_cast<double>(p.bytes_total),
                    p.rows_read);
  };
  SystemClock clock;
  auto report = EnsureDemoDatabase(options, clock);
  progress.Finish();
  if (!report.ok()) {
    fmt::print(stderr, "demo: {}\n", report.status().message());
    return 1;
  }
  for (const auto& step : report->steps) {
    fmt::print("demo: {}: {}\n", step.name, step.detail);
  }
  fmt::print("demo: {} ({})\n",
             report->created ? "demo database ready" : "demo database already there, left alone",
             options.db_url);
  return 0;
}

}  // namespace

void AddDemoCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<DemoArgs>();
  CLI::App* cmd = app.add_subcommand(
      "demo", "create the demo database from the bundled data if it does not exist yet");
  cmd->add_flag("--force", args->force, "SQLite: delete the database and build it again");
  cmd->add_option("--data", args->data_dir, "folder of the bundled data")->capture_default_str();
  cmd->add_option("--db", args->db_url, "database (default: the global --db)");
  cmd->callback([args, &global, exit_code] { *exit_code = RunDemo(*args, global); });
}

}  // namespace leadscore::cli
