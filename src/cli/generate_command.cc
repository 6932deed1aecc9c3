// `leadscore generate --rows N --seed S [--out FILE] [--layout additional|full]`: writes a
// synthetic bank-marketing CSV (see service/lead_generator.h) to a file or to stdout.
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "service/lead_generator.h"

namespace leadscore::cli {

void AddGenerateCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  struct Options {
    int64_t rows = 1000;
    uint64_t seed = 1;
    std::string out = "-";
    std::string layout = "additional";
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "generate", "write a synthetic CSV in a UCI bank-marketing layout (for demos, benchmarks)");
  cmd->add_option("--rows", options->rows, "number of rows")->required()->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", options->seed, "random seed; the same seed gives the same file")
      ->capture_default_str();
  cmd->add_option("--out", options->out, "output file, or - for stdout")->capture_default_str();
  cmd->add_option("--layout", options->layout, "additional (bank-additional-full) or full (bank-full)")
      ->capture_default_str();
  cmd->callback([options, exit_code] {
    auto layout = ParseCsvLayout(options->layout);
    if (!layout.ok()) {
      fmt::print(stderr, "generate: {}\n", layout.status().message());
      *exit_code = 1;
      return;
    }
    GeneratorOptions generator{options->rows, options->seed, *layout};
    Status status;
    if (options->out == "-") {
      status = GenerateLeadCsv(generator, std::cout);
    } else {
      std::ofstream file(options->out, std::ios::binary | std::ios::trunc);
      if (!file) {
        fmt::print(stderr, "generate: cannot write {}\n", options->out);
        *exit_code = 1;
        return;
      }
      status = GenerateLeadCsv(generator, file);
    }
    if (!status.ok()) {
      fmt::print(stderr, "generate: {}\n", status.message());
      *exit_code = 1;
    }
  });
}

}  // namespace leadscore::cli
