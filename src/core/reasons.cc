#include "core/reasons.h"

#include <map>
#include <nlohmann/json.hpp>

namespace leadscore {

// The text of reasons.json, written into a generated source file at configure time.
extern const char kReasonsJson[];

namespace {

using Codes = std::map<std::string, std::vector<std::string>, std::less<>>;
struct Catalogue {
  Codes reasons;
  Codes notes;
};

Codes ReadCodes(const nlohmann::json& section) {
  Codes codes;
  for (const auto& [id, params] : section.items()) {
    codes.emplace(id, params.get<std::vector<std::string>>());
  }
  return codes;
}

const std::vector<std::string>* Find(const Codes& codes, std::string_view id) {
  auto it = codes.find(id);
  return it == codes.end() ? nullptr : &it->second;
}

std::vector<std::string> Ids(const Codes& codes) {
  std::vector<std::string> ids;
  for (const auto& [id, params] : codes) ids.push_back(id);
  return ids;
}

// A broken catalogue is a build error, not a runtime one: reasons_test parses it, and nlohmann
// throws here on the first use if it were shipped broken anyway.
const Catalogue& TheCatalogue() {
  static const Catalogue catalogue = [] {
    auto json = nlohmann::json::parse(kReasonsJson);
    return Catalogue{ReadCodes(json.at("reasons")), ReadCodes(json.at("notes"))};
  }();
  return catalogue;
}

}  // namespace

const std::vector<std::string>* ReasonParams(std::string_view reason) {
  return Find(TheCatalogue().reasons, reason);
}

std::vector<std::string> ReasonIds() { return Ids(TheCatalogue().reasons); }

const std::vector<std::string>* NoteParams(std::string_view note) {
  return Find(TheCatalogue().notes, note);
}

std::vector<std::string> NoteIds() { return Ids(TheCatalogue().notes); }

}  // namespace leadscore
