// SqlStore: the chunks of a shared score refresh (migration 12, table refresh_chunks). The
// owner plans them; a claim is one short transaction that marks the first claimable chunk
// claimed by its claimer until its lease ends — on PostgreSQL through SELECT … FOR UPDATE SKIP
// LOCKED, so claimers on several servers never queue behind each other, on SQLite as one UPDATE
// under the write lock. A chunk is completed in the transaction that writes its scores into
// scores_next and only if it is still its claimer's: a claimer that died wrote nothing (its
// transaction rolled back), and one whose lease ran out and whose chunk another took writes
// nothing either, so no lead is counted twice.
#include <string>
#include <utility>

#include "store/pg_native.h"
#include "store/sql_score_writer.h"
#include "store/sql_util.h"
#include "store/sqlite_native.h"

namespace leadscore::store {

namespace {

// The claimable chunks of run :r2 at time :now, first in id order.
std::string ClaimSql(Engine engine) {
  return std::string(
             "UPDATE refresh_chunks SET state = 'claimed', claimer = :c, lease_until = :u,"
             " claims = claims + 1 WHERE run_id = :r AND chunk = ("
             " SELECT chunk FROM refresh_chunks WHERE run_id = :r2 AND (state = 'open'"
             " OR (state = 'claimed' AND lease_until < :now)) ORDER BY chunk LIMIT 1") +
         (engine == Engine::kPostgres ? " FOR UPDATE SKIP LOCKED" : "") +
         ") RETURNING chunk, min_id, max_id";
}

// The current scores of the leads in [min_id, max_id], by lead id (SQLite: the previous scores
// of a chunk's rows).
std::vector<std::pair<int64_t, double>> PreviousScores(sqlite3* db, int64_t min_id,
                                                       int64_t max_id) {
  std::vector<std::pair<int64_t, double>> out;
  NativeStatement st(db,
                     "SELECT lead_id, score FROM scores WHERE lead_id >= ?1 AND lead_id <= ?2"
                     " ORDER BY lead_id");
  st.Bind(1, min_id);
  st.Bind(2, max_id);
  while (st.Step()) out.emplace_back(st.Int(0), st.Real(1));
  return out;
}

}  // namespace

Status SqlScoreWriter::PlanChunks(int64_t job_id, const std::vector<double>& bands,
                                  const std::vector<std::pair<int64_t, int64_t>>& ranges) {
  if (!owns_run_) return Status::FailedPrecondition("only the run's owner plans its chunks");
  LS_RETURN_IF_ERROR(CheckRunBands(bands));
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (ranges[i].first > ranges[i].second || (i > 0 && ranges[i].first <= ranges[i - 1].second)) {
      return Status::InvalidArgument("chunk ranges must ascend without overlapping");
    }
  }
  return Guard("plan refresh chunks", [&]() -> Status {
    soci::session sql(store_.pool());
    Tx tx(sql, store_.dialect());
    LS_RETURN_IF_ERROR(CheckRunIsCurrent(sql));
    long long run = run_id_, job = job_id, planned = 0;
    sql << "SELECT COUNT(*) FROM refresh_chunks WHERE run_id = :r", soci::use(run),
        soci::into(planned);
    if (planned > 0) return Status::FailedPrecondition("the run's chunks are planned already");
    double a = bands[0], b = bands[1], c = bands[2];
    sql << "UPDATE score_runs SET job_id = :j, band_a = :a, band_b = :b, band_c = :c"
           " WHERE id = :r",
        soci::use(job), soci::use(a), soci::use(b), soci::use(c), soci::use(run);
    if (!ranges.empty()) {
      std::vector<long long> runs(ranges.size(), run), index, lo, hi;
      for (size_t i = 0; i < ranges.size(); ++i) {
        index.push_back(static_cast<long long>(i));
        lo.push_back(ranges[i].first);
        hi.push_back(ranges[i].second);
      }
      sql << "INSERT INTO refresh_chunks(run_id, chunk, min_id, max_id) VALUES (:r, :k, :lo, :hi)",
          soci::use(runs), soci::use(index), soci::use(lo), soci::use(hi);
    }
    tx.Commit();
    return Status::Ok();
  });
}

std::optional<RefreshChunk> SqlScoreWriter::ClaimIn(soci::session& sql, const std::string& claimer,
                                                    TimeMs now, TimeMs lease) const {
  long long run = run_id_, until = now + lease, at = now, index = 0, lo = 0, hi = 0;
  sql << ClaimSql(store_.dialect().engine), soci::use(claimer), soci::use(until), soci::use(run),
      soci::use(run), soci::use(at), soci::into(index), soci::into(lo), soci::into(hi);
  if (!sql.got_data()) return std::nullopt;
  return RefreshChunk{index, lo, hi};
}

Result<std::optional<RefreshChunk>> SqlScoreWriter::ClaimChunk(const std::string& claimer,
                                                               TimeMs now, TimeMs lease) {
  if (claimer.empty()) return Status::InvalidArgument("a claimer needs an id");
  using Out = std::optional<RefreshChunk>;
  return GuardResult<Out>("claim refresh chunk", [&]() -> Result<Out> {
    soci::session sql(store_.pool());
    Tx tx(sql, store_.dialect());
    Out claimed = ClaimIn(sql, claimer, now, lease);
    tx.Commit();
    return claimed;
  });
}

Result<ChunkOutcome> SqlScoreWriter::CompleteChunk(const RefreshChunk& chunk,
                                                   const std::string& claimer,
                                                   const std::vector<Score>& scores, TimeMs now,
                                                   TimeMs lease, bool claim_next) {
  if (claimer.empty()) return Status::InvalidArgument("a claimer needs an id");
  LS_RETURN_IF_ERROR(ValidateRunScores(scores));
  for (const Score& s : scores) {
    if (s.lead_id < chunk.min_id || s.lead_id > chunk.max_id) {
      return Status::InvalidArgument("lead " + std::to_string(s.lead_id) + " is not in chunk " +
                                     std::to_string(chunk.index));
    }
  }
  return GuardResult<ChunkOutcome>("complete refresh chunk", [&]() -> Result<ChunkOutcome> {
    soci::session sql(store_.pool());
    ChunkOutcome out;
    long long run = run_id_, index = chunk.index, lo = chunk.min_id, hi = chunk.max_id;
    long long leads = static_cast<long long>(scores.size());
    Tx tx(sql, store_.dialect());
    // The chunk's row first: while this transaction holds it, nobody claims the chunk again.
    soci::statement done =
        (sql.prepare << "UPDATE refresh_chunks SET state = 'done', leads = :n"
                        " WHERE run_id = :r AND chunk = :k AND min_id = :lo AND max_id = :hi"
                        " AND state = 'claimed' AND claimer = :c",
         soci::use(leads), soci::use(run), soci::use(index), soci::use(lo), soci::use(hi),
         soci::use(claimer));
    done.execute(true);
    out.written = done.get_affected_rows() == 1;
    if (out.written) {
      if (sqlite3* db = NativeSqlite(sql)) {
        const auto previous = PreviousScores(db, chunk.min_id, chunk.max_id);
        WriteRunRows(sql, run_id_, scores, &previous);
      } else {
        WriteRunRows(sql, run_id_, scores, nullptr);
      }
      sql << "UPDATE jobs SET done = done + :n,"
             " total = CASE WHEN done + :n2 > total THEN done + :n3 ELSE total END"
             " WHERE id = (SELECT job_id FROM score_runs WHERE id = :r)",
          soci::use(leads), soci::use(leads), soci::use(leads), soci::use(run);
    }
    long long job_done = 0, job_total = 0;
    sql << "SELECT j.done, j.total FROM jobs j JOIN score_runs r ON r.job_id = j.id"
           " WHERE r.id = :r",
        soci::use(run), soci::into(job_done), soci::into(job_total);
    if (sql.got_data()) {
      out.job_done = job_done;
      out.job_total = job_total;
    }
    if (claim_next) out.next = ClaimIn(sql, claimer, now, lease);
    tx.Commit();
    return out;
  });
}

Status SqlScoreWriter::ReleaseChunks(const std::string& claimer) {
  return Guard("release refresh chunks", [&]() -> Status {
    soci::session sql(store_.pool());
    long long run = run_id_;
    Tx tx(sql, store_.dialect());
    sql << "UPDATE refresh_chunks SET state = 'open', claimer = '', lease_until = 0"
           " WHERE run_id = :r AND claimer = :c AND state = 'claimed'",
        soci::use(run), soci::use(claimer);
    tx.Commit();
    return Status::Ok();
  });
}

Result<ChunkCounts> SqlScoreWriter::CountChunks(TimeMs now) {
  return GuardResult<ChunkCounts>("count refresh chunks", [&]() -> Result<ChunkCounts> {
    soci::session sql(store_.pool());
    long long run = run_id_, at = now, total = 0, done = 0, claimable = 0;
    sql << "SELECT COUNT(*), COALESCE(SUM(CASE WHEN state = 'done' THEN 1 ELSE 0 END), 0),"
           " COALESCE(SUM(CASE WHEN state = 'open' OR (state = 'claimed' AND lease_until < :now)"
           " THEN 1 ELSE 0 END), 0) FROM refresh_chunks WHERE run_id = :r",
        soci::use(at), soci::use(run), soci::into(total), soci::into(done), soci::into(claimable);
    return ChunkCounts{total, done, claimable};
  });
}

Result<std::vector<float>> SqlScoreWriter::RunScores() {
  using Out = std::vector<float>;
  return GuardResult<Out>("read run scores", [&]() -> Result<Out> {
    soci::session sql(store_.pool());
    Tx tx(sql, store_.dialect());  // one snapshot, and no newer run drops the table meanwhile
    LS_RETURN_IF_ERROR(CheckRunIsCurrent(sql));
    Out out;
    if (sqlite3* db = NativeSqlite(sql)) {
      NativeStatement st(db, "SELECT score FROM scores_next");
      while (st.Step()) out.push_back(static_cast<float>(st.Real(0)));
    } else {
      PgResult rows(NativePostgres(sql), "SELECT score FROM scores_next");
      out.reserve(static_cast<size_t>(rows.rows()));
      for (int i = 0; i < rows.rows(); ++i) out.push_back(static_cast<float>(rows.Real(i, 0)));
    }
    tx.Commit();
    return out;
  });
}

Result<std::optional<RefreshWork>> SqlStore::FindRefreshWork(TimeMs now) {
  using Out = std::optional<RefreshWork>;
  return GuardResult<Out>("find refresh work", [&]() -> Result<Out> {
    soci::session sql(*pool_);
    long long at = now, run = 0, job = 0, version = 0;
    double a = 0, b = 0, c = 0;
    sql << "SELECT r.id, r.job_id, r.model_version, r.band_a, r.band_b, r.band_c"
           " FROM score_runs r WHERE r.job_id IS NOT NULL AND EXISTS ("
           " SELECT 1 FROM refresh_chunks c WHERE c.run_id = r.id AND (c.state = 'open'"
           " OR (c.state = 'claimed' AND c.lease_until < :now)))"
           " ORDER BY r.id DESC LIMIT 1",
        soci::use(at), soci::into(run), soci::into(job), soci::into(version), soci::into(a),
        soci::into(b), soci::into(c);
    if (!sql.got_data()) return Out();
    return Out(RefreshWork{run, job, version, {a, b, c}});
  });
}

Status SqlStore::DropScoreRun(int64_t run_id) {
  return Guard("drop score run", [&]() -> Status {
    soci::session sql(*pool_);
    long long run = run_id, exists = 0;
    Tx tx(sql, dialect_);
    sql << "SELECT COUNT(*) FROM score_runs WHERE id = :r", soci::use(run), soci::into(exists);
    if (exists > 0) {
      DeleteRunIn(sql, run_id);
      sql << "DROP TABLE IF EXISTS scores_next";
    }
    tx.Commit();
    return Status::Ok();
  });
}

}  // namespace leadscore::store
