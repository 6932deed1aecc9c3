// ChunkScorer: one claimer's share of a score refresh (docs/ARCHITECTURE.md, "The score
// refresh"). It claims chunks of a run (ScoreWriter::ClaimChunk), reads each chunk's leads by id
// range, predicts them with the run's model version and grades them with the run's bands, and
// completes the chunk (ScoreWriter::CompleteChunk: its scores written and the chunk marked done
// in one transaction), until no chunk is left to claim. The refresh's holder runs one, and so
// does every helper (another server's poll, `leadscore score --worker`).
//
// Reading and predicting run on the caller's thread; completing runs on a second thread
// (BatchPipe), which claims the next chunk in the transaction that completes the last one, so
// that the two overlap on a machine's two cores and the reader never queues for SQLite's write
// lock. Two chunks are claimed ahead at the start; a claimer that stops early gives back the
// chunks it has not completed.
//
// Holds references to the store's writer, the model, the clock and the options, which must
// outlive it. Not thread-safe: one thread calls Run().
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "service/scoring_model.h"
#include "store/store.h"

namespace leadscore {

// Called after every chunk this claimer completes with the job's (done, total); a non-OK status
// stops the claimer and is what Run() returns.
using ChunkProgress = std::function<Status(int64_t done, int64_t total)>;

struct ChunkScorerOptions {
  std::string claimer;               // this claimer's id, unique among the servers and workers
  size_t batch_size = 20000;         // leads read and predicted at a time
  TimeMs lease = 30 * kMsPerSecond;  // how long a claim holds before another may take the chunk
  bool keep_scores = false;          // keep every score written (the holder's quartiles)
};

// The id ranges of a refresh over the leads with ids in `range` (LeadIdRange), about
// `chunk_rows` leads each when `count` leads are spread evenly: ceil(count / chunk_rows) ranges
// of equal width, ascending, covering the whole range. None when count is 0.
std::vector<std::pair<int64_t, int64_t>> SplitIdRange(std::pair<int64_t, int64_t> range,
                                                      int64_t count, int64_t chunk_rows);

class ChunkScorer {
 public:
  ChunkScorer(Store& store, ScoreWriter& writer, const LoadedModel& model,
              std::vector<double> bands, const Clock& clock, ChunkScorerOptions options);
  ChunkScorer(const ChunkScorer&) = delete;
  ChunkScorer& operator=(const ChunkScorer&) = delete;

  // Claims and scores chunks until none is left to claim (chunks claimed by others may still be
  // running). May be called again, e.g. once a dead claimer's lease has run out.
  Status Run(const ChunkProgress& progress);

  int64_t chunks() const { return chunks_; }  // completed by this claimer, over every Run
  int64_t leads() const { return leads_; }
  // The scores of the chunks this claimer wrote, with keep_scores.
  std::vector<float>& scores() { return scores_; }
  std::chrono::steady_clock::duration predicting() const { return predicting_; }
  std::chrono::steady_clock::duration writing() const { return writing_; }

 private:
  struct Scored {
    RefreshChunk chunk;
    std::vector<Score> scores;
  };
  // Reads and predicts one chunk's leads.
  Result<Scored> ScoreChunk(const RefreshChunk& chunk);

  Store& store_;
  ScoreWriter& writer_;
  const LoadedModel& model_;
  const std::vector<double> bands_;
  const Clock& clock_;
  const ChunkScorerOptions options_;
  int64_t chunks_ = 0;  // written by the pipe's thread while Run() runs
  int64_t leads_ = 0;
  std::vector<float> scores_;
  std::chrono::steady_clock::duration predicting_{}, writing_{};
};

}  // namespace leadscore
