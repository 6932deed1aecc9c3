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

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

// Parses a whole field as a number; false for anything else (including "").
bool ParseNumber(std::string_view s, double* out) {
  if (s.empty()) return false;
  if (s.front() == '+') s.remove_prefix(1);
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(*out);
}

// yes/no, 1/0, true/false → outcome.
std::optional<bool> ParseOutcome(const std::string& raw) {
  std::string v = Lower(raw);
  if (v == "yes" || v == "1" || v == "true") return true;
  if (v == "no" || v == "0" || v == "false") return false;
  return std::nullopt;
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

Result<LabelledData> ReadLabelledCsv(const std::string& path) {
  LS_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::FromFile(path));
  auto data = ReadLabelledCsv(std::move(reader));
  if (!data.ok()) return data.status().WithContext(path);
  return data;
}

Result<LabelledData> ReadLabelledCsv(CsvReader reader) {
  const std::vector<std::string> header = reader.header();
  int y_index = -1;
  for (size_t i = 0; i < header.size(); ++i) {
    if (Lower(Trim(header[i])) == "y") y_index = static_cast<int>(i);
  }
  if (y_index < 0) {
    return Status::InvalidArgument(
        "the file has no `y` column: training and evaluation need the known outcome (yes/no)");
  }

  LS_ASSIGN_OR_RETURN(CsvTable table, ReadCsvTable(std::move(reader)));

  // Decide the columns: known ones by name, the rest inferred from their values.
  LabelledData data;
  std::vector<int> source_index;  // data.columns[i] comes from field source_index[i]
  std::set<std::string> seen;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string name = Trim(header[i]);
    if (static_cast<int>(i) == y_index || name.empty() || IsIdentifierColumn(name)) continue;
    if (!seen.insert(name).second) {
      return Status::InvalidArgument(fmt::format("column `{}` appears twice in the header", name));
    }
    SourceColumn column;
    column.name = name;
    column.known = FindBankColumn(name);
    if (column.known) {
      column.kind = column.known->kind;
    } else {
      bool numeric = true;
      for (const auto& rec : table.records) {
        if (i >= rec.fields.size()) continue;
        std::string v = Trim(rec.fields[i]);
        double d;
        if (!v.empty() && !ParseNumber(v, &d)) {
          numeric = false;
          break;
        }
      }
      column.kind = numeric ? ColumnKind::kNumeric : ColumnKind::kCategorical;
    }
    data.columns.push_back(column);
    source_index.push_back(static_cast<int>(i));
  }

  std::vector<std::string> errors;
  data.leads.reserve(table.records.size());
  for (const auto& rec : table.records) {
    if (rec.fields.size() != header.size()) {
      errors.push_back(fmt::format("line {}: {} fields, the header has {}", rec.line,
                                   rec.fields.size(), header.size()));
      continue;
    }
    Lead lead;
    auto outcome = ParseOutcome(Trim(rec.fields[y_index]));
    if (!outcome) {
      errors.push_back(
          fmt::format("line {}: y is `{}`, expected yes or no", rec.line, rec.fields[y_index]));
      continue;
    }
    lead.outcome = *outcome;
    nlohmann::json extra = nlohmann::json::object();
    bool row_ok = true;
    for (size_t c = 0; c < data.columns.size(); ++c) {
      const SourceColumn& column = data.columns[c];
      std::string v = Trim(rec.fields[source_index[c]]);
      if (column.known && column.kind == ColumnKind::kNumeric) {
        double d = kMissing;
        if (!v.empty() && !ParseNumber(v, &d)) {
          errors.push_back(
              fmt::format("line {}: {} is `{}`, expected a number", rec.line, column.name, v));
          row_ok = false;
          break;
        }
        lead.numeric[column.known->slot] = d;
      } else if (column.known) {
        lead.categorical[column.known->slot] = v;
      } else if (!v.empty()) {
        double d;
        if (column.kind == ColumnKind::kNumeric && ParseNumber(v, &d)) {
          extra[column.name] = d;
        } else {
          extra[column.name] = v;
        }
      }
    }
    if (!row_ok) continue;
    if (!extra.empty()) lead.extra_json = extra.dump();
    data.leads.push_back(std::move(lead));
  }
  if (!errors.empty()) {
    std::string message = fmt::format("{} bad row(s)", errors.size());
    for (size_t i = 0; i < errors.size() && i < 10; ++i) message += "; " + errors[i];
    if (errors.size() > 10) message += "; …";
    return Status::InvalidArgument(message);
  }
  if (data.leads.empty()) return Status::InvalidArgument("the file has no data rows");
  return data;
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
  // Extra columns: numeric when every value is a number (or a string that parses as one).
  std::map<std::string, bool> extra_numeric;
  for (const auto& lead : leads) {
    if (lead.extra_json.size() <= 2) continue;
    auto extra = nlohmann::json::parse(lead.extra_json, nullptr, false);
    if (!extra.is_object()) continue;
    for (auto it = extra.begin(); it != extra.end(); ++it) {
      if (IsIdentifierColumn(it.key())) continue;
      bool numeric = it->is_number();
      double d;
      if (it->is_string()) {
        std::string s = Trim(it->get<std::string>());
        numeric = s.empty() || ParseNumber(s, &d);
      }
      auto [pos, inserted] = extra_numeric.emplace(it.key(), numeric);
      if (!inserted) pos->second = pos->second && numeric;
    }
  }
  for (const auto& [name, numeric] : extra_numeric) {
    data.columns.push_back(
        {name, numeric ? ColumnKind::kNumeric : ColumnKind::kCategorical, nullptr});
  }
  data.leads = std::move(leads);
  return data;
}

}  // namespace leadscore::ml
