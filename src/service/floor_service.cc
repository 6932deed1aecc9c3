#include "service/floor_service.h"

#include <cstdlib>

#include "core/lead_workflow.h"
#include "core/text.h"

namespace leadscore {
namespace {

}  // namespace

FloorService::FloorService(Store& store, const Clock& clock, FloorOptions options)
    : store_(store), clock_(clock), options_(options) {}

Result<Assignment> FloorService::Assign(const Caller& caller, int64_t lead_id,
                                        std::optional<int64_t> user_id) {
  if (caller.user.role != Role::kAdmin) {
    return Status::PermissionDenied("only an admin assigns or releases a lead");
  }
  return store_.AssignLead(lead_id, user_id, caller.user.id, clock_.NowMs(),
                           options_.reject_period);
}

Result<DoNotCallChange> FloorService::SetDoNotCall(const Caller& caller, int64_t lead_id,
                                                   bool do_not_call,
                                                   const std::string& consent_note) {
  if (!MayChangeDoNotCall(do_not_call, caller.user.role == Role::kAdmin)) {
    return Status::PermissionDenied("only an admin may clear a do-not-call mark");
  }
  if (consent_note.size() > kMaxConsentNoteLength) {
    return Status::InvalidArgument("consent_note must have at most " +
                                   std::to_string(kMaxConsentNoteLength) + " characters");
  }
  if (HasControlCharacters(consent_note, "\n\t")) {
    return Status::InvalidArgument("consent_note must not hold control characters");
  }
  return store_.SetDoNotCall(lead_id, do_not_call, caller.user.id, consent_note, clock_.NowMs(),
                             options_.reject_period);
}

Result<StatusChange> FloorService::Undo(const Caller& caller, int64_t lead_id) {
  if (caller.user.role != Role::kSales) {
    return Status::PermissionDenied("only sales undo their own changes; an admin reverts");
  }
  return store_.UndoClosingMove(lead_id, caller.user.id, clock_.NowMs(), options_.reject_period);
}

Result<StatusChange> FloorService::Revert(const Caller& caller, int64_t lead_id,
                                          const std::string& reason) {
  if (caller.user.role != Role::kAdmin) {
    return Status::PermissionDenied("only an admin reverts a closed lead");
  }
  if (std::string bad = ValidateRevertReason(reason); !bad.empty()) {
    return Status::InvalidArgument(bad);
  }
  return store_.RevertClosedLead(lead_id, caller.user.id, reason, clock_.NowMs(),
                                 options_.reject_period);
}

Result<StaleSetting> FloorService::GetStaleSetting() {
  LS_ASSIGN_OR_RETURN(std::optional<Setting> setting, store_.GetSetting(kStaleContactedSetting));
  StaleSetting out;
  if (!setting) return out;
  char* end = nullptr;
  const long long days = std::strtoll(setting->value_json.c_str(), &end, 10);
  // The store reads an unreadable value as the default; so does this page.
  if (end != setting->value_json.c_str() && *end == '\0' && days >= kMinStaleDays &&
      days <= kMaxStaleDays) {
    out.days = days;
  }
  out.updated_at = setting->updated_at;
  out.updated_by = setting->updated_by;
  return out;
}

Result<StaleSetting> FloorService::SetStaleDays(int64_t days, const std::string& username) {
  if (days < kMinStaleDays || days > kMaxStaleDays) {
    return Status::InvalidArgument("stale_contacted_days must be between " +
                                   std::to_string(kMinStaleDays) + " and " +
                                   std::to_string(kMaxStaleDays));
  }
  Setting setting;
  setting.name = kStaleContactedSetting;
  setting.value_json = std::to_string(days);
  setting.updated_at = clock_.NowMs();
  setting.updated_by = username;
  LS_RETURN_IF_ERROR(store_.PutSetting(setting));
  return StaleSetting{days, setting.updated_at, setting.updated_by};
}

}  // namespace leadscore
