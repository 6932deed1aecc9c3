// Small text helpers every layer uses: ASCII lower case, and the control-character check of
// the values people type (names, phones, categories, notes). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace leadscore {

// `s` with A–Z lowered; other bytes (UTF-8 included) unchanged.
std::string Lower(std::string_view s);

// Whether `s` holds a control character (below 0x20, or DEL) other than those in `allowed`
// (a note may keep "\n\t").
bool HasControlCharacters(std::string_view s, std::string_view allowed = {});

}  // namespace leadscore
