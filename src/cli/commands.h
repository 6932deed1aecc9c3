// The subcommands of `leadscore`. Each lives in its own src/cli/<name>_command.cc and adds
// itself to the app with one Add…Command function; app.cc calls them all.
#pragma once

#include <CLI/CLI.hpp>

namespace leadscore::cli {

// Shared options of every subcommand.
struct GlobalOptions {
  // Where the data lives: "sqlite:PATH", a plain path, or "postgresql://…". Defaults to
  // $LEADSCORE_DB, else sqlite:data/leadscore.db.
  std::string db_url;
  bool verbose = false;
};

// Each Add…Command registers a subcommand whose callback sets the process exit code through
// *exit_code (0 success, 1 failure) and prints failures itself.
// (one line per subcommand below)
void AddGenerateCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddImportCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddExportCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddDemoCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddTrainCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddScoreCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddEvaluateCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddSegmentCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddServeCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddUserCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);

}  // namespace leadscore::cli
