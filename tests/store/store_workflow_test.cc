// Store: the status rules (docs/ARCHITECTURE.md, "Status rules and visibility") —
// visibility, ownership, the 24-hour return, call-backs, racing sales — and the activity log,
// on both engines.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "store/store_test_env.h"

namespace leadscore {
namespace {

class StoreWorkflowTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    admin_ = AddUser("admin", Role::kAdmin);
    ani_ = AddUser("ani", Role::kSales);
    budi_ = AddUser("budi", Role::kSales);
  }

  Result<StatusChange> Move(int64_t lead, int64_t who, LeadStatus to,
                            std::optional<TimeMs> callback = std::nullopt) {
    return store_->ChangeLeadStatus(lead, who, to, "note", callback, now(), kDefaultRejectPeriod);
  }

  std::vector<int64_t> ListIds(int64_t user, Role role) {
    LeadQuery q;
    q.viewer = ViewerFor(user, role);
    auto page = store_->ListLeads(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<int64_t> ids;
    if (!page.ok()) return ids;
    for (const auto& r : page->rows) ids.push_back(r.lead.id);
    EXPECT_EQ(page->total, static_cast<int64_t>(ids.size()));
    std::sort(ids.begin(), ids.end());  // in id order: the tests ask what is listed, not where
    return ids;
  }

  int64_t admin_ = 0, ani_ = 0, budi_ = 0;
};
LEADSCORE_STORE_SUITE(StoreWorkflowTest);

using ::testing::ElementsAre;

TEST_P(StoreWorkflowTest, VisibilityFollowsTheStatusRules) {
  const int64_t contacted = AddLead("Contacted"), converted = AddLead("Converted"),
                rejected = AddLead("Rejected"), pending = AddLead("Pending");
  ASSERT_TRUE(Move(contacted, ani_, LeadStatus::kContacted).ok());
  ASSERT_TRUE(Move(converted, ani_, LeadStatus::kConverted).ok());
  ASSERT_TRUE(Move(rejected, ani_, LeadStatus::kRejected).ok());

  // Her own closed leads leave her call list too (InCallList); they are in "Performa Saya".
  EXPECT_THAT(ListIds(ani_, Role::kSales), ElementsAre(contacted, pending));
  EXPECT_THAT(ListIds(budi_, Role::kSales), ElementsAre(contacted, pending));
  EXPECT_THAT(ListIds(admin_, Role::kAdmin), ElementsAre(contacted, converted, rejected, pending));

  auto seen_by_budi = store_->GetLeadRow(contacted, ViewerFor(budi_, Role::kSales));
  ASSERT_TRUE(seen_by_budi.ok());
  EXPECT_EQ(seen_by_budi->owner_name, "Name of ani");
  EXPECT_EQ(seen_by_budi->lead.status, LeadStatus::kContacted);
  EXPECT_EQ(store_->GetLeadRow(converted, ViewerFor(budi_, Role::kSales)).status().code(),
            StatusCode::kNotFound);

  auto budi_counts = store_->CountLeadsByStatus(ViewerFor(budi_, Role::kSales), std::nullopt);
  EXPECT_EQ(budi_counts->pending, 1);
  EXPECT_EQ(budi_counts->contacted, 1);
  EXPECT_EQ(budi_counts->total(), 2);
  auto ani_own = store_->CountLeadsByStatus(ViewerFor(admin_, Role::kAdmin), ani_);
  EXPECT_EQ(ani_own->contacted, 1);
  EXPECT_EQ(ani_own->converted, 1);
  EXPECT_EQ(ani_own->rejected, 1);
  EXPECT_EQ(ani_own->pending, 0);

  // Each status filter, for the admin (no visibility parameters) and for a sales person.
  const std::pair<LeadStatus, int64_t> expected[] = {{LeadStatus::kPending, pending},
                                                     {LeadStatus::kContacted, contacted},
                                                     {LeadStatus::kConverted, converted},
                                                     {LeadStatus::kRejected, rejected}};
  for (const auto& [status, id] : expected) {
    for (auto [viewer, role] : {std::pair{admin_, Role::kAdmin}, std::pair{ani_, Role::kSales}}) {
      LeadQuery q;
      q.viewer = ViewerFor(viewer, role);
      q.status = status;
      auto page = store_->ListLeads(q);
      ASSERT_TRUE(page.ok()) << LeadStatusName(status) << ": " << page.status().ToString();
      // A closed lead is in no sales person's call list, its owner's included.
      const bool listed = role == Role::kAdmin || !IsClosingMove(status);
      EXPECT_EQ(page->total, listed ? 1 : 0) << LeadStatusName(status);
      ASSERT_EQ(page->rows.size(), listed ? 1u : 0u) << LeadStatusName(status);
      if (listed) EXPECT_EQ(page->rows[0].lead.id, id) << LeadStatusName(status);
    }
  }
}

TEST_P(StoreWorkflowTest, RejectedLeadReturnsToPendingAfterThePeriodEverywhere) {
  const int64_t lead = AddLead("Rejected");
  ASSERT_TRUE(Move(lead, ani_, LeadStatus::kRejected).ok());
  clock_.Advance(kDefaultRejectPeriod - 1);
  EXPECT_TRUE(ListIds(budi_, Role::kSales).empty());
  EXPECT_EQ(Move(lead, budi_, LeadStatus::kContacted).status().code(), StatusCode::kConflict);

  clock_.Advance(1);  // exactly 24 hours: no sweep ran, the rule is read from the time
  EXPECT_THAT(ListIds(budi_, Role::kSales), ElementsAre(lead));
  auto as_read = store_->GetLead(lead, now(), kDefaultRejectPeriod);
  EXPECT_EQ(as_read->status, LeadStatus::kPending);
  EXPECT_FALSE(as_read->owner_id.has_value());
  EXPECT_EQ(store_->GetLeadRow(lead, ViewerFor(budi_, Role::kSales))->owner_name, "");
  auto counts = store_->CountLeadsByStatus(ViewerFor(admin_, Role::kAdmin), std::nullopt);
  EXPECT_EQ(counts->pending, 1);
  EXPECT_EQ(counts->rejected, 0);
  LeadQuery pending_only;
  pending_only.viewer = ViewerFor(admin_, Role::kAdmin);
  pending_only.status = LeadStatus::kPending;
  EXPECT_EQ(store_->ListLeads(pending_only)->total, 1);
  int exported = 0;
  LeadScan scan;
  scan.now = now();
  ASSERT_TRUE(store_->ScanLeadRows(scan, [&](const std::vector<LeadRow>& rows) {
    for (const auto& r : rows) {
      EXPECT_EQ(r.lead.status, LeadStatus::kPending);
      EXPECT_EQ(r.owner_name, "");
      ++exported;
    }
    return Status::Ok();
  }).ok());
  EXPECT_EQ(exported, 1);

  // It is anyone's again: Budi takes it and now owns it.
  auto taken = Move(lead, budi_, LeadStatus::kContacted);
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_EQ(taken->from, LeadStatus::kPending);
  EXPECT_EQ(Move(lead, ani_, LeadStatus::kConverted).status().code(), StatusCode::kConflict);
}

TEST_P(StoreWorkflowTest, MovesFollowTheRules) {
  const int64_t lead = AddLead("Lead");
  EXPECT_EQ(Move(lead, admin_, LeadStatus::kContacted).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(Move(lead, ani_, LeadStatus::kPending).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Move(9999, ani_, LeadStatus::kContacted).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Move(lead, 9999, LeadStatus::kContacted).status().code(), StatusCode::kNotFound);

  ASSERT_TRUE(Move(lead, ani_, LeadStatus::kContacted).ok());
  auto other = Move(lead, budi_, LeadStatus::kConverted);
  EXPECT_EQ(other.status().code(), StatusCode::kConflict);
  EXPECT_NE(other.status().message().find("being followed up by Name of ani"), std::string::npos)
      << other.status().message();
  ASSERT_TRUE(Move(lead, ani_, LeadStatus::kConverted).ok());
  EXPECT_EQ(Move(lead, ani_, LeadStatus::kRejected).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Move(lead, ani_, LeadStatus::kContacted).status().code(),
            StatusCode::kInvalidArgument);

  ActivityQuery q;
  q.lead_id = lead;
  auto log = store_->ListActivity(q);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 2u);  // refused moves leave no trace
  EXPECT_EQ((*log)[0].to, LeadStatus::kConverted);
  EXPECT_EQ((*log)[0].from, LeadStatus::kContacted);
  EXPECT_EQ((*log)[0].user_name, "Name of ani");
  EXPECT_EQ((*log)[0].lead_name, "Lead");
  EXPECT_EQ((*log)[1].from, LeadStatus::kPending);
}

TEST_P(StoreWorkflowTest, RacingSalesExactlyOneWins) {
  constexpr int kSales = 6;
  constexpr int kLeads = 5;
  std::vector<int64_t> sales;
  for (int i = 0; i < kSales; ++i) sales.push_back(AddUser("racer" + std::to_string(i), Role::kSales));
  for (int round = 0; round < kLeads; ++round) {
    const int64_t lead = AddLead("Race " + std::to_string(round));
    std::atomic<int> wins{0}, conflicts{0}, other{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < kSales; ++i) {
      threads.emplace_back([&, i] {
        while (!go.load()) std::this_thread::yield();
        auto r = store_->ChangeLeadStatus(lead, sales[i], LeadStatus::kContacted, "", std::nullopt,
                                          now(), kDefaultRejectPeriod);
        if (r.ok()) {
          ++wins;
        } else if (r.status().code() == StatusCode::kConflict) {
          ++conflicts;
        } else {
          ++other;
          ADD_FAILURE() << r.status().ToString();
        }
      });
    }
    go = true;
    for (auto& t : threads) t.join();
    EXPECT_EQ(wins.load(), 1);
    EXPECT_EQ(conflicts.load(), kSales - 1);
    ActivityQuery q;
    q.lead_id = lead;
    EXPECT_EQ(*store_->CountActivity(q), 1);
  }
}

TEST_P(StoreWorkflowTest, DueCallBacksTopTheOwnersList) {
  const int64_t high = AddLead("High"), low = AddLead("Low");
  ASSERT_TRUE(store_->UpsertScore({high, 0.9, std::nullopt, "A", 1, now()}).ok());
  ASSERT_TRUE(store_->UpsertScore({low, 0.1, std::nullopt, "D", 1, now()}).ok());
  EXPECT_EQ(Move(high, ani_, LeadStatus::kRejected, now() + kMsPerHour).status().code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(Move(low, ani_, LeadStatus::kContacted, now() + kMsPerHour).ok());

  LeadQuery q;
  q.viewer = ViewerFor(ani_, Role::kSales);
  auto before = store_->ListLeads(q);
  ASSERT_EQ(before->rows.size(), 2u);
  EXPECT_EQ(before->rows[0].lead.id, high);
  EXPECT_EQ(before->rows[0].rank, 1);
  EXPECT_EQ(before->rows[1].rank, 2);

  clock_.Advance(2 * kMsPerHour);
  q.viewer = ViewerFor(ani_, Role::kSales);
  auto after = store_->ListLeads(q);
  ASSERT_EQ(after->rows.size(), 2u);
  EXPECT_EQ(after->rows[0].lead.id, low);
  EXPECT_TRUE(after->rows[0].callback_due);
  EXPECT_EQ(after->rows[0].rank, 2);  // rank stays the score's position
  EXPECT_EQ(after->total, 2);
  // Page 2 of size 1 is the other lead, not the call-back again.
  q.page_size = 1;
  q.page = 2;
  EXPECT_EQ(store_->ListLeads(q)->rows.at(0).lead.id, high);

  q.viewer = ViewerFor(budi_, Role::kSales);
  q.page = 1;
  q.page_size = 50;
  auto budi = store_->ListLeads(q);
  EXPECT_EQ(budi->rows[0].lead.id, high);
  EXPECT_FALSE(budi->rows[1].callback_due);
}

TEST_P(StoreWorkflowTest, RankedListSortsFiltersAndPages) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 12; ++i) {
    ids.push_back(AddLead("Lead " + std::string(1, static_cast<char>('a' + i)), 20 + i));
    const double score = (i % 4) * 0.25 + i * 0.001;
    const char grade = "DCBA"[i % 4];
    ASSERT_TRUE(store_->UpsertScore({ids.back(), score, std::nullopt, std::string(1, grade), 1,
                                     now()}).ok());
  }
  const int64_t unscored = AddLead("Unscored", 18);
  LeadQuery q;
  q.viewer = ViewerFor(budi_, Role::kSales);
  q.page_size = 5;
  auto first = store_->ListLeads(q);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->total, 13);
  ASSERT_EQ(first->rows.size(), 5u);
  for (size_t i = 1; i < first->rows.size(); ++i) {
    EXPECT_GE(*first->rows[i - 1].score, *first->rows[i].score);
    EXPECT_EQ(first->rows[i].rank, static_cast<int64_t>(i + 1));
  }
  q.page = 3;
  auto last = store_->ListLeads(q);
  ASSERT_EQ(last->rows.size(), 3u);
  EXPECT_EQ(last->rows.back().lead.id, unscored);  // unscored leads come last
  EXPECT_EQ(last->rows.back().rank, 0);

  // A lead hidden from the viewer does not count in their ranks.
  ASSERT_TRUE(Move(first->rows[0].lead.id, ani_, LeadStatus::kConverted).ok());
  q.page = 1;
  auto after = store_->ListLeads(q);
  EXPECT_EQ(after->total, 12);
  EXPECT_EQ(after->rows[0].rank, 1);
  EXPECT_EQ(after->rows[0].lead.id, first->rows[1].lead.id);

  LeadQuery graded;
  graded.viewer = ViewerFor(admin_, Role::kAdmin);
  graded.grade = "A";
  EXPECT_EQ(store_->ListLeads(graded)->total, 3);
  graded.grade = "E";
  EXPECT_EQ(store_->ListLeads(graded).status().code(), StatusCode::kInvalidArgument);

  LeadQuery by_name;
  by_name.viewer = ViewerFor(admin_, Role::kAdmin);
  by_name.sort = LeadSort::kName;
  by_name.descending = false;
  EXPECT_EQ(store_->ListLeads(by_name)->rows[0].lead.name, "Lead a");
  LeadQuery bad;
  bad.viewer = ViewerFor(admin_, Role::kAdmin);
  bad.page_size = 0;
  EXPECT_EQ(store_->ListLeads(bad).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreWorkflowTest, PerformanceSummaries) {
  const int64_t a = AddLead("A"), b = AddLead("B");
  ASSERT_TRUE(Move(a, ani_, LeadStatus::kContacted).ok());
  clock_.Advance(kMsPerDay);
  ASSERT_TRUE(Move(a, ani_, LeadStatus::kConverted).ok());
  ASSERT_TRUE(Move(b, ani_, LeadStatus::kRejected).ok());
  clock_.Advance(kMsPerDay);  // b returns to pending

  auto touched = store_->ListTouchedLeads(ani_, ViewerFor(ani_, Role::kSales), 50, 0);
  ASSERT_TRUE(touched.ok());
  ASSERT_EQ(touched->size(), 2u);
  for (const auto& t : *touched) {
    if (t.lead_id == a) {
      EXPECT_EQ(t.status, LeadStatus::kConverted);
      EXPECT_TRUE(t.still_owned);
    } else {
      EXPECT_EQ(t.status, LeadStatus::kPending);
      EXPECT_FALSE(t.still_owned);
    }
  }
  const TimeMs start = ManualClock().NowMs();
  auto days = store_->ActivityPerDay(ani_, start, now() + 1, 7 * kMsPerHour);
  ASSERT_TRUE(days.ok());
  ASSERT_EQ(days->size(), 2u);
  EXPECT_EQ((*days)[0].changes, 1);
  EXPECT_EQ((*days)[1].changes, 2);
  EXPECT_EQ((*days)[1].converted, 1);
  EXPECT_EQ((*days)[1].day_start - (*days)[0].day_start, kMsPerDay);
  EXPECT_TRUE(store_->ActivityPerDay(budi_, start, now(), 0)->empty());
  ActivityQuery range;
  range.user_id = ani_;
  range.from = start + kMsPerDay;
  EXPECT_EQ(*store_->CountActivity(range), 2);
}

}  // namespace
}  // namespace leadscore
