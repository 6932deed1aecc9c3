#include "core/csv.h"
#include "core/text.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace leadscore {
namespace {

// Returns the byte offset of the first invalid UTF-8 sequence, or npos.
size_t FindInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      len = 4;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

size_t LineOfOffset(std::string_view s, size_t offset) {
  size_t line = 1;
  for (size_t i = 0; i < offset && i < s.size(); ++i) {
    if (s[i] == '\n') ++line;
  }
  return line;
}

}  // namespace

Result<CsvReader> CsvReader::FromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("cannot open {}", path));
  std::string text;
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size < 0) return Status::InvalidArgument(fmt::format("cannot read {}", path));
  text.resize(static_cast<size_t>(size));
  in.seekg(0, std::ios::beg);
  if (size > 0 && !in.read(text.data(), size)) {
    return Status::InvalidArgument(fmt::format("cannot read {}", path));
  }
  auto reader = FromString(std::move(text));
  if (!reader.ok()) return reader.status().WithContext(path);
  return reader;
}

Result<CsvReader> CsvReader::FromString(std::string text) {
  CsvReader reader(std::move(text));
  LS_RETURN_IF_ERROR(reader.Init());
  return reader;
}

Status CsvReader::Init() {
  if (text_.empty())
    return Status::InvalidArgument("the file is empty (0 bytes)").With("csv_empty");
  if (text_.size() >= 2 && ((text_[0] == '\xFF' && text_[1] == '\xFE') ||
                            (text_[0] == '\xFE' && text_[1] == '\xFF'))) {
    return Status::InvalidArgument("the file is UTF-16 encoded; save it as UTF-8 CSV")
        .With("csv_utf16");
  }
  if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
  size_t bad = FindInvalidUtf8(text_);
  if (bad != std::string::npos) {
    return Status::InvalidArgument(
               fmt::format("line {}: the file is not UTF-8 text (byte 0x{:02X} at offset {}); "
                           "save it as UTF-8 CSV",
                           LineOfOffset(text_, bad), static_cast<unsigned char>(text_[bad]), bad))
        .With("csv_not_utf8", {{"line", static_cast<int64_t>(LineOfOffset(text_, bad))}});
  }
  if (text_.find('\0') != std::string::npos) {
    return Status::InvalidArgument("the file holds NUL bytes; it is not a text CSV file")
        .With("csv_binary");
  }

  // Guess the delimiter from the first line: the one of ; , \t that occurs most outside quotes.
  size_t counts[3] = {0, 0, 0};
  const char candidates[3] = {';', ',', '\t'};
  bool quoted = false;
  for (size_t i = pos_; i < text_.size() && (quoted || text_[i] != '\n'); ++i) {
    char c = text_[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    for (int k = 0; k < 3; ++k) counts[k] += (c == candidates[k]);
  }
  int best = 1;
  for (int k = 0; k < 3; ++k) {
    if (counts[k] > counts[best]) best = k;
  }
  delimiter_ = candidates[best];

  CsvRecord header;
  LS_ASSIGN_OR_RETURN(bool has_header, Next(&header));
  if (!has_header) {
    return Status::InvalidArgument("the file is empty (no header line)").With("csv_empty");
  }
  for (auto& f : header.fields) header_.emplace_back(TrimBlanks(f));
  return Status::Ok();
}

int CsvReader::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

Result<bool> CsvReader::Next(CsvRecord* record) {
  const size_t n = text_.size();
  const char* s = text_.data();
  // Skip blank lines.
  while (pos_ < n && (s[pos_] == '\n' || s[pos_] == '\r')) {
    if (s[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= n) return false;

  record->line = line_;
  size_t count = 0;
  auto next_field = [&]() -> std::string& {
    if (count == record->fields.size()) record->fields.emplace_back();
    std::string& f = record->fields[count++];
    f.clear();
    return f;
  };

  while (true) {
    std::string& field = next_field();
    if (pos_ < n && s[pos_] == '"') {
      size_t start_line = line_;
      ++pos_;
      while (true) {
        size_t q = text_.find('"', pos_);
        if (q == std::string::npos) {
          return Status::InvalidArgument(
                     fmt::format("line {}: a quoted field is never closed", start_line))
              .With("csv_quote_unclosed", {{"line", static_cast<int64_t>(start_line)}});
        }
        for (size_t i = pos_; i < q; ++i) line_ += (s[i] == '\n');
        field.append(s + pos_, q - pos_);
        pos_ = q + 1;
        if (pos_ < n && s[pos_] == '"') {  // "" is a quote inside the field
          field.push_back('"');
          ++pos_;
          continue;
        }
        break;
      }
      if (pos_ < n && s[pos_] != delimiter_ && s[pos_] != '\n' && s[pos_] != '\r') {
        return Status::InvalidArgument(
                   fmt::format("line {}: unexpected text after a closing quote", line_))
            .With("csv_text_after_quote", {{"line", static_cast<int64_t>(line_)}});
      }
    } else {
      size_t start = pos_;
      while (pos_ < n && s[pos_] != delimiter_ && s[pos_] != '\n' && s[pos_] != '\r') {
        if (s[pos_] == '"') {
          return Status::InvalidArgument(
                     fmt::format("line {}: a quote inside an unquoted field", line_))
              .With("csv_stray_quote", {{"line", static_cast<int64_t>(line_)}});
        }
        ++pos_;
      }
      field.assign(s + start, pos_ - start);
    }
    if (pos_ < n && s[pos_] == delimiter_) {
      ++pos_;
      continue;
    }
    // End of record: CRLF, LF, CR or end of input.
    if (pos_ < n && s[pos_] == '\r') ++pos_;
    if (pos_ < n && s[pos_] == '\n') {
      ++pos_;
      ++line_;
    }
    break;
  }
  record->fields.resize(count);
  return true;
}

Result<CsvTable> ReadCsvTable(CsvReader reader) {
  CsvTable table;
  table.header = reader.header();
  table.delimiter = reader.delimiter();
  while (true) {
    CsvRecord record;
    LS_ASSIGN_OR_RETURN(bool more, reader.Next(&record));
    if (!more) break;
    table.records.push_back(std::move(record));
  }
  return table;
}

std::string CsvEscape(std::string_view field, char delimiter) {
  if (field.find_first_of(std::string{delimiter, '"', '\n', '\r'}) == std::string_view::npos) {
    return std::string(field);
  }
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

bool NeedsFormulaEscape(std::string_view text) {
  size_t quotes = 0;  // "'=1" needs it too: its escape "''=1" reads back as "'=1", not "=1"
  while (quotes < text.size() && text[quotes] == '\'') ++quotes;
  return quotes < text.size() &&
         std::string_view("=+-@\t\r").find(text[quotes]) != std::string_view::npos;
}

std::string EscapeFormulaCell(std::string_view text) {
  if (!NeedsFormulaEscape(text)) return std::string(text);
  std::string out = "'";
  out += text;
  return out;
}

std::string_view UnescapeFormulaCell(std::string_view cell) {
  if (cell.size() > 1 && cell[0] == '\'' && NeedsFormulaEscape(cell.substr(1))) {
    return cell.substr(1);
  }
  return cell;
}

}  // namespace leadscore
