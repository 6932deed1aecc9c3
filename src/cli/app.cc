#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

namespace leadscore::cli {

int RunApp(int argc, char** argv) {
  CLI::App app{"leadscore: lead scoring and customer segmentation for bank telemarketing"};
  app.require_subcommand(1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return 0;
}

}  // namespace leadscore::cli
