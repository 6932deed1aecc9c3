// Mistakes can be undone (docs/ARCHITECTURE.md) over HTTP, on both engines: POST
// /api/leads/{id}/undo by the author within five minutes (the clock set at the boundary), refused
// for anyone else and after someone else acted, without telling of a lead the caller may not see;
// POST /api/leads/{id}/revert by an admin with a reason; the undo offer on the lead's page; and a
// sales person's closed leads out of their call list, in their performance.
#include <algorithm>

#include "http/api_test_env.h"

namespace leadscore::http {
namespace {

using UndoApiTest = ApiTest;

std::string LeadPath(int64_t id) { return "/api/leads/" + std::to_string(id); }

bool Listed(const nlohmann::json& list, int64_t id) {
  for (const auto& item : list["items"]) {
    if (item["id"] == id) return true;
  }
  return false;
}

TEST_P(UndoApiTest, TheAuthorUndoesWithinFiveMinutesAndTheLeadIsBack) {
  int64_t lead = AddLead("Sri Wahyuni");
  auto ani = SignIn("ani");
  auto budi = SignIn("budi");
  const std::string at = FormatIsoTime(clock_.NowMs() + 2 * kMsPerHour);
  ASSERT_EQ(ani.Post(LeadPath(lead) + "/status", {{"status", "contacted"}, {"callback_at", at}})
                .status,
            200);
  auto closed = ani.Post(LeadPath(lead) + "/status", {{"status", "converted"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  const TimeMs moved = clock_.NowMs();
  EXPECT_EQ(closed.json["lead"]["undo_until"], FormatIsoTime(moved + kUndoWindow));
  EXPECT_FALSE(Listed(ani.Get("/api/leads").json, lead));
  EXPECT_TRUE(budi.Get(LeadPath(lead)).json["lead"]["undo_until"].is_null() ||
              budi.Get(LeadPath(lead)).status == 404);

  clock_.Set(moved + kUndoWindow);  // the last millisecond of the window
  auto undone = ani.Post(LeadPath(lead) + "/undo", nlohmann::json::object());
  ASSERT_EQ(undone.status, 200) << undone.body;
  const auto& back = undone.json["lead"];
  EXPECT_EQ(back["status"], "contacted");
  EXPECT_EQ(back["is_mine"], true);
  EXPECT_EQ(back["callback_at"], at);
  EXPECT_TRUE(back["undo_until"].is_null());
  const auto& history = back["history"];
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[2]["kind"], "undo");
  EXPECT_EQ(history[2]["from_status"], "converted");
  EXPECT_EQ(history[2]["to_status"], "contacted");
  EXPECT_EQ(history[2]["user"]["display_name"], "Ani Wijaya");
  EXPECT_TRUE(Listed(ani.Get("/api/leads").json, lead));
  EXPECT_EQ(ActivityCount(lead), 3);

  // Undone once; the second time there is nothing of hers to take back.
  EXPECT_EQ(ani.Post(LeadPath(lead) + "/undo", nlohmann::json::object()).status, 409);
}

TEST_P(UndoApiTest, AfterTheWindowTheUndoIsRefusedAndNothingChanges) {
  int64_t lead = AddLead("Tono");
  auto ani = SignIn("ani");
  ASSERT_EQ(ani.Post(LeadPath(lead) + "/status", {{"status", "rejected"}}).status, 200);
  clock_.Advance(kUndoWindow + 1);
  EXPECT_TRUE(ani.Get(LeadPath(lead)).json["lead"]["undo_until"].is_null());
  auto late = ani.Post(LeadPath(lead) + "/undo", nlohmann::json::object());
  ASSERT_EQ(late.status, 409) << late.body;
  EXPECT_NE(late.json["error"]["message"].get<std::string>().find("5 minutes"), std::string::npos);
  EXPECT_EQ(ani.Get(LeadPath(lead)).json["lead"]["status"], "rejected");
  EXPECT_EQ(ActivityCount(lead), 1);
}

TEST_P(UndoApiTest, NobodyButTheAuthorUndoesAndAHiddenLeadTellsNothing) {
  int64_t lead = AddLead("Umar");
  auto ani = SignIn("ani");
  auto budi = SignIn("budi");
  auto admin = SignIn("admin");
  ASSERT_EQ(ani.Post(LeadPath(lead) + "/status", {{"status", "converted"}}).status, 200);

  auto hidden = budi.Post(LeadPath(lead) + "/undo", nlohmann::json::object());
  auto missing = budi.Post(LeadPath(987654) + "/undo", nlohmann::json::object());
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(missing.status, 404);
  const std::string hidden_message = hidden.json["error"]["message"];
  const std::string missing_message = missing.json["error"]["message"];
  EXPECT_EQ(hidden_message.substr(hidden_message.find(" does")),
            missing_message.substr(missing_message.find(" does")));
  for (const char* leak : {"Ani", "convert", "minute"}) {
    EXPECT_EQ(hidden.body.find(leak), std::string::npos) << hidden.body;
  }
  EXPECT_EQ(admin.Post(LeadPath(lead) + "/undo", nlohmann::json::object()).status, 403);
  EXPECT_EQ(ani.Post(LeadPath(lead) + "/undo", {{"extra", 1}}).status, 400);
  EXPECT_EQ(ActivityCount(lead), 1);
}

TEST_P(UndoApiTest, SomeoneElsesActionSinceTheMoveBlocksTheUndo) {
  int64_t lead = AddLead("Vina");
  auto ani = SignIn("ani");
  auto admin = SignIn("admin");
  ASSERT_EQ(ani.Post(LeadPath(lead) + "/status", {{"status", "converted"}}).status, 200);
  clock_.Advance(kMsPerSecond);
  ASSERT_EQ(admin.Patch(LeadPath(lead), {{"do_not_call", true}, {"consent_note", "by phone"}})
                .status,
            200);
  EXPECT_TRUE(ani.Get(LeadPath(lead)).json["lead"]["undo_until"].is_null());
  auto refused = ani.Post(LeadPath(lead) + "/undo", nlohmann::json::object());
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.json["error"]["message"].get<std::string>().find("changed since"),
            std::string::npos);
  EXPECT_EQ(ani.Get(LeadPath(lead)).json["lead"]["status"], "converted");
  EXPECT_EQ(ActivityCount(lead), 2);
}

TEST_P(UndoApiTest, AnAdminRevertsOnlyWithAReason) {
  int64_t lead = AddLead("Wulan");
  auto ani = SignIn("ani");
  auto admin = SignIn("admin");
  ASSERT_EQ(ani.Post(LeadPath(lead) + "/status", {{"status", "contacted"}}).status, 200);
  ASSERT_EQ(ani.Post(LeadPath(lead) + "/status", {{"status", "converted"}}).status, 200);
  clock_.Advance(kUndoWindow + kMsPerHour);  // long past the undo
  EXPECT_EQ(admin.Get(LeadPath(lead)).json["lead"]["may_revert"], true);

  for (const nlohmann::json& bad :
       {nlohmann::json::object(), nlohmann::json{{"reason", ""}}, nlohmann::json{{"reason", "  "}},
        nlohmann::json{{"reason", std::string(kMaxReasonLength + 1, 'x')}},
        nlohmann::json{{"reason", 5}}, nlohmann::json{{"reason", "ok"}, {"other", 1}}}) {
    auto refused = admin.Post(LeadPath(lead) + "/revert", bad);
    EXPECT_EQ(refused.status, 400) << bad.dump() << " " << refused.body;
  }
  EXPECT_EQ(ActivityCount(lead), 2);
  EXPECT_EQ(ani.Post(LeadPath(lead) + "/revert", {{"reason", "mistake"}}).status, 403);

  auto reverted = admin.Post(LeadPath(lead) + "/revert", {{"reason", "deposit was cancelled"}});
  ASSERT_EQ(reverted.status, 200) << reverted.body;
  EXPECT_EQ(reverted.json["lead"]["status"], "contacted");
  EXPECT_EQ(reverted.json["lead"]["may_revert"], false);
  const auto& last = reverted.json["lead"]["history"].back();
  EXPECT_EQ(last["kind"], "revert");
  EXPECT_EQ(last["reason"], "deposit was cancelled");
  EXPECT_EQ(last["user"]["display_name"], "Admin Bank");
  EXPECT_EQ(last["subject"]["display_name"], "Ani Wijaya");
  EXPECT_EQ(ActivityCount(lead), 3);
  EXPECT_TRUE(Listed(ani.Get("/api/leads").json, lead));

  // An open lead is not reverted: 409, nothing logged.
  EXPECT_EQ(admin.Post(LeadPath(lead) + "/revert", {{"reason", "again"}}).status, 409);
  EXPECT_EQ(ActivityCount(lead), 3);
}

TEST_P(UndoApiTest, OwnClosedLeadsAreInPerformanceNotInTheCallList) {
  int64_t converted = AddLead("Xena");
  int64_t rejected = AddLead("Yusuf");
  int64_t open = AddLead("Zaki");
  auto ani = SignIn("ani");
  ASSERT_EQ(ani.Post(LeadPath(converted) + "/status", {{"status", "converted"}}).status, 200);
  ASSERT_EQ(ani.Post(LeadPath(rejected) + "/status", {{"status", "rejected"}}).status, 200);

  auto list = ani.Get("/api/leads");
  ASSERT_EQ(list.status, 200);
  EXPECT_FALSE(Listed(list.json, converted));
  EXPECT_FALSE(Listed(list.json, rejected));
  EXPECT_TRUE(Listed(list.json, open));
  EXPECT_EQ(list.json["total"], 1);
  auto mine = ani.Get("/api/leads?mine=true");
  EXPECT_EQ(mine.json["total"], 0);

  auto perf = ani.Get("/api/me/performance");
  ASSERT_EQ(perf.status, 200) << perf.body;
  EXPECT_EQ(perf.json["counts"]["converted"], 1) << perf.body;
  EXPECT_EQ(perf.json["counts"]["rejected"], 1) << perf.body;
  std::vector<int64_t> followed;
  for (const auto& l : perf.json["leads"]) followed.push_back(l["id"].get<int64_t>());
  EXPECT_NE(std::find(followed.begin(), followed.end(), converted), followed.end()) << perf.body;
  EXPECT_NE(std::find(followed.begin(), followed.end(), rejected), followed.end()) << perf.body;
  // Opened from there, the page is hers.
  EXPECT_EQ(ani.Get(LeadPath(converted)).status, 200);
}

LEADSCORE_API_SUITE(UndoApiTest);

}  // namespace
}  // namespace leadscore::http
