// /predict for a customer-segmentation page outside the portal, on both engines: the page's own
// body (with an age) and answer fields, API tokens (create, list, revoke, stored hashed) that
// open the predict and score routes and nothing else, and CORS for the allowed origin only,
// while a cookie's cross-origin write stays refused.
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "http/api_routes.h"
#include "core/field_spec.h"
#include "http/api_test_env.h"
#include "http/router.h"
#include "ml/synthetic_leads.h"
#include "service/auth_crypto.h"
#include "service/segmentation.h"
#include "store/dialect.h"

namespace leadscore::http {
namespace {

constexpr char kAllowedOrigin[] = "https://segmen.bank.example";
constexpr char kOtherOrigin[] = "https://evil.example";
const std::string kMallCsv = std::string(LEADSCORE_SOURCE_DIR) + "/data/Mall_Customers.csv";
const nlohmann::json kBriefBody = {{"age", 30}, {"annual_income", 90}, {"spending_score", 85}};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The value of header `name` (any case), "" if absent; `count` receives how often it occurs.
std::string HeaderOf(const ApiClient::Answer& a, const std::string& name, int* count = nullptr) {
  std::string found;
  int n = 0;
  for (const auto& [key, value] : a.headers) {
    if (Lower(key) == Lower(name)) {
      found = value;
      ++n;
    }
  }
  if (count) *count = n;
  return found;
}

class TokenApiTest : public ApiTest {
 protected:
  void Configure(ServerOptions& options) override { options.cors_origins = {kAllowedOrigin}; }

  // A request with any headers (Authorization, Origin, Cookie), as another site's page or a
  // system would send it.
  ApiClient::Answer Call(const std::string& method, const std::string& path,
                         const nlohmann::json& body, httplib::Headers headers) {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(30, 0);
    const std::string text = body.is_null() ? "" : body.dump();
    httplib::Result result =
        method == "GET"        ? client.Get(path, headers)
        : method == "OPTIONS"  ? client.Options(path, headers)
        : method == "DELETE"   ? client.Delete(path, headers)
        : method == "PATCH"    ? client.Patch(path, headers, text, "application/json")
        : method == "PUT"      ? client.Put(path, headers, text, "application/json")
        : method == "POST_CSV" ? client.Post(path, headers, "a;b\n1;2\n", "text/csv")
                               : client.Post(path, headers, text, "application/json");
    ApiClient::Answer a;
    if (!result) {
      a.body = "no answer";
      return a;
    }
    a.status = result->status;
    a.body = result->body;
    a.headers = result->headers;
    a.json = nlohmann::json::parse(a.body, nullptr, false);
    if (a.json.is_discarded()) a.json = nullptr;
    return a;
  }

  ApiClient::Answer Bearer(const std::string& path, const nlohmann::json& body,
                           const std::string& token, const std::string& origin = "") {
    httplib::Headers headers = {{"Authorization", "Bearer " + token}};
    if (!origin.empty()) headers.emplace("Origin", origin);
    return Call("POST", path, body, headers);
  }

  int64_t BuildMall(std::vector<std::string> features, bool make_default) {
    SegmentationRequest request;
    request.source = "csv";
    request.csv_path = kMallCsv;
    request.features = std::move(features);
    request.k = 5;
    request.make_default = make_default;
    request.created_by = "admin";
    auto built = services_->segments().Build(request);
    EXPECT_TRUE(built.ok()) << built.status().ToString();
    return built.ok() ? built->row.id : 0;
  }

  // A new token's text, made by the admin through the API.
  std::string NewToken(ApiClient& admin, const std::string& name, nlohmann::json scopes) {
    auto created = admin.Post("/api/tokens", {{"name", name}, {"scopes", scopes}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json.value("secret", "");
  }
};

TEST_P(TokenApiTest, TheSegmentationPagesBodyAnswersClusterIdPersonaAndDescription) {
  const int64_t two = BuildMall({"Annual Income (k$)", "Spending Score (1-100)"}, true);
  auto admin = SignIn("admin");

  // Only the income x spending segmentation exists: the age is accepted and not used.
  auto answer = admin.Post("/predict", kBriefBody);
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(answer.json["segmentation_id"], two);
  ASSERT_TRUE(answer.json["cluster_id"].is_number_integer()) << answer.body;
  EXPECT_EQ(answer.json["cluster_id"], answer.json["cluster"]);
  EXPECT_FALSE(answer.json["persona"].get<std::string>().empty());
  EXPECT_FALSE(answer.json["description"].get<std::string>().empty());
  EXPECT_EQ(answer.json["features"].size(), 2u);
  // Income 90 k$ and spending 85 is the classic high-income, high-spending group.
  const auto without_age = admin.Post("/predict", {{"annual_income", 90}, {"spending_score", 85}});
  EXPECT_EQ(without_age.json["cluster_id"], answer.json["cluster_id"]);

  // With a segmentation on age, income and spending (not the default), an age chooses it.
  const int64_t three =
      BuildMall({"Age", "Annual Income (k$)", "Spending Score (1-100)"}, false);
  auto with_age = admin.Post("/predict", kBriefBody);
  ASSERT_EQ(with_age.status, 200) << with_age.body;
  EXPECT_EQ(with_age.json["segmentation_id"], three);
  EXPECT_EQ(with_age.json["features"].size(), 3u);
  EXPECT_EQ(with_age.json["cluster_id"], with_age.json["cluster"]);
  EXPECT_TRUE(with_age.json["persona"].is_string());
  EXPECT_TRUE(with_age.json["description"].is_string());
  // Without an age the income x spending one answers, as before.
  auto again = admin.Post("/predict", {{"annual_income", 90}, {"spending_score", 85}});
  EXPECT_EQ(again.json["segmentation_id"], two);

  // The segmentation's own predict carries cluster_id too.
  auto own = admin.Post("/api/segments/" + std::to_string(two) + "/predict",
                        {{"values", {{"Annual Income (k$)", 90}, {"Spending Score (1-100)", 85}}}});
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json["cluster_id"], own.json["cluster"]);
  EXPECT_EQ(own.json["cluster_id"], answer.json["cluster_id"]);
}

TEST_P(TokenApiTest, ABadAgeIs400NamingTheField) {
  BuildMall({"Annual Income (k$)", "Spending Score (1-100)"}, true);
  auto admin = SignIn("admin");
  for (const nlohmann::json& age : {nlohmann::json(0), nlohmann::json(121), nlohmann::json(-5),
                                    nlohmann::json("30"), nlohmann::json(true)}) {
    auto bad = admin.Post("/predict", {{"age", age}, {"annual_income", 90}, {"spending_score", 85}});
    EXPECT_EQ(bad.status, 400) << age.dump() << " " << bad.body;
    EXPECT_NE(bad.json["error"]["message"].get<std::string>().find("age"), std::string::npos)
        << bad.body;
  }
  // The bounds of a lead's age (core/field_spec.h) are themselves accepted.
  const FieldSpec& age = *FindLeadFieldSpec("age");
  EXPECT_EQ(
      admin.Post("/predict", {{"age", age.min}, {"annual_income", 9}, {"spending_score", 5}}).status,
      200);
  EXPECT_EQ(
      admin.Post("/predict", {{"age", age.max}, {"annual_income", 9}, {"spending_score", 5}}).status,
      200);
}

TEST_P(TokenApiTest, AnAdminCreatesListsAndRevokesTokens) {
  auto admin = SignIn("admin");
  auto ani = SignIn("ani");
  EXPECT_EQ(ani.Post("/api/tokens", {{"name", "x"}, {"scopes", {"predict"}}}).status, 403);
  EXPECT_EQ(ani.Get("/api/tokens").status, 403);

  clock_.Advance(kMsPerHour);
  auto created = admin.Post("/api/tokens", {{"name", " Halaman segmen "}, {"scopes", {"predict"}}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string secret = created.json["secret"];
  EXPECT_EQ(secret.substr(0, 4), "lsk_");
  EXPECT_EQ(secret.size(), 68u);
  const auto& token = created.json["token"];
  EXPECT_EQ(token["name"], "Halaman segmen");
  EXPECT_EQ(token["scopes"], nlohmann::json({"predict"}));
  EXPECT_EQ(token["created_by"], "admin");
  EXPECT_EQ(token["created_at"], FormatIsoTime(clock_.NowMs()));
  EXPECT_TRUE(token["last_used_at"].is_null());
  EXPECT_TRUE(token["revoked_at"].is_null());
  EXPECT_EQ(token["active"], true);
  EXPECT_EQ(token["hint"], secret.substr(0, 12));
  const int64_t id = token["id"];

  // Bad bodies answer 400 and store nothing.
  for (const nlohmann::json& bad : {
           nlohmann::json{{"scopes", {"predict"}}},
           nlohmann::json{{"name", ""}, {"scopes", {"predict"}}},
           nlohmann::json{{"name", "   "}, {"scopes", {"predict"}}},
           nlohmann::json{{"name", std::string(101, 'x')}, {"scopes", {"predict"}}},
           nlohmann::json{{"name", "x"}},
           nlohmann::json{{"name", "x"}, {"scopes", nlohmann::json::array()}},
           nlohmann::json{{"name", "x"}, {"scopes", {"admin"}}},
           nlohmann::json{{"name", "x"}, {"scopes", {1}}},
           nlohmann::json{{"name", "x"}, {"scopes", "predict"}},
           nlohmann::json{{"name", "x"}, {"scopes", {"predict"}}, {"user", "admin"}},
       }) {
    EXPECT_EQ(admin.Post("/api/tokens", bad).status, 400) << bad.dump();
  }

  auto both = admin.Post("/api/tokens", {{"name", "CRM"}, {"scopes", {"score", "predict", "score"}}});
  ASSERT_EQ(both.status, 201) << both.body;
  EXPECT_EQ(both.json["token"]["scopes"], nlohmann::json({"predict", "score"}));

  auto list = admin.Get("/api/tokens");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json["items"].size(), 2u);
  EXPECT_EQ(list.json["items"][0]["name"], "CRM");  // newest first
  EXPECT_EQ(list.json["items"][1]["id"], id);
  EXPECT_EQ(list.body.find(secret), std::string::npos);
  EXPECT_EQ(list.body.find(both.json["secret"].get<std::string>()), std::string::npos);
  for (const auto& item : list.json["items"]) {
    EXPECT_FALSE(item.contains("secret"));
    EXPECT_FALSE(item.contains("token_hash"));
  }

  // A use is recorded.
  BuildMall({"Annual Income (k$)", "Spending Score (1-100)"}, true);
  clock_.Advance(kMsPerSecond);
  ASSERT_EQ(Bearer("/predict", kBriefBody, secret).status, 200);
  list = admin.Get("/api/tokens");
  EXPECT_EQ(list.json["items"][1]["last_used_at"], FormatIsoTime(clock_.NowMs()));

  clock_.Advance(kMsPerSecond);
  auto revoked = admin.Delete("/api/tokens/" + std::to_string(id));
  EXPECT_EQ(revoked.status, 204) << revoked.body;
  list = admin.Get("/api/tokens");
  EXPECT_EQ(list.json["items"][1]["revoked_at"], FormatIsoTime(clock_.NowMs()));
  EXPECT_EQ(list.json["items"][1]["active"], false);
  EXPECT_EQ(list.json["items"][0]["active"], true);
  EXPECT_EQ(Bearer("/predict", kBriefBody, secret).status, 401);
  EXPECT_EQ(admin.Delete("/api/tokens/999999").status, 404);
  EXPECT_EQ(ani.Delete("/api/tokens/" + std::to_string(id)).status, 403);
}

TEST_P(TokenApiTest, ABearerTokenOpensPredictAndScoreOnly) {
  const int64_t segmentation = BuildMall({"Annual Income (k$)", "Spending Score (1-100)"}, true);
  auto data = ml::testing::SyntheticLeads(400, 5);
  for (size_t i = 0; i < data.leads.size(); ++i) {
    data.leads[i].name = "Nasabah " + std::to_string(i);
    data.leads[i].phone = "+62 000 " + std::to_string(100000 + i);
  }
  auto writer = store_->BeginLeadImport(clock_.NowMs());
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Add(data.leads).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  auto admin = SignIn("admin");
  ASSERT_EQ(admin.Post("/api/models/train", nlohmann::json::object()).status, 201);

  const std::string predict = NewToken(admin, "segmen", {"predict"});
  const std::string score = NewToken(admin, "crm", {"score"});
  const nlohmann::json lead = {{"fields", {{"age", 41}, {"job", "technician"}}}};
  const std::string own_path = "/api/segments/" + std::to_string(segmentation) + "/predict";
  const nlohmann::json own_body = {
      {"values", {{"Annual Income (k$)", 90}, {"Spending Score (1-100)", 85}}}};

  auto p = Bearer("/predict", kBriefBody, predict);
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_TRUE(p.json.contains("cluster_id"));
  EXPECT_EQ(Bearer(own_path, own_body, predict).status, 200);
  auto scored = Bearer("/api/score", lead, score);
  ASSERT_EQ(scored.status, 200) << scored.body;
  EXPECT_TRUE(scored.json["score"].is_number());

  // The wrong scope: 403.
  EXPECT_EQ(Bearer("/api/score", lead, predict).status, 403);
  EXPECT_EQ(Bearer("/predict", kBriefBody, score).status, 403);
  EXPECT_EQ(Bearer(own_path, own_body, score).status, 403);
  // Unknown tokens: 401.
  for (const std::string& unknown : {std::string("lsk_") + std::string(64, '0'), std::string("x"),
                                     std::string(), std::string(500, 'a')}) {
    EXPECT_EQ(Bearer("/predict", kBriefBody, unknown).status, 401) << unknown.size();
  }
  // No other route takes a token, whatever its scopes.
  const httplib::Headers with_token = {{"Authorization", "Bearer " + predict}};
  EXPECT_EQ(Call("GET", "/api/leads", nullptr, with_token).status, 401);
  EXPECT_EQ(Call("GET", "/api/me", nullptr, with_token).status, 401);
  EXPECT_EQ(Call("GET", "/api/tokens", nullptr, with_token).status, 401);
  auto other = Call("POST", "/api/tokens", {{"name", "x"}, {"scopes", {"predict"}}}, with_token);
  EXPECT_EQ(other.status, 401);
  EXPECT_NE(other.json["error"]["message"].get<std::string>().find("API token"),
            std::string::npos);
  EXPECT_EQ(Call("GET", "/api/segments", nullptr, with_token).status, 401);
  EXPECT_EQ(Call("POST", "/api/segments/" + std::to_string(segmentation) + "/predict", own_body,
                 {{"Authorization", "Bearer " + score}})
                .status,
            403);
  // Another site's page with a token, from an origin not allowed: refused as cross-site.
  EXPECT_EQ(Bearer("/predict", kBriefBody, predict, kOtherOrigin).status, 403);
  EXPECT_EQ(admin.Get("/api/tokens").json["items"].size(), 2u);
}

// Over the whole route table: a token with every scope opens the token routes and no other.
TEST_P(TokenApiTest, ATokenOpensNoRouteBeyondTheTokenRoutes) {
  auto admin = SignIn("admin");
  const std::string token = NewToken(admin, "all", {"predict", "score"});
  Metrics metrics;
  int token_routes = 0;
  for (const Route& route : ApiRoutes(services_->api(), metrics)) {
    if (route.access == Access::kNone) continue;  // open anyway
    SCOPED_TRACE(route.method + " " + route.pattern);
    std::string path = route.pattern;
    for (size_t at; (at = path.find('{')) != std::string::npos;) {
      path.replace(at, path.find('}', at) - at + 1, "1");
    }
    const httplib::Headers headers = {{"Authorization", "Bearer " + token}};
    auto answer = route.body == BodyKind::kCsv
                      ? Call("POST_CSV", path, nullptr, headers)
                      : Call(route.method, path, nlohmann::json::object(), headers);
    if (route.token_scope.empty()) {
      EXPECT_EQ(answer.status, 401) << answer.body;
    } else {
      ++token_routes;
      EXPECT_NE(answer.status, 401) << answer.body;
      EXPECT_NE(answer.status, 403) << answer.body;
    }
  }
  EXPECT_EQ(token_routes, 3);
}

TEST_P(TokenApiTest, TheDatabaseHoldsOnlyTheTokensHash) {
  auto admin = SignIn("admin");
  const std::string secret = NewToken(admin, "segmen", {"predict", "score"});
  ASSERT_FALSE(secret.empty());

  EXPECT_EQ(store_->GetApiTokenByHash(secret).status().code(), StatusCode::kNotFound);
  auto stored = store_->GetApiTokenByHash(HashSessionToken(secret));
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_NE(stored->token_hash, secret);

  // Every text column of the table, read straight from the database.
  soci::session sql;
  const std::string& url = db_->url();
  if (GetParam() == "sqlite") {
    sql.open(soci::sqlite3, url.substr(std::string("sqlite:").size()));
  } else {
    auto conninfo = store::PostgresConnectString(url);
    ASSERT_TRUE(conninfo.ok());
    sql.open(soci::postgresql, *conninfo);
  }
  soci::rowset<soci::row> rows =
      sql.prepare << "SELECT name, token_hash, hint, scopes, created_by FROM api_tokens";
  int n = 0;
  for (const soci::row& row : rows) {
    ++n;
    for (size_t i = 0; i < row.size(); ++i) {
      const std::string value = row.get<std::string>(i);
      EXPECT_EQ(value.find(secret), std::string::npos) << i;
      EXPECT_EQ(value.find(secret.substr(4)), std::string::npos) << i;
    }
  }
  EXPECT_EQ(n, 1);
}

TEST_P(TokenApiTest, CorsAnswersTheAllowedOriginOnlyAndCookieWritesStayRefused) {
  BuildMall({"Annual Income (k$)", "Spending Score (1-100)"}, true);
  auto admin = SignIn("admin");
  const std::string token = NewToken(admin, "segmen", {"predict"});

  // The preflight of the allowed origin.
  auto preflight = Call("OPTIONS", "/predict", nullptr,
                        {{"Origin", kAllowedOrigin},
                         {"Access-Control-Request-Method", "POST"},
                         {"Access-Control-Request-Headers", "authorization, content-type"}});
  EXPECT_EQ(preflight.status, 204) << preflight.body;
  EXPECT_EQ(HeaderOf(preflight, "Access-Control-Allow-Origin"), kAllowedOrigin);
  EXPECT_NE(HeaderOf(preflight, "Access-Control-Allow-Methods").find("POST"), std::string::npos);
  EXPECT_EQ(HeaderOf(preflight, "Access-Control-Allow-Headers"), "Authorization, Content-Type");
  EXPECT_EQ(HeaderOf(preflight, "Access-Control-Max-Age"), "600");
  EXPECT_EQ(HeaderOf(preflight, "Vary"), "Origin");
  EXPECT_EQ(Call("OPTIONS", "/api/score", nullptr, {{"Origin", kAllowedOrigin}}).status, 204);

  // Another origin: no CORS header at all.
  auto other = Call("OPTIONS", "/predict", nullptr,
                    {{"Origin", kOtherOrigin}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_NE(other.status, 204);
  EXPECT_EQ(HeaderOf(other, "Access-Control-Allow-Origin"), "");
  EXPECT_EQ(HeaderOf(other, "Access-Control-Allow-Methods"), "");
  // A route that takes no token has no preflight.
  auto leads = Call("OPTIONS", "/api/leads", nullptr, {{"Origin", kAllowedOrigin}});
  EXPECT_EQ(leads.status, 404);
  EXPECT_EQ(HeaderOf(leads, "Access-Control-Allow-Origin"), "");

  // The token call from the allowed origin is answered with the origin.
  auto call = Bearer("/predict", kBriefBody, token, kAllowedOrigin);
  ASSERT_EQ(call.status, 200) << call.body;
  int count = 0;
  EXPECT_EQ(HeaderOf(call, "Access-Control-Allow-Origin", &count), kAllowedOrigin);
  EXPECT_EQ(count, 1);
  EXPECT_EQ(HeaderOf(call, "Vary"), "Origin");
  // Its refusals too, so the page can read them.
  auto unknown = Bearer("/predict", kBriefBody, "lsk_nope", kAllowedOrigin);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(HeaderOf(unknown, "Access-Control-Allow-Origin"), kAllowedOrigin);
  // A token call from a server (no Origin) has no CORS header.
  auto server = Bearer("/predict", kBriefBody, token);
  EXPECT_EQ(server.status, 200);
  EXPECT_EQ(HeaderOf(server, "Access-Control-Allow-Origin"), "");
  // Other routes never answer with CORS headers.
  auto me = Call("GET", "/api/me", nullptr, {{"Origin", kAllowedOrigin}, {"Cookie", admin.cookie()}});
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(HeaderOf(me, "Access-Control-Allow-Origin"), "");

  // A cookie's cross-origin write stays refused, from the allowed origin too.
  for (const char* origin : {kAllowedOrigin, kOtherOrigin}) {
    auto cookie_write =
        Call("POST", "/predict", kBriefBody, {{"Origin", origin}, {"Cookie", admin.cookie()}});
    EXPECT_EQ(cookie_write.status, 403) << origin << " " << cookie_write.body;
    auto token_create = Call("POST", "/api/tokens", {{"name", "x"}, {"scopes", {"predict"}}},
                             {{"Origin", origin}, {"Cookie", admin.cookie()}});
    EXPECT_EQ(token_create.status, 403) << origin;
  }
  EXPECT_EQ(admin.Get("/api/tokens").json["items"].size(), 1u);
}

LEADSCORE_API_SUITE(TokenApiTest);

// Without --cors-origin there is no CORS at all.
class NoCorsApiTest : public TokenApiTest {
 protected:
  void Configure(ServerOptions& options) override {}
};

TEST_P(NoCorsApiTest, NoOriginIsAnsweredWithCorsHeaders) {
  BuildMall({"Annual Income (k$)", "Spending Score (1-100)"}, true);
  auto admin = SignIn("admin");
  const std::string token = NewToken(admin, "segmen", {"predict"});
  auto preflight = Call("OPTIONS", "/predict", nullptr,
                        {{"Origin", kAllowedOrigin}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(preflight.status, 404);
  EXPECT_EQ(HeaderOf(preflight, "Access-Control-Allow-Origin"), "");
  auto call = Bearer("/predict", kBriefBody, token);
  EXPECT_EQ(call.status, 200) << call.body;
  EXPECT_EQ(HeaderOf(call, "Access-Control-Allow-Origin"), "");
  EXPECT_EQ(HeaderOf(call, "Vary"), "");
  // No origin is allowed, so a browser's token call from another site is refused.
  EXPECT_EQ(Bearer("/predict", kBriefBody, token, kAllowedOrigin).status, 403);
}

LEADSCORE_API_SUITE(NoCorsApiTest);

}  // namespace
}  // namespace leadscore::http
