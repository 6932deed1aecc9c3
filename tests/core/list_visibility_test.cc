#include "core/list_visibility.h"

#include <gtest/gtest.h>

namespace leadscore {
namespace {

constexpr int64_t kAni = 7, kBudi = 9;
constexpr TimeMs kT0 = 1'700'000'000'000;

ListViewerState Sales(int64_t id, TimeMs now) { return {id, false, now, kDefaultRejectPeriod}; }
ListViewerState Admin(TimeMs now) { return {1, true, now, kDefaultRejectPeriod}; }

TEST(ListVisibilityTest, APendingLeadIsInEveryListAndNobodyFollowsItUp) {
  const ListLeadState lead{LeadStatus::kPending, 0, kT0, std::nullopt};
  for (const ListViewerState& v : {Sales(kAni, kT0), Sales(kBudi, kT0), Admin(kT0)}) {
    const ListVisibility s = SeeLead(lead, v);
    EXPECT_TRUE(s.visible);
    EXPECT_FALSE(s.followed_up);
    EXPECT_FALSE(s.callback_due);
    EXPECT_EQ(s.status, LeadStatus::kPending);
  }
}

TEST(ListVisibilityTest, AContactedLeadStaysInOtherListsMarkedFollowedUp) {
  const ListLeadState lead{LeadStatus::kContacted, kAni, kT0, std::nullopt};
  const ListVisibility ani = SeeLead(lead, Sales(kAni, kT0));
  const ListVisibility budi = SeeLead(lead, Sales(kBudi, kT0));
  EXPECT_TRUE(ani.visible);
  EXPECT_FALSE(ani.followed_up);
  EXPECT_TRUE(budi.visible);
  EXPECT_TRUE(budi.followed_up);
  EXPECT_EQ(budi.owner_id, kAni);
  EXPECT_TRUE(SeeLead(lead, Admin(kT0)).followed_up);
}

TEST(ListVisibilityTest, AConvertedLeadIsOnlyInTheAdminsList) {
  const ListLeadState lead{LeadStatus::kConverted, kAni, kT0, std::nullopt};
  // Not in Ani's call list either: her own closed leads are in "Performa Saya".
  EXPECT_FALSE(SeeLead(lead, Sales(kAni, kT0 + 400 * kMsPerDay)).visible);
  EXPECT_FALSE(SeeLead(lead, Sales(kBudi, kT0 + 400 * kMsPerDay)).visible);
  EXPECT_FALSE(SeeLead(lead, Sales(0, kT0)).visible);
  EXPECT_TRUE(SeeLead(lead, Admin(kT0)).visible);
}

TEST(ListVisibilityTest, ARejectedLeadReturnsToEveryoneExactlyWhenItsPeriodEnds) {
  const ListLeadState lead{LeadStatus::kRejected, kAni, kT0, std::nullopt};
  const TimeMs back = kT0 + kDefaultRejectPeriod;
  const ListVisibility before = SeeLead(lead, Sales(kBudi, back - 1));
  EXPECT_FALSE(before.visible);
  EXPECT_EQ(before.changes_at, back);
  EXPECT_FALSE(SeeLead(lead, Sales(kAni, back - 1)).visible);
  EXPECT_EQ(SeeLead(lead, Sales(kAni, back - 1)).status, LeadStatus::kRejected);

  for (int64_t who : {kAni, kBudi}) {
    const ListVisibility at = SeeLead(lead, Sales(who, back));
    EXPECT_TRUE(at.visible);
    EXPECT_EQ(at.status, LeadStatus::kPending);
    EXPECT_EQ(at.owner_id, 0);  // the return clears the owner
    EXPECT_FALSE(at.followed_up);
    EXPECT_EQ(at.changes_at, std::numeric_limits<TimeMs>::max());
  }
}

TEST(ListVisibilityTest, OnlyTheOwnersCallBackFallsDueAndOnlyOnceItsTimeHasCome) {
  const TimeMs when = kT0 + 3600'000;
  const ListLeadState lead{LeadStatus::kContacted, kAni, kT0, when};
  const ListVisibility early = SeeLead(lead, Sales(kAni, when - 1));
  EXPECT_FALSE(early.callback_due);
  EXPECT_EQ(early.changes_at, when);
  EXPECT_TRUE(SeeLead(lead, Sales(kAni, when)).callback_due);
  EXPECT_FALSE(SeeLead(lead, Sales(kBudi, when)).callback_due);
  EXPECT_FALSE(SeeLead(lead, Admin(when)).callback_due);
  EXPECT_EQ(SeeLead(lead, Sales(kBudi, when)).callback_at, when);
}

TEST(ListVisibilityTest, AReturnedLeadDropsItsCallBack) {
  const ListLeadState lead{LeadStatus::kRejected, kAni, kT0, kT0 + 1};
  const ListVisibility s = SeeLead(lead, Sales(kAni, kT0 + 2 * kDefaultRejectPeriod));
  EXPECT_FALSE(s.callback_at.has_value());
  EXPECT_FALSE(s.callback_due);
}

// SeeLead and InCallList are one rule: for every status, owner, do-not-call mark and time, the
// list holds a lead exactly when InCallList says so of the lead as it reads then, and it is the
// same list for every sales person.
TEST(ListVisibilityTest, SeeLeadIsInCallListOfTheLeadAsItReads) {
  const LeadStatus statuses[] = {LeadStatus::kPending, LeadStatus::kContacted,
                                 LeadStatus::kConverted, LeadStatus::kRejected};
  for (LeadStatus st : statuses) {
    for (int64_t owner : {int64_t{0}, kAni, kBudi}) {
      for (bool dnc : {false, true}) {
        for (TimeMs age : {TimeMs{0}, kDefaultRejectPeriod - 1, kDefaultRejectPeriod}) {
          const ListLeadState lead{st, owner, kT0, std::nullopt, dnc};
          for (const ListViewerState& v : {Sales(0, kT0 + age), Sales(kAni, kT0 + age),
                                           Sales(kBudi, kT0 + age), Admin(kT0 + age)}) {
            const ListVisibility s = SeeLead(lead, v);
            const ListedLead read{s.status,
                                  s.owner_id ? std::optional<int64_t>(s.owner_id) : std::nullopt,
                                  dnc};
            EXPECT_EQ(s.visible, InCallList(read, v.user_id, v.admin));
            if (!v.admin) EXPECT_EQ(s.visible, SeeLead(lead, Sales(0, v.now)).visible);
            if (!v.admin && IsClosingMove(s.status)) EXPECT_FALSE(s.visible);
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace leadscore
