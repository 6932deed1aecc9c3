// A score refresh shared by two servers (two stores and two ScoringServices on one database, as
// two `leadscore serve` processes have), on SQLite and PostgreSQL: both score chunks and the
// result is a single refresh's (every lead once, with the job's model version even when another
// becomes active meanwhile, quartile grades over all new scores); a claimer killed in the middle
// of a chunk (a forked process) leaves its chunk to the holder once its lease has run out; with
// no refresh running a helper does nothing.
#include <gtest/gtest.h>
#include <signal.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <random>
#include <thread>

#include "ml/synthetic_leads.h"
#include "pg/test_database.h"
#include "service/scoring_service.h"
#include "service/training_service.h"
#include "store/dialect.h"
#include "store/soci_api.h"

namespace leadscore {
namespace {

constexpr size_t kLeads = 1200;

ScoringOptions SmallChunks() {
  ScoringOptions o;
  o.batch_size = 100;
  o.chunk_rows = 100;  // 12 chunks
  o.chunk_wait = 5;
  return o;
}

// One server: its own store (connection pool), model cache and scoring service.
struct Server {
  Server(const std::string& url, const Clock& clock) {
    auto opened = OpenStore(url);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    if (!opened.ok()) return;
    store = std::move(opened).value();
    cache = std::make_unique<ActiveModelCache>(*store, clock);
    scoring = std::make_unique<ScoringService>(*store, clock, *cache, SmallChunks());
  }
  std::unique_ptr<Store> store;
  std::unique_ptr<ActiveModelCache> cache;
  std::unique_ptr<ScoringService> scoring;
};

class SharedRefreshTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<testing_db::TestDatabase>(GetParam());
    LEADSCORE_REQUIRE_DB(*db_);
    one_ = std::make_unique<Server>(db_->url(), clock_);
    two_ = std::make_unique<Server>(db_->url(), clock_);
    ASSERT_TRUE(one_->store && two_->store);
    data_ = ml::testing::SyntheticLeads(kLeads, 11);
    for (size_t i = 0; i < data_.leads.size(); ++i) {
      data_.leads[i].name = "Nasabah " + std::to_string(i);
      data_.leads[i].phone = "+62 000 " + std::to_string(100000 + i);
    }
    auto writer = one_->store->BeginLeadImport(clock_.NowMs());
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    ASSERT_TRUE((*writer)->Add(data_.leads).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
    training_ = std::make_unique<TrainingService>(*one_->store, clock_, *one_->cache);
  }
  void TearDown() override {
    training_.reset();
    two_.reset();
    one_.reset();
    db_.reset();
  }

  int64_t Train(bool shuffled) {
    ml::LabelledData data = data_;
    if (shuffled) {
      std::mt19937_64 rng(5);
      for (size_t i = data.leads.size(); i > 1; --i) {
        std::swap(data.leads[i - 1].outcome, data.leads[rng() % i].outcome);
      }
    }
    TrainRequest request;
    request.options.max_rounds = 40;
    request.options.early_stopping_rounds = 10;
    request.options.eta = 0.3;
    // Finer leaves than the default (a hessian of 5) give distinct scores on 1,200 leads, so
    // the quartile grades checked below can cut them evenly.
    request.options.min_child_weight = 1;
    request.options.context = ml::ContextMode::kExclude;
    request.by = "admin";
    request.force_activate = true;
    auto trained = training_->TrainOnData(data, request);
    EXPECT_TRUE(trained.ok()) << trained.status().ToString();
    return trained.ok() ? trained->version.id : 0;
  }

  // Every lead's score as version `version` predicts it, by lead id.
  std::map<int64_t, float> Predicted(int64_t version) {
    std::map<int64_t, float> out;
    auto model = LoadModelVersion(*one_->store, version);
    EXPECT_TRUE(model.ok()) << model.status().ToString();
    EXPECT_TRUE(one_->store
                    ->ForEachLeadBatch(500,
                                       [&](const std::vector<Lead>& batch) -> Status {
                                         LS_ASSIGN_OR_RETURN(auto p,
                                                             (*model)->model.Predict(batch));
                                         for (size_t i = 0; i < batch.size(); ++i) {
                                           out[batch[i].id] = p[i];
                                         }
                                         return Status::Ok();
                                       })
                    .ok());
    return out;
  }

  // The stored scores are those one refresh with `version` gives: every lead once, its score as
  // the version predicts it, graded by the quartiles (nearest rank) of all of them.
  void ExpectRefreshedWith(int64_t version) {
    const std::map<int64_t, float> predicted = Predicted(version);
    ASSERT_EQ(predicted.size(), kLeads);
    std::vector<float> sorted;
    for (const auto& [id, p] : predicted) sorted.push_back(p);
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> bands;
    for (double q : {0.75, 0.5, 0.25}) {
      bands.push_back(sorted[static_cast<size_t>(std::ceil(q * kLeads)) - 1]);
    }
    EXPECT_EQ(*one_->store->CountScores(), static_cast<int64_t>(kLeads));
    std::map<std::string, int> grades;
    for (const auto& [id, p] : predicted) {
      auto s = one_->store->GetScore(id);
      ASSERT_TRUE(s.ok()) << "lead " << id << ": " << s.status().ToString();
      EXPECT_EQ(s->model_version, version) << "lead " << id;
      EXPECT_EQ(s->score, static_cast<double>(p)) << "lead " << id;
      EXPECT_EQ(s->grade, GradeOf(s->score, bands)) << "lead " << id;
      grades[s->grade]++;
    }
    for (const char* g : {"A", "B", "C", "D"}) EXPECT_NEAR(grades[g], 300, 40) << g;
  }

  void OpenRaw(soci::session& sql) {
    const std::string& url = db_->url();
    if (GetParam() == "sqlite") {
      sql.open(soci::sqlite3, "db=\"" + url.substr(std::string("sqlite:").size()) + "\"");
    } else {
      auto conninfo = store::PostgresConnectString(url);
      ASSERT_TRUE(conninfo.ok());
      sql.open(soci::postgresql, *conninfo);
    }
  }

  std::unique_ptr<testing_db::TestDatabase> db_;
  ManualClock clock_;
  std::unique_ptr<Server> one_, two_;
  ml::LabelledData data_;
  std::unique_ptr<TrainingService> training_;
};

INSTANTIATE_TEST_SUITE_P(Engines, SharedRefreshTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_P(SharedRefreshTest, TwoServersShareOneRefreshScoredWithTheJobsModelVersion) {
  const int64_t first = Train(false);
  const int64_t second = Train(true);
  ASSERT_TRUE(first && second);
  ASSERT_TRUE(training_->Activate(first).ok());

  // Server one holds the refresh. After its first chunk another version becomes active and
  // server two helps: it must score with the refresh's version, not the active one.
  std::optional<Result<RefreshHelp>> help;
  std::vector<int64_t> seen;
  auto job = one_->scoring->RunRefresh("admin", [&](int64_t done, int64_t total) {
    seen.push_back(done);
    EXPECT_EQ(total, static_cast<int64_t>(kLeads));
    if (!help) {
      EXPECT_TRUE(one_->store->SetActiveModelVersion(second).ok());
      two_->scoring->InvalidateModel();
      help.emplace(two_->scoring->HelpRefresh());
    }
    return Status::Ok();
  });
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  EXPECT_EQ(job->state, JobState::kDone) << job->error;
  EXPECT_EQ(job->done, static_cast<int64_t>(kLeads));  // every chunk counted once
  ASSERT_TRUE(help.has_value());
  ASSERT_TRUE(help->ok()) << help->status().ToString();
  EXPECT_EQ((*help)->job_id, job->id);
  EXPECT_GT((*help)->chunks, 0);
  EXPECT_LT((*help)->chunks, 12);  // server one scored the others
  EXPECT_EQ((*help)->leads, (*help)->chunks * 100);
  EXPECT_EQ(seen.size(), static_cast<size_t>(12 - (*help)->chunks));  // server one's chunks
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  ExpectRefreshedWith(first);

  // Nothing left to help with.
  auto idle = two_->scoring->HelpRefresh();
  ASSERT_TRUE(idle.ok());
  EXPECT_EQ(idle->job_id, 0);
}

TEST_P(SharedRefreshTest, WithoutARunningRefreshAHelperDoesNothing) {
  ASSERT_TRUE(Train(false));
  auto help = two_->scoring->HelpRefresh();
  ASSERT_TRUE(help.ok()) << help.status().ToString();
  EXPECT_EQ(help->job_id, 0);
  EXPECT_EQ(help->chunks, 0);
  EXPECT_FALSE(help->holder_gone);
  EXPECT_TRUE(one_->store->ListJobs(10)->empty());
  EXPECT_EQ(*one_->store->CountScores(), 0);
}

// A claimer in another process claims a chunk and is killed while it completes it (held up by
// a lock on the job's row on PostgreSQL, after its rows went into its transaction; by the write
// lock on SQLite). The holder scores the rest, then takes the dead claimer's chunk once its
// lease has run out; the result is a single refresh's.
TEST_P(SharedRefreshTest, AClaimerKilledMidChunkLeavesItsChunkToBeClaimedAgain) {
  const int64_t version = Train(false);
  ASSERT_TRUE(version);
  const bool pg = GetParam() == "postgresql";
  int to_child[2], from_child[2];
  ASSERT_EQ(pipe(to_child), 0);
  ASSERT_EQ(pipe(from_child), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    // The child uses only a store of its own (no model, no threads of the parent).
    char answer = 'e';
    char go = 0;
    (void)!read(to_child[0], &go, 1);  // the refresh has begun
    auto store = OpenStore(db_->url());
    std::unique_ptr<ScoreWriter> writer;
    std::optional<RefreshChunk> chunk;
    if (store.ok()) {
      auto work = (*store)->FindRefreshWork(clock_.NowMs());
      if (work.ok() && work->has_value()) {
        auto opened = (*store)->OpenScoreWriter((*work)->run_id);
        if (opened.ok()) writer = std::move(opened).value();
      }
      if (writer) {
        auto claimed = writer->ClaimChunk("doomed", clock_.NowMs(), 30 * kMsPerSecond);
        if (claimed.ok() && claimed->has_value()) {
          chunk = **claimed;
          answer = 'c';
        }
      }
    }
    (void)!write(from_child[1], &answer, 1);
    (void)!read(to_child[0], &go, 1);
    if (chunk) {
      std::vector<Score> bogus;
      for (int64_t id = chunk->min_id; id <= chunk->max_id; ++id) {
        bogus.push_back({id, 0.999, std::nullopt, "A", 999, clock_.NowMs()});
      }
      (void)writer->CompleteChunk(*chunk, "doomed", bogus, clock_.NowMs(), 30 * kMsPerSecond,
                                  false);
    }
    _exit(0);  // not reached before the kill
  }
  ASSERT_GT(pid, 0);

  bool killed = false;
  auto job = one_->scoring->RunRefresh("admin", [&](int64_t, int64_t) {
    if (killed) return Status::Ok();
    killed = true;
    // After the holder's first chunk: the child claims one, then dies completing it.
    EXPECT_EQ(write(to_child[1], "r", 1), 1);
    char answer = 0;
    EXPECT_EQ(read(from_child[0], &answer, 1), 1);
    EXPECT_EQ(answer, 'c');
    soci::session blocker;
    OpenRaw(blocker);
    if (pg) {
      blocker << "BEGIN";
      long long locked = 0;
      blocker << "SELECT id FROM jobs WHERE kind = 'refresh' AND state = 'running' FOR UPDATE",
          soci::into(locked);
    } else {
      blocker << "BEGIN IMMEDIATE";
    }
    EXPECT_EQ(write(to_child[1], "g", 1), 1);
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
      EXPECT_EQ(waiting, 1) << "the child did not reach the job's row";
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    blocker << "ROLLBACK";
    clock_.Advance(31 * kMsPerSecond);  // the dead claimer's lease runs out
    return Status::Ok();
  });
  for (int fd : {to_child[0], to_child[1], from_child[0], from_child[1]}) close(fd);
  ASSERT_TRUE(killed);
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  EXPECT_EQ(job->state, JobState::kDone) << job->error;
  EXPECT_EQ(job->done, static_cast<int64_t>(kLeads));
  ExpectRefreshedWith(version);
}

}  // namespace
}  // namespace leadscore
