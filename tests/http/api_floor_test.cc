// The sales floor over HTTP, on both engines: private notes and call-backs, answers that tell
// nothing of a lead the caller may not see, and a phone found however it is written.
#include "http/api_test_env.h"

namespace leadscore::http {
namespace {

using FloorApiTest = ApiTest;

std::string LeadPath(int64_t id) { return "/api/leads/" + std::to_string(id); }

const nlohmann::json* FindItem(const nlohmann::json& list, int64_t id) {
  for (const auto& item : list["items"]) {
    if (item["id"] == id) return &item;
  }
  return nullptr;
}

TEST_P(FloorApiTest, NotesAndCallBacksAreReadOnlyByTheirAuthorAndAdmins) {
  int64_t lead = AddLead("Indah Lestari");
  auto ani = SignIn("ani");
  auto budi = SignIn("budi");
  const std::string at = FormatIsoTime(clock_.NowMs() + 2 * kMsPerHour);
  auto set = ani.Post(LeadPath(lead) + "/status", {{"status", "contacted"},
                                                   {"note", "suami minta ditelepon sore"},
                                                   {"callback_at", at}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json["lead"]["history"][0]["note"], "suami minta ditelepon sore");
  EXPECT_FALSE(set.json["lead"]["callback_at"].is_null());

  // Budi sees who follows it up, never the words or the call-back time: list, detail, history.
  auto list = budi.Get("/api/leads");
  const nlohmann::json* item = FindItem(list.json, lead);
  ASSERT_NE(item, nullptr);
  EXPECT_EQ((*item)["followed_up_by"], "Ani Wijaya");
  EXPECT_TRUE((*item)["callback_at"].is_null());
  auto detail = budi.Get(LeadPath(lead));
  ASSERT_EQ(detail.status, 200);
  EXPECT_TRUE(detail.json["lead"]["callback_at"].is_null());
  ASSERT_EQ(detail.json["lead"]["history"].size(), 1u);
  EXPECT_TRUE(detail.json["lead"]["history"][0]["note"].is_null());
  EXPECT_TRUE(detail.json["lead"]["history"][0]["callback_at"].is_null());
  EXPECT_EQ(detail.json["lead"]["history"][0]["user"]["display_name"], "Ani Wijaya");
  EXPECT_EQ(detail.body.find("suami"), std::string::npos);
  // The 409 names the owner and nothing else.
  auto taken = budi.Post(LeadPath(lead) + "/status", {{"status", "converted"}});
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(taken.body.find("suami"), std::string::npos);
  EXPECT_EQ(taken.body.find(at.substr(0, 13)), std::string::npos);

  // The author and an admin read everything.
  EXPECT_EQ(ani.Get(LeadPath(lead)).json["lead"]["history"][0]["note"],
            "suami minta ditelepon sore");
  auto admin = SignIn("admin").Get(LeadPath(lead));
  EXPECT_EQ(admin.json["lead"]["history"][0]["note"], "suami minta ditelepon sore");
  EXPECT_FALSE(admin.json["lead"]["callback_at"].is_null());
}

TEST_P(FloorApiTest, NotesStayPrivateAfterARejectedLeadReturns) {
  int64_t lead = AddLead("Joko");
  auto ani = SignIn("ani");
  ASSERT_EQ(ani.Post(LeadPath(lead) + "/status",
                     {{"status", "rejected"}, {"note", "marah, jangan ditelepon lagi"}})
                .status,
            200);
  clock_.Advance(kDefaultRejectPeriod);
  auto budi = SignIn("budi");
  auto detail = budi.Get(LeadPath(lead));
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(detail.json["lead"]["status"], "pending");
  EXPECT_EQ(detail.body.find("marah"), std::string::npos);
}

TEST_P(FloorApiTest, ALeadTheCallerMayNotSeeTellsNothingOfItself) {
  int64_t converted = AddLead("Kartika");
  int64_t rejected = AddLead("Lukman");
  auto ani = SignIn("ani");
  ASSERT_EQ(ani.Post(LeadPath(converted) + "/status", {{"status", "converted"}}).status, 200);
  ASSERT_EQ(ani.Post(LeadPath(rejected) + "/status", {{"status", "rejected"}}).status, 200);
  auto budi = SignIn("budi");
  auto missing = budi.Post(LeadPath(987654) + "/status", {{"status", "contacted"}});
  ASSERT_EQ(missing.status, 404);
  // A colleague's closed lead: 409 (as for two sales racing) that names no one and says
  // nothing of its status; its page is a 404 like a missing lead's.
  std::string first_message;
  for (int64_t id : {converted, rejected}) {
    for (const char* path : {"/status", "/attempts"}) {
      auto hidden = std::string(path) == "/status"
                        ? budi.Post(LeadPath(id) + path, {{"status", "contacted"}})
                        : budi.Post(LeadPath(id) + path, {{"outcome", "busy"}});
      EXPECT_EQ(hidden.status, 409) << id << path;
      const std::string message = hidden.json["error"]["message"].get<std::string>();
      for (const char* leak : {"Ani", "convert", "reject"}) {
        EXPECT_EQ(message.find(leak), std::string::npos) << message;
      }
      if (first_message.empty()) first_message = message.substr(message.find(" is "));
      EXPECT_EQ(message.substr(message.find(" is ")), first_message);
    }
    auto page = budi.Get(LeadPath(id));
    EXPECT_EQ(page.status, 404);
    EXPECT_EQ(page.json["error"]["message"].get<std::string>().substr(page.json["error"]["message"].get<std::string>().find(" does")),
              missing.json["error"]["message"].get<std::string>().substr(missing.json["error"]["message"].get<std::string>().find(" does")));
  }
  EXPECT_EQ(ActivityCount(converted), 1);
  EXPECT_EQ(ActivityCount(rejected), 1);
}

TEST_P(FloorApiTest, APhoneIsFoundHoweverItIsWritten) {
  Lead a;
  a.name = "Maya";
  a.phone = "0812-3456-7890";
  a.numeric[FindBankColumn("age")->slot] = 30;
  a.categorical[FindBankColumn("job")->slot] = "admin.";
  Lead b = a;
  b.name = "Nanda";
  b.phone = "+62 812-3456-7890";
  Lead c = a;
  c.name = "Oki";
  c.phone = "0813 1111 2222";
  int64_t ida = *store_->CreateLead(a, clock_.NowMs());
  int64_t idb = *store_->CreateLead(b, clock_.NowMs());
  ASSERT_TRUE(store_->CreateLead(c, clock_.NowMs()).ok());
  auto ani = SignIn("ani");
  for (const char* q : {"081234567890", "0812-3456-7890", "%2B62%20812-3456-7890",
                        "6281234567890"}) {
    auto found = ani.Get(std::string("/api/leads?q=") + q);
    ASSERT_EQ(found.status, 200) << q << found.body;
    EXPECT_EQ(found.json["total"], 2) << q;
    EXPECT_NE(FindItem(found.json, ida), nullptr) << q;
    EXPECT_NE(FindItem(found.json, idb), nullptr) << q;
  }
  // A part of the number, and names, still work.
  EXPECT_EQ(ani.Get("/api/leads?q=3456").json["total"], 2);
  EXPECT_EQ(ani.Get("/api/leads?q=maya").json["total"], 1);
  EXPECT_EQ(ani.Get("/api/leads?q=0813").json["total"], 1);
}

TEST_P(FloorApiTest, AttemptsAreLoggedWithoutAStatusChange) {
  int64_t lead = AddLead("Putra");
  auto ani = SignIn("ani");
  auto budi = SignIn("budi");
  const std::string path = LeadPath(lead) + "/attempts";

  // The first attempt of a pending lead makes the caller its owner, as contacting does.
  auto first = ani.Post(path, {{"outcome", "no_answer"}});
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json["lead"]["status"], "contacted");
  EXPECT_EQ(first.json["lead"]["owner"]["id"], ani_id_);
  EXPECT_EQ(first.json["lead"]["attempts"], 1);
  EXPECT_FALSE(first.json["lead"]["last_attempt_at"].is_null());
  EXPECT_EQ(ActivityCount(lead), 2);  // the take-over and the attempt

  clock_.Advance(kMsPerHour);
  const std::string at = FormatIsoTime(clock_.NowMs() + kMsPerDay);
  auto second = ani.Post(path, {{"outcome", "call_back"}, {"callback_at", at},
                                {"note", "minta ditelepon besok"}});
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.json["lead"]["status"], "contacted");
  EXPECT_EQ(second.json["lead"]["attempts"], 2);
  EXPECT_FALSE(second.json["lead"]["callback_at"].is_null());
  auto third = ani.Post(path, {{"outcome", "not_interested"}, {"reason", "sudah punya deposito"}});
  ASSERT_EQ(third.status, 201) << third.body;
  EXPECT_EQ(third.json["lead"]["status"], "contacted");
  const auto& history = third.json["lead"]["history"];
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(history[3]["kind"], "attempt");
  EXPECT_EQ(history[3]["outcome"], "not_interested");
  EXPECT_EQ(history[3]["reason"], "sudah punya deposito");

  // Another sales: 409 with the owner's name, nothing logged; the reason stays private.
  auto taken = budi.Post(path, {{"outcome", "busy"}});
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(budi.Get(LeadPath(lead)).body.find("deposito"), std::string::npos);
  EXPECT_EQ(ActivityCount(lead), 4);

  // Performa Saya and the admin's monitoring count attempts per day and outcome.
  auto perf = ani.Get("/api/me/performance?days=7");
  ASSERT_EQ(perf.status, 200) << perf.body;
  int64_t attempts = 0, no_answer = 0, changes = 0;
  for (const auto& day : perf.json["per_day"]) {
    attempts += day["attempts"].get<int64_t>();
    changes += day["changes"].get<int64_t>();
    if (day["attempts_by_outcome"].contains("no_answer")) {
      no_answer += day["attempts_by_outcome"]["no_answer"].get<int64_t>();
    }
  }
  EXPECT_EQ(attempts, 3);
  EXPECT_EQ(no_answer, 1);
  EXPECT_EQ(changes, 1);  // only the take-over is a status change
  auto team = SignIn("admin").Get("/api/performance?days=7");
  ASSERT_EQ(team.status, 200) << team.body;
  bool found = false;
  for (const auto& row : team.json["items"]) {
    if (row["user"]["id"] == ani_id_) {
      EXPECT_EQ(row["attempts_in_period"], 3);
      found = true;
    }
  }
  EXPECT_TRUE(found) << team.body;
}

TEST_P(FloorApiTest, BadAttemptsAre400AndChangeNothing) {
  int64_t lead = AddLead("Rina");
  auto ani = SignIn("ani");
  const std::string path = LeadPath(lead) + "/attempts";
  const std::string past = FormatIsoTime(clock_.NowMs() - kMsPerHour);
  const std::string future = FormatIsoTime(clock_.NowMs() + kMsPerHour);
  for (const nlohmann::json& body : {
           nlohmann::json{{"outcome", "answered"}},
           nlohmann::json{},
           nlohmann::json{{"outcome", "call_back"}, {"callback_at", past}},
           nlohmann::json{{"outcome", "busy"}, {"callback_at", future}},
           nlohmann::json{{"outcome", "busy"}, {"reason", "x"}},
           nlohmann::json{{"outcome", "busy"}, {"note", std::string(1001, 'x')}},
           nlohmann::json{{"outcome", "busy"}, {"extra", 1}},
           nlohmann::json{{"outcome", 3}},
       }) {
    auto r = ani.Post(path, body);
    EXPECT_EQ(r.status, 400) << body.dump() << " " << r.body;
    EXPECT_EQ(r.json["error"]["kind"], "invalid_argument") << body.dump();
  }
  EXPECT_EQ(ani.Post(LeadPath(987654) + "/attempts", {{"outcome", "busy"}}).status, 404);
  EXPECT_EQ(SignIn("admin").Post(path, {{"outcome", "busy"}}).status, 403);
  EXPECT_EQ(ActivityCount(lead), 0);
  auto detail = ani.Get(LeadPath(lead));
  EXPECT_EQ(detail.json["lead"]["status"], "pending");
  EXPECT_EQ(detail.json["lead"]["attempts"], 0);
}

LEADSCORE_API_SUITE(FloorApiTest);

}  // namespace
}  // namespace leadscore::http
