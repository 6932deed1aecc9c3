#include "service/scoring_model.h"

namespace leadscore {

Result<std::shared_ptr<const LoadedModel>> LoadModelVersion(Store& store, int64_t version_id) {
  LS_ASSIGN_OR_RETURN(ModelVersion version, store.GetModelVersion(version_id));
  auto model = ml::Model::Load(version.booster_json, version.pipeline_json);
  if (!model.ok()) {
    return model.status().WithContext("model version " + std::to_string(version_id));
  }
  return std::make_shared<const LoadedModel>(LoadedModel{version_id, std::move(model).value()});
}

Result<std::shared_ptr<const LoadedModel>> ActiveModelCache::Get() {
  std::lock_guard<std::mutex> lock(mutex_);
  TimeMs now = clock_.NowMs();
  if (model_ && !stale_ && now - checked_at_ < recheck_) return model_;
  // Which version is active (the list carries no boosters, so this check is cheap).
  LS_ASSIGN_OR_RETURN(std::vector<ModelVersion> versions, store_.ListModelVersions());
  int64_t active_id = 0;
  for (const auto& v : versions) {
    if (v.active) active_id = v.id;
  }
  if (active_id == 0) {
    model_.reset();
    return Status::FailedPrecondition("no active model: train one first");
  }
  checked_at_ = now;
  stale_ = false;
  if (!model_ || model_->version_id != active_id) {
    LS_ASSIGN_OR_RETURN(model_, LoadModelVersion(store_, active_id));
  }
  return model_;
}

void ActiveModelCache::Invalidate() {
  std::lock_guard<std::mutex> lock(mutex_);
  stale_ = true;
}

}  // namespace leadscore
