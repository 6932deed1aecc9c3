#include "cli/app.h"

#include <cstdlib>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "cli/commands.h"

namespace leadscore::cli {

int RunApp(int argc, char** argv) {
  CLI::App app{"leadscore: lead scoring and customer segmentation for bank telemarketing"};
  app.require_subcommand(1);

  GlobalOptions global;
  const char* env_db = std::getenv("LEADSCORE_DB");
  global.db_url = env_db && *env_db ? env_db : "sqlite:data/leadscore.db";
  app.add_option("--db", global.db_url,
                 "database: sqlite:PATH or postgresql://USER@HOST:PORT/NAME (env LEADSCORE_DB)");
  app.add_flag("-v,--verbose", global.verbose, "log debug messages");

  int exit_code = 0;
  // Subcommands (one line each):
  AddGenerateCommand(app, global, &exit_code);
  AddImportCommand(app, global, &exit_code);
  AddExportCommand(app, global, &exit_code);
  AddDemoCommand(app, global, &exit_code);
  AddTrainCommand(app, global, &exit_code);
  AddScoreCommand(app, global, &exit_code);
  AddEvaluateCommand(app, global, &exit_code);
  AddSegmentCommand(app, global, &exit_code);
  AddServeCommand(app, global, &exit_code);
  AddUserCommand(app, global, &exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}

}  // namespace leadscore::cli
