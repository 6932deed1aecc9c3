#include "service/scoring_service.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace leadscore {
namespace {

// Bands used before any lead has a score and no admin set any: plain probability cut-offs.
const std::vector<double> kFallbackBands = {0.5, 0.3, 0.1};

// {q75, q50, q25} of the scores, nearest rank (as Store::ScoreQuantiles).
std::vector<double> Quartiles(std::vector<float> scores) {
  if (scores.empty()) return kFallbackBands;
  std::sort(scores.begin(), scores.end());
  const size_t n = scores.size();
  std::vector<double> bands;
  for (double p : {0.75, 0.5, 0.25}) {
    size_t k = std::clamp<size_t>(static_cast<size_t>(std::ceil(p * n)), 1, n);
    bands.push_back(scores[k - 1]);
  }
  return bands;
}

}  // namespace

std::string GradeOf(double score, const std::vector<double>& bands) {
  if (bands.size() == 3) {
    if (score >= bands[0]) return "A";
    if (score >= bands[1]) return "B";
    if (score >= bands[2]) return "C";
  }
  return "D";
}

nlohmann::json LeadScore::ToJson() const {
  return {{"score", score},
          {"grade", grade},
          {"reasons", ml::ExpandReasons(reasons)},
          {"model_id", model_id}};
}

ScoringService::ScoringService(Store& store, const Clock& clock, ActiveModelCache& cache,
                               ScoringOptions options)
    : store_(store), clock_(clock), cache_(cache), options_(options) {}

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
  Claim claim;
  auto lock = store_.TryLock(kRefreshLockName);
  if (!lock.ok()) {
    if (lock.status().code() != StatusCode::kConflict) return lock.status();
    // Someone holds the lock: join their job.
    LS_ASSIGN_OR_RETURN(std::optional<Job> running, store_.GetRunningJob(kRefreshJobKind));
    if (!running) return Status::Conflict("a score refresh is starting; try again in a moment");
    claim.job = *running;
    claim.joined = true;
    return claim;
  }
  claim.lock = std::move(lock).value();
  // Holding the lock, a job still marked running was left by a process that stopped.
  LS_ASSIGN_OR_RETURN(std::optional<Job> orphan, store_.GetRunningJob(kRefreshJobKind));
  if (orphan) {
    LS_RETURN_IF_ERROR(store_.FailJob(
        orphan->id, "interrupted: the process running it stopped; old scores kept",
        clock_.NowMs()));
  }
  LS_ASSIGN_OR_RETURN(claim.model, cache_.Get());
  LS_ASSIGN_OR_RETURN(int64_t total, store_.CountLeads());
  LS_ASSIGN_OR_RETURN(int64_t job_id,
                      store_.CreateJob(kRefreshJobKind, by, total, clock_.NowMs()));
  LS_ASSIGN_OR_RETURN(claim.job, store_.GetJob(job_id));
  return claim;
}

Result<Job> ScoringService::StartRefresh(const std::string& by) {
  std::lock_guard<std::mutex> guard(mutex_);
  LS_ASSIGN_OR_RETURN(Claim claim, ClaimRefresh(by));
  if (claim.joined) return claim.job;
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
  Claim claim;
  {
    std::lock_guard<std::mutex> guard(mutex_);
    LS_ASSIGN_OR_RETURN(claim, ClaimRefresh(by));
  }
  if (!claim.joined) {
    (void)RunClaimed(claim.job.id, *claim.model, progress);  // the outcome is in the job
    claim.lock.reset();
    return store_.GetJob(claim.job.id);
  }
  // Joined: follow the running job until it ends.
  while (true) {
    LS_ASSIGN_OR_RETURN(Job job, store_.GetJob(claim.job.id));
    if (job.state == JobState::kDone || job.state == JobState::kFailed) return job;
    if (progress) LS_RETURN_IF_ERROR(progress(job.done, job.total));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
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

Status ScoringService::RefreshScores(int64_t job_id, const LoadedModel& model,
                                     const RefreshProgress& progress) {
  LS_ASSIGN_OR_RETURN(Job job, store_.GetJob(job_id));
  const int64_t total = job.total;
  std::optional<std::vector<double>> admin = grade_bands();
  std::vector<double> bands;
  if (admin) {
    bands = *admin;
  } else {
    auto current = store_.ScoreQuantiles({0.75, 0.5, 0.25});
    if (current.ok()) bands = *current;  // else: quartiles of the first batch
  }

  LS_ASSIGN_OR_RETURN(std::unique_ptr<ScoreWriter> writer,
                      store_.BeginScoreRefresh(model.version_id));
  std::vector<float> all_scores;
  all_scores.reserve(static_cast<size_t>(std::max<int64_t>(total, 0)));
  int64_t done = 0;
  const TimeMs now = clock_.NowMs();
  LeadScan scan;
  scan.batch_size = options_.batch_size;
  std::vector<leadscore::Score> scores;
  LS_RETURN_IF_ERROR(store_.ScanLeads(scan, [&](const std::vector<Lead>& batch) -> Status {
    LS_ASSIGN_OR_RETURN(std::vector<ml::ScoredLead> scored,
                        model.model.Explain(batch, !options_.exact_reasons_in_refresh));
    if (bands.empty()) {
      std::vector<float> first;
      for (const auto& s : scored) first.push_back(s.score);
      bands = Quartiles(std::move(first));
    }
    scores.resize(batch.size());
    for (size_t i = 0; i < batch.size(); ++i) {
      leadscore::Score& out = scores[i];
      out.lead_id = batch[i].id;
      out.score = scored[i].score;
      out.grade = GradeOf(scored[i].score, bands);
      out.model_version = model.version_id;
      out.reasons_json = ml::ReasonsToJson(scored[i].reasons);
      out.scored_at = now;
      all_scores.push_back(scored[i].score);
    }
    LS_RETURN_IF_ERROR(writer->Add(scores));
    done += static_cast<int64_t>(batch.size());
    LS_RETURN_IF_ERROR(store_.UpdateJobProgress(job_id, done, std::max(total, done)));
    if (progress) LS_RETURN_IF_ERROR(progress(done, std::max(total, done)));
    return Status::Ok();
  }));
  LS_RETURN_IF_ERROR(writer->Commit());

  std::vector<double> final_bands = admin ? *admin : Quartiles(std::move(all_scores));
  if (final_bands != bands) LS_RETURN_IF_ERROR(store_.RegradeScores(final_bands));
  std::lock_guard<std::mutex> lock(mutex_);
  cached_bands_ = final_bands;
  bands_at_ = clock_.NowMs();
  return Status::Ok();
}

Result<std::vector<double>> ScoringService::CurrentBands() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (admin_bands_) return *admin_bands_;
  TimeMs now = clock_.NowMs();
  if (!cached_bands_.empty() && now - bands_at_ < options_.bands_recheck) return cached_bands_;
  auto current = store_.ScoreQuantiles({0.75, 0.5, 0.25});
  if (!current.ok() && current.status().code() != StatusCode::kFailedPrecondition) {
    return current.status();
  }
  cached_bands_ = current.ok() ? *current : kFallbackBands;
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
  row.reasons_json = ml::ReasonsToJson(s.reasons);
  row.scored_at = clock_.NowMs();
  return store_.UpsertScore(row);
}

Status ScoringService::SetGradeBands(std::optional<std::vector<double>> bands) {
  if (bands) {
    const auto& b = *bands;
    if (b.size() != 3 || !(b[0] > b[1] && b[1] > b[2] && b[2] > 0 && b[0] < 1)) {
      return Status::InvalidArgument(
          "grade bands must be three descending probabilities between 0 and 1 (A, B, C cut-offs)");
    }
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    admin_bands_ = bands;
    cached_bands_.clear();
  }
  if (bands) {
    LS_RETURN_IF_ERROR(store_.RegradeScores(*bands));
  }
  return Status::Ok();
}

std::optional<std::vector<double>> ScoringService::grade_bands() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return admin_bands_;
}

}  // namespace leadscore
