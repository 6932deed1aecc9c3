#include "ml/labelled_data.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.h"

namespace leadscore::ml {
namespace {

// The extra columns of the leads (the keys of extra_json, identifiers left out), each numeric
// when every value is a number or a text that parses as one.
std::map<std::string, bool> ExtraColumnsNumeric(const std::vector<Lead>& leads) {
  std::map<std::string, bool> extra_numeric;
  for (const auto& lead : leads) {
    if (lead.extra_json.size() <= 2) continue;
    auto extra = nlohmann::json::parse(lead.extra_json, nullptr, false);
    if (!extra.is_object()) continue;
    for (auto it = extra.begin(); it != extra.end(); ++it) {
      if (IsIdentifierColumn(it.key())) continue;
      bool numeric = it->is_number();
      if (it->is_string()) {
        std::string s(TrimBlanks(it->get<std::string>()));
        numeric = s.empty() || ParseNumber(s).has_value();
      }
      auto [pos, inserted] = extra_numeric.emplace(it.key(), numeric);
      if (!inserted) pos->second = pos->second && numeric;
    }
  }
  return extra_numeric;
}

void HashBytes(uint64_t* h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    *h ^= c;
    *h *= 1099511628211ull;
  }
  *h ^= 0xff;  // field separator
  *h *= 1099511628211ull;
}

}  // namespace

int LabelledData::Positives() const {
  return static_cast<int>(std::count_if(leads.begin(), leads.end(),
                                        [](const Lead& l) { return l.outcome.value_or(false); }));
}

std::vector<float> LabelledData::Labels() const {
  std::vector<float> y(leads.size());
  for (size_t i = 0; i < leads.size(); ++i) y[i] = leads[i].outcome.value_or(false) ? 1.f : 0.f;
  return y;
}

LabelledData LabelledData::Subset(const std::vector<size_t>& rows) const {
  LabelledData out;
  out.columns = columns;
  out.leads.reserve(rows.size());
  for (size_t r : rows) out.leads.push_back(leads[r]);
  return out;
}

std::string LabelledData::Fingerprint() const {
  uint64_t h = 1469598103934665603ull;
  for (const auto& c : columns) HashBytes(&h, c.name);
  for (const auto& lead : leads) {
    for (double v : lead.numeric) {
      HashBytes(&h, std::string_view(reinterpret_cast<const char*>(&v), sizeof v));
    }
    for (const auto& s : lead.categorical) HashBytes(&h, s);
    HashBytes(&h, lead.extra_json);
    HashBytes(&h, lead.outcome.value_or(false) ? "1" : "0");
  }
  return fmt::format("{:016x}", h);
}

bool IsIdentifierColumn(std::string_view name) {
  static const std::set<std::string> kIds = {
      "id",    "customerid", "customer_id", "name",  "nama",  "phone",
      "telepon", "no_hp",    "email",       "nik",   "lead_id"};
  return kIds.count(Lower(std::string(name))) > 0;
}

LabelledData LabelledDataFromLeads(std::vector<Lead> leads) {
  LabelledData data;
  leads.erase(std::remove_if(leads.begin(), leads.end(),
                             [](const Lead& l) { return !l.outcome.has_value(); }),
              leads.end());
  for (const auto& column : kBankColumns) {
    bool present = std::any_of(leads.begin(), leads.end(), [&](const Lead& l) {
      return column.kind == ColumnKind::kNumeric ? !IsMissing(l.Number(column))
                                                 : !l.Text(column).empty();
    });
    if (present) data.columns.push_back({std::string(column.name), column.kind, &column});
  }
  std::map<std::string, bool> extra_numeric = ExtraColumnsNumeric(leads);
  for (const auto& [name, numeric] : extra_numeric) {
    data.columns.push_back(
        {name, numeric ? ColumnKind::kNumeric : ColumnKind::kCategorical, nullptr});
  }
  data.leads = std::move(leads);
  return data;
}

LabelledData LabelledDataFromFile(LeadCsvFile file) {
  LabelledData data;
  const std::map<std::string, bool> extra_numeric = ExtraColumnsNumeric(file.leads);
  for (const LeadCsvColumns::Column& column : file.columns.columns()) {
    if (column.role == LeadCsvColumns::Role::kBank) {
      data.columns.push_back({std::string(column.bank->name), column.bank->kind, column.bank});
    } else if (column.role == LeadCsvColumns::Role::kExtra && !IsIdentifierColumn(column.header)) {
      // A column without any value is numeric, as one whose every value is a number.
      auto it = extra_numeric.find(column.header);
      const bool numeric = it == extra_numeric.end() || it->second;
      data.columns.push_back(
          {column.header, numeric ? ColumnKind::kNumeric : ColumnKind::kCategorical, nullptr});
    }
  }
  data.leads = std::move(file.leads);
  return data;
}

}  // namespace leadscore::ml
