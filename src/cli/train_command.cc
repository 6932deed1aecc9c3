// `leadscore train`: trains a lead-scoring model on the leads with a known outcome in the
// database, or on a labelled CSV (`--data FILE`), saves it as a new model version and activates
// it if its validation AUC is not worse than the active one's (or with --force). With `--cv K`
// it runs stratified K-fold cross-validation instead and saves nothing; with `--no-save` it
// trains and reports without touching the database.
#include <chrono>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "ml/cross_validation.h"
#include "ml/labelled_data.h"
#include "service/training_service.h"

namespace leadscore::cli {
namespace {

struct TrainCliOptions {
  std::string data;
  int cv = 0;
  bool json = false;
  std::string resampling = "auto";
  std::string calibration = "platt";
  bool allow_leakage = false;
  uint64_t seed = 42;
  bool force = false;
  bool no_save = false;
  std::string by = "cli";
  ml::TrainOptions tuning;  // the XGBoost settings, defaults from ml::TrainOptions
};

Status RunTrain(const GlobalOptions& global, const TrainCliOptions& o) {
  TrainRequest request;
  request.options = o.tuning;
  request.by = o.by;
  request.force_activate = o.force;
  LS_ASSIGN_OR_RETURN(request.options.resampling, ml::ParseResampling(o.resampling));
  LS_ASSIGN_OR_RETURN(request.options.calibration, ml::ParseCalibrationKind(o.calibration));
  request.options.allow_leakage = o.allow_leakage;
  request.options.seed = o.seed;

  std::unique_ptr<Store> store;
  auto open_store = [&]() -> Status {
    LS_ASSIGN_OR_RETURN(store, OpenStore(global.db_url));
    return Status::Ok();
  };
  ml::LabelledData data;
  if (!o.data.empty()) {
    if (!o.json) fmt::print(stderr, "reading {}\n", o.data);
    LS_ASSIGN_OR_RETURN(data, ml::ReadLabelledCsv(o.data));
  } else {
    LS_RETURN_IF_ERROR(open_store());
    LS_ASSIGN_OR_RETURN(std::vector<Lead> leads, store->LeadsWithOutcome());
    data = ml::LabelledDataFromLeads(std::move(leads));
  }
  if (!o.json) {
    fmt::print(stderr, "{} rows ({} yes, {} no), {} input columns; resampling {}\n",
               data.leads.size(), data.Positives(), data.Negatives(), data.columns.size(),
               ml::ResamplingName(request.options.resampling));
  }

  if (o.cv > 0) {
    if (!o.json) fmt::print(stderr, "cross-validating, {} folds…\n", o.cv);
    LS_ASSIGN_OR_RETURN(ml::CrossValidationReport cv,
                        ml::CrossValidate(data, request.options, o.cv));
    if (o.json) {
      nlohmann::json j = ml::ToJson(cv);
      j["resampling"] = ml::ResamplingName(request.options.resampling);
      j["uses_duration"] = o.allow_leakage;
      fmt::print("{}\n", j.dump(2));
    } else {
      fmt::print("{}-fold stratified CV, resampling {}:\n", cv.folds,
                 ml::ResamplingName(request.options.resampling));
      fmt::print("  ROC AUC  {:.4f} ± {:.4f}\n", cv.roc_auc.mean, cv.roc_auc.std);
      fmt::print("  PR AUC   {:.4f} ± {:.4f}\n", cv.pr_auc.mean, cv.pr_auc.std);
      fmt::print("  Brier    {:.4f} ± {:.4f}\n", cv.brier.mean, cv.brier.std);
      fmt::print("  lift@10% {:.2f} ± {:.2f}, capture@10% {:.3f} ± {:.3f}\n", cv.lift_top10.mean,
                 cv.lift_top10.std, cv.capture_top10.mean, cv.capture_top10.std);
      fmt::print("  ({:.1f} s)\n", cv.seconds);
      if (o.allow_leakage) fmt::print("{}", kLeakageWarning);
    }
    return Status::Ok();
  }

  TrainOutcome outcome;
  if (o.no_save) {
    auto start = std::chrono::steady_clock::now();
    LS_ASSIGN_OR_RETURN(ml::TrainResult trained, ml::Train(data, request.options));
    outcome.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    outcome.validation = trained.validation;
    outcome.n_train = trained.n_train;
    outcome.n_valid = trained.n_valid;
    outcome.n_synthetic = trained.n_synthetic;
    outcome.uses_duration = o.allow_leakage;
    outcome.activation_note = "not saved";
    outcome.version.metrics_json = trained.model.info().metrics.dump();
    outcome.version.pipeline_json = trained.model.PipelineJson();
    outcome.version.validation_auc = trained.model.info().validation_auc;
  } else {
    if (!store) LS_RETURN_IF_ERROR(open_store());
    SystemClock clock;
    ActiveModelCache cache(*store, clock);
    TrainingService service(*store, clock, cache);
    LS_ASSIGN_OR_RETURN(outcome, service.TrainOnData(data, request));
  }
  if (o.json) {
    nlohmann::json j = ModelVersionJson(outcome.version);
    j["activated"] = outcome.activated;
    j["activation_note"] = outcome.activation_note;
    j["validation"] = ml::ToJson(outcome.validation);
    j["n_synthetic"] = outcome.n_synthetic;
    if (outcome.uses_duration) j["warning"] = kLeakageWarning;
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print("{}", FormatTrainReport(outcome));
  }
  return Status::Ok();
}

}  // namespace

void AddTrainCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto o = std::make_shared<TrainCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "train", "train a lead-scoring model and save it as a new version");
  cmd->add_option("--data", o->data,
                  "labelled CSV (either UCI layout, with `y`); default: the leads with a known "
                  "outcome in the database");
  cmd->add_option("--cv", o->cv, "run stratified K-fold cross-validation instead; saves nothing")
      ->check(CLI::Range(2, 20));
  cmd->add_flag("--json", o->json, "print the report as JSON");
  cmd->add_option("--resampling", o->resampling, "auto, smote, weight or none")
      ->capture_default_str();
  cmd->add_option("--calibration", o->calibration,
                  "platt or isotonic (used when resampling bends the probabilities)")
      ->capture_default_str();
  cmd->add_flag("--allow-leakage", o->allow_leakage,
                "keep `duration` (known only after the call): the figures are then not a real "
                "forecast");
  cmd->add_option("--seed", o->seed, "random seed (split, SMOTE, boosting)")->capture_default_str();
  cmd->add_flag("--force", o->force, "activate the new version even if its AUC is worse");
  cmd->add_flag("--no-save", o->no_save, "train and report only; the database is not touched");
  cmd->add_option("--eta", o->tuning.eta, "learning rate")->capture_default_str();
  cmd->add_option("--max-depth", o->tuning.max_depth, "tree depth")->capture_default_str();
  cmd->add_option("--min-child-weight", o->tuning.min_child_weight, "XGBoost min_child_weight")
      ->capture_default_str();
  cmd->add_option("--subsample", o->tuning.subsample, "row share per tree")->capture_default_str();
  cmd->add_option("--colsample", o->tuning.colsample_bytree, "column share per tree")
      ->capture_default_str();
  cmd->add_option("--by", o->by, "recorded as the version's author")->capture_default_str();
  cmd->callback([&global, o, exit_code] {
    Status s = RunTrain(global, *o);
    if (!s.ok()) {
      fmt::print(stderr, "train: {}\n", s.message());
      *exit_code = 1;
    }
  });
}

}  // namespace leadscore::cli
