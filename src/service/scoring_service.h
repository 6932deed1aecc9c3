// ScoringService: the scoring use cases — "Refresh Skor ML" (every lead scored with the active
// model as one background job), a job's progress, and scoring one lead at once (a lead created
// or edited, and what-if scoring of a customer described in a form).
//
// Refresh (docs/MODEL.md, "Scores, grades and reasons"):
//  - one at a time: a second request while one runs gets the running job (same id), whether
//    it runs in this process or in another one — another server or the CLI, on PostgreSQL or
//    SQLite (the named lock "score-refresh" says so; its holder is alive by construction, so a
//    job still marked running while nobody holds the lock was left by a process that died, and
//    only such a job is marked failed);
//  - all or nothing: scores are written through the store's ScoreWriter and committed in one
//    transaction; a failure, a cancel or a crash before the commit leaves the old scores whole;
//  - each lead keeps its previous score (the store takes it as it writes the new one) and gets a
//    grade A–D;
//  - grades: the admin's bands if set, else the quartiles of the new scores. The admin's bands
//    are a stored setting ("grade_bands"), so every server grades alike; changing them regrades
//    every stored score at once, in the transaction that stores them, and is refused (kConflict)
//    while a refresh runs, whose grades would otherwise follow the old bands. Scores are written
//    with provisional bands (the current quartiles, else those of the first batch) and, when the
//    quartiles moved, regraded in the commit;
//  - shared: the holder of the lock splits the leads into chunks by id range
//    (ScoreWriter::PlanChunks); it scores chunks itself (ChunkScorer), and so does every other
//    ScoringService on the database that polls HelpRefresh (each `leadscore serve`, through
//    RefreshHelper, and `leadscore score --worker`), with the run's model version and bands. The
//    holder commits once every chunk is done. A helper that finds the lock free while a run is
//    open knows its holder died: it fails the job and drops the run, the old scores stay whole;
//  - progress (done / total) is written to the jobs table with every chunk, whoever scored it.
//
// A score's reasons (top three contributions up and down, ml/reasons.h) are not stored: they are
// a pure function of the lead and the model version that scored it, so ExplainScore computes
// them with exact TreeSHAP (about half a millisecond) when a lead's page opens. A refresh of a
// million leads then only predicts, which is what keeps it within seconds.
//
// Holds references to the store, the clock and the model cache, which must outlive it. Owns the
// background refresh thread and joins it on destruction. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/grades.h"
#include "core/lead.h"
#include "core/status.h"
#include "ml/reasons.h"
#include "service/scoring_model.h"
#include "store/store.h"

namespace leadscore {

struct ScoringOptions {
  size_t batch_size = 20000;     // leads read and predicted at a time
  int64_t chunk_rows = 50000;    // leads per chunk of a refresh (the share one claimer takes)
  TimeMs chunk_lease = 30 * kMsPerSecond;  // a claim's lease; a dead claimer's chunk waits this
  TimeMs chunk_wait = 50;        // how often the holder looks at chunks others are scoring
  size_t loaded_versions = 4;  // model versions kept loaded for ExplainScore besides the active
  TimeMs bands_recheck = 60 * kMsPerSecond;  // how long single-lead grading trusts cached bands
};

// A lead's score as the API shows it.
struct LeadScore {
  double score = 0;
  std::string grade;
  std::vector<ml::Reason> reasons;
  int64_t model_id = 0;
  nlohmann::json ToJson() const;  // {score, grade, reasons (expanded), model_id}
};

// Called after every batch of a refresh with (done, total); a non-OK status cancels the refresh
// (nothing is committed) and becomes the job's error.
using RefreshProgress = std::function<Status(int64_t done, int64_t total)>;

inline constexpr const char* kRefreshJobKind = "refresh";
inline constexpr const char* kRefreshLockName = "score-refresh";
inline constexpr const char* kGradeBandsSetting = "grade_bands";

// The grade bands as stored: the admin's fixed cut-offs, or none (the quartiles of the scores).
struct GradeBands {
  std::optional<std::vector<double>> bands;  // A, B, C cut-offs, descending, in (0, 1)
  TimeMs updated_at = 0;                     // 0: never set
  std::string updated_by;                    // "" when never set
  int64_t regraded = 0;                      // SetGradeBands: the grades it changed
};

// What one HelpRefresh did: the refresh it helped (0: none was running) and its share.
struct RefreshHelp {
  int64_t job_id = 0;
  int64_t chunks = 0;
  int64_t leads = 0;
  bool holder_gone = false;  // the refresh's holder had died: its job was failed, its run dropped
};

class ScoringService {
 public:
  ScoringService(Store& store, const Clock& clock, ActiveModelCache& cache,
                 ScoringOptions options = {});
  ~ScoringService();
  ScoringService(const ScoringService&) = delete;
  ScoringService& operator=(const ScoringService&) = delete;

  // Starts a refresh on the background thread, or returns the running one.
  // kFailedPrecondition when no model is active.
  Result<Job> StartRefresh(const std::string& by);
  // Runs a refresh on the caller's thread (the CLI), or joins the running one: then waits for
  // it, calling `progress` as it advances. Returns the finished job (state done or failed).
  Result<Job> RunRefresh(const std::string& by, const RefreshProgress& progress);
  Result<Job> GetJob(int64_t id);
  // Waits until the background refresh of this process, if any, has ended.
  void WaitForRefresh();
  // Helps the refresh running on the database, if any and not this service's own: scores its
  // claimable chunks with the run's model version until none is left. Nothing to do (no refresh
  // running, or every chunk taken) is not an error: job_id 0 or chunks 0. Safe to call from
  // several threads; meant for a poll (RefreshHelper) and `leadscore score --worker`. Once
  // `*stop` is set it completes the chunk in hand, gives back the rest and returns.
  Result<RefreshHelp> HelpRefresh(const std::atomic<bool>* stop = nullptr);
  // This service's id as a claimer of chunks: host, process and a random part.
  const std::string& claimer() const { return claimer_; }

  // The active model must be reloaded before it scores again (the campaign it applies changed).
  void InvalidateModel() { cache_.Invalidate(); }

  // Scores a lead without saving anything (what-if).
  Result<LeadScore> Score(const Lead& lead);
  // Scores the stored lead now and saves the score (a lead created or edited).
  Status ScoreAndSave(int64_t lead_id);
  // The reasons of a stored score (stored form, ml/reasons.h): `lead` explained with model
  // version `model_version`, the one that scored it. kNotFound if that version is gone.
  Result<std::string> ExplainScore(const Lead& lead, int64_t model_version);

  // The grade bands every server uses, as stored.
  Result<GradeBands> GetGradeBands() const;
  // Stores the admin's bands (three strictly descending cut-offs in (0, 1); kInvalidArgument
  // otherwise) or, with nullopt, a return to the quartiles of the current scores, and regrades
  // every stored score in the same transaction. kConflict while a refresh runs.
  Result<GradeBands> SetGradeBands(std::optional<std::vector<double>> bands, const std::string& by);
  // The admin's bands as stored (nullopt: quartiles); what a refresh grades with. If the
  // setting cannot be read, the last bands read (logged).
  std::optional<std::vector<double>> grade_bands() const;

 private:
  // Creates the job and takes the lock; returns the job, or the running job to join.
  struct Claim {
    Job job;
    bool joined = false;
    std::unique_ptr<NamedLock> lock;
    std::shared_ptr<const LoadedModel> model;
  };
  Result<Claim> ClaimRefresh(const std::string& by);
  // The rest of a claim once the lock is held: fails the orphaned job, if any, creates the job.
  Result<Claim> ClaimLocked(std::unique_ptr<NamedLock> lock, const std::string& by);
  // The body of a refresh whose job and lock are held; marks the job done or failed.
  Status RunClaimed(int64_t job_id, const LoadedModel& model, const RefreshProgress& progress);
  Status RefreshScores(int64_t job_id, const LoadedModel& model, const RefreshProgress& progress);
  // The bands a refresh writes its scores with before the final ones are known: the admin's,
  // else the quartiles of the current scores, else those of a first batch of leads.
  Result<std::vector<double>> ProvisionalBands(const std::optional<std::vector<double>>& admin,
                                               const LoadedModel& model,
                                               std::pair<int64_t, int64_t> ids);
  Result<std::vector<double>> CurrentBands();
  Result<std::shared_ptr<const LoadedModel>> LoadedVersion(int64_t version_id);

  Store& store_;
  const Clock& clock_;
  ActiveModelCache& cache_;
  const ScoringOptions options_;
  const std::string claimer_;
  std::atomic<int64_t> own_run_{0};  // the run this service holds now, 0 if none

  mutable std::mutex mutex_;
  std::thread worker_;                                      // guarded by mutex_
  mutable std::optional<std::vector<double>> admin_bands_;  // last read; guarded by mutex_
  std::vector<double> cached_bands_;                        // guarded by mutex_
  TimeMs bands_at_ = 0;                                     // guarded by mutex_
  // Versions other than the active one that ExplainScore loaded, least recently used first.
  std::mutex versions_mutex_;
  std::vector<std::shared_ptr<const LoadedModel>> versions_;  // guarded by versions_mutex_
};

}  // namespace leadscore
