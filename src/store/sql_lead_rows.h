// What the store's workflow writes (status moves, attempts, the sales floor, undo and revert)
// read and write alike, inside the caller's transaction: the acting user, one lead's stored
// workflow state, and an activity row. Internal to the store; throw on a database error (the
// callers run under Guard).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/lead_workflow.h"
#include "core/status.h"
#include "store/soci_api.h"

namespace leadscore::store {

inline std::string StatusName(LeadStatus s) { return std::string(LeadStatusName(s)); }

// The role of `actor_id` ("admin" or "sales"), which must be an active account; with
// `only_role`, also of that role. kNotFound for an unknown user; kPermissionDenied with
// `refusal` for another role (checked first), or because the account is deactivated.
Result<std::string> ActiveActorRole(soci::session& sql, int64_t actor_id,
                                    std::string_view only_role = {},
                                    std::string_view refusal = {});

// What the rules need of one stored lead, as it reads at `now`.
struct StoredLead {
  std::string status_name;
  LeadStatus stored = LeadStatus::kPending;
  LeadStatus effective = LeadStatus::kPending;
  std::optional<int64_t> owner;  // effective
  long long stored_owner = 0;    // 0: none
  long long changed_at = 0;
  bool do_not_call = false;
  std::string phone;
};

// The lead, nullopt if there is none (or it belongs to an import not done yet).
std::optional<StoredLead> ReadLead(soci::session& sql, int64_t lead_id, TimeMs now,
                                   const ReturnPeriods& periods);

// Writes one activity row and returns its id.
long long LogActivity(soci::session& sql, TimeMs now, int64_t actor_id, int64_t lead_id,
                      LeadStatus from, LeadStatus to, const std::string& kind,
                      std::optional<int64_t> subject, const std::string& note,
                      const std::string& reason = "");

}  // namespace leadscore::store
