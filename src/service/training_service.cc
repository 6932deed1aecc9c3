#include "service/training_service.h"

#include <chrono>

#include <fmt/format.h>

#include "ml/backtest.h"
#include "service/campaign.h"

namespace leadscore {

const char* const kLeakageWarning =
    "WARNING: trained with `duration`, the length of the call, which is known only after the "
    "call. These figures are not a real forecast.\n";

Result<TrainOutcome> TrainingService::TrainFromStore(const TrainRequest& request) {
  LS_ASSIGN_OR_RETURN(TrainingData gathered, GatherTrainingData(store_));
  return TrainOnData(gathered.data, request, gathered.ToJson());
}

Result<TrainOutcome> TrainingService::TrainOnData(const ml::LabelledData& data,
                                                  const TrainRequest& request,
                                                  const nlohmann::json& training_data) {
  auto start = std::chrono::steady_clock::now();
  ml::TrainOptions options = request.options;
  options.created_by = request.by;
  options.created_at = clock_.NowMs();
  LS_ASSIGN_OR_RETURN(ml::TrainResult trained, ml::Train(data, options));

  TrainOutcome out;
  out.validation = trained.validation;
  out.n_train = trained.n_train;
  out.n_valid = trained.n_valid;
  out.n_synthetic = trained.n_synthetic;
  out.uses_duration = options.allow_leakage;
  const ml::ModelInfo& info = trained.model.info();

  ModelVersion version;
  version.created_at = options.created_at;
  version.created_by = request.by;
  version.validation_auc = info.validation_auc;
  nlohmann::json metrics = info.metrics;
  // The report leads with the time-forward backtest (docs/MODEL.md); data too small for both
  // parts of it still trains, without one.
  auto backtest = ml::Backtest(data, options, ml::BacktestOptions{});
  if (backtest.ok()) {
    metrics["backtest"] = ml::BacktestMetricsJson(backtest->holdout);
    out.backtest = backtest->holdout;
  }
  metrics["context"] = {{"mode", ml::ContextModeName(info.context_mode)},
                        {"columns", info.context_columns}};
  metrics["training_data"] =
      training_data.is_object()
          ? training_data
          : nlohmann::json{{"history", 0}, {"labelled_leads", data.leads.size()}, {"portal", 0},
                           {"total", data.leads.size()}};
  version.metrics_json = metrics.dump();
  version.pipeline_json = trained.model.PipelineJson();
  LS_ASSIGN_OR_RETURN(version.booster_json, trained.model.BoosterJson());
  version.data_fingerprint = info.data_fingerprint;

  // The activation rule.
  auto active = store_.GetActiveModelVersion();
  if (!active.ok() && active.status().code() != StatusCode::kNotFound) return active.status();
  if (request.force_activate) {
    out.activated = true;
    out.activation_note = "activated by request";
    out.activation_code = "model_activated_by_request";
  } else if (!active.ok()) {
    out.activated = true;
    out.activation_note = "activated: no model was active";
    out.activation_code = "model_activated_first";
  } else {
    out.activated = info.validation_auc >= active->validation_auc;
    out.activation_params = {{"auc", info.validation_auc},
                             {"active_auc", active->validation_auc},
                             {"version", active->id}};
    if (out.activated) {
      out.activation_note = fmt::format("activated: validation AUC {:.4f} >= {:.4f} of version {}",
                                        info.validation_auc, active->validation_auc, active->id);
      out.activation_code = "model_activated_better";
    } else {
      out.activation_note = fmt::format(
          "kept inactive: validation AUC {:.4f} < {:.4f} of active version {}; activate it by "
          "hand if wanted",
          info.validation_auc, active->validation_auc, active->id);
      out.activation_code = "model_kept_inactive";
    }
  }
  LS_ASSIGN_OR_RETURN(version.id, store_.SaveModelVersion(version, out.activated));
  version.active = out.activated;
  version.booster_json.clear();
  if (out.activated) cache_.Invalidate();
  out.version = std::move(version);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

Result<std::vector<ModelVersion>> TrainingService::ListVersions() {
  return store_.ListModelVersions();
}

Result<ModelVersion> TrainingService::GetVersion(int64_t id) {
  LS_ASSIGN_OR_RETURN(ModelVersion v, store_.GetModelVersion(id));
  v.booster_json.clear();
  return v;
}

Result<ModelVersion> TrainingService::Activate(int64_t id) {
  LS_RETURN_IF_ERROR(store_.SetActiveModelVersion(id));
  cache_.Invalidate();
  return GetVersion(id);
}

Result<nlohmann::json> TrainingService::Curves(int64_t id) {
  LS_ASSIGN_OR_RETURN(ModelVersion v, GetVersion(id));
  auto pipeline = nlohmann::json::parse(v.pipeline_json, nullptr, false);
  if (!pipeline.is_object() || !pipeline.contains("curves")) {
    return Status::Internal(fmt::format("model version {} has no curves", id));
  }
  return pipeline["curves"];
}

nlohmann::json ModelVersionJson(const ModelVersion& version) {
  auto pipeline = nlohmann::json::parse(version.pipeline_json, nullptr, false);
  auto metrics = nlohmann::json::parse(version.metrics_json, nullptr, false);
  if (!pipeline.is_object()) pipeline = nlohmann::json::object();
  if (!metrics.is_object()) metrics = nlohmann::json::object();
  return {{"id", version.id},
          {"created_at", FormatIsoTime(version.created_at)},
          {"created_by", version.created_by},
          {"active", version.active},
          {"uses_duration", pipeline["encoder"].value("allow_leakage", false)},
          {"resampling", pipeline.value("resampling", "none")},
          {"calibration", pipeline["calibration"].value("kind", "none")},
          {"threshold", pipeline.value("threshold", 0.5)},
          {"rounds", pipeline.value("rounds", 0)},
          {"data_fingerprint", version.data_fingerprint},
          {"context", pipeline.contains("context")
                          ? pipeline["context"]
                          : nlohmann::json{{"mode", "include"},
                                           {"columns", nlohmann::json::array()},
                                           {"scoring_context", nullptr}}},
          {"metrics", metrics}};
}

std::string FormatTrainReport(const TrainOutcome& o) {
  const ml::Evaluation& e = o.validation;
  std::string s = fmt::format("model version {} ({})\n", o.version.id, o.activation_note);
  s += fmt::format("rows: {} train (+{} synthetic), {} validation\n", o.n_train, o.n_synthetic,
                   o.n_valid);
  if (o.backtest) {
    const ml::BacktestFold& b = *o.backtest;
    s += fmt::format(
        "time-forward backtest (train on the first {} rows, test on the {} after): ROC AUC "
        "{:.4f}, AUC within period {:.4f}, PR AUC {:.4f}",
        b.train_rows, b.test_rows, b.test.roc_auc, b.within.auc, b.test.pr_auc);
    if (!b.test.lift.empty()) {
      s += fmt::format(", lift@10% {:.2f}, capture@10% {:.1f}%", b.test.lift[0].lift,
                       b.test.lift[0].capture * 100);
    }
    s += "\n";
  } else {
    s += "time-forward backtest: not run (too few outcomes for both parts)\n";
  }
  s += fmt::format("random validation ROC AUC {:.4f}  PR AUC {:.4f}  Brier {:.4f}\n", e.roc_auc,
                   e.pr_auc, e.brier);
  for (const auto& p : e.lift) {
    s += fmt::format("top {:>2.0f}%: lift {:.2f}, captures {:.1f}% of conversions\n",
                     p.fraction * 100, p.lift, p.capture * 100);
  }
  const ml::Confusion& c = e.confusion;
  s += fmt::format(
      "threshold {:.3f} (max F1 on validation): TP {} FP {} TN {} FN {}, precision {:.3f}, "
      "recall {:.3f}\n",
      e.threshold, c.tp, c.fp, c.tn, c.fn, c.Precision(), c.Recall());
  s += fmt::format("trained in {:.1f} s\n", o.seconds);
  if (o.uses_duration) s += kLeakageWarning;
  return s;
}

}  // namespace leadscore
