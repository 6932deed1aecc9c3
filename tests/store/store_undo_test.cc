// Mistakes can be undone (docs/ARCHITECTURE.md), in the store on both engines: the author's undo of
// a closing move restores the lead exactly, inside the five minutes and not a millisecond after,
// never for someone else nor after another person acted; an admin's revert needs a reason; a sales
// person's own closed leads leave their call list but stay countable in their performance.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "store/store_test_env.h"

namespace leadscore {
namespace {

class StoreUndoTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (!store_) return;
    admin_ = AddUser("boss", Role::kAdmin);
    ani_ = AddUser("ani", Role::kSales);
    budi_ = AddUser("budi", Role::kSales);
  }

  Result<StatusChange> Move(int64_t lead, int64_t sales, LeadStatus to,
                            std::optional<TimeMs> callback = std::nullopt) {
    return store_->ChangeLeadStatus(lead, sales, to, "", callback, now(), kDefaultRejectPeriod);
  }

  Result<StatusChange> Undo(int64_t lead, int64_t sales) {
    return store_->UndoClosingMove(lead, sales, now(), kDefaultRejectPeriod);
  }

  Result<StatusChange> Revert(int64_t lead, const std::string& reason) {
    return store_->RevertClosedLead(lead, admin_, reason, now(), kDefaultRejectPeriod);
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
    return got.ok() ? *got : std::vector<ActivityEntry>{};  // newest first
  }

  std::vector<int64_t> ListIds(int64_t user, Role role) {
    LeadQuery q;
    q.viewer = ViewerFor(user, role);
    q.page_size = kMaxPageSize;
    auto page = store_->ListLeads(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<int64_t> ids;
    if (page.ok()) {
      for (const LeadRow& r : page->rows) ids.push_back(r.lead.id);
      EXPECT_EQ(page->total, static_cast<int64_t>(ids.size()));
    }
    std::sort(ids.begin(), ids.end());  // in id order: the tests ask what is listed, not where
    return ids;
  }

  static bool Has(const std::vector<int64_t>& ids, int64_t id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }

  int64_t admin_ = 0, ani_ = 0, budi_ = 0;
};

TEST_P(StoreUndoTest, TheAuthorUndoesAConversionAndTheLeadIsExactlyAsBefore) {
  const int64_t lead = AddLead("Siti");
  const TimeMs callback = now() + 3 * kMsPerHour;
  ASSERT_TRUE(Move(lead, ani_, LeadStatus::kContacted, callback).ok());
  clock_.Advance(10 * kMsPerSecond);
  const Lead before = Read(lead);
  clock_.Advance(kMsPerSecond);
  ASSERT_TRUE(Move(lead, ani_, LeadStatus::kConverted).ok());
  EXPECT_EQ(Read(lead).status, LeadStatus::kConverted);
  EXPECT_FALSE(Read(lead).callback_at.has_value());

  clock_.Advance(kUndoWindow);  // exactly at the end of the window: still allowed
  auto undone = Undo(lead, ani_);
  ASSERT_TRUE(undone.ok()) << undone.status().ToString();
  EXPECT_EQ(undone->from, LeadStatus::kConverted);
  EXPECT_EQ(undone->to, LeadStatus::kContacted);
  EXPECT_EQ(undone->owner_id, ani_);

  const Lead after = Read(lead);
  EXPECT_EQ(after.status, LeadStatus::kContacted);
  EXPECT_EQ(after.owner_id, before.owner_id);
  EXPECT_EQ(after.callback_at, before.callback_at);
  EXPECT_EQ(after.status_changed_at, before.status_changed_at);

  // Logged as its own entry, by the author; the closing move stays in the log.
  const auto history = History(lead);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].kind, "undo");
  EXPECT_EQ(history[0].user_id, ani_);
  EXPECT_EQ(history[0].from, LeadStatus::kConverted);
  EXPECT_EQ(history[0].to, LeadStatus::kContacted);
  EXPECT_EQ(history[1].kind, "status");
  EXPECT_EQ(history[1].to, LeadStatus::kConverted);

  // Undone once: a second undo finds nothing of Ani's to take back.
  EXPECT_EQ(Undo(lead, ani_).status().code(), StatusCode::kConflict);
}

TEST_P(StoreUndoTest, ARejectionOfAPendingLeadUndoesBackToPendingWithNoOwner) {
  const int64_t lead = AddLead("Rina");
  ASSERT_TRUE(Move(lead, ani_, LeadStatus::kRejected).ok());
  EXPECT_FALSE(Has(ListIds(budi_, Role::kSales), lead));
  clock_.Advance(kMsPerSecond);
  ASSERT_TRUE(Undo(lead, ani_).ok());
  const Lead after = Read(lead);
  EXPECT_EQ(after.status, LeadStatus::kPending);
  EXPECT_FALSE(after.owner_id.has_value());
  EXPECT_TRUE(Has(ListIds(budi_, Role::kSales), lead));  // back in everyone's list
}

TEST_P(StoreUndoTest, OneMillisecondAfterTheWindowTheUndoIsRefusedAndNothingChanges) {
  const int64_t lead = AddLead("Dewi");
  ASSERT_TRUE(Move(lead, ani_, LeadStatus::kConverted).ok());
  clock_.Advance(kUndoWindow + 1);
  auto refused = Undo(lead, ani_);
  ASSERT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_NE(refused.status().message().find("5 minutes"), std::string::npos)
      << refused.status().message();
  EXPECT_EQ(Read(lead).status, LeadStatus::kConverted);
  EXPECT_EQ(History(lead).size(), 1u);
}

TEST_P(StoreUndoTest, SomeoneWhoIsNotTheAuthorIsRefusedWithoutLearningAnything) {
  const int64_t lead = AddLead("Ayu");
  ASSERT_TRUE(Move(lead, ani_, LeadStatus::kConverted).ok());
  // Budi may not open Ani's converted lead: it reads as one that does not exist.
  auto budi = Undo(lead, budi_);
  EXPECT_EQ(budi.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(budi.status().message(), "lead " + std::to_string(lead) + " does not exist");
  EXPECT_EQ(Undo(999999, budi_).status().message(), "lead 999999 does not exist");
  // An admin reverts; they do not undo.
  EXPECT_EQ(Undo(lead, admin_).status().code(), StatusCode::kPermissionDenied);
  // A lead Budi may open but whose move is not his: a conflict that names nobody.
  const int64_t other = AddLead("Putri");
  ASSERT_TRUE(Move(other, ani_, LeadStatus::kRejected).ok());
  clock_.Advance(kDefaultRejectPeriod);  // back to pending, in Budi's list
  auto not_his = Undo(other, budi_);
  EXPECT_EQ(not_his.status().code(), StatusCode::kConflict);
  EXPECT_EQ(not_his.status().message().find("ani"), std::string::npos);
  EXPECT_EQ(Read(lead).status, LeadStatus::kConverted);
  EXPECT_EQ(History(lead).size(), 1u);
}

TEST_P(StoreUndoTest, AnotherPersonsActionSinceTheMoveBlocksTheUndo) {
  const int64_t lead = AddLead("Wati");
  ASSERT_TRUE(Move(lead, ani_, LeadStatus::kConverted).ok());
  clock_.Advance(kMsPerSecond);
  ASSERT_TRUE(store_->SetDoNotCall(lead, true, admin_, "asked by phone", now(),
                                   kDefaultRejectPeriod).ok());
  auto refused = Undo(lead, ani_);
  ASSERT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_NE(refused.status().message().find("changed since"), std::string::npos);
  EXPECT_EQ(Read(lead).status, LeadStatus::kConverted);
  EXPECT_EQ(History(lead).front().kind, "do_not_call");
}

TEST_P(StoreUndoTest, ARejectionThatReturnedByItselfIsNoLongerUndone) {
  const int64_t lead = AddLead("Lina");
  ASSERT_TRUE(Move(lead, ani_, LeadStatus::kRejected).ok());
  clock_.Advance((60 * kMsPerSecond));
  // A portal with a one-minute rejection period: the lead is pending again.
  auto refused = store_->UndoClosingMove(lead, ani_, now(), (60 * kMsPerSecond));
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
}

TEST_P(StoreUndoTest, AnAdminRevertsAClosedLeadWithAReasonAndItGoesBackToItsOwner) {
  const int64_t lead = AddLead("Maya");
  ASSERT_TRUE(Move(lead, ani_, LeadStatus::kContacted).ok());
  ASSERT_TRUE(Move(lead, ani_, LeadStatus::kConverted).ok());
  clock_.Advance(3 * kMsPerDay);  // long after the undo window

  for (const std::string bad : {std::string(""), std::string("   "), std::string(201, 'x')}) {
    auto refused = Revert(lead, bad);
    EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument) << bad.size();
  }
  EXPECT_EQ(Read(lead).status, LeadStatus::kConverted);
  EXPECT_EQ(History(lead).size(), 2u);
  EXPECT_EQ(store_->RevertClosedLead(lead, ani_, "mistake", now(), kDefaultRejectPeriod)
                .status()
                .code(),
            StatusCode::kPermissionDenied);

  auto reverted = Revert(lead, "  the customer cancelled the deposit  ");
  ASSERT_TRUE(reverted.ok()) << reverted.status().ToString();
  EXPECT_EQ(reverted->to, LeadStatus::kContacted);
  const Lead after = Read(lead);
  EXPECT_EQ(after.status, LeadStatus::kContacted);
  EXPECT_EQ(after.owner_id, ani_);
  const auto history = History(lead);
  EXPECT_EQ(history[0].kind, "revert");
  EXPECT_EQ(history[0].user_id, admin_);
  EXPECT_EQ(history[0].reason, "the customer cancelled the deposit");
  EXPECT_EQ(history[0].subject_id, ani_);
  // The follow-up counts from the revert: the lead is not stale at once.
  EXPECT_TRUE(Has(ListIds(ani_, Role::kSales), lead));

  // An open lead is not reverted.
  EXPECT_EQ(Revert(lead, "again").status().code(), StatusCode::kFailedPrecondition);
}

TEST_P(StoreUndoTest, ARevertedLeadOfADeactivatedOwnerGoesBackToTheTeam) {
  const int64_t lead = AddLead("Nia");
  ASSERT_TRUE(Move(lead, ani_, LeadStatus::kContacted).ok());
  ASSERT_TRUE(Move(lead, ani_, LeadStatus::kRejected).ok());
  Deactivate(ani_, admin_);
  auto reverted = Revert(lead, "wrong customer marked");
  ASSERT_TRUE(reverted.ok()) << reverted.status().ToString();
  EXPECT_EQ(reverted->to, LeadStatus::kPending);
  EXPECT_FALSE(Read(lead).owner_id.has_value());
  EXPECT_TRUE(Has(ListIds(budi_, Role::kSales), lead));
  EXPECT_EQ(History(lead).front().subject_id, 0);
}

TEST_P(StoreUndoTest, OwnClosedLeadsLeaveTheCallListAndStayInThePerformanceCounts) {
  const int64_t converted = AddLead("Converted");
  const int64_t rejected = AddLead("Rejected");
  const int64_t contacted = AddLead("Contacted");
  const int64_t pending = AddLead("Pending");
  ASSERT_TRUE(Move(converted, ani_, LeadStatus::kConverted).ok());
  ASSERT_TRUE(Move(rejected, ani_, LeadStatus::kRejected).ok());
  ASSERT_TRUE(Move(contacted, ani_, LeadStatus::kContacted).ok());

  const std::vector<int64_t> own_list = ListIds(ani_, Role::kSales);
  EXPECT_EQ(own_list, (std::vector<int64_t>{contacted, pending}));
  EXPECT_EQ(ListIds(budi_, Role::kSales), own_list);  // one call list for every sales person
  auto counts = store_->CountLeadsByStatus(ViewerFor(ani_, Role::kSales), std::nullopt);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->converted, 0);
  EXPECT_EQ(counts->rejected, 0);
  LeadQuery q;
  q.viewer = ViewerFor(ani_, Role::kSales);
  auto stats = store_->StatLeads(q);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->total, 2);

  // Performa Saya: her counts and the leads she touched still hold them.
  auto mine = store_->CountLeadsByStatus(ViewerFor(ani_, Role::kSales), ani_);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->converted, 1);
  EXPECT_EQ(mine->rejected, 1);
  EXPECT_EQ(mine->contacted, 1);
  auto touched = store_->ListTouchedLeads(ani_, ViewerFor(ani_, Role::kSales), 100, 0);
  ASSERT_TRUE(touched.ok());
  std::vector<int64_t> touched_ids;
  for (const TouchedLead& t : *touched) touched_ids.push_back(t.lead_id);
  EXPECT_TRUE(Has(touched_ids, converted));
  EXPECT_TRUE(Has(touched_ids, rejected));
  // She may still open them (from Performa Saya).
  EXPECT_TRUE(store_->GetLeadRow(converted, ViewerFor(ani_, Role::kSales)).ok());

  // An undone conversion does not count as one in the day's figures.
  ASSERT_TRUE(Undo(converted, ani_).ok());
  auto days = store_->ActivityPerDay(ani_, now() - kMsPerDay, now() + kMsPerDay, 0);
  ASSERT_TRUE(days.ok());
  int64_t conversions = 0;
  for (const DayCount& d : *days) conversions += d.converted;
  EXPECT_EQ(conversions, 0);
  EXPECT_TRUE(Has(ListIds(ani_, Role::kSales), converted));
}

LEADSCORE_STORE_SUITE(StoreUndoTest);

}  // namespace
}  // namespace leadscore
