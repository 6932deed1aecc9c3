#include "service/campaign.h"

#include <filesystem>
#include <random>

#include <gtest/gtest.h>

#include "ml/synthetic_leads.h"
#include "service/scoring_model.h"
#include "service/training_service.h"

namespace leadscore {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHistoryCsv =
    "age;job;month;day_of_week;euribor3m;y\n"
    "30;admin.;may;mon;4.857;no\n"
    "61;retired;nov;fri;1.25;yes\n";

class CampaignTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("leadscore-campaign-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    auto store = OpenStore("sqlite:" + (dir_ / "test.db").string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  int64_t AddLead(const std::string& name, const std::string& month) {
    Lead lead;
    lead.name = name;
    lead.phone = "+62 812 0000 0001";
    lead.numeric[FindBankColumn("age")->slot] = 45;
    lead.categorical[FindBankColumn("month")->slot] = month;
    auto id = store_->CreateLead(lead, clock_.NowMs());
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
  void Move(int64_t lead, int64_t sales, LeadStatus to) {
    auto moved = store_->ChangeLeadStatus(lead, sales, to, "", std::nullopt, clock_.NowMs(),
                                          kDefaultRejectPeriod);
    ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  }
  int64_t AddSales() {
    User u;
    u.username = "sari";
    u.display_name = "Sari";
    u.role = Role::kSales;
    u.password_hash = "$argon2id$fake";
    auto id = store_->CreateUser(u);
    EXPECT_TRUE(id.ok());
    return *id;
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
  ManualClock clock_;
};

TEST_F(CampaignTest, HistoryImportIsAllOrNothingAndNeverListed) {
  std::string bad = std::string(kHistoryCsv) + "44;services;may;tue;4.9;maybe\n";
  auto refused = ImportHistoryFromText(*store_, clock_, bad, "admin");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("line 4"), std::string::npos)
      << refused.status().message();
  EXPECT_EQ(store_->CountHistory()->rows, 0);

  std::string no_outcome = "age;job\n30;admin.\n";
  EXPECT_FALSE(ImportHistoryFromText(*store_, clock_, no_outcome, "admin").ok());
  EXPECT_EQ(store_->CountHistory()->rows, 0);

  auto imported = ImportHistoryFromText(*store_, clock_, kHistoryCsv, "admin");
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(imported->imported, 2);
  EXPECT_EQ(imported->rows, 2);
  EXPECT_EQ(*store_->CountLeads(), 0);
}

TEST_F(CampaignTest, DefaultsToTheLatestHistoryAndRefusesBadValues) {
  ASSERT_TRUE(ImportHistoryFromText(*store_, clock_, kHistoryCsv, "admin").ok());
  auto campaign = GetCampaign(*store_);
  ASSERT_TRUE(campaign.ok()) << campaign.status().ToString();
  EXPECT_EQ(campaign->source, "history");
  EXPECT_EQ(campaign->values["month"], "nov");
  EXPECT_EQ(campaign->values["euribor3m"], 1.25);

  struct Case {
    nlohmann::json values;
    std::string message;
  } cases[] = {
      // A bank column's value is checked by the field spec, as at every entry point.
      {{{"euribor3m", "low"}}, "euribor3m: 'low' is not a number"},
      {{{"euribor3m", 99}}, "euribor3m: 99 is outside -5..25"},
      {{{"month", "november"}}, "month: 'november' is not one of its values"},
      {{{"month", 11}}, "month: '11' is not one of its values"},
      {{{"age", 40}}, "`age` is not a campaign context column"},
      {{{"month", "dec"}, {"bi_rate", 6}}, "`bi_rate` is not a campaign context column"},
      {nlohmann::json::array(), "must be an object"},
  };
  for (const auto& c : cases) {
    auto put = PutCampaign(*store_, clock_, c.values, "admin");
    ASSERT_FALSE(put.ok()) << c.values;
    EXPECT_EQ(put.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(put.status().message().find(c.message), std::string::npos)
        << put.status().message();
  }
  EXPECT_FALSE(store_->GetSetting(kCampaignSetting)->has_value());  // nothing saved

  auto put = PutCampaign(*store_, clock_, {{"month", "dec"}, {"euribor3m", 0.8}}, "admin");
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  auto read = GetCampaign(*store_);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->source, "setting");
  EXPECT_EQ(read->values["month"], "dec");
  EXPECT_EQ(read->values["day_of_week"], "fri");  // kept from the history
  EXPECT_EQ(read->updated_by, "admin");
}

// Trains and activates a model on synthetic leads that carry two context columns, month and
// euribor3m (the last lead's: "oct", its euribor3m), in context mode `mode`.
void TrainModel(Store& store, const Clock& clock, ActiveModelCache& cache, ml::ContextMode mode) {
  ml::LabelledData data = ml::testing::SyntheticLeads(600, 3);
  const BankColumn* month = FindBankColumn("month");
  data.columns.push_back({"month", month->kind, month});
  static const char* kMonths[] = {"mar", "may", "jun", "oct"};
  for (size_t i = 0; i < data.leads.size(); ++i) {
    data.leads[i].categorical[month->slot] = kMonths[i * 4 / data.leads.size()];
  }
  TrainingService training(store, clock, cache);
  TrainRequest request;
  request.options.max_rounds = 20;
  request.options.early_stopping_rounds = 5;
  request.options.context = mode;
  request.by = "admin";
  auto trained = training.TrainOnData(data, request);
  ASSERT_TRUE(trained.ok()) << trained.status().ToString();
  ASSERT_TRUE(trained->activated) << trained->activation_note;
}

// What the active model scores with, as the scoring path loads it.
nlohmann::json ScoringValues(Store& store, const Clock& clock) {
  ActiveModelCache cache(store, clock);
  auto model = cache.Get();
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return model.ok() ? (*model)->model.info().scoring_context : nlohmann::json();
}

TEST_F(CampaignTest, WithoutHistoryOrSettingItIsWhatTheActiveModelScoresWith) {
  ActiveModelCache cache(*store_, clock_);
  TrainModel(*store_, clock_, cache, ml::ContextMode::kCurrent);
  const nlohmann::json scoring = ScoringValues(*store_, clock_);
  ASSERT_TRUE(scoring.contains("month")) << scoring;
  ASSERT_TRUE(scoring.contains("euribor3m")) << scoring;
  EXPECT_EQ(scoring["month"], "oct");  // the latest row of the training data

  auto campaign = GetCampaign(*store_);
  ASSERT_TRUE(campaign.ok()) << campaign.status().ToString();
  EXPECT_EQ(campaign->source, "model");
  EXPECT_EQ(campaign->values, scoring);
  EXPECT_EQ(campaign->updated_at, 0);
  EXPECT_TRUE(campaign->updated_by.empty());
  std::vector<std::string> columns;
  for (const auto& c : campaign->columns) columns.push_back(c.name);
  EXPECT_EQ(columns, (std::vector<std::string>{"euribor3m", "month"}));

  // A saved setting wins for the columns it sets; the others stay the model's, as in scoring.
  clock_.Advance(kMsPerHour);
  ASSERT_TRUE(PutCampaign(*store_, clock_, {{"euribor3m", 0.9}}, "admin").ok());
  auto set = GetCampaign(*store_);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->source, "setting");
  EXPECT_EQ(set->values["euribor3m"], 0.9);
  EXPECT_EQ(set->values["month"], "oct");
  EXPECT_EQ(set->values, ScoringValues(*store_, clock_));
  // The change logged the model's values as the ones it replaced.
  ASSERT_EQ(set->log.size(), 2u);
  EXPECT_EQ(set->log[0]["values"], scoring);
}

TEST_F(CampaignTest, HistoryStillWinsOverTheModel) {
  ActiveModelCache cache(*store_, clock_);
  TrainModel(*store_, clock_, cache, ml::ContextMode::kCurrent);
  ASSERT_TRUE(ImportHistoryFromText(*store_, clock_, kHistoryCsv, "admin").ok());
  auto campaign = GetCampaign(*store_);
  ASSERT_TRUE(campaign.ok()) << campaign.status().ToString();
  EXPECT_EQ(campaign->source, "history");
  EXPECT_EQ(campaign->values["month"], "nov");
  EXPECT_EQ(campaign->values["euribor3m"], 1.25);
}

TEST_F(CampaignTest, AModelThatAppliesNoCampaignGivesNoValues) {
  ActiveModelCache cache(*store_, clock_);
  TrainModel(*store_, clock_, cache, ml::ContextMode::kInclude);  // each lead keeps its own
  auto campaign = GetCampaign(*store_);
  ASSERT_TRUE(campaign.ok()) << campaign.status().ToString();
  EXPECT_EQ(campaign->source, "none");
  EXPECT_TRUE(campaign->values.empty()) << campaign->values;
}

TEST_F(CampaignTest, PortalOutcomesTrainWithTheCampaignOfTheirDay) {
  ASSERT_TRUE(ImportHistoryFromText(*store_, clock_, kHistoryCsv, "admin").ok());
  int64_t sales = AddSales();
  int64_t early = AddLead("Early", "jan");
  int64_t later = AddLead("Later", "jan");
  int64_t open = AddLead("Still open", "jan");
  ASSERT_TRUE(PutCampaign(*store_, clock_, {{"month", "dec"}}, "admin").ok());
  clock_.Advance(kMsPerDay);
  Move(early, sales, LeadStatus::kContacted);
  Move(early, sales, LeadStatus::kConverted);
  clock_.Advance(kMsPerDay);
  ASSERT_TRUE(PutCampaign(*store_, clock_, {{"month", "mar"}}, "admin").ok());
  clock_.Advance(kMsPerDay);
  Move(later, sales, LeadStatus::kContacted);
  Move(later, sales, LeadStatus::kRejected);
  Move(open, sales, LeadStatus::kContacted);

  auto gathered = GatherTrainingData(*store_);
  ASSERT_TRUE(gathered.ok()) << gathered.status().ToString();
  EXPECT_EQ(gathered->history, 2);
  EXPECT_EQ(gathered->portal, 2);
  EXPECT_EQ(gathered->labelled_leads, 0);
  EXPECT_EQ(gathered->ToJson()["total"], 4);
  const auto& leads = gathered->data.leads;
  ASSERT_EQ(leads.size(), 4u);
  const BankColumn& month = *FindBankColumn("month");
  // History first, in its order, then the portal's outcomes in the order they were set.
  EXPECT_EQ(leads[0].Text(month), "may");
  EXPECT_EQ(leads[2].name, "Early");
  EXPECT_TRUE(*leads[2].outcome);
  EXPECT_EQ(leads[2].Text(month), "dec");  // the campaign when it converted
  EXPECT_EQ(leads[3].name, "Later");
  EXPECT_FALSE(*leads[3].outcome);
  EXPECT_EQ(leads[3].Text(month), "mar");
}

}  // namespace
}  // namespace leadscore
