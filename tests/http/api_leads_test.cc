// The lead workflow (docs/ARCHITECTURE.md, "Status rules and visibility") over HTTP, on
// both engines: ownership and 409, what each
// sales sees, the 24-hour return of rejected leads with the clock moved, call-backs, the race
// of two sales on one lead, and bad input that must change nothing.
#include <atomic>
#include <thread>
#include <vector>

#include "http/api_test_env.h"

namespace leadscore::http {
namespace {

using LeadsApiTest = ApiTest;

std::string StatusPath(int64_t id) { return "/api/leads/" + std::to_string(id) + "/status"; }

const nlohmann::json* FindItem(const nlohmann::json& list, int64_t id) {
  for (const auto& item : list["items"]) {
    if (item["id"] == id) return &item;
  }
  return nullptr;
}

TEST_P(LeadsApiTest, TheFirstSalesToMoveALeadOwnsItAndOthersGet409WithTheName) {
  int64_t lead = AddLead("Eka Putri");
  auto ani = SignIn("ani");
  auto budi = SignIn("budi");

  auto contacted = ani.Post(StatusPath(lead), {{"status", "contacted"}, {"note", "call back Monday"}});
  ASSERT_EQ(contacted.status, 200) << contacted.body;
  EXPECT_EQ(contacted.json["lead"]["status"], "contacted");
  EXPECT_EQ(contacted.json["lead"]["is_mine"], true);
  EXPECT_EQ(contacted.json["lead"]["history"].size(), 1u);
  EXPECT_EQ(contacted.json["lead"]["history"][0]["note"], "call back Monday");

  auto taken = budi.Post(StatusPath(lead), {{"status", "converted"}});
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(taken.json["error"]["kind"], "conflict");
  EXPECT_NE(taken.json["error"]["message"].get<std::string>().find("being followed up by Ani Wijaya"),
            std::string::npos)
      << taken.body;

  // Contacted stays in Budi's list, marked with the owner's name, and cannot be moved by him.
  auto list = budi.Get("/api/leads");
  ASSERT_EQ(list.status, 200);
  const nlohmann::json* item = FindItem(list.json, lead);
  ASSERT_NE(item, nullptr);
  EXPECT_EQ((*item)["followed_up_by"], "Ani Wijaya");
  EXPECT_EQ((*item)["is_mine"], false);
  auto detail = budi.Get("/api/leads/" + std::to_string(lead));
  EXPECT_TRUE(detail.json["lead"]["allowed_statuses"].empty());
  EXPECT_EQ(ActivityCount(lead), 1);
}

TEST_P(LeadsApiTest, AConvertedLeadLeavesEveryOtherList) {
  int64_t lead = AddLead("Fajar");
  AddLead("Gita");
  auto ani = SignIn("ani");
  auto budi = SignIn("budi");
  ASSERT_EQ(ani.Post(StatusPath(lead), {{"status", "converted"}}).status, 200);

  auto budi_list = budi.Get("/api/leads");
  EXPECT_EQ(FindItem(budi_list.json, lead), nullptr);
  EXPECT_EQ(budi_list.json["total"], 1);
  EXPECT_EQ(budi.Get("/api/leads/" + std::to_string(lead)).status, 404);
  // Out of the owner's call list too (it is in her performance); she still opens it, and it is
  // final.
  auto mine = ani.Get("/api/leads?mine=true");
  EXPECT_EQ(FindItem(mine.json, lead), nullptr);
  EXPECT_EQ(ani.Get("/api/leads/" + std::to_string(lead)).status, 200);
  auto again = ani.Post(StatusPath(lead), {{"status", "rejected"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json["error"]["kind"], "failed_precondition");
  // The admin sees every lead.
  EXPECT_EQ(SignIn("admin").Get("/api/leads").json["total"], 2);
}

TEST_P(LeadsApiTest, ARejectedLeadIsHiddenAndReturnsToEveryone24HoursLater) {
  int64_t lead = AddLead("Hadi");
  auto ani = SignIn("ani");
  ASSERT_EQ(ani.Post(StatusPath(lead), {{"status", "rejected"}}).status, 200);
  EXPECT_EQ(FindItem(SignIn("budi").Get("/api/leads").json, lead), nullptr);

  clock_.Advance(23 * kMsPerHour);
  auto budi = SignIn("budi");  // sessions last 12 hours: sign in again
  EXPECT_EQ(FindItem(budi.Get("/api/leads").json, lead), nullptr);
  EXPECT_EQ(budi.Post(StatusPath(lead), {{"status", "contacted"}}).status, 409);  // still Ani's

  // No sweep ran: the return is read from the clock.
  clock_.Advance(1 * kMsPerHour);
  auto list = budi.Get("/api/leads?status=pending");
  const nlohmann::json* item = FindItem(list.json, lead);
  ASSERT_NE(item, nullptr) << list.body;
  EXPECT_EQ((*item)["status"], "pending");
  EXPECT_TRUE((*item)["owner"].is_null());
  auto taken = budi.Post(StatusPath(lead), {{"status", "contacted"}});
  ASSERT_EQ(taken.status, 200) << taken.body;
  EXPECT_EQ(taken.json["lead"]["owner"]["id"], budi_id_);
}

TEST_P(LeadsApiTest, ADueCallBackTopsTheOwnersList) {
  for (int i = 0; i < 5; ++i) AddLead("Lead " + std::to_string(i));
  int64_t later = AddLead("Indah");
  auto ani = SignIn("ani");
  std::string at = FormatIsoTime(clock_.NowMs() + 2 * kMsPerHour);
  auto set = ani.Post(StatusPath(later), {{"status", "contacted"}, {"callback_at", at}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json["lead"]["callback_at"], at);
  EXPECT_EQ(set.json["lead"]["callback_due"], false);

  clock_.Advance(3 * kMsPerHour);
  auto list = ani.Get("/api/leads");
  ASSERT_FALSE(list.json["items"].empty());
  EXPECT_EQ(list.json["items"][0]["id"], later);
  EXPECT_EQ(list.json["items"][0]["callback_due"], true);
}

TEST_P(LeadsApiTest, TwoSalesRacingOnOneLeadFromManyThreadsGiveOneWinner) {
  int64_t lead = AddLead("Joko");
  auto ani = SignIn("ani");
  auto budi = SignIn("budi");
  std::atomic<int> ok{0}, conflict{0}, other{0};
  std::atomic<int> ani_won{0};
  std::mutex others_mutex;
  std::vector<std::string> others;  // what the other answers said
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      ApiClient client(port_, t % 2 == 0 ? ani.cookie() : budi.cookie());
      auto a = client.Post(StatusPath(lead), {{"status", "converted"}});
      if (a.status == 200) {
        ++ok;
        if (t % 2 == 0) ++ani_won;
      } else if (a.status == 409) {
        ++conflict;
      } else {
        ++other;
        std::lock_guard<std::mutex> lock(others_mutex);
        others.push_back(std::to_string(a.status) + " " + a.body);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(conflict.load(), 15);
  EXPECT_EQ(other.load(), 0) << (others.empty() ? "" : others.front());
  EXPECT_EQ(ActivityCount(lead), 1);
  auto admin = SignIn("admin");
  auto detail = admin.Get("/api/leads/" + std::to_string(lead));
  EXPECT_EQ(detail.json["lead"]["owner"]["id"], ani_won.load() ? ani_id_ : budi_id_);
}

TEST_P(LeadsApiTest, BadBodiesAndParametersAre400Or404AndChangeNothing) {
  int64_t lead = AddLead("Kartika");
  auto ani = SignIn("ani");
  const std::string path = StatusPath(lead);
  const std::vector<std::pair<std::string, int>> bodies = {
      {R"({"status":"pending"})", 400},
      {R"({"status":5})", 400},
      {R"({})", 400},
      {R"({"status":"contacted","owner_id":3})", 400},
      {R"({"status":"converted","callback_at":"2099-01-01T00:00:00Z"})", 400},
      {R"({"status":"contacted","callback_at":"tomorrow"})", 400},
      {R"({"status":"contacted","callback_at":"2000-01-01T00:00:00Z"})", 400},
      {R"({"status":"contacted","note":")" + std::string(5000, 'x') + R"("})", 400},
      {R"([1,2,3])", 400},
      {R"({"status":"contacted")", 400},
      {R"({"status":"'; DROP TABLE leads; --"})", 400},
  };
  for (const auto& [body, code] : bodies) {
    auto a = ani.PostRaw(path, body, "application/json");
    EXPECT_EQ(a.status, code) << body.substr(0, 80) << " -> " << a.body;
    EXPECT_EQ(a.json["error"]["kind"], "invalid_argument") << a.body;
  }
  EXPECT_EQ(ani.Post("/api/leads/abc/status", {{"status", "contacted"}}).status, 400);
  EXPECT_EQ(ani.Post("/api/leads/99999999999999999999/status", {{"status", "contacted"}}).status, 400);
  EXPECT_EQ(ani.Post("/api/leads/987654/status", {{"status", "contacted"}}).status, 404);

  for (const std::string q : {"page=0", "page=abc", "size=0", "size=100000", "sort=evil",
                              "status=lost", "grade=Z", "page=99999999999999999999"}) {
    EXPECT_EQ(ani.Get("/api/leads?" + q).status, 400) << q;
  }
  auto injection = ani.Get("/api/leads?q=%27%3B%20DROP%20TABLE%20leads%3B%20--");
  EXPECT_EQ(injection.status, 200);
  EXPECT_EQ(injection.json["total"], 0);

  EXPECT_EQ(ActivityCount(), 0);
  auto detail = ani.Get("/api/leads/" + std::to_string(lead));
  ASSERT_EQ(detail.status, 200);
  EXPECT_EQ(detail.json["lead"]["status"], "pending");
  EXPECT_EQ(ani.Get("/api/leads").json["total"], 1);
}

TEST_P(LeadsApiTest, AdminCreatesEditsAndDeletesLeads) {
  auto admin = SignIn("admin");
  auto created = admin.Post("/api/leads", {{"name", "Lestari"},
                                           {"phone", "+62 811 1234"},
                                           {"fields", {{"age", 35}, {"job", "services"}, {"pdays", nullptr}}},
                                           {"extra", {{"branch", "Bandung"}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  int64_t id = created.json["lead"]["id"];
  EXPECT_EQ(created.json["lead"]["fields"]["age"], 35.0);
  EXPECT_EQ(created.json["lead"]["extra"]["branch"], "Bandung");
  EXPECT_EQ(created.json["lead"]["status"], "pending");

  auto bad = admin.Post("/api/leads", {{"name", "X"}, {"fields", {{"age", "old"}}}});
  EXPECT_EQ(bad.status, 400);
  auto unknown = admin.Post("/api/leads", {{"name", "X"}, {"fields", {{"salary", 5}}}});
  EXPECT_EQ(unknown.status, 400);
  auto nameless = admin.Post("/api/leads", {{"phone", "1"}});
  EXPECT_EQ(nameless.status, 400);

  auto edited = admin.Patch("/api/leads/" + std::to_string(id), {{"fields", {{"age", 36}}}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json["lead"]["fields"]["age"], 36.0);
  EXPECT_EQ(edited.json["lead"]["name"], "Lestari");

  EXPECT_EQ(admin.Delete("/api/leads/" + std::to_string(id)).status, 204);
  EXPECT_EQ(admin.Get("/api/leads/" + std::to_string(id)).status, 404);
  EXPECT_EQ(admin.Get("/api/leads").json["total"], 0);
}

TEST_P(LeadsApiTest, CsvImportIsAllOrNothingAndExportStreamsCsv) {
  auto admin = SignIn("admin");
  const std::string good =
      "age;job;marital;education;default;housing;loan;contact;month;day_of_week;campaign;pdays;"
      "previous;poutcome;y\n"
      "41;technician;married;university.degree;no;yes;no;cellular;may;mon;1;999;0;nonexistent;no\n"
      "30;admin.;single;high.school;no;no;no;telephone;jun;tue;2;999;0;nonexistent;yes\n";
  const std::string bad = good + "abc;admin.;single;high.school;no;no;no;telephone;jun;tue;2;999;0;nonexistent;yes\n";

  auto refused = admin.PostRaw("/api/leads/import", bad, "text/csv");
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.json["error"]["details"]["errors"][0]["line"], 4);
  EXPECT_EQ(admin.Get("/api/leads").json["total"], 0);

  auto as_json = admin.PostRaw("/api/leads/import", good, "application/json");
  EXPECT_EQ(as_json.status, 415);

  auto imported = admin.PostRaw("/api/leads/import", good, "text/csv");
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.json["imported"], 2);
  EXPECT_EQ(admin.Get("/api/leads").json["total"], 2);

  auto exported = admin.Get("/api/leads/export");
  ASSERT_EQ(exported.status, 200);
  EXPECT_NE(exported.body.substr(0, exported.body.find('\n')).find("age"), std::string::npos)
      << exported.body.substr(0, 200);
  EXPECT_EQ(std::count(exported.body.begin(), exported.body.end(), '\n'), 3);
}

TEST_P(LeadsApiTest, PerformanceAndActivityFollowTheChanges) {
  int64_t a = AddLead("Maya");
  int64_t b = AddLead("Nanda");
  auto ani = SignIn("ani");
  ASSERT_EQ(ani.Post(StatusPath(a), {{"status", "contacted"}}).status, 200);
  ASSERT_EQ(ani.Post(StatusPath(a), {{"status", "converted"}}).status, 200);
  ASSERT_EQ(ani.Post(StatusPath(b), {{"status", "rejected"}}).status, 200);

  auto perf = ani.Get("/api/me/performance?days=7");
  ASSERT_EQ(perf.status, 200) << perf.body;
  EXPECT_EQ(perf.json["counts"]["converted"], 1);
  EXPECT_EQ(perf.json["counts"]["rejected"], 1);
  EXPECT_DOUBLE_EQ(perf.json["conversion_rate"].get<double>(), 0.5);
  ASSERT_EQ(perf.json["per_day"].size(), 7u);
  EXPECT_EQ(perf.json["per_day"][6]["changes"], 3);
  EXPECT_EQ(perf.json["per_day"][6]["converted"], 1);

  auto admin = SignIn("admin");
  auto activity = admin.Get("/api/activity?user_id=" + std::to_string(ani_id_));
  ASSERT_EQ(activity.status, 200);
  EXPECT_EQ(activity.json["total"], 3);
  EXPECT_EQ(admin.Get("/api/activity?user_id=" + std::to_string(budi_id_)).json["total"], 0);
  auto team = admin.Get("/api/performance");
  ASSERT_EQ(team.status, 200);
  EXPECT_EQ(team.json["items"].size(), 2u);
  auto of_ani = admin.Get("/api/users/" + std::to_string(ani_id_) + "/performance");
  EXPECT_EQ(of_ani.json["counts"]["converted"], 1);
  EXPECT_EQ(admin.Get("/api/activity?from=yesterday").status, 400);
}

LEADSCORE_API_SUITE(LeadsApiTest);

}  // namespace
}  // namespace leadscore::http
