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

namespace {

using std::string_view_literals::operator""sv;

// bank-additional-full.csv and bank-full.csv (UCI Bank Marketing, bank-names.txt of each).
constexpr std::string_view kJobs[] = {
    "admin."sv, "blue-collar"sv, "entrepreneur"sv, "housemaid"sv, "management"sv, "retired"sv,
    "self-employed"sv, "services"sv, "student"sv, "technician"sv, "unemployed"sv, "unknown"sv};
constexpr std::string_view kMarital[] = {"divorced"sv, "married"sv, "single"sv, "unknown"sv};
// Education: bank-additional's levels, then bank-full's.
constexpr std::string_view kEducation[] = {
    "basic.4y"sv, "basic.6y"sv, "basic.9y"sv, "high.school"sv, "illiterate"sv,
    "professional.course"sv, "university.degree"sv, "primary"sv, "secondary"sv, "tertiary"sv,
    "unknown"sv};
constexpr std::string_view kNoYesUnknown[] = {"no"sv, "yes"sv, "unknown"sv};
constexpr std::string_view kContact[] = {"cellular"sv, "telephone"sv, "unknown"sv};
constexpr std::string_view kMonths[] = {"jan"sv, "feb"sv, "mar"sv, "apr"sv, "may"sv, "jun"sv,
                                        "jul"sv, "aug"sv, "sep"sv, "oct"sv, "nov"sv, "dec"sv};
constexpr std::string_view kWeekdays[] = {"mon"sv, "tue"sv, "wed"sv, "thu"sv, "fri"sv};
constexpr std::string_view kPoutcome[] = {"failure"sv, "nonexistent"sv, "success"sv, "other"sv,
                                          "unknown"sv};

}  // namespace

std::span<const std::string_view> KnownCategories(const BankColumn& column) {
  if (column.kind != ColumnKind::kCategorical) return {};
  const std::string_view name = column.name;
  if (name == "job") return kJobs;
  if (name == "marital") return kMarital;
  if (name == "education") return kEducation;
  if (name == "default" || name == "housing" || name == "loan") return kNoYesUnknown;
  if (name == "contact") return kContact;
  if (name == "month") return kMonths;
  if (name == "day_of_week") return kWeekdays;
  if (name == "poutcome") return kPoutcome;
  return {};
}

const BankColumn* FindBankColumn(std::string_view name) {
  for (const auto& c : kBankColumns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace leadscore
