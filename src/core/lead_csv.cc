#include "core/lead_csv.h"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>
#include <span>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/field_spec.h"
#include "core/lead_workflow.h"
#include "core/text.h"

namespace leadscore {
namespace {

constexpr std::string_view kOutcomeAliases[] = {"y", "outcome", "subscribed"};
constexpr std::string_view kNameAliases[] = {
    "name",          "nama",      "nama_nasabah", "nama_lengkap", "nama_pelanggan",
    "customer_name", "full_name", "client_name",  "nasabah"};
constexpr std::string_view kPhoneAliases[] = {
    "phone",    "phone_number", "telephone",    "telepon",    "telpon",       "telp",
    "no_telp",  "no_telepon",   "nomor_telepon", "no_hp",     "nomor_hp",     "hp",
    "handphone", "no_handphone", "mobile",       "mobile_phone", "nomor_ponsel", "ponsel"};
// The customer's key: a customer number first, else the national identity number (NIK).
constexpr std::string_view kCustomerNumberAliases[] = {
    "customer_id", "customer_key", "customer_number", "id_customer", "id_nasabah",
    "no_nasabah",  "nomor_nasabah", "cif",           "no_cif",      "nomor_cif"};
constexpr std::string_view kNikAliases[] = {"nik", "no_ktp", "nomor_ktp", "nik_ktp"};

constexpr size_t kMaxNameLength = 200;
constexpr size_t kMaxTextLength = 1000;

bool OneOf(std::string_view s, std::span<const std::string_view> list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// An extra column's (non-empty) value as JSON: a number when it is written like one (no
// leading zeros, so account numbers and local phone numbers stay text), else a string.
nlohmann::ordered_json ExtraValue(std::string_view s) {
  size_t i = (s[0] == '-') ? 1 : 0;
  size_t digits_start = i;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  size_t int_digits = i - digits_start;
  bool numeric = int_digits > 0 && !(int_digits > 1 && s[digits_start] == '0');
  bool fraction = false;
  if (numeric && i < s.size() && s[i] == '.') {
    size_t frac_start = ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    fraction = true;
    numeric = i > frac_start;
  }
  if (numeric && i == s.size()) {
    if (!fraction) {
      int64_t v;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec == std::errc() && end == s.data() + s.size()) return v;
    } else {
      if (std::optional<double> v = ParseNumber(s)) return *v;
    }
  }
  return std::string(s);
}

Result<bool> ParseOutcome(std::string_view s) {
  std::string v = Lower(s);
  if (v == "yes" || v == "1" || v == "true" || v == "ya") return true;
  if (v == "no" || v == "0" || v == "false" || v == "tidak") return false;
  return Status::InvalidArgument(fmt::format("'{}' is not yes/no", s));
}

Status CheckPhone(std::string_view phone) {
  int digits = 0;
  for (char c : phone) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (std::string_view(" +-.()/").find(c) == std::string_view::npos) {
      return Status::InvalidArgument(fmt::format("'{}' is not a phone number", phone));
    }
  }
  if (digits < 5 || digits > 20) {
    return Status::InvalidArgument(fmt::format("'{}' is not a phone number", phone));
  }
  return Status::Ok();
}

}  // namespace

std::string NormalizeHeaderName(std::string_view name) {
  std::string out = Lower(TrimBlanks(name));
  for (char& c : out) {
    if (c == ' ' || c == '.' || c == '-') c = '_';
  }
  return out;
}

Result<LeadCsvColumns> LeadCsvColumns::Create(const std::vector<std::string>& header,
                                              const LeadCsvOptions& options) {
  LeadCsvColumns result;
  result.labelled_ = options.labelled;
  std::vector<std::string> seen_as;  // the meaning of each mapped column, to find duplicates
  for (size_t i = 0; i < header.size(); ++i) {
    Column column;
    // An exported file's header cells may carry the export's formula escape (core/csv.h).
    column.header = std::string(UnescapeFormulaCell(TrimBlanks(header[i])));
    std::string key = NormalizeHeaderName(column.header);
    std::string meaning;
    if (key.empty()) {
      column.role = Role::kBlank;
    } else if (OneOf(key, kOutcomeAliases)) {
      column.role = Role::kOutcome;
      meaning = "y";
    } else if (OneOf(key, kNameAliases)) {
      column.role = Role::kName;
      meaning = "name";
      result.has_name_ = true;
    } else if (OneOf(key, kPhoneAliases)) {
      column.role = Role::kPhone;
      meaning = "phone";
      result.has_phone_ = true;
    } else if (OneOf(key, kCustomerNumberAliases)) {
      column.role = Role::kKey;
      meaning = "the customer key";
    } else if (OneOf(key, kNikAliases)) {
      column.role = Role::kKey;
      meaning = "the NIK";
    } else if (OneOf(key, kExportStateColumns)) {
      column.role = Role::kExportState;
    } else {
      for (const auto& bank : kBankColumns) {
        if (key == NormalizeHeaderName(bank.name) || key == bank.sql_name) {
          column.role = Role::kBank;
          column.bank = &bank;
          meaning = bank.name;
          break;
        }
      }
      if (column.role == Role::kExtra) meaning = "extra:" + column.header;
    }
    if (!meaning.empty()) {
      auto previous = std::find(seen_as.begin(), seen_as.end(), meaning);
      if (previous != seen_as.end()) {
        return Status::InvalidArgument(
                   fmt::format("columns '{}' and '{}' both hold {}; keep one of them",
                               header[previous - seen_as.begin()], column.header,
                               column.role == Role::kExtra ? "the same name" : meaning))
            .With("csv_columns_duplicate",
                  {{"first", header[previous - seen_as.begin()]}, {"second", column.header}});
      }
    }
    seen_as.push_back(meaning);
    result.columns_.push_back(std::move(column));
  }

  // The key: the customer number if there is one (a NIK beside it is then kept as extra), else
  // the NIK.
  for (int pass = 0; pass < 2 && result.key_column_ < 0; ++pass) {
    for (size_t i = 0; i < result.columns_.size(); ++i) {
      Column& column = result.columns_[i];
      if (column.role != Role::kKey) continue;
      const bool number = OneOf(NormalizeHeaderName(column.header), kCustomerNumberAliases);
      if (number == (pass == 0)) result.key_column_ = static_cast<int>(i);
    }
  }
  for (size_t i = 0; i < result.columns_.size(); ++i) {
    Column& column = result.columns_[i];
    if (column.role == Role::kKey && static_cast<int>(i) != result.key_column_) {
      column.role = Role::kExtra;
    }
    if (column.role == Role::kPhone) result.phone_column_ = static_cast<int>(i);
    if (column.role == Role::kOutcome) result.outcome_column_ = static_cast<int>(i);
    if (!options.date_column.empty() &&
        (column.header == options.date_column ||
         (column.bank != nullptr && column.bank->name == options.date_column))) {
      result.date_column_ = static_cast<int>(i);
    }
  }

  if (result.HeadersWithRole(Role::kBank).empty()) {
    return Status::InvalidArgument(
               "none of the columns is a bank column the portal knows (expected a header such "
               "as age;job;marital;education;...;y as in the UCI bank marketing files)")
        .With("csv_no_bank_columns");
  }
  if (options.labelled && result.outcome_column_ < 0) {
    return Status::InvalidArgument(
               "the file has no `y` column: training and evaluation need the known outcome "
               "(yes/no)")
        .With("csv_outcome_missing");
  }
  if (!options.date_column.empty() && result.date_column_ < 0) {
    std::string have;
    for (const Column& c : result.columns_) have += (have.empty() ? "" : ", ") + c.header;
    return Status::InvalidArgument(fmt::format("the date column '{}' is not in the header ({})",
                                               options.date_column, have))
        .With("csv_column_missing", {{"field", options.date_column}, {"columns", have}});
  }
  for (std::string_view required : RequiredColumns()) {
    bool found = std::any_of(result.columns_.begin(), result.columns_.end(), [&](const Column& c) {
      return c.bank != nullptr && c.bank->name == required;
    });
    if (!found) {
      return Status::InvalidArgument(
                 fmt::format("the required column '{}' is missing from the header", required))
          .With("csv_required_column_missing", {{"field", std::string(required)}});
    }
  }
  return result;
}

std::vector<std::string_view> LeadCsvColumns::RequiredColumns() {
  std::vector<std::string_view> out;
  for (const FieldSpec& spec : LeadFieldSpecs()) {
    if (spec.required) out.push_back(spec.column->name);
  }
  return out;
}

std::string LeadCsvColumns::KeySource() const {
  if (key_column_ >= 0) return columns_[key_column_].header;
  if (phone_column_ >= 0) return columns_[phone_column_].header;
  return "";
}

std::vector<std::string> LeadCsvColumns::HeadersWithRole(Role role) const {
  std::vector<std::string> out;
  for (const auto& c : columns_) {
    if (c.role == role) out.push_back(c.header);
  }
  return out;
}

Status LeadCsvColumns::ParseRow(const std::vector<std::string>& fields, Lead* lead) const {
  if (fields.size() != columns_.size()) {
    return Status::InvalidArgument(
               fmt::format("expected {} fields, found {}", columns_.size(), fields.size()))
        .With("csv_field_count", {{"expected", static_cast<int64_t>(columns_.size())},
                                  {"found", static_cast<int64_t>(fields.size())}});
  }
  lead->name.clear();
  lead->phone.clear();
  lead->numeric.fill(kMissing);
  for (auto& text : lead->categorical) text.clear();
  lead->outcome.reset();
  lead->customer_key.clear();
  nlohmann::ordered_json extra = nlohmann::ordered_json::object();

  for (size_t i = 0; i < columns_.size(); ++i) {
    const Column& column = columns_[i];
    // Text cells of an exported file may carry the export's formula escape (core/csv.h).
    std::string_view value = UnescapeFormulaCell(TrimBlanks(fields[i]));
    auto bad = [&](const std::string& why) {
      return Status::InvalidArgument(fmt::format("column '{}': {}", column.header, why));
    };
    if (value.empty() && static_cast<int>(i) == date_column_) {
      return bad("the date is empty; the backtest orders every row by it")
          .With("field_required", {{"field", column.header}});
    }
    switch (column.role) {
      case Role::kBank: {
        // The field spec's checks, as every entry point of lead data makes them; the message
        // names the column as the file writes it ("column 'Umur': 150 is outside 17..120"),
        // the reason and its parameters stay the spec's.
        const FieldSpec& spec = LeadFieldSpecOf(*column.bank);
        auto in_column = [&](const Status& refused) {
          std::string what = refused.message();
          if (what.starts_with(spec.name + ": ")) what.erase(0, spec.name.size() + 2);
          return Status(refused.code(), fmt::format("column '{}': {}", column.header, what))
              .With(refused.reason(), refused.params());
        };
        if (column.bank->kind == ColumnKind::kCategorical) {
          if (value.size() > kMaxTextLength) return bad("the value is too long");
          Result<std::string> code = CheckCategory(spec, value);
          if (!code.ok()) return in_column(code.status());
          lead->categorical[column.bank->slot] = std::move(*code);
          break;
        }
        Result<std::optional<double>> number = ParseNumberField(spec, value);
        if (!number.ok()) return in_column(number.status());
        if (*number) lead->numeric[column.bank->slot] = **number;
        break;
      }
      case Role::kOutcome: {
        if (value.empty()) {
          if (!labelled_) break;  // not known yet: a lead still to call
          return bad("the outcome is empty; a labelled file needs yes or no in every row")
              .With("field_required", {{"field", column.header}});
        }
        auto outcome = ParseOutcome(value);
        if (!outcome.ok()) {
          return bad(outcome.status().message())
              .With("field_unknown_value",
                    {{"field", column.header}, {"value", std::string(value)}});
        }
        lead->outcome = *outcome;
        break;
      }
      case Role::kName:
        if (value.size() > kMaxNameLength) {
          return bad("the name is too long")
              .With("field_too_long",
                    {{"field", column.header}, {"max", static_cast<int64_t>(kMaxNameLength)}});
        }
        if (value.find_first_of("\r\n") != std::string_view::npos) {
          return bad("the name holds a line break")
              .With("field_line_break", {{"field", column.header}});
        }
        lead->name = std::string(value);
        break;
      case Role::kPhone:
        if (!value.empty()) {
          LS_RETURN_IF_ERROR(CheckPhone(value)
                                 .WithContext(fmt::format("column '{}'", column.header))
                                 .With("field_not_phone",
                                       {{"field", column.header}, {"value", std::string(value)}}));
        }
        lead->phone = std::string(value);
        break;
      case Role::kKey:
        if (value.size() > kMaxCustomerKeyLength) {
          return bad("the customer key is too long")
              .With("field_too_long", {{"field", column.header},
                                       {"max", static_cast<int64_t>(kMaxCustomerKeyLength)}});
        }
        for (char c : value) {
          if (static_cast<unsigned char>(c) < 0x20) {
            return bad("the customer key holds a control character")
                .With("field_control_character", {{"field", column.header}});
          }
        }
        lead->customer_key = std::string(value);
        break;
      case Role::kExtra:
        if (value.size() > kMaxTextLength) {
          return bad("the value is too long")
              .With("field_too_long",
                    {{"field", column.header}, {"max", static_cast<int64_t>(kMaxTextLength)}});
        }
        // An empty cell is no value: left out, so that leads from files with different extra
        // columns export and import back unchanged.
        if (!value.empty()) extra[column.header] = ExtraValue(value);
        break;
      case Role::kExportState:
      case Role::kBlank:
        break;
    }
  }
  if (lead->customer_key.empty()) {
    lead->customer_key = NormalizePhoneE164(lead->phone).value_or("");
  }
  lead->extra_json = extra.empty() ? "{}" : extra.dump();
  return Status::Ok();
}

BadLine BadLine::Of(size_t line, const Status& problem) {
  BadLine bad{line, problem.message(), "", problem.reason(), problem.params()};
  for (const StatusParam& param : problem.params()) {
    const auto* text = std::get_if<std::string>(&param.value);
    if (param.name == "field" && text) bad.column = *text;
  }
  return bad;
}

Result<LeadCsvReader> LeadCsvReader::Open(CsvReader csv, const LeadCsvOptions& options) {
  LS_ASSIGN_OR_RETURN(LeadCsvColumns columns, LeadCsvColumns::Create(csv.header(), options));
  return LeadCsvReader(std::move(csv), std::move(columns));
}

Result<bool> LeadCsvReader::Next(LeadCsvRow* row) {
  LS_ASSIGN_OR_RETURN(bool more, csv_.Next(&record_));
  if (!more) return false;
  row->line = record_.line;
  row->status = columns_.ParseRow(record_.fields, &row->lead);
  return true;
}

Result<LeadCsvFile> ReadLeadCsvFile(CsvReader csv, const LeadCsvOptions& options,
                                    std::vector<BadLine>* bad_lines) {
  LS_ASSIGN_OR_RETURN(LeadCsvReader reader, LeadCsvReader::Open(std::move(csv), options));
  LeadCsvFile file{reader.columns(), {}};
  int64_t bad = 0;
  std::string message;
  LeadCsvRow row;
  while (true) {
    LS_ASSIGN_OR_RETURN(bool more, reader.Next(&row));
    if (!more) break;
    if (row.status.ok()) {
      if (bad == 0) file.leads.push_back(std::move(row.lead));
      continue;
    }
    if (bad == 0) file.leads = {};  // refused: the rest is only checked
    if (static_cast<size_t>(bad) < kBadLinesInMessage) {
      fmt::format_to(std::back_inserter(message), "; line {}: {}", row.line,
                     row.status.message());
    }
    if (bad_lines && bad_lines->size() < kMaxListedBadLines) {
      bad_lines->push_back(BadLine::Of(row.line, row.status));
    }
    ++bad;
  }
  if (bad > 0) {
    if (static_cast<size_t>(bad) > kBadLinesInMessage) message += "; …";
    return Status::InvalidArgument(fmt::format("{} bad row(s){}", bad, message))
        .With("csv_bad_rows", {{"count", bad}});
  }
  if (file.leads.empty()) {
    return Status::InvalidArgument("the file has a header but no data rows").With("csv_no_rows");
  }
  return file;
}

Result<LeadCsvFile> ReadLeadCsvFile(const std::string& path, const LeadCsvOptions& options,
                                    std::vector<BadLine>* bad_lines) {
  LS_ASSIGN_OR_RETURN(CsvReader csv, CsvReader::FromFile(path));
  auto file = ReadLeadCsvFile(std::move(csv), options, bad_lines);
  if (!file.ok()) return file.status().WithContext(path);
  return file;
}

}  // namespace leadscore
