// The value catalogue: the words for the category values of the bank columns (job "admin.",
// education "basic.4y", poutcome "nonexistent"…) in Indonesian and English. The catalogue is
// src/core/value_labels.json, compiled into the binary; the web app imports the same file, so
// the server's reasons and the portal's tables, filters and forms say the same words.
//
// A value the catalogue does not know (a bank's own export may use others) is shown readably,
// never as a bare code: dots, underscores and dashes become spaces and the first letter a
// capital ("self_employed" -> "Self employed").
// The catalogue is parsed once, on first use; the functions are thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace leadscore {

struct ValueWords {
  std::string code;  // as stored: "blue-collar"
  std::string en;    // "Blue-collar worker"
  std::string id;    // "Pekerja kerah biru"
};

// The values the catalogue lists for `column` ("job", "y"…), in its order; empty for a column
// it does not know.
std::span<const ValueWords> CatalogueValues(std::string_view column);

// The words for `code` of `column`: the column's own, else the answers every column shares
// (yes, no, unknown); nullptr when the catalogue has neither.
const ValueWords* FindValueWords(std::string_view column, std::string_view code);

// "high.school" -> "High school", "admin." -> "Admin": a code the catalogue does not know, in
// words. An empty or all-punctuation code is returned as it is.
std::string ReadableCode(std::string_view code);

// What a person reads for `code` of `column`: the catalogue's words, else ReadableCode.
std::string ValueText(std::string_view column, std::string_view code, bool english);

}  // namespace leadscore
