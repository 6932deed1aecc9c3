#include "service/scoring_model.h"

#include "service/campaign.h"

namespace leadscore {
namespace {

// When the admin's campaign setting was last written, 0 if never.
Result<TimeMs> CampaignStamp(Store& store) {
  LS_ASSIGN_OR_RETURN(std::optional<Setting> setting, store.GetSetting(kCampaignSetting));
  return setting ? setting->updated_at : TimeMs{0};
}

}  // namespace

Result<std::shared_ptr<const LoadedModel>> LoadModelVersion(Store& store, int64_t version_id) {
  LS_ASSIGN_OR_RETURN(ModelVersion version, store.GetModelVersion(version_id));
  auto model = ml::Model::Load(version.booster_json, version.pipeline_json);
  if (!model.ok()) {
    return model.status().WithContext("model version " + std::to_string(version_id));
  }
  // A model scoring with one current context takes the admin's campaign (until one is set,
  // the latest context of its training data, which the pipeline carries).
  LS_ASSIGN_OR_RETURN(std::optional<Setting> campaign, store.GetSetting(kCampaignSetting));
  if (campaign) model->SetScoringContext(StoredCampaignValues(*campaign));
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
    return Status::FailedPrecondition("no active model: train one first").With("no_active_model");
  }
  LS_ASSIGN_OR_RETURN(TimeMs campaign_stamp, CampaignStamp(store_));
  checked_at_ = now;
  stale_ = false;
  if (!model_ || model_->version_id != active_id || campaign_stamp != campaign_stamp_) {
    LS_ASSIGN_OR_RETURN(model_, LoadModelVersion(store_, active_id));
    campaign_stamp_ = campaign_stamp;
  }
  return model_;
}

void ActiveModelCache::Invalidate() {
  std::lock_guard<std::mutex> lock(mutex_);
  stale_ = true;
}

}  // namespace leadscore
