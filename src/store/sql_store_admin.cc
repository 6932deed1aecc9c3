// SqlStore: model versions, jobs, segmentations, settings and named locks.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>
#include <set>

#include <spdlog/spdlog.h>

#include "store/sql_store.h"
#include "store/sql_util.h"

namespace leadscore::store {

// --- Model versions -------------------------------------------------------------------------

namespace {

const std::string kModelColumns =
    "id, created_at, created_by, " + Dialect::BoolInt("active") +
    ", validation_auc, metrics_json, pipeline_json, data_fingerprint";

// Reads model versions with `tail` ("WHERE ..." / "ORDER BY ..."), the booster too if asked.
std::vector<ModelVersion> QueryModels(soci::session& sql, const std::string& tail,
                                      bool with_booster, long long key) {
  ModelVersion m;
  long long id = 0, created = 0;
  int active = 0;
  std::string booster;
  soci::statement st(sql);
  st.exchange(soci::into(id));
  st.exchange(soci::into(created));
  st.exchange(soci::into(m.created_by));
  st.exchange(soci::into(active));
  st.exchange(soci::into(m.validation_auc));
  st.exchange(soci::into(m.metrics_json));
  st.exchange(soci::into(m.pipeline_json));
  st.exchange(soci::into(m.data_fingerprint));
  if (with_booster) st.exchange(soci::into(booster));
  if (tail.find(":k") != std::string::npos) st.exchange(soci::use(key, "k"));
  st.alloc();
  st.prepare("SELECT " + kModelColumns + (with_booster ? ", booster_json" : "") +
             " FROM model_versions " + tail);
  st.define_and_bind();
  st.execute();
  std::vector<ModelVersion> out;
  while (st.fetch()) {
    m.id = id;
    m.created_at = created;
    m.active = active != 0;
    m.booster_json = booster;
    out.push_back(m);
  }
  return out;
}

}  // namespace

Result<int64_t> SqlStore::SaveModelVersion(const ModelVersion& v, bool activate) {
  if (v.booster_json.empty()) return Status::InvalidArgument("a model version needs its booster");
  return GuardResult<int64_t>("save model version", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    long long id = 0, created = v.created_at;
    double auc = v.validation_auc;
    Tx tx(sql, dialect_);
    if (activate) sql << "UPDATE model_versions SET active = FALSE WHERE active";
    sql << "INSERT INTO model_versions(created_at, created_by, active, validation_auc,"
           " metrics_json, pipeline_json, booster_json, data_fingerprint) VALUES (:c, :b, " +
               std::string(activate ? "TRUE" : "FALSE") + ", :a, :m, :p, :x, :f) RETURNING id",
        soci::use(created), soci::use(v.created_by), soci::use(auc), soci::use(v.metrics_json),
        soci::use(v.pipeline_json), soci::use(v.booster_json), soci::use(v.data_fingerprint),
        soci::into(id);
    tx.Commit();
    return static_cast<int64_t>(id);
  });
}

Result<std::vector<ModelVersion>> SqlStore::ListModelVersions() {
  using Out = std::vector<ModelVersion>;
  return GuardResult<Out>("list model versions", [&]() -> Result<Out> {
    soci::session sql(*pool_);
    return QueryModels(sql, "ORDER BY id DESC", false, 0);
  });
}

Result<ModelVersion> SqlStore::GetModelVersion(int64_t id) {
  return GuardResult<ModelVersion>("get model version", [&]() -> Result<ModelVersion> {
    soci::session sql(*pool_);
    auto found = QueryModels(sql, "WHERE id = :k", true, id);
    if (found.empty()) {
      return Status::NotFound("model version " + std::to_string(id) + " does not exist")
          .With("model_not_found", {{"id", static_cast<int64_t>(id)}});
    }
    return found.front();
  });
}

Result<ModelVersion> SqlStore::GetActiveModelVersion() {
  return GuardResult<ModelVersion>("get active model", [&]() -> Result<ModelVersion> {
    soci::session sql(*pool_);
    auto found = QueryModels(sql, "WHERE active", true, 0);
    if (found.empty()) {
      return Status::NotFound("no model version is active; train a model first")
          .With("no_active_model");
    }
    return found.front();
  });
}

Status SqlStore::SetActiveModelVersion(int64_t id) {
  return Guard("activate model version", [&]() -> Status {
    soci::session sql(*pool_);
    long long key = id, exists = 0;
    Tx tx(sql, dialect_);
    sql << "SELECT COUNT(*) FROM model_versions WHERE id = :k", soci::use(key), soci::into(exists);
    if (exists == 0) {
      return Status::NotFound("model version " + std::to_string(id) + " does not exist")
          .With("model_not_found", {{"id", static_cast<int64_t>(id)}});
    }
    sql << "UPDATE model_versions SET active = FALSE WHERE active";
    sql << "UPDATE model_versions SET active = TRUE WHERE id = :k", soci::use(key);
    tx.Commit();
    return Status::Ok();
  });
}

// --- Jobs -----------------------------------------------------------------------------------

namespace {

std::vector<Job> QueryJobs(soci::session& sql, const std::string& tail, Params& p) {
  Job j;
  long long id = 0, done = 0, total = 0, started = 0, finished = 0;
  std::string state;
  soci::indicator finished_ind = soci::i_null;
  soci::statement st(sql);
  st.exchange(soci::into(id));
  st.exchange(soci::into(j.kind));
  st.exchange(soci::into(state));
  st.exchange(soci::into(done));
  st.exchange(soci::into(total));
  st.exchange(soci::into(j.error));
  st.exchange(soci::into(j.started_by));
  st.exchange(soci::into(started));
  st.exchange(soci::into(finished, finished_ind));
  p.Bind(st);
  st.alloc();
  st.prepare("SELECT id, kind, state, done, total, error, started_by, started_at, finished_at"
             " FROM jobs " + tail);
  st.define_and_bind();
  st.execute();
  std::vector<Job> out;
  while (st.fetch()) {
    j.id = id;
    j.state = ParseJobState(state).value_or(JobState::kFailed);
    j.done = done;
    j.total = total;
    j.started_at = started;
    j.finished_at = finished_ind == soci::i_null ? std::nullopt : std::optional<TimeMs>(finished);
    out.push_back(j);
  }
  return out;
}

}  // namespace

Result<int64_t> SqlStore::CreateJob(const std::string& kind, const std::string& started_by,
                                    int64_t total, TimeMs now) {
  if (kind.empty()) return Status::InvalidArgument("a job needs a kind");
  return GuardResult<int64_t>("create job", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    long long id = 0, t = total, at = now;
    sql << "INSERT INTO jobs(kind, state, done, total, error, started_by, started_at)"
           " VALUES (:k, 'running', 0, :t, '', :b, :a) RETURNING id",
        soci::use(kind), soci::use(t), soci::use(started_by), soci::use(at), soci::into(id);
    return static_cast<int64_t>(id);
  });
}

namespace {

Status UpdateJob(soci::session& sql, int64_t id, const std::string& set, Params& p) {
  const std::string key = p.Add(static_cast<long long>(id));
  soci::statement st(sql);
  p.Bind(st);
  st.alloc();
  st.prepare("UPDATE jobs SET " + set + " WHERE id = " + key);
  st.define_and_bind();
  st.execute(true);
  if (st.get_affected_rows() == 0) {
    return Status::NotFound("job " + std::to_string(id) + " does not exist")
        .With("job_not_found", {{"id", static_cast<int64_t>(id)}});
  }
  return Status::Ok();
}

}  // namespace

Status SqlStore::UpdateJobProgress(int64_t id, int64_t done, int64_t total) {
  return Guard("update job", [&]() -> Status {
    soci::session sql(*pool_);
    Params p;
    const std::string set = "done = " + p.Add(static_cast<long long>(done)) +
                            ", total = " + p.Add(static_cast<long long>(total));
    return UpdateJob(sql, id, set, p);
  });
}

Status SqlStore::FinishJob(int64_t id, TimeMs now) {
  return Guard("finish job", [&]() -> Status {
    soci::session sql(*pool_);
    Params p;
    const std::string set =
        "state = 'done', done = total, finished_at = " + p.Add(static_cast<long long>(now));
    return UpdateJob(sql, id, set, p);
  });
}

Status SqlStore::FailJob(int64_t id, const std::string& error, TimeMs now) {
  return Guard("fail job", [&]() -> Status {
    soci::session sql(*pool_);
    Params p;
    const std::string set = "state = 'failed', error = " + p.Add(error) +
                            ", finished_at = " + p.Add(static_cast<long long>(now));
    return UpdateJob(sql, id, set, p);
  });
}

Result<Job> SqlStore::GetJob(int64_t id) {
  return GuardResult<Job>("get job", [&]() -> Result<Job> {
    soci::session sql(*pool_);
    Params p;
    auto jobs = QueryJobs(sql, "WHERE id = " + p.Add(static_cast<long long>(id)), p);
    if (jobs.empty()) {
      return Status::NotFound("job " + std::to_string(id) + " does not exist")
          .With("job_not_found", {{"id", static_cast<int64_t>(id)}});
    }
    return jobs.front();
  });
}

Result<std::optional<Job>> SqlStore::GetRunningJob(const std::string& kind) {
  using Out = std::optional<Job>;
  return GuardResult<Out>("get running job", [&]() -> Result<Out> {
    soci::session sql(*pool_);
    Params p;
    auto jobs = QueryJobs(sql,
                          "WHERE kind = " + p.Add(kind) +
                              " AND state IN ('queued', 'running') ORDER BY id DESC LIMIT 1",
                          p);
    if (jobs.empty()) return Out();
    return Out(jobs.front());
  });
}

Result<std::vector<Job>> SqlStore::ListJobs(int64_t limit) {
  if (limit < 1 || limit > 1000) {
    return Status::InvalidArgument("limit must be 1..1000")
        .With("limit_out_of_range", {{"min", int64_t{1}}, {"max", int64_t{1000}}});
  }
  using Out = std::vector<Job>;
  return GuardResult<Out>("list jobs", [&]() -> Result<Out> {
    soci::session sql(*pool_);
    Params p;
    return QueryJobs(sql, "ORDER BY id DESC LIMIT " + std::to_string(limit), p);
  });
}

// --- Segmentations --------------------------------------------------------------------------

namespace {

std::vector<Segmentation> QuerySegmentations(soci::session& sql, const std::string& tail,
                                             long long key) {
  Segmentation s;
  long long id = 0, created = 0;
  int is_default = 0;
  soci::statement st(sql);
  st.exchange(soci::into(id));
  st.exchange(soci::into(s.name));
  st.exchange(soci::into(created));
  st.exchange(soci::into(s.created_by));
  st.exchange(soci::into(is_default));
  st.exchange(soci::into(s.model_json));
  if (tail.find(":k") != std::string::npos) st.exchange(soci::use(key, "k"));
  st.alloc();
  st.prepare("SELECT id, name, created_at, created_by, " + Dialect::BoolInt("is_default") +
             ", model_json FROM segmentations " + tail);
  st.define_and_bind();
  st.execute();
  std::vector<Segmentation> out;
  while (st.fetch()) {
    s.id = id;
    s.created_at = created;
    s.is_default = is_default != 0;
    out.push_back(s);
  }
  return out;
}

}  // namespace

Result<int64_t> SqlStore::SaveSegmentation(const Segmentation& seg, bool make_default) {
  if (seg.name.empty()) return Status::InvalidArgument("a segmentation needs a name");
  return GuardResult<int64_t>("save segmentation", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    long long id = 0, created = seg.created_at;
    Tx tx(sql, dialect_);
    if (make_default) sql << "UPDATE segmentations SET is_default = FALSE WHERE is_default";
    try {
      sql << "INSERT INTO segmentations(name, created_at, created_by, is_default, model_json)"
             " VALUES (:n, :c, :b, " +
                 std::string(make_default ? "TRUE" : "FALSE") + ", :m) RETURNING id",
          soci::use(seg.name), soci::use(created), soci::use(seg.created_by),
          soci::use(seg.model_json), soci::into(id);
    } catch (const soci::soci_error& e) {
      if (IsUniqueViolation(e)) {
        return Status::Conflict("segmentation '" + seg.name + "' exists")
            .With("segmentation_name_taken", {{"name", seg.name}});
      }
      throw;
    }
    tx.Commit();
    return static_cast<int64_t>(id);
  });
}

Result<std::vector<Segmentation>> SqlStore::ListSegmentations() {
  using Out = std::vector<Segmentation>;
  return GuardResult<Out>("list segmentations", [&]() -> Result<Out> {
    soci::session sql(*pool_);
    return QuerySegmentations(sql, "ORDER BY id DESC", 0);
  });
}

Result<Segmentation> SqlStore::GetSegmentation(int64_t id) {
  return GuardResult<Segmentation>("get segmentation", [&]() -> Result<Segmentation> {
    soci::session sql(*pool_);
    auto found = QuerySegmentations(sql, "WHERE id = :k", id);
    if (found.empty()) {
      return Status::NotFound("segmentation " + std::to_string(id) + " does not exist")
          .With("segmentation_not_found", {{"id", static_cast<int64_t>(id)}});
    }
    return found.front();
  });
}

Result<Segmentation> SqlStore::GetDefaultSegmentation() {
  return GuardResult<Segmentation>("get default segmentation", [&]() -> Result<Segmentation> {
    soci::session sql(*pool_);
    auto found = QuerySegmentations(sql, "WHERE is_default", 0);
    if (found.empty()) {
      return Status::NotFound("no default segmentation; build one first")
          .With("no_default_segmentation");
    }
    return found.front();
  });
}

Status SqlStore::SetDefaultSegmentation(int64_t id) {
  return Guard("set default segmentation", [&]() -> Status {
    soci::session sql(*pool_);
    long long key = id, exists = 0;
    Tx tx(sql, dialect_);
    sql << "SELECT COUNT(*) FROM segmentations WHERE id = :k", soci::use(key), soci::into(exists);
    if (exists == 0) {
      return Status::NotFound("segmentation " + std::to_string(id) + " does not exist")
          .With("segmentation_not_found", {{"id", static_cast<int64_t>(id)}});
    }
    sql << "UPDATE segmentations SET is_default = FALSE WHERE is_default";
    sql << "UPDATE segmentations SET is_default = TRUE WHERE id = :k", soci::use(key);
    tx.Commit();
    return Status::Ok();
  });
}

Status SqlStore::DeleteSegmentation(int64_t id) {
  return Guard("delete segmentation", [&]() -> Status {
    soci::session sql(*pool_);
    long long key = id;
    Tx tx(sql, dialect_);
    sql << "DELETE FROM lead_clusters WHERE segmentation_id = :k", soci::use(key);
    soci::statement st = (sql.prepare << "DELETE FROM segmentations WHERE id = :k", soci::use(key));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return Status::NotFound("segmentation " + std::to_string(id) + " does not exist")
          .With("segmentation_not_found", {{"id", static_cast<int64_t>(id)}});
    }
    BumpDataVersion(sql);
    tx.Commit();
    return Status::Ok();
  });
}

Status SqlStore::ReplaceLeadClusters(int64_t segmentation_id,
                                     const std::vector<LeadCluster>& clusters) {
  return Guard("replace lead clusters", [&]() -> Status {
    soci::session sql(*pool_);
    long long key = segmentation_id, exists = 0;
    Tx tx(sql, dialect_);
    sql << "SELECT COUNT(*) FROM segmentations WHERE id = :k", soci::use(key), soci::into(exists);
    if (exists == 0) {
      return Status::NotFound("segmentation " + std::to_string(segmentation_id) + " does not exist")
          .With("segmentation_not_found", {{"id", static_cast<int64_t>(segmentation_id)}});
    }
    sql << "DELETE FROM lead_clusters WHERE segmentation_id = :k", soci::use(key);
    constexpr size_t kBatch = 10000;
    for (size_t start = 0; start < clusters.size(); start += kBatch) {
      const size_t n = std::min(kBatch, clusters.size() - start);
      std::vector<long long> seg(n, key), lead(n);
      std::vector<int> cluster(n);
      for (size_t i = 0; i < n; ++i) {
        lead[i] = clusters[start + i].lead_id;
        cluster[i] = clusters[start + i].cluster;
      }
      sql << "INSERT INTO lead_clusters(segmentation_id, lead_id, cluster) VALUES (:s, :l, :c)",
          soci::use(seg), soci::use(lead), soci::use(cluster);
    }
    BumpDataVersion(sql);
    tx.Commit();
    return Status::Ok();
  });
}

// --- Settings -------------------------------------------------------------------------------

namespace {

Status ValidateSetting(const Setting& setting) {
  if (setting.name.empty()) return Status::InvalidArgument("a setting needs a name");
  if (setting.value_json.empty()) return Status::InvalidArgument("a setting needs a value");
  return Status::Ok();
}

void UpsertSetting(soci::session& sql, const Setting& setting) {
  long long at = setting.updated_at;
  sql << "INSERT INTO settings(name, value_json, updated_at, updated_by) VALUES (:n, :v, :t, :b)"
         " ON CONFLICT (name) DO UPDATE SET value_json = excluded.value_json,"
         " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
      soci::use(setting.name), soci::use(setting.value_json), soci::use(at),
      soci::use(setting.updated_by);
}


}  // namespace

Result<std::optional<Setting>> SqlStore::GetSetting(const std::string& name) {
  using Out = std::optional<Setting>;
  return GuardResult<Out>("get setting", [&]() -> Result<Out> {
    soci::session sql(*pool_);
    Setting setting;
    long long at = 0;
    sql << "SELECT name, value_json, updated_at, updated_by FROM settings WHERE name = :n",
        soci::use(name), soci::into(setting.name), soci::into(setting.value_json), soci::into(at),
        soci::into(setting.updated_by);
    if (!sql.got_data()) return Out();
    setting.updated_at = at;
    return Out(std::move(setting));
  });
}

Status SqlStore::PutSetting(const Setting& setting) {
  LS_RETURN_IF_ERROR(ValidateSetting(setting));
  return Guard("put setting", [&]() -> Status {
    soci::session sql(*pool_);
    Tx tx(sql, dialect_);
    UpsertSetting(sql, setting);
    // A setting may change what a list shows (kStaleContactedSetting): the list caches start
    // again.
    BumpDataVersion(sql);
    tx.Commit();
    return Status::Ok();
  });
}

Result<int64_t> SqlStore::PutSettingAndRegrade(const Setting& setting,
                                               const std::optional<std::vector<double>>& bands) {
  LS_RETURN_IF_ERROR(ValidateSetting(setting));
  if (bands) LS_RETURN_IF_ERROR(ValidateGradeBands(*bands));
  return GuardResult<int64_t>("put setting and regrade", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    Tx tx(sql, dialect_);
    UpsertSetting(sql, setting);
    const std::vector<double> cuts = bands ? *bands : ScoreQuantilesIn(sql, kQuartileProbabilities);
    const int64_t regraded = cuts.empty() ? 0 : RegradeIn(sql, "scores", cuts);
    BumpDataVersion(sql);
    tx.Commit();
    return regraded;
  });
}

// --- Locks ----------------------------------------------------------------------------------

namespace {

// Locks held in this process, by "database|name": stops one process from taking its own lock
// twice (two stores on one database in one process, as the tests run two servers).
std::mutex& HeldMutex() {
  static std::mutex mu;
  return mu;
}
std::set<std::string>& Held() {
  static std::set<std::string> held;  // guarded by HeldMutex()
  return held;
}

}  // namespace

// NAME with anything but [A-Za-z0-9_-] as '_'. An in-memory database's locks need not leave the
// process.
std::string SqliteLockPath(const std::string& connect, const std::string& name) {
  const std::string prefix = "db=\"";
  if (connect.rfind(prefix, 0) != 0 || connect.size() < prefix.size() + 1) return "";
  const std::string path = connect.substr(prefix.size(), connect.size() - prefix.size() - 1);
  if (path.empty() || path == ":memory:") return "";
  std::string safe = name;
  for (char& c : safe) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) c = '_';
  }
  return path + "-" + safe + ".lock";
}

namespace {

// Opens `path` and takes an exclusive flock on it without waiting: the descriptor, -1 when
// another process holds it (kConflict), or an error.
Result<int> TakeFileLock(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Status::Internal("cannot open the lock file " + path + ": " + std::strerror(errno));
  }
  int rc = 0;
  do {
    rc = ::flock(fd, LOCK_EX | LOCK_NB);
  } while (rc != 0 && errno == EINTR);
  if (rc == 0) return fd;
  const int err = errno;
  ::close(fd);
  if (err == EWOULDBLOCK) return -1;
  return Status::Internal("cannot lock " + path + ": " + std::strerror(err));
}

class SqlNamedLock : public NamedLock {
 public:
  SqlNamedLock(std::string name, std::string key, std::unique_ptr<soci::session> connection,
               int lock_fd)
      : name_(std::move(name)),
        key_(std::move(key)),
        connection_(std::move(connection)),
        lock_fd_(lock_fd) {}
  ~SqlNamedLock() override {
    if (connection_) {
      try {
        *connection_ << "SELECT pg_advisory_unlock(hashtext(:n))", soci::use(name_);
      } catch (const std::exception& e) {
        spdlog::warn("unlock {}: {} (closing the connection releases it)", name_, e.what());
      }
      connection_.reset();
    }
    if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
    std::lock_guard<std::mutex> lock(HeldMutex());
    Held().erase(key_);
  }
  const std::string& name() const override { return name_; }

 private:
  const std::string name_;
  const std::string key_;
  std::unique_ptr<soci::session> connection_;  // PostgreSQL: the session holding the lock
  const int lock_fd_;                          // SQLite: the flocked lock file, -1 if none
};

}  // namespace

Result<std::unique_ptr<NamedLock>> SqlStore::TryLock(const std::string& name) {
  if (name.empty()) return Status::InvalidArgument("a lock needs a name");
  const std::string key = connect_ + "|" + name;
  {
    std::lock_guard<std::mutex> lock(HeldMutex());
    if (!Held().insert(key).second) {
      return Status::Conflict("'" + name + "' is already running")
          .With("task_running", {{"task", name}});
    }
  }
  auto release_local = [&] {
    std::lock_guard<std::mutex> lock(HeldMutex());
    Held().erase(key);
  };
  if (dialect_.engine == Engine::kSqlite) {
    const std::string path = SqliteLockPath(connect_, name);
    int fd = -1;
    if (!path.empty()) {
      auto taken = TakeFileLock(path);
      if (!taken.ok() || *taken < 0) {
        release_local();
        if (!taken.ok()) return taken.status();
        return Status::Conflict("'" + name + "' is already running in another process")
            .With("task_running", {{"task", name}});
      }
      fd = *taken;
    }
    return std::unique_ptr<NamedLock>(std::make_unique<SqlNamedLock>(name, key, nullptr, fd));
  }
  auto connection = std::make_unique<soci::session>();
  int got = 0;
  Status s = Guard("take lock", [&] {
    OpenConnection(*connection);
    *connection << "SELECT CASE WHEN pg_try_advisory_lock(hashtext(:n)) THEN 1 ELSE 0 END",
        soci::use(name), soci::into(got);
    return Status::Ok();
  });
  if (!s.ok() || got == 0) {
    release_local();
    if (!s.ok()) return s;
    return Status::Conflict("'" + name + "' is already running on another server")
        .With("task_running", {{"task", name}});
  }
  return std::unique_ptr<NamedLock>(
      std::make_unique<SqlNamedLock>(name, key, std::move(connection), -1));
}

}  // namespace leadscore::store
