#include "http/api_routes.h"

#include "http/handlers.h"

namespace leadscore::http {
namespace {

constexpr size_t kJsonLimit = size_t{1} << 20;         // 1 MiB
constexpr size_t kSegmentLimit = size_t{16} << 20;     // a customer CSV inside JSON
constexpr size_t kImportLimit = size_t{64} << 20;      // an uploaded lead file

using Fn = Result<Reply> (*)(ApiServices&, RequestContext&);

Route R(const char* method, const char* pattern, Access access, ApiServices& s, Fn fn,
        BodyKind body = BodyKind::kNone, size_t max_body = kJsonLimit) {
  return Route{method, pattern, access, [&s, fn](RequestContext& ctx) { return fn(s, ctx); },
               body, max_body, ""};
}

// A route that also takes an API token with `scope` (route.h).
Route WithToken(const char* scope, Route route) {
  route.token_scope = scope;
  return route;
}

}  // namespace

std::vector<Route> ApiRoutes(ApiServices& s, const Metrics& metrics) {
  using enum Access;
  constexpr BodyKind kJson = BodyKind::kJson;
  constexpr BodyKind kCsv = BodyKind::kCsv;
  std::vector<Route> routes = {
      // Sign-in
      R("POST", "/api/auth/login", kNone, s, Login, kJson),
      R("POST", "/api/auth/logout", kNone, s, Logout),
      R("GET", "/api/me", kSignedIn, s, Me),
      R("POST", "/api/me/password", kSignedIn, s, ChangeOwnPassword, kJson),
      R("GET", "/api/me/performance", kSales, s, MyPerformance),
      R("GET", "/api/info", kNone, s, Info),
      // Users and activity monitoring
      R("GET", "/api/users", kAdmin, s, ListUsers),
      R("POST", "/api/users", kAdmin, s, CreateUser, kJson),
      R("GET", "/api/users/{id}", kAdmin, s, GetUser),
      R("PATCH", "/api/users/{id}", kAdmin, s, UpdateUser, kJson),
      R("DELETE", "/api/users/{id}", kAdmin, s, DeleteUser),
      R("GET", "/api/users/{id}/performance", kAdmin, s, UserPerformance),
      R("GET", "/api/performance", kAdmin, s, TeamPerformance),
      R("GET", "/api/activity", kAdmin, s, ListActivity),
      // Leads
      R("GET", "/api/leads", kAdminOrSales, s, ListLeads),
      R("POST", "/api/leads", kAdmin, s, CreateLead, kJson),
      R("POST", "/api/leads/import", kAdmin, s, ImportLeads, kCsv, kImportLimit),
      R("GET", "/api/leads/export", kAdmin, s, ExportLeads),
      R("GET", "/api/leads/stats", kAdminOrSales, s, LeadStatistics),
      R("GET", "/api/leads/{id}", kAdminOrSales, s, GetLead),
      // An admin edits a lead; a sales person may only mark it do-not-call (the handler checks).
      R("PATCH", "/api/leads/{id}", kAdminOrSales, s, UpdateLead, kJson),
      R("DELETE", "/api/leads/{id}", kAdmin, s, DeleteLead),
      R("POST", "/api/leads/{id}/status", kSales, s, ChangeLeadStatus, kJson),
      R("POST", "/api/leads/{id}/attempts", kSales, s, RecordAttempt, kJson),
      R("POST", "/api/leads/{id}/assign", kAdmin, s, AssignLead, kJson),
      R("POST", "/api/leads/{id}/undo", kSales, s, UndoLeadStatus),
      R("POST", "/api/leads/{id}/revert", kAdmin, s, RevertLead, kJson),
      R("GET", "/api/lead-fields", kSignedIn, s, LeadFields),
      // Scoring and models
      R("POST", "/api/scoring/refresh", kAdminOrSales, s, RefreshScores),
      R("GET", "/api/jobs/{id}", kAdminOrSales, s, GetJob),
      R("GET", "/api/models", kAdmin, s, ListModels),
      R("POST", "/api/models/train", kAdmin, s, TrainModel, kJson),
      R("GET", "/api/models/{id}", kAdmin, s, GetModel),
      R("POST", "/api/models/{id}/activate", kAdmin, s, ActivateModel),
      R("GET", "/api/models/{id}/curves", kAdmin, s, ModelCurves),
      WithToken("score", R("POST", "/api/score", kAdminOrSales, s, ScoreWhatIf, kJson)),
      // Segments
      R("GET", "/api/segments", kAdminOrSales, s, ListSegmentations),
      R("POST", "/api/segments", kAdmin, s, BuildSegmentation, kJson, kSegmentLimit),
      R("GET", "/api/segments/features", kAdmin, s, SegmentFeatures),
      R("GET", "/api/segments/{id}", kAdminOrSales, s, GetSegmentation),
      WithToken("predict",
                R("POST", "/api/segments/{id}/predict", kAdminOrSales, s, PredictSegment, kJson)),
      WithToken("predict", R("POST", "/predict", kSignedIn, s, PredictDefault, kJson)),
      // API tokens for pages and systems outside the portal
      R("GET", "/api/tokens", kAdmin, s, ListTokens),
      R("POST", "/api/tokens", kAdmin, s, CreateToken, kJson),
      R("DELETE", "/api/tokens/{id}", kAdmin, s, RevokeToken),
      // Settings
      R("GET", "/api/settings/grade-bands", kAdmin, s, GetGradeBands),
      R("PUT", "/api/settings/grade-bands", kAdmin, s, PutGradeBands, kJson),
      R("GET", "/api/settings/campaign", kAdmin, s, GetCampaignSetting),
      R("PUT", "/api/settings/campaign", kAdmin, s, PutCampaignSetting, kJson),
      R("GET", "/api/settings/follow-up", kAdmin, s, GetFollowUpSetting),
      R("PUT", "/api/settings/follow-up", kAdmin, s, PutFollowUpSetting, kJson),
      // Campaign history (training data, never listed)
      R("GET", "/api/history", kAdmin, s, GetHistory),
      R("POST", "/api/history/import", kAdmin, s, ImportHistoryFile, kCsv, kImportLimit),
      // Live updates: an event stream of the data version, held open by the transport
      R("GET", "/api/events", kSignedIn, s, Events),
      // Operations
      R("GET", "/healthz", kNone, s, Health),
  };
  routes.push_back(Route{"GET", "/metrics", s.facts.public_metrics ? kNone : kAdmin,
                         [&s, &metrics](RequestContext& ctx) { return MetricsText(s, metrics, ctx); },
                         BodyKind::kNone, kJsonLimit, ""});
  return routes;
}

}  // namespace leadscore::http
