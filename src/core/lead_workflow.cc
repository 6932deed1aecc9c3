#include "core/lead_workflow.h"
#include "core/text.h"

#include <array>
#include <cctype>

namespace leadscore {

bool MoveAllowed(LeadStatus from, LeadStatus to) {
  switch (from) {
    case LeadStatus::kPending:
      return to == LeadStatus::kContacted || to == LeadStatus::kConverted ||
             to == LeadStatus::kRejected;
    case LeadStatus::kContacted:
      return to == LeadStatus::kContacted || to == LeadStatus::kConverted ||
             to == LeadStatus::kRejected;
    case LeadStatus::kConverted:
    case LeadStatus::kRejected: return false;
  }
  return false;
}

bool InCallList(const ListedLead& lead, int64_t viewer_id, bool viewer_is_admin) {
  (void)viewer_id;  // the call list is the same for every sales person; only marks differ
  if (viewer_is_admin) return true;
  if (lead.do_not_call) return false;
  return lead.status == LeadStatus::kPending || lead.status == LeadStatus::kContacted;
}

bool MayOpenLead(const ListedLead& lead, int64_t viewer_id, bool viewer_is_admin) {
  ListedLead callable = lead;
  callable.do_not_call = false;
  if (InCallList(callable, viewer_id, viewer_is_admin)) return true;
  return lead.owner_id && *lead.owner_id == viewer_id;
}

namespace {

constexpr std::array<std::pair<AttemptOutcome, std::string_view>, 5> kOutcomes = {{
    {AttemptOutcome::kNoAnswer, "no_answer"},
    {AttemptOutcome::kBusy, "busy"},
    {AttemptOutcome::kWrongNumber, "wrong_number"},
    {AttemptOutcome::kCallBack, "call_back"},
    {AttemptOutcome::kNotInterested, "not_interested"},
}};

bool IsPhoneCharacter(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) ||
         std::string_view(" +-.()/").find(c) != std::string_view::npos;
}

}  // namespace

Status ValidatePage(int64_t page) {
  if (page < 1 || page > kMaxPage) {
    return Status::InvalidArgument("page must be between 1 and " + std::to_string(kMaxPage))
        .With("page_out_of_range");
  }
  return Status::Ok();
}

Status ValidatePageSize(int64_t size) {
  if (size < 1 || size > kMaxPageSize) {
    return Status::InvalidArgument("size must be between 1 and " + std::to_string(kMaxPageSize))
        .With("size_out_of_range", {{"min", int64_t{1}}, {"max", kMaxPageSize}});
  }
  return Status::Ok();
}

Status ValidateNote(std::string_view note) {
  if (note.size() > kMaxNoteLength) {
    return Status::InvalidArgument("note must have at most " + std::to_string(kMaxNoteLength) +
                                   " characters")
        .With("note_too_long", {{"max", static_cast<int64_t>(kMaxNoteLength)}});
  }
  return Status::Ok();
}

Status ValidateCallbackTime(TimeMs callback_at, TimeMs now) {
  if (callback_at <= now) {
    return Status::InvalidArgument("callback_at must be in the future").With("callback_in_past");
  }
  if (callback_at > now + kMaxCallbackAhead) {
    return Status::InvalidArgument("callback_at must be within a year").With("callback_too_far");
  }
  return Status::Ok();
}

Status ValidateStatusChange(const StatusInput& input, TimeMs now) {
  if (input.to == LeadStatus::kPending) {
    return Status::InvalidArgument("status must be contacted, converted or rejected")
        .With("status_pending_by_hand");
  }
  LS_RETURN_IF_ERROR(ValidateNote(input.note));
  if (input.callback_at) {
    if (input.to != LeadStatus::kContacted) {
      return Status::InvalidArgument("callback_at goes only with status contacted")
          .With("callback_needs_contacted");
    }
    LS_RETURN_IF_ERROR(ValidateCallbackTime(*input.callback_at, now));
  }
  return Status::Ok();
}

Status ValidateRevertReason(const std::string& reason) {
  const size_t first = reason.find_first_not_of(" \t\n");
  if (first == std::string::npos) {
    return Status::InvalidArgument("reason is required: say why the lead is reverted")
        .With("revert_reason_required");
  }
  if (reason.size() > kMaxReasonLength) {
    return Status::InvalidArgument("reason must have at most " + std::to_string(kMaxReasonLength) +
                                   " characters")
        .With("reason_too_long", {{"max", static_cast<int64_t>(kMaxReasonLength)}});
  }
  if (HasControlCharacters(reason, "\n\t")) {
    return Status::InvalidArgument("reason must not hold control characters")
        .With("reason_characters");
  }
  return Status::Ok();
}

std::string_view AttemptOutcomeName(AttemptOutcome outcome) {
  for (const auto& [o, name] : kOutcomes) {
    if (o == outcome) return name;
  }
  return "no_answer";
}

std::optional<AttemptOutcome> ParseAttemptOutcome(std::string_view name) {
  for (const auto& [o, n] : kOutcomes) {
    if (n == name) return o;
  }
  return std::nullopt;
}

std::string AttemptOutcomeList() {
  std::string out;
  for (size_t i = 0; i < kOutcomes.size(); ++i) {
    if (i > 0) out += i + 1 == kOutcomes.size() ? " or " : ", ";
    out += kOutcomes[i].second;
  }
  return out;
}

Status ValidateAttempt(const AttemptInput& input, TimeMs now) {
  LS_RETURN_IF_ERROR(ValidateNote(input.note));
  if (input.reason.size() > kMaxReasonLength) {
    return Status::InvalidArgument("reason must have at most " + std::to_string(kMaxReasonLength) +
                                   " characters")
        .With("reason_too_long", {{"max", static_cast<int64_t>(kMaxReasonLength)}});
  }
  if (!input.reason.empty() && input.outcome != AttemptOutcome::kNotInterested) {
    return Status::InvalidArgument("reason goes only with outcome not_interested")
        .With("attempt_reason_misplaced");
  }
  if (input.callback_at) {
    if (input.outcome != AttemptOutcome::kCallBack) {
      return Status::InvalidArgument("callback_at goes only with outcome call_back")
          .With("attempt_callback_misplaced");
    }
    LS_RETURN_IF_ERROR(ValidateCallbackTime(*input.callback_at, now));
  }
  return Status::Ok();
}

std::string PhoneSearchDigits(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (!IsPhoneCharacter(c)) return "";
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  }
  if (digits.empty()) return "";
  if (digits.rfind("00", 0) == 0) return digits.substr(2);
  if (digits[0] == '0') return "62" + digits.substr(1);
  return digits;
}

std::optional<std::string> NormalizePhoneE164(std::string_view phone) {
  std::string digits = PhoneSearchDigits(phone);
  // A bare mobile number without the national 0 ("812 3456 7890").
  if (!digits.empty() && digits[0] == '8') digits = "62" + digits;
  if (digits.size() < 9 || digits.size() > 15) return std::nullopt;
  if (digits.rfind("62", 0) == 0 && digits[2] == '0') return std::nullopt;
  return "+" + digits;
}

std::string StoredPhoneDigits(std::string_view phone) {
  if (std::optional<std::string> e164 = NormalizePhoneE164(phone)) return e164->substr(1);
  return PhoneSearchDigits(phone);
}

}  // namespace leadscore
