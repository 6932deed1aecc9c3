#include "core/value_labels.h"

#include <cctype>
#include <map>
#include <vector>

#include <nlohmann/json.hpp>

namespace leadscore {

// The text of value_labels.json, written into a generated source file at configure time.
extern const char kValueLabelsJson[];

namespace {

struct Catalogue {
  std::map<std::string, std::vector<ValueWords>, std::less<>> columns;
  std::vector<ValueWords> any;
};

std::vector<ValueWords> ReadValues(const nlohmann::ordered_json& values) {
  std::vector<ValueWords> out;
  for (const auto& [code, words] : values.items()) {
    out.push_back({code, words.at("en").get<std::string>(), words.at("id").get<std::string>()});
  }
  return out;
}

// A broken catalogue is a build error, not a runtime one: value_labels_test parses it, and
// nlohmann throws here on the first use if it were shipped broken anyway.
const Catalogue& TheCatalogue() {
  static const Catalogue catalogue = [] {
    Catalogue c;
    auto json = nlohmann::ordered_json::parse(kValueLabelsJson);
    for (const auto& [column, values] : json.at("columns").items()) {
      c.columns.emplace(column, ReadValues(values));
    }
    c.any = ReadValues(json.at("any"));
    return c;
  }();
  return catalogue;
}

const ValueWords* Find(std::span<const ValueWords> values, std::string_view code) {
  for (const ValueWords& w : values) {
    if (w.code == code) return &w;
  }
  return nullptr;
}

}  // namespace

std::span<const ValueWords> CatalogueValues(std::string_view column) {
  const Catalogue& c = TheCatalogue();
  auto it = c.columns.find(column);
  if (it == c.columns.end()) return {};
  return it->second;
}

const ValueWords* FindValueWords(std::string_view column, std::string_view code) {
  if (const ValueWords* own = Find(CatalogueValues(column), code)) return own;
  std::string lower(code);
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (const ValueWords* own = Find(CatalogueValues(column), lower)) return own;
  return Find(TheCatalogue().any, lower);
}

std::string ReadableCode(std::string_view code) {
  std::string words;
  bool gap = false;
  for (char ch : code) {
    if (ch == '.' || ch == '_' || ch == '-' || std::isspace(static_cast<unsigned char>(ch))) {
      gap = !words.empty();
      continue;
    }
    if (gap) words.push_back(' ');
    gap = false;
    words.push_back(ch);
  }
  if (words.empty()) return std::string(code);
  words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
  return words;
}

std::string ValueText(std::string_view column, std::string_view code, bool english) {
  if (const ValueWords* w = FindValueWords(column, code)) return english ? w->en : w->id;
  return ReadableCode(code);
}

}  // namespace leadscore
