// Scoring through the API on both engines: train, "Refresh Skor ML" as a job followed to its
// end, the ranked list's scores and grades, and a lead's reasons, explained when its page opens
// with the model version that scored it.
#include <chrono>

#include "http/api_test_env.h"
#include "ml/reasons.h"
#include "ml/synthetic_leads.h"

namespace leadscore::http {
namespace {

class ScoringApiTest : public ApiTest {
 protected:
  // Labelled leads, enough to train on.
  void ImportLabelledLeads(int rows) {
    auto data = ml::testing::SyntheticLeads(rows, 5);
    for (size_t i = 0; i < data.leads.size(); ++i) {
      data.leads[i].name = "Nasabah " + std::to_string(i);
      data.leads[i].phone = "+62 000 " + std::to_string(100000 + i);
    }
    auto writer = store_->BeginLeadImport(clock_.NowMs());
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    ASSERT_TRUE((*writer)->Add(data.leads).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }

  // Follows a job until it ends; its final JSON.
  nlohmann::json FollowJob(ApiClient& client, int64_t id) {
    for (int i = 0; i < 600; ++i) {
      auto job = client.Get("/api/jobs/" + std::to_string(id));
      EXPECT_EQ(job.status, 200);
      const std::string state = job.json["job"]["state"];
      if (state != "running" && state != "queued") return job.json["job"];
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "job " << id << " did not end";
    return nullptr;
  }
};

TEST_P(ScoringApiTest, RefreshScoresEveryLeadAndALeadPageExplainsItsScore) {
  ImportLabelledLeads(600);
  auto admin = SignIn("admin");
  auto ani = SignIn("ani");
  auto no_model = ani.Post("/api/scoring/refresh", nlohmann::json::object());
  EXPECT_EQ(no_model.status, 409) << no_model.body;
  EXPECT_EQ(no_model.json["error"]["code"], "no_active_model");

  auto trained = admin.Post("/api/models/train", nlohmann::json::object());
  ASSERT_EQ(trained.status, 201) << trained.body;
  const int64_t version = trained.json["model"]["id"];
  // Why it was activated, as a note code for the web app to word.
  EXPECT_EQ(trained.json["activation"]["code"], "model_activated_first") << trained.body;
  EXPECT_EQ(trained.json["activation"]["params"], nlohmann::json::object());

  auto started = ani.Post("/api/scoring/refresh", nlohmann::json::object());
  ASSERT_EQ(started.status, 202) << started.body;
  auto job = FollowJob(ani, started.json["job"]["id"]);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["done"], 600);
  EXPECT_EQ(*store_->CountScores(), 600);

  auto list = ani.Get("/api/leads?size=5");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json["items"].size(), 5u);
  double last = 2;
  for (const auto& item : list.json["items"]) {
    const double score = item["score"];
    EXPECT_LE(score, last);  // best first
    last = score;
  }
  const int64_t id = list.json["items"][0]["id"];
  EXPECT_EQ(list.json["items"][0]["grade"], "A");

  auto page = ani.Get("/api/leads/" + std::to_string(id));
  ASSERT_EQ(page.status, 200) << page.body;
  const auto& reasons = page.json["lead"]["reasons"];
  ASSERT_TRUE(reasons.is_array());
  ASSERT_FALSE(reasons.empty());
  for (const auto& r : reasons) {
    EXPECT_TRUE(r.contains("label_id") && r.contains("text_en") && r.contains("direction"))
        << r.dump();
  }
  // The same reasons as the model that scored the lead gives for it.
  auto lead = store_->GetLead(id, clock_.NowMs(), kDefaultRejectPeriod);
  ASSERT_TRUE(lead.ok());
  auto expected = services_->scoring().ExplainScore(*lead, version);
  ASSERT_TRUE(expected.ok()) << expected.status().ToString();
  EXPECT_EQ(reasons, ml::ExpandReasons(*expected));

  // A second version is compared with the active one: the note's code says which way it went,
  // with the figures (numbers, which the web app words in the reader's locale).
  auto again = admin.Post("/api/models/train", nlohmann::json::object());
  ASSERT_EQ(again.status, 201) << again.body;
  const auto& params = again.json["activation"]["params"];
  EXPECT_EQ(params["version"], version) << again.body;
  ASSERT_TRUE(params["auc"].is_number() && params["active_auc"].is_number()) << again.body;
  const bool better = params["auc"].get<double>() >= params["active_auc"].get<double>();
  EXPECT_EQ(again.json["activation"]["code"],
            better ? "model_activated_better" : "model_kept_inactive");
  EXPECT_EQ(again.json["activated"], better);
}

LEADSCORE_API_SUITE(ScoringApiTest);

}  // namespace
}  // namespace leadscore::http
