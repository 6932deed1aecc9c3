// The visibility rules of the call list (docs/ARCHITECTURE.md, "Status rules and visibility")
// as one pure function: given what is stored of a lead's workflow and who looks when, whether
// the lead is in the viewer's list, how it reads there (effective status and owner, a rejected
// lead past its period being pending with no owner), whether it is marked "being followed up
// by" someone else, and whether it is one of the viewer's own call-backs that has fallen due
// (those top a sales person's list).
//
// Whether a lead is in the list at all is InCallList (core/lead_workflow.h), the one rule of the
// call list; SeeLead applies it to the lead as it reads at the viewer's `now`. Every reader of
// the list (the SQL list, the in-memory read model, exports) must agree with this function. A
// new per-lead rule goes into InCallList: add the field to ListLeadState and ListedLead, and say
// in ListVisibility::changes_at when the rule's answer flips with the clock.
// Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>

#include "core/clock.h"
#include "core/lead.h"
#include "core/lead_workflow.h"

namespace leadscore {

// What the rules read of one lead, as stored.
struct ListLeadState {
  LeadStatus status = LeadStatus::kPending;
  int64_t owner_id = 0;  // 0: nobody owns it
  TimeMs status_changed_at = 0;
  std::optional<TimeMs> callback_at;
  bool do_not_call = false;
};

// Who looks, and when.
struct ListViewerState {
  int64_t user_id = 0;  // 0: no particular viewer of the role (what every one of them sees)
  bool admin = false;
  TimeMs now = 0;
  TimeMs reject_period = kDefaultRejectPeriod;
};

struct ListVisibility {
  // In the viewer's list (InCallList). The same for every viewer of the role: a sales person's
  // own converted and rejected leads are in no call list (they are in "Performa Saya").
  bool visible = false;
  LeadStatus status = LeadStatus::kPending;  // effective
  int64_t owner_id = 0;                      // effective, 0 if none
  std::optional<TimeMs> callback_at;         // effective
  bool followed_up = false;   // owned by someone other than the viewer
  bool callback_due = false;  // the viewer's own call-back whose time has come
  // The earliest time after `now` at which any of the above can read differently for this
  // lead without a write (the rejected return, a call-back falling due); max() if never.
  TimeMs changes_at = std::numeric_limits<TimeMs>::max();
};

ListVisibility SeeLead(const ListLeadState& lead, const ListViewerState& viewer);

}  // namespace leadscore
