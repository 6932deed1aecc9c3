#include "core/lead_workflow.h"

#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace leadscore {
namespace {

constexpr TimeMs kT0 = 1'700'000'000'000;

TEST(LeadWorkflowTest, MovesFollowTheStatusRules) {
  using enum LeadStatus;
  EXPECT_TRUE(MoveAllowed(kPending, kContacted));
  EXPECT_TRUE(MoveAllowed(kPending, kConverted));
  EXPECT_TRUE(MoveAllowed(kPending, kRejected));
  EXPECT_FALSE(MoveAllowed(kPending, kPending));
  EXPECT_TRUE(MoveAllowed(kContacted, kContacted));
  EXPECT_TRUE(MoveAllowed(kContacted, kRejected));
  EXPECT_FALSE(MoveAllowed(kContacted, kPending));
  for (LeadStatus to : {kPending, kContacted, kConverted, kRejected}) {
    EXPECT_FALSE(MoveAllowed(kConverted, to));
    EXPECT_FALSE(MoveAllowed(kRejected, to));
  }
  EXPECT_TRUE(IsClosingMove(kConverted));
  EXPECT_TRUE(IsClosingMove(kRejected));
  EXPECT_FALSE(IsClosingMove(kContacted));
}

TEST(LeadWorkflowTest, UndoWindowIsFiveMinutesInclusive) {
  EXPECT_TRUE(WithinUndoWindow(kT0, kT0));
  EXPECT_TRUE(WithinUndoWindow(kT0, kT0 + 5 * 60 * 1000));
  EXPECT_FALSE(WithinUndoWindow(kT0, kT0 + 5 * 60 * 1000 + 1));
  EXPECT_FALSE(WithinUndoWindow(kT0, kT0 - 1));
}

TEST(LeadWorkflowTest, OnlyTheAuthorUndoesInTheWindowWhileNothingChanged) {
  constexpr int64_t kAni = 7, kBudi = 9;
  const ClosingMove fresh{kAni, kT0, true, false};
  EXPECT_EQ(JudgeUndo(fresh, kAni, kT0 + kUndoWindow), UndoVerdict::kAllowed);
  EXPECT_EQ(JudgeUndo(fresh, kAni, kT0 + kUndoWindow + 1), UndoVerdict::kWindowOver);
  EXPECT_EQ(JudgeUndo(fresh, kBudi, kT0), UndoVerdict::kNotAuthor);
  // Not the author: told nothing else, even when the window is over too.
  EXPECT_EQ(JudgeUndo(fresh, kBudi, kT0 + kUndoWindow + 1), UndoVerdict::kNotAuthor);
  EXPECT_EQ(JudgeUndo({kAni, kT0, false, false}, kAni, kT0), UndoVerdict::kChangedSince);
  EXPECT_EQ(JudgeUndo({kAni, kT0, true, true}, kAni, kT0), UndoVerdict::kChangedSince);
}

TEST(LeadWorkflowTest, ARevertNeedsAShortReason) {
  EXPECT_TRUE(ValidateRevertReason("the customer cancelled").ok());
  EXPECT_TRUE(ValidateRevertReason(std::string(kMaxReasonLength, 'x')).ok());
  EXPECT_FALSE(ValidateRevertReason("").ok());
  EXPECT_FALSE(ValidateRevertReason(" \t ").ok());
  EXPECT_FALSE(ValidateRevertReason(std::string(kMaxReasonLength + 1, 'x')).ok());
  EXPECT_FALSE(ValidateRevertReason("bad\x01byte").ok());
}

TEST(LeadWorkflowTest, StaleContactedReturnsAtTheBoundary) {
  const ReturnPeriods periods;  // 24 h, 14 days
  const TimeMs anchor = kT0;
  EXPECT_EQ(EffectiveStatus(LeadStatus::kContacted, kT0, anchor, kT0 + periods.stale - 1, periods),
            LeadStatus::kContacted);
  EXPECT_EQ(EffectiveStatus(LeadStatus::kContacted, kT0, anchor, kT0 + periods.stale, periods),
            LeadStatus::kPending);
  // A later call-back moves the anchor.
  const TimeMs callback = kT0 + 20 * kMsPerDay;
  EXPECT_EQ(FollowUpAnchor(kT0, callback), callback);
  EXPECT_EQ(FollowUpAnchor(kT0, kT0 - 5), kT0);
  EXPECT_EQ(FollowUpAnchor(kT0, std::nullopt), kT0);
  EXPECT_EQ(EffectiveStatus(LeadStatus::kContacted, kT0, FollowUpAnchor(kT0, callback),
                            kT0 + periods.stale, periods),
            LeadStatus::kContacted);
  // The rejection's return is unchanged, and other statuses never go stale.
  EXPECT_EQ(EffectiveStatus(LeadStatus::kRejected, kT0, kT0, kT0 + kMsPerDay, periods),
            LeadStatus::kPending);
  EXPECT_EQ(EffectiveStatus(LeadStatus::kConverted, kT0, kT0, kT0 + 100 * kMsPerDay, periods),
            LeadStatus::kConverted);
}

TEST(LeadWorkflowTest, CallListHoldsOpenLeadsWithoutDoNotCall) {
  const int64_t me = 7, other = 8;
  auto lead = [](LeadStatus s, std::optional<int64_t> owner, bool dnc = false) {
    return ListedLead{s, owner, dnc};
  };
  EXPECT_TRUE(InCallList(lead(LeadStatus::kPending, {}), me, false));
  EXPECT_TRUE(InCallList(lead(LeadStatus::kContacted, other), me, false));
  EXPECT_TRUE(InCallList(lead(LeadStatus::kContacted, me), me, false));
  EXPECT_FALSE(InCallList(lead(LeadStatus::kPending, {}, true), me, false));
  EXPECT_FALSE(InCallList(lead(LeadStatus::kConverted, me), me, false));
  EXPECT_FALSE(InCallList(lead(LeadStatus::kRejected, me), me, false));
  EXPECT_FALSE(InCallList(lead(LeadStatus::kConverted, other), me, false));
  EXPECT_TRUE(InCallList(lead(LeadStatus::kConverted, other, true), me, true));
  // Own closed leads stay reachable from "Performa Saya"; a colleague's are not.
  EXPECT_TRUE(MayOpenLead(lead(LeadStatus::kConverted, me), me, false));
  EXPECT_FALSE(MayOpenLead(lead(LeadStatus::kRejected, other), me, false));
  // A do-not-call lead is in no list but its page opens, showing the mark.
  EXPECT_TRUE(MayOpenLead(lead(LeadStatus::kPending, {}, true), me, false));
  EXPECT_FALSE(MayOpenLead(lead(LeadStatus::kConverted, other, true), me, false));
  // Any caller may set the mark; only an admin may clear it.
  EXPECT_TRUE(MayChangeDoNotCall(true, false));
  EXPECT_FALSE(MayChangeDoNotCall(false, false));
  EXPECT_TRUE(MayChangeDoNotCall(false, true));
}

TEST(LeadWorkflowTest, NotesAreReadByTheirAuthorAndAdmins) {
  EXPECT_TRUE(MayReadNote(3, 3, false));
  EXPECT_FALSE(MayReadNote(3, 4, false));
  EXPECT_TRUE(MayReadNote(3, 4, true));
}

TEST(LeadWorkflowTest, AttemptOutcomesRoundTripAndValidate) {
  for (const char* name : {"no_answer", "busy", "wrong_number", "call_back", "not_interested"}) {
    auto o = ParseAttemptOutcome(name);
    ASSERT_TRUE(o) << name;
    EXPECT_EQ(AttemptOutcomeName(*o), name);
  }
  EXPECT_FALSE(ParseAttemptOutcome("answered"));
  EXPECT_EQ(AttemptOutcomeList(), "no_answer, busy, wrong_number, call_back or not_interested");

  AttemptInput a;
  EXPECT_TRUE(ValidateAttempt(a, kT0).ok());
  a.callback_at = kT0 + kMsPerHour;
  EXPECT_EQ(ValidateAttempt(a, kT0).message(), "callback_at goes only with outcome call_back");
  a.outcome = AttemptOutcome::kCallBack;
  EXPECT_TRUE(ValidateAttempt(a, kT0).ok());
  a.callback_at = kT0;
  EXPECT_EQ(ValidateAttempt(a, kT0).message(), "callback_at must be in the future");
  a.callback_at.reset();
  a.reason = "too expensive";
  EXPECT_EQ(ValidateAttempt(a, kT0).message(), "reason goes only with outcome not_interested");
  a.outcome = AttemptOutcome::kNotInterested;
  EXPECT_TRUE(ValidateAttempt(a, kT0).ok());
  a.note = std::string(kMaxNoteLength + 1, 'x');
  EXPECT_FALSE(ValidateAttempt(a, kT0).ok());
}

TEST(LeadWorkflowTest, AStatusChangeRequestFollowsTheRules) {
  using enum LeadStatus;
  EXPECT_TRUE(ValidateStatusChange({kContacted, "", std::nullopt}, kT0).ok());
  EXPECT_TRUE(ValidateStatusChange({kConverted, "deal", std::nullopt}, kT0).ok());
  EXPECT_TRUE(ValidateStatusChange({kRejected, "", std::nullopt}, kT0).ok());
  EXPECT_TRUE(ValidateStatusChange({kContacted, "", kT0 + kMsPerHour}, kT0).ok());
  const std::string longest(kMaxNoteLength, 'x');
  EXPECT_TRUE(ValidateStatusChange({kContacted, longest, std::nullopt}, kT0).ok());

  const auto reason = [](const StatusInput& input) {
    const Status s = ValidateStatusChange(input, kT0);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.ToString();
    return s.reason();
  };
  EXPECT_EQ(reason({kPending, "", std::nullopt}), "status_pending_by_hand");
  EXPECT_EQ(reason({kContacted, std::string(kMaxNoteLength + 1, 'x'), std::nullopt}),
            "note_too_long");
  EXPECT_EQ(reason({kConverted, "", kT0 + kMsPerHour}), "callback_needs_contacted");
  EXPECT_EQ(reason({kRejected, "", kT0 + kMsPerHour}), "callback_needs_contacted");
  EXPECT_EQ(reason({kContacted, "", kT0}), "callback_in_past");
  EXPECT_EQ(reason({kContacted, "", kT0 - 1}), "callback_in_past");
  EXPECT_EQ(reason({kContacted, "", kT0 + kMaxCallbackAhead + 1}), "callback_too_far");
  EXPECT_TRUE(ValidateStatusChange({kContacted, "", kT0 + kMaxCallbackAhead}, kT0).ok());
  // Pending is refused before anything else is looked at.
  EXPECT_EQ(reason({kPending, std::string(kMaxNoteLength + 1, 'x'), kT0 - 1}),
            "status_pending_by_hand");
}

TEST(LeadWorkflowTest, ANoteHoldsAtMostTheLimit) {
  EXPECT_TRUE(ValidateNote("").ok());
  EXPECT_TRUE(ValidateNote(std::string(kMaxNoteLength, 'x')).ok());
  const Status s = ValidateNote(std::string(kMaxNoteLength + 1, 'x'));
  EXPECT_EQ(s.reason(), "note_too_long");
  EXPECT_EQ(s.message(), "note must have at most 1000 characters");
}

TEST(LeadWorkflowTest, APageHoldsOneToTheMostRows) {
  EXPECT_TRUE(ValidatePageSize(1).ok());
  EXPECT_TRUE(ValidatePageSize(kDefaultPageSize).ok());
  EXPECT_TRUE(ValidatePageSize(kMaxPageSize).ok());
  for (int64_t bad : {int64_t{0}, int64_t{-1}, kMaxPageSize + 1, int64_t{500}}) {
    const Status s = ValidatePageSize(bad);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(s.reason(), "size_out_of_range");
  }
  EXPECT_EQ(ValidatePageSize(0).message(), "size must be between 1 and 200");
  EXPECT_TRUE(ValidatePage(1).ok());
  EXPECT_TRUE(ValidatePage(kMaxPage).ok());
  for (int64_t bad : {int64_t{0}, int64_t{-5}, kMaxPage + 1}) {
    EXPECT_EQ(ValidatePage(bad).reason(), "page_out_of_range") << bad;
  }
}

// The limits are the ones the API promises (docs/openapi.yaml), which the web app follows.
TEST(LeadWorkflowTest, TheLimitsAreTheDocumentedOnes) {
  std::ifstream in(std::string(LEADSCORE_SOURCE_DIR) + "/docs/openapi.yaml");
  ASSERT_TRUE(in) << "docs/openapi.yaml";
  std::string line, previous;
  int notes = 0;
  bool size_seen = false;
  while (std::getline(in, line)) {
    if (previous.find("name: size") != std::string::npos) {
      // `line` is "in: query"; the schema follows.
      ASSERT_TRUE(std::getline(in, line));
      EXPECT_NE(line.find("maximum: " + std::to_string(kMaxPageSize) + ","), std::string::npos)
          << line;
      EXPECT_NE(line.find("default: " + std::to_string(kDefaultPageSize) + "}"), std::string::npos)
          << line;
      size_seen = true;
    }
    if (line.find("note: {type: string, maxLength: ") != std::string::npos) {
      EXPECT_NE(line.find("maxLength: " + std::to_string(kMaxNoteLength) + "}"), std::string::npos)
          << line;
      ++notes;
    }
    previous = line;
  }
  EXPECT_TRUE(size_seen);
  EXPECT_GE(notes, 3);  // the consent note, the status change's note and the attempt's note
}

TEST(LeadWorkflowTest, PhonesNormaliseToOneSpelling) {
  for (const char* spelling : {"081234567890", "0812-3456-7890", "+62 812-3456-7890",
                               "62 812 3456 7890", "0062 812 3456 7890", "(0812) 3456.7890",
                               "812 3456 7890"}) {
    EXPECT_EQ(NormalizePhoneE164(spelling), std::optional<std::string>("+6281234567890"))
        << spelling;
  }
  EXPECT_EQ(NormalizePhoneE164("+62 000 0000 0123"), std::nullopt);  // a made-up identity
  EXPECT_EQ(NormalizePhoneE164("12345"), std::nullopt);
  EXPECT_EQ(NormalizePhoneE164("0812 abc"), std::nullopt);
  EXPECT_EQ(PhoneSearchDigits("081234567890"), "6281234567890");
  EXPECT_EQ(PhoneSearchDigits("+62 812-3456-7890"), "6281234567890");
  EXPECT_EQ(PhoneSearchDigits("0812-3456-7890"), "6281234567890");
  EXPECT_EQ(PhoneSearchDigits("3456"), "3456");
  EXPECT_EQ(PhoneSearchDigits("Budi"), "");
  EXPECT_EQ(PhoneSearchDigits("-"), "");
}

}  // namespace
}  // namespace leadscore
