// Store: an import written in chunks, on both engines. Between two chunks other writes go
// through at once and no read sees any of the import's leads; Commit() shows them all together;
// an import dropped, failed or killed leaves nothing visible and its leads are deleted.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "store/soci_api.h"
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "store/dialect.h"
#include "store/store_test_env.h"

namespace leadscore {
namespace {

class StoreImportTest : public StoreTest {
 protected:
  static std::vector<Lead> Batch(int n, const std::string& prefix) {
    std::vector<Lead> batch;
    for (int i = 0; i < n; ++i) batch.push_back(MakeLead(prefix + std::to_string(i), 20 + i % 50));
    return batch;
  }

  // Every row of the leads table, visible or not, read past the store.
  int64_t RawLeadRows() {
    soci::session sql;
    const std::string& url = db_->url();
    if (GetParam() == "sqlite") {
      sql.open(soci::sqlite3, "db=\"" + url.substr(std::string("sqlite:").size()) + "\"");
    } else {
      auto conninfo = store::PostgresConnectString(url);
      EXPECT_TRUE(conninfo.ok());
      sql.open(soci::postgresql, *conninfo);
    }
    long long n = 0;
    sql << "SELECT COUNT(*) FROM leads", soci::into(n);
    return n;
  }

  LeadQuery AdminQuery() const {
    LeadQuery q;
    q.viewer = ViewerFor(admin_, Role::kAdmin);
    q.page_size = kMaxPageSize;
    return q;
  }

  // What the reads show of the leads: the count, an admin's and a sales person's list, a
  // search for the imported names, the statistics, the counts per status and a scan.
  struct Seen {
    int64_t count = 0, admin_total = 0, admin_rows = 0, sales_total = 0, found = 0, stats = 0,
            by_status = 0, scanned = 0;
  };
  Seen Look() {
    Seen seen;
    seen.count = *store_->CountLeads();
    auto page = store_->ListLeads(AdminQuery());
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    seen.admin_total = page->total;
    seen.admin_rows = static_cast<int64_t>(page->rows.size());
    LeadQuery sales;
    sales.viewer = ViewerFor(sales_, Role::kSales);
    seen.sales_total = store_->ListLeads(sales)->total;
    LeadQuery search = AdminQuery();
    search.search = "imported 1";
    seen.found = store_->ListLeads(search)->total;
    seen.stats = store_->StatLeads(AdminQuery())->total;
    auto counts = *store_->CountLeadsByStatus(ViewerFor(admin_, Role::kAdmin), std::nullopt);
    seen.by_status = counts.pending + counts.contacted + counts.converted + counts.rejected;
    EXPECT_TRUE(store_->ForEachLeadBatch(100, [&](const std::vector<Lead>& b) {
      seen.scanned += static_cast<int64_t>(b.size());
      return Status::Ok();
    }).ok());
    return seen;
  }

  void ExpectSeen(int64_t n) {
    const Seen seen = Look();
    EXPECT_EQ(seen.count, n);
    EXPECT_EQ(seen.admin_total, n);
    EXPECT_EQ(seen.admin_rows, std::min<int64_t>(n, kMaxPageSize));
    EXPECT_EQ(seen.sales_total, n);  // a lead another sales person contacted is shown too
    EXPECT_EQ(seen.stats, n);
    EXPECT_EQ(seen.by_status, n);
    EXPECT_EQ(seen.scanned, n);
    EXPECT_EQ(seen.found, 0);  // no lead shown is an imported one
  }

  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    admin_ = AddUser("admin", Role::kAdmin);
    sales_ = AddUser("sari", Role::kSales);
    other_sales_ = AddUser("budi", Role::kSales);
    probe_ = AddLead("Probe");
  }

  int64_t admin_ = 0, sales_ = 0, other_sales_ = 0, probe_ = 0;
};
LEADSCORE_STORE_SUITE(StoreImportTest);

TEST_P(StoreImportTest, BetweenChunksOtherWritesGoThroughAndNothingOfTheImportShows) {
  // A second server whose writes give up after 100 ms: on SQLite it would fail busy were the
  // import holding the write lock between its chunks.
  StoreOptions quick;
  quick.pool_size = 2;
  quick.busy_timeout_ms = 100;
  auto other = OpenStore(db_->url(), quick);
  ASSERT_TRUE(other.ok()) << other.status().ToString();

  auto writer = store_->BeginLeadImport(now());
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  ASSERT_TRUE((*writer)->Add(Batch(300, "Imported ")).ok());

  const auto start = std::chrono::steady_clock::now();
  auto changed = (*other)->ChangeLeadStatus(probe_, other_sales_, LeadStatus::kContacted, "",
                                            std::nullopt, now(), kDefaultRejectPeriod);
  const auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_LT(waited, std::chrono::milliseconds(500));
  ExpectSeen(1);
  // The import's first lead (the next id) cannot be read, changed or scored either.
  const int64_t first = probe_ + 1;
  EXPECT_EQ(store_->GetLead(first, now(), kDefaultRejectPeriod).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->GetLeadRow(first, ViewerFor(admin_, Role::kAdmin)).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->ChangeLeadStatus(first, sales_, LeadStatus::kContacted, "", std::nullopt,
                                     now(), kDefaultRejectPeriod)
                .status()
                .code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->UpsertScore({first, 0.5, std::nullopt, "B", 1, now()}).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->LeadIdRange()->second, probe_);
  EXPECT_EQ(RawLeadRows(), 301);  // written, committed, hidden

  ASSERT_TRUE((*writer)->Add(Batch(300, "Imported ")).ok());
  auto created = (*other)->CreateLead(MakeLead("Created meanwhile"), now());
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  ExpectSeen(2);

  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ((*writer)->added(), 600);
  writer->reset();
  EXPECT_EQ(*store_->CountLeads(), 602);
  auto page = store_->ListLeads(AdminQuery());
  EXPECT_EQ(page->total, 602);
  EXPECT_EQ(store_->GetLead(first, now(), kDefaultRejectPeriod)->name, "Imported 0");
  LeadQuery search = AdminQuery();
  search.search = "imported 1";
  EXPECT_EQ(store_->ListLeads(search)->total, 2 * 111);
  EXPECT_EQ(*store_->RemoveAbandonedImports(), 0);  // nothing left over
  EXPECT_EQ(RawLeadRows(), 602);
}

// A batch larger than kImportChunkRows goes in several chunks (transactions), none of which
// shows before Commit().
TEST_P(StoreImportTest, ALargeBatchGoesInSeveralChunks) {
  auto writer = store_->BeginLeadImport(now());
  ASSERT_TRUE(writer.ok());
  const int n = static_cast<int>(kImportChunkRows * 5 / 2);
  ASSERT_TRUE((*writer)->Add(Batch(n, "Imported ")).ok());
  EXPECT_EQ(*store_->CountLeads(), 1);
  EXPECT_EQ(RawLeadRows(), n + 1);
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ(*store_->CountLeads(), n + 1);
}

TEST_P(StoreImportTest, ADroppedOrFailedImportLeavesNothingAndDeletesItsLeads) {
  {
    auto writer = store_->BeginLeadImport(now());
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Add(Batch(300, "Imported ")).ok());
    ASSERT_TRUE((*writer)->Add(Batch(300, "Imported ")).ok());
    EXPECT_EQ(RawLeadRows(), 601);
    // dropped without Commit()
  }
  EXPECT_EQ(RawLeadRows(), 1);
  EXPECT_EQ(*store_->CountLeads(), 1);
  {
    // A failure in the middle: the second batch has a lead the store refuses.
    auto writer = store_->BeginLeadImport(now());
    ASSERT_TRUE((*writer)->Add(Batch(300, "Imported ")).ok());
    std::vector<Lead> bad = Batch(300, "Imported ");
    bad[150].extra_json = "[]";
    EXPECT_EQ((*writer)->Add(bad).code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(*store_->CountLeads(), 1);
    EXPECT_FALSE((*writer)->Commit().ok());
    EXPECT_EQ(*store_->CountLeads(), 1);
  }
  EXPECT_EQ(RawLeadRows(), 1);
  ExpectSeen(1);
}

// An import whose process is killed in the middle: what it wrote is in no read, another import
// running meanwhile is left alone, and once no import runs the leads are deleted.
TEST_P(StoreImportTest, AKilledImportIsHiddenAndItsLeadsAreDeletedLater) {
  int to_child[2], from_child[2];
  ASSERT_EQ(pipe(to_child), 0);
  ASSERT_EQ(pipe(from_child), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    // The child opens its own store and never touches the parent's connections.
    char answer = 'e';
    auto store = OpenStore(db_->url());
    std::unique_ptr<LeadWriter> writer;
    if (store.ok()) {
      auto begun = (*store)->BeginLeadImport(0);
      if (begun.ok()) {
        writer = std::move(*begun);
        const bool added = writer->Add(Batch(300, "Imported ")).ok() &&
                           writer->Add(Batch(300, "Imported ")).ok();
        if (added) answer = 'y';
      }
    }
    (void)!write(from_child[1], &answer, 1);
    char go = 0;
    (void)!read(to_child[0], &go, 1);  // killed while waiting here
    _exit(0);
  }
  ASSERT_GT(pid, 0);
  char answer = 0;
  ASSERT_EQ(read(from_child[0], &answer, 1), 1);
  ASSERT_EQ(answer, 'y');
  EXPECT_EQ(RawLeadRows(), 601);
  ExpectSeen(1);
  // While the child's import runs, nobody takes its leads for abandoned.
  EXPECT_EQ(*store_->RemoveAbandonedImports(), 0);
  EXPECT_EQ(RawLeadRows(), 601);

  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  for (int fd : {to_child[0], to_child[1], from_child[0], from_child[1]}) close(fd);
  ExpectSeen(1);

  // PostgreSQL notices the dead client's connection (and frees its lock) a moment later.
  int64_t removed = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (removed == 0 && std::chrono::steady_clock::now() < deadline) {
    auto r = store_->RemoveAbandonedImports();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    removed = *r;
    if (removed == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(removed, 600);
  EXPECT_EQ(RawLeadRows(), 1);
  ExpectSeen(1);

  // The next import runs as usual.
  auto writer = store_->BeginLeadImport(now());
  ASSERT_TRUE((*writer)->Add(Batch(10, "Next ")).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ(*store_->CountLeads(), 11);
}

// A store opened on the database deletes what a killed import left.
TEST_P(StoreImportTest, OpeningTheStoreDeletesWhatAKilledImportLeft) {
  const pid_t pid = fork();
  if (pid == 0) {
    auto store = OpenStore(db_->url());
    if (store.ok()) {
      auto begun = (*store)->BeginLeadImport(0);
      if (begun.ok() && (*begun)->Add(Batch(200, "Imported ")).ok()) {
        std::unique_ptr<LeadWriter> leaked = std::move(*begun);
        (void)leaked.release();  // as if killed: no destructor, no cleanup
        _exit(0);
      }
    }
    _exit(1);
  }
  ASSERT_GT(pid, 0);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(RawLeadRows(), 201);
  EXPECT_EQ(*store_->CountLeads(), 1);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (RawLeadRows() > 1 && std::chrono::steady_clock::now() < deadline) {
    auto reopened = OpenStore(db_->url());
    ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
    if (RawLeadRows() > 1) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(RawLeadRows(), 1);
  EXPECT_EQ(*store_->CountLeads(), 1);
}

// A chunk the database refuses after many it took fails the import whole: here the third
// chunk's COPY (SQLite: its inserts) meets, half-way, a customer key that the first chunk of the
// same file already wrote, and the unique index refuses it. Nothing of the file shows, at any
// time, and its leads are deleted.
TEST_P(StoreImportTest, AChunkRefusedHalfWayLeavesNothing) {
  const size_t n = kImportChunkRows * 2 + kImportChunkRows / 2;
  std::vector<Lead> batch = Batch(static_cast<int>(n), "Imported ");
  for (size_t i = 0; i < n; ++i) batch[i].customer_key = "auto:9" + std::to_string(i);
  batch[kImportChunkRows * 2 + kImportChunkRows / 4].customer_key = batch[20].customer_key;
  {
    auto writer = store_->BeginLeadImport(now());
    ASSERT_TRUE(writer.ok());
    const Status added = (*writer)->Add(batch);
    EXPECT_EQ(added.code(), StatusCode::kConflict) << added.ToString();
    ExpectSeen(1);
    EXPECT_FALSE((*writer)->Commit().ok());
    ExpectSeen(1);
  }
  EXPECT_EQ(RawLeadRows(), 1);
  ExpectSeen(1);
  // The same file without the duplicate goes in whole.
  batch[kImportChunkRows * 2 + kImportChunkRows / 4].customer_key = "auto:unique";
  auto writer = store_->BeginLeadImport(now());
  ASSERT_TRUE((*writer)->Add(batch).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ(*store_->CountLeads(), static_cast<int64_t>(n) + 1);
}

// PostgreSQL: the import's connection killed by the server in the middle of a COPY
// (pg_terminate_backend, as a restart or an operator would) leaves nothing visible, and once the
// import's process lets go its leads are deleted.
TEST_P(StoreImportTest, AConnectionKilledMidCopyLeavesNothing) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "kills a PostgreSQL connection";
  auto writer = store_->BeginLeadImport(now());
  ASSERT_TRUE(writer.ok());
  std::atomic<bool> done{false};
  Status added;
  std::thread import([&] {
    added = (*writer)->Add(Batch(static_cast<int>(kImportChunkRows * 12), "Imported "));
    done = true;
  });
  soci::session admin;
  {
    auto conninfo = store::PostgresConnectString(db_->url());
    ASSERT_TRUE(conninfo.ok());
    admin.open(soci::postgresql, *conninfo);
  }
  int killed = 0;
  while (!done && killed == 0) {
    admin << "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
             " WHERE state = 'active' AND query LIKE 'COPY leads(%' AND pid <> pg_backend_pid()"
             " AND datname = current_database()) AS k",
        soci::into(killed);
  }
  import.join();
  if (killed == 0) GTEST_SKIP() << "the import ended before one of its COPYs was caught";
  EXPECT_FALSE(added.ok());
  ExpectSeen(1);
  EXPECT_FALSE((*writer)->Commit().ok());
  ExpectSeen(1);
  writer->reset();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (RawLeadRows() != 1 && std::chrono::steady_clock::now() < deadline) {
    ASSERT_TRUE(store_->RemoveAbandonedImports().ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(RawLeadRows(), 1);
  ExpectSeen(1);
}

}  // namespace
}  // namespace leadscore
