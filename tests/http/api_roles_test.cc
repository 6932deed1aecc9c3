// The role matrix over every route of the table: without a session 401, with the wrong role
// 403, and the declared role gets past the gate. The routes come from the route table itself,
// so a new route is covered without editing this test.
#include <regex>
#include <set>

#include "http/api_routes.h"
#include "http/api_test_env.h"

namespace leadscore::http {
namespace {

using RolesApiTest = ApiTest;

std::string Concrete(const std::string& pattern) {
  return std::regex_replace(pattern, std::regex("\\{[a-z_]+\\}"), "1");
}

TEST_P(RolesApiTest, EveryRouteChecksSessionAndRole) {
  Metrics metrics;
  std::vector<Route> routes = ApiRoutes(services_->api(), metrics);
  ASSERT_GE(routes.size(), 41u);
  // The lead statistics are in the table for both roles (and so in the matrix below).
  bool stats_listed = false;
  for (const Route& route : routes) {
    if (route.method == "GET" && route.pattern == "/api/leads/stats") {
      stats_listed = route.access == Access::kAdminOrSales;
    }
  }
  EXPECT_TRUE(stats_listed);
  auto anonymous = Anonymous();
  auto admin = SignIn("admin");
  auto sales = SignIn("ani");
  for (const Route& route : routes) {
    SCOPED_TRACE(route.method + " " + route.pattern);
    const std::string path = Concrete(route.pattern);
    const std::string body = route.body == BodyKind::kCsv ? "" : "{}";
    if (route.body == BodyKind::kCsv) {
      // The CSV route: wrong role before the body is looked at.
      EXPECT_EQ(anonymous.PostRaw(path, "a;b\n1;2\n", "text/csv").status, 401);
      EXPECT_EQ(sales.PostRaw(path, "a;b\n1;2\n", "text/csv").status, 403);
      continue;
    }
    auto as_anonymous = anonymous.Send(route.method, path, body);
    if (route.access == Access::kNone) {
      // Open routes (sign-in, logout, health...) are sent anonymously only: a signed-in call
      // of logout would end the sessions this test goes on with.
      EXPECT_NE(as_anonymous.status, 401);
      EXPECT_NE(as_anonymous.status, 403);
      continue;
    }
    if (route.pattern == "/api/events") {
      // The event stream stays open, so it is not read to its end here: api_events_test.cc
      // opens it signed in, on raw sockets.
      EXPECT_EQ(as_anonymous.status, 401);
      EXPECT_EQ(route.access, Access::kSignedIn);
      continue;
    }
    auto as_admin = admin.Send(route.method, path, body);
    auto as_sales = sales.Send(route.method, path, body);
    switch (route.access) {
      case Access::kNone:
        break;
      case Access::kSignedIn:
      case Access::kAdminOrSales:
        EXPECT_EQ(as_anonymous.status, 401);
        EXPECT_EQ(as_anonymous.json["error"]["kind"], "unauthenticated");
        EXPECT_NE(as_admin.status, 401);
        EXPECT_NE(as_admin.status, 403);
        EXPECT_NE(as_sales.status, 403);
        break;
      case Access::kAdmin:
        EXPECT_EQ(as_anonymous.status, 401);
        EXPECT_EQ(as_sales.status, 403);
        EXPECT_EQ(as_sales.json["error"]["kind"], "permission_denied");
        EXPECT_NE(as_admin.status, 403);
        break;
      case Access::kSales:
        EXPECT_EQ(as_anonymous.status, 401);
        EXPECT_EQ(as_admin.status, 403);
        EXPECT_NE(as_sales.status, 403);
        break;
    }
    // No answer of the API is a bare 500.
    EXPECT_NE(as_admin.status, 500) << as_admin.body;
    EXPECT_NE(as_sales.status, 500) << as_sales.body;
  }
}

TEST_P(RolesApiTest, SettingsRoutesAreInTheTableForAdminsOnly) {
  Metrics metrics;
  std::vector<Route> routes = ApiRoutes(services_->api(), metrics);
  std::set<std::string> settings;
  for (const Route& route : routes) {
    if (route.pattern.rfind("/api/settings/", 0) != 0) continue;
    settings.insert(route.method + " " + route.pattern);
    EXPECT_EQ(route.access, Access::kAdmin) << route.method << " " << route.pattern;
  }
  EXPECT_EQ(settings, (std::set<std::string>{"GET /api/settings/campaign",
                                             "GET /api/settings/follow-up",
                                             "GET /api/settings/grade-bands",
                                             "PUT /api/settings/campaign",
                                             "PUT /api/settings/follow-up",
                                             "PUT /api/settings/grade-bands"}));
}

TEST_P(RolesApiTest, AnAdminCannotChangeALeadsStatus) {
  int64_t lead = AddLead("Dewi");
  auto admin = SignIn("admin");
  auto answer = admin.Post("/api/leads/" + std::to_string(lead) + "/status", {{"status", "contacted"}});
  EXPECT_EQ(answer.status, 403);
  EXPECT_EQ(ActivityCount(), 0);
}

TEST_P(RolesApiTest, UnknownApiPathsAnswerJson404AndAppPathsTheWebApp) {
  auto anonymous = Anonymous();
  auto missing = anonymous.Get("/api/no-such-thing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.json["error"]["kind"], "not_found");
  auto page = anonymous.Get("/leads/12");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<html"), std::string::npos);
  auto health = anonymous.Get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json["database"], "ok");
  EXPECT_EQ(anonymous.Get("/metrics").status, 401);  // admins only (see api_edge_test.cc)
  auto metrics = SignIn("admin").Get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("leadscore_http_requests_total{method=\"GET\",route=\"/healthz\",code=\"200\"} 1"),
            std::string::npos)
      << metrics.body;
}

LEADSCORE_API_SUITE(RolesApiTest);

}  // namespace
}  // namespace leadscore::http
