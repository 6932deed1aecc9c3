// `leadscore evaluate --data FILE [--model VERSION] [--json]`: the metrics of a saved model
// version (default: the active one) on any labelled CSV in either UCI layout — ROC AUC, PR AUC,
// Brier, the AUC within period (rows grouped by their campaign context, ml/backtest.h), lift
// and capture at the top 10 / 20 / 30 %, and the confusion matrix at the version's threshold.
// A `current` version scores every row under its one campaign, as the call list does. Nothing
// is written.
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/lead_csv.h"
#include "ml/backtest.h"
#include "ml/context.h"
#include "ml/labelled_data.h"
#include "ml/metrics.h"
#include "service/scoring_model.h"
#include "service/training_service.h"

namespace leadscore::cli {
namespace {

struct EvaluateCliOptions {
  std::string data;
  int64_t model = 0;
  bool json = false;
};

Status RunEvaluate(const GlobalOptions& global, const EvaluateCliOptions& o) {
  LS_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenStore(global.db_url));
  int64_t version = o.model;
  if (version == 0) {
    auto active = store->GetActiveModelVersion();
    if (!active.ok()) {
      return active.status().code() == StatusCode::kNotFound
                 ? Status::FailedPrecondition("no active model; train one or pass --model")
                 : active.status();
    }
    version = active->id;
  }
  LS_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedModel> loaded,
                      LoadModelVersion(*store, version));
  LS_ASSIGN_OR_RETURN(LeadCsvFile file, ReadLeadCsvFile(o.data, LeadCsvOptions::Labelled()));
  const ml::LabelledData data = ml::LabelledDataFromFile(std::move(file));
  LS_ASSIGN_OR_RETURN(std::vector<float> scores, loaded->model.Predict(data.leads));
  ml::Evaluation e = ml::Evaluate(scores, data.Labels(), loaded->model.info().threshold);
  bool leaky = loaded->model.encoder().allow_leakage();
  // The ranking among the calls of one period: rows grouped by their campaign context (the
  // built-in columns and the bank's own the version was trained with, those the file has).
  std::vector<std::string> context_columns =
      ml::PeriodColumns(data, loaded->model.info().context_columns);
  std::vector<std::string> keys;
  for (const Lead& lead : data.leads) keys.push_back(ml::PeriodKey(lead, context_columns));
  ml::WithinPeriod within = ml::AucWithinPeriod(scores, data.Labels(), keys);
  if (o.json) {
    nlohmann::json j = ml::ToJson(e);
    j["auc_within_period"] = within.auc;
    j["periods"] = within.periods;
    j["model_version"] = version;
    j["uses_duration"] = leaky;
    if (leaky) j["warning"] = kLeakageWarning;
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  fmt::print("model version {} on {} ({} rows, {} yes)\n", version, o.data, e.rows, e.positives);
  fmt::print("ROC AUC {:.4f}  PR AUC {:.4f}  Brier {:.4f}\n", e.roc_auc, e.pr_auc, e.brier);
  fmt::print("AUC within period {:.4f} ({} periods of one context, {} rows)\n", within.auc,
             within.periods, within.rows);
  for (const auto& p : e.lift) {
    fmt::print("top {:>2.0f}%: lift {:.2f}, captures {:.1f}% of conversions\n", p.fraction * 100,
               p.lift, p.capture * 100);
  }
  const ml::Confusion& c = e.confusion;
  fmt::print("threshold {:.3f}: TP {} FP {} TN {} FN {}, precision {:.3f}, recall {:.3f}\n",
             e.threshold, c.tp, c.fp, c.tn, c.fn, c.Precision(), c.Recall());
  if (leaky) fmt::print("{}", kLeakageWarning);
  return Status::Ok();
}

}  // namespace

void AddEvaluateCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto o = std::make_shared<EvaluateCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "evaluate", "metrics of a saved model version on a labelled CSV");
  cmd->add_option("--data", o->data, "labelled CSV (either UCI layout, with `y`)")->required();
  cmd->add_option("--model", o->model, "model version id (default: the active one)");
  cmd->add_flag("--json", o->json, "print the metrics as JSON");
  cmd->callback([&global, o, exit_code] {
    Status s = RunEvaluate(global, *o);
    if (!s.ok()) {
      fmt::print(stderr, "evaluate: {}\n", s.message());
      *exit_code = 1;
    }
  });
}

}  // namespace leadscore::cli
