#include "service/scoring_service.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/grades.h"
#include "service/chunk_scorer.h"

namespace leadscore {
namespace {

// A claim that finds the refresh lock held but no job running yet (its holder loads the model
// before it creates the job, or is changing the grade bands) looks again every kJoinPoll, for
// at most kJoinWait. A follower of another process's job reads its progress every kFollowPoll
// and, every kHolderCheckEvery reads, checks that the lock's holder is still alive.
constexpr auto kJoinWait = std::chrono::seconds(10);
constexpr auto kJoinPoll = std::chrono::milliseconds(10);
constexpr auto kFollowPoll = std::chrono::milliseconds(200);
constexpr int kHolderCheckEvery = 5;

constexpr const char* kInterrupted = "interrupted: the process running it stopped; old scores kept";

// host:pid:random, unique among the claimers of one database's chunks.
std::string NewClaimerId() {
  char host[256] = {0};
  if (gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  std::random_device random;
  return fmt::format("{}:{}:{:08x}", host, static_cast<long>(getpid()), random());
}

bool Finished(const Job& job) {
  return job.state == JobState::kDone || job.state == JobState::kFailed;
}

// The setting's value: {"bands": [a, b, c]} or {"bands": null}.
std::string BandsJson(const std::optional<std::vector<double>>& bands) {
  nlohmann::json value = {{"bands", bands ? nlohmann::json(*bands) : nlohmann::json(nullptr)}};
  return value.dump();
}

Result<GradeBands> ParseGradeBands(const Setting& setting) {
  GradeBands out;
  out.updated_at = setting.updated_at;
  out.updated_by = setting.updated_by;
  const nlohmann::json value = nlohmann::json::parse(setting.value_json, nullptr, false);
  const auto malformed = Status::Internal("the stored grade bands are malformed");
  if (!value.is_object() || !value.contains("bands")) return malformed;
  const nlohmann::json& bands = value["bands"];
  if (bands.is_null()) return out;
  if (!bands.is_array()) return malformed;
  std::vector<double> cuts;
  for (const auto& b : bands) {
    if (!b.is_number()) return malformed;
    cuts.push_back(b.get<double>());
  }
  if (!ValidateGradeBands(cuts).ok()) return malformed;
  out.bands = std::move(cuts);
  return out;
}

}  // namespace

nlohmann::json LeadScore::ToJson() const {
  return {{"score", score},
          {"grade", grade},
          {"reasons", ml::ExpandReasons(reasons)},
          {"model_id", model_id}};
}

ScoringService::ScoringService(Store& store, const Clock& clock, ActiveModelCache& cache,
                               ScoringOptions options)
    : store_(store), clock_(clock), cache_(cache), options_(options), claimer_(NewClaimerId()) {}

ScoringService::~ScoringService() { WaitForRefresh(); }

void ScoringService::WaitForRefresh() {
  std::thread worker;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    worker = std::move(worker_);
  }
  if (worker.joinable()) worker.join();
}

Result<ScoringService::Claim> ScoringService::ClaimRefresh(const std::string& by) {
  const auto deadline = std::chrono::steady_clock::now() + kJoinWait;
  while (true) {
    auto lock = store_.TryLock(kRefreshLockName);
    if (lock.ok()) return ClaimLocked(std::move(lock).value(), by);
    if (lock.status().code() != StatusCode::kConflict) return lock.status();
    // Someone holds the lock: join their job, once it exists.
    LS_ASSIGN_OR_RETURN(std::optional<Job> running, store_.GetRunningJob(kRefreshJobKind));
    if (running) {
      Claim claim;
      claim.job = *running;
      claim.joined = true;
      return claim;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return Status::Conflict("a score refresh is starting; try again in a moment")
          .With("refresh_starting");
    }
    std::this_thread::sleep_for(kJoinPoll);
  }
}

Result<ScoringService::Claim> ScoringService::ClaimLocked(std::unique_ptr<NamedLock> lock,
                                                          const std::string& by) {
  Claim claim;
  claim.lock = std::move(lock);
  // Every refresh holds the lock for as long as its job runs, in whichever process: holding it
  // now, a job still marked running was left by a process that died.
  LS_ASSIGN_OR_RETURN(std::optional<Job> orphan, store_.GetRunningJob(kRefreshJobKind));
  if (orphan) {
    LS_RETURN_IF_ERROR(store_.FailJob(orphan->id, kInterrupted, clock_.NowMs()));
  }
  LS_ASSIGN_OR_RETURN(claim.model, cache_.Get());
  LS_ASSIGN_OR_RETURN(int64_t total, store_.CountLeads());
  LS_ASSIGN_OR_RETURN(int64_t job_id,
                      store_.CreateJob(kRefreshJobKind, by, total, clock_.NowMs()));
  LS_ASSIGN_OR_RETURN(claim.job, store_.GetJob(job_id));
  return claim;
}

Result<Job> ScoringService::StartRefresh(const std::string& by) {
  LS_ASSIGN_OR_RETURN(Claim claim, ClaimRefresh(by));
  if (claim.joined) return claim.job;
  std::lock_guard<std::mutex> guard(mutex_);
  if (worker_.joinable()) worker_.join();  // the previous refresh, finished (we hold the lock)
  Job job = claim.job;
  worker_ = std::thread([this, claim = std::move(claim)]() mutable {
    Status s = RunClaimed(claim.job.id, *claim.model, nullptr);
    if (!s.ok()) spdlog::warn("score refresh {} failed: {}", claim.job.id, s.ToString());
    claim.lock.reset();
  });
  return job;
}

Result<Job> ScoringService::RunRefresh(const std::string& by, const RefreshProgress& progress) {
  LS_ASSIGN_OR_RETURN(Claim claim, ClaimRefresh(by));
  // Joined: follow the running job until it ends. Should its process die (the lock comes free
  // while the job still reads running), take over: the job is failed as orphaned and this
  // refresh runs instead.
  for (int reads = 1; claim.joined; ++reads) {
    LS_ASSIGN_OR_RETURN(Job job, store_.GetJob(claim.job.id));
    if (Finished(job)) return job;
    if (progress) LS_RETURN_IF_ERROR(progress(job.done, job.total));
    std::this_thread::sleep_for(kFollowPoll);
    if (reads % kHolderCheckEvery != 0) continue;
    auto lock = store_.TryLock(kRefreshLockName);
    if (!lock.ok()) {
      if (lock.status().code() == StatusCode::kConflict) continue;  // the holder is alive
      return lock.status();
    }
    LS_ASSIGN_OR_RETURN(Job now, store_.GetJob(claim.job.id));
    if (Finished(now)) return now;  // it ended just before the lock came free
    LS_ASSIGN_OR_RETURN(claim, ClaimLocked(std::move(lock).value(), by));
  }
  (void)RunClaimed(claim.job.id, *claim.model, progress);  // the outcome is in the job
  claim.lock.reset();
  return store_.GetJob(claim.job.id);
}

Result<Job> ScoringService::GetJob(int64_t id) { return store_.GetJob(id); }

Status ScoringService::RunClaimed(int64_t job_id, const LoadedModel& model,
                                  const RefreshProgress& progress) {
  Status s = RefreshScores(job_id, model, progress);
  Status recorded = s.ok() ? store_.FinishJob(job_id, clock_.NowMs())
                           : store_.FailJob(job_id, s.message(), clock_.NowMs());
  if (!recorded.ok()) spdlog::error("job {}: {}", job_id, recorded.ToString());
  return s;
}

Result<std::vector<double>> ScoringService::ProvisionalBands(
    const std::optional<std::vector<double>>& admin, const LoadedModel& model,
    std::pair<int64_t, int64_t> ids) {
  if (admin) return *admin;
  auto current = store_.ScoreQuantiles(kQuartileProbabilities);
  if (current.ok()) return *current;
  // No scores yet: the quartiles of a first batch, so that the final grades move few rows.
  std::vector<double> bands = kFallbackGradeBands;
  LeadScan scan;
  scan.batch_size = options_.batch_size;
  scan.min_id = ids.first;
  scan.max_id = std::min<int64_t>(ids.second,
                                  ids.first + static_cast<int64_t>(options_.batch_size) - 1);
  LS_RETURN_IF_ERROR(store_.ScanLeads(scan, [&](const std::vector<Lead>& batch) -> Status {
    LS_ASSIGN_OR_RETURN(std::vector<float> predicted, model.model.Predict(batch));
    bands = QuartileCutoffs(std::move(predicted));
    return Status::Ok();
  }));
  return bands;
}

Status ScoringService::RefreshScores(int64_t job_id, const LoadedModel& model,
                                     const RefreshProgress& progress) {
  using SteadyClock = std::chrono::steady_clock;
  const auto started = SteadyClock::now();
  LS_ASSIGN_OR_RETURN(Job job, store_.GetJob(job_id));
  const std::optional<std::vector<double>> admin = grade_bands();
  LS_ASSIGN_OR_RETURN(auto ids, store_.LeadIdRange());
  LS_ASSIGN_OR_RETURN(std::vector<double> bands, ProvisionalBands(admin, model, ids));

  LS_ASSIGN_OR_RETURN(std::unique_ptr<ScoreWriter> writer,
                      store_.BeginScoreRefresh(model.version_id));
  own_run_ = writer->run_id();
  struct Disown {
    std::atomic<int64_t>& run;
    ~Disown() { run = 0; }
  } disown{own_run_};
  LS_RETURN_IF_ERROR(
      writer->PlanChunks(job_id, bands, SplitIdRange(ids, job.total, options_.chunk_rows)));

  // This thread scores chunks like any helper; then it waits for the chunks others hold, and
  // takes over any whose lease runs out.
  ChunkScorerOptions scorer_options;
  scorer_options.claimer = claimer_;
  scorer_options.batch_size = options_.batch_size;
  scorer_options.lease = options_.chunk_lease;
  scorer_options.keep_scores = !admin;
  ChunkScorer scorer(store_, *writer, model, bands, clock_, scorer_options);
  ChunkCounts counts;
  int64_t reported = -1;
  while (true) {
    LS_RETURN_IF_ERROR(scorer.Run(progress));
    LS_ASSIGN_OR_RETURN(counts, writer->CountChunks(clock_.NowMs()));
    if (counts.done >= counts.total) break;
    if (counts.claimable > 0) continue;  // a claimer's lease ran out: take its chunk
    if (progress) {
      LS_ASSIGN_OR_RETURN(job, store_.GetJob(job_id));
      if (job.done != reported) LS_RETURN_IF_ERROR(progress(job.done, job.total));
      reported = job.done;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(options_.chunk_wait));
  }

  std::vector<double> final_bands;
  if (admin) {
    final_bands = *admin;
  } else if (scorer.chunks() == counts.total) {
    final_bands = QuartileCutoffs(std::move(scorer.scores()));
  } else {  // others scored some chunks: the quartiles of every score of the run
    LS_ASSIGN_OR_RETURN(std::vector<float> all, writer->RunScores());
    final_bands = QuartileCutoffs(std::move(all));
  }
  if (final_bands != bands) LS_RETURN_IF_ERROR(writer->SetFinalBands(final_bands));
  const auto committing = SteadyClock::now();
  LS_RETURN_IF_ERROR(writer->Commit());
  auto ms = [](SteadyClock::duration d) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  };
  spdlog::info(
      "refresh of {} leads: {} ms reading and writing ({} ms predicting, {} ms writing, "
      "overlapped; {} of {} chunks here), {} ms committing",
      job.total, ms(committing - started), ms(scorer.predicting()), ms(scorer.writing()),
      scorer.chunks(), counts.total, ms(SteadyClock::now() - committing));
  std::lock_guard<std::mutex> lock(mutex_);
  cached_bands_ = final_bands;
  bands_at_ = clock_.NowMs();
  return Status::Ok();
}

Result<RefreshHelp> ScoringService::HelpRefresh(const std::atomic<bool>* stop) {
  RefreshHelp help;
  LS_ASSIGN_OR_RETURN(std::optional<RefreshWork> work, store_.FindRefreshWork(clock_.NowMs()));
  if (!work || work->run_id == own_run_) return help;
  help.job_id = work->job_id;
  // A refresh's holder keeps the lock until its run is committed or dropped: the lock free
  // while the run is open means that the holder died.
  auto lock = store_.TryLock(kRefreshLockName);
  if (lock.ok()) {
    LS_RETURN_IF_ERROR(store_.DropScoreRun(work->run_id));
    LS_ASSIGN_OR_RETURN(std::optional<Job> orphan, store_.GetRunningJob(kRefreshJobKind));
    if (orphan) LS_RETURN_IF_ERROR(store_.FailJob(orphan->id, kInterrupted, clock_.NowMs()));
    spdlog::warn("score refresh job {}: its process stopped; its run is dropped, old scores kept",
                 work->job_id);
    help.holder_gone = true;
    return help;
  }
  if (lock.status().code() != StatusCode::kConflict) return lock.status();
  auto writer = store_.OpenScoreWriter(work->run_id);
  if (!writer.ok()) {
    if (writer.status().code() == StatusCode::kNotFound) return help;  // it ended meanwhile
    return writer.status();
  }
  LS_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedModel> model,
                      LoadedVersion(work->model_version));
  ChunkScorerOptions scorer_options;
  scorer_options.claimer = claimer_;
  scorer_options.batch_size = options_.batch_size;
  scorer_options.lease = options_.chunk_lease;
  ChunkScorer scorer(store_, **writer, *model, work->bands, clock_, scorer_options);
  Status scored = scorer.Run([stop](int64_t, int64_t) {
    return stop && *stop ? Status::Unavailable("stopping") : Status::Ok();
  });
  if (!scored.ok() && !(stop && *stop)) return scored;
  help.chunks = scorer.chunks();
  help.leads = scorer.leads();
  if (help.chunks > 0) {
    spdlog::info("score refresh job {}: scored {} chunks ({} leads) here", work->job_id,
                 help.chunks, help.leads);
  }
  return help;
}

Result<std::vector<double>> ScoringService::CurrentBands() {
  LS_ASSIGN_OR_RETURN(GradeBands stored, GetGradeBands());
  if (stored.bands) return *stored.bands;
  std::lock_guard<std::mutex> lock(mutex_);
  TimeMs now = clock_.NowMs();
  // Quartiles cost a scan of the scores: trust the last ones for a while, unless the setting
  // changed since (an admin went back to quartiles, maybe on another server).
  if (!cached_bands_.empty() && now - bands_at_ < options_.bands_recheck &&
      stored.updated_at < bands_at_) {
    return cached_bands_;
  }
  auto current = store_.ScoreQuantiles(kQuartileProbabilities);
  if (!current.ok() && current.status().code() != StatusCode::kFailedPrecondition) {
    return current.status();
  }
  cached_bands_ = current.ok() ? *current : kFallbackGradeBands;
  bands_at_ = now;
  return cached_bands_;
}

Result<LeadScore> ScoringService::Score(const Lead& lead) {
  LS_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedModel> model, cache_.Get());
  LS_ASSIGN_OR_RETURN(std::vector<ml::ScoredLead> scored,
                      model->model.Explain({lead}, /*approximate=*/false));
  LS_ASSIGN_OR_RETURN(std::vector<double> bands, CurrentBands());
  LeadScore out;
  out.score = scored[0].score;
  out.grade = GradeOf(out.score, bands);
  out.reasons = std::move(scored[0].reasons);
  out.model_id = model->version_id;
  return out;
}

Status ScoringService::ScoreAndSave(int64_t lead_id) {
  LS_ASSIGN_OR_RETURN(Lead lead, store_.GetLead(lead_id, clock_.NowMs(), kDefaultRejectPeriod));
  LS_ASSIGN_OR_RETURN(LeadScore s, Score(lead));
  leadscore::Score row;
  row.lead_id = lead_id;
  row.score = s.score;
  row.grade = s.grade;
  row.model_version = s.model_id;
  row.scored_at = clock_.NowMs();  // reasons: explained when the lead is opened
  return store_.UpsertScore(row);
}

Result<std::shared_ptr<const LoadedModel>> ScoringService::LoadedVersion(int64_t version_id) {
  auto active = cache_.Get();
  if (active.ok() && (*active)->version_id == version_id) return *active;
  std::lock_guard<std::mutex> lock(versions_mutex_);
  auto it = std::find_if(versions_.begin(), versions_.end(),
                         [&](const auto& m) { return m->version_id == version_id; });
  if (it != versions_.end()) {
    std::rotate(it, it + 1, versions_.end());  // most recently used last
    return versions_.back();
  }
  LS_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedModel> loaded,
                      LoadModelVersion(store_, version_id));
  if (versions_.size() >= std::max<size_t>(options_.loaded_versions, 1)) {
    versions_.erase(versions_.begin());
  }
  versions_.push_back(loaded);
  return loaded;
}

Result<std::string> ScoringService::ExplainScore(const Lead& lead, int64_t model_version) {
  LS_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedModel> model, LoadedVersion(model_version));
  LS_ASSIGN_OR_RETURN(std::vector<ml::ScoredLead> scored,
                      model->model.Explain({lead}, /*approximate=*/false));
  return ml::ReasonsToJson(scored[0].reasons);
}

Result<GradeBands> ScoringService::GetGradeBands() const {
  LS_ASSIGN_OR_RETURN(std::optional<Setting> setting, store_.GetSetting(kGradeBandsSetting));
  if (!setting) return GradeBands{};
  return ParseGradeBands(*setting);
}

Result<GradeBands> ScoringService::SetGradeBands(std::optional<std::vector<double>> bands,
                                                 const std::string& by) {
  if (bands) LS_RETURN_IF_ERROR(ValidateGradeBands(*bands));
  GradeBands out;
  out.bands = bands;
  out.updated_at = clock_.NowMs();
  out.updated_by = by;
  {
    // A refresh grades with the bands it read when it started: hold its lock, so that none
    // runs while the bands and the stored grades change.
    auto lock = store_.TryLock(kRefreshLockName);
    if (!lock.ok()) {
      if (lock.status().code() != StatusCode::kConflict) return lock.status();
      return Status::Conflict(
                 "a score refresh is running; change the grade bands when it has finished")
          .With("refresh_running");
    }
    Setting setting{kGradeBandsSetting, BandsJson(bands), out.updated_at, by};
    LS_ASSIGN_OR_RETURN(out.regraded, store_.PutSettingAndRegrade(setting, bands));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  admin_bands_ = bands;
  cached_bands_.clear();
  return out;
}

std::optional<std::vector<double>> ScoringService::grade_bands() const {
  auto stored = GetGradeBands();
  std::lock_guard<std::mutex> lock(mutex_);
  if (stored.ok()) {
    admin_bands_ = stored->bands;
  } else {
    spdlog::warn("grade bands: {}; using the last ones read", stored.status().ToString());
  }
  return admin_bands_;
}

}  // namespace leadscore
