// Store: the chunks of a shared score refresh (ScoreWriter::PlanChunks, ClaimChunk,
// CompleteChunk), on both engines: claimers get distinct chunks, a chunk whose lease ran out is
// claimed again and its late claimer writes nothing, a claimer killed in the middle of a chunk
// wrote nothing, and bad input changes nothing.
#include <gtest/gtest.h>
#include <signal.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "store/dialect.h"
#include "store/soci_api.h"
#include "store/store_test_env.h"

namespace leadscore {
namespace {

constexpr TimeMs kLease = 30 * kMsPerSecond;

class StoreRefreshChunksTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (int i = 0; i < 30; ++i) ids_.push_back(AddLead("L" + std::to_string(i)));
    auto job = store_->CreateJob("refresh", "admin", 30, now());
    ASSERT_TRUE(job.ok()) << job.status().ToString();
    job_ = *job;
    auto run = store_->BeginScoreRefresh(7);
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    run_ = std::move(run).value();
    // Three chunks of ten leads.
    ranges_ = {{ids_[0], ids_[9]}, {ids_[10], ids_[19]}, {ids_[20], ids_[29]}};
    ASSERT_TRUE(run_->PlanChunks(job_, {0.6, 0.4, 0.2}, ranges_).ok());
  }
  void TearDown() override {
    run_.reset();
    StoreTest::TearDown();
  }

  // Scores `value` for the leads of `chunk`.
  std::vector<Score> ScoresOf(const RefreshChunk& chunk, double value) const {
    std::vector<Score> out;
    for (int64_t id : ids_) {
      if (id >= chunk.min_id && id <= chunk.max_id) {
        out.push_back({id, value, std::nullopt, "B", 7, now()});
      }
    }
    return out;
  }

  // Opens `sql` on the test's database, outside the store.
  void OpenRaw(soci::session& sql) {
    const std::string& url = db_->url();
    if (GetParam() == "sqlite") {
      sql.open(soci::sqlite3, "db=\"" + url.substr(std::string("sqlite:").size()) + "\"");
    } else {
      auto conninfo = store::PostgresConnectString(url);
      EXPECT_TRUE(conninfo.ok());
      sql.open(soci::postgresql, *conninfo);
    }
  }

  // Rows in the run's table and distinct leads among them.
  std::pair<int64_t, int64_t> RunRows() {
    soci::session sql;
    OpenRaw(sql);
    long long rows = 0, leads = 0;
    sql << "SELECT COUNT(*), COUNT(DISTINCT lead_id) FROM scores_next", soci::into(rows),
        soci::into(leads);
    return {rows, leads};
  }

  std::vector<int64_t> ids_;
  int64_t job_ = 0;
  std::unique_ptr<ScoreWriter> run_;
  std::vector<std::pair<int64_t, int64_t>> ranges_;
};
LEADSCORE_STORE_SUITE(StoreRefreshChunksTest);

TEST_P(StoreRefreshChunksTest, ClaimersShareTheChunksAndTheOwnerCommitsThem) {
  auto work = store_->FindRefreshWork(now());
  ASSERT_TRUE(work.ok()) << work.status().ToString();
  ASSERT_TRUE(work->has_value());
  EXPECT_EQ((*work)->run_id, run_->run_id());
  EXPECT_EQ((*work)->job_id, job_);
  EXPECT_EQ((*work)->model_version, 7);
  EXPECT_EQ((*work)->bands, (std::vector<double>{0.6, 0.4, 0.2}));

  // Another server opens the run; the two claimers get different chunks.
  auto other = store_->OpenScoreWriter(run_->run_id());
  ASSERT_TRUE(other.ok());
  auto a = run_->ClaimChunk("a", now(), kLease);
  auto b = (*other)->ClaimChunk("b", now(), kLease);
  ASSERT_TRUE(a.ok() && a->has_value()) << a.status().ToString();
  ASSERT_TRUE(b.ok() && b->has_value()) << b.status().ToString();
  EXPECT_EQ((*a)->index, 0);
  EXPECT_EQ((*b)->index, 1);
  EXPECT_EQ((*b)->min_id, ids_[10]);
  EXPECT_EQ((*b)->max_id, ids_[19]);
  EXPECT_EQ(run_->CountChunks(now())->claimable, 1);

  auto done_a = run_->CompleteChunk(**a, "a", ScoresOf(**a, 0.7), now(), kLease, true);
  ASSERT_TRUE(done_a.ok()) << done_a.status().ToString();
  EXPECT_TRUE(done_a->written);
  EXPECT_EQ(done_a->job_done, 10);
  EXPECT_EQ(done_a->job_total, 30);
  ASSERT_TRUE(done_a->next.has_value());  // the last chunk, claimed in the same transaction
  EXPECT_EQ(done_a->next->index, 2);
  EXPECT_FALSE(store_->FindRefreshWork(now())->has_value());  // every chunk is taken

  auto done_b = (*other)->CompleteChunk(**b, "b", ScoresOf(**b, 0.5), now(), kLease, true);
  ASSERT_TRUE(done_b.ok());
  EXPECT_TRUE(done_b->written);
  EXPECT_FALSE(done_b->next.has_value());
  EXPECT_EQ(*store_->CountScores(), 0);  // nothing is visible before the commit
  auto last =
      run_->CompleteChunk(*done_a->next, "a", ScoresOf(*done_a->next, 0.3), now(), kLease, false);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->job_done, 30);
  auto counts = run_->CountChunks(now());
  EXPECT_EQ(counts->total, 3);
  EXPECT_EQ(counts->done, 3);
  EXPECT_EQ(counts->claimable, 0);
  EXPECT_EQ(RunRows(), (std::pair<int64_t, int64_t>{30, 30}));
  EXPECT_EQ(run_->RunScores()->size(), 30u);

  ASSERT_TRUE(run_->Commit().ok());
  EXPECT_EQ(*store_->CountScores(), 30);
  EXPECT_NEAR(store_->GetScore(ids_[0])->score, 0.7, 1e-12);
  EXPECT_NEAR(store_->GetScore(ids_[15])->score, 0.5, 1e-12);
  EXPECT_NEAR(store_->GetScore(ids_[29])->score, 0.3, 1e-12);
  EXPECT_EQ(store_->GetJob(job_)->done, 30);
  EXPECT_FALSE(store_->FindRefreshWork(now())->has_value());
  EXPECT_EQ((*other)->ClaimChunk("b", now(), kLease)->has_value(), false);
}

TEST_P(StoreRefreshChunksTest, AnExpiredLeaseIsClaimedAgainAndTheLateClaimerWritesNothing) {
  auto slow = run_->ClaimChunk("slow", now(), kLease);
  ASSERT_TRUE(slow.ok() && slow->has_value());
  ASSERT_EQ((*slow)->index, 0);
  // Within the lease another claimer gets the next chunk, not this one.
  auto early = run_->ClaimChunk("quick", now() + kLease - 1, kLease);
  ASSERT_EQ((*early)->index, 1);
  ASSERT_TRUE(run_->ReleaseChunks("quick").ok());  // given back: open again
  EXPECT_EQ(run_->CountChunks(now())->claimable, 2);

  // Past the lease the slow claimer's chunk goes to the next claimer.
  const TimeMs later = now() + kLease + 1;
  EXPECT_EQ(run_->CountChunks(later)->claimable, 3);
  auto taken = run_->ClaimChunk("quick", later, kLease);
  ASSERT_EQ((*taken)->index, 0);
  auto late = run_->CompleteChunk(**slow, "slow", ScoresOf(**slow, 0.9), later, kLease, false);
  ASSERT_TRUE(late.ok()) << late.status().ToString();
  EXPECT_FALSE(late->written);
  EXPECT_EQ(late->job_done, 0);
  auto quick = run_->CompleteChunk(**taken, "quick", ScoresOf(**taken, 0.2), later, kLease, false);
  ASSERT_TRUE(quick->written);
  EXPECT_EQ(quick->job_done, 10);  // counted once
  EXPECT_EQ(RunRows(), (std::pair<int64_t, int64_t>{10, 10}));
  // Completing it again (a retry) writes nothing either.
  EXPECT_FALSE(
      run_->CompleteChunk(**taken, "quick", ScoresOf(**taken, 0.2), later, kLease, false)->written);
  EXPECT_EQ(store_->GetJob(job_)->done, 10);
}

TEST_P(StoreRefreshChunksTest, BadInputChangesNothing) {
  auto chunk = run_->ClaimChunk("a", now(), kLease);
  ASSERT_TRUE(chunk.ok() && chunk->has_value());
  // A score of a lead outside the chunk, or an invalid one: refused, nothing written.
  std::vector<Score> outside = ScoresOf(**chunk, 0.5);
  outside.push_back({ids_[20], 0.5, std::nullopt, "B", 7, now()});
  EXPECT_EQ(run_->CompleteChunk(**chunk, "a", outside, now(), kLease, false).status().code(),
            StatusCode::kInvalidArgument);
  std::vector<Score> invalid = ScoresOf(**chunk, 0.5);
  invalid[3].score = 1.5;
  EXPECT_EQ(run_->CompleteChunk(**chunk, "a", invalid, now(), kLease, false).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(run_->ClaimChunk("", now(), kLease).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(RunRows(), (std::pair<int64_t, int64_t>{0, 0}));
  EXPECT_EQ(run_->CountChunks(now())->done, 0);
  EXPECT_EQ(store_->GetJob(job_)->done, 0);

  // Only the owner plans, once, and with ranges that ascend.
  auto other = store_->OpenScoreWriter(run_->run_id());
  EXPECT_EQ((*other)->PlanChunks(job_, {0.6, 0.4, 0.2}, ranges_).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(run_->PlanChunks(job_, {0.6, 0.4, 0.2}, ranges_).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(run_->CountChunks(now())->total, 3);

  // Without a refresh there is nothing to find or claim.
  ASSERT_TRUE(store_->DropScoreRun(run_->run_id()).ok());
  EXPECT_FALSE(store_->FindRefreshWork(now())->has_value());
  EXPECT_FALSE(run_->ClaimChunk("a", now() + 2 * kLease, kLease)->has_value());
  EXPECT_EQ(store_->OpenScoreWriter(run_->run_id()).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(run_->Commit().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(*store_->CountScores(), 0);
}

TEST_P(StoreRefreshChunksTest, OverlappingRangesAreRefused) {
  auto run = store_->BeginScoreRefresh(8);  // drops the fixture's run
  ASSERT_TRUE(run.ok());
  EXPECT_EQ((*run)->PlanChunks(job_, {0.6, 0.4, 0.2}, {{1, 10}, {10, 20}}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ((*run)->PlanChunks(job_, {0.6, 0.4, 0.2}, {{5, 1}}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ((*run)->PlanChunks(job_, {0.2, 0.4, 0.6}, {{1, 10}}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ((*run)->CountChunks(now())->total, 0);
  EXPECT_FALSE(store_->FindRefreshWork(now())->has_value());
}

// A claimer killed while it completes a chunk (on PostgreSQL with the chunk's rows already sent
// in its transaction, held up by a lock on the job's row; on SQLite while it waits for the write
// lock): nothing of it was written, and once its lease has run out the chunk is claimed again.
TEST_P(StoreRefreshChunksTest, AClaimerKilledMidChunkWroteNothing) {
  const bool pg = GetParam() == "postgresql";
  int to_child[2], from_child[2];
  ASSERT_EQ(pipe(to_child), 0);
  ASSERT_EQ(pipe(from_child), 0);
  const int64_t run_id = run_->run_id();
  const pid_t pid = fork();
  if (pid == 0) {
    // The child opens its own store and never touches the parent's connections.
    char answer = 'e';
    auto store = OpenStore(db_->url());
    std::unique_ptr<ScoreWriter> writer;
    std::optional<RefreshChunk> chunk;
    if (store.ok()) {
      auto opened = (*store)->OpenScoreWriter(run_id);
      if (opened.ok()) writer = std::move(opened).value();
      if (writer) {
        auto claimed = writer->ClaimChunk("doomed", 0, kLease);
        if (claimed.ok() && claimed->has_value()) {
          chunk = **claimed;
          answer = 'c';
        }
      }
    }
    (void)!write(from_child[1], &answer, 1);
    char go = 0;
    (void)!read(to_child[0], &go, 1);
    if (chunk) {
      (void)writer->CompleteChunk(*chunk, "doomed", ScoresOf(*chunk, 0.999), 0, kLease, true);
    }
    _exit(0);  // not reached before the kill
  }
  ASSERT_GT(pid, 0);
  char answer = 0;
  ASSERT_EQ(read(from_child[0], &answer, 1), 1);
  ASSERT_EQ(answer, 'c');

  // Hold the child up in the middle of its completion, then kill it there.
  soci::session blocker;
  OpenRaw(blocker);
  if (pg) {
    blocker << "BEGIN";
    long long job = job_, locked = 0;
    blocker << "SELECT id FROM jobs WHERE id = :j FOR UPDATE", soci::use(job), soci::into(locked);
  } else {
    blocker << "BEGIN IMMEDIATE";
  }
  ASSERT_EQ(write(to_child[1], "g", 1), 1);
  if (pg) {
    soci::session watcher;
    OpenRaw(watcher);
    long long waiting = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (waiting == 0 && std::chrono::steady_clock::now() < deadline) {
      watcher << "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                 " AND wait_event_type = 'Lock'",
          soci::into(waiting);
      if (waiting == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_EQ(waiting, 1) << "the child did not reach the job's row";
  } else {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  for (int fd : {to_child[0], to_child[1], from_child[0], from_child[1]}) close(fd);
  blocker << "ROLLBACK";

  // Its chunk stays its own until the lease runs out; then it is claimed again, and written once.
  EXPECT_EQ(run_->ClaimChunk("next", kLease - 1, kLease)->value().index, 1);
  ASSERT_TRUE(run_->ReleaseChunks("next").ok());
  std::optional<RefreshChunk> again;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!again && std::chrono::steady_clock::now() < deadline) {
    // PostgreSQL ends the dead client's transaction a moment later.
    auto claimed = run_->ClaimChunk("next", kLease + 1, kLease);
    ASSERT_TRUE(claimed.ok()) << claimed.status().ToString();
    if (claimed->has_value() && (*claimed)->index == 0) {
      again = **claimed;
    } else {
      if (claimed->has_value()) ASSERT_TRUE(run_->ReleaseChunks("next").ok());
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(RunRows(), (std::pair<int64_t, int64_t>{0, 0}));
  EXPECT_EQ(store_->GetJob(job_)->done, 0);
  auto done = run_->CompleteChunk(*again, "next", ScoresOf(*again, 0.4), kLease + 1, kLease, false);
  ASSERT_TRUE(done.ok() && done->written) << done.status().ToString();
  EXPECT_EQ(done->job_done, 10);
  EXPECT_EQ(RunRows(), (std::pair<int64_t, int64_t>{10, 10}));
}

}  // namespace
}  // namespace leadscore
