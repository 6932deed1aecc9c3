// The ranked list's segments and the lead statistics over HTTP, on both engines: each item's
// cluster and persona in the newest segmentation built from the leads (or the one asked for),
// the segment filter, and GET /api/leads/stats against counts computed here from the leads the
// test made, for each role, with filters, unsigned and with bad parameters.
#include <map>
#include <set>

#include "http/api_test_env.h"
#include "service/segmentation.h"

namespace leadscore::http {
namespace {

class ListApiTest : public ApiTest {
 protected:
  int64_t AddCustomer(const std::string& name, double age, std::optional<double> balance) {
    Lead lead;
    lead.name = name;
    lead.phone = "+62 811 " + std::to_string(age);
    lead.numeric[FindBankColumn("age")->slot] = age;
    if (balance) lead.numeric[FindBankColumn("balance")->slot] = *balance;
    auto id = store_->CreateLead(lead, clock_.NowMs());
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  Result<SegmentationInfo> BuildFromLeads(int k) {
    SegmentationRequest request;
    request.source = "leads";
    request.features = {"age", "balance"};
    request.k = k;
    request.name = "leads, k = " + std::to_string(k);
    return services_->segments().Build(request);
  }

  // lead id -> cluster, as saved for segmentation `id`.
  std::map<int64_t, int> ClustersOf(int64_t id, const std::vector<int64_t>& leads) {
    auto clusters = store_->GetLeadClusters(id, leads);
    EXPECT_TRUE(clusters.ok());
    std::map<int64_t, int> out;
    if (clusters.ok()) {
      for (const LeadCluster& c : *clusters) out[c.lead_id] = c.cluster;
    }
    return out;
  }

  // Every item of the list as one page.
  nlohmann::json Items(ApiClient& client, const std::string& query = "") {
    auto answer = client.Get("/api/leads?size=200" + query);
    EXPECT_EQ(answer.status, 200) << answer.body;
    return answer.json["items"];
  }
};
LEADSCORE_API_SUITE(ListApiTest);

TEST_P(ListApiTest, ItemsCarryTheirSegmentInTheNewestLeadSegmentation) {
  std::vector<int64_t> leads;
  for (int i = 0; i < 12; ++i) {
    leads.push_back(AddCustomer("Young " + std::to_string(i), 25 + i % 3, 200 + 10 * i));
    leads.push_back(AddCustomer("Middle " + std::to_string(i), 45 + i % 3, 5000 + 10 * i));
    leads.push_back(AddCustomer("Old " + std::to_string(i), 65 + i % 3, 800 + 10 * i));
  }
  const int64_t no_balance = AddCustomer("No balance", 30, std::nullopt);
  auto ani = SignIn("ani");

  // No segmentation yet: no segment, and a segment filter has nothing to refer to.
  for (const auto& item : Items(ani)) EXPECT_TRUE(item["segment"].is_null());
  EXPECT_EQ(ani.Get("/api/leads?segment=0").status, 400);

  auto first = BuildFromLeads(3);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const int64_t first_id = first->row.id;
  auto check = [&](const nlohmann::json& items, const SegmentationInfo& seg) {
    const auto cluster = ClustersOf(seg.row.id, leads);
    ASSERT_EQ(cluster.size(), leads.size());
    ASSERT_EQ(items.size(), leads.size() + 1);
    for (const auto& item : items) {
      const int64_t id = item["id"];
      if (id == no_balance) {
        EXPECT_TRUE(item["segment"].is_null());
        continue;
      }
      const int c = cluster.at(id);
      EXPECT_EQ(item["segment"]["segmentation_id"], seg.row.id);
      EXPECT_EQ(item["segment"]["cluster"], c);
      EXPECT_EQ(item["segment"]["persona"], seg.model->clusters.at(static_cast<size_t>(c)).persona.name);
    }
  };
  check(Items(ani), *first);

  // Only segment=C: that cluster of the newest lead segmentation.
  const auto first_clusters = ClustersOf(first_id, leads);
  for (int c = 0; c < 3; ++c) {
    std::set<int64_t> want;
    for (const auto& [id, cluster] : first_clusters) {
      if (cluster == c) want.insert(id);
    }
    auto filtered = ani.Get("/api/leads?size=200&segment=" + std::to_string(c));
    ASSERT_EQ(filtered.status, 200) << filtered.body;
    EXPECT_EQ(filtered.json["total"], want.size());
    std::set<int64_t> got;
    for (const auto& item : filtered.json["items"]) {
      got.insert(item["id"].get<int64_t>());
      EXPECT_EQ(item["segment"]["cluster"], c);
    }
    EXPECT_EQ(got, want);
  }

  // A newer segmentation from the leads replaces it in the items; a customer CSV does not.
  auto second = BuildFromLeads(2);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  std::string csv = "id,age,score\n";
  for (int i = 0; i < 20; ++i) {
    csv += std::to_string(i) + "," + std::to_string(20 + i * 2) + "," + std::to_string(i % 2 ? 90 - i : 10 + i) + "\n";
  }
  SegmentationRequest from_csv;
  from_csv.source = "csv";
  from_csv.features = {"age", "score"};
  from_csv.k = 2;
  from_csv.csv_text = csv;
  ASSERT_TRUE(services_->segments().Build(from_csv).ok());
  check(Items(ani), *second);
  auto admin = SignIn("admin");
  check(Items(admin), *second);

  // segmentation_id names the one to show, alone or with a segment filter.
  check(Items(ani, "&segmentation_id=" + std::to_string(first_id)), *first);
  auto named = ani.Get("/api/leads?size=200&segment=1&segmentation_id=" + std::to_string(first_id));
  ASSERT_EQ(named.status, 200);
  int64_t in_first_1 = 0;
  for (const auto& [id, cluster] : first_clusters) in_first_1 += cluster == 1 ? 1 : 0;
  EXPECT_EQ(named.json["total"], in_first_1);
  for (const auto& item : named.json["items"]) {
    EXPECT_EQ(item["segment"]["segmentation_id"], first_id);
    EXPECT_EQ(item["segment"]["cluster"], 1);
  }
  EXPECT_EQ(ani.Get("/api/leads?segmentation_id=987654").status, 400);

  // A lead's page shows its segment too.
  auto detail = ani.Get("/api/leads/" + std::to_string(leads[0]));
  ASSERT_EQ(detail.status, 200);
  EXPECT_EQ(detail.json["lead"]["segment"]["segmentation_id"], second->row.id);
}

// A page asked again is answered from memory only while nothing it shows has changed: a status
// change, an owner's new name, a call-back falling due and a rejection's period ending each
// show on the very next request.
TEST_P(ListApiTest, ARepeatedPageFollowsEveryChangeOnTheNextRequest) {
  const int64_t first = AddLead("Joko", 40);
  const int64_t second = AddLead("Sari", 41);
  AddLead("Wati", 42);
  auto ani = SignIn("ani");
  auto budi = SignIn("budi");
  auto admin = SignIn("admin");
  auto item = [&](ApiClient& client, int64_t id) {
    for (const auto& i : Items(client)) {
      if (i["id"] == id) return i;
    }
    return nlohmann::json();
  };
  const std::string before = ani.Get("/api/leads?size=200").body;
  EXPECT_EQ(ani.Get("/api/leads?size=200").body, before);

  ASSERT_EQ(ani.Post("/api/leads/" + std::to_string(first) + "/status",
                     {{"status", "contacted"}, {"callback_at", FormatIsoTime(clock_.NowMs() + kMsPerHour)}})
                .status,
            200);
  EXPECT_EQ(item(budi, first)["followed_up_by"], "Ani Wijaya");
  EXPECT_EQ(item(ani, first)["callback_due"], false);

  ASSERT_EQ(admin.Patch("/api/users/" + std::to_string(ani_id_), {{"display_name", "Ani W."}}).status,
            200);
  EXPECT_EQ(item(budi, first)["followed_up_by"], "Ani W.");

  clock_.Advance(kMsPerHour);  // Ani's call-back falls due: it tops her list
  auto items = Items(ani);
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0]["id"], first);
  EXPECT_EQ(items[0]["callback_due"], true);

  ASSERT_EQ(budi.Post("/api/leads/" + std::to_string(second) + "/status", {{"status", "rejected"}})
                .status,
            200);
  EXPECT_TRUE(item(ani, second).is_null());  // Budi's rejection, in its period
  clock_.Advance(kDefaultRejectPeriod);
  auto ani_again = SignIn("ani");  // the session has ended meanwhile
  EXPECT_EQ(item(ani_again, second)["status"], "pending");
}

TEST_P(ListApiTest, StatsCountWhatEachRoleSeesWithTheListsFilters) {
  // 40 leads: scores spread over [0, 1) (a few unscored), grades by score band.
  std::map<int64_t, double> score;
  std::vector<int64_t> leads;
  for (int i = 0; i < 40; ++i) {
    const int64_t id = AddLead((i % 2 ? "Sari " : "Wawan ") + std::to_string(i), 20 + i);
    leads.push_back(id);
    if (i % 9 == 8) continue;  // unscored
    const double s = std::fmod(0.0137 + i * 0.381, 1.0);
    const char grade = s >= 0.75 ? 'A' : s >= 0.5 ? 'B' : s >= 0.25 ? 'C' : 'D';
    ASSERT_TRUE(store_->UpsertScore({id, s, std::nullopt, std::string(1, grade), 1, clock_.NowMs()}).ok());
    score[id] = s;
  }
  auto ani = SignIn("ani");
  auto budi = SignIn("budi");
  auto admin = SignIn("admin");
  std::map<int64_t, std::pair<std::string, int64_t>> state;  // lead -> (status, owner)
  auto move = [&](ApiClient& who, int64_t owner, int64_t lead, const std::string& to) {
    ASSERT_EQ(who.Post("/api/leads/" + std::to_string(lead) + "/status", {{"status", to}}).status, 200);
    state[lead] = {to, owner};
  };
  move(ani, ani_id_, leads[0], "converted");
  move(ani, ani_id_, leads[1], "rejected");
  move(ani, ani_id_, leads[2], "contacted");
  move(budi, budi_id_, leads[3], "rejected");
  move(budi, budi_id_, leads[4], "converted");
  move(budi, budi_id_, leads[5], "contacted");

  auto expected = [&](int64_t viewer, bool is_admin, const std::string& status_filter,
                      const std::string& grade_filter, const std::string& name_part) {
    nlohmann::json want = {{"total", 0}, {"scored", 0},
                           {"statuses", {{"pending", 0}, {"contacted", 0}, {"converted", 0}, {"rejected", 0}}},
                           {"grades", {{"A", 0}, {"B", 0}, {"C", 0}, {"D", 0}}}};
    std::vector<int64_t> bins(20, 0);
    for (size_t i = 0; i < leads.size(); ++i) {
      const int64_t id = leads[i];
      std::string status = "pending";
      int64_t owner = 0;
      if (state.count(id)) std::tie(status, owner) = state.at(id);
      // InCallList: closed leads are in no sales person's list, their owner's included.
      const bool visible = is_admin || status == "pending" || status == "contacted";
      if (!visible) continue;
      if (!status_filter.empty() && status != status_filter) continue;
      const bool scored = score.count(id) > 0;
      const double s = scored ? score.at(id) : 0;
      const std::string grade(1, s >= 0.75 ? 'A' : s >= 0.5 ? 'B' : s >= 0.25 ? 'C' : 'D');
      if (!grade_filter.empty() && (!scored || grade != grade_filter)) continue;
      const std::string name = (i % 2 ? "Sari " : "Wawan ") + std::to_string(i);
      if (!name_part.empty() && name.find(name_part) == std::string::npos) continue;
      want["total"] = want["total"].get<int64_t>() + 1;
      want["statuses"][status] = want["statuses"][status].get<int64_t>() + 1;
      if (!scored) continue;
      want["scored"] = want["scored"].get<int64_t>() + 1;
      want["grades"][grade] = want["grades"][grade].get<int64_t>() + 1;
      ++bins[std::min<size_t>(static_cast<size_t>(s * 20), 19)];
    }
    return std::make_pair(want, bins);
  };
  auto check = [&](ApiClient& client, int64_t viewer, bool is_admin, const std::string& status,
                   const std::string& grade, const std::string& q) {
    SCOPED_TRACE(std::to_string(viewer) + " status=" + status + " grade=" + grade + " q=" + q);
    std::string query = "/api/leads/stats?x=1";
    if (!status.empty()) query += "&status=" + status;
    if (!grade.empty()) query += "&grade=" + grade;
    if (!q.empty()) query += "&q=" + q;
    auto got = client.Get(query);
    ASSERT_EQ(got.status, 200) << got.body;
    auto [want, bins] = expected(viewer, is_admin, status, grade, q);
    EXPECT_EQ(got.json["total"], want["total"]);
    EXPECT_EQ(got.json["scored"], want["scored"]);
    EXPECT_EQ(got.json["statuses"], want["statuses"]);
    EXPECT_EQ(got.json["grades"], want["grades"]);
    ASSERT_EQ(got.json["histogram"].size(), 20u);
    for (size_t b = 0; b < 20; ++b) {
      EXPECT_DOUBLE_EQ(got.json["histogram"][b]["from"].get<double>(), b * 0.05);
      EXPECT_DOUBLE_EQ(got.json["histogram"][b]["to"].get<double>(), (b + 1) * 0.05);
      EXPECT_EQ(got.json["histogram"][b]["count"], bins[b]) << "bin " << b;
    }
    // The list with the same filters has the same total.
    auto listed = client.Get("/api/leads" + query.substr(std::string("/api/leads/stats").size()));
    EXPECT_EQ(listed.json["total"], want["total"]);
  };
  for (const auto& [status, grade, q] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"", "", ""}, {"rejected", "", ""}, {"converted", "", ""}, {"", "B", ""},
           {"pending", "A", ""}, {"", "", "Sari"}}) {
    check(admin, admin_id_, true, status, grade, q);
    check(ani, ani_id_, false, status, grade, q);
    check(budi, budi_id_, false, status, grade, q);
  }

  // The stats follow a change, and the 24-hour return of the rejected leads.
  move(ani, ani_id_, leads[6], "converted");
  check(budi, budi_id_, false, "", "", "");
  clock_.Advance(kDefaultRejectPeriod);
  auto ani_later = SignIn("ani");  // the sessions of a day ago have ended
  auto budi_later = SignIn("budi");
  auto admin_later = SignIn("admin");
  state.erase(leads[1]);
  state.erase(leads[3]);
  check(ani_later, ani_id_, false, "", "", "");
  check(budi_later, budi_id_, false, "pending", "", "");
  check(admin_later, admin_id_, true, "rejected", "", "");

  // Unsigned: 401. Bad parameters: 400, and nothing changed.
  auto anonymous = Anonymous();
  auto unsigned_answer = anonymous.Get("/api/leads/stats");
  EXPECT_EQ(unsigned_answer.status, 401);
  EXPECT_EQ(unsigned_answer.json["error"]["kind"], "unauthenticated");
  const int64_t activity = ActivityCount();
  for (const std::string& bad : std::vector<std::string>{"status=lost", "grade=Z", "grade=AB", "segment=-1", "segment=abc",
                                "segment=0", "segmentation_id=0", "segmentation_id=987654",
                                "q=" + std::string(101, 'x')}) {
    auto answer = ani_later.Get("/api/leads/stats?" + bad);
    EXPECT_EQ(answer.status, 400) << bad << " -> " << answer.body;
    EXPECT_EQ(answer.json["error"]["kind"], "invalid_argument") << bad;
  }
  EXPECT_EQ(ActivityCount(), activity);
  check(budi_later, budi_id_, false, "", "", "");
}

}  // namespace
}  // namespace leadscore::http
