#include "ml/feature_encoder.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "ml/context.h"

namespace leadscore::ml {
namespace {

// Reads a column of the lead: known columns from their slot, others from extra_json (parsed
// once per lead by the caller and passed in).
double ExtraNumber(const nlohmann::json& extra, const std::string& name) {
  auto it = extra.find(name);
  if (it == extra.end()) return kMissing;
  if (it->is_number()) return it->get<double>();
  if (it->is_string()) {
    const auto& s = it->get_ref<const std::string&>();
    double d;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (ec == std::errc() && ptr == s.data() + s.size()) return d;
  }
  return kMissing;
}

std::string ExtraText(const nlohmann::json& extra, const std::string& name) {
  auto it = extra.find(name);
  if (it == extra.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

std::string FormatNumber(double v) {
  if (IsMissing(v)) return "missing";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{:.0f}", v);
  // Up to three decimals, never scientific notation (4991.6, not 4.99e+03).
  std::string s = fmt::format("{:.3f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

nlohmann::json ParseExtra(const Lead& lead) {
  if (lead.extra_json.size() <= 2) return nlohmann::json::object();
  auto j = nlohmann::json::parse(lead.extra_json, nullptr, false);
  return j.is_object() ? j : nlohmann::json::object();
}

}  // namespace

Result<FeatureEncoder> FeatureEncoder::Fit(const LabelledData& data,
                                           const EncoderOptions& options) {
  FeatureEncoder enc;
  enc.allow_leakage_ = options.allow_leakage;
  std::vector<nlohmann::json> extras;
  bool any_extra = std::any_of(data.columns.begin(), data.columns.end(),
                               [](const SourceColumn& c) { return c.known == nullptr; });
  if (any_extra) {
    extras.reserve(data.leads.size());
    for (const auto& lead : data.leads) extras.push_back(ParseExtra(lead));
  }
  for (const auto& source : data.columns) {
    if (source.name == "duration" && !options.allow_leakage) continue;
    bool context = std::find(options.context_columns.begin(), options.context_columns.end(),
                             source.name) != options.context_columns.end();
    if (context && options.drop_context) continue;
    EncodedColumn col;
    col.context = context;
    col.name = source.name;
    col.kind = source.kind;
    col.known_slot = source.known ? source.known->slot : -1;
    col.label_en = source.known ? std::string(source.known->label_en) : source.name;
    col.label_id = source.known ? std::string(source.known->label_id) : source.name;
    if (source.name == "pdays") col.missing_values = {999, -1};
    if (col.kind == ColumnKind::kCategorical) {
      std::map<std::string, int> counts;
      for (size_t i = 0; i < data.leads.size(); ++i) {
        std::string v = source.known ? data.leads[i].Text(*source.known)
                                     : ExtraText(extras[i], source.name);
        if (!v.empty()) ++counts[v];
      }
      std::vector<std::pair<std::string, int>> levels(counts.begin(), counts.end());
      std::stable_sort(levels.begin(), levels.end(),
                       [](const auto& a, const auto& b) { return a.second > b.second; });
      for (const auto& [level, n] : levels) {
        if (n < options.min_level_count ||
            static_cast<int>(col.levels.size()) >= options.max_levels) {
          break;
        }
        col.levels.push_back(level);
      }
      std::sort(col.levels.begin(), col.levels.end());
      if (col.levels.empty()) continue;  // nothing learnable in this column
      col.feature_count = static_cast<int>(col.levels.size());
    }
    enc.columns_.push_back(std::move(col));
  }
  if (enc.columns_.empty()) {
    return Status::InvalidArgument("the data has no column the model can learn from")
        .With("training_no_columns");
  }
  enc.Index();
  return enc;
}

void FeatureEncoder::Index() {
  feature_names_.clear();
  feature_column_.clear();
  level_index_.assign(columns_.size(), {});
  has_extra_ = false;
  for (size_t c = 0; c < columns_.size(); ++c) {
    EncodedColumn& col = columns_[c];
    if (col.known_slot < 0) has_extra_ = true;
    col.first_feature = static_cast<int>(feature_names_.size());
    if (col.kind == ColumnKind::kNumeric) {
      col.feature_count = 1;
      feature_names_.push_back(col.name);
      feature_column_.push_back(static_cast<int>(c));
    } else {
      col.feature_count = static_cast<int>(col.levels.size());
      for (size_t l = 0; l < col.levels.size(); ++l) {
        feature_names_.push_back(col.name + "=" + col.levels[l]);
        feature_column_.push_back(static_cast<int>(c));
        level_index_[c].emplace(col.levels[l], static_cast<int>(l));
      }
    }
  }
}

void FeatureEncoder::Encode(const Lead& lead, float* row) const {
  nlohmann::json extra;
  if (has_extra_) extra = ParseExtra(lead);
  for (size_t c = 0; c < columns_.size(); ++c) {
    const EncodedColumn& col = columns_[c];
    float* out = row + col.first_feature;
    if (col.kind == ColumnKind::kNumeric) {
      double v = col.known_slot >= 0 ? lead.numeric[col.known_slot] : ExtraNumber(extra, col.name);
      for (double m : col.missing_values) {
        if (v == m) v = kMissing;
      }
      *out = static_cast<float>(v);
    } else {
      std::fill(out, out + col.feature_count, 0.f);
      const std::string* text;
      std::string extra_text;
      if (col.known_slot >= 0) {
        text = &lead.categorical[col.known_slot];
      } else {
        extra_text = ExtraText(extra, col.name);
        text = &extra_text;
      }
      auto it = level_index_[c].find(*text);
      if (it != level_index_[c].end()) out[it->second] = 1.f;
    }
  }
}

std::vector<float> FeatureEncoder::EncodeAll(const std::vector<Lead>& leads) const {
  std::vector<float> matrix(leads.size() * feature_names_.size());
  for (size_t i = 0; i < leads.size(); ++i) Encode(leads[i], &matrix[i * feature_names_.size()]);
  return matrix;
}

std::string FeatureEncoder::ValueText(const Lead& lead, int column) const {
  const EncodedColumn& col = columns_[column];
  if (col.known_slot >= 0) {
    if (col.kind == ColumnKind::kNumeric) {
      double v = lead.numeric[col.known_slot];
      for (double m : col.missing_values) {
        if (v == m) v = kMissing;
      }
      return FormatNumber(v);
    }
    const std::string& s = lead.categorical[col.known_slot];
    return s.empty() ? "missing" : s;
  }
  nlohmann::json extra = ParseExtra(lead);
  if (col.kind == ColumnKind::kNumeric) return FormatNumber(ExtraNumber(extra, col.name));
  std::string s = ExtraText(extra, col.name);
  return s.empty() ? "missing" : s;
}

nlohmann::json FeatureEncoder::ToJson() const {
  nlohmann::json cols = nlohmann::json::array();
  for (const auto& c : columns_) {
    nlohmann::json j = {{"name", c.name},
                        {"kind", c.kind == ColumnKind::kNumeric ? "numeric" : "categorical"},
                        {"known", c.known_slot >= 0},
                        {"label_en", c.label_en},
                        {"label_id", c.label_id}};
    if (!c.missing_values.empty()) j["missing_values"] = c.missing_values;
    if (c.context) j["context"] = true;
    if (c.kind == ColumnKind::kCategorical) j["levels"] = c.levels;
    cols.push_back(std::move(j));
  }
  return {{"columns", cols},
          {"allow_leakage", allow_leakage_},
          {"context_marked", true},
          {"features", feature_names_}};
}

Result<FeatureEncoder> FeatureEncoder::FromJson(const nlohmann::json& json) {
  FeatureEncoder enc;
  try {
    enc.allow_leakage_ = json.value("allow_leakage", false);
    // Encoders saved before context columns were marked: the built-in ones are context.
    const bool marked = json.value("context_marked", false);
    for (const auto& j : json.at("columns")) {
      EncodedColumn c;
      c.name = j.at("name").get<std::string>();
      std::string kind = j.at("kind").get<std::string>();
      if (kind != "numeric" && kind != "categorical") {
        return Status::InvalidArgument(fmt::format("column {}: unknown kind `{}`", c.name, kind));
      }
      c.kind = kind == "numeric" ? ColumnKind::kNumeric : ColumnKind::kCategorical;
      if (j.value("known", false)) {
        const BankColumn* known = FindBankColumn(c.name);
        if (!known || known->kind != c.kind) {
          return Status::InvalidArgument(fmt::format("column {} is not a known column", c.name));
        }
        c.known_slot = known->slot;
      }
      c.label_en = j.value("label_en", c.name);
      c.label_id = j.value("label_id", c.name);
      c.missing_values = j.value("missing_values", std::vector<double>{});
      c.context = marked ? j.value("context", false) : IsBuiltInContextColumn(c.name);
      if (c.kind == ColumnKind::kCategorical) c.levels = j.at("levels");
      enc.columns_.push_back(std::move(c));
    }
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument(std::string("bad encoder JSON: ") + e.what());
  }
  enc.Index();
  if (json.contains("features") && json["features"] != nlohmann::json(enc.feature_names_)) {
    return Status::InvalidArgument("encoder JSON: the feature list does not match the columns");
  }
  return enc;
}

}  // namespace leadscore::ml
