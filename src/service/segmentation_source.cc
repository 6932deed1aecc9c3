#include "service/segmentation_source.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_set>

#include <fmt/format.h>

#include "core/text.h"

namespace leadscore {
namespace {

constexpr size_t kMaxListedErrors = 20;
// The leads needed before "every value is different" counts as identifying them.
constexpr int64_t kMinRowsForUnique = 20;

// The whole text, trimmed, as a finite number (a decimal comma read as a point when the file
// is `;`-delimited), or false.
bool ParseCell(std::string_view text, bool decimal_comma, double* out) {
  std::string s(TrimBlanks(text));
  if (decimal_comma && s.find(',') != std::string::npos && s.find('.') == std::string::npos) {
    for (char& c : s) c = c == ',' ? '.' : c;
  }
  const std::optional<double> v = ParseNumber(s);
  if (!v) return false;
  *out = *v;
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

bool IsIdLikeColumn(std::string_view name) {
  std::string_view n = TrimBlanks(name);
  std::string letters;  // lower case, letters and digits only: "customer_id" -> "customerid"
  for (char c : n) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      letters.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  static constexpr std::string_view kWhole[] = {"id", "nik", "no", "nomor", "index", "rowid",
                                                "row", "uuid", "guid", "key"};
  if (std::find(std::begin(kWhole), std::end(kWhole), letters) != std::end(kWhole)) return true;
  if (n.size() < 3 || !letters.ends_with("id")) return false;
  // "…id" only as its own word: "customer_id", "customer id", "CustomerID", "customerId";
  // not "paid" or "valid".
  const char before = n[n.size() - 3];
  const char i = n[n.size() - 2];
  return before == '_' || before == ' ' || before == '-' || before == '.' ||
         (i == 'I' && std::islower(static_cast<unsigned char>(before)));
}

Result<ml::FeatureTable> ReadCsvFeatures(CsvReader reader,
                                         const std::vector<std::string>& features) {
  if (features.empty()) {
    return Status::InvalidArgument("choose at least one feature column")
        .With("segment_features_needed");
  }
  for (const std::string& f : features) {
    if (IsIdLikeColumn(f)) {
      return Status::InvalidArgument(
                 fmt::format("'{}' identifies the rows, it does not describe the customers; "
                             "choose other columns",
                             TrimBlanks(f)))
          .With("segment_feature_is_id", {{"field", std::string(TrimBlanks(f))}});
    }
  }
  std::vector<int> columns;
  for (const std::string& f : features) {
    int index = reader.ColumnIndex(TrimBlanks(f));
    if (index < 0) {
      std::string have;
      for (const auto& h : reader.header()) have += (have.empty() ? "" : ", ") + h;
      return Status::InvalidArgument(
                 fmt::format("the file has no column '{}'; its columns are: {}", f, have))
          .With("csv_column_missing", {{"field", f}, {"columns", have}});
    }
    columns.push_back(index);
  }
  ml::FeatureTable table;
  for (const std::string& f : features) table.features.emplace_back(TrimBlanks(f));
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
      if (TrimBlanks(text).empty()) {
        problem = fmt::format("'{}' is empty", table.features[j]);
      } else if (!ParseCell(text, decimal_comma, &v)) {
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
                 fmt::format(
                     "column '{}' holds text, not numbers ({}); K-Means needs numeric columns",
                     table.features[j], first_text[j]))
          .With("segment_feature_text", {{"field", table.features[j]}, {"value", first_text[j]}});
    }
  }
  if (bad_lines > 0) {
    std::string message = fmt::format("{} line(s) cannot be used:", bad_lines);
    for (const auto& e : errors) message += "\n  " + e;
    if (bad_lines > errors.size())
      message += fmt::format("\n  ... and {} more", bad_lines - errors.size());
    return Status::InvalidArgument(message).With("segment_bad_lines",
                                                 {{"count", static_cast<int64_t>(bad_lines)}});
  }
  if (table.rows() == 0) {
    return Status::InvalidArgument("the file has a header but no rows").With("csv_no_rows");
  }
  return table;
}

Result<LeadFeatures> ReadLeadFeatures(Store& store, const std::vector<std::string>& features) {
  if (features.empty()) {
    return Status::InvalidArgument("choose at least one lead column")
        .With("segment_features_needed");
  }
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
                 fmt::format("'{}' is not a numeric column of the leads; numeric columns are: {}",
                             f, NumericColumnNames()))
          .With("segment_feature_not_numeric", {{"field", f}, {"columns", NumericColumnNames()}});
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
    if (out.skipped > 0) {
      return Status::InvalidArgument(
                 fmt::format("none of the {} leads has every chosen column", out.skipped))
          .With("segment_leads_incomplete", {{"count", static_cast<int64_t>(out.skipped)}});
    }
    return Status::InvalidArgument("there are no leads to segment; import some first")
        .With("no_leads_to_segment");
  }
  return out;
}

Result<LeadFeatureChoice> LeadFeatureCandidates(Store& store) {
  struct Seen {
    int64_t present = 0;
    bool identifying = true;            // whole numbers, each on one lead only, so far
    std::unordered_set<double> values;  // while identifying
  };
  std::vector<const BankColumn*> numeric;
  for (const BankColumn& c : kBankColumns) {
    if (c.kind == ColumnKind::kNumeric) numeric.push_back(&c);
  }
  std::vector<Seen> seen(numeric.size());
  LeadFeatureChoice choice;
  Status scanned = store.ForEachLeadBatch(10000, [&](const std::vector<Lead>& batch) {
    for (const Lead& lead : batch) {
      ++choice.leads;
      for (size_t j = 0; j < numeric.size(); ++j) {
        const double v = lead.Number(*numeric[j]);
        if (IsMissing(v)) continue;
        Seen& s = seen[j];
        ++s.present;
        if (s.identifying && (v != std::floor(v) || !s.values.insert(v).second)) {
          s.identifying = false;
          s.values = {};
        }
      }
    }
    return Status::Ok();
  });
  LS_RETURN_IF_ERROR(scanned);
  for (size_t j = 0; j < numeric.size(); ++j) {
    const Seen& s = seen[j];
    const bool most = s.present >= 2 && 2 * s.present >= choice.leads;
    // Every value different proves something only over enough leads.
    const bool identifies = s.identifying && s.present >= kMinRowsForUnique;
    if (most && !identifies) choice.candidates.push_back({numeric[j], s.present});
  }
  auto has = [&](std::string_view name) {
    return std::any_of(choice.candidates.begin(), choice.candidates.end(),
                       [&](const FeatureCandidate& c) { return c.column->name == name; });
  };
  for (const auto& [a, b] : {std::pair{"age", "balance"}, std::pair{"age", "campaign"},
                             std::pair{"age", "previous"}}) {
    if (has(a) && has(b)) {
      choice.defaults = {a, b};
      return choice;
    }
  }
  // Otherwise the first two columns that describe the customer: not the length of the last call
  // (known only after it) nor the economy of the campaign month.
  static constexpr std::string_view kNotCustomer[] = {
      "duration", "emp.var.rate", "cons.price.idx", "cons.conf.idx", "euribor3m", "nr.employed"};
  for (int pass = 0; pass < 2 && choice.defaults.size() < 2; ++pass) {
    for (const FeatureCandidate& c : choice.candidates) {
      if (choice.defaults.size() == 2) break;
      const bool customer = std::find(std::begin(kNotCustomer), std::end(kNotCustomer),
                                      c.column->name) == std::end(kNotCustomer);
      const bool taken = std::find(choice.defaults.begin(), choice.defaults.end(),
                                   c.column->name) != choice.defaults.end();
      if ((customer || pass == 1) && !taken) choice.defaults.emplace_back(c.column->name);
    }
  }
  return choice;
}

}  // namespace leadscore
