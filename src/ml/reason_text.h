// Reason sentences: a reason (column, value) as a sentence a sales person reads on the phone,
// in English or Indonesian — "Usia 67 tahun", "Berlangganan pada kampanye sebelumnya",
// "Belum pernah dihubungi sebelumnya" — with the values of the UCI columns in the words of the
// value catalogue (core/value_labels.h: job, education, month…) and numbers in the reader's locale (1,234.5 / 1.234,5), never in
// scientific notation. A column the portal does not know reads "Label: value".
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace leadscore::ml {

enum class Language { kEnglish, kIndonesian };

// `value` is the stored text of the value (ml::Reason::value): a number as digits, "missing"
// for a missing one.
std::string ReasonSentence(std::string_view column, std::string_view value, Language language);

// A category in the reader's language, as a table shows it ("retired" -> "Pensiunan"); a value
// the catalogue does not know in readable words ("gold_plus" -> "Gold plus"), "missing" or an
// empty value as "unknown".
std::string ValueLabel(std::string_view column, std::string_view value, Language language);

// A number with at most `decimals` decimals (trailing zeros dropped) and thousands separators:
// 4991.6 -> "4,991.6" (English), "4.991,6" (Indonesian).
std::string LocaleNumber(double v, Language language, int decimals = 2);

}  // namespace leadscore::ml
