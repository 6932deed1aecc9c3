// `leadscore score`: refreshes every lead's score with the active model, as one job with a
// progress line (the same job the web app's "Refresh Skor ML" runs; if one is already running,
// this joins it and follows its progress). All or nothing: on failure the old scores stay.
//
// `leadscore score --worker` starts no refresh: it helps the one running on the database,
// whichever server or process started it, by scoring chunks of it (docs/OPERATIONS.md, "Extra
// refresh workers"). It runs until SIGINT or SIGTERM, looking for work every --poll ms; with
// --once it helps the refresh running now, if any, and exits (nothing running: nothing to do).
#include <fmt/format.h>

#include <chrono>
#include <csignal>
#include <memory>

#include "cli/commands.h"
#include "service/refresh_helper.h"
#include "service/scoring_service.h"

namespace leadscore::cli {
namespace {

struct ScoreArgs {
  std::string by = "cli";
  bool worker = false;
  bool once = false;
  int poll_ms = 1000;
  int64_t chunk_rows = ScoringOptions{}.chunk_rows;
};

Status RunScore(const GlobalOptions& global, const ScoreArgs& args) {
  LS_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenStore(global.db_url));
  SystemClock clock;
  ActiveModelCache cache(*store, clock);
  ScoringOptions options;
  options.chunk_rows = args.chunk_rows;
  ScoringService scoring(*store, clock, cache, options);
  auto start = std::chrono::steady_clock::now();
  LS_ASSIGN_OR_RETURN(Job job, scoring.RunRefresh(args.by, [](int64_t done, int64_t total) {
    fmt::print(stderr, "\rscoring: {} / {} leads ({:.0f} %)", done, total,
               total ? 100.0 * done / total : 100.0);
    return Status::Ok();
  }));
  fmt::print(stderr, "\n");
  if (job.state != JobState::kDone) {
    return Status::Internal(
        fmt::format("refresh job {} failed: {} (old scores kept)", job.id, job.error));
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print("refresh job {}: {} leads scored in {:.2f} s\n", job.id, job.done, seconds);
  return Status::Ok();
}

// One pass over the refresh running now.
Status HelpOnce(ScoringService& scoring) {
  LS_ASSIGN_OR_RETURN(RefreshHelp help, scoring.HelpRefresh());
  if (help.job_id == 0) {
    fmt::print("no score refresh is running; nothing to do\n");
  } else if (help.holder_gone) {
    fmt::print(
        "refresh job {} was left by a process that stopped: marked failed, old scores "
        "kept\n",
        help.job_id);
  } else {
    fmt::print("refresh job {}: {} chunks ({} leads) scored by this worker\n", help.job_id,
               help.chunks, help.leads);
  }
  return Status::Ok();
}

Status RunWorker(const GlobalOptions& global, const ScoreArgs& args) {
  // Block the stop signals before any thread starts; this thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  if (!args.once) pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  LS_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenStore(global.db_url));
  SystemClock clock;
  ActiveModelCache cache(*store, clock);
  ScoringService scoring(*store, clock, cache);
  if (args.once) return HelpOnce(scoring);
  fmt::print("score worker {} helping the refreshes of {} (every {} ms); stop with Ctrl-C\n",
             scoring.claimer(), store->engine(), args.poll_ms);
  std::fflush(stdout);
  {
    RefreshHelper helper(scoring, std::chrono::milliseconds(args.poll_ms));
    int signal = 0;
    sigwait(&signals, &signal);
  }
  fmt::print("score worker stopped\n");
  return Status::Ok();
}

}  // namespace

void AddScoreCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<ScoreArgs>();
  CLI::App* cmd = app.add_subcommand(
      "score", "refresh every lead's score with the active model (all or nothing)");
  cmd->add_option("--by", args->by, "recorded as who started the job")->capture_default_str();
  cmd->add_option("--chunk-rows", args->chunk_rows,
                  "leads per chunk (the share one server or worker takes at a time)")
      ->check(CLI::Range(int64_t{100}, int64_t{10'000'000}))
      ->capture_default_str();
  cmd->add_flag("--worker", args->worker,
                "start no refresh: help the one running on the database (any server's) by "
                "scoring chunks of it, until stopped");
  cmd->add_flag("--once", args->once,
                "with --worker: help the refresh running now, if any, then exit");
  cmd->add_option("--poll", args->poll_ms, "with --worker: how often (ms) to look for work")
      ->check(CLI::Range(10, 3600 * 1000))
      ->capture_default_str();
  cmd->callback([&global, args, exit_code] {
    if (args->once && !args->worker) {
      fmt::print(stderr, "score: --once goes with --worker\n");
      *exit_code = 2;
      return;
    }
    Status s = args->worker ? RunWorker(global, *args) : RunScore(global, *args);
    if (!s.ok()) {
      fmt::print(stderr, "score: {}\n", s.message());
      *exit_code = 1;
    }
  });
}

}  // namespace leadscore::cli
