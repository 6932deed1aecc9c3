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
      return s;
    }
    added_ += static_cast<int64_t>(batch.size());
    return Status::Ok();
  }

  Status Commit() override {
    if (broken_) return Status::FailedPrecondition("import failed; nothing was written");
    if (committed_) return Status::Ok();
    Status s = Guard("commit import", [&] {
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
    return s;
  }

  int64_t added() const override { return added_; }

 private:
  std::unique_ptr<soci::session> sql_;
  const bool sqlite_;
  std::unique_ptr<Tx> tx_;
  const TimeMs now_;
  std::unique_ptr<NativeStatement> insert_;   // SQLite: the prepared insert
  long long before_id_ = 0;                   // the largest lead id before the import
  int64_t added_ = 0;
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
  return GuardResult<int64_t>("create lead", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    LeadColumns columns(1);
    columns.Set(0, lead, now);
    long long id = 0;
    Tx tx(sql, dialect_);
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
}

Status SqlStore::UpdateLead(const Lead& lead, TimeMs now) {
  LS_RETURN_IF_ERROR(ValidateLead(lead));
  return Guard("update lead", [&]() -> Status {
    soci::session sql(*pool_);
    LeadColumns columns(1);
    columns.Set(0, lead, now);
    long long id = lead.id, updated = now;
    Tx tx(sql, dialect_);
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
