#include "service/lead_export.h"

#include <unordered_set>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/json_depth.h"
#include "core/lead_csv.h"

namespace leadscore {
namespace {

constexpr char kDelimiter = ';';
constexpr size_t kChunkBytes = 1 << 20;

// Columns of bank-full.csv that bank-additional-full.csv does not have: written only when some
// lead has a value in them.
bool OnlyInBankFull(const BankColumn& column) {
  return column.name == "balance" || column.name == "day";
}

// A text cell, always quoted, and escaped when a spreadsheet would take it for a formula (the
// import takes the escape off again). Numbers go through AppendNumber and are never escaped.
void AppendText(std::string_view text, std::string& out) {
  out.push_back('"');
  if (NeedsFormulaEscape(text)) out.push_back('\'');
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void AppendNumber(double value, std::string& out) {
  if (!IsMissing(value)) fmt::format_to(std::back_inserter(out), "{}", value);
}

void AppendExtraValue(const nlohmann::ordered_json& value, std::string& out) {
  if (value.is_null()) return;
  if (value.is_string()) {
    AppendText(value.get_ref<const std::string&>(), out);
  } else if (value.is_number_integer()) {
    fmt::format_to(std::back_inserter(out), "{}", value.get<int64_t>());
  } else if (value.is_number()) {
    AppendNumber(value.get<double>(), out);
  } else {
    AppendText(value.dump(), out);  // booleans, arrays, objects: as JSON text
  }
}

// What the header needs to know before the first row: which optional columns to write.
struct ExportLayout {
  std::vector<const BankColumn*> bank_columns;
  std::vector<std::string> extra_keys;
};

Result<ExportLayout> PlanLayout(Store& store, size_t batch_size) {
  bool has_full_column[kBankColumns.size()] = {};
  std::vector<std::string> extra_keys;
  std::unordered_set<std::string> seen;
  LeadScan scan;
  scan.batch_size = batch_size;
  LS_RETURN_IF_ERROR(store.ScanLeads(scan, [&](const std::vector<Lead>& batch) {
    for (const Lead& lead : batch) {
      for (size_t i = 0; i < kBankColumns.size(); ++i) {
        const BankColumn& c = kBankColumns[i];
        if (OnlyInBankFull(c) && !has_full_column[i] && !IsMissing(lead.Number(c))) {
          has_full_column[i] = true;
        }
      }
      if (lead.extra_json.size() <= 2) continue;  // "{}"
      auto extra = ParseDepthBoundedJson<nlohmann::ordered_json>(lead.extra_json);
      if (!extra.is_object()) continue;
      for (const auto& item : extra.items()) {
        if (seen.insert(item.key()).second) extra_keys.push_back(item.key());
      }
    }
    return Status::Ok();
  }));
  ExportLayout layout;
  for (size_t i = 0; i < kBankColumns.size(); ++i) {
    if (!OnlyInBankFull(kBankColumns[i]) || has_full_column[i]) {
      layout.bank_columns.push_back(&kBankColumns[i]);
    }
  }
  layout.extra_keys = std::move(extra_keys);
  return layout;
}

void AppendHeader(const ExportLayout& layout, std::string& out) {
  auto column = [&](std::string_view name) {
    AppendText(name, out);
    out.push_back(kDelimiter);
  };
  for (const BankColumn* c : layout.bank_columns) column(c->name);
  column("y");
  column("name");
  column("phone");
  column("customer_key");
  for (const auto& key : layout.extra_keys) column(key);
  for (std::string_view state : kExportStateColumns) column(state);
  out.back() = '\n';
}

void AppendRow(const ExportLayout& layout, const LeadRow& row, std::string& out) {
  const Lead& lead = row.lead;
  for (const BankColumn* c : layout.bank_columns) {
    if (c->kind == ColumnKind::kNumeric) {
      AppendNumber(lead.Number(*c), out);
    } else if (!lead.Text(*c).empty()) {
      AppendText(lead.Text(*c), out);
    }
    out.push_back(kDelimiter);
  }
  if (lead.outcome) AppendText(*lead.outcome ? "yes" : "no", out);
  out.push_back(kDelimiter);
  AppendText(lead.name, out);
  out.push_back(kDelimiter);
  AppendText(lead.phone, out);
  out.push_back(kDelimiter);
  if (!lead.customer_key.empty()) AppendText(lead.customer_key, out);
  out.push_back(kDelimiter);
  if (!layout.extra_keys.empty()) {
    auto extra = ParseDepthBoundedJson<nlohmann::ordered_json>(lead.extra_json);
    for (const auto& key : layout.extra_keys) {
      if (extra.is_object()) {
        auto it = extra.find(key);
        if (it != extra.end()) AppendExtraValue(*it, out);
      }
      out.push_back(kDelimiter);
    }
  }
  fmt::format_to(std::back_inserter(out), "{};", lead.id);
  AppendText(LeadStatusName(lead.status), out);
  out.push_back(kDelimiter);
  if (!row.owner_name.empty()) AppendText(row.owner_name, out);
  out.push_back(kDelimiter);
  if (row.score) fmt::format_to(std::back_inserter(out), "{}", *row.score);
  out.push_back(kDelimiter);
  if (!row.grade.empty()) AppendText(row.grade, out);
  out.push_back(kDelimiter);
  out += lead.do_not_call ? "true" : "false";
  out.push_back('\n');
}

}  // namespace

Result<int64_t> ExportLeads(Store& store, const Clock& clock, const ExportOptions& options,
                            const CsvSink& sink) {
  const size_t batch_size = options.batch_size > 0 ? options.batch_size : 5000;
  LS_ASSIGN_OR_RETURN(ExportLayout layout, PlanLayout(store, batch_size));
  std::string buffer;
  buffer.reserve(kChunkBytes + 4096);
  AppendHeader(layout, buffer);

  int64_t written = 0;
  LeadScan scan;
  scan.batch_size = batch_size;
  scan.now = clock.NowMs();
  scan.reject_period = options.reject_period;
  LS_RETURN_IF_ERROR(store.ScanLeadRows(scan, [&](const std::vector<LeadRow>& batch) {
    for (const LeadRow& row : batch) {
      if (options.status && row.lead.status != *options.status) continue;
      if (options.grade && row.grade != *options.grade) continue;
      AppendRow(layout, row, buffer);
      ++written;
      if (buffer.size() >= kChunkBytes) {
        LS_RETURN_IF_ERROR(sink(buffer));
        buffer.clear();
      }
    }
    return Status::Ok();
  }));
  LS_RETURN_IF_ERROR(sink(buffer));
  return written;
}

Result<int64_t> ExportLeadsToStream(Store& store, const Clock& clock,
                                    const ExportOptions& options, std::ostream& out) {
  auto result = ExportLeads(store, clock, options, [&out](std::string_view chunk) {
    out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    return out ? Status::Ok() : Status::Internal("could not write the export");
  });
  out.flush();
  if (result.ok() && !out) return Status::Internal("could not write the export");
  return result;
}

}  // namespace leadscore
