// ScoringService's grade bands as a stored setting, on both engines: what an admin sets is
// stored, regrades every score at once, is seen by a second server on the same database, and
// bad bands (or bands changed while a refresh runs) change nothing.
#include <cmath>
#include <limits>
#include <memory>

#include <gtest/gtest.h>

#include "pg/test_database.h"
#include "service/scoring_service.h"

namespace leadscore {
namespace {

// One "server": a store (its own connection pool) and the scoring service over it.
struct Server {
  explicit Server(const std::string& url, const Clock& clock) {
    auto opened = OpenStore(url);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    if (!opened.ok()) return;
    store = std::move(opened).value();
    cache = std::make_unique<ActiveModelCache>(*store, clock);
    scoring = std::make_unique<ScoringService>(*store, clock, *cache);
  }
  std::unique_ptr<Store> store;
  std::unique_ptr<ActiveModelCache> cache;
  std::unique_ptr<ScoringService> scoring;
};

class GradeBandsTest : public ::testing::TestWithParam<std::string> {
 protected:
  // Eight scored leads, 0.1 .. 0.8, all graded "D".
  void SetUp() override {
    db_ = std::make_unique<testing_db::TestDatabase>(GetParam());
    LEADSCORE_REQUIRE_DB(*db_);
    one_ = std::make_unique<Server>(db_->url(), clock_);
    two_ = std::make_unique<Server>(db_->url(), clock_);
    ASSERT_TRUE(one_->store && two_->store);
    for (int i = 1; i <= 8; ++i) {
      Lead lead;
      lead.name = "Nasabah " + std::to_string(i);
      lead.phone = "+62 000 " + std::to_string(i);
      auto id = one_->store->CreateLead(lead, clock_.NowMs());
      ASSERT_TRUE(id.ok()) << id.status().ToString();
      ASSERT_TRUE(one_->store->UpsertScore({*id, 0.1 * i, std::nullopt, "D", 1, 0}).ok());
      ids_.push_back(*id);
    }
  }
  void TearDown() override {
    two_.reset();
    one_.reset();
    db_.reset();
  }

  std::string Grades() {
    std::string grades;
    for (int64_t id : ids_) grades += one_->store->GetScore(id)->grade;
    return grades;
  }

  std::unique_ptr<testing_db::TestDatabase> db_;
  ManualClock clock_;
  std::unique_ptr<Server> one_, two_;
  std::vector<int64_t> ids_;
};

INSTANTIATE_TEST_SUITE_P(Engines, GradeBandsTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_P(GradeBandsTest, UnsetBandsAreTheQuartiles) {
  auto bands = one_->scoring->GetGradeBands();
  ASSERT_TRUE(bands.ok()) << bands.status().ToString();
  EXPECT_FALSE(bands->bands.has_value());
  EXPECT_EQ(bands->updated_at, 0);
  EXPECT_EQ(bands->updated_by, "");
  EXPECT_FALSE(one_->scoring->grade_bands().has_value());
}

TEST_P(GradeBandsTest, FixedBandsAreStoredRegradeAtOnceAndReachTheOtherServer) {
  clock_.Advance(kMsPerHour);
  auto set = one_->scoring->SetGradeBands(std::vector<double>{0.65, 0.35, 0.15}, "admin");
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(Grades(), "DCCBBBAA");
  EXPECT_EQ(set->regraded, 7);  // grades that changed: all but the first D

  auto seen = two_->scoring->GetGradeBands();
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  ASSERT_TRUE(seen->bands.has_value());
  EXPECT_EQ(*seen->bands, (std::vector<double>{0.65, 0.35, 0.15}));
  EXPECT_EQ(seen->updated_at, clock_.NowMs());
  EXPECT_EQ(seen->updated_by, "admin");
  // What a refresh on the other server grades with.
  EXPECT_EQ(two_->scoring->grade_bands(), (std::vector<double>{0.65, 0.35, 0.15}));

  // The other server goes back to quartiles: the first one follows.
  auto back = two_->scoring->SetGradeBands(std::nullopt, "boss");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(Grades(), "DCCBBAAA");  // q75 = 0.6, q50 = 0.4, q25 = 0.2 (nearest rank)
  EXPECT_FALSE(one_->scoring->grade_bands().has_value());
  EXPECT_EQ(one_->scoring->GetGradeBands()->updated_by, "boss");
}

TEST_P(GradeBandsTest, BadBandsAreRefusedAndChangeNothing) {
  ASSERT_TRUE(one_->scoring->SetGradeBands(std::vector<double>{0.65, 0.35, 0.15}, "admin").ok());
  const std::string before = Grades();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const std::vector<double>& bad : std::vector<std::vector<double>>{
           {0.2, 0.5, 0.1},    // not descending
           {0.5, 0.5, 0.1},    // not strictly
           {1.0, 0.5, 0.1},    // 1 is not inside (0, 1)
           {0.5, 0.3, 0.0},    // nor is 0
           {0.5, 0.3, -0.1},
           {0.5, 0.3},         // two
           {0.6, 0.5, 0.3, 0.1},
           {},
           {nan, 0.5, 0.1}}) {
    auto r = one_->scoring->SetGradeBands(bad, "mallory");
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << ::testing::PrintToString(bad);
  }
  EXPECT_EQ(Grades(), before);
  auto stored = two_->scoring->GetGradeBands();
  EXPECT_EQ(*stored->bands, (std::vector<double>{0.65, 0.35, 0.15}));
  EXPECT_EQ(stored->updated_by, "admin");
}

TEST_P(GradeBandsTest, BandsCannotChangeWhileARefreshRuns) {
  // The other server is refreshing: it holds the refresh lock.
  auto refresh = two_->store->TryLock(kRefreshLockName);
  ASSERT_TRUE(refresh.ok()) << refresh.status().ToString();
  auto refused = one_->scoring->SetGradeBands(std::vector<double>{0.65, 0.35, 0.15}, "admin");
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_EQ(Grades(), "DDDDDDDD");
  EXPECT_FALSE(one_->scoring->GetGradeBands()->bands.has_value());

  refresh->reset();
  EXPECT_TRUE(one_->scoring->SetGradeBands(std::vector<double>{0.65, 0.35, 0.15}, "admin").ok());
  EXPECT_EQ(Grades(), "DCCBBBAA");
}

}  // namespace
}  // namespace leadscore
