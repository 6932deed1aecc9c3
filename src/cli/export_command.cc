// `leadscore export [FILE|-] [--status S] [--grade G] [--db URL]`: writes every lead with its
// status, owner, score and grade as CSV (see service/lead_export.h). A file is written under a
// temporary name and renamed when complete, so a failed export never leaves half a file.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/clock.h"
#include "service/lead_export.h"
#include "store/store.h"

namespace leadscore::cli {
namespace {

struct ExportArgs {
  std::string file = "-";
  std::string status;
  std::string grade;
  std::string db_url;
};

int RunExport(const ExportArgs& args, const GlobalOptions& global) {
  ExportOptions options;
  if (!args.status.empty()) {
    options.status = ParseLeadStatus(args.status);
    if (!options.status) {
      fmt::print(stderr, "export: unknown status '{}' (pending, contacted, converted, rejected)\n",
                 args.status);
      return 1;
    }
  }
  if (!args.grade.empty()) options.grade = args.grade;
  const std::string& url = args.db_url.empty() ? global.db_url : args.db_url;
  auto store = OpenStore(url);
  if (!store.ok()) {
    fmt::print(stderr, "export: cannot open the database {}: {}\n", url, store.status().message());
    return 1;
  }
  SystemClock clock;
  if (args.file == "-") {
    auto written = ExportLeadsToStream(**store, clock, options, std::cout);
    if (!written.ok()) {
      fmt::print(stderr, "export: {}\n", written.status().message());
      return 1;
    }
    return 0;
  }
  std::string temp = args.file + ".part";
  Result<int64_t> written = Status::Internal("not written");
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      fmt::print(stderr, "export: cannot write {}\n", temp);
      return 1;
    }
    written = ExportLeadsToStream(**store, clock, options, out);
  }
  if (!written.ok() || std::rename(temp.c_str(), args.file.c_str()) != 0) {
    std::remove(temp.c_str());
    fmt::print(stderr, "export: {}\n",
               written.ok() ? fmt::format("cannot write {}", args.file) : written.status().message());
    return 1;
  }
  fmt::print(stderr, "exported {} leads to {}\n", *written, args.file);
  return 0;
}

}  // namespace

void AddExportCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export", "write every lead with status, owner, score and grade as CSV");
  cmd->add_option("file", args->file, "output file, or - for stdout")->capture_default_str();
  cmd->add_option("--status", args->status, "only leads with this status now");
  cmd->add_option("--grade", args->grade, "only leads with this grade (A..D)");
  cmd->add_option("--db", args->db_url, "database (default: the global --db)");
  cmd->callback([args, &global, exit_code] { *exit_code = RunExport(*args, global); });
}

}  // namespace leadscore::cli
