// Store: the grades it writes in SQL (a regrade with the admin's bands or the quartiles, a
// refresh's final bands at its commit) are the grades core::GradeOf gives the same scores, on
// both engines, including scores on and next to each cut-off.
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/grades.h"
#include "store/store_test_env.h"

namespace leadscore {
namespace {

class StoreGradesTest : public StoreTest {
 protected:
  // The scores worth grading under `bands`: 0 and 1, each cut-off, the doubles just below and
  // above it, and points between.
  static std::vector<double> EdgeScores(const std::vector<double>& bands) {
    std::vector<double> scores = {0.0, 1.0, 0.05, 0.5, 0.95};
    for (double b : bands) {
      scores.push_back(b);
      scores.push_back(std::nextafter(b, 0.0));
      scores.push_back(std::nextafter(b, 1.0));
    }
    return scores;
  }

  // One lead per score, each stored with grade `stored` (which no grading here should keep).
  void AddScored(const std::vector<double>& scores, const std::string& stored) {
    for (double s : scores) {
      const int64_t id = AddLead("Lead " + std::to_string(ids_.size()));
      ASSERT_TRUE(store_->UpsertScore({id, s, std::nullopt, stored, 1, now()}).ok());
      ids_.push_back(id);
    }
  }

  // Every lead's stored grade equals GradeOf of its stored score; returns the grades per letter.
  std::map<std::string, int64_t> ExpectGradedAsCore(const std::vector<double>& bands) {
    std::map<std::string, int64_t> per_grade;
    for (int64_t id : ids_) {
      auto score = store_->GetScore(id);
      EXPECT_TRUE(score.ok()) << score.status().ToString();
      if (!score.ok()) continue;
      EXPECT_EQ(score->grade, GradeOf(score->score, bands))
          << "score " << std::hexfloat << score->score;
      ++per_grade[score->grade];
    }
    return per_grade;
  }

  std::vector<int64_t> ids_;
};
LEADSCORE_STORE_SUITE(StoreGradesTest);

const std::vector<double> kAdminBands = {0.7, 0.45, 0.15};

TEST_P(StoreGradesTest, ARegradeWithTheAdminsBandsGradesAsCore) {
  const std::vector<double> scores = EdgeScores(kAdminBands);
  AddScored(scores, "D");
  // The scores are stored exactly, so the edges are really tested.
  for (size_t i = 0; i < ids_.size(); ++i) EXPECT_EQ(store_->GetScore(ids_[i])->score, scores[i]);

  auto regraded = store_->PutSettingAndRegrade(
      {"grade_bands", R"({"bands":[0.7,0.45,0.15]})", now(), "admin"}, kAdminBands);
  ASSERT_TRUE(regraded.ok()) << regraded.status().ToString();
  const auto per_grade = ExpectGradedAsCore(kAdminBands);
  EXPECT_EQ(*regraded, static_cast<int64_t>(ids_.size()) - per_grade.at("D"));
  // Every grade occurs, so no branch of the SQL went untested.
  EXPECT_EQ(per_grade.size(), kGrades.size());
}

TEST_P(StoreGradesTest, TheListsFiguresCountTheGradesAsCore) {
  AddScored(EdgeScores(kAdminBands), "D");
  ASSERT_TRUE(store_
                  ->PutSettingAndRegrade(
                      {"grade_bands", R"({"bands":[0.7,0.45,0.15]})", now(), "admin"}, kAdminBands)
                  .ok());
  const auto per_grade = ExpectGradedAsCore(kAdminBands);
  const int64_t admin = AddUser("boss", Role::kAdmin);
  LeadQuery query;
  query.viewer = ViewerFor(admin, Role::kAdmin);
  auto stats = store_->StatLeads(query);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  for (size_t i = 0; i < kGrades.size(); ++i) {
    const std::string grade(kGrades[i]);
    EXPECT_EQ(stats->grades[i], per_grade.at(grade)) << grade;
    query.grade = grade;
    EXPECT_EQ(store_->ListLeads(query)->total, per_grade.at(grade)) << grade;
  }
  query.grade = "E";
  EXPECT_EQ(store_->ListLeads(query).status().reason(), "grade_unknown");
}

TEST_P(StoreGradesTest, ARegradeByTheQuartilesUsesCoresCutOffs) {
  // Scores that a float holds exactly, as a refresh keeps them (QuartileCutoffs takes floats).
  std::vector<double> scores;
  std::vector<float> as_floats;
  for (int i = 1; i <= 13; ++i) {
    scores.push_back(i / 16.0);
    as_floats.push_back(static_cast<float>(i / 16.0));
  }
  AddScored(scores, "D");
  const std::vector<double> quartiles = QuartileCutoffs(as_floats);
  auto in_sql = store_->ScoreQuantiles(kQuartileProbabilities);
  ASSERT_TRUE(in_sql.ok()) << in_sql.status().ToString();
  EXPECT_EQ(*in_sql, quartiles);

  ASSERT_TRUE(
      store_->PutSettingAndRegrade({"grade_bands", R"({"bands":null})", now(), "admin"}, std::nullopt)
          .ok());
  EXPECT_EQ(ExpectGradedAsCore(quartiles).size(), kGrades.size());
}

TEST_P(StoreGradesTest, ARefreshsFinalBandsGradeAsCoreAtItsCommit) {
  // The commit grades in SQL (a regrade on SQLite, the copy's CASE on PostgreSQL).
  const std::vector<double> final_bands = {0.8, 0.55, 0.3};
  const std::vector<double> scores = EdgeScores(final_bands);
  AddScored(std::vector<double>(scores.size(), 0.5), "B");
  auto run = store_->BeginScoreRefresh(2);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  std::vector<Score> batch;
  for (size_t i = 0; i < ids_.size(); ++i) {
    batch.push_back({ids_[i], scores[i], std::nullopt, "D", 2, now()});
  }
  ASSERT_TRUE((*run)->Add(batch).ok());
  ASSERT_TRUE((*run)->SetFinalBands(final_bands).ok());
  ASSERT_TRUE((*run)->Commit().ok());
  for (size_t i = 0; i < ids_.size(); ++i) EXPECT_EQ(store_->GetScore(ids_[i])->score, scores[i]);
  EXPECT_EQ(ExpectGradedAsCore(final_bands).size(), kGrades.size());
}

TEST_P(StoreGradesTest, ARefreshMayGradeByTiedQuartilesAnAdminMayNotSetThem) {
  // Many equal scores tie the quartiles: a refresh grades by them, every lead at the tie an A.
  const std::vector<double> tied = {0.5, 0.5, 0.5};
  AddScored({0.5, 0.5, 0.25, 0.75}, "C");
  auto run = store_->BeginScoreRefresh(2);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  std::vector<Score> batch;
  for (int64_t id : ids_) batch.push_back({id, 0.5, std::nullopt, "C", 2, now()});
  batch.back().score = 0.25;
  ASSERT_TRUE((*run)->Add(batch).ok());
  ASSERT_TRUE((*run)->SetFinalBands(tied).ok());
  ASSERT_TRUE((*run)->Commit().ok());
  const auto per_grade = ExpectGradedAsCore(tied);
  EXPECT_EQ(per_grade, (std::map<std::string, int64_t>{{"A", 3}, {"D", 1}}));

  // The same cut-offs as an admin's bands are refused, and nothing changes.
  auto refused = store_->PutSettingAndRegrade(
      {"grade_bands", R"({"bands":[0.5,0.5,0.5]})", now(), "admin"}, tied);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().reason(), "grade_bands_invalid");
  EXPECT_FALSE(store_->GetSetting("grade_bands")->has_value());
  EXPECT_EQ(ExpectGradedAsCore(tied), per_grade);
}

TEST_P(StoreGradesTest, ARunRefusesBandsThatCannotGrade) {
  auto run = store_->BeginScoreRefresh(2);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  for (const std::vector<double>& bad : std::vector<std::vector<double>>{
           {}, {0.5, 0.3}, {0.3, 0.5, 0.1}, {NAN, 0.5, 0.1}, {INFINITY, 0.5, 0.1}}) {
    const Status s = (*run)->SetFinalBands(bad);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << ::testing::PrintToString(bad);
    EXPECT_EQ(s.reason(), "grade_bands_invalid");
  }
}

TEST_P(StoreGradesTest, AScoreWithoutAGradeIsRefused) {
  const int64_t id = AddLead("Ungraded");
  for (const char* bad : {"", "E", "a", "AB"}) {
    EXPECT_EQ(store_->UpsertScore({id, 0.5, std::nullopt, bad, 1, now()}).code(),
              StatusCode::kInvalidArgument)
        << bad;
  }
  EXPECT_EQ(store_->GetScore(id).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace leadscore
