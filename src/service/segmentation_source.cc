#include "service/segmentation_source.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace leadscore {
namespace {

constexpr size_t kMaxListedErrors = 20;

std::string_view Trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Parses the whole text as a finite number, or returns false.
bool ParseNumber(std::string_view text, bool decimal_comma, double* out) {
  std::string s(Trimmed(text));
  if (s.empty()) return false;
  if (decimal_comma && s.find(',') != std::string::npos && s.find('.') == std::string::npos) {
    for (char& c : s) c = c == ',' ? '.' : c;
  }
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || errno == ERANGE || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

std::string NumericColumnNames() {
  std::string names;
  for (const BankColumn& c : kBankColumns) {
    if (c.kind != ColumnKind::kNumeric) continue;
    names += (names.empty() ? "" : ", ") + std::string(c.name);
  }
  return names;
}

}  // namespace

Result<ml::FeatureTable> ReadCsvFeatures(CsvReader reader,
                                         const std::vector<std::string>& features) {
  if (features.empty()) return Status::InvalidArgument("choose at least one feature column");
  std::vector<int> columns;
  for (const std::string& f : features) {
    int index = reader.ColumnIndex(Trimmed(f));
    if (index < 0) {
      std::string have;
      for (const auto& h : reader.header()) have += (have.empty() ? "" : ", ") + h;
      return Status::InvalidArgument(
          fmt::format("the file has no column '{}'; its columns are: {}", f, have));
    }
    columns.push_back(index);
  }
  ml::FeatureTable table;
  for (const std::string& f : features) table.features.emplace_back(Trimmed(f));
  const bool decimal_comma = reader.delimiter() != ',';
  const size_t width = reader.header().size();

  std::vector<std::string> errors;
  size_t bad_lines = 0, lines = 0;
  std::vector<size_t> not_numbers(features.size(), 0);  // per feature
  std::vector<std::string> first_text(features.size());
  CsvRecord record;
  while (true) {
    LS_ASSIGN_OR_RETURN(bool more, reader.Next(&record));
    if (!more) break;
    ++lines;
    std::string problem;
    if (record.fields.size() < width) {
      problem = fmt::format("{} fields where the header has {}", record.fields.size(), width);
    }
    for (size_t j = 0; j < columns.size() && problem.empty(); ++j) {
      const std::string& text = record.fields[columns[j]];
      double v = 0;
      if (Trimmed(text).empty()) {
        problem = fmt::format("'{}' is empty", table.features[j]);
      } else if (!ParseNumber(text, decimal_comma, &v)) {
        problem = fmt::format("'{}' is not a number: '{}'", table.features[j], text);
        if (not_numbers[j]++ == 0) first_text[j] = fmt::format("line {}: '{}'", record.line, text);
      } else {
        table.values.push_back(v);
      }
    }
    if (!problem.empty()) {
      ++bad_lines;
      if (errors.size() < kMaxListedErrors) {
        errors.push_back(fmt::format("line {}: {}", record.line, problem));
      }
      table.values.resize(table.rows() * features.size());  // drop the partial row
    }
  }
  for (size_t j = 0; j < features.size(); ++j) {
    if (lines > 0 && not_numbers[j] == lines) {
      return Status::InvalidArgument(
          fmt::format("column '{}' holds text, not numbers ({}); K-Means needs numeric columns",
                      table.features[j], first_text[j]));
    }
  }
  if (bad_lines > 0) {
    std::string message = fmt::format("{} line(s) cannot be used:", bad_lines);
    for (const auto& e : errors) message += "\n  " + e;
    if (bad_lines > errors.size())
      message += fmt::format("\n  ... and {} more", bad_lines - errors.size());
    return Status::InvalidArgument(message);
  }
  if (table.rows() == 0) return Status::InvalidArgument("the file has a header but no rows");
  return table;
}

Result<LeadFeatures> ReadLeadFeatures(Store& store, const std::vector<std::string>& features) {
  if (features.empty()) return Status::InvalidArgument("choose at least one lead column");
  std::vector<const BankColumn*> columns;
  for (const std::string& f : features) {
    const BankColumn* column = FindBankColumn(f);
    if (!column) {
      for (const BankColumn& c : kBankColumns) {
        if (c.sql_name == f) column = &c;
      }
    }
    if (!column || column->kind != ColumnKind::kNumeric) {
      return Status::InvalidArgument(
          fmt::format("'{}' is not a numeric column of the leads; numeric columns are: {}", f,
                      NumericColumnNames()));
    }
    columns.push_back(column);
  }
  LeadFeatures out;
  for (const BankColumn* c : columns) out.table.features.emplace_back(c->name);
  Status scanned = store.ForEachLeadBatch(10000, [&](const std::vector<Lead>& batch) {
    for (const Lead& lead : batch) {
      bool complete = true;
      for (const BankColumn* c : columns) complete = complete && !IsMissing(lead.Number(*c));
      if (!complete) {
        ++out.skipped;
        continue;
      }
      for (const BankColumn* c : columns) out.table.values.push_back(lead.Number(*c));
      out.lead_ids.push_back(lead.id);
    }
    return Status::Ok();
  });
  LS_RETURN_IF_ERROR(scanned);
  if (out.lead_ids.empty()) {
    return Status::InvalidArgument(
        out.skipped > 0 ? fmt::format("none of the {} leads has every chosen column", out.skipped)
                        : std::string("there are no leads to segment; import some first"));
  }
  return out;
}

}  // namespace leadscore
