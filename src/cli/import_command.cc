// `leadscore import FILE [--skip-bad] [--db URL]`: loads a CSV of leads into the database, all
// or nothing (see service/lead_import.h); a row of a customer the portal has (same customer key)
// updates that lead. Prints the new, updated and unchanged counts, and every bad line with its
// reason.
// `leadscore import --history FILE`: stores a labelled CSV (with `y`) as campaign history,
// training data that no call list shows (service/campaign.h), all or nothing.
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/progress_line.h"
#include "core/clock.h"
#include "service/campaign.h"
#include "service/lead_import.h"
#include "store/store.h"

namespace leadscore::cli {
namespace {

struct ImportArgs {
  std::string file;
  bool skip_bad = false;
  bool history = false;
  std::string db_url;  // overrides the global --db when given after the subcommand
};

int RunImport(const ImportArgs& args, const GlobalOptions& global) {
  const std::string& url = args.db_url.empty() ? global.db_url : args.db_url;
  auto store = OpenStore(url);
  if (!store.ok()) {
    fmt::print(stderr, "import: cannot open the database {}: {}\n", url, store.status().message());
    return 1;
  }
  SystemClock clock;
  if (args.history) {
    if (args.skip_bad) {
      fmt::print(stderr, "import: --skip-bad does not apply to --history: a history file is "
                         "taken whole or not at all\n");
      return 2;
    }
    auto reader = CsvReader::FromFile(args.file);
    auto imported = reader.ok() ? ImportHistory(**store, clock, std::move(*reader), "cli")
                                : Result<HistoryImport>(reader.status());
    if (!imported.ok()) {
      fmt::print(stderr, "import: {} refused, nothing was written: {}\n", args.file,
                 imported.status().message());
      return 1;
    }
    fmt::print("stored {} history row{} from {}; the history now holds {} rows (train a model "
               "to learn from them)\n",
               imported->imported, imported->imported == 1 ? "" : "s", args.file, imported->rows);
    return 0;
  }
  // Two lines: the file read and checked, then the good rows written.
  ProgressLine reading("import: reading");
  ProgressLine writing("import: writing");
  ImportOptions options;
  options.skip_bad = args.skip_bad;
  options.progress = [&reading, &writing](const ImportProgress& p) {
    if (p.rows_to_write == 0) {
      reading.Update(static_cast<double>(p.bytes_done), static_cast<double>(p.bytes_total),
                     p.rows_read);
      return;
    }
    reading.Finish();
    writing.Update(static_cast<double>(p.rows_written), static_cast<double>(p.rows_to_write),
                   p.rows_written);
  };
  auto report = ImportLeadsFromFile(**store, clock, args.file, options);
  reading.Finish();
  writing.Finish();
  if (!report.ok()) {
    fmt::print(stderr, "import: {} refused, nothing was written: {}\n", args.file,
               report.status().message());
    return 1;
  }
  if (!report->committed) {
    fmt::print(stderr,
               "import: {} refused, nothing was written: {} of {} rows are bad "
               "(fix them, or import the good rows with --skip-bad):\n{}",
               args.file, report->bad_rows, report->rows_read, report->BadLinesText());
    return 1;
  }
  fmt::print("imported {} row{} from {}: {} new lead{}, {} updated, {} unchanged ({} known columns",
             report->rows_imported, report->rows_imported == 1 ? "" : "s", args.file,
             report->created, report->created == 1 ? "" : "s", report->updated,
             report->unchanged, report->bank_columns.size());
  if (!report->extra_columns.empty()) {
    fmt::print("; kept as extra: {}", fmt::join(report->extra_columns, ", "));
  }
  if (!report->ignored_columns.empty()) {
    fmt::print("; ignored: {}", fmt::join(report->ignored_columns, ", "));
  }
  fmt::print(")\n");
  if (report->fake_identities > 0) {
    fmt::print("{} new lead{} had no name or phone and got a made-up identity (Nasabah NNNNNN, "
               "+62 000 …)\n",
               report->fake_identities, report->fake_identities == 1 ? "" : "s");
  }
  if (report->bad_rows > 0) {
    fmt::print(stderr, "skipped {} bad rows:\n{}", report->bad_rows, report->BadLinesText());
  }
  return 0;
}

}  // namespace

void AddImportCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "import", "import leads from a CSV (UCI bank-additional-full or bank-full layout, or a "
                "bank's own export); a file with bad rows is refused whole");
  cmd->add_option("file", args->file, "the CSV file")->required();
  cmd->add_flag("--skip-bad", args->skip_bad, "import the good rows and list the bad ones");
  cmd->add_flag("--history", args->history,
                "store the labelled rows (with `y`) as campaign history for training; no call "
                "list shows them");
  cmd->add_option("--db", args->db_url, "database (default: the global --db)");
  cmd->callback([args, &global, exit_code] { *exit_code = RunImport(*args, global); });
}

}  // namespace leadscore::cli
