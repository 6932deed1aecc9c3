// SqlStore: scores. A refresh writes its scores into a fresh table, scores_next, in many small
// transactions (so other writers are never blocked for long), each row taking the lead's
// current score as its previous_score. Commit() then swaps scores_next in for scores in one
// transaction: it keeps the scores written since the refresh began for leads the refresh did
// not reach (a lead created meanwhile), applies the final grade bands, replaces the table and
// builds its indexes. Building a new table in id order and indexing it once is several times
// cheaper than updating a million rows of an indexed table in place. Until that commit readers
// see the old scores; a failure or a crash before it leaves them whole, and the next refresh
// drops what the dead run wrote. On PostgreSQL the run's scores are COPYed into scores_next and
// the commit builds the new table from it (see CommitPostgres below). A shared refresh's chunks
// (sql_store_chunks.cc) write through the same rows.
#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include <spdlog/spdlog.h>

#include <fmt/format.h>

#include "store/pg_native.h"
#include "store/sql_score_writer.h"
#include "store/sql_store.h"
#include "store/sql_util.h"
#include "store/sqlite_native.h"

namespace leadscore::store {

namespace {

// The columns of scores (as in the schema's first migration). On SQLite the lead id becomes the
// table's own key (INTEGER PRIMARY KEY, 64-bit there): one B-tree instead of a table and an
// index, appended to in id order.
constexpr const char* kScoresColumns =
    " lead_id {LEAD_KEY} PRIMARY KEY REFERENCES leads(id) ON DELETE CASCADE,"
    " score {REAL} NOT NULL,"
    " previous_score {REAL},"
    " grade TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),"
    " model_version BIGINT NOT NULL,"
    " scored_at BIGINT NOT NULL";

// The indexes of scores (as in the schema's first migration), built after each swap.
void CreateScoreIndexes(soci::session& sql) {
  sql << "CREATE INDEX scores_rank ON scores(score DESC, lead_id)";
  sql << "CREATE INDEX scores_grade ON scores(grade, score DESC, lead_id)";
}

// One score of a run (SQLite). A lead deleted since it was read fails the foreign key and is
// skipped; one deleted later takes its score with it.
constexpr const char* kInsertNextRow =
    "INSERT INTO scores_next(lead_id, score, previous_score, grade, model_version, scored_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT (lead_id) DO UPDATE SET score = excluded.score, grade = excluded.grade,"
    " model_version = excluded.model_version, scored_at = excluded.scored_at";

// PostgreSQL: a run's scores are COPYed into scores_next, a plain UNLOGGED table without keys
// (every server's workers append to it at once, and nothing there needs to survive a crash: the
// next refresh drops what a dead run left). The commit builds the new scores table from it in one
// statement (the leads still there, their previous scores, the final grades), indexes it, and
// only then swaps it in: the exclusive lock on scores is held for the drop and the renames alone.
constexpr const char* kPgRunTable =
    "CREATE UNLOGGED TABLE scores_next ("
    " lead_id BIGINT NOT NULL,"
    " score DOUBLE PRECISION NOT NULL,"
    " grade TEXT NOT NULL,"
    " model_version BIGINT NOT NULL,"
    " scored_at BIGINT NOT NULL)";
constexpr const char* kPgCopyRun =
    "COPY scores_next(lead_id, score, grade, model_version, scored_at) FROM STDIN";
constexpr const char* kPgSwapTable =
    "CREATE TABLE scores_swap ("
    " lead_id BIGINT NOT NULL,"
    " score DOUBLE PRECISION NOT NULL,"
    " previous_score DOUBLE PRECISION,"
    " grade TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),"
    " model_version BIGINT NOT NULL,"
    " scored_at BIGINT NOT NULL)";

// The grade of `score` under `bands`, as SQL (bands are doubles printed exactly), or `fallback`
// (a column) when there are no final bands.
std::string GradeSql(const std::vector<double>& bands, const std::string& fallback) {
  if (bands.size() != kGradeBandCount) return fallback;
  return GradeCaseSql({fmt::format("{:.17g}", bands[0]), fmt::format("{:.17g}", bands[1]),
                       fmt::format("{:.17g}", bands[2])});
}

// Commit on PostgreSQL, inside the caller's transaction.
void CommitPostgres(soci::session& sql, const std::vector<double>& final_bands) {
  // Single-score writers wait for the commit (they would be lost in the copy); readers do not.
  sql << "LOCK TABLE scores IN SHARE MODE";
  sql << "SET LOCAL work_mem = '256MB'";
  sql << "SET LOCAL maintenance_work_mem = '256MB'";
  sql << "DROP TABLE IF EXISTS scores_swap";
  sql << kPgSwapTable;
  // scores_next was filled by COPY and never analysed: without its size the planner probes the
  // leads and the old scores once per row (nested loops, 1,000,000 index lookups each) instead
  // of joining them whole, twice as slow.
  sql << "ANALYZE scores_next";
  // The run's last score of each lead still there (a lead deleted since it was read is left
  // out), and the current score of every lead the run did not reach; in rank order. The grades
  // follow the scores (one set of bands), so the rows arrive already in the order of both score
  // indexes, whose builds then find their input sorted (the grade index's sort, on a text key
  // then a number, took half the commit when the rows came in id order).
  sql << "INSERT INTO scores_swap(lead_id, score, previous_score, grade, model_version,"
         " scored_at)"
         " SELECT lead_id, score, previous_score, " + GradeSql(final_bands, "grade") +
             ", model_version, scored_at FROM ("
             " SELECT n.lead_id, n.score, o.score AS previous_score, n.grade, n.model_version,"
             " n.scored_at"
             " FROM (SELECT DISTINCT ON (lead_id) * FROM scores_next"
             "       ORDER BY lead_id, ctid DESC) n"
             " JOIN leads l ON l.id = n.lead_id LEFT JOIN scores o ON o.lead_id = n.lead_id"
             " UNION ALL"
             " SELECT s.lead_id, s.score, s.previous_score, s.grade, s.model_version,"
             " s.scored_at FROM scores s"
             " WHERE NOT EXISTS (SELECT 1 FROM scores_next n WHERE n.lead_id = s.lead_id)"
             ") AS merged ORDER BY score DESC, lead_id";
  sql << "ALTER TABLE scores_swap ADD CONSTRAINT scores_swap_pkey PRIMARY KEY (lead_id)";
  sql << "CREATE INDEX scores_swap_rank ON scores_swap(score DESC, lead_id)";
  sql << "CREATE INDEX scores_swap_grade ON scores_swap(grade, score DESC, lead_id)";
  // Every row was joined to its lead above, and a lead's deletion waits on the lock of scores:
  // the key holds without a scan of the leads (validated after the commit, see Commit()).
  sql << "ALTER TABLE scores_swap ADD CONSTRAINT scores_swap_lead_id_fkey FOREIGN KEY (lead_id)"
         " REFERENCES leads(id) ON DELETE CASCADE NOT VALID";
  // The swap: from here to the commit (milliseconds) readers of scores wait.
  sql << "DROP TABLE scores";
  sql << "DROP TABLE scores_next";
  sql << "ALTER TABLE scores_swap RENAME TO scores";
  sql << "ALTER INDEX scores_swap_pkey RENAME TO scores_pkey";
  sql << "ALTER INDEX scores_swap_rank RENAME TO scores_rank";
  sql << "ALTER INDEX scores_swap_grade RENAME TO scores_grade";
  sql << "ALTER TABLE scores RENAME CONSTRAINT scores_swap_lead_id_fkey TO scores_lead_id_fkey";
}

Status ValidateScore(const Score& s) {
  if (!(s.score >= 0.0 && s.score <= 1.0)) {
    return Status::InvalidArgument("score of lead " + std::to_string(s.lead_id) +
                                   " is not a probability");
  }
  if (!IsGrade(s.grade)) {
    return Status::InvalidArgument("grade of lead " + std::to_string(s.lead_id) +
                                   " is not A..D");
  }
  return Status::Ok();
}

// The score `previous` holds for `lead_id` (sorted by lead id), if any.
std::optional<double> PreviousIn(const std::vector<std::pair<int64_t, double>>& previous,
                                 int64_t lead_id) {
  auto it = std::lower_bound(previous.begin(), previous.end(), lead_id,
                             [](const auto& p, int64_t id) { return p.first < id; });
  if (it == previous.end() || it->first != lead_id) return std::nullopt;
  return it->second;
}

}  // namespace

Status ValidateRunScores(const std::vector<Score>& scores) {
  for (const Score& s : scores) LS_RETURN_IF_ERROR(ValidateScore(s));
  return Status::Ok();
}

void WriteRunRows(soci::session& sql, int64_t run_id, const std::vector<Score>& scores,
                  const std::vector<std::pair<int64_t, double>>* previous) {
  if (sqlite3* db = NativeSqlite(sql)) {
    NativeStatement st(db, kInsertNextRow);
    for (const Score& s : scores) {
      st.Bind(1, s.lead_id);
      st.Bind(2, s.score);
      std::optional<double> before = previous ? PreviousIn(*previous, s.lead_id) : std::nullopt;
      if (before) {
        st.Bind(3, *before);
      } else {
        st.BindNull(3);
      }
      st.Bind(4, std::string_view(s.grade));
      st.Bind(5, s.model_version);
      st.Bind(6, s.scored_at);
      if (!st.StepUnlessForeignKeyFails()) {
        spdlog::debug("score run {}: lead {} was deleted", run_id, s.lead_id);
      }
      st.Reset();
    }
    return;
  }
  PgCopy copy(NativePostgres(sql), kPgCopyRun);
  for (const Score& s : scores) {
    copy.AppendInt(s.lead_id);
    copy.Tab();
    copy.AppendReal(s.score);
    copy.Tab();
    copy.AppendText(s.grade);
    copy.Tab();
    copy.AppendInt(s.model_version);
    copy.Tab();
    copy.AppendInt(s.scored_at);
    copy.EndRow();
  }
  copy.Finish();
}

void DeleteRunIn(soci::session& sql, int64_t run_id) {
  long long run = run_id;
  sql << "DELETE FROM refresh_chunks WHERE run_id = :r", soci::use(run);
  sql << "DELETE FROM score_runs WHERE id = :r", soci::use(run);
}

SqlScoreWriter::~SqlScoreWriter() {
  if (!owns_run_ || committed_) return;
  Status s = Guard("drop score run", [&] {
    soci::session sql(store_.pool());
    long long run = run_id_;
    Tx tx(sql, store_.dialect());
    long long current = 0;
    sql << "SELECT COUNT(*) FROM score_runs WHERE id = :r", soci::use(run), soci::into(current);
    if (current > 0) {  // else a newer refresh owns scores_next now
      DeleteRunIn(sql, run_id_);
      sql << "DROP TABLE IF EXISTS scores_next";
    }
    tx.Commit();
    return Status::Ok();
  });
  if (!s.ok()) spdlog::warn("score run {} left behind: {}", run_id_, s.ToString());
}

Status SqlScoreWriter::Add(const std::vector<Score>& batch) {
  if (committed_) return Status::FailedPrecondition("score run already committed");
  if (batch.empty()) return Status::Ok();
  LS_RETURN_IF_ERROR(ValidateRunScores(batch));
  return Guard("write scores", [&]() -> Status {
    soci::session sql(store_.pool());
    Tx tx(sql, store_.dialect());
    LS_RETURN_IF_ERROR(CheckRunIsCurrent(sql));
    if (sqlite3* db = NativeSqlite(sql); db && !previous_loaded_) LoadPrevious(db);
    WriteRunRows(sql, run_id_, batch, &previous_);
    tx.Commit();
    return Status::Ok();
  });
}

Status SqlScoreWriter::SetFinalBands(const std::vector<double>& bands) {
  if (!owns_run_) return Status::FailedPrecondition("only the run's owner sets its bands");
  LS_RETURN_IF_ERROR(CheckRunBands(bands));
  final_bands_ = bands;
  return Status::Ok();
}

Status SqlScoreWriter::Commit() {
  if (!owns_run_ || committed_) return Status::Ok();
  Status s = Guard("commit scores", [&]() -> Status {
    soci::session sql(store_.pool());
    Tx tx(sql, store_.dialect());
    LS_RETURN_IF_ERROR(CheckRunIsCurrent(sql));
    if (store_.dialect().engine == Engine::kPostgres) {
      CommitPostgres(sql, final_bands_);
    } else {
      // Leads scored one by one since the refresh read them stay as they are; so do the ones
      // it never reached (created meanwhile).
      sql << "INSERT INTO scores_next(lead_id, score, previous_score, grade, model_version,"
             " scored_at)"
             " SELECT s.lead_id, s.score, s.previous_score, s.grade, s.model_version,"
             " s.scored_at FROM scores s"
             " WHERE NOT EXISTS (SELECT 1 FROM scores_next n WHERE n.lead_id = s.lead_id)";
      if (!final_bands_.empty()) RegradeIn(sql, "scores_next", final_bands_);
      sql << "DROP TABLE scores";
      sql << "ALTER TABLE scores_next RENAME TO scores";
      CreateScoreIndexes(sql);
    }
    DeleteRunIn(sql, run_id_);
    BumpDataVersion(sql);
    tx.Commit();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  committed_ = true;
  if (store_.dialect().engine == Engine::kPostgres) {
    // Checks the leads' key of the new table without blocking writers of leads or scores.
    Status valid = Guard("validate scores", [&] {
      soci::session sql(store_.pool());
      sql << "ALTER TABLE scores VALIDATE CONSTRAINT scores_lead_id_fkey";
      return Status::Ok();
    });
    if (!valid.ok()) spdlog::warn("{}", valid.ToString());
  }
  return Status::Ok();
}

Status SqlScoreWriter::CheckRunIsCurrent(soci::session& sql) const {
  long long run = run_id_, exists = 0;
  sql << "SELECT COUNT(*) FROM score_runs WHERE id = :r", soci::use(run), soci::into(exists);
  if (exists == 0) {
    return Status::FailedPrecondition("score run " + std::to_string(run_id_) +
                                      " was dropped by a newer refresh");
  }
  return Status::Ok();
}

void SqlScoreWriter::LoadPrevious(sqlite3* db) {
  NativeStatement st(db, "SELECT lead_id, score FROM scores ORDER BY lead_id");
  while (st.Step()) previous_.emplace_back(st.Int(0), st.Real(1));
  previous_loaded_ = true;
}

namespace {

// Creates scores_next for a new run (inside the caller's transaction).
void CreateRunTable(soci::session& sql, const Dialect& dialect) {
  if (dialect.engine == Engine::kSqlite) {
    std::string ddl =
        dialect.Expand(std::string("CREATE TABLE scores_next (") + kScoresColumns + ")");
    const std::string key = "{LEAD_KEY}";
    ddl.replace(ddl.find(key), key.size(), "INTEGER");
    sql << ddl;
  } else {
    sql << kPgRunTable;
  }
}

}  // namespace

Result<std::unique_ptr<ScoreWriter>> SqlStore::BeginScoreRefresh(int64_t model_version) {
  using Out = std::unique_ptr<ScoreWriter>;
  return GuardResult<Out>("begin score refresh", [&]() -> Result<Out> {
    soci::session sql(*pool_);
    long long version = model_version, now = SystemClock().NowMs(), run = 0;
    Tx tx(sql, dialect_);
    // What a dead run left behind; its chunks first (see DeleteRunIn).
    sql << "DELETE FROM refresh_chunks";
    sql << "DELETE FROM score_runs";
    sql << "DROP TABLE IF EXISTS scores_next";
    CreateRunTable(sql, dialect_);
    sql << "INSERT INTO score_runs(model_version, started_at) VALUES (:v, :t) RETURNING id",
        soci::use(version), soci::use(now), soci::into(run);
    tx.Commit();
    return Out(std::make_unique<SqlScoreWriter>(*this, run, true));
  });
}

Result<std::unique_ptr<ScoreWriter>> SqlStore::OpenScoreWriter(int64_t run_id) {
  using Out = std::unique_ptr<ScoreWriter>;
  return GuardResult<Out>("open score writer", [&]() -> Result<Out> {
    soci::session sql(*pool_);
    long long run = run_id, exists = 0;
    sql << "SELECT COUNT(*) FROM score_runs WHERE id = :r", soci::use(run), soci::into(exists);
    if (exists == 0) return Status::NotFound("score run " + std::to_string(run_id) + " is not open");
    return Out(std::make_unique<SqlScoreWriter>(*this, run_id, false));
  });
}

Status SqlStore::UpsertScore(const Score& s) {
  LS_RETURN_IF_ERROR(ValidateScore(s));
  return Guard("upsert score", [&]() -> Status {
    soci::session sql(*pool_);
    long long lead = s.lead_id, version = s.model_version, at = s.scored_at;
    double score = s.score;
    Tx tx(sql, dialect_);
    long long exists = 0;
    sql << "SELECT COUNT(*) FROM leads WHERE id = :l AND " + LiveLeadSql(""), soci::use(lead),
        soci::into(exists);
    if (exists == 0) {
      return Status::NotFound("lead " + std::to_string(s.lead_id) + " does not exist")
          .With("lead_not_found", {{"id", static_cast<int64_t>(s.lead_id)}});
    }
    sql << "INSERT INTO scores(lead_id, score, previous_score, grade, model_version, scored_at)"
           " VALUES (:l, :s, NULL, :g, :v, :t)"
           " ON CONFLICT (lead_id) DO UPDATE SET previous_score = scores.score,"
           " score = excluded.score, grade = excluded.grade,"
           " model_version = excluded.model_version, scored_at = excluded.scored_at",
        soci::use(lead), soci::use(score), soci::use(s.grade), soci::use(version), soci::use(at);
    BumpDataVersion(sql);
    tx.Commit();
    return Status::Ok();
  });
}

Result<Score> SqlStore::GetScore(int64_t lead_id) {
  return GuardResult<Score>("get score", [&]() -> Result<Score> {
    soci::session sql(*pool_);
    Score s;
    long long lead = lead_id, version = 0, at = 0;
    double previous = 0;
    soci::indicator previous_ind = soci::i_null;
    sql << "SELECT score, previous_score, grade, model_version, scored_at"
           " FROM scores WHERE lead_id = :l",
        soci::use(lead), soci::into(s.score), soci::into(previous, previous_ind),
        soci::into(s.grade), soci::into(version), soci::into(at);
    if (!sql.got_data()) {
      return Status::NotFound("lead " + std::to_string(lead_id) + " has no score")
          .With("lead_not_scored", {{"lead", lead_id}});
    }
    s.lead_id = lead_id;
    if (previous_ind != soci::i_null) s.previous_score = previous;
    s.model_version = version;
    s.scored_at = at;
    return s;
  });
}

Result<std::vector<double>> SqlStore::ScoreQuantiles(const std::vector<double>& probs) {
  for (double p : probs) {
    if (!(p >= 0.0 && p <= 1.0)) {
      return Status::InvalidArgument("quantiles must be in [0, 1]").With("quantile_out_of_range");
    }
  }
  using Out = std::vector<double>;
  return GuardResult<Out>("score quantiles", [&]() -> Result<Out> {
    soci::session sql(*pool_);
    Out out = ScoreQuantilesIn(sql, probs);
    if (out.empty() && !probs.empty()) {
      return Status::FailedPrecondition("there are no scores yet").With("no_scores");
    }
    return out;
  });
}

Result<int64_t> SqlStore::CountScores() {
  return GuardResult<int64_t>("count scores", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    long long n = 0;
    sql << "SELECT COUNT(*) FROM scores", soci::into(n);
    return static_cast<int64_t>(n);
  });
}

}  // namespace leadscore::store
