// Handlers of scoring jobs, model versions and what-if scoring.
#include <string>

#include "http/errors.h"
#include "http/handlers.h"
#include "http/json_mapping.h"
#include "http/request_parsing.h"

namespace leadscore::http {
namespace {

constexpr int64_t kMaxId = int64_t{1} << 53;

nlohmann::json JobJson(const Job& job) {
  std::string state(JobStateName(job.state));
  if (job.state == JobState::kDone) state = "succeeded";
  return {{"id", job.id},
          {"kind", job.kind},
          {"state", state},
          {"done", job.done},
          {"total", job.total},
          {"message", job.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(job.error)},
          {"started_at", job.started_at > 0 ? TimeJson(job.started_at) : nlohmann::json(nullptr)},
          {"finished_at", TimeJson(job.finished_at)}};
}

}  // namespace

Result<Reply> RefreshScores(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(Job job, s.scoring.StartRefresh(ctx.caller->user.username));
  return Reply::Json({{"job", JobJson(job)}}, 202);
}

Result<Reply> GetJob(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_ASSIGN_OR_RETURN(Job job, s.scoring.GetJob(id));
  return Reply::Json({{"job", JobJson(job)}});
}

Result<Reply> ListModels(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(std::vector<ModelVersion> versions, s.training.ListVersions());
  nlohmann::json items = nlohmann::json::array();
  for (const ModelVersion& v : versions) items.push_back(ModelVersionJson(v));
  return Reply::Json({{"items", std::move(items)}});
}

Result<Reply> TrainModel(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body, /*allow_empty=*/true));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"use_duration", "resampling", "seed"}));
  TrainRequest request;
  request.by = ctx.caller->user.username;
  LS_ASSIGN_OR_RETURN(std::optional<bool> use_duration, OptionalBool(body, "use_duration"));
  request.options.allow_leakage = use_duration.value_or(false);
  LS_ASSIGN_OR_RETURN(std::optional<std::string> resampling,
                      OptionalString(body, "resampling", 16));
  if (resampling) {
    auto parsed = ml::ParseResampling(*resampling);
    if (!parsed.ok()) {
      return Status::InvalidArgument("resampling must be auto, smote, weight or none")
          .With("resampling_unknown");
    }
    request.options.resampling = *parsed;
  }
  LS_ASSIGN_OR_RETURN(std::optional<int64_t> seed, OptionalInt(body, "seed", 0, kMaxId));
  if (seed) request.options.seed = static_cast<uint64_t>(*seed);
  LS_ASSIGN_OR_RETURN(TrainOutcome outcome, s.training.TrainFromStore(request));
  return Reply::Json(
      {{"model", ModelVersionJson(outcome.version)},
       {"activated", outcome.activated},
       {"activation_note", outcome.activation_note},
       {"activation",
        {{"code", outcome.activation_code}, {"params", ParamsJson(outcome.activation_params)}}}},
      201);
}

Result<Reply> GetModel(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_ASSIGN_OR_RETURN(ModelVersion version, s.training.GetVersion(id));
  return Reply::Json({{"model", ModelVersionJson(version)}});
}

Result<Reply> ActivateModel(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_ASSIGN_OR_RETURN(ModelVersion version, s.training.Activate(id));
  return Reply::Json({{"model", ModelVersionJson(version)}});
}

Result<Reply> ModelCurves(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_ASSIGN_OR_RETURN(nlohmann::json curves, s.training.Curves(id));
  return Reply::Json(std::move(curves));
}

Result<Reply> ScoreWhatIf(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"fields"}));
  auto fields = body.find("fields");
  if (fields == body.end() || !fields->is_object()) {
    return Status::InvalidArgument("fields must be an object of column values")
        .With("param_not_object", {{"field", std::string("fields")}});
  }
  LeadInput input;
  LS_ASSIGN_OR_RETURN(input.fields, ParseLeadFields(*fields));
  input.name = "what-if";
  LS_ASSIGN_OR_RETURN(Lead lead, s.leads.BuildLead(input));
  LS_ASSIGN_OR_RETURN(LeadScore scored, s.scoring.Score(lead));
  return Reply::Json(scored.ToJson());
}

}  // namespace leadscore::http
