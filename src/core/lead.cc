#include "core/lead.h"

#include <map>
#include <vector>

#include "core/value_labels.h"

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

std::span<const std::string_view> KnownCategories(const BankColumn& column) {
  if (column.kind != ColumnKind::kCategorical) return {};
  // The codes of the value catalogue, which lists both UCI layouts' categories in the order a
  // form offers them; views into the catalogue, which lives as long as the process.
  static const auto codes = [] {
    std::map<std::string_view, std::vector<std::string_view>> by_column;
    for (const BankColumn& c : kBankColumns) {
      if (c.kind != ColumnKind::kCategorical) continue;
      auto& list = by_column[c.name];
      for (const ValueWords& w : CatalogueValues(c.name)) list.push_back(w.code);
    }
    return by_column;
  }();
  auto it = codes.find(column.name);
  if (it == codes.end()) return {};
  return it->second;
}

const BankColumn* FindBankColumn(std::string_view name) {
  for (const auto& c : kBankColumns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace leadscore
