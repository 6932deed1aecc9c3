// Store: score refreshes (all or nothing), single scores and quantiles, model versions,
// jobs, segmentations and named locks, on both engines.
#include <gtest/gtest.h>

#include "store/store_test_env.h"

namespace leadscore {
namespace {

using StoreAdminTest = StoreTest;
LEADSCORE_STORE_SUITE(StoreAdminTest);

std::vector<Score> ScoresFor(const std::vector<int64_t>& ids, double base, TimeMs at) {
  std::vector<Score> out;
  for (size_t i = 0; i < ids.size(); ++i) {
    out.push_back({ids[i], base + 0.01 * static_cast<double>(i), std::nullopt, "B", 7, at});
  }
  return out;
}

TEST_P(StoreAdminTest, ScoreRefreshIsAllOrNothing) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 20; ++i) ids.push_back(AddLead("L" + std::to_string(i)));
  {
    auto run = store_->BeginScoreRefresh(7);
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    ASSERT_TRUE((*run)->Add(ScoresFor(ids, 0.1, now())).ok());
    EXPECT_EQ(*store_->CountScores(), 0);  // readers see nothing new before commit
    ASSERT_TRUE((*run)->Commit().ok());
  }
  EXPECT_EQ(*store_->CountScores(), 20);
  EXPECT_NEAR(store_->GetScore(ids[3])->score, 0.13, 1e-12);
  EXPECT_FALSE(store_->GetScore(ids[3])->previous_score.has_value());

  {  // A refresh that fails part-way: half staged, then an invalid score, then abandoned.
    auto run = store_->BeginScoreRefresh(8);
    ASSERT_TRUE(run.ok());
    std::vector<int64_t> half(ids.begin(), ids.begin() + 10);
    ASSERT_TRUE((*run)->Add(ScoresFor(half, 0.5, now())).ok());
    auto bad = ScoresFor({ids[15]}, 0.5, now());
    bad[0].score = 1.5;
    EXPECT_EQ((*run)->Add(bad).code(), StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(*store_->CountScores(), 20);
  EXPECT_NEAR(store_->GetScore(ids[3])->score, 0.13, 1e-12);

  {  // A second writer joins the run; the owner's commit makes both parts current.
    auto run = store_->BeginScoreRefresh(9);
    ASSERT_TRUE(run.ok());
    auto helper = store_->OpenScoreWriter((*run)->run_id());
    ASSERT_TRUE(helper.ok());
    std::vector<int64_t> first(ids.begin(), ids.begin() + 10), second(ids.begin() + 10, ids.end());
    ASSERT_TRUE((*run)->Add(ScoresFor(first, 0.6, now())).ok());
    ASSERT_TRUE((*helper)->Add(ScoresFor(second, 0.6, now())).ok());
    ASSERT_TRUE((*helper)->Commit().ok());
    EXPECT_NEAR(store_->GetScore(ids[3])->score, 0.13, 1e-12);  // still the old one
    ASSERT_TRUE((*run)->Commit().ok());
  }
  auto s = store_->GetScore(ids[3]);
  EXPECT_NEAR(s->score, 0.63, 1e-12);
  EXPECT_NEAR(*s->previous_score, 0.13, 1e-12);
  EXPECT_EQ(store_->GetScore(ids[15])->model_version, 7);  // staged in run 9 by the helper
  EXPECT_EQ(store_->OpenScoreWriter(12345).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreAdminTest, ScoreRefreshKeepsLateScoresSkipsDeletedLeadsAndRegradesAtCommit) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 6; ++i) ids.push_back(AddLead("L" + std::to_string(i)));
  ASSERT_TRUE(store_->UpsertScore({ids[0], 0.30, std::nullopt, "C", 1, now()}).ok());

  auto run = store_->BeginScoreRefresh(2);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  // The refresh reads leads 0..4; lead 4 is deleted before its score is written.
  ASSERT_TRUE(store_->DeleteLead(ids[4]).ok());
  std::vector<int64_t> read(ids.begin(), ids.begin() + 5);
  ASSERT_TRUE((*run)->Add(ScoresFor(read, 0.10, now())).ok());
  // Lead 5 is created after the scan and scored on its own while the refresh runs.
  ASSERT_TRUE(store_->UpsertScore({ids[5], 0.95, std::nullopt, "A", 1, now()}).ok());
  EXPECT_FALSE((*run)->SetFinalBands({0.1, 0.2, 0.3}).ok());  // not descending
  ASSERT_TRUE((*run)->SetFinalBands({0.13, 0.12, 0.11}).ok());
  ASSERT_TRUE((*run)->Commit().ok());

  EXPECT_EQ(*store_->CountScores(), 5);  // leads 0..3 from the run, lead 5 kept, lead 4 gone
  EXPECT_EQ(store_->GetScore(ids[4]).status().code(), StatusCode::kNotFound);
  auto late = store_->GetScore(ids[5]);
  ASSERT_TRUE(late.ok());
  EXPECT_NEAR(late->score, 0.95, 1e-12);
  auto first = store_->GetScore(ids[0]);
  EXPECT_NEAR(first->score, 0.10, 1e-12);
  EXPECT_NEAR(*first->previous_score, 0.30, 1e-12);
  EXPECT_FALSE(store_->GetScore(ids[1])->previous_score.has_value());
  // Final bands applied: 0.10 -> D, 0.11 -> C, 0.12 -> B, 0.13 -> A (run scores only rewritten).
  EXPECT_EQ(store_->GetScore(ids[0])->grade, "D");
  EXPECT_EQ(store_->GetScore(ids[1])->grade, "C");
  EXPECT_EQ(store_->GetScore(ids[2])->grade, "B");
  EXPECT_EQ(store_->GetScore(ids[3])->grade, "A");
  EXPECT_EQ(late->grade, "A");
  // The ranked list's indexes exist again after the swap, and a lead's deletion reaches its score.
  ASSERT_TRUE(store_->DeleteLead(ids[3]).ok());
  EXPECT_EQ(*store_->CountScores(), 4);
  EXPECT_NEAR(store_->ScoreQuantiles({1.0})->at(0), 0.95, 1e-12);
}

TEST_P(StoreAdminTest, NewerRefreshDropsTheRunOfADeadOne) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(AddLead("L" + std::to_string(i)));
  auto dead = store_->BeginScoreRefresh(1);
  ASSERT_TRUE(dead.ok());
  ASSERT_TRUE((*dead)->Add(ScoresFor(ids, 0.2, now())).ok());
  auto next = store_->BeginScoreRefresh(2);  // the first one's process died
  ASSERT_TRUE(next.ok());
  EXPECT_EQ((*dead)->Commit().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ((*dead)->Add(ScoresFor(ids, 0.2, now())).code(), StatusCode::kFailedPrecondition);
  dead->reset();  // must not drop the newer run's table
  ASSERT_TRUE((*next)->Add(ScoresFor(ids, 0.4, now())).ok());
  ASSERT_TRUE((*next)->Commit().ok());
  EXPECT_EQ(*store_->CountScores(), 4);
  EXPECT_NEAR(store_->GetScore(ids[0])->score, 0.4, 1e-12);
}

TEST_P(StoreAdminTest, SingleScoresAndQuantiles) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 10; ++i) ids.push_back(AddLead("L" + std::to_string(i)));
  EXPECT_EQ(store_->ScoreQuantiles({0.5}).status().code(), StatusCode::kFailedPrecondition);
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(store_->UpsertScore({ids[i], (i + 1) / 10.0, std::nullopt, "D", 1, now()}).ok());
  }
  ASSERT_TRUE(store_->UpsertScore({ids[0], 0.05, std::nullopt, "D", 2, now()}).ok());
  EXPECT_NEAR(*store_->GetScore(ids[0])->previous_score, 0.1, 1e-12);
  EXPECT_EQ(store_->UpsertScore({999, 0.5, std::nullopt, "A", 1, now()}).code(),
            StatusCode::kNotFound);

  auto q = store_->ScoreQuantiles({0.25, 0.5, 0.75, 1.0});
  ASSERT_TRUE(q.ok());
  EXPECT_NEAR((*q)[0], 0.3, 1e-12);
  EXPECT_NEAR((*q)[1], 0.5, 1e-12);
  EXPECT_NEAR((*q)[2], 0.8, 1e-12);
  EXPECT_NEAR((*q)[3], 1.0, 1e-12);
}

TEST_P(StoreAdminTest, ExactlyOneModelVersionIsActive) {
  EXPECT_EQ(store_->GetActiveModelVersion().status().code(), StatusCode::kNotFound);
  ModelVersion v;
  v.created_at = now();
  v.created_by = "admin";
  v.validation_auc = 0.79;
  v.metrics_json = R"({"auc":0.79})";
  v.booster_json = R"({"learner":{}})";
  v.data_fingerprint = "abc";
  auto first = store_->SaveModelVersion(v, true);
  v.validation_auc = 0.81;
  auto second = store_->SaveModelVersion(v, false);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(store_->GetActiveModelVersion()->id, *first);
  ASSERT_TRUE(store_->SetActiveModelVersion(*second).ok());
  auto active = store_->GetActiveModelVersion();
  EXPECT_EQ(active->id, *second);
  EXPECT_EQ(active->booster_json, v.booster_json);
  auto list = store_->ListModelVersions();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, *second);
  EXPECT_TRUE((*list)[0].active);
  EXPECT_FALSE((*list)[1].active);
  EXPECT_TRUE((*list)[0].booster_json.empty());
  EXPECT_EQ(store_->SetActiveModelVersion(999).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetActiveModelVersion()->id, *second);
}

TEST_P(StoreAdminTest, JobsReportProgress) {
  auto id = store_->CreateJob("refresh", "ani", 100, now());
  ASSERT_TRUE(id.ok());
  auto running = store_->GetRunningJob("refresh");
  ASSERT_TRUE(running.ok() && running->has_value());
  EXPECT_EQ((*running)->id, *id);
  ASSERT_TRUE(store_->UpdateJobProgress(*id, 40, 100).ok());
  EXPECT_EQ(store_->GetJob(*id)->done, 40);
  ASSERT_TRUE(store_->FinishJob(*id, now() + 5).ok());
  auto done = store_->GetJob(*id);
  EXPECT_EQ(done->state, JobState::kDone);
  EXPECT_EQ(done->done, 100);
  EXPECT_EQ(done->finished_at, std::optional<TimeMs>(now() + 5));
  EXPECT_FALSE(store_->GetRunningJob("refresh")->has_value());
  auto failed = store_->CreateJob("train", "admin", 0, now());
  ASSERT_TRUE(store_->FailJob(*failed, "too few 'yes' outcomes", now()).ok());
  EXPECT_EQ(store_->GetJob(*failed)->error, "too few 'yes' outcomes");
  EXPECT_EQ(store_->ListJobs(10)->size(), 2u);
  EXPECT_EQ(store_->UpdateJobProgress(999, 1, 1).code(), StatusCode::kNotFound);
}

TEST_P(StoreAdminTest, SegmentationsAndLeadClusters) {
  Segmentation seg{0, "Mall personas", now(), "admin", false, R"({"k":5})"};
  auto first = store_->SaveSegmentation(seg, true);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(store_->SaveSegmentation(seg, false).status().code(), StatusCode::kConflict);
  seg.name = "Age x balance";
  auto second = store_->SaveSegmentation(seg, false);
  EXPECT_EQ(store_->GetDefaultSegmentation()->id, *first);
  ASSERT_TRUE(store_->SetDefaultSegmentation(*second).ok());
  EXPECT_EQ(store_->GetDefaultSegmentation()->id, *second);
  EXPECT_EQ(store_->GetSegmentation(*first)->model_json, R"({"k":5})");

  const int64_t a = AddLead("A"), b = AddLead("B"), c = AddLead("C");
  ASSERT_TRUE(store_->ReplaceLeadClusters(*second, {{a, 0}, {b, 1}, {c, 1}}).ok());
  LeadQuery q;
  q.viewer = ViewerFor(0, Role::kAdmin);
  q.segmentation_id = *second;
  q.cluster = 1;
  EXPECT_EQ(store_->ListLeads(q)->total, 2);
  ASSERT_TRUE(store_->ReplaceLeadClusters(*second, {{a, 1}}).ok());
  EXPECT_EQ(store_->ListLeads(q)->total, 1);
  EXPECT_EQ(store_->ReplaceLeadClusters(999, {}).code(), StatusCode::kNotFound);

  ASSERT_TRUE(store_->DeleteSegmentation(*second).ok());
  EXPECT_EQ(store_->GetDefaultSegmentation().status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListSegmentations()->size(), 1u);
}

TEST_P(StoreAdminTest, NamedLockIsHeldOnceAcrossStores) {
  auto other = OpenStore(db_->url());  // a second server on the same database
  ASSERT_TRUE(other.ok());
  {
    auto lock = store_->TryLock("refresh");
    ASSERT_TRUE(lock.ok()) << lock.status().ToString();
    EXPECT_EQ(store_->TryLock("refresh").status().code(), StatusCode::kConflict);
    EXPECT_EQ((*other)->TryLock("refresh").status().code(), StatusCode::kConflict);
    EXPECT_TRUE((*other)->TryLock("train").ok());
  }
  EXPECT_TRUE((*other)->TryLock("refresh").ok());
}

}  // namespace
}  // namespace leadscore
