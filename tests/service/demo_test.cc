#include "service/demo.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "service/scoring_model.h"
#include "service/scoring_service.h"
#include "store/store.h"

namespace leadscore {
namespace {

namespace fs = std::filesystem;

class DemoTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "leadscore-demo-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    options_.db_url = "sqlite:" + (dir_ / "sub" / "demo.db").string();
    options_.data_dir = LEADSCORE_SOURCE_DIR "/data";
  }
  void TearDown() override { fs::remove_all(dir_); }

  int64_t CountLeads() {
    auto store = OpenStore(options_.db_url);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? *(*store)->CountLeads() : -1;
  }

  fs::path dir_;
  DemoOptions options_;
  ManualClock clock_;
};

TEST_F(DemoTest, BuildsOnceThenLeavesTheDatabaseAlone) {
  auto first = EnsureDemoDatabase(options_, clock_);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->created);
  ASSERT_FALSE(first->steps.empty());
  EXPECT_EQ(first->steps[0].name, "leads");
  EXPECT_TRUE(first->steps[0].done);
  // The bundled 32,950 calls split in time: the earlier 80 % are history, the later customers
  // the call list, none of them with a known outcome.
  EXPECT_EQ(CountLeads(), 6'590);
  // Then a model trained on the history, every lead scored, the Mall segmentation.
  ASSERT_EQ(first->steps.size(), 4u);
  for (const auto& step : first->steps) EXPECT_TRUE(step.done) << step.name << ": " << step.detail;
  {
    auto store = OpenStore(options_.db_url);
    ASSERT_TRUE(store.ok());
    auto history = (*store)->CountHistory();
    ASSERT_TRUE(history.ok());
    EXPECT_EQ(history->rows, 26'360);
    auto labelled = (*store)->LeadsWithOutcome();
    ASSERT_TRUE(labelled.ok());
    EXPECT_TRUE(labelled->empty()) << labelled->size() << " leads of the call list have a known outcome";
    auto active = (*store)->GetActiveModelVersion();
    ASSERT_TRUE(active.ok()) << active.status().ToString();
    auto metrics = nlohmann::json::parse(active->metrics_json);
    EXPECT_EQ(metrics["training_data"]["history"], 26'360);
    EXPECT_EQ(metrics["backtest"]["n_train"], 21'088);  // the earlier 80 % of the history
    EXPECT_GT(metrics["backtest"]["roc_auc"].get<double>(), 0.5);
    EXPECT_EQ(*(*store)->CountScores(), 6'590);
    // The reasons of the leads speak of the customer, never of the campaign context.
    const std::set<std::string> context = {"month", "day_of_week", "day", "emp.var.rate",
                                           "cons.price.idx", "cons.conf.idx", "euribor3m",
                                           "nr.employed"};
    ActiveModelCache cache(**store, clock_);
    ScoringService scoring(**store, clock_, cache);
    LeadScan scan;
    scan.max_id = 300;  // a few hundred leads are enough, and quick
    Status scanned = (*store)->ScanLeads(scan, [&](const std::vector<Lead>& leads) {
      for (const Lead& lead : leads) {
        auto stored = scoring.ExplainScore(lead, active->id);
        EXPECT_TRUE(stored.ok()) << stored.status().ToString();
        if (!stored.ok()) continue;
        auto reasons = nlohmann::json::parse(*stored);
        EXPECT_FALSE(reasons.empty());
        for (const auto& r : reasons) EXPECT_EQ(context.count(r[0].get<std::string>()), 0u) << r;
      }
      return Status::Ok();
    });
    EXPECT_TRUE(scanned.ok());
    auto segmentations = (*store)->ListSegmentations();
    ASSERT_TRUE(segmentations.ok());
    EXPECT_EQ(segmentations->size(), 1u);
  }

  auto second = EnsureDemoDatabase(options_, clock_);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_FALSE(second->created);
  for (const auto& step : second->steps) EXPECT_FALSE(step.done) << step.name;
  EXPECT_EQ(CountLeads(), 6'590);
}

TEST_F(DemoTest, ForceRebuildsFromNothing) {
  // A database that holds something else: --force replaces it with the demo data.
  {
    fs::create_directories(dir_ / "sub");
    auto store = OpenStore(options_.db_url);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Lead lead;
    lead.name = "Someone";
    lead.phone = "0812 0000 0000";
    ASSERT_TRUE((*store)->CreateLead(lead, clock_.NowMs()).ok());
  }
  ASSERT_EQ(CountLeads(), 1);
  auto kept = EnsureDemoDatabase(options_, clock_);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  // Its one lead has no known outcome: no model is trained and nothing is scored.
  for (const auto& step : kept->steps) {
    if (step.name != "segmentation") {
      EXPECT_FALSE(step.done) << step.name;
    }
  }
  EXPECT_EQ(CountLeads(), 1);

  options_.force = true;
  auto rebuilt = EnsureDemoDatabase(options_, clock_);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
  EXPECT_TRUE(rebuilt->created);
  EXPECT_EQ(CountLeads(), 6'590);
}

TEST_F(DemoTest, MissingDataIsAClearErrorAndForceIsRefusedForPostgres) {
  options_.data_dir = (dir_ / "no-data").string();
  auto missing = EnsureDemoDatabase(options_, clock_);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("bank-additional-train.csv"), std::string::npos);
  EXPECT_EQ(CountLeads(), 0);

  DemoOptions postgres;
  postgres.db_url = "postgresql://nobody@127.0.0.1:1/none";
  postgres.force = true;
  auto refused = EnsureDemoDatabase(postgres, clock_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
}

TEST(SqlitePathOfUrlTest, ReadsBothForms) {
  EXPECT_EQ(SqlitePathOfUrl("sqlite:data/leadscore.db"), "data/leadscore.db");
  EXPECT_EQ(SqlitePathOfUrl("sqlite:///tmp/x.db"), "/tmp/x.db");
  EXPECT_EQ(SqlitePathOfUrl("data/x.db"), "data/x.db");
  EXPECT_EQ(SqlitePathOfUrl("postgresql://u@h/db"), "");
}

}  // namespace
}  // namespace leadscore
