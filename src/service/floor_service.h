// FloorService: the sales-floor use cases (docs/ARCHITECTURE.md, "The sales floor") beside a
// sales person's status moves — an admin gives a lead to a sales person or releases it to the
// team, anyone who may open a lead marks it do-not-call (only an admin clears the mark), a sales
// person undoes their own closing move within minutes and an admin reverts a closed lead with a
// reason, and an admin sets after how many days without activity a contacted lead returns to
// the team.
//
// The rules themselves are in core/lead_workflow.h and the store's transactions; this service
// checks the caller's role and the request, and takes the time from the one clock. Holds
// references to the store and the clock, which must outlive it. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/lead.h"
#include "core/status.h"
#include "service/auth_service.h"
#include "store/store.h"

namespace leadscore {

struct FloorOptions {
  TimeMs reject_period = kDefaultRejectPeriod;
};

// The setting of the stale return, as the admin's settings page shows it.
struct StaleSetting {
  int64_t days = kDefaultStaleDays;
  TimeMs updated_at = 0;   // 0: never set (the default applies)
  std::string updated_by;  // "" when never set
};

class FloorService {
 public:
  FloorService(Store& store, const Clock& clock, FloorOptions options = {});
  FloorService(const FloorService&) = delete;
  FloorService& operator=(const FloorService&) = delete;

  // Admins only (kPermissionDenied otherwise): gives the open lead to sales `user_id`, or with
  // nullopt releases it; see Store::AssignLead for the refusals.
  Result<Assignment> Assign(const Caller& caller, int64_t lead_id, std::optional<int64_t> user_id);
  // Sets or clears the do-not-call mark with the consent basis in `consent_note`; see
  // Store::SetDoNotCall for who may do what.
  Result<DoNotCallChange> SetDoNotCall(const Caller& caller, int64_t lead_id, bool do_not_call,
                                       const std::string& consent_note);

  // Sales only: the caller's undo of their own move to converted or rejected within
  // kUndoWindow; see Store::UndoClosingMove for the refusals.
  Result<StatusChange> Undo(const Caller& caller, int64_t lead_id);
  // Admins only: reopens a converted or rejected lead, with a reason (ValidateRevertReason);
  // see Store::RevertClosedLead.
  Result<StatusChange> Revert(const Caller& caller, int64_t lead_id, const std::string& reason);

  Result<StaleSetting> GetStaleSetting();
  // kInvalidArgument outside kMinStaleDays..kMaxStaleDays.
  Result<StaleSetting> SetStaleDays(int64_t days, const std::string& username);

  const FloorOptions& options() const { return options_; }

 private:
  Store& store_;
  const Clock& clock_;
  const FloorOptions options_;
};

}  // namespace leadscore
