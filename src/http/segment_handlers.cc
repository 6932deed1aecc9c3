// Handlers of customer segmentation: list, build, detail, predict, and /predict on the default
// Annual Income x Spending Score segmentation (or Age x Annual Income x Spending Score when an
// age is given and such a segmentation exists).
#include <map>
#include <optional>
#include <string>

#include "http/handlers.h"
#include "http/request_parsing.h"

namespace leadscore::http {

Result<Reply> ListSegmentations(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(std::vector<SegmentationInfo> list, s.segments.List());
  nlohmann::json items = nlohmann::json::array();
  for (const SegmentationInfo& info : list) items.push_back(SegmentationSummaryJson(info));
  return Reply::Json({{"items", std::move(items)}});
}

Result<Reply> BuildSegmentation(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"name", "source", "features", "k", "csv", "make_default"}));
  SegmentationRequest request;
  LS_ASSIGN_OR_RETURN(std::optional<std::string> name, OptionalString(body, "name", 100));
  request.name = name.value_or("");
  LS_ASSIGN_OR_RETURN(request.source, RequiredString(body, "source", 8));
  if (request.source != "leads" && request.source != "csv") {
    return Status::InvalidArgument("source must be leads or csv");
  }
  // Without features, a segmentation of the leads uses the columns they have (LeadFeatureChoice).
  auto features = body.find("features");
  const bool chosen = features != body.end() && !(features->is_array() && features->empty());
  if (chosen && (!features->is_array() || features->size() > 10)) {
    return Status::InvalidArgument("features must be a list of 1 to 10 column names");
  }
  if (!chosen && request.source != "leads") {
    return Status::InvalidArgument("features must be a list of 1 to 10 column names");
  }
  for (const auto& f : chosen ? *features : nlohmann::json::array()) {
    if (!f.is_string() || f.get_ref<const std::string&>().empty() ||
        f.get_ref<const std::string&>().size() > 100) {
      return Status::InvalidArgument("each feature must be a column name");
    }
    request.features.push_back(f.get<std::string>());
  }
  LS_ASSIGN_OR_RETURN(std::optional<int64_t> k, OptionalInt(body, "k", 1, 10));
  if (k) request.k = static_cast<int>(*k);
  LS_ASSIGN_OR_RETURN(std::optional<std::string> csv, OptionalString(body, "csv", 16u << 20));
  if (request.source == "csv") {
    if (!csv || csv->empty()) {
      return Status::InvalidArgument("csv (the file's text) is required with source csv");
    }
    request.csv_text = std::move(*csv);
    request.csv_name = "upload";
  } else if (csv) {
    return Status::InvalidArgument("csv goes only with source csv");
  }
  LS_ASSIGN_OR_RETURN(std::optional<bool> make_default, OptionalBool(body, "make_default"));
  request.make_default = make_default.value_or(false);
  request.created_by = ctx.caller->user.username;
  request.threads = 1;  // the server's other requests keep the second core
  LS_ASSIGN_OR_RETURN(SegmentationInfo built, s.segments.Build(request));
  return Reply::Json({{"segmentation", SegmentationDetailJson(built)}}, 201);
}

// The numeric lead columns a segmentation of the leads can use, and the default pair.
Result<Reply> SegmentFeatures(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(LeadFeatureChoice choice, s.segments.LeadFeatures());
  nlohmann::json items = nlohmann::json::array();
  for (const FeatureCandidate& c : choice.candidates) {
    items.push_back({{"name", c.column->name},
                     {"label_en", c.column->label_en},
                     {"label_id", c.column->label_id},
                     {"present", c.present}});
  }
  return Reply::Json({{"leads", choice.leads}, {"items", std::move(items)},
                      {"default", choice.defaults}});
}

Result<Reply> GetSegmentation(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_ASSIGN_OR_RETURN(SegmentationInfo info, s.segments.Get(id));
  return Reply::Json({{"segmentation", SegmentationDetailJson(info)}});
}

Result<Reply> PredictSegment(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"values"}));
  auto values = body.find("values");
  if (values == body.end() || !values->is_object() || values->empty() || values->size() > 10) {
    return Status::InvalidArgument("values must be an object of feature name to number");
  }
  // A feature the field spec knows takes the values it takes everywhere (SegmentFeatureSpec:
  // a bank column, the age, the income, the spending score); any other one a finite number.
  std::map<std::string, double> numbers;
  for (const auto& [name, v] : values->items()) {
    const FieldSpec* spec = SegmentFeatureSpec(name);
    if (spec && spec->numeric()) {
      FieldSpec required = *spec;
      required.required = true;  // every feature of the segmentation needs its value
      LS_ASSIGN_OR_RETURN(std::optional<double> number, SpecNumber(*values, name, required));
      numbers[name] = *number;
    } else {
      if (!v.is_number()) return FieldNotNumber(name, v.is_string() ? v.get<std::string>() : v.dump());
      LS_ASSIGN_OR_RETURN(numbers[name], RequiredNumber(*values, name, -1e12, 1e12));
    }
  }
  LS_ASSIGN_OR_RETURN(SegmentAssignment assignment, s.segments.Predict(id, numbers));
  return Reply::Json(SegmentPredictionJson(assignment));
}

Result<Reply> PredictDefault(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"age", "annual_income", "spending_score"}));
  // The field spec's predictor inputs (core/field_spec.h): the age, optional, takes the range
  // of a lead's age.
  LS_ASSIGN_OR_RETURN(std::optional<double> age,
                      SpecNumber(body, "age", *FindPredictorFieldSpec("age")));
  LS_ASSIGN_OR_RETURN(std::optional<double> income,
                      SpecNumber(body, "annual_income", *FindPredictorFieldSpec("annual_income")));
  LS_ASSIGN_OR_RETURN(std::optional<double> spending, SpecNumber(body, "spending_score",
                                                                 *FindPredictorFieldSpec("spending_score")));
  LS_ASSIGN_OR_RETURN(SegmentAssignment assignment,
                      s.segments.PredictIncomeSpending(*income, *spending, age));
  return Reply::Json(SegmentPredictionJson(assignment));
}

}  // namespace leadscore::http
