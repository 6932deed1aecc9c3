// The command-line interface: builds the CLI11 app with every subcommand and runs it.
#pragma once

namespace leadscore::cli {

// Returns the process exit code: 0 on success, 1 on a failed command, 2 on a usage error.
int RunApp(int argc, char** argv);

}  // namespace leadscore::cli
