#include "service/chunk_scorer.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

#include "service/batch_pipe.h"
#include "service/scoring_service.h"

namespace leadscore {
namespace {

// Chunks claimed and not read yet, handed from the completing thread to the reading one. Closed
// when a completion found nothing more to claim, or failed.
class ClaimedChunks {
 public:
  void Push(const RefreshChunk& chunk) {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(chunk);
    changed_.notify_all();
  }
  void Close() {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }
  // The next chunk to read; nullopt once closed and empty.
  std::optional<RefreshChunk> Pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return std::nullopt;
    RefreshChunk chunk = queue_.front();
    queue_.pop_front();
    return chunk;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<RefreshChunk> queue_;  // guarded by mutex_
  bool closed_ = false;             // guarded by mutex_
};

constexpr int kClaimAhead = 2;

}  // namespace

std::vector<std::pair<int64_t, int64_t>> SplitIdRange(std::pair<int64_t, int64_t> range,
                                                      int64_t count, int64_t chunk_rows) {
  std::vector<std::pair<int64_t, int64_t>> out;
  const auto [lo, hi] = range;
  if (count <= 0 || hi < lo) return out;
  const int64_t rows = std::max<int64_t>(chunk_rows, 1);
  const int64_t width = hi - lo + 1;
  const int64_t chunks = std::clamp<int64_t>((count + rows - 1) / rows, 1, width);
  const int64_t step = (width + chunks - 1) / chunks;
  for (int64_t start = lo; start <= hi; start += step) {
    out.emplace_back(start, std::min(hi, start + step - 1));
    if (hi - start < step) break;  // the last range; also keeps start + step from overflowing
  }
  return out;
}

ChunkScorer::ChunkScorer(Store& store, ScoreWriter& writer, const LoadedModel& model,
                         std::vector<double> bands, const Clock& clock, ChunkScorerOptions options)
    : store_(store),
      writer_(writer),
      model_(model),
      bands_(std::move(bands)),
      clock_(clock),
      options_(std::move(options)) {}

Result<ChunkScorer::Scored> ChunkScorer::ScoreChunk(const RefreshChunk& chunk) {
  using SteadyClock = std::chrono::steady_clock;
  Scored out;
  out.chunk = chunk;
  const TimeMs now = clock_.NowMs();
  LeadScan scan;
  scan.batch_size = options_.batch_size;
  scan.min_id = chunk.min_id;
  scan.max_id = chunk.max_id;
  LS_RETURN_IF_ERROR(store_.ScanLeads(scan, [&](const std::vector<Lead>& batch) -> Status {
    const auto t = SteadyClock::now();
    LS_ASSIGN_OR_RETURN(std::vector<float> predicted, model_.model.Predict(batch));
    predicting_ += SteadyClock::now() - t;
    out.scores.reserve(out.scores.size() + batch.size());
    for (size_t i = 0; i < batch.size(); ++i) {
      Score s;
      s.lead_id = batch[i].id;
      s.score = predicted[i];
      s.grade = GradeOf(predicted[i], bands_);
      s.model_version = model_.version_id;
      s.scored_at = now;  // reasons: explained when the lead is opened (ExplainScore)
      out.scores.push_back(std::move(s));
    }
    return Status::Ok();
  }));
  return out;
}

Status ChunkScorer::Run(const ChunkProgress& progress) {
  using SteadyClock = std::chrono::steady_clock;
  ClaimedChunks next;   // claimed here first, then by the completions
  int outstanding = 0;  // claimed and not completed
  for (int i = 0; i < kClaimAhead; ++i) {
    auto chunk = writer_.ClaimChunk(options_.claimer, clock_.NowMs(), options_.lease);
    if (!chunk.ok()) {
      if (outstanding > 0) (void)writer_.ReleaseChunks(options_.claimer);
      return chunk.status();
    }
    if (!*chunk) break;
    next.Push(**chunk);
    ++outstanding;
  }
  if (outstanding == 0) return Status::Ok();

  std::mutex counting;  // guards `outstanding` between the two threads
  Status read;
  Status written;
  {
    BatchPipe<Scored> pipe([&](const Scored& scored) -> Status {
      const auto t = SteadyClock::now();
      auto outcome = writer_.CompleteChunk(scored.chunk, options_.claimer, scored.scores,
                                           clock_.NowMs(), options_.lease, /*claim_next=*/true);
      writing_ += SteadyClock::now() - t;
      if (!outcome.ok()) {
        next.Close();
        return outcome.status();
      }
      {
        std::lock_guard<std::mutex> lock(counting);
        outstanding += (outcome->next ? 1 : 0) - 1;
      }
      if (outcome->next) {
        next.Push(*outcome->next);
      } else {
        next.Close();
      }
      if (!outcome->written) {
        spdlog::info("refresh chunk {} went to another claimer; its scores were not written",
                     scored.chunk.index);
        return Status::Ok();
      }
      ++chunks_;
      leads_ += static_cast<int64_t>(scored.scores.size());
      if (options_.keep_scores) {
        for (const Score& s : scored.scores) scores_.push_back(static_cast<float>(s.score));
      }
      if (progress) {
        Status s = progress(outcome->job_done, outcome->job_total);
        if (!s.ok()) {
          next.Close();
          return s;
        }
      }
      return Status::Ok();
    });
    for (auto chunk = next.Pop(); chunk; chunk = next.Pop()) {
      auto scored = ScoreChunk(*chunk);
      if (!scored.ok()) {
        read = scored.status();
        break;
      }
      if (Status s = pipe.Push(std::move(scored).value()); !s.ok()) break;  // Finish() has it
    }
    written = pipe.Finish();
  }
  Status outcome = !read.ok() ? read : written;
  if (!outcome.ok() && outstanding > 0) {
    // Give the chunks back at once rather than when their leases run out.
    Status released = writer_.ReleaseChunks(options_.claimer);
    if (!released.ok()) spdlog::warn("refresh chunks not given back: {}", released.ToString());
  }
  return outcome;
}

}  // namespace leadscore
