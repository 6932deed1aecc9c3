#include "ml/reasons.h"

#include <algorithm>
#include <cmath>

#include "ml/reason_text.h"

namespace leadscore::ml {

std::vector<Reason> TopReasons(const FeatureEncoder& encoder, const Lead& lead,
                               const float* contributions, int per_direction) {
  const auto& columns = encoder.columns();
  std::vector<std::pair<double, int>> by_column;  // (sum of contributions, column)
  by_column.reserve(columns.size());
  for (size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].context) continue;  // the same for every lead: not about the customer
    double sum = 0;
    for (int f = 0; f < columns[c].feature_count; ++f) {
      sum += contributions[columns[c].first_feature + f];
    }
    if (sum != 0) by_column.emplace_back(sum, static_cast<int>(c));
  }
  std::sort(by_column.begin(), by_column.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<Reason> out;
  for (size_t i = 0; i < by_column.size() && static_cast<int>(out.size()) < per_direction; ++i) {
    if (by_column[i].first <= 0) break;
    int c = by_column[i].second;
    out.push_back({columns[c].name, encoder.ValueText(lead, c), by_column[i].first});
  }
  int ups = static_cast<int>(out.size());
  for (size_t i = by_column.size(); i-- > 0 && static_cast<int>(out.size()) - ups < per_direction;) {
    if (by_column[i].first >= 0) break;
    int c = by_column[i].second;
    out.push_back({columns[c].name, encoder.ValueText(lead, c), by_column[i].first});
  }
  return out;
}

std::string ReasonsToJson(const std::vector<Reason>& reasons) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& r : reasons) {
    // Three decimals of log-odds are plenty for display and keep a refresh's writes small.
    j.push_back({r.column, r.value, std::round(r.contribution * 1000) / 1000});
  }
  return j.dump();
}

nlohmann::json ExpandReasons(const std::vector<Reason>& reasons) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : reasons) {
    const BankColumn* known = FindBankColumn(r.column);
    std::string en = known ? std::string(known->label_en) : r.column;
    std::string id = known ? std::string(known->label_id) : r.column;
    out.push_back({{"feature", r.column},
                   {"label_en", en},
                   {"label_id", id},
                   {"value", r.value},
                   {"value_en", ValueLabel(r.column, r.value, Language::kEnglish)},
                   {"value_id", ValueLabel(r.column, r.value, Language::kIndonesian)},
                   {"text_en", ReasonSentence(r.column, r.value, Language::kEnglish)},
                   {"text_id", ReasonSentence(r.column, r.value, Language::kIndonesian)},
                   {"contribution", r.contribution},
                   {"direction", r.contribution >= 0 ? "up" : "down"}});
  }
  return out;
}

nlohmann::json ExpandReasons(std::string_view stored) {
  auto j = nlohmann::json::parse(stored, nullptr, false);
  std::vector<Reason> reasons;
  if (j.is_array()) {
    for (const auto& e : j) {
      if (!e.is_array() || e.size() != 3 || !e[0].is_string() || !e[1].is_string() ||
          !e[2].is_number()) {
        continue;
      }
      reasons.push_back({e[0].get<std::string>(), e[1].get<std::string>(), e[2].get<double>()});
    }
  }
  return ExpandReasons(reasons);
}

}  // namespace leadscore::ml
