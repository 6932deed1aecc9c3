// The API's edge against hostile or unlucky input, on the real server: JSON nested too deep
// (refused while parsing, the server stays up, stored deep JSON reads as none), a database busy
// past its wait (503 with Retry-After, nothing changed), formula cells in the CSV export, and
// /metrics for admins unless the server makes it public.
#include <algorithm>
#include <string>

#include "core/csv.h"
#include "core/json_depth.h"
#include "http/api_test_env.h"
#include "http/second_server.h"
#include <soci/sqlite3/soci-sqlite3.h>

namespace leadscore::http {
namespace {

using EdgeApiTest = ApiTest;

std::string NestedArrays(int levels, const std::string& inside = "1") {
  return std::string(levels, '[') + inside + std::string(levels, ']');
}

std::string HeaderOf(const ApiClient::Answer& a, const std::string& name) {
  for (const auto& [key, value] : a.headers) {
    if (key == name) return value;
  }
  return "";
}

// --- JSON depth ------------------------------------------------------------------------------

TEST_P(EdgeApiTest, AHundredThousandNestedArraysInExtraAreRefusedAndTheServerStaysUp) {
  auto admin = SignIn("admin");
  const std::string body =
      R"({"name": "Dalam", "extra": {"a": )" + NestedArrays(100'000) + "}}";  // 200 kB
  auto refused = admin.PostRaw("/api/leads", body, "application/json");
  EXPECT_EQ(refused.status, 400) << refused.body.substr(0, 200);
  EXPECT_EQ(refused.json["error"]["message"], kJsonTooDeep);
  EXPECT_EQ(Anonymous().Get("/healthz").status, 200);
  EXPECT_EQ(*store_->CountLeads(), 0);

  // Any body parsed as JSON has the bound: a signed-in caller's /predict too.
  auto predict = admin.PostRaw("/predict", NestedArrays(100'000), "application/json");
  EXPECT_EQ(predict.status, 400);
  EXPECT_EQ(predict.json["error"]["message"], kJsonTooDeep);
}

TEST_P(EdgeApiTest, ThirtyTwoLevelsAreAcceptedAndThirtyThreeAreNot) {
  auto admin = SignIn("admin");
  // The body and extra are two levels; the arrays in extra the rest.
  auto at_bound = admin.PostRaw(
      "/api/leads", R"({"name": "Dalam", "fields": {"age": 41, "job": "technician"}, "extra": {"a": )" +
          NestedArrays(30) + "}}",
      "application/json");
  ASSERT_EQ(at_bound.status, 201) << at_bound.body;
  EXPECT_EQ(at_bound.json["lead"]["extra"]["a"].dump(), NestedArrays(30));
  auto past = admin.PostRaw("/api/leads",
                            R"({"name": "Dalam", "extra": {"a": )" + NestedArrays(31) + "}}",
                            "application/json");
  EXPECT_EQ(past.status, 400);
  EXPECT_EQ(past.json["error"]["message"], kJsonTooDeep);
}

TEST_P(EdgeApiTest, DeepExtraStoredBeforeTheBoundReadsAsNone) {
  Lead lead;
  lead.name = "Lama";
  lead.phone = "+62 812 555 0101";
  lead.numeric[FindBankColumn("age")->slot] = 40;
  lead.categorical[FindBankColumn("job")->slot] = "technician";
  lead.extra_json = R"({"a": )" + NestedArrays(100'000) + "}";
  auto id = store_->CreateLead(lead, clock_.NowMs());
  ASSERT_TRUE(id.ok()) << id.status().ToString();

  auto admin = SignIn("admin");
  auto detail = admin.Get("/api/leads/" + std::to_string(*id));
  ASSERT_EQ(detail.status, 200) << detail.body.substr(0, 200);
  EXPECT_EQ(detail.json["lead"]["extra"], nlohmann::json::object());
  auto exported = admin.Get("/api/leads/export");
  EXPECT_EQ(exported.status, 200);
  EXPECT_NE(exported.body.find("\"Lama\""), std::string::npos);
  EXPECT_EQ(Anonymous().Get("/healthz").status, 200);
}

// --- A busy database -------------------------------------------------------------------------

TEST_P(EdgeApiTest, ABusyDatabaseAnswers503WithRetryAfterAndChangesNothing) {
  int64_t lead = AddLead("Sibuk");
  const std::string& url = db_->url();
  const bool sqlite = GetParam() == "sqlite";
  // Waits for a lock of at most 200 ms: SQLite's busy timeout, PostgreSQL's lock_timeout (set on
  // the test database, so every new connection has it).
  StoreOptions short_wait;
  short_wait.pool_size = 4;
  short_wait.busy_timeout_ms = 200;
  std::string conninfo;
  if (!sqlite) {
    auto parsed = store::PostgresConnectString(url);
    ASSERT_TRUE(parsed.ok());
    conninfo = *parsed;
    soci::session admin(soci::postgresql, conninfo);
    admin << "ALTER DATABASE " + url.substr(url.rfind('/') + 1) + " SET lock_timeout = '200ms'";
  }
  SecondServer second(url, clock_, short_wait, {});
  ApiClient ani(second.port(), SignIn("ani").cookie());

  {
    // Another connection holds the write lock (SQLite) or the row every write updates
    // (PostgreSQL) for as long as the request waits.
    soci::session holder;
    if (sqlite) {
      holder.open(soci::sqlite3, url.substr(std::string("sqlite:").size()));
      holder << "BEGIN EXCLUSIVE";
    } else {
      holder.open(soci::postgresql, conninfo);
      holder << "BEGIN";
      holder << "UPDATE data_version SET version = version WHERE id = 1";
    }
    auto busy = ani.Post("/api/leads/" + std::to_string(lead) + "/status", {{"status", "contacted"}});
    EXPECT_EQ(busy.status, 503) << busy.body;
    EXPECT_EQ(busy.json["error"]["code"], "unavailable");
    EXPECT_EQ(HeaderOf(busy, "Retry-After"), "1");
    holder << "ROLLBACK";
  }
  EXPECT_EQ(ActivityCount(), 0);
  auto detail = ani.Get("/api/leads/" + std::to_string(lead));
  EXPECT_EQ(detail.json["lead"]["status"], "pending");
  // Once the lock is gone, the same request goes through.
  EXPECT_EQ(ani.Post("/api/leads/" + std::to_string(lead) + "/status", {{"status", "contacted"}})
                .status,
            200);
  EXPECT_EQ(ActivityCount(), 1);
}

// --- Formula cells in the export -------------------------------------------------------------

TEST_P(EdgeApiTest, TheExportEscapesFormulaTextButNotNegativeNumbers) {
  auto admin = SignIn("admin");
  auto created = admin.Post(
      "/api/leads",
      {{"name", "=HYPERLINK(\"http://x\",\"y\")"},
       {"phone", "+62 812 555 0102"},
       {"fields", {{"age", 30}, {"job", "technician"}, {"emp.var.rate", -1}}},
       {"extra", {{"plus", "+1"}, {"at", "@SUM(1)"}, {"minus_one", -1}, {"half", -0.5}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  // A category the field spec refuses now may still be stored from before (or by the store's
  // own writers); its export is escaped all the same.
  {
    auto lead = store_->GetLead(created.json["lead"]["id"], clock_.NowMs(), kDefaultRejectPeriod);
    ASSERT_TRUE(lead.ok()) << lead.status().ToString();
    lead->categorical[FindBankColumn("job")->slot] = "@SUM(1)";
    ASSERT_TRUE(store_->UpdateLead(*lead, clock_.NowMs()).ok());
  }

  auto exported = admin.Get("/api/leads/export");
  ASSERT_EQ(exported.status, 200);
  auto reader = CsvReader::FromString(exported.body);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto table = ReadCsvTable(std::move(reader).value());
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->records.size(), 1u);
  auto cell = [&](const std::string& column) -> std::string {
    const auto& header = table->header;
    auto it = std::find(header.begin(), header.end(), column);
    if (it == header.end()) return "(no column " + column + ")";
    return table->records[0].fields[it - header.begin()];
  };
  EXPECT_EQ(cell("name"), "'=HYPERLINK(\"http://x\",\"y\")");
  EXPECT_EQ(cell("phone"), "'+62 812 555 0102");
  EXPECT_EQ(cell("job"), "'@SUM(1)");
  EXPECT_EQ(cell("plus"), "'+1");
  EXPECT_EQ(cell("at"), "'@SUM(1)");
  // Numbers stay numbers.
  EXPECT_EQ(cell("emp.var.rate"), "-1");
  EXPECT_EQ(cell("minus_one"), "-1");
  EXPECT_EQ(cell("half"), "-0.5");
  EXPECT_EQ(cell("age"), "30");
}

// --- /metrics --------------------------------------------------------------------------------

TEST_P(EdgeApiTest, MetricsAreForAdminsUnlessTheServerMakesThemPublic) {
  EXPECT_EQ(Anonymous().Get("/metrics").status, 401);
  EXPECT_EQ(SignIn("ani").Get("/metrics").status, 403);
  auto as_admin = SignIn("admin").Get("/metrics");
  EXPECT_EQ(as_admin.status, 200);
  EXPECT_NE(as_admin.body.find("leadscore_http_requests_total"), std::string::npos);

  ServiceOptions open;
  open.facts.public_metrics = true;  // `serve --public-metrics`
  SecondServer second(db_->url(), clock_, {}, open);
  auto anonymous = ApiClient(second.port()).Get("/metrics");
  EXPECT_EQ(anonymous.status, 200);
  EXPECT_NE(anonymous.body.find("leadscore_http_requests_total"), std::string::npos);
}

LEADSCORE_API_SUITE(EdgeApiTest);

}  // namespace
}  // namespace leadscore::http
