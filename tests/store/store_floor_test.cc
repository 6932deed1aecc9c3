// The sales floor's rules in the store, on both engines (docs/ARCHITECTURE.md, "The sales floor"):
// no lead stays locked
// by a leaving account, an admin's assignment and release, the stale return of a contacted
// lead at its exact boundary, and the do-not-call mark with the number it keeps.
#include <gtest/gtest.h>

#include <algorithm>

#include "store/store_test_env.h"

namespace leadscore {
namespace {

class StoreFloorTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (!store_) return;
    admin_ = AddUser("boss", Role::kAdmin);
    ani_ = AddUser("ani", Role::kSales);
    budi_ = AddUser("budi", Role::kSales);
  }

  int64_t AddLeadWithPhone(const std::string& name, const std::string& phone) {
    Lead lead = MakeLead(name);
    lead.phone = phone;
    auto id = store_->CreateLead(lead, now());
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  void Contact(int64_t lead, int64_t sales) {
    auto change = store_->ChangeLeadStatus(lead, sales, LeadStatus::kContacted, "", std::nullopt,
                                           now(), kDefaultRejectPeriod);
    ASSERT_TRUE(change.ok()) << change.status().ToString();
  }

  Lead Read(int64_t lead) {
    auto got = store_->GetLead(lead, now(), kDefaultRejectPeriod);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() ? *got : Lead{};
  }

  std::vector<ActivityEntry> History(int64_t lead) {
    ActivityQuery q;
    q.lead_id = lead;
    auto got = store_->ListActivity(q);
    EXPECT_TRUE(got.ok());
    return got.ok() ? *got : std::vector<ActivityEntry>{};
  }

  // The ids in `viewer`'s list, and its total.
  std::pair<std::vector<int64_t>, int64_t> ListOf(const Viewer& viewer) {
    LeadQuery q;
    q.viewer = viewer;
    q.page_size = kMaxPageSize;
    auto page = store_->ListLeads(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<int64_t> ids;
    if (!page.ok()) return {ids, -1};
    for (const LeadRow& r : page->rows) ids.push_back(r.lead.id);
    std::sort(ids.begin(), ids.end());  // in id order: the tests ask what is listed, not where
    return {ids, page->total};
  }

  static bool Has(const std::vector<int64_t>& ids, int64_t id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }

  int64_t admin_ = 0, ani_ = 0, budi_ = 0;
};

TEST_P(StoreFloorTest, DeactivatingASalesPersonReleasesTheirOpenLeads) {
  const int64_t open = AddLead("Citra");
  const int64_t closed = AddLead("Dodi Saputra");
  Contact(open, ani_);
  ASSERT_TRUE(store_->ChangeLeadStatus(closed, ani_, LeadStatus::kConverted, "", std::nullopt,
                                       now(), kDefaultRejectPeriod)
                  .ok());
  clock_.Advance(60 * kMsPerSecond);
  Deactivate(ani_, admin_);

  Lead released = Read(open);
  EXPECT_EQ(released.status, LeadStatus::kPending);
  EXPECT_FALSE(released.owner_id);
  EXPECT_EQ(Read(closed).status, LeadStatus::kConverted);  // a closed lead keeps its owner
  EXPECT_EQ(Read(closed).owner_id, ani_);
  auto history = History(open);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].kind, "release");
  EXPECT_EQ(history[0].user_id, admin_);
  EXPECT_EQ(history[0].subject_id, ani_);
  EXPECT_EQ(history[0].subject_name, "Name of ani");
  EXPECT_EQ(history[0].from, LeadStatus::kContacted);
  EXPECT_EQ(history[0].to, LeadStatus::kPending);
  EXPECT_EQ(history[0].note, "account deactivated");
  // Budi may take it now.
  Contact(open, budi_);
}

TEST_P(StoreFloorTest, PromotingASalesPersonToAdminReleasesTheirOpenLeadsToo) {
  const int64_t b = AddLead("Fajar");
  Contact(b, budi_);
  User budi = *store_->GetUser(budi_);
  budi.role = Role::kAdmin;
  budi.updated_at = now();
  ASSERT_TRUE(store_->UpdateUser(budi, admin_).ok());
  EXPECT_EQ(Read(b).status, LeadStatus::kPending);
  EXPECT_FALSE(Read(b).owner_id);
  EXPECT_EQ(History(b)[0].note, "account made admin");
  // An edit that leaves a sales account as it was releases nothing.
  const int64_t c = AddLead("Gita");
  const int64_t rina = AddUser("rina", Role::kSales);
  Contact(c, rina);
  User r = *store_->GetUser(rina);
  r.display_name = "Rina S.";
  ASSERT_TRUE(store_->UpdateUser(r, admin_).ok());
  EXPECT_EQ(Read(c).owner_id, rina);
}

TEST_P(StoreFloorTest, DeletingReleasesAssignedLeadsAndStillRefusesAnAccountWithActivity) {
  const int64_t given = AddLead("Hadi");
  auto assigned = store_->AssignLead(given, ani_, admin_, now(), kDefaultRejectPeriod);
  ASSERT_TRUE(assigned.ok()) << assigned.status().ToString();
  EXPECT_EQ(Read(given).owner_id, ani_);
  // Ani never acted: the account goes, the lead back to the team, logged.
  ASSERT_TRUE(store_->DeleteUser(ani_, admin_, now()).ok());
  EXPECT_EQ(Read(given).status, LeadStatus::kPending);
  EXPECT_FALSE(Read(given).owner_id);
  auto history = History(given);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].kind, "release");
  EXPECT_EQ(history[0].note, "account deleted");
  EXPECT_EQ(history[0].subject_name, "");  // the account is gone

  // Budi acted on a lead: refused as before, and nothing changed.
  const int64_t worked = AddLead("Intan");
  Contact(worked, budi_);
  EXPECT_EQ(store_->DeleteUser(budi_, admin_, now()).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Read(worked).owner_id, budi_);
  EXPECT_EQ(History(worked).size(), 1u);
}

TEST_P(StoreFloorTest, AnAdminAssignsReassignsAndReleases) {
  const int64_t lead = AddLead("Joko");
  auto to_ani = store_->AssignLead(lead, ani_, admin_, now(), kDefaultRejectPeriod);
  ASSERT_TRUE(to_ani.ok()) << to_ani.status().ToString();
  EXPECT_EQ(to_ani->from, LeadStatus::kPending);
  EXPECT_EQ(to_ani->to, LeadStatus::kContacted);
  EXPECT_NE(to_ani->activity_id, 0);
  EXPECT_EQ(Read(lead).status, LeadStatus::kContacted);
  // Budi cannot take it; Ani can work it.
  EXPECT_EQ(store_->ChangeLeadStatus(lead, budi_, LeadStatus::kConverted, "", std::nullopt, now(),
                                     kDefaultRejectPeriod)
                .status()
                .code(),
            StatusCode::kConflict);
  Contact(lead, ani_);
  // The same assignment again changes nothing.
  EXPECT_EQ(store_->AssignLead(lead, ani_, admin_, now(), kDefaultRejectPeriod)->activity_id, 0);
  auto to_budi = store_->AssignLead(lead, budi_, admin_, now(), kDefaultRejectPeriod);
  ASSERT_TRUE(to_budi.ok());
  EXPECT_EQ(Read(lead).owner_id, budi_);
  auto released = store_->AssignLead(lead, std::nullopt, admin_, now(), kDefaultRejectPeriod);
  ASSERT_TRUE(released.ok());
  EXPECT_EQ(Read(lead).status, LeadStatus::kPending);
  EXPECT_FALSE(Read(lead).owner_id);
  auto history = History(lead);  // newest first
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(history[0].kind, "release");
  EXPECT_EQ(history[0].subject_id, budi_);
  EXPECT_EQ(history[1].kind, "assign");
  EXPECT_EQ(history[1].subject_id, budi_);
  EXPECT_EQ(history[1].user_name, "Name of boss");
  EXPECT_EQ(history[3].kind, "assign");
  EXPECT_EQ(history[3].subject_id, ani_);
}

TEST_P(StoreFloorTest, AssignmentRefusesWhatTheRulesForbidAndChangesNothing) {
  const int64_t lead = AddLead("Kartika");
  const int64_t gone = AddUser("gone", Role::kSales);
  Deactivate(gone, admin_);
  for (int64_t bad : {gone, admin_, int64_t{9999}}) {
    auto r = store_->AssignLead(lead, bad, admin_, now(), kDefaultRejectPeriod);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(store_->AssignLead(9999, ani_, admin_, now(), kDefaultRejectPeriod).status().code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(store_->ChangeLeadStatus(lead, ani_, LeadStatus::kConverted, "", std::nullopt,
                                       now(), kDefaultRejectPeriod)
                  .ok());
  auto closed = store_->AssignLead(lead, budi_, admin_, now(), kDefaultRejectPeriod);
  EXPECT_EQ(closed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(closed.status().message().find("converted"), std::string::npos);
  EXPECT_EQ(store_->AssignLead(lead, std::nullopt, admin_, now(), kDefaultRejectPeriod)
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Read(lead).owner_id, ani_);
  EXPECT_EQ(History(lead).size(), 1u);
}

TEST_P(StoreFloorTest, AContactedLeadLeftAloneReturnsExactlyAtTheStalePeriod) {
  const int64_t lead = AddLead("Lukman");
  Contact(lead, ani_);
  const TimeMs contacted_at = now();
  // Warm the list cache inside the epoch, so the return must end its window.
  EXPECT_TRUE(Has(ListOf(ViewerFor(budi_, Role::kSales)).first, lead));

  clock_.Set(contacted_at + kDefaultStalePeriod - 1);
  EXPECT_EQ(Read(lead).status, LeadStatus::kContacted);
  auto before = store_->GetLeadRow(lead, ViewerFor(budi_, Role::kSales));
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->lead.owner_id, ani_);
  auto counts = store_->CountLeadsByStatus(ViewerFor(admin_, Role::kAdmin), std::nullopt);
  EXPECT_EQ(counts->contacted, 1);
  LeadQuery contacted;
  contacted.viewer = ViewerFor(budi_, Role::kSales);
  contacted.status = LeadStatus::kContacted;
  EXPECT_EQ(store_->ListLeads(contacted)->total, 1);

  clock_.Set(contacted_at + kDefaultStalePeriod);
  Lead returned = Read(lead);
  EXPECT_EQ(returned.status, LeadStatus::kPending);
  EXPECT_FALSE(returned.owner_id);
  auto row = store_->GetLeadRow(lead, ViewerFor(budi_, Role::kSales));
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->lead.status, LeadStatus::kPending);
  EXPECT_TRUE(row->owner_name.empty());
  contacted.viewer = ViewerFor(budi_, Role::kSales);
  EXPECT_EQ(store_->ListLeads(contacted)->total, 0);
  LeadQuery pending = contacted;
  pending.status = LeadStatus::kPending;
  EXPECT_EQ(store_->ListLeads(pending)->total, 1);
  counts = store_->CountLeadsByStatus(ViewerFor(admin_, Role::kAdmin), std::nullopt);
  EXPECT_EQ(counts->contacted, 0);
  EXPECT_EQ(counts->pending, 1);
  // Ani's own list no longer counts it; Budi may take it.
  EXPECT_EQ(store_->CountLeadsByStatus(ViewerFor(ani_, Role::kSales), ani_)->total(), 0);
  Contact(lead, budi_);
  EXPECT_EQ(Read(lead).owner_id, budi_);
}

TEST_P(StoreFloorTest, ActivityAndALaterCallBackKeepTheLeadAndTheSettingSetsThePeriod) {
  const int64_t lead = AddLead("Maya");
  Contact(lead, ani_);
  const TimeMs t0 = now();
  clock_.Set(t0 + 10 * kMsPerDay);
  ASSERT_TRUE(store_->RecordAttempt(lead, ani_, "no_answer", "", "", std::nullopt, now(),
                                    kDefaultRejectPeriod)
                  .ok());
  clock_.Set(t0 + kDefaultStalePeriod + kMsPerDay);
  EXPECT_EQ(Read(lead).status, LeadStatus::kContacted);  // 14 days from the attempt, not the call
  // A call-back three weeks ahead holds it past the period.
  const TimeMs callback = now() + 21 * kMsPerDay;
  ASSERT_TRUE(store_->ChangeLeadStatus(lead, ani_, LeadStatus::kContacted, "", callback, now(),
                                       kDefaultRejectPeriod)
                  .ok());
  clock_.Set(callback + kDefaultStalePeriod - 1);
  EXPECT_EQ(Read(lead).status, LeadStatus::kContacted);
  // The admin's setting: 3 days; the lead is past it.
  Setting setting{kStaleContactedSetting, "3", now(), "boss"};
  ASSERT_TRUE(store_->PutSetting(setting).ok());
  EXPECT_EQ(Read(lead).status, LeadStatus::kPending);
  EXPECT_TRUE(Has(ListOf(ViewerFor(budi_, Role::kSales)).first, lead));
}

TEST_P(StoreFloorTest, DoNotCallLeavesTheSalesListAndItsTotalsAndRefusesCalls) {
  const int64_t keep = AddLeadWithPhone("Nanda", "0812-1111-2222");
  const int64_t mark = AddLeadWithPhone("Oki", "0813 3333 4444");
  auto before = ListOf(ViewerFor(ani_, Role::kSales));
  EXPECT_EQ(before.second, 2);

  // A sales person marks it (the customer asked on the phone).
  auto set = store_->SetDoNotCall(mark, true, ani_, "asked on the phone, 2026-12-03", now(),
                                  kDefaultRejectPeriod);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->leads_changed, 1);
  EXPECT_TRUE(Read(mark).do_not_call);
  for (int64_t sales : {ani_, budi_}) {
    auto list = ListOf(ViewerFor(sales, Role::kSales));
    EXPECT_FALSE(Has(list.first, mark));
    EXPECT_TRUE(Has(list.first, keep));
    EXPECT_EQ(list.second, 1);
    LeadQuery q;
    q.viewer = ViewerFor(sales, Role::kSales);
    EXPECT_EQ(store_->StatLeads(q)->total, 1);
    EXPECT_EQ(store_->CountLeadsByStatus(q.viewer, std::nullopt)->total(), 1);
  }
  // The admin still sees it, flagged; a sales person may open its page.
  auto admin = ListOf(ViewerFor(admin_, Role::kAdmin));
  EXPECT_TRUE(Has(admin.first, mark));
  EXPECT_EQ(admin.second, 2);
  auto page = store_->GetLeadRow(mark, ViewerFor(budi_, Role::kSales));
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->lead.do_not_call);
  // No call.
  EXPECT_EQ(store_->ChangeLeadStatus(mark, budi_, LeadStatus::kContacted, "", std::nullopt, now(),
                                     kDefaultRejectPeriod)
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->RecordAttempt(mark, budi_, "no_answer", "", "", std::nullopt, now(),
                                  kDefaultRejectPeriod)
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->AssignLead(mark, budi_, admin_, now(), kDefaultRejectPeriod).status().code(),
            StatusCode::kInvalidArgument);
  // Logged with the consent note.
  auto history = History(mark);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].kind, "do_not_call");
  EXPECT_EQ(history[0].user_id, ani_);
  EXPECT_EQ(history[0].note, "asked on the phone, 2026-12-03");

  // Only an admin clears it.
  EXPECT_EQ(store_->SetDoNotCall(mark, false, ani_, "", now(), kDefaultRejectPeriod)
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  ASSERT_TRUE(store_->SetDoNotCall(mark, false, admin_, "customer asked again", now(),
                                   kDefaultRejectPeriod)
                  .ok());
  EXPECT_FALSE(Read(mark).do_not_call);
  EXPECT_EQ(History(mark)[0].kind, "call_allowed");
  EXPECT_EQ(ListOf(ViewerFor(ani_, Role::kSales)).second, 2);
  EXPECT_EQ(store_->SetDoNotCall(9999, true, admin_, "", now(), kDefaultRejectPeriod)
                .status()
                .code(),
            StatusCode::kNotFound);
}

TEST_P(StoreFloorTest, TheMarkHoldsForEveryLeadOfTheNumberAndForLeadsThatComeLater) {
  const int64_t first = AddLeadWithPhone("Putri", "+62 812-7777-8888");
  const int64_t copy = AddLeadWithPhone("Putri A.", "0812 7777 8888");
  auto set = store_->SetDoNotCall(first, true, admin_, "UU PDP request", now(),
                                  kDefaultRejectPeriod);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->leads_changed, 2);
  EXPECT_TRUE(Read(copy).do_not_call);
  // Imported again, in another spelling: marked on arrival.
  auto writer = store_->BeginLeadImport(now());
  ASSERT_TRUE(writer.ok());
  Lead again = MakeLead("Putri");
  again.phone = "0062 812 7777 8888";
  Lead other = MakeLead("Rudi");
  other.phone = "0812 9999 0000";
  ASSERT_TRUE((*writer)->Add({again, other}).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  auto all = ListOf(ViewerFor(admin_, Role::kAdmin)).first;
  ASSERT_EQ(all.size(), 4u);
  EXPECT_TRUE(Read(all[2]).do_not_call);
  EXPECT_FALSE(Read(all[3]).do_not_call);
  EXPECT_FALSE(Has(ListOf(ViewerFor(ani_, Role::kSales)).first, all[2]));
  // Created by hand, too.
  EXPECT_TRUE(Read(AddLeadWithPhone("Putri B.", "081277778888")).do_not_call);
  // Cleared by an admin: the number is free again.
  ASSERT_TRUE(store_->SetDoNotCall(first, false, admin_, "", now(), kDefaultRejectPeriod).ok());
  EXPECT_FALSE(Read(copy).do_not_call);
  EXPECT_FALSE(Read(AddLeadWithPhone("Putri C.", "081277778888")).do_not_call);
}

LEADSCORE_STORE_SUITE(StoreFloorTest);

}  // namespace
}  // namespace leadscore
