#include "ml/persona.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "core/lead.h"
#include "core/text.h"
#include "ml/reason_text.h"

namespace leadscore::ml {
namespace {

enum class Role { kIncome, kSpending, kAge, kMoney, kCalls, kEarlierContacts, kOther };

// How a feature is spoken of: in a name ("balance"), and as a label with its mean in the
// description ("Average yearly balance").
struct Words {
  Role role = Role::kOther;
  std::string en;        // "balance"
  std::string id;        // "saldo"
  std::string label_en;  // "Average yearly balance"
  std::string label_id;  // "Saldo rata-rata tahunan"
};

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
  const BankColumn* column = FindBankColumn(feature);
  std::string label_en = column ? std::string(column->label_en) : feature;
  std::string label_id = column ? std::string(column->label_id) : feature;
  auto words = [&](Role role, std::string en, std::string id) {
    return Words{role, std::move(en), std::move(id), label_en, label_id};
  };
  if (Has(f, "income") || Has(f, "pendapatan") || Has(f, "salary") || Has(f, "gaji")) {
    return words(Role::kIncome, "income", "pendapatan");
  }
  if (Has(f, "spending") || Has(f, "spend") || Has(f, "belanja")) {
    return words(Role::kSpending, "spending", "belanja");
  }
  if (f == "age" || f.starts_with("age ") || f.starts_with("age(") || f == "usia" || f == "umur") {
    return words(Role::kAge, "age", "usia");
  }
  if (Has(f, "balance") || Has(f, "saldo")) return words(Role::kMoney, "balance", "saldo");
  if (f == "campaign") return words(Role::kCalls, "calls", "panggilan");
  if (f == "previous") return words(Role::kEarlierContacts, "earlier contacts", "kontak sebelumnya");
  if (column) return words(Role::kOther, Lower(column->label_en), Lower(column->label_id));
  std::string plain = PlainWords(feature);
  return words(Role::kOther, plain, plain);
}

std::string Capitalised(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

struct Part {
  std::string en, id;
};

Part PartFor(const Words& w, Level level) {
  const int i = static_cast<int>(level);
  if (w.role == Role::kAge) {
    static const char* en[] = {"younger", "middle-aged", "older"};
    static const char* id[] = {"lebih muda", "paruh baya", "lebih tua"};
    return {en[i], id[i]};
  }
  if (w.role == Role::kCalls || w.role == Role::kEarlierContacts) {
    static const char* en[] = {"few", "average", "many"};
    static const char* id[] = {"sedikit", "rata-rata", "banyak"};
    if (level == Level::kMedium) {
      return {fmt::format("average {}", w.en), fmt::format("{} rata-rata", w.id)};
    }
    return {fmt::format("{} {}", en[i], w.en), fmt::format("{} {}", id[i], w.id)};
  }
  static const char* en[] = {"low", "average", "high"};
  static const char* id[] = {"rendah", "rata-rata", "tinggi"};
  return {fmt::format("{} {}", en[i], w.en), fmt::format("{} {}", w.id, id[i])};
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

// A sales hint for a built name: money first, then the calls, then age.
Part HintFor(const std::vector<Words>& words, const std::vector<Level>& levels) {
  auto find = [&](Role a, Role b, Level level) {
    for (size_t j = 0; j < words.size(); ++j) {
      if ((words[j].role == a || words[j].role == b) && levels[j] == level) return true;
    }
    return false;
  };
  if (find(Role::kMoney, Role::kIncome, Level::kHigh)) {
    return {"Strong candidates for a term deposit: call them early with a rate offer.",
            "Kandidat kuat deposito berjangka: hubungi lebih awal dengan penawaran suku bunga."};
  }
  if (find(Role::kMoney, Role::kIncome, Level::kLow)) {
    return {"Offer entry-level products with a small minimum deposit; keep the pitch simple.",
            "Tawarkan produk awal dengan setoran minimum kecil; jelaskan dengan sederhana."};
  }
  if (find(Role::kCalls, Role::kCalls, Level::kHigh)) {
    return {"Already called often in this campaign: space the next call out or try another "
            "channel.",
            "Sudah sering dihubungi di kampanye ini: beri jeda sebelum panggilan berikutnya atau "
            "coba saluran lain."};
  }
  if (find(Role::kEarlierContacts, Role::kEarlierContacts, Level::kHigh)) {
    return {"Known from earlier campaigns: refer to the last offer and what has changed since.",
            "Sudah dikenal dari kampanye sebelumnya: rujuk penawaran terakhir dan apa yang baru."};
  }
  if (find(Role::kAge, Role::kAge, Level::kLow)) {
    return {"Pitch digital, mobile-first products and a quick sign-up.",
            "Tawarkan produk digital berbasis aplikasi dan pendaftaran yang cepat."};
  }
  if (find(Role::kAge, Role::kAge, Level::kHigh)) {
    return {"Stress the security of the funds and a guaranteed return.",
            "Tekankan keamanan dana dan imbal hasil yang pasti."};
  }
  return {"Use the standard pitch and note what works for this group.",
          "Gunakan penawaran standar dan catat apa yang berhasil untuk kelompok ini."};
}

std::string Number(double v, Language language) { return LocaleNumber(v, language, 1); }

// "Cluster average: Age 31.8, Calls in this campaign 2.1."
Part MeansOf(const std::vector<Words>& words, const double* centroid) {
  Part means{"Cluster average: ", "Rata-rata kelompok: "};
  for (size_t j = 0; j < words.size(); ++j) {
    const char* sep = j == 0 ? "" : ", ";
    means.en += fmt::format("{}{} {}", sep, words[j].label_en, Number(centroid[j], Language::kEnglish));
    means.id += fmt::format("{}{} {}", sep, words[j].label_id,
                            Number(centroid[j], Language::kIndonesian));
  }
  means.en += ".";
  means.id += ".";
  return means;
}

// Clusters that would share a name get the value of the feature that tells them apart most,
// relative to its spread; if even that reads the same, a number.
void TellApart(std::vector<Persona>& personas, const std::vector<Words>& words,
               const std::vector<double>& centroids, const std::vector<double>& spread) {
  const size_t d = words.size();
  std::map<std::string, std::vector<size_t>> by_name;
  for (size_t c = 0; c < personas.size(); ++c) by_name[personas[c].name].push_back(c);
  for (const auto& [name, group] : by_name) {
    if (group.size() < 2) continue;
    size_t best = 0;
    double best_gap = -1;
    for (size_t j = 0; j < d; ++j) {
      double lo = INFINITY, hi = -INFINITY;
      for (size_t c : group) {
        lo = std::min(lo, centroids[c * d + j]);
        hi = std::max(hi, centroids[c * d + j]);
      }
      double scale = j < spread.size() && spread[j] > 0 ? spread[j] : 1;
      if ((hi - lo) / scale > best_gap) {
        best_gap = (hi - lo) / scale;
        best = j;
      }
    }
    for (size_t c : group) {
      double v = centroids[c * d + best];
      personas[c].name += fmt::format(" ({} {})", words[best].en, Number(v, Language::kEnglish));
      personas[c].name_id +=
          fmt::format(" ({} {})", words[best].id, Number(v, Language::kIndonesian));
    }
  }
  std::map<std::string, int> seen;
  for (Persona& p : personas) {
    int count = ++seen[p.name];
    if (count > 1) {
      p.name += fmt::format(" ({})", count);
      p.name_id += fmt::format(" ({})", count);
    }
  }
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

std::vector<Level> ClusterLevels(const std::vector<double>& centroids, size_t dims,
                                 const std::vector<double>& spread) {
  const size_t k = dims == 0 ? 0 : centroids.size() / dims;
  std::vector<Level> levels(k * dims, Level::kMedium);
  for (size_t j = 0; j < dims; ++j) {
    const double sd = j < spread.size() ? spread[j] : 0;
    if (!(sd > 0) || !std::isfinite(sd)) continue;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t c = 0; c < k; ++c) {
      lo = std::min(lo, centroids[c * dims + j]);
      hi = std::max(hi, centroids[c * dims + j]);
    }
    const double middle = (lo + hi) / 2, margin = kPersonaMargin * sd;
    for (size_t c = 0; c < k; ++c) {
      const double v = centroids[c * dims + j];
      if (v > middle + margin) levels[c * dims + j] = Level::kHigh;
      if (v < middle - margin) levels[c * dims + j] = Level::kLow;
    }
  }
  return levels;
}

std::vector<Persona> NamePersonas(const std::vector<std::string>& features,
                                  const std::vector<double>& centroids,
                                  const std::vector<double>& spread) {
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
  const std::vector<Level> levels = ClusterLevels(centroids, d, spread);

  std::vector<Persona> personas(k);
  for (size_t c = 0; c < k; ++c) {
    Persona& p = personas[c];
    p.levels.assign(levels.begin() + c * d, levels.begin() + (c + 1) * d);
    const Part means = MeansOf(words, &centroids[c * d]);
    bool named = false;
    if (classic) {
      for (const Classic& known : kClassicFive) {
        if (p.levels[income] == known.income && p.levels[spending] == known.spending) {
          p.name = known.name;
          p.name_id = known.name_id;
          p.description = fmt::format("{} {}", known.description, means.en);
          p.description_id = fmt::format("{} {}", known.description_id, means.id);
          named = true;
        }
      }
    }
    if (named) continue;
    // Money first, age last: "High balance, younger".
    std::vector<Part> parts, age_parts;
    for (size_t j = 0; j < d; ++j) {
      (words[j].role == Role::kAge ? age_parts : parts).push_back(PartFor(words[j], p.levels[j]));
    }
    parts.insert(parts.end(), age_parts.begin(), age_parts.end());
    std::string en, id;
    for (const Part& part : parts) {
      en += (en.empty() ? "" : ", ") + part.en;
      id += (id.empty() ? "" : ", ") + part.id;
    }
    const Part hint = HintFor(words, p.levels);
    p.name = Capitalised(en);
    p.name_id = Capitalised(id);
    p.description = fmt::format("{}. {} {}", Capitalised(en), means.en, hint.en);
    p.description_id = fmt::format("{}. {} {}", Capitalised(id), means.id, hint.id);
  }
  TellApart(personas, words, centroids, spread);
  return personas;
}

}  // namespace leadscore::ml
