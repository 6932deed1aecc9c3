#include "ml/trainer.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "ml/booster.h"
#include "ml/smote.h"
#include "ml/split.h"

namespace leadscore::ml {
namespace {

std::string Num(double v) { return fmt::format("{}", v); }

Status SetParams(Booster* booster, const TrainOptions& o, double scale_pos_weight) {
  const std::vector<std::pair<std::string, std::string>> params = {
      {"objective", "binary:logistic"},
      {"tree_method", "hist"},
      {"eval_metric", "auc"},
      {"eta", Num(o.eta)},
      {"max_depth", std::to_string(o.max_depth)},
      {"grow_policy", GrowPolicyName(o.grow_policy)},
      {"max_leaves", std::to_string(o.max_leaves)},
      {"min_child_weight", Num(o.min_child_weight)},
      {"subsample", Num(o.subsample)},
      {"colsample_bytree", Num(o.colsample_bytree)},
      {"scale_pos_weight", Num(scale_pos_weight)},
      {"nthread", std::to_string(o.nthread)},
      {"seed", std::to_string(o.seed)},
      {"verbosity", "0"},
  };
  for (const auto& [name, value] : params) LS_RETURN_IF_ERROR(booster->SetParam(name, value));
  return Status::Ok();
}

// The ROC curve, decile table and importance (summed per source column) for the model page.
nlohmann::json Curves(const Booster& booster, const FeatureEncoder& encoder,
                      const std::vector<float>& scores, const std::vector<float>& labels) {
  nlohmann::json roc = nlohmann::json::array();
  for (const auto& p : RocCurve(scores, labels)) roc.push_back({{"fpr", p.fpr}, {"tpr", p.tpr}});
  nlohmann::json deciles = nlohmann::json::array();
  auto table = DecileTable(scores, labels);
  for (size_t d = 0; d < table.size(); ++d) {
    deciles.push_back({{"decile", d + 1}, {"lift", table[d].lift}, {"capture", table[d].capture}});
  }
  std::map<int, double> per_column;
  double total = 0;
  auto gains = booster.GainImportance(encoder.feature_names());
  if (gains.ok()) {
    std::map<std::string, int> feature_index;
    for (int f = 0; f < encoder.feature_count(); ++f) feature_index[encoder.feature_names()[f]] = f;
    for (const auto& [name, gain] : *gains) {
      auto it = feature_index.find(name);
      if (it == feature_index.end()) continue;
      per_column[encoder.ColumnOfFeature(it->second)] += gain;
      total += gain;
    }
  }
  std::vector<std::pair<double, int>> ranked;
  for (const auto& [c, g] : per_column) ranked.emplace_back(g, c);
  std::sort(ranked.rbegin(), ranked.rend());
  nlohmann::json importance = nlohmann::json::array();
  for (const auto& [g, c] : ranked) {
    const EncodedColumn& col = encoder.columns()[c];
    importance.push_back({{"feature", col.name},
                          {"label_en", col.label_en},
                          {"label_id", col.label_id},
                          {"importance", total > 0 ? g / total : 0}});
  }
  return {{"roc", roc}, {"deciles", deciles}, {"feature_importance", importance}};
}

}  // namespace

Result<TrainResult> TrainImpl(const LabelledData& train, const LabelledData& valid,
                              const TrainOptions& options, const std::string& fingerprint);

const char* ResamplingName(Resampling r) {
  switch (r) {
    case Resampling::kSmote: return "smote";
    case Resampling::kWeight: return "weight";
    case Resampling::kNone: return "none";
  }
  return "none";
}

const char* GrowPolicyName(GrowPolicy g) {
  return g == GrowPolicy::kLossguide ? "lossguide" : "depthwise";
}

Result<GrowPolicy> ParseGrowPolicy(const std::string& name) {
  for (auto g : {GrowPolicy::kDepthwise, GrowPolicy::kLossguide}) {
    if (name == GrowPolicyName(g)) return g;
  }
  return Status::InvalidArgument("grow policy must be depthwise or lossguide, not `" + name +
                                 "`");
}

Status ValidateTrainOptions(const TrainOptions& o) {
  if (o.max_depth < 0 || o.max_leaves < 0) {
    return Status::InvalidArgument("max depth and max leaves must not be negative");
  }
  if (o.grow_policy == GrowPolicy::kDepthwise && o.max_depth < 1) {
    return Status::InvalidArgument(
        "depthwise trees need a max depth of at least 1 (an unlimited depth, 0, needs the "
        "lossguide grow policy and a max leaves)");
  }
  if (o.grow_policy == GrowPolicy::kLossguide && o.max_depth == 0 && o.max_leaves == 0) {
    return Status::InvalidArgument(
        "lossguide trees need a limit: a max leaves, a max depth, or both");
  }
  if (!(o.eta > 0 && o.eta <= 1)) return Status::InvalidArgument("eta must be in (0, 1]");
  if (!(o.subsample > 0 && o.subsample <= 1) ||
      !(o.colsample_bytree > 0 && o.colsample_bytree <= 1)) {
    return Status::InvalidArgument("subsample and colsample must be in (0, 1]");
  }
  if (o.min_child_weight < 0) return Status::InvalidArgument("min child weight must be >= 0");
  if (o.max_rounds < 1 || o.early_stopping_rounds < 1) {
    return Status::InvalidArgument("rounds and early-stopping rounds must be at least 1");
  }
  return Status::Ok();
}

Result<Resampling> ParseResampling(const std::string& name) {
  if (name == "auto") return TrainOptions{}.resampling;
  for (auto r : {Resampling::kSmote, Resampling::kWeight, Resampling::kNone}) {
    if (name == ResamplingName(r)) return r;
  }
  return Status::InvalidArgument("resampling must be auto, smote, weight or none, not `" + name +
                                 "`");
}

nlohmann::json TrainOptions::ToJson() const {
  return {{"resampling", ResamplingName(resampling)},
          {"calibration", CalibrationKindName(calibration)},
          {"allow_leakage", allow_leakage},
          {"context", ContextModeName(context)},
          {"extra_context", extra_context},
          {"seed", seed},
          {"valid_fraction", valid_fraction},
          {"smote_k", smote_k},
          {"max_rounds", max_rounds},
          {"early_stopping_rounds", early_stopping_rounds},
          {"eta", eta},
          {"max_depth", max_depth},
          {"grow_policy", GrowPolicyName(grow_policy)},
          {"max_leaves", max_leaves},
          {"min_child_weight", min_child_weight},
          {"subsample", subsample},
          {"colsample_bytree", colsample_bytree},
          {"nthread", nthread}};
}

Status CheckEnoughOutcomes(const LabelledData& data) {
  int yes = data.Positives(), no = data.Negatives();
  if (yes < kMinOutcomesPerClass || no < kMinOutcomesPerClass) {
    return Status::FailedPrecondition(
               fmt::format("too little data to learn from: {} yes and {} no outcomes; training "
                           "needs at least {} of each",
                           yes, no, kMinOutcomesPerClass))
        .With("training_too_few_outcomes",
              {{"yes", int64_t{yes}}, {"no", int64_t{no}}, {"min", int64_t{kMinOutcomesPerClass}}});
  }
  return Status::Ok();
}

nlohmann::json MetricsJson(const Evaluation& e, long n_train, long n_valid) {
  nlohmann::json j = {{"roc_auc", e.roc_auc},
                      {"pr_auc", e.pr_auc},
                      {"brier", e.brier},
                      {"threshold", e.threshold},
                      {"confusion",
                       {{"tp", e.confusion.tp},
                        {"fp", e.confusion.fp},
                        {"tn", e.confusion.tn},
                        {"fn", e.confusion.fn}}},
                      {"precision", e.confusion.Precision()},
                      {"recall", e.confusion.Recall()},
                      {"n_train", n_train},
                      {"n_valid", n_valid}};
  for (const auto& p : e.lift) {
    int pct = static_cast<int>(std::lround(p.fraction * 100));
    j[fmt::format("lift_top{}", pct)] = p.lift;
    j[fmt::format("capture_top{}", pct)] = p.capture;
  }
  return j;
}

Result<TrainResult> Train(const LabelledData& data, const TrainOptions& options) {
  LS_RETURN_IF_ERROR(CheckEnoughOutcomes(data));
  SplitIndices split = StratifiedSplit(data.Labels(), options.valid_fraction, options.seed);
  // The fingerprint is of everything the model was trained from, not of the training part.
  return TrainImpl(data.Subset(split.train), data.Subset(split.valid), options,
                   data.Fingerprint());
}

Result<TrainResult> TrainOnSplit(const LabelledData& train, const LabelledData& valid,
                                 const TrainOptions& options) {
  return TrainImpl(train, valid, options, train.Fingerprint());
}

Result<TrainResult> TrainImpl(const LabelledData& train, const LabelledData& valid,
                              const TrainOptions& options, const std::string& fingerprint) {
  LS_RETURN_IF_ERROR(ValidateTrainOptions(options));
  if (train.Positives() < 2 || valid.Positives() < 1 || valid.Negatives() < 1) {
    return Status::FailedPrecondition("each part of the split needs both outcomes")
        .With("training_split_one_sided");
  }
  EncoderOptions encoder_options;
  encoder_options.allow_leakage = options.allow_leakage;
  LS_ASSIGN_OR_RETURN(encoder_options.context_columns,
                      ContextColumns(train, options.extra_context));
  encoder_options.drop_context = options.context == ContextMode::kExclude;
  LS_ASSIGN_OR_RETURN(FeatureEncoder encoder, FeatureEncoder::Fit(train, encoder_options));
  const size_t cols = encoder.feature_count();
  std::vector<float> x_train = encoder.EncodeAll(train.leads);
  std::vector<float> y_train = train.Labels();
  std::vector<float> x_valid = encoder.EncodeAll(valid.leads);
  std::vector<float> y_valid = valid.Labels();

  double scale_pos_weight = 1;
  long n_synthetic = 0;
  if (options.resampling == Resampling::kSmote) {
    SmoteOptions smote;
    smote.k = options.smote_k;
    smote.seed = options.seed;
    for (const auto& c : encoder.columns()) {
      if (c.kind == ColumnKind::kCategorical) {
        smote.one_hot_groups.emplace_back(c.first_feature, c.feature_count);
      }
    }
    LS_ASSIGN_OR_RETURN(SmoteResult synthetic, Smote(x_train, cols, y_train, smote));
    n_synthetic = static_cast<long>(synthetic.base.size());
    x_train.insert(x_train.end(), synthetic.rows.begin(), synthetic.rows.end());
    y_train.insert(y_train.end(), synthetic.base.size(),
                   static_cast<float>(synthetic.minority_label));
  } else if (options.resampling == Resampling::kWeight) {
    double pos = train.Positives(), neg = train.Negatives();
    scale_pos_weight = neg / pos;
  }

  LS_ASSIGN_OR_RETURN(DMatrix d_train, DMatrix::FromDense(x_train.data(), y_train.size(), cols));
  LS_RETURN_IF_ERROR(d_train.SetLabels(y_train));
  LS_ASSIGN_OR_RETURN(DMatrix d_valid, DMatrix::FromDense(x_valid.data(), y_valid.size(), cols));
  LS_RETURN_IF_ERROR(d_valid.SetLabels(y_valid));
  LS_ASSIGN_OR_RETURN(Booster booster, Booster::Create({&d_train, &d_valid}));
  LS_RETURN_IF_ERROR(SetParams(&booster, options, scale_pos_weight));

  // Early stopping on validation AUC: keep the rounds up to the best one.
  double best_auc = -1;
  int best_round = 0;
  for (int round = 0; round < options.max_rounds; ++round) {
    LS_RETURN_IF_ERROR(booster.UpdateOneIter(round, d_train));
    LS_ASSIGN_OR_RETURN(double auc, booster.Evaluate(round, d_valid, "valid"));
    if (auc > best_auc) {
      best_auc = auc;
      best_round = round;
    } else if (round - best_round >= options.early_stopping_rounds) {
      break;
    }
  }
  LS_ASSIGN_OR_RETURN(Booster final_booster, booster.Truncated(best_round + 1));

  LS_ASSIGN_OR_RETURN(std::vector<float> raw,
                      final_booster.Predict(x_valid.data(), y_valid.size(), cols,
                                            PredictKind::kProbability));
  CalibrationKind kind =
      options.resampling == Resampling::kNone ? CalibrationKind::kNone : options.calibration;
  Calibration calibration = Calibration::Fit(kind, raw, y_valid);
  std::vector<float> scores = raw;
  calibration.ApplyAll(&scores);
  double threshold = MaxF1Threshold(scores, y_valid);
  Evaluation validation = Evaluate(scores, y_valid, threshold);

  ModelInfo info;
  info.resampling = ResamplingName(options.resampling);
  info.context_mode = options.context;
  info.context_columns = encoder_options.context_columns;
  if (options.context == ContextMode::kCurrent) {
    info.scoring_context = LatestContext(train, info.context_columns);
  }
  info.threshold = threshold;
  info.rounds = best_round + 1;
  info.validation_auc = validation.roc_auc;
  info.metrics = MetricsJson(validation, train.leads.size(), valid.leads.size());
  info.metrics["n_synthetic"] = n_synthetic;
  info.metrics["uses_duration"] = options.allow_leakage;
  info.curves = Curves(final_booster, encoder, scores, y_valid);
  info.options = options.ToJson();
  info.data_fingerprint = fingerprint;
  info.created_at = options.created_at;
  info.created_by = options.created_by;

  TrainResult result{Model(std::move(final_booster), std::move(encoder), std::move(calibration),
                           std::move(info)),
                     validation, static_cast<long>(train.leads.size()),
                     static_cast<long>(valid.leads.size()), n_synthetic};
  return result;
}

}  // namespace leadscore::ml
