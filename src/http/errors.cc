#include "http/errors.h"

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

nlohmann::json ErrorBody(int http_code, const Status& status, const nlohmann::json& details) {
  std::string message = status.message();
  if (http_code == 500) message = "something went wrong on the server; it has been logged";
  nlohmann::json error = {{"code", ErrorNameOf(http_code, status)}, {"message", message}};
  if (!details.is_null()) error["details"] = details;
  return {{"error", std::move(error)}};
}

}  // namespace leadscore::http
