// The API's handlers, one function per route, grouped by file (auth_handlers.cc,
// user_handlers.cc, lead_handlers.cc, scoring_handlers.cc, segment_handlers.cc,
// settings_handlers.cc, token_handlers.cc, ops_handlers.cc). Each validates its input, calls one
// service function and maps the result; sessions and roles (or API tokens) are checked by the
// router before it runs (see api_routes.cc).
#pragma once

#include "http/api_services.h"
#include "http/metrics.h"
#include "http/route.h"

namespace leadscore::http {

// auth_handlers.cc
Result<Reply> Login(ApiServices& s, RequestContext& ctx);
Result<Reply> Logout(ApiServices& s, RequestContext& ctx);
Result<Reply> Me(ApiServices& s, RequestContext& ctx);
Result<Reply> ChangeOwnPassword(ApiServices& s, RequestContext& ctx);
Result<Reply> Info(ApiServices& s, RequestContext& ctx);

// user_handlers.cc
Result<Reply> ListUsers(ApiServices& s, RequestContext& ctx);
Result<Reply> CreateUser(ApiServices& s, RequestContext& ctx);
Result<Reply> GetUser(ApiServices& s, RequestContext& ctx);
Result<Reply> UpdateUser(ApiServices& s, RequestContext& ctx);
Result<Reply> DeleteUser(ApiServices& s, RequestContext& ctx);
Result<Reply> MyPerformance(ApiServices& s, RequestContext& ctx);
Result<Reply> UserPerformance(ApiServices& s, RequestContext& ctx);
Result<Reply> TeamPerformance(ApiServices& s, RequestContext& ctx);
Result<Reply> ListActivity(ApiServices& s, RequestContext& ctx);

// lead_handlers.cc
Result<Reply> ListLeads(ApiServices& s, RequestContext& ctx);
Result<Reply> LeadStatistics(ApiServices& s, RequestContext& ctx);
Result<Reply> GetLead(ApiServices& s, RequestContext& ctx);
Result<Reply> ChangeLeadStatus(ApiServices& s, RequestContext& ctx);
Result<Reply> RecordAttempt(ApiServices& s, RequestContext& ctx);
Result<Reply> CreateLead(ApiServices& s, RequestContext& ctx);
Result<Reply> UpdateLead(ApiServices& s, RequestContext& ctx);
Result<Reply> DeleteLead(ApiServices& s, RequestContext& ctx);
Result<Reply> AssignLead(ApiServices& s, RequestContext& ctx);
Result<Reply> UndoLeadStatus(ApiServices& s, RequestContext& ctx);
Result<Reply> RevertLead(ApiServices& s, RequestContext& ctx);
Result<Reply> ImportLeads(ApiServices& s, RequestContext& ctx);
Result<Reply> ExportLeads(ApiServices& s, RequestContext& ctx);
Result<Reply> LeadFields(ApiServices& s, RequestContext& ctx);

// scoring_handlers.cc
Result<Reply> RefreshScores(ApiServices& s, RequestContext& ctx);
Result<Reply> GetJob(ApiServices& s, RequestContext& ctx);
Result<Reply> ListModels(ApiServices& s, RequestContext& ctx);
Result<Reply> TrainModel(ApiServices& s, RequestContext& ctx);
Result<Reply> GetModel(ApiServices& s, RequestContext& ctx);
Result<Reply> ActivateModel(ApiServices& s, RequestContext& ctx);
Result<Reply> ModelCurves(ApiServices& s, RequestContext& ctx);
Result<Reply> ScoreWhatIf(ApiServices& s, RequestContext& ctx);

// segment_handlers.cc
Result<Reply> ListSegmentations(ApiServices& s, RequestContext& ctx);
Result<Reply> BuildSegmentation(ApiServices& s, RequestContext& ctx);
Result<Reply> SegmentFeatures(ApiServices& s, RequestContext& ctx);
Result<Reply> GetSegmentation(ApiServices& s, RequestContext& ctx);
Result<Reply> PredictSegment(ApiServices& s, RequestContext& ctx);
Result<Reply> PredictDefault(ApiServices& s, RequestContext& ctx);

// token_handlers.cc
Result<Reply> ListTokens(ApiServices& s, RequestContext& ctx);
Result<Reply> CreateToken(ApiServices& s, RequestContext& ctx);
Result<Reply> RevokeToken(ApiServices& s, RequestContext& ctx);

// settings_handlers.cc
Result<Reply> GetGradeBands(ApiServices& s, RequestContext& ctx);
Result<Reply> PutGradeBands(ApiServices& s, RequestContext& ctx);
Result<Reply> GetCampaignSetting(ApiServices& s, RequestContext& ctx);
Result<Reply> PutCampaignSetting(ApiServices& s, RequestContext& ctx);
Result<Reply> GetFollowUpSetting(ApiServices& s, RequestContext& ctx);
Result<Reply> PutFollowUpSetting(ApiServices& s, RequestContext& ctx);
Result<Reply> GetHistory(ApiServices& s, RequestContext& ctx);
Result<Reply> ImportHistoryFile(ApiServices& s, RequestContext& ctx);

// ops_handlers.cc
// GET /api/events: the live event stream of the data version (event_hub.h).
Result<Reply> Events(ApiServices& s, RequestContext& ctx);
Result<Reply> Health(ApiServices& s, RequestContext& ctx);
Result<Reply> MetricsText(ApiServices& s, const Metrics& metrics, RequestContext& ctx);

}  // namespace leadscore::http
