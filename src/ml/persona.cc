#include "ml/persona.h"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "core/lead.h"

namespace leadscore::ml {
namespace {

enum class Role { kIncome, kSpending, kAge, kMoney, kOther };

// How a feature is spoken of in a persona name.
struct Words {
  Role role = Role::kOther;
  std::string en;  // "balance"
  std::string id;  // "saldo"
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool Has(const std::string& lower, std::string_view word) {
  return lower.find(word) != std::string::npos;
}

// "Annual Income (k$)" -> "annual income"; "emp.var.rate" -> "emp var rate".
std::string PlainWords(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '(') break;
    out.push_back(c == '_' || c == '.' ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return Lower(out);
}

Words WordsFor(const std::string& feature) {
  std::string f = Lower(feature);
  if (Has(f, "income") || Has(f, "pendapatan") || Has(f, "salary") || Has(f, "gaji")) {
    return {Role::kIncome, "income", "pendapatan"};
  }
  if (Has(f, "spending") || Has(f, "spend") || Has(f, "belanja")) {
    return {Role::kSpending, "spending", "belanja"};
  }
  if (f == "age" || f.starts_with("age ") || f.starts_with("age(") || f == "usia" || f == "umur") {
    return {Role::kAge, "age", "usia"};
  }
  if (Has(f, "balance") || Has(f, "saldo")) return {Role::kMoney, "balance", "saldo"};
  if (const BankColumn* column = FindBankColumn(feature)) {
    return {Role::kOther, Lower(column->label_en), Lower(column->label_id)};
  }
  std::string plain = PlainWords(feature);
  return {Role::kOther, plain, plain};
}

std::string Capitalised(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

struct Part {
  std::string en, id;
};

Part PartFor(const Words& w, Level level) {
  if (w.role == Role::kAge) {
    static const char* en[] = {"young", "middle-aged", "older"};
    static const char* id[] = {"muda", "paruh baya", "senior"};
    return {en[static_cast<int>(level)], id[static_cast<int>(level)]};
  }
  static const char* en[] = {"low", "medium", "high"};
  static const char* id[] = {"rendah", "sedang", "tinggi"};
  return {fmt::format("{} {}", en[static_cast<int>(level)], w.en),
          fmt::format("{} {}", w.id, id[static_cast<int>(level)])};
}

struct Classic {
  Level income, spending;
  const char* name;
  const char* name_id;
  const char* description;
  const char* description_id;
};

constexpr Classic kClassicFive[] = {
    {Level::kLow, Level::kLow, "Sensible", "Hemat",
     "Low income, careful spending. Price-sensitive: offer savings with a small minimum deposit "
     "and keep the call short and factual.",
     "Pendapatan rendah, belanja hemat. Peka harga: tawarkan tabungan dengan setoran minimum "
     "kecil dan sampaikan secara singkat dan jelas."},
    {Level::kLow, Level::kHigh, "Careless", "Boros",
     "Low income, high spending. Responds to promotions but stretches the budget: lead with "
     "cashback and automatic saving plans, not new credit.",
     "Pendapatan rendah, belanja tinggi. Tertarik promo tetapi anggaran ketat: tawarkan cashback "
     "dan tabungan autodebet, bukan kredit baru."},
    {Level::kMedium, Level::kMedium, "Standard", "Standar",
     "Average income and spending: the broad middle. Use the standard term-deposit pitch with a "
     "clear rate comparison; a good volume segment.",
     "Pendapatan dan belanja rata-rata: segmen terbesar. Gunakan penawaran deposito standar "
     "dengan perbandingan suku bunga yang jelas."},
    {Level::kHigh, Level::kLow, "Saver", "Penabung",
     "High income, low spending: money stays in the account. The best fit for a term deposit "
     "or investment product; lead with the rate and the security of the funds.",
     "Pendapatan tinggi, belanja rendah: dana mengendap di rekening. Paling cocok untuk deposito "
     "berjangka atau investasi; tonjolkan suku bunga dan keamanan dana."},
    {Level::kHigh, Level::kHigh, "Target", "Target",
     "High income, high spending: the most valuable customers. Call first with a personal "
     "offer: priority banking, a card upgrade, a term deposit.",
     "Pendapatan tinggi, belanja tinggi: nasabah paling bernilai. Hubungi lebih dulu dengan "
     "penawaran personal: layanan prioritas, upgrade kartu, deposito berjangka."},
};

// A sales hint for a built name: money first, then age.
Part HintFor(const std::vector<Words>& words, const std::vector<Level>& levels) {
  for (size_t j = 0; j < words.size(); ++j) {
    if (words[j].role != Role::kMoney && words[j].role != Role::kIncome) continue;
    if (levels[j] == Level::kHigh) {
      return {"Strong candidates for a term deposit: call them early with a rate offer.",
              "Kandidat kuat deposito berjangka: hubungi lebih awal dengan penawaran suku bunga."};
    }
    if (levels[j] == Level::kLow) {
      return {"Offer entry-level products with a small minimum deposit; keep the pitch simple.",
              "Tawarkan produk awal dengan setoran minimum kecil; jelaskan dengan sederhana."};
    }
  }
  for (size_t j = 0; j < words.size(); ++j) {
    if (words[j].role != Role::kAge) continue;
    if (levels[j] == Level::kLow) {
      return {"Pitch digital, mobile-first products and a quick sign-up.",
              "Tawarkan produk digital berbasis aplikasi dan pendaftaran yang cepat."};
    }
    if (levels[j] == Level::kHigh) {
      return {"Stress the security of the funds and a guaranteed return.",
              "Tekankan keamanan dana dan imbal hasil yang pasti."};
    }
  }
  return {"Use the standard pitch and note what works for this group.",
          "Gunakan penawaran standar dan catat apa yang berhasil untuk kelompok ini."};
}

}  // namespace

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kLow:
      return "low";
    case Level::kMedium:
      return "medium";
    case Level::kHigh:
      return "high";
  }
  return "medium";
}

std::vector<Terciles> ComputeTerciles(PointsView raw) {
  const size_t n = raw.size(), d = raw.dims;
  std::vector<Terciles> cuts(d);
  if (n == 0) return cuts;
  std::vector<double> column(n);
  auto quantile = [&](double q) {
    // Linear interpolation between order statistics (the usual "type 7" quantile).
    double pos = q * static_cast<double>(n - 1);
    size_t lo = static_cast<size_t>(pos);
    std::nth_element(column.begin(), column.begin() + lo, column.end());
    double a = column[lo];
    if (lo + 1 >= n) return a;
    double b = *std::min_element(column.begin() + lo + 1, column.end());
    return a + (pos - static_cast<double>(lo)) * (b - a);
  };
  for (size_t j = 0; j < d; ++j) {
    for (size_t i = 0; i < n; ++i) column[i] = raw.row(i)[j];
    cuts[j].low = quantile(1.0 / 3.0);
    cuts[j].high = quantile(2.0 / 3.0);
  }
  return cuts;
}

Level LevelOf(double value, const Terciles& cuts) {
  if (value < cuts.low) return Level::kLow;
  if (value > cuts.high) return Level::kHigh;
  return Level::kMedium;
}

std::vector<Persona> NamePersonas(const std::vector<std::string>& features,
                                  const std::vector<double>& centroids,
                                  const std::vector<Terciles>& cuts) {
  const size_t d = features.size();
  const size_t k = d == 0 ? 0 : centroids.size() / d;
  std::vector<Words> words;
  for (const auto& f : features) words.push_back(WordsFor(f));
  int income = -1, spending = -1;
  for (size_t j = 0; j < d; ++j) {
    if (words[j].role == Role::kIncome) income = static_cast<int>(j);
    if (words[j].role == Role::kSpending) spending = static_cast<int>(j);
  }
  const bool classic = d == 2 && income >= 0 && spending >= 0;

  std::vector<Persona> personas(k);
  std::map<std::string, int> seen;
  for (size_t c = 0; c < k; ++c) {
    Persona& p = personas[c];
    for (size_t j = 0; j < d; ++j) p.levels.push_back(LevelOf(centroids[c * d + j], cuts[j]));
    bool named = false;
    if (classic) {
      for (const Classic& known : kClassicFive) {
        if (p.levels[income] == known.income && p.levels[spending] == known.spending) {
          p = {known.name, known.name_id, known.description, known.description_id, p.levels};
          named = true;
        }
      }
    }
    if (!named) {
      // Age reads best last: "High balance, young".
      std::vector<Part> parts;
      std::vector<Part> age_parts;
      for (size_t j = 0; j < d; ++j) {
        (words[j].role == Role::kAge ? age_parts : parts).push_back(PartFor(words[j], p.levels[j]));
      }
      parts.insert(parts.end(), age_parts.begin(), age_parts.end());
      std::string en, id;
      for (const Part& part : parts) {
        en += (en.empty() ? "" : ", ") + part.en;
        id += (id.empty() ? "" : ", ") + part.id;
      }
      Part hint = HintFor(words, p.levels);
      p.name = Capitalised(en);
      p.name_id = Capitalised(id);
      p.description = fmt::format("Profile: {}. {}", en, hint.en);
      p.description_id = fmt::format("Profil: {}. {}", id, hint.id);
    }
    int count = ++seen[p.name];
    if (count > 1) {
      p.name += fmt::format(" ({})", count);
      p.name_id += fmt::format(" ({})", count);
    }
  }
  return personas;
}

}  // namespace leadscore::ml
