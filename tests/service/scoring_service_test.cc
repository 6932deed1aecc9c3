#include "service/scoring_service.h"

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "ml/synthetic_leads.h"
#include "service/training_service.h"

namespace leadscore {
namespace {

ml::TrainOptions FastOptions() {
  ml::TrainOptions o;
  o.max_rounds = 40;
  o.early_stopping_rounds = 10;
  o.eta = 0.3;
  // On 1,200 synthetic leads the default leaves (a hessian of 5, about 30 rows each) give only
  // about a hundred distinct scores, one of them shared by 159 leads, which the quartile
  // grades below cannot cut; finer leaves keep these tests about the refresh.
  o.min_child_weight = 1;
  return o;
}

// A SQLite store holding synthetic labelled leads, with the services over it.
class ScoringServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("leadscore-scoring-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    auto store = OpenStore("sqlite:" + (dir_ / "test.db").string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    data_ = ml::testing::SyntheticLeads(1200, 11);
    for (size_t i = 0; i < data_.leads.size(); ++i) {
      data_.leads[i].name = "Nasabah " + std::to_string(i);
      data_.leads[i].phone = "+62 000 " + std::to_string(100000 + i);
    }
    auto writer = store_->BeginLeadImport(clock_.NowMs());
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    Status added = (*writer)->Add(data_.leads);
    ASSERT_TRUE(added.ok()) << added.ToString();
    ASSERT_TRUE((*writer)->Commit().ok());
    cache_ = std::make_unique<ActiveModelCache>(*store_, clock_);
    training_ = std::make_unique<TrainingService>(*store_, clock_, *cache_);
    ScoringOptions options;
    options.batch_size = 100;
    options.chunk_rows = 100;
    scoring_ = std::make_unique<ScoringService>(*store_, clock_, *cache_, options);
  }
  void TearDown() override {
    scoring_.reset();
    training_.reset();
    cache_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Result<TrainOutcome> Train(const ml::LabelledData& data, bool force = false) {
    TrainRequest request;
    request.options = FastOptions();
    // The synthetic leads carry their signal in a context column (euribor3m): scored under one
    // current campaign they would tie in a few values, and these tests are about the refresh
    // and its grades, not the context (tests/ml/backtest_test.cc and campaign_test.cc are).
    request.options.context = ml::ContextMode::kExclude;
    request.by = "admin";
    request.force_activate = force;
    return training_->TrainOnData(data, request);
  }

  std::map<int64_t, Score> AllScores() {
    std::map<int64_t, Score> out;
    EXPECT_TRUE(store_
                    ->ForEachLeadBatch(500,
                                       [&](const std::vector<Lead>& batch) {
                                         for (const auto& lead : batch) {
                                           auto s = store_->GetScore(lead.id);
                                           if (s.ok()) out[lead.id] = *s;
                                         }
                                         return Status::Ok();
                                       })
                    .ok());
    return out;
  }

  // The same leads with shuffled outcomes: a model trained on them is no better than chance.
  ml::LabelledData Shuffled() {
    ml::LabelledData noise = data_;
    std::mt19937_64 rng(5);
    for (size_t i = noise.leads.size(); i > 1; --i) {
      std::swap(noise.leads[i - 1].outcome, noise.leads[rng() % i].outcome);
    }
    return noise;
  }

  std::filesystem::path dir_;
  ManualClock clock_;
  std::unique_ptr<Store> store_;
  ml::LabelledData data_;
  std::unique_ptr<ActiveModelCache> cache_;
  std::unique_ptr<TrainingService> training_;
  std::unique_ptr<ScoringService> scoring_;
};

TEST_F(ScoringServiceTest, NewVersionIsActivatedOnlyIfNotWorseUnlessForced) {
  auto first = Train(data_);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->activated);  // nothing was active
  auto worse = Train(Shuffled());
  ASSERT_TRUE(worse.ok()) << worse.status().ToString();
  ASSERT_LT(worse->version.validation_auc, first->version.validation_auc);
  EXPECT_FALSE(worse->activated);
  EXPECT_EQ(store_->GetActiveModelVersion()->id, first->version.id);

  auto forced = Train(Shuffled(), /*force=*/true);
  ASSERT_TRUE(forced.ok());
  EXPECT_TRUE(forced->activated);
  EXPECT_EQ(store_->GetActiveModelVersion()->id, forced->version.id);

  // Activating an older version is one call.
  auto back = training_->Activate(first->version.id);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->active);
  EXPECT_EQ(store_->GetActiveModelVersion()->id, first->version.id);
  EXPECT_EQ(training_->ListVersions()->size(), 3u);  // versions are kept
  auto curves = training_->Curves(first->version.id);
  ASSERT_TRUE(curves.ok());
  EXPECT_EQ((*curves)["deciles"].size(), 10u);
}

TEST_F(ScoringServiceTest, TooLittleDataIsRefusedAndNothingIsSaved) {
  auto small = ml::testing::SyntheticLeads(300, 3, /*max_yes=*/20);
  auto result = Train(small);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(training_->ListVersions()->empty());
}

TEST_F(ScoringServiceTest, RefreshScoresEveryLeadWithGradesReasonsAndTrend) {
  EXPECT_EQ(scoring_->RunRefresh("admin", nullptr).status().code(),
            StatusCode::kFailedPrecondition);  // no model yet
  ASSERT_TRUE(Train(data_).ok());
  std::vector<int64_t> seen;
  auto job = scoring_->RunRefresh("admin", [&](int64_t done, int64_t total) {
    seen.push_back(done);
    EXPECT_EQ(total, 1200);
    return Status::Ok();
  });
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  EXPECT_EQ(job->state, JobState::kDone) << job->error;
  EXPECT_EQ(job->done, 1200);
  EXPECT_EQ(seen.size(), 12u);  // one report per chunk of 100

  auto scores = AllScores();
  ASSERT_EQ(scores.size(), 1200u);
  std::map<std::string, int> grades;
  for (const auto& [id, s] : scores) {
    grades[s.grade]++;
    EXPECT_FALSE(s.previous_score.has_value());
  }
  for (const char* g : {"A", "B", "C", "D"}) EXPECT_NEAR(grades[g], 300, 40) << g;

  // Reasons are explained on demand, with the version that scored the lead.
  const int64_t first_id = scores.begin()->first;
  auto first = store_->GetLead(first_id, clock_.NowMs(), kDefaultRejectPeriod);
  ASSERT_TRUE(first.ok());
  const int64_t first_version = scores[first_id].model_version;
  auto reasons = scoring_->ExplainScore(*first, first_version);
  ASSERT_TRUE(reasons.ok()) << reasons.status().ToString();
  EXPECT_GT(ml::ExpandReasons(*reasons).size(), 0u);
  auto direct = (*cache_->Get())->model.Explain({*first}, /*approximate=*/false);
  ASSERT_TRUE(direct.ok());
  EXPECT_EQ(*reasons, ml::ReasonsToJson(direct->at(0).reasons));

  // A second refresh keeps the first score as the previous one.
  ASSERT_TRUE(Train(Shuffled(), /*force=*/true).ok());
  ASSERT_EQ(scoring_->RunRefresh("admin", nullptr)->state, JobState::kDone);
  auto again = AllScores();
  for (const auto& [id, s] : again) {
    ASSERT_TRUE(s.previous_score.has_value());
    EXPECT_DOUBLE_EQ(*s.previous_score, scores[id].score);
  }
  // The first version is no longer active; a score it made is still explained by it.
  ASSERT_NE(again[first_id].model_version, first_version);
  auto old_reasons = scoring_->ExplainScore(*first, first_version);
  ASSERT_TRUE(old_reasons.ok()) << old_reasons.status().ToString();
  EXPECT_EQ(*old_reasons, *reasons);
  EXPECT_EQ(scoring_->ExplainScore(*first, 987654).status().code(), StatusCode::kNotFound);
}

TEST_F(ScoringServiceTest, FailedRefreshLeavesTheOldScoresWhole) {
  ASSERT_TRUE(Train(data_).ok());
  ASSERT_EQ(scoring_->RunRefresh("admin", nullptr)->state, JobState::kDone);
  auto before = AllScores();
  ASSERT_TRUE(Train(Shuffled(), /*force=*/true).ok());  // new scores would differ

  auto job = scoring_->RunRefresh("admin", [](int64_t done, int64_t) {
    return done >= 600 ? Status::Internal("disk full (simulated)") : Status::Ok();
  });
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job->state, JobState::kFailed);
  EXPECT_NE(job->error.find("disk full"), std::string::npos);
  auto after = AllScores();
  ASSERT_EQ(after.size(), before.size());
  for (const auto& [id, s] : before) {
    EXPECT_EQ(after[id].score, s.score);
    EXPECT_EQ(after[id].model_version, s.model_version);
    EXPECT_EQ(after[id].grade, s.grade);
  }
  // The next refresh runs normally.
  EXPECT_EQ(scoring_->RunRefresh("admin", nullptr)->state, JobState::kDone);
}

TEST_F(ScoringServiceTest, SecondRequestJoinsTheRunningRefresh) {
  ASSERT_TRUE(Train(data_).ok());
  // Another server is refreshing: it holds the lock and its job is running.
  auto lock = store_->TryLock(kRefreshLockName);
  ASSERT_TRUE(lock.ok());
  auto other = store_->CreateJob(kRefreshJobKind, "other-server", 1200, clock_.NowMs());
  ASSERT_TRUE(other.ok());
  auto joined = scoring_->StartRefresh("sales1");
  ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  EXPECT_EQ(joined->id, *other);
  EXPECT_EQ(scoring_->StartRefresh("sales2")->id, *other);
  ASSERT_TRUE(store_->FinishJob(*other, clock_.NowMs()).ok());
  lock->reset();

  // Nobody runs one now: a new job starts in the background and finishes.
  auto mine = scoring_->StartRefresh("admin");
  ASSERT_TRUE(mine.ok());
  EXPECT_NE(mine->id, *other);
  scoring_->WaitForRefresh();
  EXPECT_EQ(scoring_->GetJob(mine->id)->state, JobState::kDone);
  EXPECT_EQ(store_->CountScores().value(), 1200);
}

TEST_F(ScoringServiceTest, SingleLeadScoreMatchesTheModelAndIsSaved) {
  ASSERT_TRUE(Train(data_).ok());
  ASSERT_EQ(scoring_->RunRefresh("admin", nullptr)->state, JobState::kDone);
  auto model = cache_->Get();
  ASSERT_TRUE(model.ok());
  Lead what_if = data_.leads[7];
  auto scored = scoring_->Score(what_if);
  ASSERT_TRUE(scored.ok()) << scored.status().ToString();
  EXPECT_EQ(scored->score, (*model)->model.Predict({what_if})->at(0));
  EXPECT_EQ(scored->model_id, (*model)->version_id);
  EXPECT_FALSE(scored->reasons.empty());
  nlohmann::json api = scored->ToJson();
  EXPECT_TRUE(api["reasons"][0].contains("label_id"));

  int64_t id = AllScores().begin()->first;
  auto lead = store_->GetLead(id, clock_.NowMs(), kDefaultRejectPeriod);
  ASSERT_TRUE(lead.ok());
  lead->numeric[FindBankColumn("pdays")->slot] = 3;  // edited: contacted recently
  ASSERT_TRUE(store_->UpdateLead(*lead, clock_.NowMs()).ok());
  ASSERT_TRUE(scoring_->ScoreAndSave(id).ok());
  auto saved = store_->GetScore(id);
  ASSERT_TRUE(saved.ok());
  EXPECT_FLOAT_EQ(saved->score, scoring_->Score(*lead)->score);
  EXPECT_TRUE(saved->previous_score.has_value());

  EXPECT_FALSE(scoring_->SetGradeBands(std::vector<double>{0.2, 0.5, 0.1}, "admin").ok());
  ASSERT_TRUE(scoring_->SetGradeBands(std::vector<double>{0.9, 0.8, 0.7}, "admin").ok());
  EXPECT_EQ(GradeOf(0.75, *scoring_->grade_bands()), "C");
  EXPECT_EQ(store_->GetScore(id)->grade, GradeOf(saved->score, {0.9, 0.8, 0.7}));  // at once

  // Another server on the same database grades a single lead with the stored bands too.
  auto store2 = OpenStore("sqlite:" + (dir_ / "test.db").string());
  ASSERT_TRUE(store2.ok());
  ActiveModelCache cache2(**store2, clock_);
  ScoringService other(**store2, clock_, cache2);
  auto graded = other.Score(*lead);
  ASSERT_TRUE(graded.ok()) << graded.status().ToString();
  EXPECT_EQ(graded->grade, GradeOf(graded->score, {0.9, 0.8, 0.7}));
}

TEST_F(ScoringServiceTest, ARefreshStartingElsewhereIsJoinedOnceItsJobExists) {
  ASSERT_TRUE(Train(data_).ok());
  // Another server has taken the lock and is still loading its model: no job yet.
  auto lock = store_->TryLock(kRefreshLockName);
  ASSERT_TRUE(lock.ok());
  std::optional<Result<Job>> joined;
  std::thread request([&] { joined.emplace(scoring_->StartRefresh("sales1")); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto other = store_->CreateJob(kRefreshJobKind, "other-server", 1200, clock_.NowMs());
  ASSERT_TRUE(other.ok());
  request.join();
  ASSERT_TRUE(joined->ok()) << joined->status().ToString();
  EXPECT_EQ((*joined)->id, *other);
  EXPECT_EQ(store_->GetJob(*other)->state, JobState::kRunning);  // not taken for an orphan
  ASSERT_TRUE(store_->FinishJob(*other, clock_.NowMs()).ok());
}

TEST_F(ScoringServiceTest, AFollowerGetsTheJobItJoinedWhenItEnds) {
  ASSERT_TRUE(Train(data_).ok());
  auto lock = store_->TryLock(kRefreshLockName);
  ASSERT_TRUE(lock.ok());
  auto other = store_->CreateJob(kRefreshJobKind, "other-server", 1200, clock_.NowMs());
  ASSERT_TRUE(other.ok());
  std::optional<Result<Job>> followed;
  std::thread cli([&] { followed.emplace(scoring_->RunRefresh("cli", nullptr)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // past a check of the holder
  ASSERT_TRUE(store_->FinishJob(*other, clock_.NowMs()).ok());
  lock->reset();
  cli.join();
  ASSERT_TRUE(followed->ok()) << followed->status().ToString();
  EXPECT_EQ((*followed)->id, *other);
  EXPECT_EQ((*followed)->state, JobState::kDone);
  EXPECT_EQ(store_->ListJobs(10)->size(), 1u);  // no second refresh ran
}

TEST_F(ScoringServiceTest, AFollowerTakesOverAJobWhoseHolderDied) {
  ASSERT_TRUE(Train(data_).ok());
  auto lock = store_->TryLock(kRefreshLockName);
  ASSERT_TRUE(lock.ok());
  auto other = store_->CreateJob(kRefreshJobKind, "other-server", 1200, clock_.NowMs());
  ASSERT_TRUE(other.ok());
  std::optional<Result<Job>> followed;
  std::thread cli([&] { followed.emplace(scoring_->RunRefresh("cli", nullptr)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(store_->GetJob(*other)->state, JobState::kRunning);  // its holder is alive
  lock->reset();  // the holder dies: its job stays "running"
  cli.join();
  ASSERT_TRUE(followed->ok()) << followed->status().ToString();
  EXPECT_NE((*followed)->id, *other);
  EXPECT_EQ((*followed)->state, JobState::kDone);
  auto orphan = store_->GetJob(*other);
  EXPECT_EQ(orphan->state, JobState::kFailed);
  EXPECT_NE(orphan->error.find("interrupted"), std::string::npos);
  EXPECT_EQ(store_->CountScores().value(), 1200);
}

}  // namespace
}  // namespace leadscore
