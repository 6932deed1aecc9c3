// The grade bands setting over HTTP: an admin reads and sets the bands (or goes back to the
// quartiles), the stored grades follow at once, and bad bodies answer 400 and change nothing.
#include <chrono>
#include <map>

#include "http/api_test_env.h"
#include "ml/synthetic_leads.h"
#include "service/scoring_model.h"

namespace leadscore::http {
namespace {

constexpr char kPath[] = "/api/settings/grade-bands";

class SettingsApiTest : public ApiTest {
 protected:
  // Eight scored leads, 0.1 .. 0.8, all graded "D".
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (int i = 1; i <= 8; ++i) {
      int64_t id = AddLead("Nasabah " + std::to_string(i));
      ASSERT_TRUE(store_->UpsertScore({id, 0.1 * i, std::nullopt, "D", 1, 0}).ok());
      ids_.push_back(id);
    }
  }

  // The grades of the eight leads, as the admin's list shows them.
  std::string ListedGrades(ApiClient& client) {
    auto list = client.Get("/api/leads?size=50");
    EXPECT_EQ(list.status, 200) << list.body;
    std::map<int64_t, std::string> by_id;
    for (const auto& item : list.json["items"]) {
      by_id[item["id"].get<int64_t>()] = item["grade"].get<std::string>();
    }
    std::string grades;
    for (int64_t id : ids_) grades += by_id[id];
    return grades;
  }

  std::vector<int64_t> ids_;
};

TEST_P(SettingsApiTest, AnAdminSetsFixedBandsAndTheGradesFollowAtOnce) {
  auto admin = SignIn("admin");
  auto initial = admin.Get(kPath);
  ASSERT_EQ(initial.status, 200) << initial.body;
  EXPECT_TRUE(initial.json["bands"].is_null());
  EXPECT_EQ(initial.json["mode"], "quartiles");
  EXPECT_TRUE(initial.json["updated_at"].is_null());
  EXPECT_TRUE(initial.json["updated_by"].is_null());

  clock_.Advance(kMsPerHour);
  auto set = admin.Put(kPath, {{"bands", {0.65, 0.35, 0.15}}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json["mode"], "fixed");
  EXPECT_EQ(set.json["bands"], nlohmann::json({0.65, 0.35, 0.15}));
  EXPECT_EQ(set.json["updated_at"], FormatIsoTime(clock_.NowMs()));
  EXPECT_EQ(set.json["updated_by"], "admin");
  EXPECT_EQ(ListedGrades(admin), "DCCBBBAA");
  EXPECT_EQ(set.json["regraded"], 7);  // grades that changed: all but the first D

  auto read = admin.Get(kPath);
  EXPECT_EQ(read.json["bands"], nlohmann::json({0.65, 0.35, 0.15}));
  EXPECT_EQ(read.json["mode"], "fixed");
  EXPECT_EQ(read.json["updated_by"], "admin");

  // Back to the quartiles of the current scores: q75 = 0.6, q50 = 0.4, q25 = 0.2.
  auto back = admin.Put(kPath, {{"bands", nullptr}});
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_TRUE(back.json["bands"].is_null());
  EXPECT_EQ(back.json["mode"], "quartiles");
  EXPECT_EQ(ListedGrades(admin), "DCCBBAAA");
  EXPECT_EQ(admin.Get(kPath).json["mode"], "quartiles");
}

TEST_P(SettingsApiTest, BadBodiesAnswer400AndChangeNothing) {
  auto admin = SignIn("admin");
  ASSERT_EQ(admin.Put(kPath, {{"bands", {0.65, 0.35, 0.15}}}).status, 200);
  const auto before = admin.Get(kPath).json;
  for (const std::string& body : {
           std::string(R"({})"),
           std::string(R"({"bands": [0.2, 0.5, 0.1]})"),
           std::string(R"({"bands": [0.5, 0.5, 0.1]})"),
           std::string(R"({"bands": [1, 0.5, 0.1]})"),
           std::string(R"({"bands": [0.5, 0.3, 0]})"),
           std::string(R"({"bands": [0.5, 0.3, -0.2]})"),
           std::string(R"({"bands": [0.5, 0.3]})"),
           std::string(R"({"bands": [0.7, 0.5, 0.3, 0.1]})"),
           std::string(R"({"bands": ["0.6", "0.4", "0.2"]})"),
           std::string(R"({"bands": [0.6, true, 0.2]})"),
           std::string(R"({"bands": 0.5})"),
           std::string(R"({"bands": {"a": 0.6}})"),
           std::string(R"({"bands": [0.6, 0.4, 0.2], "mode": "fixed"})"),
           std::string(R"([0.6, 0.4, 0.2])"),
           std::string(R"({"bands": [0.6, 0.4, 0.2)"),
       }) {
    SCOPED_TRACE(body);
    auto answer = admin.Send("PUT", kPath, body);
    EXPECT_EQ(answer.status, 400) << answer.body;
    EXPECT_EQ(answer.json["error"]["kind"], "invalid_argument");
  }
  EXPECT_EQ(admin.Get(kPath).json, before);
  EXPECT_EQ(ListedGrades(admin), "DCCBBBAA");
}

TEST_P(SettingsApiTest, OnlyAnAdminReadsOrChangesTheBands) {
  auto anonymous = Anonymous();
  EXPECT_EQ(anonymous.Get(kPath).status, 401);
  EXPECT_EQ(anonymous.Put(kPath, {{"bands", {0.6, 0.4, 0.2}}}).status, 401);
  auto sales = SignIn("ani");
  EXPECT_EQ(sales.Get(kPath).status, 403);
  auto refused = sales.Put(kPath, {{"bands", {0.6, 0.4, 0.2}}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json["error"]["kind"], "permission_denied");
  auto admin = SignIn("admin");
  EXPECT_EQ(admin.Get(kPath).json["mode"], "quartiles");
  EXPECT_EQ(ListedGrades(admin), "DDDDDDDD");
}

TEST_P(SettingsApiTest, BandsCannotChangeWhileARefreshRuns) {
  auto admin = SignIn("admin");
  auto refresh = store_->TryLock(kRefreshLockName);  // a refresh elsewhere holds the lock
  ASSERT_TRUE(refresh.ok());
  auto refused = admin.Put(kPath, {{"bands", {0.6, 0.4, 0.2}}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(admin.Get(kPath).json["mode"], "quartiles");
  EXPECT_EQ(ListedGrades(admin), "DDDDDDDD");
  refresh->reset();
  EXPECT_EQ(admin.Put(kPath, {{"bands", {0.65, 0.35, 0.15}}}).status, 200);
  EXPECT_EQ(ListedGrades(admin), "DCCBBBAA");
}

LEADSCORE_API_SUITE(SettingsApiTest);

// The current campaign and the campaign history over HTTP: admin only, bad values answer 400
// and save nothing, history rows never show in the call list; without history or a setting,
// the values the active model scores with.
class CampaignApiTest : public ApiTest {
 protected:
  // Labelled leads to train on, with two context columns: euribor3m and month (the last
  // lead's month is "oct").
  void ImportLabelledLeads(int rows) {
    auto data = ml::testing::SyntheticLeads(rows, 5);
    const BankColumn* month = FindBankColumn("month");
    static const char* kMonths[] = {"mar", "may", "jun", "oct"};
    for (size_t i = 0; i < data.leads.size(); ++i) {
      data.leads[i].name = "Nasabah " + std::to_string(i);
      data.leads[i].phone = "+62 000 " + std::to_string(100000 + i);
      data.leads[i].categorical[month->slot] = kMonths[i * 4 / data.leads.size()];
    }
    auto writer = store_->BeginLeadImport(clock_.NowMs());
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    ASSERT_TRUE((*writer)->Add(data.leads).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }

  // Trains a model through the API (context mode `current`, the default) and activates it.
  int64_t Train(ApiClient& admin) {
    auto trained = admin.Post("/api/models/train", nlohmann::json::object());
    EXPECT_EQ(trained.status, 201) << trained.body;
    EXPECT_EQ(trained.json["model"]["active"], true) << trained.body;
    return trained.json["model"]["id"].get<int64_t>();
  }

  // The campaign values version `id` scores with, loaded as the scoring path loads it.
  nlohmann::json ScoringValues(int64_t id) {
    auto loaded = LoadModelVersion(*store_, id);
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? (*loaded)->model.info().scoring_context : nlohmann::json();
  }

  // Waits for a job to end, so that no refresh outlives the test.
  void AwaitJob(ApiClient& client, const nlohmann::json& job) {
    if (!job.is_object()) return;
    const std::string path = "/api/jobs/" + std::to_string(job["id"].get<int64_t>());
    for (int i = 0; i < 600; ++i) {
      const std::string state = client.Get(path).json["job"]["state"];
      if (state != "running" && state != "queued") return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "job " << job << " did not end";
  }
};

constexpr char kHistory[] =
    "age;job;month;day_of_week;euribor3m;y\n"
    "30;admin.;may;mon;4.857;no\n"
    "61;retired;nov;fri;1.25;yes\n";

TEST_P(CampaignApiTest, HistoryImportsAreAdminOnlyAllOrNothingAndNeverListed) {
  auto admin = SignIn("admin");
  auto sales = SignIn("ani");
  EXPECT_EQ(sales.PostRaw("/api/history/import", kHistory, "text/csv").status, 403);
  auto bad = admin.PostRaw("/api/history/import", std::string(kHistory) + "40;admin.;may;mon;4.8;perhaps\n",
                           "text/csv");
  EXPECT_EQ(bad.status, 400) << bad.body;
  // Each bad line with its reason, as the import lists them.
  EXPECT_EQ(bad.json["error"]["code"], "csv_bad_rows") << bad.body;
  EXPECT_EQ(bad.json["error"]["params"]["count"], 1);
  const auto& errors = bad.json["error"]["details"]["errors"];
  ASSERT_EQ(errors.size(), 1u) << bad.body;
  EXPECT_EQ(errors[0]["line"], 4);
  EXPECT_EQ(errors[0]["column"], "y");
  EXPECT_EQ(errors[0]["code"], "field_unknown_value");
  EXPECT_EQ(errors[0]["params"]["value"], "perhaps");
  EXPECT_EQ(admin.Get("/api/history").json["rows"], 0);
  auto ok = admin.PostRaw("/api/history/import", kHistory, "text/csv");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json["imported"], 2);
  auto counts = admin.Get("/api/history");
  EXPECT_EQ(counts.json["rows"], 2);
  EXPECT_EQ(counts.json["positives"], 1);
  EXPECT_EQ(counts.json["from_portal"], 0);
  EXPECT_EQ(admin.Get("/api/leads").json["total"], 0);
}

TEST_P(CampaignApiTest, AnAdminSetsTheCampaignAndBadValuesChangeNothing) {
  auto admin = SignIn("admin");
  EXPECT_EQ(SignIn("ani").Get("/api/settings/campaign").status, 403);
  ASSERT_EQ(admin.PostRaw("/api/history/import", kHistory, "text/csv").status, 200);
  auto initial = admin.Get("/api/settings/campaign");
  ASSERT_EQ(initial.status, 200) << initial.body;
  EXPECT_EQ(initial.json["source"], "history");
  EXPECT_EQ(initial.json["campaign"]["month"], "nov");
  bool has_month = false;
  for (const auto& c : initial.json["columns"]) {
    if (c["name"] == "month") {
      has_month = true;
      EXPECT_EQ(c["kind"], "category");
      EXPECT_EQ(c["levels"].size(), 12u);
    }
  }
  EXPECT_TRUE(has_month);

  for (const nlohmann::json& body :
       {nlohmann::json{{"campaign", {{"euribor3m", "high"}}}},
        nlohmann::json{{"campaign", {{"month", "smarch"}}}},
        nlohmann::json{{"campaign", {{"age", 40}}}}, nlohmann::json{{"campaign", 5}},
        nlohmann::json{{"month", "dec"}}}) {
    auto refused = admin.Put("/api/settings/campaign", body);
    EXPECT_EQ(refused.status, 400) << body << " " << refused.body;
    EXPECT_TRUE(refused.json.contains("error")) << refused.body;
  }
  EXPECT_EQ(admin.Get("/api/settings/campaign").json["source"], "history");

  auto set = admin.Put("/api/settings/campaign", {{"campaign", {{"month", "dec"}, {"euribor3m", 0.9}}}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json["source"], "setting");
  EXPECT_EQ(set.json["updated_by"], "admin");
  EXPECT_TRUE(set.json["refresh_job"].is_null());  // no model yet: nothing to refresh
  auto read = admin.Get("/api/settings/campaign");
  EXPECT_EQ(read.json["campaign"]["month"], "dec");
  EXPECT_EQ(read.json["campaign"]["euribor3m"], 0.9);
  EXPECT_EQ(read.json["campaign"]["day_of_week"], "fri");
}

TEST_P(CampaignApiTest, WithoutHistoryOrSettingItIsWhatTheActiveModelScoresWith) {
  ImportLabelledLeads(600);
  auto admin = SignIn("admin");
  auto none = admin.Get("/api/settings/campaign");
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(none.json["source"], "none");
  EXPECT_TRUE(none.json["campaign"].empty()) << none.body;

  const int64_t version = Train(admin);
  const nlohmann::json scoring = ScoringValues(version);
  ASSERT_EQ(scoring.value("month", ""), "oct") << scoring;
  ASSERT_TRUE(scoring.contains("euribor3m")) << scoring;
  auto fallback = admin.Get("/api/settings/campaign");
  ASSERT_EQ(fallback.status, 200) << fallback.body;
  EXPECT_EQ(fallback.json["source"], "model");
  EXPECT_EQ(fallback.json["campaign"], scoring);
  EXPECT_EQ(fallback.json["model_mode"], "current");
  EXPECT_TRUE(fallback.json["updated_at"].is_null());
  EXPECT_TRUE(fallback.json["updated_by"].is_null());

  // A saved setting wins for the columns it sets; the others stay the model's, as in scoring.
  auto set = admin.Put("/api/settings/campaign", {{"campaign", {{"euribor3m", 0.9}}}});
  ASSERT_EQ(set.status, 200) << set.body;
  AwaitJob(admin, set.json["refresh_job"]);
  auto read = admin.Get("/api/settings/campaign");
  EXPECT_EQ(read.json["source"], "setting");
  EXPECT_EQ(read.json["campaign"]["euribor3m"], 0.9);
  EXPECT_EQ(read.json["campaign"]["month"], "oct");
  EXPECT_EQ(read.json["campaign"], ScoringValues(version));
}

TEST_P(CampaignApiTest, HistoryStillWinsOverTheModel) {
  ImportLabelledLeads(600);
  auto admin = SignIn("admin");
  Train(admin);
  EXPECT_EQ(admin.Get("/api/settings/campaign").json["source"], "model");
  ASSERT_EQ(admin.PostRaw("/api/history/import", kHistory, "text/csv").status, 200);
  auto read = admin.Get("/api/settings/campaign");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json["source"], "history");
  EXPECT_EQ(read.json["campaign"]["month"], "nov");
  EXPECT_EQ(read.json["campaign"]["euribor3m"], 1.25);
}

LEADSCORE_API_SUITE(CampaignApiTest);

}  // namespace
}  // namespace leadscore::http
