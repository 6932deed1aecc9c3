// No lead is stuck and no customer who asked is called, over HTTP on both engines
// (docs/ARCHITECTURE.md, "The sales floor"): an admin's assignment and release, the release of
// a deactivated, deleted or promoted account's leads, the stale-contacted setting, and the
// do-not-call mark.
#include "http/api_test_env.h"

namespace leadscore::http {
namespace {

using NoStuckLeadApiTest = ApiTest;

std::string LeadPath(int64_t id) { return "/api/leads/" + std::to_string(id); }

bool Listed(const nlohmann::json& list, int64_t id) {
  for (const auto& item : list["items"]) {
    if (item["id"] == id) return true;
  }
  return false;
}

TEST_P(NoStuckLeadApiTest, AnAdminAssignsAndReleasesALead) {
  const int64_t lead = AddLead("Sinta Maharani");
  auto admin = SignIn("admin");
  auto given = admin.Post(LeadPath(lead) + "/assign", {{"user_id", ani_id_}});
  ASSERT_EQ(given.status, 200) << given.body;
  EXPECT_EQ(given.json["lead"]["status"], "contacted");
  EXPECT_EQ(given.json["lead"]["owner"]["id"], ani_id_);
  const auto& entry = given.json["lead"]["history"].back();
  EXPECT_EQ(entry["kind"], "assign");
  EXPECT_EQ(entry["user"]["display_name"], "Admin Bank");
  EXPECT_EQ(entry["subject"]["display_name"], "Ani Wijaya");
  // Budi sees it followed up by Ani and cannot take it.
  auto budi = SignIn("budi");
  EXPECT_EQ(budi.Post(LeadPath(lead) + "/status", {{"status", "contacted"}}).status, 409);
  // Released: anyone's again, and in the admin's activity log.
  auto released = admin.Post(LeadPath(lead) + "/assign", {{"user_id", nullptr}});
  ASSERT_EQ(released.status, 200) << released.body;
  EXPECT_EQ(released.json["lead"]["status"], "pending");
  EXPECT_TRUE(released.json["lead"]["owner"].is_null());
  auto log = admin.Get("/api/activity");
  ASSERT_EQ(log.status, 200);
  EXPECT_EQ(log.json["items"][0]["kind"], "release");
  EXPECT_EQ(log.json["items"][0]["subject"]["id"], ani_id_);
  EXPECT_EQ(budi.Post(LeadPath(lead) + "/status", {{"status", "contacted"}}).status, 200);
  // Sales may not assign.
  EXPECT_EQ(budi.Post(LeadPath(lead) + "/assign", {{"user_id", budi_id_}}).status, 403);
}

TEST_P(NoStuckLeadApiTest, BadAssignmentsAre400Or404AndChangeNothing) {
  const int64_t lead = AddLead("Taufik");
  auto admin = SignIn("admin");
  ASSERT_EQ(admin.Patch("/api/users/" + std::to_string(budi_id_), {{"active", false}}).status, 200);
  const int64_t before = ActivityCount();
  for (const nlohmann::json& body :
       {nlohmann::json{{"user_id", budi_id_}}, nlohmann::json{{"user_id", admin_id_}},
        nlohmann::json{{"user_id", 9999}}, nlohmann::json::object(),
        nlohmann::json{{"user_id", "ani"}}, nlohmann::json{{"user_id", ani_id_}, {"x", 1}}}) {
    auto answer = admin.Post(LeadPath(lead) + "/assign", body);
    EXPECT_EQ(answer.status, 400) << body.dump() << " " << answer.body;
    EXPECT_TRUE(answer.json["error"]["message"].is_string());
  }
  EXPECT_EQ(admin.Post(LeadPath(9999) + "/assign", {{"user_id", ani_id_}}).status, 404);
  auto ani = SignIn("ani");
  ASSERT_EQ(ani.Post(LeadPath(lead) + "/status", {{"status", "converted"}}).status, 200);
  auto closed = admin.Post(LeadPath(lead) + "/assign", {{"user_id", ani_id_}});
  EXPECT_EQ(closed.status, 400);
  EXPECT_NE(closed.body.find("converted"), std::string::npos);
  EXPECT_EQ(ActivityCount(), before + 1);  // only the conversion
}

TEST_P(NoStuckLeadApiTest, DeactivatingDeletingAndPromotingReleaseOpenLeads) {
  const int64_t a = AddLead("Umar");
  const int64_t b = AddLead("Vina");
  auto admin = SignIn("admin");
  auto ani = SignIn("ani");
  ASSERT_EQ(ani.Post(LeadPath(a) + "/status", {{"status", "contacted"}}).status, 200);
  ASSERT_EQ(admin.Patch("/api/users/" + std::to_string(ani_id_), {{"active", false}}).status, 200);
  auto lead_a = admin.Get(LeadPath(a));
  EXPECT_EQ(lead_a.json["lead"]["status"], "pending");
  EXPECT_EQ(lead_a.json["lead"]["history"].back()["kind"], "release");
  EXPECT_EQ(lead_a.json["lead"]["history"].back()["user"]["id"], admin_id_);

  // Promoted to admin.
  auto budi = SignIn("budi");
  ASSERT_EQ(budi.Post(LeadPath(b) + "/status", {{"status", "contacted"}}).status, 200);
  ASSERT_EQ(admin.Patch("/api/users/" + std::to_string(budi_id_), {{"role", "admin"}}).status, 200);
  EXPECT_EQ(admin.Get(LeadPath(b)).json["lead"]["status"], "pending");

  // Deleted: a sales person who only had a lead given to them.
  const int64_t cici = AddUser("cici", Role::kSales, "Cici");
  const int64_t c = AddLead("Wawan");
  ASSERT_EQ(admin.Post(LeadPath(c) + "/assign", {{"user_id", cici}}).status, 200);
  ASSERT_EQ(admin.Delete("/api/users/" + std::to_string(cici)).status, 204);
  EXPECT_EQ(admin.Get(LeadPath(c)).json["lead"]["status"], "pending");
  // One with activity is still kept.
  EXPECT_EQ(admin.Delete("/api/users/" + std::to_string(ani_id_)).status, 409);
}

TEST_P(NoStuckLeadApiTest, TheStalePeriodIsASettingAndTheLeadReturnsAtIt) {
  auto admin = SignIn("admin");
  auto got = admin.Get("/api/settings/follow-up");
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.json["stale_contacted_days"], 14);
  EXPECT_EQ(got.json["reject_period_hours"], 24);
  EXPECT_EQ(admin.Put("/api/settings/follow-up", {{"stale_contacted_days", 0}}).status, 400);
  EXPECT_EQ(admin.Put("/api/settings/follow-up", {{"stale_contacted_days", 366}}).status, 400);
  EXPECT_EQ(admin.Put("/api/settings/follow-up", {{"days", 3}}).status, 400);
  auto put = admin.Put("/api/settings/follow-up", {{"stale_contacted_days", 3}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json["stale_contacted_days"], 3);
  EXPECT_EQ(put.json["updated_by"], "admin");
  EXPECT_EQ(SignIn("ani").Get("/api/settings/follow-up").status, 403);

  const int64_t lead = AddLead("Yusuf");
  auto ani = SignIn("ani");
  ASSERT_EQ(ani.Post(LeadPath(lead) + "/status", {{"status", "contacted"}}).status, 200);
  const TimeMs at = clock_.NowMs();
  clock_.Set(at + 3 * kMsPerDay - 1);
  auto budi_later = SignIn("budi");  // the sessions of three days ago have expired
  EXPECT_EQ(budi_later.Get(LeadPath(lead)).json["lead"]["status"], "contacted");
  EXPECT_EQ(budi_later.Post(LeadPath(lead) + "/status", {{"status", "contacted"}}).status, 409);
  clock_.Set(at + 3 * kMsPerDay);
  auto list = budi_later.Get("/api/leads?status=pending");
  EXPECT_TRUE(Listed(list.json, lead));
  EXPECT_EQ(budi_later.Post(LeadPath(lead) + "/status", {{"status", "contacted"}}).status, 200);
}

TEST_P(NoStuckLeadApiTest, DoNotCallHidesTheLeadFromSalesAndRefusesCalls) {
  const int64_t lead = AddLead("Zahra Putri");
  const int64_t other = AddLead("Agus");
  auto ani = SignIn("ani");
  auto budi = SignIn("budi");
  auto admin = SignIn("admin");
  EXPECT_EQ(budi.Get("/api/leads").json["total"], 2);

  EXPECT_EQ(ani.Patch(LeadPath(lead), {{"do_not_call", "yes"}}).status, 400);
  EXPECT_EQ(ani.Patch(LeadPath(lead), nlohmann::json::object()).status, 400);
  EXPECT_EQ(ani.Patch(LeadPath(lead), {{"name", "X"}}).status, 403);
  EXPECT_EQ(admin.Patch(LeadPath(lead), {{"do_not_call", true}, {"name", "X"}}).status, 400);
  EXPECT_EQ(ani.Patch(LeadPath(9999), {{"do_not_call", true}}).status, 404);
  auto marked = ani.Patch(LeadPath(lead), {{"do_not_call", true},
                                           {"consent_note", "minta tidak dihubungi lagi"}});
  ASSERT_EQ(marked.status, 200) << marked.body;
  EXPECT_EQ(marked.json["lead"]["do_not_call"], true);
  EXPECT_EQ(marked.json["lead"]["history"].back()["kind"], "do_not_call");
  EXPECT_EQ(marked.json["lead"]["history"].back()["note"], "minta tidak dihubungi lagi");

  auto list = budi.Get("/api/leads");
  EXPECT_FALSE(Listed(list.json, lead));
  EXPECT_TRUE(Listed(list.json, other));
  EXPECT_EQ(list.json["total"], 1);
  EXPECT_EQ(budi.Get("/api/leads/stats").json["total"], 1);
  auto refused = budi.Post(LeadPath(lead) + "/status", {{"status", "contacted"}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("do-not-call"), std::string::npos);
  EXPECT_EQ(budi.Post(LeadPath(lead) + "/attempts", {{"outcome", "no_answer"}}).status, 409);
  auto admin_list = admin.Get("/api/leads");
  EXPECT_TRUE(Listed(admin_list.json, lead));
  // Only an admin clears it.
  EXPECT_EQ(ani.Patch(LeadPath(lead), {{"do_not_call", false}}).status, 403);
  auto export_csv = admin.Get("/api/leads/export");
  ASSERT_EQ(export_csv.status, 200);
  EXPECT_NE(export_csv.body.find("do_not_call"), std::string::npos);
  EXPECT_NE(export_csv.body.find(";true\n"), std::string::npos);
  auto cleared = admin.Patch(LeadPath(lead), {{"do_not_call", false}, {"consent_note", "asked"}});
  ASSERT_EQ(cleared.status, 200);
  EXPECT_EQ(cleared.json["lead"]["do_not_call"], false);
  EXPECT_EQ(budi.Get("/api/leads").json["total"], 2);
}

TEST_P(NoStuckLeadApiTest, ReimportingTheFileKeepsTheCustomerMarked) {
  auto admin = SignIn("admin");
  const std::string file = "name;phone;age;job\nDewi Lestari;0812 4444 5555;35;admin.\n"
                           "Eko Prasetyo;0813 6666 7777;41;services\n";
  auto imported = admin.PostRaw("/api/leads/import", file, "text/csv");
  ASSERT_EQ(imported.status, 200) << imported.body;
  auto leads = admin.Get("/api/leads?sort=name");
  ASSERT_EQ(leads.json["items"].size(), 2u) << imported.body << leads.body;
  const int64_t dewi = leads.json["items"][0]["id"];
  auto ani = SignIn("ani");
  ASSERT_EQ(ani.Patch(LeadPath(dewi), {{"do_not_call", true}, {"consent_note", "by phone"}}).status,
            200);
  // The same customers again (keyed by their phones): the same two leads, updated in place.
  auto again = admin.PostRaw("/api/leads/import", file, "text/csv");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(admin.Get("/api/leads").json["total"], 2) << again.body;
  auto sales_list = ani.Get("/api/leads");
  EXPECT_EQ(sales_list.json["total"], 1);  // Eko only
  for (const auto& item : sales_list.json["items"]) EXPECT_EQ(item["name"], "Eko Prasetyo");
  int marked = 0;
  auto admin_list = admin.Get("/api/leads");
  for (const auto& item : admin_list.json["items"]) {
    if (item["name"] == "Dewi Lestari") {
      EXPECT_EQ(item["do_not_call"], true);
      ++marked;
    }
  }
  EXPECT_EQ(marked, 1);
}

LEADSCORE_API_SUITE(NoStuckLeadApiTest);

}  // namespace
}  // namespace leadscore::http
