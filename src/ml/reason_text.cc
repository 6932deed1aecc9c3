#include "ml/reason_text.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "core/lead.h"
#include "core/text.h"
#include "core/value_labels.h"

namespace leadscore::ml {
namespace {

// A catalogue label inside a sentence: "Bekerja sebagai teknisi", "Works as blue-collar
// worker". An acronym keeps its capitals ("Pendidikan SMA").
std::string InSentence(std::string label) {
  if (label.size() >= 2 && std::isupper(static_cast<unsigned char>(label[0])) &&
      !std::isupper(static_cast<unsigned char>(label[1]))) {
    label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
  }
  return label;
}

bool English(Language l) { return l == Language::kEnglish; }

// "Label: value", the form of a column without a sentence of its own.
std::string Plain(std::string_view column, std::string_view value, Language l) {
  const BankColumn* known = FindBankColumn(column);
  std::string label(known ? (English(l) ? known->label_en : known->label_id) : column);
  std::string shown;
  if (auto n = ParseNumber(value)) {
    shown = LocaleNumber(*n, l);
  } else {
    shown = ValueLabel(column, value, l);
  }
  return label + ": " + shown;
}

// yes / no / unknown of a yes-no column, as three sentences.
std::string YesNo(std::string_view value, Language l, const char* yes_en, const char* yes_id,
                  const char* no_en, const char* no_id, const char* unknown_en,
                  const char* unknown_id) {
  if (value == "yes") return English(l) ? yes_en : yes_id;
  if (value == "no") return English(l) ? no_en : no_id;
  return English(l) ? unknown_en : unknown_id;
}

std::string Times(long n, Language l) {
  if (English(l)) return n == 1 ? "once" : fmt::format("{} times", n);
  return fmt::format("{} kali", n);
}

}  // namespace

std::string LocaleNumber(double v, Language language, int decimals) {
  if (!std::isfinite(v)) return English(language) ? "unknown" : "tidak diketahui";
  std::string s = fmt::format("{:.{}f}", std::fabs(v), decimals);
  std::string frac;
  if (auto dot = s.find('.'); dot != std::string::npos) {
    frac = s.substr(dot + 1);
    s.resize(dot);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
  }
  const char group = English(language) ? ',' : '.';
  const char point = English(language) ? '.' : ',';
  std::string grouped;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && (s.size() - i) % 3 == 0) grouped += group;
    grouped += s[i];
  }
  if (!frac.empty()) grouped += point + frac;
  bool zero = grouped.find_first_not_of("0,.") == std::string::npos;
  return (v < 0 && !zero ? "-" : "") + grouped;
}

std::string ValueLabel(std::string_view column, std::string_view value, Language language) {
  if (value.empty() || value == "missing") return ValueText(column, "unknown", English(language));
  return ValueText(column, value, English(language));
}

std::string ReasonSentence(std::string_view column, std::string_view value, Language l) {
  const bool en = English(l);
  const std::optional<double> number = ParseNumber(value);
  const bool missing = value == "missing" || value.empty();
  const std::string label = ValueLabel(column, value, l);  // as in a table: "Teknisi"
  const std::string v = InSentence(label);                  // inside a sentence: "teknisi"

  if (column == "age" && number) {
    return en ? fmt::format("Age {}", LocaleNumber(*number, l))
              : fmt::format("Usia {} tahun", LocaleNumber(*number, l));
  }
  if (column == "job") {
    if (value == "retired") return en ? "Retired" : "Pensiunan";
    if (value == "student") return en ? "Student" : "Pelajar atau mahasiswa";
    if (value == "unemployed") return en ? "Not working" : "Tidak bekerja";
  }
  if (column == "job" && !missing && value != "unknown") {
    return en ? "Works as " + v : "Bekerja sebagai " + v;
  }
  if (column == "marital") {
    if (value == "married") return en ? "Married" : "Menikah";
    if (value == "single") return en ? "Single" : "Lajang";
    if (value == "divorced") return en ? "Divorced or widowed" : "Bercerai atau janda/duda";
  }
  if (column == "education" && !missing && value != "unknown") {
    return en ? "Education: " + label : "Pendidikan " + v;
  }
  if (column == "default") {
    return YesNo(value, l, "Has credit in default", "Memiliki kredit macet",
                 "No credit in default", "Tidak memiliki kredit macet",
                 "Credit default not known", "Status kredit macet tidak diketahui");
  }
  if (column == "housing") {
    return YesNo(value, l, "Has a housing loan", "Memiliki kredit rumah", "No housing loan",
                 "Tidak memiliki kredit rumah", "Housing loan not known",
                 "Status kredit rumah tidak diketahui");
  }
  if (column == "loan") {
    return YesNo(value, l, "Has a personal loan", "Memiliki pinjaman pribadi",
                 "No personal loan", "Tidak memiliki pinjaman pribadi",
                 "Personal loan not known", "Status pinjaman pribadi tidak diketahui");
  }
  if (column == "balance" && number) {
    return en ? fmt::format("Average yearly balance {}", LocaleNumber(*number, l))
              : fmt::format("Saldo rata-rata tahunan {}", LocaleNumber(*number, l));
  }
  if (column == "contact" && (value == "cellular" || value == "telephone")) {
    return en ? "Reached on a " + v : "Dihubungi lewat " + v;
  }
  if (column == "campaign" && number) {
    long n = std::lround(*number);
    return en ? fmt::format("Called {} in this campaign", Times(n, l))
              : fmt::format("Sudah dihubungi {} di kampanye ini", Times(n, l));
  }
  if (column == "pdays") {
    if (missing) return en ? "Never contacted before" : "Belum pernah dihubungi sebelumnya";
    if (number) {
      long n = std::lround(*number);
      return en ? fmt::format("Last contacted {} day{} ago, in an earlier campaign", n,
                              n == 1 ? "" : "s")
                : fmt::format("Terakhir dihubungi {} hari lalu, di kampanye sebelumnya", n);
    }
  }
  if (column == "previous" && number) {
    long n = std::lround(*number);
    if (n == 0) {
      return en ? "No contacts before this campaign" : "Belum pernah dihubungi sebelum kampanye ini";
    }
    return en ? fmt::format("Contacted {} before this campaign", Times(n, l))
              : fmt::format("Dihubungi {} sebelum kampanye ini", Times(n, l));
  }
  if (column == "poutcome") {
    if (value == "success") {
      return en ? "Subscribed in the previous campaign" : "Berlangganan pada kampanye sebelumnya";
    }
    if (value == "failure") {
      return en ? "Did not subscribe in the previous campaign"
                : "Tidak berlangganan pada kampanye sebelumnya";
    }
    if (value == "nonexistent") {
      return en ? "Not in a previous campaign" : "Tidak ikut kampanye sebelumnya";
    }
  }
  if (column == "duration" && number) {
    return en ? fmt::format("Last call lasted {} seconds", LocaleNumber(*number, l))
              : fmt::format("Panggilan terakhir {} detik", LocaleNumber(*number, l));
  }
  if (column == "month" && !missing) {
    return en ? "Called in " + label : "Dihubungi pada bulan " + label;
  }
  if (column == "day_of_week" && !missing) {
    return en ? "Called on a " + label : "Dihubungi pada hari " + label;
  }
  return Plain(column, value, l);
}

}  // namespace leadscore::ml
