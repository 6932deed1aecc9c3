#include "ml/model.h"

namespace leadscore::ml {

Model::Model(Booster booster, FeatureEncoder encoder, Calibration calibration, ModelInfo info)
    : booster_(std::move(booster)),
      encoder_(std::move(encoder)),
      calibration_(std::move(calibration)),
      info_(std::move(info)) {}

std::string Model::PipelineJson() const {
  nlohmann::json j = {{"format", "leadscore-pipeline-1"},
                      {"encoder", encoder_.ToJson()},
                      {"calibration", calibration_.ToJson()},
                      {"resampling", info_.resampling},
                      {"context",
                       {{"mode", ContextModeName(info_.context_mode)},
                        {"columns", info_.context_columns},
                        {"scoring_context", info_.scoring_context}}},
                      {"threshold", info_.threshold},
                      {"rounds", info_.rounds},
                      {"validation_auc", info_.validation_auc},
                      {"metrics", info_.metrics},
                      {"curves", info_.curves},
                      {"options", info_.options},
                      {"data_fingerprint", info_.data_fingerprint},
                      {"created_at", info_.created_at},
                      {"created_by", info_.created_by}};
  return j.dump();
}

Result<Model> Model::Load(const std::string& booster_json, const std::string& pipeline_json) {
  auto j = nlohmann::json::parse(pipeline_json, nullptr, false);
  if (!j.is_object() || j.value("format", "") != "leadscore-pipeline-1") {
    return Status::InvalidArgument("not a leadscore model pipeline");
  }
  LS_ASSIGN_OR_RETURN(FeatureEncoder encoder, FeatureEncoder::FromJson(j["encoder"]));
  LS_ASSIGN_OR_RETURN(Calibration calibration, Calibration::FromJson(j["calibration"]));
  ModelInfo info;
  try {
    info.resampling = j.value("resampling", "none");
    if (j.contains("context")) {
      const auto& c = j["context"];
      LS_ASSIGN_OR_RETURN(info.context_mode, ParseContextMode(c.value("mode", "include")));
      info.context_columns = c.value("columns", std::vector<std::string>{});
      info.scoring_context = c.value("scoring_context", nlohmann::json::object());
    }
    info.threshold = j.value("threshold", 0.5);
    info.rounds = j.value("rounds", 0);
    info.validation_auc = j.value("validation_auc", 0.0);
    info.metrics = j.value("metrics", nlohmann::json::object());
    info.curves = j.value("curves", nlohmann::json::object());
    info.options = j.value("options", nlohmann::json::object());
    info.data_fingerprint = j.value("data_fingerprint", "");
    info.created_at = j.value("created_at", TimeMs{0});
    info.created_by = j.value("created_by", "");
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument(std::string("bad model pipeline: ") + e.what());
  }
  LS_ASSIGN_OR_RETURN(Booster booster, Booster::FromJson(booster_json));
  return Model(std::move(booster), std::move(encoder), std::move(calibration), std::move(info));
}

void Model::SetScoringContext(const nlohmann::json& campaign) {
  if (info_.context_mode != ContextMode::kCurrent || !campaign.is_object()) return;
  for (const auto& c : info_.context_columns) {
    auto it = campaign.find(c);
    if (it != campaign.end() && !it->is_null()) info_.scoring_context[c] = *it;
  }
}

const std::vector<Lead>& Model::InContext(const std::vector<Lead>& leads,
                                          std::vector<Lead>* copy) const {
  if (info_.context_mode != ContextMode::kCurrent || info_.scoring_context.empty()) return leads;
  *copy = leads;
  for (Lead& lead : *copy) ApplyContext(info_.scoring_context, &lead);
  return *copy;
}

Result<std::vector<float>> Model::PredictEncoded(const std::vector<float>& rows) const {
  const size_t cols = encoder_.feature_count();
  LS_ASSIGN_OR_RETURN(std::vector<float> scores,
                      booster_.Predict(rows.data(), rows.size() / cols, cols,
                                       PredictKind::kProbability));
  calibration_.ApplyAll(&scores);
  return scores;
}

Result<std::vector<float>> Model::Predict(const std::vector<Lead>& leads) const {
  std::vector<Lead> copy;
  return PredictEncoded(encoder_.EncodeAll(InContext(leads, &copy)));
}

Result<std::vector<ScoredLead>> Model::Explain(const std::vector<Lead>& leads,
                                               bool approximate) const {
  const size_t cols = encoder_.feature_count();
  std::vector<Lead> copy;
  std::vector<float> rows = encoder_.EncodeAll(InContext(leads, &copy));
  LS_ASSIGN_OR_RETURN(std::vector<float> scores, PredictEncoded(rows));
  LS_ASSIGN_OR_RETURN(std::vector<float> contributions,
                      booster_.Contributions(rows.data(), leads.size(), cols, approximate));
  if (contributions.size() != leads.size() * (cols + 1)) {
    return Status::Internal("XGBoost returned contributions of an unexpected shape");
  }
  std::vector<ScoredLead> out(leads.size());
  for (size_t i = 0; i < leads.size(); ++i) {
    out[i].score = scores[i];
    out[i].reasons = TopReasons(encoder_, leads[i], &contributions[i * (cols + 1)]);
  }
  return out;
}

}  // namespace leadscore::ml
