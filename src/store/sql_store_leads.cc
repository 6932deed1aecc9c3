// SqlStore: lead data — import, create, edit, delete, read, scans.
#include <algorithm>
#include <limits>

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

// PostgreSQL: an import is COPYed into a temporary table of the leads' data columns (typed as in
// leads, dropped at the end of the transaction), each row with its place in the file, then
// written into leads by one set-based statement at Commit(), in file order. An upsert by a key
// of the leads is an ON CONFLICT clause added to kInsertStaged.
const std::string kCreateStaging = "CREATE TEMP TABLE lead_staging ON COMMIT DROP AS SELECT " +
                                   LeadColumns::DataColumns() +
                                   ", CAST(0 AS BIGINT) AS seq FROM leads WITH NO DATA";
const std::string kCopyStaging =
    "COPY lead_staging(" + LeadColumns::DataColumns() + ", seq) FROM STDIN";
const std::string kInsertStaged = "INSERT INTO leads(" + LeadColumns::DataColumns() +
                                  ", status, status_changed_at, created_at, updated_at) SELECT " +
                                  LeadColumns::DataColumns() +
                                  ", 'pending', :now1, :now2, :now3 FROM lead_staging ORDER BY seq";

// The rows of LeadWriter::Update(): staged into a temporary table of the data columns and the
// lead's id on the writer's connection (created in its transaction, so a rollback removes it),
// then written into leads by one UPDATE at Commit().
const std::string kCreateUpdatesSqlite = "CREATE TEMP TABLE lead_updates AS SELECT " +
                                         LeadColumns::DataColumns() +
                                         ", id FROM leads WHERE 1 = 0";
const std::string kCreateUpdatesPostgres = "CREATE TEMP TABLE lead_updates ON COMMIT DROP AS SELECT " +
                                           LeadColumns::DataColumns() +
                                           ", id FROM leads WITH NO DATA";
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
Status KeyConflictOr(Status s, const std::string& message) {
  if (!s.ok() && s.code() == StatusCode::kInternal &&
      s.message().find("customer_key") != std::string::npos) {
    return Status::Conflict(message);
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
  if (lead.name.empty()) return Status::InvalidArgument("a lead needs a name");
  if (lead.extra_json.empty() || lead.extra_json.front() != '{') {
    return Status::InvalidArgument("extra_json must be a JSON object");
  }
  return Status::Ok();
}

class SqlLeadWriter : public LeadWriter {
 public:
  SqlLeadWriter(SqlStore& store, TimeMs now)
      : sql_(std::make_unique<soci::session>(store.pool())),
        sqlite_(store.dialect().engine == Engine::kSqlite),
        now_(now) {
    // A large import updates five indexes at random places: give this connection a page cache
    // big enough to keep them (256 MB at most, while the import runs).
    if (sqlite_) *sql_ << "PRAGMA cache_size = -262144";
    tx_ = std::make_unique<Tx>(*sql_, store.dialect());
    // The leads after this id are the import's, whose do-not-call numbers Commit() marks.
    *sql_ << "SELECT COALESCE(MAX(id), 0) FROM leads", soci::into(before_id_);
    if (!sqlite_) *sql_ << kCreateStaging;
  }
  ~SqlLeadWriter() override {
    insert_.reset();
    update_.reset();
    tx_.reset();  // rolls back unless committed
    if (sqlite_) {
      Status s = Guard("reset cache", [&] {
        *sql_ << "PRAGMA cache_size = -2000";
        *sql_ << "PRAGMA shrink_memory";
        return Status::Ok();
      });
      (void)s;
    }
    sql_.reset();
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
    Status s = Guard("import leads", [&] {
      if (sqlite3* db = NativeSqlite(*sql_)) {
        if (!insert_) insert_ = std::make_unique<NativeStatement>(db, kInsertLead);
        for (const Lead& lead : batch) {
          LeadColumns::BindData(*insert_, lead, now_);
          insert_->Step();
          insert_->Reset();
        }
        return Status::Ok();
      }
      PgCopy copy(NativePostgres(*sql_), kCopyStaging);
      int64_t seq = added_;
      for (const Lead& lead : batch) {
        LeadColumns::AppendData(copy, lead);
        copy.Tab();
        copy.AppendInt(seq++);
        copy.EndRow();
      }
      copy.Finish();
      return Status::Ok();
    });
    if (!s.ok()) {
      broken_ = true;
      return KeyConflictOr(s, kImportKeyConflict);
    }
    added_ += static_cast<int64_t>(batch.size());
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
        *sql_ << (sqlite_ ? kCreateUpdatesSqlite : kCreateUpdatesPostgres);
        updates_staged_ = true;
      }
      if (sqlite3* db = NativeSqlite(*sql_)) {
        if (!update_) update_ = std::make_unique<NativeStatement>(db, kInsertUpdate);
        for (const Lead& lead : batch) {
          const int next = LeadColumns::BindDataOnly(*update_, lead);
          update_->Bind(next, int64_t{lead.id});
          update_->Step();
          update_->Reset();
        }
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
      if (updated_ > 0) {
        update_.reset();
        long long now = now_;
        soci::statement st = (sql_->prepare << kApplyUpdates, soci::use(now));
        st.execute(true);
        if (st.get_affected_rows() != updated_) {
          return Status::Conflict(
              "a lead the file updates was deleted while the file was imported; nothing was "
              "written: import the file again");
        }
        long long kept = 0;
        *sql_ << "SELECT COUNT(*) FROM do_not_call_numbers", soci::into(kept);
        if (kept > 0) *sql_ << kMarkUpdatedDoNotCall;
        if (sqlite_) *sql_ << "DROP TABLE temp.lead_updates";
      }
      if (!sqlite_ && added_ > 0) {
        long long now = now_;
        *sql_ << kInsertStaged, soci::use(now), soci::use(now), soci::use(now);
      }
      // A customer who asked not to be called stays so when their file comes again.
      if (added_ > 0) SqlStore::MarkDoNotCallNumbersIn(*sql_, before_id_);
      BumpDataVersion(*sql_);
      tx_->Commit();
      return Status::Ok();
    });
    if (s.ok()) committed_ = true;
    return KeyConflictOr(s, kImportKeyConflict);
  }

  int64_t added() const override { return added_; }
  int64_t updated() const override { return updated_; }

 private:
  std::unique_ptr<soci::session> sql_;
  const bool sqlite_;
  std::unique_ptr<Tx> tx_;
  const TimeMs now_;
  std::unique_ptr<NativeStatement> insert_;   // SQLite: the prepared insert
  std::unique_ptr<NativeStatement> update_;   // SQLite: the prepared insert into lead_updates
  long long before_id_ = 0;                   // the largest lead id before the import
  bool updates_staged_ = false;               // lead_updates exists
  int64_t added_ = 0;
  int64_t updated_ = 0;
  bool broken_ = false;
  bool committed_ = false;
};

}  // namespace

Result<std::unique_ptr<LeadWriter>> SqlStore::BeginLeadImport(TimeMs now) {
  return GuardResult<std::unique_ptr<LeadWriter>>(
      "begin import", [&]() -> Result<std::unique_ptr<LeadWriter>> {
        return std::unique_ptr<LeadWriter>(std::make_unique<SqlLeadWriter>(*this, now));
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
    if (KeyTaken(sql, lead, 0)) return Status::Conflict(kKeyTaken);
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
  if (!created.ok()) return KeyConflictOr(created.status(), kKeyTaken);
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
    if (KeyTaken(sql, lead, id)) return Status::Conflict(kKeyTaken);
    soci::statement st(sql);
    columns.BindData(st, false);
    st.exchange(soci::use(updated, "updated_at"));
    st.exchange(soci::use(id, "id"));
    st.alloc();
    st.prepare("UPDATE leads SET " + LeadColumns::DataAssignments() +
               ", updated_at = :updated_at WHERE id = :id");
    st.define_and_bind();
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return Status::NotFound("lead " + std::to_string(lead.id) + " does not exist");
    }
    BumpDataVersion(sql);
    tx.Commit();
    return Status::Ok();
  });
  return KeyConflictOr(s, kKeyTaken);
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
    sql << "DELETE FROM scores WHERE lead_id = :id", soci::use(key);
    sql << "DELETE FROM lead_clusters WHERE lead_id = :id", soci::use(key);
    soci::statement st = (sql.prepare << "DELETE FROM leads WHERE id = :id", soci::use(key));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return Status::NotFound("lead " + std::to_string(id) + " does not exist");
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
    st.prepare("SELECT " + LeadColumns::SelectList("") + " FROM leads WHERE id = :id");
    st.define_and_bind();
    if (!st.execute(true)) return Status::NotFound("lead " + std::to_string(id) + " does not exist");
    Lead lead = columns.Get(0);
    ApplyEffectiveStatus(lead, now, {reject_period, StalePeriodIn(sql)});
    return lead;
  });
}

Result<int64_t> SqlStore::CountLeads() {
  return GuardResult<int64_t>("count leads", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    long long n = 0;
    sql << "SELECT COUNT(*) FROM leads", soci::into(n);
    return static_cast<int64_t>(n);
  });
}

Result<std::pair<int64_t, int64_t>> SqlStore::LeadIdRange() {
  using Range = std::pair<int64_t, int64_t>;
  return GuardResult<Range>("lead id range", [&]() -> Result<Range> {
    soci::session sql(*pool_);
    long long lo = 0, hi = 0;
    sql << "SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM leads", soci::into(lo),
        soci::into(hi);
    return Range{lo, hi};
  });
}

namespace {

// ScanLeads on SQLite: one statement read to the end (one snapshot of the leads), handed out
// `batch_size` at a time.
Status ScanLeadsNative(sqlite3* db, const LeadScan& scan, const ReturnPeriods& periods,
                       const std::function<Status(const std::vector<Lead>&)>& fn) {
  NativeStatement st(db, "SELECT " + LeadColumns::SelectList("") +
                             " FROM leads WHERE id >= ?1 AND id <= ?2" +
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

}  // namespace

Status SqlStore::ScanLeads(const LeadScan& scan,
                           const std::function<Status(const std::vector<Lead>&)>& fn) {
  if (scan.batch_size == 0) return Status::InvalidArgument("batch size must be positive");
  return Guard("scan leads", [&]() -> Status {
    soci::session sql(*pool_);
    const ReturnPeriods periods{scan.reject_period, StalePeriodIn(sql)};
    if (sqlite3* db = NativeSqlite(sql)) return ScanLeadsNative(db, scan, periods, fn);
    long long last = scan.min_id > std::numeric_limits<int64_t>::min() ? scan.min_id - 1
                                                                         : scan.min_id;
    long long max_id = scan.max_id;
    LeadColumns columns(std::max(scan.batch_size, kMinFetchRows));
    soci::statement st(sql);
    columns.BindInto(st);
    st.exchange(soci::use(last, "last"));
    st.exchange(soci::use(max_id, "max"));
    st.alloc();
    st.prepare("SELECT " + LeadColumns::SelectList("") +
               " FROM leads WHERE id > :last AND id <= :max" +
               (scan.known_outcome_only ? " AND outcome IS NOT NULL" : "") +
               " ORDER BY id LIMIT " + std::to_string(scan.batch_size));
    st.define_and_bind();
    std::vector<Lead> batch;
    while (true) {
      columns.Resize(std::max(scan.batch_size, kMinFetchRows));
      if (!st.execute(true)) break;
      batch.clear();
      batch.reserve(columns.size());
      for (size_t i = 0; i < columns.size(); ++i) {
        batch.push_back(columns.Get(i));
        if (scan.now) ApplyEffectiveStatus(batch.back(), *scan.now, periods);
      }
      if (batch.empty()) break;
      last = batch.back().id;
      LS_RETURN_IF_ERROR(fn(batch));
      if (batch.size() < scan.batch_size) break;
    }
    return Status::Ok();
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
