// Handlers of the portal-wide settings an admin changes: the grade bands.
#include <optional>
#include <string>
#include <vector>

#include "http/handlers.h"
#include "http/json_mapping.h"
#include "http/request_parsing.h"

namespace leadscore::http {
namespace {

// {"bands": [a, b, c] | null, "mode": "fixed" | "quartiles", "updated_at", "updated_by"}
nlohmann::json GradeBandsJson(const GradeBands& g) {
  return {{"bands", g.bands ? nlohmann::json(*g.bands) : nlohmann::json(nullptr)},
          {"mode", g.bands ? "fixed" : "quartiles"},
          {"updated_at", g.updated_at > 0 ? TimeJson(g.updated_at) : nlohmann::json(nullptr)},
          {"updated_by",
           g.updated_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(g.updated_by)}};
}

// The body's "bands": three numbers, or null for the quartiles. Their order and range are the
// service's to check.
Result<std::optional<std::vector<double>>> ParseBands(const nlohmann::json& body) {
  using Out = std::optional<std::vector<double>>;
  const auto it = body.find("bands");
  if (it == body.end()) {
    return Status::InvalidArgument("bands is required: three numbers (A, B, C cut-offs) or null");
  }
  if (it->is_null()) return Out();
  if (!it->is_array() || it->size() != 3) {
    return Status::InvalidArgument("bands must be an array of three numbers, or null");
  }
  std::vector<double> bands;
  for (const auto& b : *it) {
    if (!b.is_number()) return Status::InvalidArgument("bands must hold numbers only");
    bands.push_back(b.get<double>());
  }
  return Out(std::move(bands));
}

}  // namespace

Result<Reply> GetGradeBands(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(GradeBands bands, s.scoring.GetGradeBands());
  return Reply::Json(GradeBandsJson(bands));
}

Result<Reply> PutGradeBands(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"bands"}));
  LS_ASSIGN_OR_RETURN(std::optional<std::vector<double>> bands, ParseBands(body));
  LS_ASSIGN_OR_RETURN(GradeBands saved,
                      s.scoring.SetGradeBands(std::move(bands), ctx.caller->user.username));
  nlohmann::json out = GradeBandsJson(saved);
  out["regraded"] = saved.regraded;
  return Reply::Json(std::move(out));
}

}  // namespace leadscore::http
