// Handlers of the API tokens an admin gives pages and systems outside the portal: list, create
// (the token's text is in this one answer only) and revoke.
#include <string>
#include <vector>

#include "http/handlers.h"
#include "http/json_mapping.h"
#include "http/request_parsing.h"

namespace leadscore::http {
namespace {

// docs/openapi.yaml ApiToken: never the token's text nor its hash.
nlohmann::json ApiTokenJson(const ApiToken& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"hint", t.hint},
          {"scopes", t.scopes},
          {"created_at", TimeJson(t.created_at)},
          {"created_by", t.created_by},
          {"last_used_at", TimeJson(t.last_used_at)},
          {"revoked_at", TimeJson(t.revoked_at)},
          {"active", !t.revoked_at.has_value()}};
}

}  // namespace

Result<Reply> ListTokens(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(std::vector<ApiToken> tokens, s.auth.ListApiTokens());
  nlohmann::json items = nlohmann::json::array();
  for (const ApiToken& t : tokens) items.push_back(ApiTokenJson(t));
  return Reply::Json({{"items", std::move(items)}});
}

Result<Reply> CreateToken(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"name", "scopes"}));
  LS_ASSIGN_OR_RETURN(std::string name, RequiredString(body, "name", 100));
  auto scopes = body.find("scopes");
  if (scopes == body.end() || !scopes->is_array() || scopes->empty() || scopes->size() > 10) {
    return Status::InvalidArgument("scopes must be a list of predict and/or score")
        .With("token_scopes_required");
  }
  std::vector<std::string> names;
  for (const auto& scope : *scopes) {
    if (!scope.is_string())
      return Status::InvalidArgument("scopes must hold scope names").With("token_scopes_required");
    names.push_back(scope.get<std::string>());
  }
  LS_ASSIGN_OR_RETURN(CreatedApiToken created,
                      s.auth.CreateApiToken(name, names, ctx.caller->user.username));
  nlohmann::json answer = {{"token", ApiTokenJson(created.token)}, {"secret", created.secret}};
  return Reply::Json(std::move(answer), 201);
}

Result<Reply> RevokeToken(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_RETURN_IF_ERROR(s.auth.RevokeApiToken(id));
  return Reply::NoContent();
}

}  // namespace leadscore::http
