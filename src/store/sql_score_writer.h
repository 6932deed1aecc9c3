// SqlScoreWriter: the ScoreWriter of SqlStore, a handle on one refresh run. The run's scores go
// into the table scores_next; sql_store_scores.cc holds the run's life (Add, the commit's swap,
// the drop of a run that is not committed), sql_store_chunks.cc the chunks a shared refresh is
// split into (plan, claim, complete, release). Internal to the store.
//
// The owner's writer (BeginScoreRefresh) commits or drops the run; a claimer's writer
// (OpenScoreWriter) only writes into it. Holds a reference to the store, which must outlive it.
// The chunk methods may run on several threads at once (each leases a connection of its own and
// touches no member but the constant ones); Add, SetFinalBands and Commit belong to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/sql_store.h"

struct sqlite3;

namespace leadscore::store {

class SqlScoreWriter : public ScoreWriter {
 public:
  SqlScoreWriter(SqlStore& store, int64_t run_id, bool owns_run)
      : store_(store), run_id_(run_id), owns_run_(owns_run) {}
  ~SqlScoreWriter() override;

  int64_t run_id() const override { return run_id_; }
  Status Add(const std::vector<Score>& batch) override;
  Status SetFinalBands(const std::vector<double>& bands) override;
  Status Commit() override;

  Status PlanChunks(int64_t job_id, const std::vector<double>& bands,
                    const std::vector<std::pair<int64_t, int64_t>>& ranges) override;
  Result<std::optional<RefreshChunk>> ClaimChunk(const std::string& claimer, TimeMs now,
                                                 TimeMs lease) override;
  Result<ChunkOutcome> CompleteChunk(const RefreshChunk& chunk, const std::string& claimer,
                                     const std::vector<Score>& scores, TimeMs now, TimeMs lease,
                                     bool claim_next) override;
  Status ReleaseChunks(const std::string& claimer) override;
  Result<ChunkCounts> CountChunks(TimeMs now) override;
  Result<std::vector<float>> RunScores() override;

 private:
  // The run still owns scores_next (a newer BeginScoreRefresh drops both).
  Status CheckRunIsCurrent(soci::session& sql) const;
  // Claims the run's next claimable chunk inside the caller's transaction.
  std::optional<RefreshChunk> ClaimIn(soci::session& sql, const std::string& claimer, TimeMs now,
                                      TimeMs lease) const;
  // The current scores, by lead id, read once when the run first writes on SQLite: a million
  // lookups in memory instead of one query each.
  void LoadPrevious(sqlite3* db);

  SqlStore& store_;
  const int64_t run_id_;
  const bool owns_run_;
  std::vector<std::pair<int64_t, double>> previous_;  // Add's
  bool previous_loaded_ = false;
  std::vector<double> final_bands_;
  bool committed_ = false;
};

// Writes `scores` into scores_next inside the transaction open on `sql`: on SQLite each row
// takes its previous score from `previous(lead_id)` and a lead deleted since it was read is
// skipped; on PostgreSQL the rows are COPYed (the commit takes the previous scores). Validates
// nothing: the caller has (ValidateRunScores).
void WriteRunRows(soci::session& sql, int64_t run_id, const std::vector<Score>& scores,
                  const std::vector<std::pair<int64_t, double>>* previous);
// kInvalidArgument for a score outside [0, 1] or a grade that is not A..D.
Status ValidateRunScores(const std::vector<Score>& scores);

// Deletes run `run_id`'s chunks and its row, inside the caller's transaction (chunks first: a
// claimer completing a chunk locks its row before it writes into scores_next).
void DeleteRunIn(soci::session& sql, int64_t run_id);

}  // namespace leadscore::store
