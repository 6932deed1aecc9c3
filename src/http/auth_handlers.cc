// Handlers of sign-in and of the caller's own account.
#include <string>

#include "http/handlers.h"
#include "http/errors.h"
#include "http/json_mapping.h"
#include "http/request_parsing.h"
#include "http/router.h"

namespace leadscore::http {

namespace {

// The error answer of a failed password check: 429 with Retry-After (whole seconds, rounded up)
// when it was throttled, else the status for the router to map.
Result<Reply> FailedCheck(const LoginOutcome& outcome) {
  if (outcome.status.code() != StatusCode::kResourceExhausted) return outcome.status;
  Reply reply = Reply::Json(ErrorBody(429, outcome.status), 429);
  reply.headers.emplace_back("Retry-After", std::to_string((outcome.retry_after + 999) / 1000));
  return reply;
}

}  // namespace

Result<Reply> Login(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"username", "password"}));
  LS_ASSIGN_OR_RETURN(std::string username, RequiredString(body, "username", 64));
  LS_ASSIGN_OR_RETURN(std::string password, RequiredString(body, "password", 256));
  LoginOutcome outcome = s.auth.Login(username, password, ctx.request.remote_addr);
  if (!outcome.status.ok()) return FailedCheck(outcome);
  Reply reply = Reply::Json({{"user", UserJson(outcome.signed_in.user)}});
  reply.headers.emplace_back(
      "Set-Cookie", SessionCookie(outcome.signed_in.token, s.auth.options().session_ttl,
                                  s.facts.secure_cookie));
  return reply;
}

Result<Reply> Logout(ApiServices& s, RequestContext& ctx) {
  LS_RETURN_IF_ERROR(s.auth.Logout(ctx.session_token));
  Reply reply = Reply::NoContent();
  reply.headers.emplace_back("Set-Cookie", ClearedSessionCookie(s.facts.secure_cookie));
  return reply;
}

Result<Reply> Me(ApiServices& s, RequestContext& ctx) {
  return Reply::Json({{"user", UserJson(ctx.caller->user)}});
}

Result<Reply> ChangeOwnPassword(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"current_password", "new_password"}));
  LS_ASSIGN_OR_RETURN(std::string current, RequiredString(body, "current_password", 256));
  LS_ASSIGN_OR_RETURN(std::string next, RequiredString(body, "new_password", 256));
  LoginOutcome outcome =
      s.auth.ChangePassword(*ctx.caller, current, next, ctx.request.remote_addr);
  if (!outcome.status.ok()) return FailedCheck(outcome);
  Reply reply = Reply::NoContent();
  reply.headers.emplace_back("Set-Cookie", SessionCookie(outcome.signed_in.token,
                                                         s.auth.options().session_ttl,
                                                         s.facts.secure_cookie));
  return reply;
}

Result<Reply> Info(ApiServices& s, RequestContext& ctx) {
  return Reply::Json({{"version", s.facts.version},
                      {"demo", s.facts.demo},
                      {"now", TimeJson(s.clock.NowMs())},
                      {"clock_offset_hours", s.facts.clock_offset_hours},
                      {"reject_period_hours",
                       static_cast<double>(s.leads.options().reject_period) / kMsPerHour},
                      {"database", std::string(s.store.engine())}});
}

}  // namespace leadscore::http
