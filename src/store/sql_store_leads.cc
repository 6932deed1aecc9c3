// SqlStore: lead data — import, create, edit, delete, read, scans.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <iterator>
#include <limits>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <spdlog/spdlog.h>

#include "store/lead_columns.h"
#include "store/pg_native.h"
#include "store/sql_store.h"
#include "store/sql_util.h"

namespace leadscore::store {

namespace {

const std::string kInsertLead = "INSERT INTO leads(" + LeadColumns::DataColumns() +
                                ", status, status_changed_at, created_at, updated_at) VALUES (" +
                                LeadColumns::DataPlaceholders() +
                                ", 'pending', :status_changed_at, :created_at, :updated_at)";

// An import's chunks. SQLite: the prepared insert of kInsertLead with the import's id as its
// last parameter (after the data and the three times). PostgreSQL:
// COPY straight into leads, in file order (the ids follow the stream).
const std::string kInsertImported = "INSERT INTO leads(" + LeadColumns::DataColumns() +
                                    ", status, status_changed_at, created_at, updated_at,"
                                    " import_id) VALUES (" +
                                    LeadColumns::DataPlaceholders() +
                                    ", 'pending', :status_changed_at, :created_at, :updated_at,"
                                    " :import_id)";
const std::string kCopyImported = "COPY leads(" + LeadColumns::DataColumns() +
                                  ", status_changed_at, created_at, updated_at, import_id)"
                                  " FROM STDIN";

// The rows of LeadWriter::Update(): staged into a temporary table of the data columns and the
// lead's id on the writer's connection (dropped again when the writer is done with it, since the
// connection goes back to the pool), then written into leads by one UPDATE at Commit().
const std::string kCreateUpdatesSqlite = "CREATE TEMP TABLE lead_updates AS SELECT " +
                                         LeadColumns::DataColumns() +
                                         ", id FROM leads WHERE 1 = 0";
const std::string kCreateUpdatesPostgres = "CREATE TEMP TABLE lead_updates AS SELECT " +
                                           LeadColumns::DataColumns() +
                                           ", id FROM leads WITH NO DATA";
constexpr const char* kDropUpdatesSqlite = "DROP TABLE IF EXISTS temp.lead_updates";
constexpr const char* kDropUpdatesPostgres = "DROP TABLE IF EXISTS pg_temp.lead_updates";
const std::string kInsertUpdate = "INSERT INTO lead_updates(" + LeadColumns::DataColumns() +
                                  ", id) VALUES (" + LeadColumns::DataPlaceholders() + ", :id)";
const std::string kCopyUpdates =
    "COPY lead_updates(" + LeadColumns::DataColumns() + ", id) FROM STDIN";
const std::string kApplyUpdates = "UPDATE leads SET " + LeadColumns::DataAssignmentsFrom("u.") +
                                  ", updated_at = :now FROM lead_updates u WHERE leads.id = u.id";
// An updated lead whose new number is a kept do-not-call number takes the mark, as a new one.
const std::string kMarkUpdatedDoNotCall =
    "UPDATE leads SET do_not_call = 1 WHERE do_not_call = 0"
    " AND id IN (SELECT id FROM lead_updates)"
    " AND '+' || phone_digits IN (SELECT phone_e164 FROM do_not_call_numbers)";

// A write refused by the unique index of customer keys, as the caller reads it.
Status KeyConflictOr(Status s, Status conflict) {
  if (!s.ok() && s.code() == StatusCode::kInternal &&
      s.message().find("customer_key") != std::string::npos) {
    return conflict;
  }
  return s;
}

// The message names no lead: the caller may not be allowed to see the one that has the key.
const char* const kKeyTaken = "a lead with this customer key already exists";

// Whether a lead other than `except_id` has the lead's customer key, in the caller's transaction.
bool KeyTaken(soci::session& sql, const Lead& lead, long long except_id) {
  if (lead.customer_key.empty()) return false;
  long long found = 0;
  sql << "SELECT COUNT(*) FROM leads WHERE customer_key = :k AND id <> :id",
      soci::use(lead.customer_key), soci::use(except_id), soci::into(found);
  return found > 0;
}

const char* const kImportKeyConflict =
    "another lead with one of the file's customer keys was saved while the file was imported; "
    "nothing was written: import the file again";

Status ValidateLead(const Lead& lead) {
  if (lead.name.empty()) {
    return Status::InvalidArgument("a lead needs a name")
        .With("field_required", {{"field", std::string("name")}});
  }
  if (lead.extra_json.empty() || lead.extra_json.front() != '{') {
    return Status::InvalidArgument("extra_json must be a JSON object");
  }
  return Status::Ok();
}

// --- Who is importing -----------------------------------------------------------------------

// Every running import holds the import lock shared, for its whole life, so that nobody takes
// its leads for abandoned ones; RemoveAbandonedImports takes it exclusively, without waiting,
// to tell that the imports still 'writing' have nobody writing them. SQLite: flock(2) on the
// file "DATABASE-lead-import.lock" (an in-memory database: a count in this process);
// PostgreSQL: a session advisory lock on a connection of the hold's own. Either way it dies with
// its process. Throws on a database or file error (the callers run under Guard).
constexpr const char* kImportLockName = "lead-import";
constexpr const char* kPgLockShared = "SELECT pg_advisory_lock_shared(7215006, 2)";
constexpr const char* kPgTryLock =
    "SELECT CASE WHEN pg_try_advisory_lock(7215006, 2) THEN 1 ELSE 0 END";

std::mutex& LocalHoldsMutex() {
  static std::mutex mu;
  return mu;
}
std::map<std::string, int>& LocalHolds() {  // database -> shared holders, -1: exclusive
  static std::map<std::string, int> holds;  // guarded by LocalHoldsMutex()
  return holds;
}

class ImportHold {
 public:
  // Shared: waits while an exclusive holder marks (a moment). Exclusive: nullptr when an
  // import holds it anywhere.
  static std::unique_ptr<ImportHold> Take(const SqlStore& store, bool exclusive) {
    auto hold = std::unique_ptr<ImportHold>(new ImportHold());
    if (store.dialect().engine == Engine::kPostgres) {
      hold->pg_ = std::make_unique<soci::session>();
      store.OpenConnection(*hold->pg_);
      if (!exclusive) {
        *hold->pg_ << kPgLockShared;
        return hold;
      }
      int got = 0;
      *hold->pg_ << kPgTryLock, soci::into(got);
      return got ? std::move(hold) : nullptr;
    }
    const std::string path = SqliteLockPath(store.connect(), kImportLockName);
    if (path.empty()) {
      hold->local_ = store.connect();
      while (true) {
        {
          std::lock_guard<std::mutex> lock(LocalHoldsMutex());
          int& n = LocalHolds()[hold->local_];
          if (exclusive) {
            if (n != 0) return nullptr;
            n = -1;
            hold->exclusive_ = true;
            return hold;
          }
          if (n >= 0) {
            ++n;
            return hold;
          }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
    hold->fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (hold->fd_ < 0) {
      throw std::runtime_error("cannot open the lock file " + path + ": " + std::strerror(errno));
    }
    int rc = 0;
    do {
      rc = ::flock(hold->fd_, exclusive ? LOCK_EX | LOCK_NB : LOCK_SH);
    } while (rc != 0 && errno == EINTR);
    if (rc == 0) return hold;
    if (exclusive && errno == EWOULDBLOCK) return nullptr;
    throw std::runtime_error("cannot lock " + path + ": " + std::strerror(errno));
  }

  ~ImportHold() {
    pg_.reset();  // closing the connection releases its lock
    if (fd_ >= 0) ::close(fd_);  // releases the flock
    if (!local_.empty()) {
      std::lock_guard<std::mutex> lock(LocalHoldsMutex());
      int& n = LocalHolds()[local_];
      n = exclusive_ ? 0 : n - 1;
    }
  }

 private:
  ImportHold() = default;
  std::unique_ptr<soci::session> pg_;
  int fd_ = -1;
  std::string local_;  // an in-memory database's key in LocalHolds(), "" if not so
  bool exclusive_ = false;
};

// Deletes the leads of the failed import `import_id`, at most kImportChunkRows per
// transaction, then its row; returns how many leads went.
int64_t DeleteFailedImport(soci::session& sql, const Dialect& dialect, long long import_id) {
  int64_t removed = 0;
  const std::string chunk = std::to_string(kImportChunkRows);
  while (true) {
    Tx tx(sql, dialect);
    soci::statement st =
        (sql.prepare << "DELETE FROM leads WHERE id IN (SELECT id FROM leads WHERE import_id = :i"
                        " LIMIT " + chunk + ")",
         soci::use(import_id));
    st.execute(true);
    const long long n = st.get_affected_rows();
    if (n == 0) {
      sql << "DELETE FROM lead_imports WHERE id = :i AND state = 'failed'", soci::use(import_id);
      tx.Commit();
      return removed;
    }
    tx.Commit();
    removed += n;
  }
}

// The writer of one import. Each chunk is a transaction of its own: the leads, marked with the
// import's id (so in no read, see LiveLeadSql), the do-not-call marks of their numbers and the
// import's count of rows. Commit() turns the import done in one small transaction.
constexpr std::chrono::milliseconds kSqliteChunkGap{3};

class SqlLeadWriter : public LeadWriter {
 public:
  SqlLeadWriter(SqlStore& store, TimeMs now, std::unique_ptr<ImportHold> hold)
      : store_(store),
        hold_(std::move(hold)),
        sql_(std::make_unique<soci::session>(store.pool())),
        sqlite_(store.dialect().engine == Engine::kSqlite),
        now_(now) {
    // A large import updates the lead indexes at random places: give this connection a page cache
    // big enough to keep them (256 MB at most, while the import runs).
    if (sqlite_) *sql_ << "PRAGMA cache_size = -262144";
    long long at = now_;
    Tx tx(*sql_, store_.dialect());
    *sql_ << "INSERT INTO lead_imports(state, started_at) VALUES ('writing', :at) RETURNING id",
        soci::use(at), soci::into(import_id_);
    tx.Commit();
  }
  ~SqlLeadWriter() override {
    insert_.reset();
    update_.reset();
    if (updates_staged_) DropStagedUpdates();
    if (!committed_) {
      Status s = Guard("discard import", [&] {
        {
          Tx tx(*sql_, store_.dialect());
          *sql_ << "UPDATE lead_imports SET state = 'failed' WHERE id = :i AND state = 'writing'",
              soci::use(import_id_);
          tx.Commit();
        }
        DeleteFailedImport(*sql_, store_.dialect(), import_id_);
        return Status::Ok();
      });
      // What is left is never visible; RemoveAbandonedImports deletes it later.
      if (!s.ok()) spdlog::warn("import {}: {}", import_id_, s.ToString());
    }
    if (sqlite_) {
      Status s = Guard("reset cache", [&] {
        *sql_ << "PRAGMA cache_size = -2000";
        *sql_ << "PRAGMA shrink_memory";
        return Status::Ok();
      });
      (void)s;
    }
    if (!sqlite_) {
      // A connection the server ended (the import failed on it) goes back to the pool afresh.
      Status s = Guard("reconnect", [&] {
        if (PgConnectionLost(*sql_)) sql_->reconnect();
        return Status::Ok();
      });
      if (!s.ok()) spdlog::warn("import {}: {}", import_id_, s.ToString());
    }
    sql_.reset();
    hold_.reset();
  }

  Status Add(const std::vector<Lead>& batch) override {
    if (broken_) return Status::FailedPrecondition("import already failed; start again");
    if (committed_) return Status::FailedPrecondition("import already committed");
    if (batch.empty()) return Status::Ok();
    for (size_t i = 0; i < batch.size(); ++i) {
      Status valid = ValidateLead(batch[i]);
      if (!valid.ok()) {
        broken_ = true;
        return valid.WithContext("lead " + std::to_string(added_ + i + 1));
      }
    }
    for (size_t from = 0; from < batch.size(); from += kImportChunkRows) {
      const size_t to = std::min(batch.size(), from + kImportChunkRows);
      Status s = Guard("import leads", [&] { return WriteChunk(batch, from, to); });
      if (!s.ok()) {
        broken_ = true;
        return KeyConflictOr(s, Status::Conflict(kImportKeyConflict).With("import_key_conflict"));
      }
      added_ += static_cast<int64_t>(to - from);
      // SQLite: the write lock stays free for a moment, so that a write waiting for it (trying
      // every millisecond, see SetSqliteBusyWait) gets it before the next chunk.
      if (sqlite_) std::this_thread::sleep_for(kSqliteChunkGap);
    }
    return Status::Ok();
  }

  Status Update(const std::vector<Lead>& batch) override {
    if (broken_) return Status::FailedPrecondition("import already failed; start again");
    if (committed_) return Status::FailedPrecondition("import already committed");
    if (batch.empty()) return Status::Ok();
    for (const Lead& lead : batch) {
      Status valid = ValidateLead(lead);
      if (!valid.ok()) {
        broken_ = true;
        return valid.WithContext("lead " + std::to_string(lead.id));
      }
    }
    Status s = Guard("stage lead updates", [&] {
      if (!updates_staged_) {
        // A connection of the pool may still hold the table of a writer that failed to drop it.
        *sql_ << (sqlite_ ? kDropUpdatesSqlite : kDropUpdatesPostgres);
        *sql_ << (sqlite_ ? kCreateUpdatesSqlite : kCreateUpdatesPostgres);
        updates_staged_ = true;
      }
      if (sqlite3* db = NativeSqlite(*sql_)) {
        // A deferred transaction that writes the temporary database only: it takes no lock on
        // the leads' database, so nobody waits for the staging.
        soci::transaction staging(*sql_);
        if (!update_) update_ = std::make_unique<NativeStatement>(db, kInsertUpdate);
        for (const Lead& lead : batch) {
          const int next = LeadColumns::BindDataOnly(*update_, lead);
          update_->Bind(next, int64_t{lead.id});
          update_->Step();
          update_->Reset();
        }
        staging.commit();
        return Status::Ok();
      }
      PgCopy copy(NativePostgres(*sql_), kCopyUpdates);
      for (const Lead& lead : batch) {
        LeadColumns::AppendData(copy, lead);
        copy.Tab();
        copy.AppendInt(lead.id);
        copy.EndRow();
      }
      copy.Finish();
      return Status::Ok();
    });
    if (!s.ok()) {
      broken_ = true;
      return s;
    }
    updated_ += static_cast<int64_t>(batch.size());
    return Status::Ok();
  }

  Status Commit() override {
    if (broken_) return Status::FailedPrecondition("import failed; nothing was written");
    if (committed_) return Status::Ok();
    Status s = Guard("commit import", [&]() -> Status {
      Tx tx(*sql_, store_.dialect());
      // The updates of existing leads (matched by their customer keys) are written here, in
      // this transaction, so that they show together with the new leads.
      if (updated_ > 0) {
        update_.reset();
        long long now = now_;
        soci::statement apply = (sql_->prepare << kApplyUpdates, soci::use(now));
        apply.execute(true);
        if (apply.get_affected_rows() != updated_) {
          return Status::Conflict(
                     "a lead the file updates was deleted while the file was imported; nothing "
                     "was written: import the file again")
              .With("import_lead_deleted");
        }
        long long kept = 0;
        *sql_ << "SELECT COUNT(*) FROM do_not_call_numbers", soci::into(kept);
        if (kept > 0) *sql_ << kMarkUpdatedDoNotCall;
      }
      long long at = now_, rows = added_;
      soci::statement st =
          (sql_->prepare << "UPDATE lead_imports SET state = 'done', finished_at = :at,"
                            " rows_written = :n WHERE id = :i AND state = 'writing'",
           soci::use(at), soci::use(rows), soci::use(import_id_));
      st.execute(true);
      if (st.get_affected_rows() != 1) {
        return Status::FailedPrecondition("import " + std::to_string(import_id_) +
                                          " was taken for abandoned; start again")
            .With("import_abandoned");
      }
      BumpDataVersion(*sql_);
      tx.Commit();
      return Status::Ok();
    });
    if (s.ok()) {
      committed_ = true;
      if (updates_staged_) DropStagedUpdates();
    } else {
      broken_ = true;
    }
    return KeyConflictOr(s, Status::Conflict(kImportKeyConflict).With("import_key_conflict"));
  }

  int64_t added() const override { return added_; }
  int64_t updated() const override { return updated_; }

 private:
  void DropStagedUpdates() {
    Status s = Guard("drop staged updates", [&] {
      update_.reset();
      *sql_ << (sqlite_ ? kDropUpdatesSqlite : kDropUpdatesPostgres);
      return Status::Ok();
    });
    if (s.ok()) updates_staged_ = false;
  }

  Status WriteChunk(const std::vector<Lead>& batch, size_t from, size_t to) {
    Tx tx(*sql_, store_.dialect());
    // The leads after this id are the chunk's, whose do-not-call numbers are marked below.
    long long before = 0;
    *sql_ << "SELECT COALESCE(MAX(id), 0) FROM leads", soci::into(before);
    if (sqlite3* db = NativeSqlite(*sql_)) {
      if (!insert_) insert_ = std::make_unique<NativeStatement>(db, kInsertImported);
      for (size_t i = from; i < to; ++i) {
        int p = LeadColumns::BindDataOnly(*insert_, batch[i]);
        for (int k = 0; k < 3; ++k) insert_->Bind(p++, int64_t{now_});
        insert_->Bind(p, static_cast<int64_t>(import_id_));
        insert_->Step();
        insert_->Reset();
      }
    } else {
      PgCopy copy(NativePostgres(*sql_), kCopyImported);
      for (size_t i = from; i < to; ++i) {
        LeadColumns::AppendData(copy, batch[i]);
        for (int k = 0; k < 3; ++k) {
          copy.Tab();
          copy.AppendInt(now_);
        }
        copy.Tab();
        copy.AppendInt(import_id_);
        copy.EndRow();
      }
      copy.Finish();
    }
    // A customer who asked not to be called stays so when their file comes again (a number
    // marked while the import runs reaches its hidden leads too, see SetDoNotCall).
    SqlStore::MarkDoNotCallNumbersIn(*sql_, before);
    long long rows = static_cast<long long>(to - from);
    *sql_ << "UPDATE lead_imports SET rows_written = rows_written + :n WHERE id = :i",
        soci::use(rows), soci::use(import_id_);
    tx.Commit();
    return Status::Ok();
  }

  SqlStore& store_;
  std::unique_ptr<ImportHold> hold_;  // released last
  std::unique_ptr<soci::session> sql_;
  const bool sqlite_;
  const TimeMs now_;
  long long import_id_ = 0;
  std::unique_ptr<NativeStatement> insert_;  // SQLite: the prepared insert
  std::unique_ptr<NativeStatement> update_;  // SQLite: the prepared insert into lead_updates
  bool updates_staged_ = false;              // lead_updates exists on this connection
  int64_t added_ = 0;
  int64_t updated_ = 0;
  bool broken_ = false;
  bool committed_ = false;
};

}  // namespace

Result<std::unique_ptr<LeadWriter>> SqlStore::BeginLeadImport(TimeMs now) {
  // What a dead import left goes first (bounded by what it wrote); a failure here does not
  // stop this import, whose leads are its own.
  auto removed = RemoveAbandonedImports();
  if (!removed.ok()) spdlog::warn("abandoned imports: {}", removed.status().ToString());
  return GuardResult<std::unique_ptr<LeadWriter>>(
      "begin import", [&]() -> Result<std::unique_ptr<LeadWriter>> {
        auto hold = ImportHold::Take(*this, false);
        return std::unique_ptr<LeadWriter>(
            std::make_unique<SqlLeadWriter>(*this, now, std::move(hold)));
      });
}

Result<int64_t> SqlStore::RemoveAbandonedImports() {
  return GuardResult<int64_t>("remove abandoned imports", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    if (auto alone = ImportHold::Take(*this, true)) {
      // Nobody imports: an import still 'writing' lost its process.
      Tx tx(sql, dialect_);
      sql << "UPDATE lead_imports SET state = 'failed' WHERE state = 'writing'";
      tx.Commit();
    }
    std::vector<long long> failed;
    {
      long long id = 0;
      soci::statement st =
          (sql.prepare << "SELECT id FROM lead_imports WHERE state = 'failed' ORDER BY id",
           soci::into(id));
      st.execute();
      while (st.fetch()) failed.push_back(id);
    }
    int64_t removed = 0;
    for (long long id : failed) removed += DeleteFailedImport(sql, dialect_, id);
    if (removed > 0) spdlog::info("removed {} leads of imports that did not finish", removed);
    return removed;
  });
}

Result<int64_t> SqlStore::CreateLead(const Lead& lead, TimeMs now) {
  LS_RETURN_IF_ERROR(ValidateLead(lead));
  auto created = GuardResult<int64_t>("create lead", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    LeadColumns columns(1);
    columns.Set(0, lead, now);
    long long id = 0;
    Tx tx(sql, dialect_);
    if (KeyTaken(sql, lead, 0)) return Status::Conflict(kKeyTaken).With("customer_key_taken");
    soci::statement st(sql);
    columns.BindData(st, true);
    st.alloc();
    st.prepare(kInsertLead);
    st.define_and_bind();
    st.execute(true);
    sql << dialect_.LastInsertId(), soci::into(id);
    MarkDoNotCallNumbersIn(sql, id - 1);
    BumpDataVersion(sql);
    tx.Commit();
    return static_cast<int64_t>(id);
  });
  if (!created.ok())
    return KeyConflictOr(created.status(), Status::Conflict(kKeyTaken).With("customer_key_taken"));
  return created;
}

Status SqlStore::UpdateLead(const Lead& lead, TimeMs now) {
  LS_RETURN_IF_ERROR(ValidateLead(lead));
  Status s = Guard("update lead", [&]() -> Status {
    soci::session sql(*pool_);
    LeadColumns columns(1);
    columns.Set(0, lead, now);
    long long id = lead.id, updated = now;
    Tx tx(sql, dialect_);
    if (KeyTaken(sql, lead, id)) return Status::Conflict(kKeyTaken).With("customer_key_taken");
    soci::statement st(sql);
    columns.BindData(st, false);
    st.exchange(soci::use(updated, "updated_at"));
    st.exchange(soci::use(id, "id"));
    st.alloc();
    st.prepare("UPDATE leads SET " + LeadColumns::DataAssignments() +
               ", updated_at = :updated_at WHERE id = :id AND " + LiveLeadSql(""));
    st.define_and_bind();
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return Status::NotFound("lead " + std::to_string(lead.id) + " does not exist")
          .With("lead_not_found", {{"id", static_cast<int64_t>(lead.id)}});
    }
    BumpDataVersion(sql);
    tx.Commit();
    return Status::Ok();
  });
  return KeyConflictOr(s, Status::Conflict(kKeyTaken).With("customer_key_taken"));
}

Result<std::vector<Lead>> SqlStore::FindLeadsByCustomerKey(const std::vector<std::string>& keys) {
  return GuardResult<std::vector<Lead>>("find leads by key", [&]() -> Result<std::vector<Lead>> {
    std::vector<Lead> found;
    if (keys.empty()) return found;
    soci::session sql(*pool_);
    // A statement per chunk of keys, each an IN list the unique index answers.
    constexpr size_t kChunk = 500;
    for (size_t start = 0; start < keys.size(); start += kChunk) {
      const size_t n = std::min(kChunk, keys.size() - start);
      Params p;
      std::string in;
      for (size_t i = 0; i < n; ++i) {
        if (i > 0) in += ", ";
        in += p.Add(keys[start + i]);
      }
      LeadColumns columns(std::max(n, kMinFetchRows));
      soci::statement st(sql);
      columns.BindInto(st);
      p.Bind(st);
      st.alloc();
      st.prepare("SELECT " + LeadColumns::SelectList("") + " FROM leads WHERE customer_key IN (" +
                 in + ") LIMIT " + std::to_string(n));
      st.define_and_bind();
      if (!st.execute(true)) continue;
      for (size_t i = 0; i < columns.size(); ++i) found.push_back(columns.Get(i));
    }
    return found;
  });
}

Result<int64_t> SqlStore::ReserveIdentityNumbers(int64_t count) {
  if (count < 1) return Status::InvalidArgument("reserve at least one identity number");
  return GuardResult<int64_t>("reserve identity numbers", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    long long n = count, next = 0;
    Tx tx(sql, dialect_);
    sql << "UPDATE identity_numbers SET next_number = next_number + :n WHERE id = 1",
        soci::use(n);
    sql << "SELECT next_number FROM identity_numbers WHERE id = 1", soci::into(next);
    tx.Commit();
    return static_cast<int64_t>(next - n);
  });
}

Status SqlStore::DeleteLead(int64_t id) {
  return Guard("delete lead", [&]() -> Status {
    soci::session sql(*pool_);
    long long key = id;
    Tx tx(sql, dialect_);
    long long live = 0;
    sql << "SELECT COUNT(*) FROM leads WHERE id = :id AND " + LiveLeadSql(""), soci::use(key),
        soci::into(live);
    if (live == 0) {
      return Status::NotFound("lead " + std::to_string(id) + " does not exist")
          .With("lead_not_found", {{"id", static_cast<int64_t>(id)}});
    }
    sql << "DELETE FROM scores WHERE lead_id = :id", soci::use(key);
    sql << "DELETE FROM lead_clusters WHERE lead_id = :id", soci::use(key);
    soci::statement st = (sql.prepare << "DELETE FROM leads WHERE id = :id AND " + LiveLeadSql(""),
                          soci::use(key));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return Status::NotFound("lead " + std::to_string(id) + " does not exist")
          .With("lead_not_found", {{"id", static_cast<int64_t>(id)}});
    }
    BumpDataVersion(sql);
    tx.Commit();
    return Status::Ok();
  });
}

Result<Lead> SqlStore::GetLead(int64_t id, TimeMs now, TimeMs reject_period) {
  return GuardResult<Lead>("get lead", [&]() -> Result<Lead> {
    soci::session sql(*pool_);
    LeadColumns columns(kMinFetchRows);
    long long key = id;
    soci::statement st(sql);
    columns.BindInto(st);
    st.exchange(soci::use(key, "id"));
    st.alloc();
    st.prepare("SELECT " + LeadColumns::SelectList("") + " FROM leads WHERE id = :id AND " +
               LiveLeadSql(""));
    st.define_and_bind();
    if (!st.execute(true)) {
      return Status::NotFound("lead " + std::to_string(id) + " does not exist")
          .With("lead_not_found", {{"id", static_cast<int64_t>(id)}});
    }
    Lead lead = columns.Get(0);
    ApplyEffectiveStatus(lead, now, {reject_period, StalePeriodIn(sql)});
    return lead;
  });
}

Result<int64_t> SqlStore::CountLeads() {
  return GuardResult<int64_t>("count leads", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    long long n = 0;
    sql << "SELECT COUNT(*) FROM leads WHERE " + LiveLeadSql(""), soci::into(n);
    return static_cast<int64_t>(n);
  });
}

Result<std::pair<int64_t, int64_t>> SqlStore::LeadIdRange() {
  using Range = std::pair<int64_t, int64_t>;
  return GuardResult<Range>("lead id range", [&]() -> Result<Range> {
    soci::session sql(*pool_);
    long long lo = 0, hi = 0;
    sql << "SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM leads WHERE " +
               LiveLeadSql(""),
        soci::into(lo), soci::into(hi);
    return Range{lo, hi};
  });
}

namespace {

// ScanLeads on SQLite: one statement read to the end (one snapshot of the leads), handed out
// `batch_size` at a time.
Status ScanLeadsNative(sqlite3* db, const LeadScan& scan, const ReturnPeriods& periods,
                       const std::function<Status(const std::vector<Lead>&)>& fn) {
  NativeStatement st(db, "SELECT " + LeadColumns::SelectList("") +
                             " FROM leads WHERE id >= ?1 AND id <= ?2 AND " + LiveLeadSql("") +
                             (scan.known_outcome_only ? " AND outcome IS NOT NULL" : "") +
                             " ORDER BY id");
  st.Bind(1, scan.min_id);
  st.Bind(2, scan.max_id);
  std::vector<Lead> batch;
  batch.reserve(scan.batch_size);
  while (st.Step()) {
    batch.push_back(LeadColumns::Read(st));
    if (scan.now) ApplyEffectiveStatus(batch.back(), *scan.now, periods);
    if (batch.size() == scan.batch_size) {
      LS_RETURN_IF_ERROR(fn(batch));
      batch.clear();
    }
  }
  if (!batch.empty()) LS_RETURN_IF_ERROR(fn(batch));
  return Status::Ok();
}

// ScanLeads on PostgreSQL: `batch_size` leads per statement, each starting after the last id
// read, parsed by libpq from text (SOCI allocated and copied every value of every row twice).
// The ids are integers written into the statement, so nothing needs binding.
Status ScanLeadsPostgres(pg_conn* conn, const LeadScan& scan, const ReturnPeriods& periods,
                         const std::function<Status(const std::vector<Lead>&)>& fn) {
  int64_t last = scan.min_id > std::numeric_limits<int64_t>::min() ? scan.min_id - 1
                                                                   : scan.min_id;
  const std::string head = "SELECT " + LeadColumns::SelectList("") + " FROM leads WHERE id > ";
  const std::string tail = " AND " + LiveLeadSql("") +
                           (scan.known_outcome_only ? " AND outcome IS NOT NULL" : "") +
                           " ORDER BY id LIMIT " + std::to_string(scan.batch_size);
  std::vector<Lead> batch;
  while (true) {
    PgResult rows(conn, head + std::to_string(last) + " AND id <= " +
                            std::to_string(scan.max_id) + tail);
    batch.clear();
    batch.reserve(static_cast<size_t>(rows.rows()));
    for (int i = 0; i < rows.rows(); ++i) {
      batch.push_back(LeadColumns::Read(rows, i));
      if (scan.now) ApplyEffectiveStatus(batch.back(), *scan.now, periods);
    }
    if (batch.empty()) break;
    last = batch.back().id;
    LS_RETURN_IF_ERROR(fn(batch));
    if (batch.size() < scan.batch_size) break;
  }
  return Status::Ok();
}

}  // namespace

Status SqlStore::ScanLeads(const LeadScan& scan,
                           const std::function<Status(const std::vector<Lead>&)>& fn) {
  if (scan.batch_size == 0) return Status::InvalidArgument("batch size must be positive");
  return Guard("scan leads", [&]() -> Status {
    soci::session sql(*pool_);
    const ReturnPeriods periods{scan.reject_period, StalePeriodIn(sql)};
    if (sqlite3* db = NativeSqlite(sql)) return ScanLeadsNative(db, scan, periods, fn);
    return ScanLeadsPostgres(NativePostgres(sql), scan, periods, fn);
  });
}

Status SqlStore::ScanLeadRows(const LeadScan& scan,
                              const std::function<Status(const std::vector<LeadRow>&)>& fn) {
  if (scan.batch_size == 0) return Status::InvalidArgument("batch size must be positive");
  return Guard("scan lead rows", [&]() -> Status {
    soci::session sql(*pool_);
    int64_t last = scan.min_id > std::numeric_limits<int64_t>::min() ? scan.min_id - 1
                                                                     : scan.min_id;
    Viewer everyone{0, Role::kAdmin, scan.now.value_or(0), scan.reject_period};
    everyone = WithStalePeriod(sql, everyone);
    while (true) {
      Params p;
      std::string where = "l.id > " + p.Add(static_cast<long long>(last)) + " AND l.id <= " +
                          p.Add(static_cast<long long>(scan.max_id));
      if (scan.known_outcome_only) where += " AND l.outcome IS NOT NULL";
      where += " AND " + LiveLeadSql("l.");
      LS_ASSIGN_OR_RETURN(std::vector<LeadRow> rows,
                          FetchRows(sql,
                                    "FROM leads l LEFT JOIN scores s ON s.lead_id = l.id"
                                    " LEFT JOIN users u ON u.id = l.owner_id WHERE " +
                                        where + " ORDER BY l.id",
                                    p, scan.batch_size, 0, scan.now ? &everyone : nullptr));
      if (rows.empty()) break;
      last = rows.back().lead.id;
      LS_RETURN_IF_ERROR(fn(rows));
      if (rows.size() < scan.batch_size) break;
    }
    return Status::Ok();
  });
}

}  // namespace leadscore::store
