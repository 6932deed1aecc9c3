#include "service/lead_merge.h"

#include <nlohmann/json.hpp>

namespace leadscore {
namespace {

nlohmann::ordered_json ExtraObject(const std::string& text) {
  nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(text, nullptr, false);
  return parsed.is_object() ? parsed : nlohmann::ordered_json::object();
}

}  // namespace

Lead MergeImportedLead(const LeadCsvColumns& columns, const Lead& existing, const Lead& imported,
                       bool keep_outcome) {
  Lead out = existing;
  if (!imported.name.empty()) out.name = imported.name;
  if (!imported.phone.empty()) out.phone = imported.phone;
  if (!keep_outcome && imported.outcome) out.outcome = imported.outcome;
  bool extra_changed = false;
  nlohmann::ordered_json extra;
  nlohmann::ordered_json given;
  for (const LeadCsvColumns::Column& column : columns.columns()) {
    if (column.role == LeadCsvColumns::Role::kBank) {
      if (column.bank->kind == ColumnKind::kNumeric) {
        out.numeric[column.bank->slot] = imported.numeric[column.bank->slot];
      } else {
        out.categorical[column.bank->slot] = imported.categorical[column.bank->slot];
      }
    } else if (column.role == LeadCsvColumns::Role::kExtra) {
      if (!extra_changed) {
        extra = ExtraObject(existing.extra_json);
        given = ExtraObject(imported.extra_json);
        extra_changed = true;
      }
      auto it = given.find(column.header);
      if (it != given.end()) {
        extra[column.header] = *it;
      } else {
        extra.erase(column.header);
      }
    }
  }
  if (extra_changed) out.extra_json = extra.empty() ? "{}" : extra.dump();
  return out;
}

bool SameLeadData(const Lead& a, const Lead& b) {
  if (a.name != b.name || a.phone != b.phone || a.outcome != b.outcome ||
      a.customer_key != b.customer_key || a.categorical != b.categorical) {
    return false;
  }
  for (int i = 0; i < kNumericColumnCount; ++i) {
    const bool missing = IsMissing(a.numeric[i]);
    if (missing != IsMissing(b.numeric[i])) return false;
    if (!missing && a.numeric[i] != b.numeric[i]) return false;
  }
  if (a.extra_json == b.extra_json) return true;
  // The same values in another order or spelling are the same data.
  auto parse = [](const std::string& text) { return nlohmann::json::parse(text, nullptr, false); };
  return parse(a.extra_json) == parse(b.extra_json);
}

}  // namespace leadscore
