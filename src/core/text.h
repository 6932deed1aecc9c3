// Small text helpers every layer uses: ASCII lower case, the control-character check of the
// values people type (names, phones, categories, notes), and the reading of a number written as
// text. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace leadscore {

// `s` with A–Z lowered; other bytes (UTF-8 included) unchanged.
std::string Lower(std::string_view s);

// Whether `s` holds a control character (below 0x20, or DEL) other than those in `allowed`
// (a note may keep "\n\t").
bool HasControlCharacters(std::string_view s, std::string_view allowed = {});

// `s` without the spaces and tabs at either end (a view into `s`).
std::string_view TrimBlanks(std::string_view s);

// The whole of `s` as a finite number in decimal ("12", "-3.5", "1e3", "+7", ".5"), the same in
// every locale; nullopt for anything else: "", surrounding spaces, "1,5", "0x1A", "inf", "nan",
// or a number too large for a double. Callers trim or swap a decimal comma first when their
// input may have them.
std::optional<double> ParseNumber(std::string_view s);

}  // namespace leadscore
