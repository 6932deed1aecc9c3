// `leadscore score`: refreshes every lead's score with the active model, as one job with a
// progress line (the same job the web app's "Refresh Skor ML" runs; if one is already running,
// this joins it and follows its progress). All or nothing: on failure the old scores stay.
#include <chrono>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "service/scoring_service.h"

namespace leadscore::cli {
namespace {

Status RunScore(const GlobalOptions& global, const std::string& by) {
  LS_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenStore(global.db_url));
  SystemClock clock;
  ActiveModelCache cache(*store, clock);
  ScoringService scoring(*store, clock, cache);
  auto start = std::chrono::steady_clock::now();
  LS_ASSIGN_OR_RETURN(Job job, scoring.RunRefresh(by, [](int64_t done, int64_t total) {
    fmt::print(stderr, "\rscoring: {} / {} leads ({:.0f} %)", done, total,
               total ? 100.0 * done / total : 100.0);
    return Status::Ok();
  }));
  fmt::print(stderr, "\n");
  if (job.state != JobState::kDone) {
    return Status::Internal(fmt::format("refresh job {} failed: {} (old scores kept)", job.id,
                                        job.error));
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print("refresh job {}: {} leads scored in {:.2f} s\n", job.id, job.done, seconds);
  return Status::Ok();
}

}  // namespace

void AddScoreCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto by = std::make_shared<std::string>("cli");
  CLI::App* cmd = app.add_subcommand(
      "score", "refresh every lead's score with the active model (all or nothing)");
  cmd->add_option("--by", *by, "recorded as who started the job")->capture_default_str();
  cmd->callback([&global, by, exit_code] {
    Status s = RunScore(global, *by);
    if (!s.ok()) {
      fmt::print(stderr, "score: {}\n", s.message());
      *exit_code = 1;
    }
  });
}

}  // namespace leadscore::cli
