#include "http/errors.h"

#include <variant>

namespace leadscore::http {

int HttpCodeOf(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kConflict: return 409;
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kResourceExhausted: return 429;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

std::string ErrorNameOf(int http_code, const Status& status) {
  switch (http_code) {
    case 400: return "invalid_argument";
    case 401: return "unauthenticated";
    case 403: return "permission_denied";
    case 404: return "not_found";
    case 409:
      return status.code() == StatusCode::kFailedPrecondition ? "failed_precondition" : "conflict";
    case 413: return "payload_too_large";
    case 415: return "unsupported_media_type";
    case 429: return "too_many_requests";
    case 503: return "unavailable";
    default: return http_code >= 500 ? "internal" : "invalid_argument";
  }
}

nlohmann::json ParamsJson(const std::vector<StatusParam>& list) {
  nlohmann::json params = nlohmann::json::object();
  for (const StatusParam& param : list) {
    std::visit([&](const auto& value) { params[param.name] = value; }, param.value);
  }
  return params;
}

nlohmann::json ErrorBody(int http_code, const Status& status, const nlohmann::json& details) {
  const std::string kind = ErrorNameOf(http_code, status);
  nlohmann::json error;
  if (http_code == 500) {
    error = {{"code", kind},
             {"params", nlohmann::json::object()},
             {"message", "something went wrong on the server; it has been logged"}};
  } else {
    error = {{"code", status.reason().empty() ? kind : status.reason()},
             {"params", ParamsJson(status)},
             {"message", status.message()}};
  }
  error["kind"] = kind;
  if (!details.is_null()) error["details"] = details;
  return {{"error", std::move(error)}};
}

}  // namespace leadscore::http
