// Handlers of account management, performance and the activity log.
#include <string>

#include "core/lead_workflow.h"
#include "http/handlers.h"
#include "http/json_mapping.h"
#include "http/request_parsing.h"

namespace leadscore::http {
namespace {

Result<std::optional<Role>> OptionalRole(const nlohmann::json& body) {
  LS_ASSIGN_OR_RETURN(std::optional<std::string> name, OptionalString(body, "role", 16));
  if (!name) return std::optional<Role>();
  std::optional<Role> role = ParseRole(*name);
  if (!role) return Status::InvalidArgument("role must be admin or sales").With("role_unknown");
  return role;
}

Result<int> Days(const Request& req) {
  LS_ASSIGN_OR_RETURN(std::optional<int64_t> days, QueryInt(req, "days", 1, 366));
  return static_cast<int>(days.value_or(30));
}

}  // namespace

Result<Reply> ListUsers(ApiServices& s, RequestContext& ctx) {
  UserFilter filter;
  LS_ASSIGN_OR_RETURN(std::optional<std::string> role, QueryString(ctx.request, "role", 16));
  if (role) {
    filter.role = ParseRole(*role);
    if (!filter.role) {
      return Status::InvalidArgument("role must be admin or sales").With("role_unknown");
    }
  }
  LS_ASSIGN_OR_RETURN(filter.active, QueryBool(ctx.request, "active"));
  LS_ASSIGN_OR_RETURN(std::vector<User> users, s.users.List(filter));
  nlohmann::json items = nlohmann::json::array();
  for (const User& u : users) items.push_back(UserJson(u));
  return Reply::Json({{"items", std::move(items)}});
}

Result<Reply> CreateUser(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"username", "display_name", "role", "password"}));
  NewUser request;
  LS_ASSIGN_OR_RETURN(request.username, RequiredString(body, "username", 64));
  LS_ASSIGN_OR_RETURN(request.display_name, RequiredString(body, "display_name", 200));
  LS_ASSIGN_OR_RETURN(std::optional<Role> role, OptionalRole(body));
  request.role = role.value_or(Role::kSales);
  LS_ASSIGN_OR_RETURN(request.password, OptionalString(body, "password", 1024));
  LS_ASSIGN_OR_RETURN(CreatedUser created, s.users.Create(request));
  return Reply::Json(
      {{"user", UserJson(created.user)},
       {"generated_password", created.generated_password ? nlohmann::json(*created.generated_password)
                                                         : nlohmann::json(nullptr)}},
      201);
}

Result<Reply> GetUser(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_ASSIGN_OR_RETURN(User user, s.users.Get(id));
  return Reply::Json({{"user", UserJson(user)}});
}

Result<Reply> UpdateUser(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(ctx.body));
  LS_RETURN_IF_ERROR(CheckKeys(body, {"display_name", "role", "active", "password"}));
  UserPatch patch;
  LS_ASSIGN_OR_RETURN(patch.display_name, OptionalString(body, "display_name", 200));
  LS_ASSIGN_OR_RETURN(patch.role, OptionalRole(body));
  LS_ASSIGN_OR_RETURN(patch.active, OptionalBool(body, "active"));
  LS_ASSIGN_OR_RETURN(patch.password, OptionalString(body, "password", 1024));
  LS_ASSIGN_OR_RETURN(User user, s.users.Update(ctx.caller->user.id, id, patch));
  return Reply::Json({{"user", UserJson(user)}});
}

Result<Reply> DeleteUser(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_RETURN_IF_ERROR(s.users.Delete(ctx.caller->user.id, id));
  return Reply::NoContent();
}

Result<Reply> MyPerformance(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int days, Days(ctx.request));
  LS_ASSIGN_OR_RETURN(Performance perf, s.activity.PerformanceOf(ctx.caller->user.id, days));
  return Reply::Json(PerformanceJson(perf, s.activity.options().utc_offset));
}

Result<Reply> UserPerformance(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int64_t id, PathId(ctx));
  LS_ASSIGN_OR_RETURN(int days, Days(ctx.request));
  LS_ASSIGN_OR_RETURN(Performance perf, s.activity.PerformanceOf(id, days));
  return Reply::Json(PerformanceJson(perf, s.activity.options().utc_offset));
}

Result<Reply> TeamPerformance(ApiServices& s, RequestContext& ctx) {
  LS_ASSIGN_OR_RETURN(int days, Days(ctx.request));
  LS_ASSIGN_OR_RETURN(std::vector<TeamRow> rows, s.activity.Team(days));
  nlohmann::json items = nlohmann::json::array();
  for (const TeamRow& row : rows) items.push_back(TeamRowJson(row));
  return Reply::Json({{"items", std::move(items)}});
}

Result<Reply> ListActivity(ApiServices& s, RequestContext& ctx) {
  const auto& req = ctx.request;
  ActivityQuery query;
  LS_ASSIGN_OR_RETURN(query.user_id, QueryInt(req, "user_id", 1, int64_t{1} << 53));
  LS_ASSIGN_OR_RETURN(query.lead_id, QueryInt(req, "lead_id", 1, int64_t{1} << 53));
  LS_ASSIGN_OR_RETURN(query.from, QueryTime(req, "from"));
  LS_ASSIGN_OR_RETURN(query.to, QueryTime(req, "to"));
  LS_ASSIGN_OR_RETURN(std::optional<int64_t> page, QueryInt(req, "page", 1, kMaxPage));
  LS_ASSIGN_OR_RETURN(std::optional<int64_t> size, QueryInt(req, "size", 1, kMaxPageSize));
  query.limit = size.value_or(kDefaultPageSize);
  query.offset = (page.value_or(1) - 1) * query.limit;
  LS_ASSIGN_OR_RETURN(ActivityPage result, s.activity.List(query));
  nlohmann::json items = nlohmann::json::array();
  for (const ActivityEntry& e : result.entries) items.push_back(ActivityJson(e));
  return Reply::Json({{"items", std::move(items)},
                      {"total", result.total},
                      {"page", page.value_or(1)},
                      {"size", query.limit}});
}

}  // namespace leadscore::http
