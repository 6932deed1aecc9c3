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
#include "core/lead_csv.h"
#include "ml/backtest.h"
#include "ml/cross_validation.h"
#include "ml/labelled_data.h"
#include "service/campaign.h"
#include "service/training_service.h"

namespace leadscore::cli {
namespace {

struct TrainCliOptions {
  std::string data;
  int cv = 0;
  bool backtest = false;
  bool rolling = false;
  ml::BacktestOptions backtest_options;
  std::string context = "auto";
  std::vector<std::string> context_columns;
  bool json = false;
  std::string resampling = "auto";
  std::string calibration = "platt";
  std::string grow_policy = ml::GrowPolicyName(ml::TrainOptions{}.grow_policy);
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
  LS_ASSIGN_OR_RETURN(request.options.context, ml::ParseContextMode(o.context));
  request.options.extra_context = o.context_columns;
  LS_ASSIGN_OR_RETURN(request.options.grow_policy, ml::ParseGrowPolicy(o.grow_policy));
  LS_RETURN_IF_ERROR(ml::ValidateTrainOptions(request.options));

  std::unique_ptr<Store> store;
  auto open_store = [&]() -> Status {
    LS_ASSIGN_OR_RETURN(store, OpenStore(global.db_url));
    return Status::Ok();
  };
  ml::LabelledData data;
  nlohmann::json training_data;  // where the rows came from, when from the database
  if (!o.data.empty()) {
    if (!o.json) fmt::print(stderr, "reading {}\n", o.data);
    // The date column that orders a backtest must be in the file and dated in every row.
    LeadCsvOptions read{.labelled = true,
                        .date_column = o.backtest ? o.backtest_options.date_column : ""};
    LS_ASSIGN_OR_RETURN(LeadCsvFile file, ReadLeadCsvFile(o.data, read));
    data = ml::LabelledDataFromFile(std::move(file));
  } else {
    LS_RETURN_IF_ERROR(open_store());
    LS_ASSIGN_OR_RETURN(TrainingData gathered, GatherTrainingData(*store));
    if (!o.json) {
      fmt::print(stderr, "training set: {} history rows, {} labelled leads, {} portal outcomes\n",
                 gathered.history, gathered.labelled_leads, gathered.portal);
    }
    training_data = gathered.ToJson();
    data = std::move(gathered.data);
  }
  if (!o.json) {
    fmt::print(stderr, "{} rows ({} yes, {} no), {} input columns; resampling {}\n",
               data.leads.size(), data.Positives(), data.Negatives(), data.columns.size(),
               ml::ResamplingName(request.options.resampling));
  }

  if (o.backtest) {
    ml::BacktestOptions bo = o.backtest_options;
    bo.rolling = o.rolling;
    if (!o.json) fmt::print(stderr, "time-forward backtest, context {}…\n",
                            ml::ContextModeName(request.options.context));
    LS_ASSIGN_OR_RETURN(ml::BacktestReport report, ml::Backtest(data, request.options, bo));
    if (o.json) {
      nlohmann::json j = ml::ToJson(report);
      j["context"] = ml::ContextModeName(request.options.context);
      j["resampling"] = ml::ResamplingName(request.options.resampling);
      j["max_depth"] = request.options.max_depth;
      j["grow_policy"] = ml::GrowPolicyName(request.options.grow_policy);
      j["max_leaves"] = request.options.max_leaves;
      j["min_child_weight"] = request.options.min_child_weight;
      j["seed"] = request.options.seed;
      j["uses_duration"] = o.allow_leakage;
      fmt::print("{}\n", j.dump(2));
    } else {
      const ml::BacktestFold& h = report.holdout;
      fmt::print("time-forward backtest: train on rows 1..{}, test on the {} after them\n",
                 h.train_rows, h.test_rows);
      fmt::print("  ROC AUC  {:.4f}   PR AUC {:.4f}   Brier {:.4f}\n", h.test.roc_auc,
                 h.test.pr_auc, h.test.brier);
      for (const auto& p : h.test.lift) {
        fmt::print("  top {:>2.0f}%: lift {:.2f}, captures {:.1f}% of conversions\n",
                   p.fraction * 100, p.lift, p.capture * 100);
      }
      fmt::print("  AUC within period {:.4f} ({} periods, {} rows)\n", h.within.auc,
                 h.within.periods, h.within.rows);
      if (!report.rolling.empty()) {
        fmt::print("rolling by month, {} folds:\n", report.rolling.size());
        for (const auto& f : report.rolling) {
          fmt::print("  {:>4} ({} rows): AUC {:.4f}, within period {:.4f}\n", f.label,
                     f.test_rows, f.test.roc_auc, f.within.auc);
        }
        fmt::print("  mean AUC {:.4f}, mean within period {:.4f}, mean lift@10% {:.2f}\n",
                   report.mean_rolling_auc, report.mean_rolling_within,
                   report.mean_rolling_lift_top10);
      }
      fmt::print("  ({:.1f} s)\n", report.seconds);
      if (o.allow_leakage) fmt::print("{}", kLeakageWarning);
    }
    return Status::Ok();
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
    LS_ASSIGN_OR_RETURN(outcome, service.TrainOnData(data, request, training_data));
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
  cmd->add_flag("--backtest", o->backtest,
                "run the time-forward backtest instead (train on the earlier rows, test on the "
                "later ones); saves nothing");
  cmd->add_flag("--rolling", o->rolling, "with --backtest: also the rolling form by month");
  cmd->add_option("--train-fraction", o->backtest_options.train_fraction,
                  "with --backtest: the earlier share of the rows that trains")
      ->capture_default_str();
  cmd->add_option("--date-column", o->backtest_options.date_column,
                  "with --backtest: order the rows by this column instead of file order");
  cmd->add_option("--context", o->context,
                  "campaign-context columns: auto, exclude (left out), current (one current "
                  "context applied at scoring) or include (each row's own)")
      ->capture_default_str();
  cmd->add_option("--context-column", o->context_columns,
                  "a column of the data to treat as campaign context (repeatable)");
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
  cmd->add_option("--max-depth", o->tuning.max_depth, "tree depth (0: no limit, lossguide only)")
      ->capture_default_str();
  cmd->add_option("--grow-policy", o->grow_policy,
                  "depthwise (level by level) or lossguide (best leaf first, as "
                  "HistGradientBoosting)")
      ->capture_default_str();
  cmd->add_option("--max-leaves", o->tuning.max_leaves, "leaves per tree (0: no limit)")
      ->capture_default_str();
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
