#include "core/field_spec.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cctype>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "core/value_labels.h"

namespace leadscore {

// The text of lead_fields.json, written into a generated source file at configure time.
extern const char kLeadFieldsJson[];

namespace {

constexpr size_t kMaxOpenCategory = 100;

struct Spec {
  std::vector<FieldSpec> lead;       // in kBankColumns order
  std::vector<FieldSpec> predictor;  // as the file lists them
  std::vector<std::string_view> context;
};

FieldSpec ReadField(const nlohmann::json& j) {
  FieldSpec f;
  f.name = j.at("name").get<std::string>();
  const std::string type = j.at("type").get<std::string>();
  f.type = type == "integer"    ? FieldType::kInteger
           : type == "category" ? FieldType::kCategory
           : type == "number"   ? FieldType::kNumber
                                : throw std::runtime_error("lead_fields.json: type " + type);
  if (f.numeric()) {
    f.min = j.at("min").get<double>();
    f.max = j.at("max").get<double>();
  }
  f.required = j.value("required", false);
  for (const auto& layout : j.value("layouts", nlohmann::json::array())) {
    if (layout == "bank-additional") f.bank_additional = true;
    if (layout == "bank-full") f.bank_full = true;
  }
  f.context = j.value("kind", "customer") == "context";
  f.after_call = j.value("after_call", false);
  return f;
}

// A broken spec is a build error, not a runtime one: field_spec_test reads every entry and
// checks it against kBankColumns; nlohmann throws here on the first use if it were shipped
// broken anyway.
const Spec& TheSpec() {
  static const Spec spec = [] {
    Spec s;
    const auto json = nlohmann::json::parse(kLeadFieldsJson);
    std::vector<FieldSpec> listed;
    for (const auto& j : json.at("fields")) listed.push_back(ReadField(j));
    for (const BankColumn& c : kBankColumns) {
      auto it = std::find_if(listed.begin(), listed.end(),
                             [&](const FieldSpec& f) { return f.name == c.name; });
      if (it == listed.end()) throw std::runtime_error("lead_fields.json lacks " + std::string(c.name));
      FieldSpec f = *it;
      f.column = &c;
      if (f.type == FieldType::kCategory) {
        for (const ValueWords& w : CatalogueValues(c.name)) f.values.push_back(w.code);
      }
      s.lead.push_back(std::move(f));
    }
    for (const auto& j : json.at("predictor")) s.predictor.push_back(ReadField(j));
    for (const FieldSpec& f : s.lead) {
      if (f.context) s.context.push_back(f.column->name);
    }
    return s;
  }();
  return spec;
}

std::string Shown(std::string_view value) {
  constexpr size_t kMaxShown = 64;
  return std::string(value.substr(0, kMaxShown));
}

}  // namespace

std::string_view LeadLayoutName(LeadLayout layout) {
  return layout == LeadLayout::kBankAdditional ? "bank-additional" : "bank-full";
}

std::string_view FieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kNumber: return "number";
    case FieldType::kInteger: return "integer";
    case FieldType::kCategory: return "category";
  }
  return "number";
}

bool HasValue(const Lead& lead, const FieldSpec& spec) {
  return spec.numeric() ? !IsMissing(lead.Number(*spec.column)) : !lead.Text(*spec.column).empty();
}

std::span<const FieldSpec> LeadFieldSpecs() { return TheSpec().lead; }

const FieldSpec& LeadFieldSpecOf(const BankColumn& column) {
  return TheSpec().lead[static_cast<size_t>(&column - kBankColumns.data())];
}

const FieldSpec* FindLeadFieldSpec(std::string_view name) {
  const BankColumn* column = FindBankColumn(name);
  return column ? &LeadFieldSpecOf(*column) : nullptr;
}

std::span<const FieldSpec> PredictorFieldSpecs() { return TheSpec().predictor; }

const FieldSpec* FindPredictorFieldSpec(std::string_view name) {
  for (const FieldSpec& f : TheSpec().predictor) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

bool IsAgeFeatureName(std::string_view feature) {
  const std::string f = Lower(feature);
  return f == "age" || f.rfind("age ", 0) == 0 || f.rfind("age(", 0) == 0 || f == "usia" ||
         f == "umur";
}

const FieldSpec* SegmentFeatureSpec(std::string_view feature) {
  if (const FieldSpec* lead = FindLeadFieldSpec(feature)) return lead;
  const std::string f = Lower(feature);
  if (IsAgeFeatureName(f)) return FindPredictorFieldSpec("age");
  if (f.find("income") != std::string::npos) return FindPredictorFieldSpec("annual_income");
  if (f.find("spend") != std::string::npos) return FindPredictorFieldSpec("spending_score");
  return nullptr;
}

Status CheckPresent(const FieldSpec& spec) {
  if (!spec.required) return Status::Ok();
  return Status::InvalidArgument(fmt::format("{}: a value is required", spec.name))
      .With("field_required", {{"field", spec.name}});
}

Status FieldNotNumber(std::string_view field, std::string_view value, std::string_view type) {
  // "is not a whole number" for a fraction where an integer is due, else "is not a number".
  double parsed = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  const bool fraction = type == "integer" && !value.empty() && ec == std::errc() &&
                        end == value.data() + value.size() && std::isfinite(parsed);
  return Status::InvalidArgument(fmt::format("{}: '{}' is not {}", field, Shown(value),
                                             fraction ? "a whole number" : "a number"))
      .With("field_not_number", {{"field", std::string(field)},
                                 {"value", Shown(value)},
                                 {"type", std::string(type)}});
}

Status CheckNumber(const FieldSpec& spec, double value, std::string_view as) {
  const std::string field(as.empty() ? std::string_view(spec.name) : as);
  const std::string_view type = FieldTypeName(spec.type);
  if (!spec.numeric()) {
    return Status::InvalidArgument(fmt::format("{}: a category, not a number", field))
        .With("field_unknown_value", {{"field", field}, {"value", fmt::format("{}", value)}});
  }
  if (!std::isfinite(value)) return FieldNotNumber(field, "", type);
  if (spec.type == FieldType::kInteger && value != std::floor(value)) {
    return FieldNotNumber(field, fmt::format("{}", value), type);
  }
  if (value < spec.min || value > spec.max) {
    return Status::InvalidArgument(
               fmt::format("{}: {} is outside {}..{}", field, value, spec.min, spec.max))
        .With("field_out_of_range",
              {{"field", field}, {"value", value}, {"min", spec.min}, {"max", spec.max}});
  }
  return Status::Ok();
}

Result<std::optional<double>> ParseNumberField(const FieldSpec& spec, std::string_view text) {
  if (text.empty()) {
    LS_RETURN_IF_ERROR(CheckPresent(spec));
    return std::optional<double>();
  }
  std::string_view digits = text;
  if (digits.front() == '+') digits.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() ||
      !std::isfinite(value)) {
    return FieldNotNumber(spec.name, text, FieldTypeName(spec.type));
  }
  LS_RETURN_IF_ERROR(CheckNumber(spec, value));
  return std::optional<double>(value);
}

Result<std::string> CheckCategory(const FieldSpec& spec, std::string_view text) {
  if (text.empty()) {
    LS_RETURN_IF_ERROR(CheckPresent(spec));
    return std::string();
  }
  auto unknown = [&] {
    return Status::InvalidArgument(
               fmt::format("{}: '{}' is not one of its values", spec.name, Shown(text)))
        .With("field_unknown_value", {{"field", spec.name}, {"value", Shown(text)}});
  };
  if (spec.values.empty()) {
    if (text.size() > kMaxOpenCategory || HasControlCharacters(text)) return unknown();
    return std::string(text);
  }
  for (const std::string& v : spec.values) {
    if (v == text) return v;
  }
  const std::string lower = Lower(text);
  for (const std::string& v : spec.values) {
    if (v == lower) return v;
  }
  return unknown();
}

LeadLayout LayoutOfCounts(int64_t additional_only, int64_t full_only) {
  return full_only > additional_only ? LeadLayout::kBankFull : LeadLayout::kBankAdditional;
}

int LayoutOnlyValues(const Lead& lead, LeadLayout layout) {
  int n = 0;
  for (const FieldSpec& f : LeadFieldSpecs()) {
    if (!f.InLayout(layout) || f.InLayout(layout == LeadLayout::kBankFull
                                              ? LeadLayout::kBankAdditional
                                              : LeadLayout::kBankFull)) {
      continue;
    }
    if (HasValue(lead, f)) ++n;
  }
  return n;
}

std::span<const std::string_view> ContextFieldNames() { return TheSpec().context; }

}  // namespace leadscore
