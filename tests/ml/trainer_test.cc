#include "ml/trainer.h"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "synthetic_leads.h"

namespace leadscore::ml {
namespace {

using testing::SyntheticLeads;

TrainOptions Fast(Resampling r) {
  TrainOptions o;
  o.resampling = r;
  o.max_rounds = 60;
  o.early_stopping_rounds = 15;
  o.eta = 0.2;
  // The synthetic signal includes euribor3m, a campaign-context column: these tests are about
  // learning, so the model keeps it (the context choice has tests of its own).
  o.context = ContextMode::kInclude;
  return o;
}

TEST(TrainerTest, LearnsTheSignalWithEveryResampling) {
  LabelledData data = SyntheticLeads(3000, 1);
  for (Resampling r : {Resampling::kSmote, Resampling::kWeight, Resampling::kNone}) {
    auto result = Train(data, Fast(r));
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_GT(result->validation.roc_auc, 0.7) << ResamplingName(r);
    EXPECT_EQ(result->n_train + result->n_valid, 3000);
    EXPECT_EQ(result->model.info().resampling, ResamplingName(r));
    // Calibration exactly when the training data was bent.
    EXPECT_EQ(result->model.calibration().kind() == CalibrationKind::kNone,
              r == Resampling::kNone);
  }
}

TEST(TrainerTest, SmoteSeesTheTrainingPartOnly) {
  LabelledData data = SyntheticLeads(3000, 2);
  auto result = Train(data, Fast(Resampling::kSmote));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  // Synthetic rows balance the training part (80 %), not the whole data.
  long train_yes = data.Positives() - std::lround(0.2 * data.Positives());
  long train_no = data.Negatives() - std::lround(0.2 * data.Negatives());
  EXPECT_EQ(result->n_synthetic, train_no - train_yes);
  EXPECT_NE(result->n_synthetic, data.Negatives() - data.Positives());
}

TEST(TrainerTest, CalibrationBringsSmoteScoresBackToObservedRates) {
  LabelledData data = SyntheticLeads(4000, 3);
  TrainOptions calibrated = Fast(Resampling::kSmote);
  TrainOptions raw = calibrated;
  raw.calibration = CalibrationKind::kNone;
  auto a = Train(data, calibrated), b = Train(data, raw);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_LT(a->validation.brier, b->validation.brier);
  // Platt keeps the ranking.
  EXPECT_NEAR(a->validation.roc_auc, b->validation.roc_auc, 1e-3);
}

TEST(TrainerTest, SameSeedSameModelBitForBit) {
  LabelledData data = SyntheticLeads(2000, 4);
  auto a = Train(data, Fast(Resampling::kSmote));
  auto b = Train(data, Fast(Resampling::kSmote));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a->model.BoosterJson(), *b->model.BoosterJson());
  EXPECT_EQ(*a->model.Predict(data.leads), *b->model.Predict(data.leads));
  TrainOptions other = Fast(Resampling::kSmote);
  other.seed = 99;
  auto c = Train(data, other);
  ASSERT_TRUE(c.ok());
  EXPECT_NE(*a->model.BoosterJson(), *c->model.BoosterJson());
}

TEST(TrainerTest, SavedModelReloadsWithIdenticalPredictions) {
  LabelledData data = SyntheticLeads(2000, 5);
  auto trained = Train(data, Fast(Resampling::kSmote));
  ASSERT_TRUE(trained.ok());
  auto booster_json = trained->model.BoosterJson();
  ASSERT_TRUE(booster_json.ok());
  auto loaded = Model::Load(*booster_json, trained->model.PipelineJson());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  auto before = trained->model.Predict(data.leads);
  auto after = loaded->Predict(data.leads);
  ASSERT_TRUE(before.ok() && after.ok());
  ASSERT_EQ(before->size(), after->size());
  for (size_t i = 0; i < before->size(); ++i) ASSERT_EQ((*before)[i], (*after)[i]) << i;
  EXPECT_EQ(loaded->info().threshold, trained->model.info().threshold);
  EXPECT_EQ(loaded->encoder().feature_names(), trained->model.encoder().feature_names());
  EXPECT_EQ(loaded->info().data_fingerprint, data.Fingerprint());
}

TEST(TrainerTest, RefusesTooFewOutcomesWithAClearMessage) {
  LabelledData data = SyntheticLeads(2000, 6, /*max_yes=*/39);
  ASSERT_EQ(data.Positives(), 39);
  auto result = Train(data, Fast(Resampling::kSmote));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(result.status().message().find("39 yes"), std::string::npos);
  EXPECT_NE(result.status().message().find("at least 40"), std::string::npos);
}

TEST(TrainerTest, DurationIsDroppedUnlessLeakageIsAllowed) {
  LabelledData data = SyntheticLeads(2000, 7);
  auto honest = Train(data, Fast(Resampling::kNone));
  TrainOptions leaky_options = Fast(Resampling::kNone);
  leaky_options.allow_leakage = true;
  auto leaky = Train(data, leaky_options);
  ASSERT_TRUE(honest.ok() && leaky.ok());
  auto has_duration = [](const Model& m) {
    const auto& names = m.encoder().feature_names();
    return std::find(names.begin(), names.end(), "duration") != names.end();
  };
  EXPECT_FALSE(has_duration(honest->model));
  EXPECT_TRUE(has_duration(leaky->model));
  // `duration` here is the outcome itself: with it the model is (uselessly) perfect.
  EXPECT_GT(leaky->validation.roc_auc, 0.99);
  EXPECT_LT(honest->validation.roc_auc, 0.95);
}

// The number of leaves of each tree of a saved booster (nodes without a left child).
std::vector<int> LeavesPerTree(const Model& model) {
  auto json = nlohmann::json::parse(*model.BoosterJson());
  std::vector<int> leaves;
  for (const auto& tree : json["learner"]["gradient_booster"]["model"]["trees"]) {
    const auto& left = tree["left_children"];
    leaves.push_back(static_cast<int>(std::count(left.begin(), left.end(), -1)));
  }
  return leaves;
}

TEST(TrainerTest, LossguideTreesGrowUpToMaxLeavesAtAnyDepth) {
  LabelledData data = SyntheticLeads(3000, 9);
  TrainOptions depthwise = Fast(Resampling::kNone);
  depthwise.grow_policy = GrowPolicy::kDepthwise;  // depth 5: up to 32 leaves a tree
  depthwise.max_depth = 5;
  depthwise.min_child_weight = 1;
  TrainOptions leafwise = depthwise;
  leafwise.grow_policy = GrowPolicy::kLossguide;
  leafwise.max_depth = 0;
  leafwise.max_leaves = 6;
  leafwise.min_child_weight = 2;
  auto a = Train(data, depthwise), b = Train(data, leafwise);
  ASSERT_TRUE(a.ok() && b.ok()) << b.status().ToString();
  std::vector<int> deep = LeavesPerTree(a->model), capped = LeavesPerTree(b->model);
  ASSERT_FALSE(capped.empty());
  EXPECT_GT(*std::max_element(deep.begin(), deep.end()), 6);
  EXPECT_LE(*std::max_element(capped.begin(), capped.end()), 6);
  EXPECT_EQ(*std::max_element(capped.begin(), capped.end()), 6);  // the limit is reached
  EXPECT_GT(b->validation.roc_auc, 0.7);
  EXPECT_EQ(b->model.info().options["grow_policy"], "lossguide");
  EXPECT_EQ(b->model.info().options["max_leaves"], 6);
  // Deterministic like the default.
  auto again = Train(data, leafwise);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again->model.BoosterJson(), *b->model.BoosterJson());
}

TEST(TrainerTest, RefusesTreeSettingsWithoutALimit) {
  LabelledData data = SyntheticLeads(2000, 10);
  TrainOptions flat = Fast(Resampling::kNone);
  flat.grow_policy = GrowPolicy::kDepthwise;
  flat.max_depth = 0;  // depthwise needs a depth
  TrainOptions unlimited = flat;
  unlimited.grow_policy = GrowPolicy::kLossguide;  // and lossguide a depth or a leaf count
  unlimited.max_leaves = 0;
  TrainOptions bad_eta = Fast(Resampling::kNone);
  bad_eta.eta = 0;
  for (const TrainOptions& o : {flat, unlimited, bad_eta}) {
    auto result = Train(data, o);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument) << result.status().message();
  }
  EXPECT_NE(Train(data, unlimited).status().message().find("lossguide"), std::string::npos);
  EXPECT_TRUE(ParseGrowPolicy("lossguide").ok());
  EXPECT_EQ(ParseGrowPolicy("leafwise").status().code(), StatusCode::kInvalidArgument);
}

TEST(TrainerTest, ExcludedContextNeverReachesTheModelOrItsReasons) {
  LabelledData data = SyntheticLeads(1500, 9);
  TrainOptions options = Fast(Resampling::kNone);
  options.context = ContextMode::kExclude;
  auto trained = Train(data, options);
  ASSERT_TRUE(trained.ok()) << trained.status().ToString();
  for (const auto& name : trained->model.encoder().feature_names()) {
    EXPECT_EQ(name.find("euribor3m"), std::string::npos) << name;
  }
  EXPECT_EQ(trained->model.info().context_columns, std::vector<std::string>{"euribor3m"});
}

TEST(TrainerTest, CurrentContextScoresEveryLeadWithOneCampaign) {
  LabelledData data = SyntheticLeads(1500, 9);
  TrainOptions options = Fast(Resampling::kNone);
  options.context = ContextMode::kCurrent;
  auto trained = Train(data, options);
  ASSERT_TRUE(trained.ok()) << trained.status().ToString();
  Model model = std::move(trained->model);
  // Two leads alike but for euribor3m score alike: the campaign's value replaces both.
  Lead a = data.leads[0], b = data.leads[0];
  a.numeric[FindBankColumn("euribor3m")->slot] = 0.7;
  b.numeric[FindBankColumn("euribor3m")->slot] = 4.9;
  auto scores = model.Predict({a, b});
  ASSERT_TRUE(scores.ok());
  EXPECT_FLOAT_EQ((*scores)[0], (*scores)[1]);
  // Low euribor3m converts more in this data: a campaign of low rates lifts the score.
  model.SetScoringContext({{"euribor3m", 0.7}});
  auto low = model.Predict({a});
  model.SetScoringContext({{"euribor3m", 4.9}});
  auto high = model.Predict({a});
  ASSERT_TRUE(low.ok() && high.ok());
  EXPECT_GT((*low)[0], (*high)[0]);
  // And no reason speaks of it.
  auto explained = model.Explain(std::vector<Lead>{a}, false);
  ASSERT_TRUE(explained.ok());
  for (const auto& r : (*explained)[0].reasons) EXPECT_NE(r.column, "euribor3m");
}

}  // namespace
}  // namespace leadscore::ml
