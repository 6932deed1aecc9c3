#include "core/lead.h"

namespace leadscore {

std::string_view LeadStatusName(LeadStatus status) {
  switch (status) {
    case LeadStatus::kPending: return "pending";
    case LeadStatus::kContacted: return "contacted";
    case LeadStatus::kConverted: return "converted";
    case LeadStatus::kRejected: return "rejected";
  }
  return "pending";
}

std::optional<LeadStatus> ParseLeadStatus(std::string_view name) {
  for (auto s : {LeadStatus::kPending, LeadStatus::kContacted, LeadStatus::kConverted,
                 LeadStatus::kRejected}) {
    if (LeadStatusName(s) == name) return s;
  }
  return std::nullopt;
}

const BankColumn* FindBankColumn(std::string_view name) {
  for (const auto& c : kBankColumns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace leadscore
