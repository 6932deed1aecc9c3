// Handlers of customer segmentation. Input is validated here; the work is the segmentation
// service's, reached through ApiServices::segments.
#include <string>

#include "http/handlers.h"
#include "http/request_parsing.h"

namespace leadscore::http {
namespace {

Status NotYet() { return Status::Unavailable("segmentation is not available yet"); }

}  // namespace

Result<Reply> ListSegmentations(ApiServices& s, RequestContext& ctx) {
  if (!s.segments.list) return NotYet();
  LS_ASSIGN_OR_RETURN(nlohmann::json items, s.segments.list());
  return Reply::Json({{"items", std::move(items)}});
}

Result<Reply> BuildSegmentation(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"name", "source", "features", "k", "csv", "make_default"}));
  LS_ASSIGN_OR_RETURN(std::optional<std::string> name, OptionalString(body, "name", 100));
  LS_ASSIGN_OR_RETURN(std::string source, RequiredString(body, "source", 8));
  if (source != "leads" && source != "csv") {
    return Status::InvalidArgument("source must be leads or csv");
  }
  auto features = body.find("features");
  if (features == body.end() || !features->is_array() || features->empty() ||
      features->size() > 10) {
    return Status::InvalidArgument("features must be a list of 1 to 10 column names");
  }
  for (const auto& f : *features) {
    if (!f.is_string() || f.get_ref<const std::string&>().empty() ||
        f.get_ref<const std::string&>().size() > 100) {
      return Status::InvalidArgument("each feature must be a column name");
    }
  }
  LS_ASSIGN_OR_RETURN(std::optional<int64_t> k, OptionalInt(body, "k", 1, 10));
  LS_ASSIGN_OR_RETURN(std::optional<std::string> csv, OptionalString(body, "csv", 16u << 20));
  if (source == "csv" && (!csv || csv->empty())) {
    return Status::InvalidArgument("csv (the file's text) is required with source csv");
  }
  if (source == "leads" && csv) return Status::InvalidArgument("csv goes only with source csv");
  LS_ASSIGN_OR_RETURN(std::optional<bool> make_default, OptionalBool(body, "make_default"));
  if (!s.segments.build) return NotYet();
  body["by"] = ctx.caller->user.username;
  (void)make_default;
  (void)name;
  (void)k;
  LS_ASSIGN_OR_RETURN(nlohmann::json built, s.segments.build(body));
  return Reply::Json({{"segmentation", std::move(built)}}, 201);
}

Result<Reply> GetSegmentation(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  if (!s.segments.detail) return NotYet();
  LS_ASSIGN_OR_RETURN(nlohmann::json detail, s.segments.detail(id));
  return Reply::Json({{"segmentation", std::move(detail)}});
}

Result<Reply> PredictSegment(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"values"}));
  auto values = body.find("values");
  if (values == body.end() || !values->is_object() || values->empty() || values->size() > 10) {
    return Status::InvalidArgument("values must be an object of feature name to number");
  }
  for (const auto& [name, v] : values->items()) {
    LS_ASSIGN_OR_RETURN(double number, RequiredNumber(*values, name, -1e12, 1e12));
    (void)number;
  }
  if (!s.segments.predict) return NotYet();
  LS_ASSIGN_OR_RETURN(nlohmann::json prediction, s.segments.predict(id, *values));
  return Reply::Json(std::move(prediction));
}

Result<Reply> PredictDefault(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"annual_income", "spending_score"}));
  LS_ASSIGN_OR_RETURN(double income, RequiredNumber(body, "annual_income", 0, 1e9));
  LS_ASSIGN_OR_RETURN(double spending, RequiredNumber(body, "spending_score", 0, 100));
  if (!s.segments.predict_default) return NotYet();
  LS_ASSIGN_OR_RETURN(nlohmann::json prediction, s.segments.predict_default(income, spending));
  return Reply::Json(std::move(prediction));
}

}  // namespace leadscore::http
