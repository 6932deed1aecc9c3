// The route table of the API: every route with its method, pattern, role and body, in one
// readable list (api_routes.cc). docs/openapi.yaml documents the same routes.
#pragma once

#include <vector>

#include "http/api_services.h"
#include "http/metrics.h"
#include "http/route.h"

namespace leadscore::http {

// The routes, bound to `services` and `metrics` (both must outlive the routes).
std::vector<Route> ApiRoutes(ApiServices& services, const Metrics& metrics);

}  // namespace leadscore::http
