// TrainingService: the model use cases of the admin — train a new version (from the training
// set of the database, service/campaign.h GatherTrainingData, or from a labelled CSV), list and
// read versions, activate one, and the curves of the model page.
//
// Activation rule (docs/MODEL.md, "Versions and activation"): a new version becomes active
// only if its validation ROC AUC is not worse than the active version's, or when no version is
// active, or when forced; it is saved either way, so an admin can activate it by hand later.
// Versions are never deleted.
//
// Holds references to the store, the clock and the model cache, which must outlive it.
// Thread-safe (the store is; training itself runs on the caller's thread, several trainings
// may run at once and each saves its own version).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/status.h"
#include "ml/backtest.h"
#include "ml/labelled_data.h"
#include "ml/trainer.h"
#include "service/scoring_model.h"
#include "store/store.h"

namespace leadscore {

struct TrainRequest {
  ml::TrainOptions options;  // created_by / created_at are filled by the service
  std::string by = "cli";    // username of who asked
  bool force_activate = false;
};

struct TrainOutcome {
  ModelVersion version;  // as saved, without the booster
  bool activated = false;
  std::string activation_note;  // why it was or was not activated, in English
  // The same as a code of the note catalogue (core/reasons.h, "notes") and its parameters, for
  // a client to word in its reader's language: "model_activated_better" {auc, active_auc,
  // version}.
  std::string activation_code;
  std::vector<StatusParam> activation_params;
  ml::Evaluation validation;
  std::optional<ml::BacktestFold> backtest;  // absent when the data is too small for one
  long n_train = 0, n_valid = 0, n_synthetic = 0;
  bool uses_duration = false;  // then the figures are not a real forecast
  double seconds = 0;
};

class TrainingService {
 public:
  TrainingService(Store& store, const Clock& clock, ActiveModelCache& cache)
      : store_(store), clock_(clock), cache_(cache) {}
  TrainingService(const TrainingService&) = delete;
  TrainingService& operator=(const TrainingService&) = delete;

  // kFailedPrecondition when there are fewer than 40 yes or 40 no outcomes.
  Result<TrainOutcome> TrainFromStore(const TrainRequest& request);
  // `training_data` describes where the rows came from (TrainingData::ToJson), kept in the
  // version's metrics; null: a file, all labelled rows.
  Result<TrainOutcome> TrainOnData(const ml::LabelledData& data, const TrainRequest& request,
                                   const nlohmann::json& training_data = nullptr);

  Result<std::vector<ModelVersion>> ListVersions();
  Result<ModelVersion> GetVersion(int64_t id);
  // Makes `id` the active version (whatever its AUC); returns it.
  Result<ModelVersion> Activate(int64_t id);
  // {roc, deciles, feature_importance} of the version (docs/openapi.yaml ModelCurves).
  Result<nlohmann::json> Curves(int64_t id);

 private:
  Store& store_;
  const Clock& clock_;
  ActiveModelCache& cache_;
};

// The API shape of a version (docs/openapi.yaml ModelVersion), from its stored fields.
nlohmann::json ModelVersionJson(const ModelVersion& version);
// Printed with every figure that used `duration`.
extern const char* const kLeakageWarning;

// The text report of a training, for the CLI.
std::string FormatTrainReport(const TrainOutcome& outcome);

}  // namespace leadscore
