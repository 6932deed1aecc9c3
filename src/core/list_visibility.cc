#include "core/list_visibility.h"

#include <algorithm>

namespace leadscore {

ListVisibility SeeLead(const ListLeadState& lead, const ListViewerState& viewer) {
  ListVisibility out;
  out.status = EffectiveStatus(lead.status, lead.status_changed_at, viewer.now,
                               viewer.reject_period);
  const bool returned = out.status != lead.status;
  out.owner_id = returned ? 0 : lead.owner_id;
  if (!returned) out.callback_at = lead.callback_at;
  if (lead.status == LeadStatus::kRejected && !returned) {
    out.changes_at = lead.status_changed_at + viewer.reject_period;
  }

  const bool mine = viewer.user_id != 0 && out.owner_id == viewer.user_id;
  const ListedLead listed{out.status,
                          out.owner_id != 0 ? std::optional<int64_t>(out.owner_id) : std::nullopt,
                          lead.do_not_call};
  out.visible = InCallList(listed, viewer.user_id, viewer.admin);
  out.followed_up = out.owner_id != 0 && !mine;
  if (mine && out.status == LeadStatus::kContacted && out.callback_at) {
    out.callback_due = *out.callback_at <= viewer.now;
    if (!out.callback_due) out.changes_at = std::min(out.changes_at, *out.callback_at);
  }
  return out;
}

}  // namespace leadscore
