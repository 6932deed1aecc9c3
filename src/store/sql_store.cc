#include "store/sql_store.h"

#include <spdlog/spdlog.h>

#include "store/soci_api.h"
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "store/schema.h"
#include "store/sql_util.h"
#include "store/sqlite_native.h"

namespace leadscore::store {

namespace {

const std::string kUserColumns = "id, username, display_name, role, password_hash, " +
                                 Dialect::BoolInt("active") +
                                 ", created_at, updated_at, last_login_at";

// The columns of kUserColumns fetched into a User, fields that need converting aside.
struct UserRow {
  User u;
  std::string role;
  int active = 0;
  long long id = 0, created = 0, updated = 0, last_login = 0;
  soci::indicator last_login_ind = soci::i_null;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(u.username));
    st.exchange(soci::into(u.display_name));
    st.exchange(soci::into(role));
    st.exchange(soci::into(u.password_hash));
    st.exchange(soci::into(active));
    st.exchange(soci::into(created));
    st.exchange(soci::into(updated));
    st.exchange(soci::into(last_login, last_login_ind));
  }
  User Get() const {
    User out = u;
    out.id = id;
    out.role = ParseRole(role).value_or(Role::kSales);
    out.active = active != 0;
    out.created_at = created;
    out.updated_at = updated;
    if (last_login_ind != soci::i_null) out.last_login_at = last_login;
    return out;
  }
};

// Reads one user with `where` (binding :k to key); `missing` (a kNotFound) when there is none.
template <typename Key>
Result<User> QueryUser(soci::session& sql, const std::string& where, const Key& key,
                       const Status& missing) {
  UserRow row;
  Key bound = key;
  soci::statement st(sql);
  row.Bind(st);
  st.exchange(soci::use(bound, "k"));
  st.alloc();
  st.prepare("SELECT " + kUserColumns + " FROM users WHERE " + where);
  st.define_and_bind();
  if (!st.execute(true)) return missing;
  return row.Get();
}

}  // namespace

SqlStore::SqlStore(Engine engine, std::string connect, size_t pool_size, int busy_timeout_ms)
    : dialect_{engine, &commits_},
      connect_(std::move(connect)),
      pool_size_(pool_size),
      busy_timeout_ms_(busy_timeout_ms),
      pool_(std::make_unique<soci::connection_pool>(pool_size)) {}

SqlStore::~SqlStore() = default;

void SqlStore::OpenConnection(soci::session& sql) const {
  if (dialect_.engine == Engine::kSqlite) {
    sql.open(soci::sqlite3, connect_);
    sql << "PRAGMA journal_mode = WAL";
    sql << "PRAGMA synchronous = NORMAL";
    sql << "PRAGMA foreign_keys = ON";
    // Waits for another writer up to the busy timeout, trying every millisecond (one try per
    // millisecond slept: the timeout is a bound, not exact).
    SetSqliteBusyWait(NativeSqlite(sql), busy_timeout_ms_);
    // 16 MB of page cache per connection (default 2 MB): the ranked list's pages and the score
    // index stay in it instead of being read from the file again on every request.
    sql << "PRAGMA cache_size = -16384";
  } else {
    sql.open(soci::postgresql, connect_);
  }
}

Result<std::unique_ptr<SqlStore>> SqlStore::Open(Engine engine, const std::string& connect,
                                                 const StoreOptions& options) {
  const size_t pool_size = std::max<size_t>(1, options.pool_size);
  if (engine == Engine::kSqlite) PreferSqliteWithoutConnectionMutexes();
  std::unique_ptr<SqlStore> store(
      new SqlStore(engine, connect, pool_size, options.busy_timeout_ms));
  try {
    for (size_t i = 0; i < pool_size; ++i) store->OpenConnection(store->pool_->at(i));
  } catch (const soci::soci_error& e) {
    return Status::Unavailable(std::string("cannot open the ") +
                               std::string(store->dialect_.name()) +
                               " database: " + e.get_error_message())
        .With("database_unavailable");
  }
  Status migrated = Guard("migrate schema", [&] {
    soci::session sql(*store->pool_);
    Migrate(sql, store->dialect_);
    return Status::Ok();
  });
  if (!migrated.ok()) return migrated;
  // An import whose process died left leads that nobody sees: they go now (or, while another
  // import runs on the database, at the next import).
  auto removed = store->RemoveAbandonedImports();
  if (!removed.ok()) spdlog::warn("abandoned imports: {}", removed.status().ToString());
  return store;
}

// --- Users ----------------------------------------------------------------------------------

Result<int64_t> SqlStore::CreateUser(const User& user) {
  if (user.username.empty()) return Status::InvalidArgument("username is empty");
  return GuardResult<int64_t>("create user", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    long long id = 0;
    std::string role(RoleName(user.role));
    int active = user.active ? 1 : 0;
    long long created = user.created_at, updated = user.updated_at ? user.updated_at : created;
    try {
      sql << "INSERT INTO users(username, display_name, role, password_hash, active, created_at,"
             " updated_at) VALUES (:u, :d, :r, :h, " +
                 std::string(active ? "TRUE" : "FALSE") + ", :c, :m) RETURNING id",
          soci::use(user.username), soci::use(user.display_name), soci::use(role),
          soci::use(user.password_hash), soci::use(created), soci::use(updated), soci::into(id);
    } catch (const soci::soci_error& e) {
      if (IsUniqueViolation(e)) {
        return Status::Conflict("username '" + user.username + "' is taken")
            .With("username_taken", {{"username", user.username}});
      }
      throw;
    }
    return static_cast<int64_t>(id);
  });
}

Result<User> SqlStore::GetUser(int64_t id) {
  return GuardResult<User>("get user", [&]() -> Result<User> {
    soci::session sql(*pool_);
    long long key = id;
    return QueryUser(sql, "id = :k", key,
                     Status::NotFound("user " + std::to_string(id) + " does not exist")
                         .With("user_not_found", {{"id", id}}));
  });
}

Result<User> SqlStore::GetUserByUsername(const std::string& username) {
  return GuardResult<User>("get user", [&]() -> Result<User> {
    soci::session sql(*pool_);
    return QueryUser(sql, "username = :k", username,
                     Status::NotFound("user '" + username + "' does not exist")
                         .With("username_not_found", {{"username", username}}));
  });
}

Result<std::vector<User>> SqlStore::ListUsers() {
  return GuardResult<std::vector<User>>("list users", [&]() -> Result<std::vector<User>> {
    soci::session sql(*pool_);
    std::vector<User> users;
    UserRow row;
    soci::statement st(sql);
    row.Bind(st);
    st.alloc();
    st.prepare("SELECT " + kUserColumns + " FROM users ORDER BY id");
    st.define_and_bind();
    st.execute();
    while (st.fetch()) users.push_back(row.Get());
    return users;
  });
}

Status SqlStore::UpdateUser(const User& user, int64_t actor_id) {
  if (user.username.empty()) return Status::InvalidArgument("username is empty");
  return Guard("update user", [&]() -> Status {
    soci::session sql(*pool_);
    std::string role(RoleName(user.role));
    long long id = user.id, updated = user.updated_at;
    soci::statement st = (sql.prepare << "UPDATE users SET username = :u, display_name = :d,"
                                         " role = :r, password_hash = :h, active = " +
                                             std::string(user.active ? "TRUE" : "FALSE") +
                                             ", updated_at = :m WHERE id = :id",
                          soci::use(user.username), soci::use(user.display_name),
                          soci::use(role), soci::use(user.password_hash), soci::use(updated),
                          soci::use(id));
    Tx tx(sql, dialect_);
    // Read in the transaction: whether the account stops being an active sales account.
    std::string was_role;
    int was_active = 0;
    sql << "SELECT role, " + Dialect::BoolInt("active") + " FROM users WHERE id = :id",
        soci::use(id), soci::into(was_role), soci::into(was_active);
    const bool was_sales = sql.got_data() && was_role == "sales" && was_active;
    try {
      st.execute(true);
    } catch (const soci::soci_error& e) {
      if (IsUniqueViolation(e)) {
        return Status::Conflict("username '" + user.username + "' is taken")
            .With("username_taken", {{"username", user.username}});
      }
      throw;
    }
    if (st.get_affected_rows() == 0) {
      return Status::NotFound("user " + std::to_string(user.id) + " does not exist")
          .With("user_not_found", {{"id", static_cast<int64_t>(user.id)}});
    }
    if (!user.active) sql << "DELETE FROM sessions WHERE user_id = :id", soci::use(id);
    if (was_sales && (!user.active || user.role != Role::kSales)) {
      const std::string why = !user.active ? "account deactivated" : "account made admin";
      ReleaseOpenLeadsIn(sql, user.id, actor_id, user.updated_at, why);
    }
    BumpDataVersion(sql);  // the lists show owners' names, and roles decide what a user sees
    tx.Commit();
    return Status::Ok();
  });
}

Status SqlStore::DeleteUser(int64_t id, int64_t actor_id, TimeMs now) {
  return Guard("delete user", [&]() -> Status {
    soci::session sql(*pool_);
    long long key = id;
    Tx tx(sql, dialect_);
    long long acted = 0, owned = 0;
    sql << "SELECT COUNT(*) FROM activity WHERE user_id = :id", soci::use(key), soci::into(acted);
    // Open leads an admin gave the account go back to the team; a closed one keeps its owner
    // for the audit trail.
    sql << "SELECT COUNT(*) FROM leads WHERE owner_id = :id AND status <> 'contacted'",
        soci::use(key), soci::into(owned);
    if (acted > 0 || owned > 0) {
      return Status::FailedPrecondition(
          "user " + std::to_string(id) +
          " has changed leads and is kept for the activity log; deactivate the account "
          "instead");
    }
    const bool released = ReleaseOpenLeadsIn(sql, id, actor_id, now, "account deleted") > 0;
    sql << "DELETE FROM sessions WHERE user_id = :id", soci::use(key);
    soci::statement st = (sql.prepare << "DELETE FROM users WHERE id = :id", soci::use(key));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return Status::NotFound("user " + std::to_string(id) + " does not exist")
          .With("user_not_found", {{"id", static_cast<int64_t>(id)}});
    }
    if (released) BumpDataVersion(sql);
    tx.Commit();
    return Status::Ok();
  });
}

Result<int64_t> SqlStore::CountUsers() {
  return GuardResult<int64_t>("count users", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    long long n = 0;
    sql << "SELECT COUNT(*) FROM users", soci::into(n);
    return static_cast<int64_t>(n);
  });
}

// --- Sessions -------------------------------------------------------------------------------

namespace {

Status InsertSession(soci::session& sql, const Session& session) {
  long long user = session.user_id, created = session.created_at, expires = session.expires_at;
  try {
    sql << "INSERT INTO sessions(token_hash, user_id, created_at, expires_at)"
           " VALUES (:t, :u, :c, :e)",
        soci::use(session.token_hash), soci::use(user), soci::use(created), soci::use(expires);
  } catch (const soci::soci_error& e) {
    if (IsUniqueViolation(e)) return Status::Conflict("session token already exists");
    throw;
  }
  return Status::Ok();
}

}  // namespace

Status SqlStore::CreateSession(const Session& session) {
  return Guard("create session", [&]() -> Status {
    soci::session sql(*pool_);
    return InsertSession(sql, session);
  });
}

Status SqlStore::CreateSignInSession(const Session& session) {
  return Guard("create sign-in session", [&]() -> Status {
    soci::session sql(*pool_);
    long long user = session.user_id, created = session.created_at;
    Tx tx(sql, dialect_);
    soci::statement signed_in = (sql.prepare << "UPDATE users SET last_login_at = :c WHERE id = :u",
                                 soci::use(created), soci::use(user));
    signed_in.execute(true);
    if (signed_in.get_affected_rows() == 0) {
      return Status::NotFound("user " + std::to_string(session.user_id) + " does not exist")
          .With("user_not_found", {{"id", static_cast<int64_t>(session.user_id)}});
    }
    LS_RETURN_IF_ERROR(InsertSession(sql, session));
    tx.Commit();
    return Status::Ok();
  });
}

Result<SessionWithUser> SqlStore::GetSession(const std::string& token_hash, TimeMs now) {
  const bool cached = dialect_.engine == Engine::kPostgres;
  const auto read_at = std::chrono::steady_clock::now();
  const uint64_t commits = commits_.load(std::memory_order_acquire);
  if (cached) {
    std::lock_guard<std::mutex> lock(sessions_mu_);
    auto it = sessions_.find(token_hash);
    if (it != sessions_.end() && it->second.commits == commits &&
        read_at - it->second.read_at < kFreshFor) {
      if (it->second.value.session.expires_at <= now) {
        return Status::NotFound("no such session").With("session_ended");
      }
      return it->second.value;
    }
  }
  auto found = GuardResult<SessionWithUser>("get session", [&]() -> Result<SessionWithUser> {
    soci::session sql(*pool_);
    // One statement (every request asks this; on PostgreSQL each statement is a round trip).
    UserRow row;
    long long created = 0, expires = 0;
    std::string key = token_hash;
    soci::statement st(sql);
    row.Bind(st);
    st.exchange(soci::into(created));
    st.exchange(soci::into(expires));
    st.exchange(soci::use(key, "t"));
    st.alloc();
    st.prepare("SELECT " + kUserColumns + ", session_created, session_expires FROM users JOIN"
               " (SELECT user_id AS session_user, created_at AS session_created, expires_at AS"
               " session_expires FROM sessions WHERE token_hash = :t) s ON users.id = s.session_user");
    st.define_and_bind();
    if (!st.execute(true) || expires <= now) {
      return Status::NotFound("no such session").With("session_ended");
    }
    SessionWithUser out;
    out.user = row.Get();
    out.session = Session{token_hash, out.user.id, created, expires};
    return out;
  });
  if (cached && found.ok()) {
    std::lock_guard<std::mutex> lock(sessions_mu_);
    if (sessions_.size() >= kMaxCachedSessions) sessions_.clear();
    sessions_[token_hash] = CachedSession{*found, read_at, commits};
  }
  return found;
}

Status SqlStore::DeleteSession(const std::string& token_hash) {
  return Guard("delete session", [&]() -> Status {
    soci::session sql(*pool_);
    sql << "DELETE FROM sessions WHERE token_hash = :t", soci::use(token_hash);
    commits_.fetch_add(1, std::memory_order_acq_rel);  // no Tx: counted here
    return Status::Ok();
  });
}

Result<int64_t> SqlStore::DeleteExpiredSessions(TimeMs now) {
  return GuardResult<int64_t>("delete expired sessions", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    long long at = now;
    soci::statement st =
        (sql.prepare << "DELETE FROM sessions WHERE expires_at <= :n", soci::use(at));
    st.execute(true);
    commits_.fetch_add(1, std::memory_order_acq_rel);  // no Tx: counted here
    return static_cast<int64_t>(st.get_affected_rows());
  });
}

Status SqlStore::DeleteUserSessions(int64_t user_id) {
  return Guard("delete user sessions", [&]() -> Status {
    soci::session sql(*pool_);
    long long key = user_id;
    sql << "DELETE FROM sessions WHERE user_id = :u", soci::use(key);
    commits_.fetch_add(1, std::memory_order_acq_rel);  // no Tx: counted here
    return Status::Ok();
  });
}

// --- Sign-in throttling ---------------------------------------------------------------------

Result<LoginAttempts> SqlStore::GetLoginAttempts(const std::string& key) {
  return GuardResult<LoginAttempts>("get login attempts", [&]() -> Result<LoginAttempts> {
    soci::session sql(*pool_);
    LoginAttempts a;
    a.key = key;
    long long failures = 0, last = 0;
    sql << "SELECT failures, last_failure_at FROM login_attempts WHERE attempt_key = :k",
        soci::use(key), soci::into(failures), soci::into(last);
    if (sql.got_data()) {
      a.failures = failures;
      a.last_failure_at = last;
    }
    return a;
  });
}

Result<TimeMs> SqlStore::CountLoginAttempt(const std::vector<std::string>& keys, TimeMs now,
                                           const std::function<TimeMs(LoginAttempts&)>& admit) {
  return GuardResult<TimeMs>("count login attempt", [&]() -> Result<TimeMs> {
    soci::session sql(*pool_);
    // SQLite: BEGIN IMMEDIATE takes the write lock, so one attempt at a time decides. PostgreSQL:
    // the upsert below locks each key's row (creating it if new) until the commit; keys are
    // always taken in the caller's order, so two attempts cannot deadlock.
    Tx tx(sql, dialect_);
    std::vector<LoginAttempts> records;
    TimeMs wait = 0;
    for (const std::string& key : keys) {
      long long failures = 0, last = 0;
      sql << "INSERT INTO login_attempts(attempt_key, failures, last_failure_at) VALUES (:k, 0, 0)"
             " ON CONFLICT (attempt_key) DO UPDATE SET failures = login_attempts.failures"
             " RETURNING failures, last_failure_at",
          soci::use(key), soci::into(failures), soci::into(last);
      LoginAttempts& record = records.emplace_back(LoginAttempts{key, failures, last});
      wait = std::max(wait, admit(record));
    }
    if (wait > 0) return wait;  // rolled back: the rows created above go too
    for (const LoginAttempts& record : records) {
      long long failures = record.failures + 1, at = now;
      sql << "UPDATE login_attempts SET failures = :f, last_failure_at = :n WHERE attempt_key = :k",
          soci::use(failures), soci::use(at), soci::use(record.key);
    }
    tx.Commit();
    return TimeMs{0};
  });
}

Status SqlStore::UncountLoginAttempt(const std::string& key) {
  return Guard("uncount login attempt", [&]() -> Status {
    soci::session sql(*pool_);
    sql << "UPDATE login_attempts SET failures = failures - 1"
           " WHERE attempt_key = :k AND failures > 0",
        soci::use(key);
    return Status::Ok();
  });
}

Status SqlStore::ClearLoginFailures(const std::string& key) {
  return Guard("clear login failures", [&]() -> Status {
    soci::session sql(*pool_);
    sql << "DELETE FROM login_attempts WHERE attempt_key = :k", soci::use(key);
    return Status::Ok();
  });
}

}  // namespace leadscore::store
