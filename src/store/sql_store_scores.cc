// SqlStore: scores. A refresh stages its scores in score_staging under a run id, in many small
// transactions (so other writers are never blocked for long), and Commit() moves them into
// scores in one transaction, each replaced score becoming previous_score. Until that commit
// readers see the old scores; a failure or a crash before it leaves them whole, and the next
// refresh drops what the dead run staged.
#include <cmath>

#include <spdlog/spdlog.h>

#include "store/sql_store.h"
#include "store/sql_util.h"

namespace leadscore::store {

namespace {

Status ValidateScore(const Score& s) {
  if (!(s.score >= 0.0 && s.score <= 1.0)) {
    return Status::InvalidArgument("score of lead " + std::to_string(s.lead_id) +
                                   " is not a probability");
  }
  if (s.grade.size() != 1 || s.grade[0] < 'A' || s.grade[0] > 'D') {
    return Status::InvalidArgument("grade of lead " + std::to_string(s.lead_id) +
                                   " is not A..D");
  }
  return Status::Ok();
}

class SqlScoreWriter : public ScoreWriter {
 public:
  SqlScoreWriter(SqlStore& store, int64_t run_id, bool owns_run)
      : store_(store), run_id_(run_id), owns_run_(owns_run) {}
  ~SqlScoreWriter() override {
    if (!owns_run_ || committed_) return;
    Status s = Guard("drop score run", [&] {
      soci::session sql(store_.pool());
      long long run = run_id_;
      Tx tx(sql, store_.dialect());
      sql << "DELETE FROM score_staging WHERE run_id = :r", soci::use(run);
      sql << "DELETE FROM score_runs WHERE id = :r", soci::use(run);
      tx.Commit();
      return Status::Ok();
    });
    if (!s.ok()) spdlog::warn("score run {} left staged: {}", run_id_, s.ToString());
  }

  int64_t run_id() const override { return run_id_; }

  Status Add(const std::vector<Score>& batch) override {
    if (committed_) return Status::FailedPrecondition("score run already committed");
    if (batch.empty()) return Status::Ok();
    for (const Score& s : batch) LS_RETURN_IF_ERROR(ValidateScore(s));
    return Guard("stage scores", [&] {
      const size_t n = batch.size();
      std::vector<long long> run(n, run_id_), lead(n), version(n), at(n);
      std::vector<double> score(n);
      std::vector<std::string> grade(n), reasons(n);
      for (size_t i = 0; i < n; ++i) {
        lead[i] = batch[i].lead_id;
        score[i] = batch[i].score;
        grade[i] = batch[i].grade;
        version[i] = batch[i].model_version;
        reasons[i] = batch[i].reasons_json;
        at[i] = batch[i].scored_at;
      }
      soci::session sql(store_.pool());
      Tx tx(sql, store_.dialect());
      sql << "INSERT INTO score_staging(run_id, lead_id, score, grade, model_version,"
             " reasons_json, scored_at) VALUES (:r, :l, :s, :g, :v, :j, :t)",
          soci::use(run), soci::use(lead), soci::use(score), soci::use(grade),
          soci::use(version), soci::use(reasons), soci::use(at);
      tx.Commit();
      return Status::Ok();
    });
  }

  Status Commit() override {
    if (!owns_run_ || committed_) return Status::Ok();
    Status s = Guard("commit scores", [&]() -> Status {
      soci::session sql(store_.pool());
      long long run = run_id_;
      Tx tx(sql, store_.dialect());
      long long exists = 0;
      sql << "SELECT COUNT(*) FROM score_runs WHERE id = :r", soci::use(run), soci::into(exists);
      if (exists == 0) {
        return Status::FailedPrecondition("score run " + std::to_string(run_id_) +
                                          " was dropped by a newer refresh");
      }
      sql << "INSERT INTO scores(lead_id, score, previous_score, grade, model_version,"
             " reasons_json, scored_at)"
             " SELECT st.lead_id, st.score, NULL, st.grade, st.model_version, st.reasons_json,"
             " st.scored_at FROM score_staging st JOIN leads l ON l.id = st.lead_id"
             " WHERE st.run_id = :r"
             " ON CONFLICT (lead_id) DO UPDATE SET previous_score = scores.score,"
             " score = excluded.score, grade = excluded.grade,"
             " model_version = excluded.model_version, reasons_json = excluded.reasons_json,"
             " scored_at = excluded.scored_at",
          soci::use(run);
      sql << "DELETE FROM score_staging WHERE run_id = :r", soci::use(run);
      sql << "DELETE FROM score_runs WHERE id = :r", soci::use(run);
      tx.Commit();
      return Status::Ok();
    });
    if (s.ok()) committed_ = true;
    return s;
  }

 private:
  SqlStore& store_;
  const int64_t run_id_;
  const bool owns_run_;
  bool committed_ = false;
};

}  // namespace

Result<std::unique_ptr<ScoreWriter>> SqlStore::BeginScoreRefresh(int64_t model_version) {
  using Out = std::unique_ptr<ScoreWriter>;
  return GuardResult<Out>("begin score refresh", [&]() -> Result<Out> {
    soci::session sql(*pool_);
    long long version = model_version, now = SystemClock().NowMs(), run = 0;
    Tx tx(sql, dialect_);
    sql << "DELETE FROM score_staging";  // what dead runs left behind
    sql << "DELETE FROM score_runs";
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
    sql << "SELECT COUNT(*) FROM leads WHERE id = :l", soci::use(lead), soci::into(exists);
    if (exists == 0) return Status::NotFound("lead " + std::to_string(s.lead_id) + " does not exist");
    sql << "INSERT INTO scores(lead_id, score, previous_score, grade, model_version, reasons_json,"
           " scored_at) VALUES (:l, :s, NULL, :g, :v, :j, :t)"
           " ON CONFLICT (lead_id) DO UPDATE SET previous_score = scores.score,"
           " score = excluded.score, grade = excluded.grade,"
           " model_version = excluded.model_version, reasons_json = excluded.reasons_json,"
           " scored_at = excluded.scored_at",
        soci::use(lead), soci::use(score), soci::use(s.grade), soci::use(version),
        soci::use(s.reasons_json), soci::use(at);
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
    sql << "SELECT score, previous_score, grade, model_version, reasons_json, scored_at"
           " FROM scores WHERE lead_id = :l",
        soci::use(lead), soci::into(s.score), soci::into(previous, previous_ind),
        soci::into(s.grade), soci::into(version), soci::into(s.reasons_json), soci::into(at);
    if (!sql.got_data()) return Status::NotFound("lead " + std::to_string(lead_id) + " has no score");
    s.lead_id = lead_id;
    if (previous_ind != soci::i_null) s.previous_score = previous;
    s.model_version = version;
    s.scored_at = at;
    return s;
  });
}

Result<std::vector<double>> SqlStore::ScoreQuantiles(const std::vector<double>& probs) {
  for (double p : probs) {
    if (!(p >= 0.0 && p <= 1.0)) return Status::InvalidArgument("quantiles must be in [0, 1]");
  }
  using Out = std::vector<double>;
  return GuardResult<Out>("score quantiles", [&]() -> Result<Out> {
    soci::session sql(*pool_);
    long long n = 0;
    sql << "SELECT COUNT(*) FROM scores", soci::into(n);
    if (n == 0) return Status::FailedPrecondition("there are no scores yet");
    Out out;
    for (double p : probs) {
      long long k = std::clamp<long long>(static_cast<long long>(std::ceil(p * n)), 1, n);
      long long offset = k - 1;
      double value = 0;
      sql << "SELECT score FROM scores ORDER BY score LIMIT 1 OFFSET :o", soci::use(offset),
          soci::into(value);
      out.push_back(value);
    }
    return out;
  });
}

Status SqlStore::RegradeScores(const std::vector<double>& bands) {
  if (bands.size() != 3 || !(bands[0] >= bands[1] && bands[1] >= bands[2])) {
    return Status::InvalidArgument("grade bands are three descending thresholds for A, B, C");
  }
  return Guard("regrade scores", [&]() -> Status {
    soci::session sql(*pool_);
    double a = bands[0], b = bands[1], c = bands[2];
    Tx tx(sql, dialect_);
    sql << "UPDATE scores SET grade = CASE WHEN score >= :a THEN 'A' WHEN score >= :b THEN 'B'"
           " WHEN score >= :c THEN 'C' ELSE 'D' END",
        soci::use(a), soci::use(b), soci::use(c);
    tx.Commit();
    return Status::Ok();
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
