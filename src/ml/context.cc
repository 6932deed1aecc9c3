#include "ml/context.h"

#include <algorithm>
#include <array>
#include <charconv>

#include <fmt/format.h>

#include "core/field_spec.h"

namespace leadscore::ml {
namespace {

nlohmann::json ParseExtra(const Lead& lead) {
  auto j = nlohmann::json::parse(lead.extra_json, nullptr, false);
  return j.is_object() ? j : nlohmann::json::object();
}

}  // namespace

const char* ContextModeName(ContextMode mode) {
  switch (mode) {
    case ContextMode::kExclude: return "exclude";
    case ContextMode::kCurrent: return "current";
    case ContextMode::kInclude: return "include";
  }
  return "exclude";
}

Result<ContextMode> ParseContextMode(const std::string& name) {
  if (name == "auto") return kDefaultContextMode;
  for (auto m : {ContextMode::kExclude, ContextMode::kCurrent, ContextMode::kInclude}) {
    if (name == ContextModeName(m)) return m;
  }
  return Status::InvalidArgument("context must be auto, exclude, current or include, not `" +
                                 name + "`");
}

bool IsBuiltInContextColumn(std::string_view name) {
  // The field spec's context columns (core/field_spec.h).
  const auto builtin = ContextFieldNames();
  return std::find(builtin.begin(), builtin.end(), name) != builtin.end();
}

Result<std::vector<std::string>> ContextColumns(const LabelledData& data,
                                                const std::vector<std::string>& extra) {
  for (const auto& name : extra) {
    bool present = std::any_of(data.columns.begin(), data.columns.end(),
                               [&](const SourceColumn& c) { return c.name == name; });
    if (!present) {
      return Status::InvalidArgument(
          fmt::format("context column `{}` is not in the data", name));
    }
  }
  std::vector<std::string> out;
  for (const auto& c : data.columns) {
    if (IsBuiltInContextColumn(c.name) ||
        std::find(extra.begin(), extra.end(), c.name) != extra.end()) {
      out.push_back(c.name);
    }
  }
  return out;
}

nlohmann::json ColumnValue(const Lead& lead, const std::string& column) {
  if (const BankColumn* known = FindBankColumn(column)) {
    if (known->kind == ColumnKind::kNumeric) {
      double v = lead.Number(*known);
      return IsMissing(v) ? nlohmann::json() : nlohmann::json(v);
    }
    const std::string& s = lead.Text(*known);
    return s.empty() ? nlohmann::json() : nlohmann::json(s);
  }
  nlohmann::json extra = ParseExtra(lead);
  auto it = extra.find(column);
  if (it == extra.end() || it->is_null()) return nullptr;
  if (it->is_string()) {
    // Extra columns arrive as text from a CSV; a number reads as a number.
    const auto& s = it->get_ref<const std::string&>();
    double d;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (!s.empty() && ec == std::errc() && ptr == s.data() + s.size()) return d;
  }
  return *it;
}

void SetColumnValue(const nlohmann::json& value, const std::string& column, Lead* lead) {
  if (const BankColumn* known = FindBankColumn(column)) {
    if (known->kind == ColumnKind::kNumeric) {
      lead->numeric[known->slot] = value.is_number() ? value.get<double>() : kMissing;
    } else {
      lead->categorical[known->slot] = value.is_string() ? value.get<std::string>() : "";
    }
    return;
  }
  nlohmann::json extra = ParseExtra(*lead);
  if (value.is_null()) {
    extra.erase(column);
  } else {
    extra[column] = value;
  }
  lead->extra_json = extra.dump();
}

void ApplyContext(const nlohmann::json& context, Lead* lead) {
  if (!context.is_object()) return;
  for (const auto& [column, value] : context.items()) SetColumnValue(value, column, lead);
}

nlohmann::json LatestContext(const LabelledData& data, const std::vector<std::string>& columns) {
  nlohmann::json out = nlohmann::json::object();
  if (data.leads.empty()) return out;
  const Lead& last = data.leads.back();
  for (const auto& c : columns) {
    nlohmann::json v = ColumnValue(last, c);
    if (!v.is_null()) out[c] = std::move(v);
  }
  return out;
}

std::string PeriodKey(const Lead& lead, const std::vector<std::string>& columns) {
  std::string key;
  for (const auto& c : columns) {
    key += ColumnValue(lead, c).dump();
    key += '\x1f';
  }
  return key;
}

}  // namespace leadscore::ml
