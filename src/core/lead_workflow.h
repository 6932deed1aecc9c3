// The rules of the sales floor, written once: which status moves are allowed, when a lead
// returns to the team by itself (a rejection's period over, or a contacted lead left without
// activity), which leads are in a sales person's call list, what a call attempt may record,
// the undo window of a closing move, and who may read a note. Store, services and the HTTP edge
// call these functions instead of repeating the rules; the SQL of the store mirrors the
// read-time rules (EffectiveStatus, InCallList) and is tested against them.
//
// Every function is pure and thread-safe; time comes in as `now` from the one Clock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/lead.h"
#include "core/status.h"

namespace leadscore {

// --- Periods and limits --------------------------------------------------------------------

// A contacted lead with no activity for this long returns to the team as pending. The portal's
// setting "stale_contacted_days" overrides it.
inline constexpr int64_t kDefaultStaleDays = 14;
inline constexpr TimeMs kDefaultStalePeriod = kDefaultStaleDays * kMsPerDay;
inline constexpr int64_t kMinStaleDays = 1;
inline constexpr int64_t kMaxStaleDays = 365;
// The author of a move to converted or rejected may undo it this long after.
inline constexpr TimeMs kUndoWindow = 5 * 60 * kMsPerSecond;
// The longest note of a status change or an attempt, and the longest reason.
inline constexpr size_t kMaxNoteLength = 1000;
inline constexpr size_t kMaxReasonLength = 200;
// A call-back may be set at most this far ahead.
inline constexpr TimeMs kMaxCallbackAhead = 366 * kMsPerDay;
// A page of a list (leads, activity) holds 1 to kMaxPageSize rows, kDefaultPageSize when the
// request names none; pages are numbered from 1 to kMaxPage (docs/openapi.yaml, Size and Page).
inline constexpr int64_t kMaxPageSize = 200;
inline constexpr int64_t kDefaultPageSize = 50;
inline constexpr int64_t kMaxPage = 1'000'000;

// OK when `page` is 1..kMaxPage, else the InvalidArgument of a 400, page_out_of_range.
Status ValidatePage(int64_t page);
// OK when `size` is 1..kMaxPageSize, else the InvalidArgument of a 400, size_out_of_range.
Status ValidatePageSize(int64_t size);
// OK when `note` (of a status change or an attempt) has at most kMaxNoteLength characters,
// else the InvalidArgument of a 400, note_too_long.
Status ValidateNote(std::string_view note);
// OK when a call-back at `callback_at` lies after `now` and within kMaxCallbackAhead, else the
// InvalidArgument of a 400, callback_in_past or callback_too_far.
Status ValidateCallbackTime(TimeMs callback_at, TimeMs now);

// The periods after which a lead returns to the team by itself.
struct ReturnPeriods {
  TimeMs reject = kDefaultRejectPeriod;
  TimeMs stale = kDefaultStalePeriod;
};

// --- Status moves --------------------------------------------------------------------------

// The status moves (docs/ARCHITECTURE.md, "Status rules and visibility"): pending -> contacted |
// converted | rejected; contacted -> converted | rejected, and contacted -> contacted by its
// owner (a new call-back or note). converted is final; rejected returns to pending only by
// itself.
bool MoveAllowed(LeadStatus from, LeadStatus to);

// The request of one status change, checked by ValidateStatusChange.
struct StatusInput {
  LeadStatus to = LeadStatus::kContacted;
  std::string note;
  std::optional<TimeMs> callback_at;
};

// OK when the request may be made at `now` whatever the lead's status, else the
// InvalidArgument of a 400, with its reason: never to pending (a lead returns to it only by
// itself), the note within kMaxNoteLength, a call-back time only with contacted and then as
// ValidateCallbackTime. Whether the lead may make the move is MoveAllowed's to say.
Status ValidateStatusChange(const StatusInput& input, TimeMs now);

// The moves the UI asks to confirm (and which the author may undo within kUndoWindow).
inline bool IsClosingMove(LeadStatus to) {
  return to == LeadStatus::kConverted || to == LeadStatus::kRejected;
}

// Whether the author of a closing move made at `moved_at` may still undo it at `now`.
inline bool WithinUndoWindow(TimeMs moved_at, TimeMs now) {
  return now >= moved_at && now - moved_at <= kUndoWindow;
}

// A closing move as the activity log keeps it, and what became of the lead since: the input
// of JudgeUndo.
struct ClosingMove {
  int64_t author_id = 0;
  TimeMs at = 0;
  // The lead still reads as the move left it: the same status (not returned to the team by
  // itself), owner and status time, and the move not undone or reverted.
  bool lead_unchanged = false;
  // Someone other than the author has an entry in the lead's log after the move (an admin's
  // do-not-call mark, say).
  bool others_acted_since = false;
};

enum class UndoVerdict { kAllowed, kNotAuthor, kWindowOver, kChangedSince };

// Whether `actor_id` may undo the lead's latest closing move at `now`: only its author, within
// kUndoWindow, and only while nobody else has acted on the lead and it still reads as the move
// left it. Checked in this order, so that a caller who is not the author learns nothing more.
inline UndoVerdict JudgeUndo(const ClosingMove& move, int64_t actor_id, TimeMs now) {
  if (move.author_id != actor_id) return UndoVerdict::kNotAuthor;
  if (!WithinUndoWindow(move.at, now)) return UndoVerdict::kWindowOver;
  if (!move.lead_unchanged || move.others_acted_since) return UndoVerdict::kChangedSince;
  return UndoVerdict::kAllowed;
}

// An admin's revert of a closed lead needs a reason: OK when `reason` is one (1 to
// kMaxReasonLength characters after trimming spaces, no control characters), else the
// InvalidArgument of a 400, with its reason.
Status ValidateRevertReason(const std::string& reason);

// --- Read-time returns ---------------------------------------------------------------------

// The time a contacted lead's follow-up is anchored to: the owner's last activity, or the
// call-back time when that is later (a call-back set three weeks ahead keeps the lead).
inline TimeMs FollowUpAnchor(TimeMs last_activity_at, std::optional<TimeMs> callback_at) {
  return callback_at && *callback_at > last_activity_at ? *callback_at : last_activity_at;
}

// A contacted lead whose follow-up anchor lies `stale_period` or more in the past is stale: it
// reads as pending with no owner, like a rejected lead past its period, whether or not any
// process was running at that moment.
inline bool IsStaleContacted(LeadStatus stored, TimeMs follow_up_anchor, TimeMs now,
                             TimeMs stale_period) {
  return stored == LeadStatus::kContacted && now - follow_up_anchor >= stale_period;
}

// The status a stored lead reads as at `now`: the rejection's return (lead.h) and the stale
// contacted return together.
inline LeadStatus EffectiveStatus(LeadStatus stored, TimeMs status_changed_at,
                                  TimeMs follow_up_anchor, TimeMs now,
                                  const ReturnPeriods& periods) {
  if (IsStaleContacted(stored, follow_up_anchor, now, periods.stale)) return LeadStatus::kPending;
  return EffectiveStatus(stored, status_changed_at, now, periods.reject);
}

// --- Lists ---------------------------------------------------------------------------------

// What the list rules need to know of one lead, as it reads at `now` (effective status and
// owner: no owner once it returned to pending).
struct ListedLead {
  LeadStatus status = LeadStatus::kPending;  // effective
  std::optional<int64_t> owner_id;           // effective
  bool do_not_call = false;
};

// Whether a lead is in the call list of sales person `viewer_id`: pending and contacted leads
// (a colleague's contacted lead is listed, marked as followed up by them), never a lead marked
// do-not-call, and never a closed one — a colleague's converted or rejected lead is hidden from
// the others, and one's own converted and rejected leads leave the call list for "Performa
// Saya". An admin's list holds every lead.
bool InCallList(const ListedLead& lead, int64_t viewer_id, bool viewer_is_admin);

// Whether a sales person may open the lead's page: what would be in their call list but for a
// do-not-call mark (the page shows the mark and takes no call), and besides their own leads in
// any status (their closed leads, reached from "Performa Saya").
bool MayOpenLead(const ListedLead& lead, int64_t viewer_id, bool viewer_is_admin);

// --- Do not call ---------------------------------------------------------------------------

// Who may change the mark: anyone who may open the lead may set it (a customer asks on the
// phone); only an admin may clear it.
inline bool MayChangeDoNotCall(bool to, bool viewer_is_admin) { return viewer_is_admin || to; }
// The longest consent note (the basis of the mark under UU PDP, Law 27/2022).
inline constexpr size_t kMaxConsentNoteLength = kMaxNoteLength;

// --- Notes ---------------------------------------------------------------------------------

// A note and a call-back time are read by their author and by admins only.
inline bool MayReadNote(int64_t author_id, int64_t viewer_id, bool viewer_is_admin) {
  return viewer_is_admin || author_id == viewer_id;
}

// --- Call attempts -------------------------------------------------------------------------

enum class AttemptOutcome { kNoAnswer, kBusy, kWrongNumber, kCallBack, kNotInterested };

// "no_answer", "busy", "wrong_number", "call_back", "not_interested".
std::string_view AttemptOutcomeName(AttemptOutcome outcome);
std::optional<AttemptOutcome> ParseAttemptOutcome(std::string_view name);
// "no_answer, busy, wrong_number, call_back or not_interested", for error messages.
std::string AttemptOutcomeList();

// The request of one attempt, checked by ValidateAttempt.
struct AttemptInput {
  AttemptOutcome outcome = AttemptOutcome::kNoAnswer;
  std::string note;
  std::optional<TimeMs> callback_at;
  std::string reason;
};

// OK when the attempt is valid at `now`, else the InvalidArgument of a 400, with its reason: a
// call-back time only with call_back and then in the future (within kMaxCallbackAhead), a
// reason only with not_interested, note and reason within their limits.
Status ValidateAttempt(const AttemptInput& input, TimeMs now);

// --- Phone numbers -------------------------------------------------------------------------

// The phone number in E.164 (+62...), or nullopt when it is not a plausible number. A national
// number ("0812-3456-7890"), one with the country code ("+62 812 3456 7890", "62812...") or
// with the international prefix ("0062...") all give "+6281234567890". A number whose national
// part starts with 0 (the portal's made-up "+62 000 ..." identities) is no number.
std::optional<std::string> NormalizePhoneE164(std::string_view phone);

// The digits a phone search compares, the same for the stored number and the query: the digits
// only, a leading national 0 or international 00 replaced by the country code 62. "081234",
// "+62 812-34" and "0062 81234" all give "6281234...". Empty when `text` holds no digit or
// anything but digits, spaces and + - . ( ) /.
std::string PhoneSearchDigits(std::string_view text);

// What the store keeps of a phone for search (the leads' phone_digits column): the digits of
// NormalizePhoneE164 for a plausible number, else PhoneSearchDigits. A search term's
// PhoneSearchDigits is a substring of it for every spelling of the number ("081234567890",
// "0812-3456-7890", "+62 812 3456 7890", "812 3456 7890").
std::string StoredPhoneDigits(std::string_view phone);

}  // namespace leadscore
