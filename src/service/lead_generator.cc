#include "service/lead_generator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <string>

#include <fmt/format.h>

namespace leadscore {
namespace {

// xoshiro256** seeded through splitmix64: fast, and the same stream on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& s : state_) {
      seed += 0x9E3779B97F4A7C15ull;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      s = z ^ (z >> 31);
    }
  }
  uint64_t Next() {
    const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Standard normal (Box-Muller; the second value is dropped to keep the stream simple).
  double Normal() {
    double u1 = 1.0 - Uniform();
    double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  // Index drawn with probability proportional to weights[i].
  size_t Pick(std::span<const double> weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = Uniform() * total;
    for (size_t i = 0; i + 1 < weights.size(); ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4];
};

// One campaign period of the UCI data: its month and economic indicators (as printed in the
// data), how often it occurs, its share of cellular contacts, the mix of previous-campaign
// outcomes, and its term in the outcome model (the model's intercept for that period).
struct Period {
  const char* month;
  const char* emp_var_rate;
  const char* cons_price_idx;
  const char* cons_conf_idx;
  const char* nr_employed;
  double euribor_lo, euribor_mid, euribor_hi;
  double weight;
  double cellular_share;
  std::array<double, 3> poutcome;  // nonexistent, failure, success
  double logit;
};

// Measured on data/bank-additional-train.csv (32,950 rows).
constexpr Period kPeriods[] = {
    {"may", "1.1", "93.994", "-36.4", "5191", 4.855, 4.858, 4.864, 6188, 0.00, {6188, 0, 0}, -2.588},
    {"jul", "1.4", "93.918", "-42.7", "5228.1", 4.955, 4.962, 4.968, 5380, 0.85, {5380, 0, 0}, -2.471},
    {"may", "-1.8", "92.893", "-46.2", "5099.1", 1.244, 1.294, 1.354, 4637, 0.92, {3153, 1365, 119}, -2.107},
    {"aug", "1.4", "93.444", "-36.1", "5228.1", 4.962, 4.965, 4.970, 4126, 0.97, {4126, 0, 0}, -2.729},
    {"jun", "1.4", "94.465", "-41.8", "5228.1", 4.864, 4.931, 4.967, 3499, 0.00, {3499, 0, 0}, -2.248},
    {"nov", "-0.1", "93.2", "-42", "5195.8", 3.853, 4.114, 4.733, 2912, 0.90, {2317, 569, 26}, -2.668},
    {"apr", "-1.8", "93.075", "-47.1", "5099.1", 1.365, 1.412, 1.498, 1976, 0.93, {1442, 485, 49}, -1.315},
    {"aug", "-2.9", "92.201", "-31.4", "5076.2", 0.821, 0.866, 0.884, 622, 0.92, {353, 161, 108}, -0.785},
    {"jun", "-2.9", "92.963", "-40.8", "5076.2", 1.099, 1.257, 1.286, 565, 0.93, {414, 95, 56}, -0.517},
    {"oct", "-3.4", "92.431", "-26.9", "5017.5", 0.720, 0.735, 0.754, 360, 0.88, {218, 87, 55}, -0.437},
    {"nov", "-3.4", "92.649", "-30.1", "5017.5", 0.714, 0.716, 0.722, 275, 0.87, {118, 94, 63}, -0.124},
    {"jul", "-1.7", "94.215", "-40.3", "4991.6", 0.782, 0.851, 0.899, 248, 0.81, {95, 74, 79}, 0.332},
    {"sep", "-1.1", "94.199", "-37.5", "4963.6", 0.876, 0.880, 0.886, 241, 0.80, {103, 68, 70}, -0.223},
    {"mar", "-1.8", "92.843", "-50", "5099.1", 1.510, 1.643, 1.811, 224, 0.93, {206, 16, 2}, -0.082},
    {"mar", "-1.8", "93.369", "-34.8", "5008.7", 0.634, 0.646, 0.655, 219, 0.84, {94, 62, 63}, 0.238},
    {"sep", "-3.4", "92.379", "-29.8", "5017.5", 0.739, 0.783, 0.819, 205, 0.89, {125, 43, 37}, -0.511},
    {"aug", "-1.7", "94.027", "-38.3", "4991.6", 0.886, 0.900, 0.905, 189, 0.76, {81, 53, 55}, 0.052},
    {"jun", "-1.7", "94.055", "-39.8", "4991.6", 0.702, 0.733, 0.767, 178, 0.72, {74, 42, 62}, -0.303},
    {"may", "-1.8", "93.876", "-40", "5008.7", 0.668, 0.687, 0.701, 163, 0.82, {61, 40, 62}, 0.231},
    {"oct", "-1.1", "94.601", "-49.5", "4963.6", 0.942, 0.996, 1.045, 161, 0.82, {57, 50, 54}, -0.353},
    {"jul", "-2.9", "92.469", "-33.6", "5076.2", 0.899, 1.023, 1.085, 144, 0.88, {105, 30, 9}, -0.540},
    {"dec", "-3", "92.713", "-33", "5023.5", 0.700, 0.712, 0.721, 138, 0.85, {70, 32, 36}, -0.046},
    {"apr", "-1.8", "93.749", "-34.6", "5008.7", 0.635, 0.646, 0.663, 135, 0.89, {66, 32, 37}, 0.110},
    {"nov", "-1.1", "94.767", "-50.8", "4963.6", 1.028, 1.043, 1.050, 107, 0.90, {42, 36, 29}, -0.297},
    {"oct", "-0.1", "93.798", "-40.4", "5195.8", 4.760, 4.921, 5.045, 50, 0.02, {48, 2, 0}, 1.345},
    {"dec", "-0.2", "92.756", "-45.9", "5176.3", 3.053, 3.522, 3.816, 8, 0.12, {7, 1, 0}, -1.113},
};

constexpr const char* kEducations[] = {"basic.4y", "basic.6y", "basic.9y", "high.school",
                                       "professional.course", "university.degree", "unknown",
                                       "illiterate"};
// bank-full.csv's coarser education levels, by index into kEducations.
constexpr const char* kFullEducations[] = {"primary",   "primary",   "primary", "secondary",
                                           "secondary", "tertiary", "unknown", "primary"};
constexpr double kEducationLogit[] = {-0.149, 0.028, -0.077, -0.052, -0.061, 0.0, 0.028, 0.087};

struct Job {
  const char* name;
  double weight;
  double age_mean, age_sd;
  int age_min;
  std::array<double, 8> education;  // per mille, in kEducations order
  double logit;
};

constexpr Job kJobs[] = {
    {"admin.", 8365, 38.2, 8.9, 20, {7, 15, 47, 318, 35, 552, 26, 0}, 0.0},
    {"blue-collar", 7390, 39.6, 8.8, 20, {253, 150, 394, 91, 49, 11, 50, 1}, -0.104},
    {"technician", 5374, 38.4, 8.6, 20, {9, 13, 58, 128, 489, 272, 31, 0}, -0.008},
    {"services", 3198, 37.9, 9.0, 20, {33, 58, 98, 674, 56, 44, 37, 0}, -0.103},
    {"management", 2312, 42.5, 9.2, 21, {36, 31, 55, 106, 29, 700, 43, 0}, -0.020},
    {"retired", 1386, 62.3, 10.3, 40, {348, 43, 86, 166, 139, 159, 58, 1}, 0.141},
    {"entrepreneur", 1190, 41.7, 8.9, 20, {91, 50, 138, 167, 96, 425, 33, 1}, -0.078},
    {"self-employed", 1120, 40.0, 9.4, 21, {62, 15, 162, 86, 121, 531, 20, 3}, -0.150},
    {"housemaid", 856, 45.6, 10.8, 21, {450, 70, 84, 173, 55, 129, 40, 0}, -0.164},
    {"unemployed", 803, 39.8, 9.3, 21, {115, 36, 177, 258, 143, 254, 17, 0}, 0.032},
    {"student", 709, 25.8, 5.0, 17, {34, 17, 113, 399, 51, 196, 190, 0}, 0.116},
    {"unknown", 247, 45.3, 10.7, 24, {166, 81, 109, 113, 32, 126, 372, 0}, -0.151},
};

// Age bands 17-25, 26-30, 31-35, 36-45, 46-60, 61+: marital mix (per mille: single, married,
// divorced, unknown) and the band's term in the outcome model.
constexpr int kAgeBandUpper[] = {25, 30, 35, 45, 60, 200};
constexpr std::array<double, 4> kMaritalByAgeBand[] = {
    {816, 171, 12, 1}, {590, 372, 36, 2}, {370, 550, 77, 3},
    {205, 669, 125, 1}, {72, 757, 169, 2}, {34, 766, 198, 3}};
constexpr double kAgeBandLogit[] = {0.167, 0.136, 0.099, 0.0, 0.102, 0.224};
constexpr const char* kMaritals[] = {"single", "married", "divorced", "unknown"};
constexpr double kMaritalLogit[] = {0.005, 0.0, -0.023, 0.445};

constexpr const char* kWeekdays[] = {"mon", "tue", "wed", "thu", "fri"};
constexpr double kWeekdayWeights[] = {2069, 1978, 1970, 2079, 1904};
constexpr double kWeekdayLogit[] = {-0.288, -0.008, 0.070, 0.0, -0.076};

// Calls in this campaign: 1..12 as observed, then a geometric tail up to 56.
constexpr double kCampaignWeights[] = {14176, 8353, 4280, 2146, 1291, 778,
                                       507,   313,  220,  174,  144,  106, 460};
// Model terms for campaign 1, 2, 3, 4, 5, 6, 7+.
constexpr double kCampaignLogit[] = {0.0, -0.012, 0.056, -0.069, -0.211, -0.048, -0.377};

constexpr const char* kPoutcomes[] = {"nonexistent", "failure", "success"};
constexpr double kPoutcomeLogit[] = {0.0, -0.480, 1.303};
// `previous` for a failed or successful earlier campaign (1..6).
constexpr double kPreviousAfterFailure[] = {2993, 352, 69, 21, 2, 0};
constexpr double kPreviousAfterSuccess[] = {671, 251, 98, 35, 12, 4};
// `pdays` values seen after a previous contact, with their counts.
constexpr int kPdaysValues[] = {3, 6, 4, 2, 10, 9, 12, 7, 5, 13, 11, 1, 14, 0, 15, 8, 16};
constexpr double kPdaysWeights[] = {325, 308, 94, 48, 42, 37, 34, 34, 30,
                                    25,  20,  17, 13, 10, 10, 8,  8};

constexpr double kTelephoneLogit = -0.700;
// The synthetic joint distribution is close to the real one but not identical (age, for one,
// comes from a normal per job); this shift brings the yes-rate back to the observed 11.3 %.
constexpr double kInterceptShift = 0.04;
constexpr double kDefaultUnknownLogit = -0.216;

struct Row {
  const Period* period;
  const Job* job;
  int age, marital, education, campaign, pdays, previous, poutcome, weekday, duration;
  const char* credit_default;
  const char* housing;
  const char* loan;
  bool cellular;
  double euribor;
  bool yes;
  int balance, day;
};

Row DrawRow(Rng& rng, std::span<const double> period_weights, std::span<const double> job_weights) {
  Row r{};
  r.period = &kPeriods[rng.Pick(period_weights)];
  r.job = &kJobs[rng.Pick(job_weights)];
  double age = r.job->age_mean + r.job->age_sd * rng.Normal();
  r.age = std::clamp(static_cast<int>(std::lround(age)), r.job->age_min, 95);
  int band = 0;
  while (r.age > kAgeBandUpper[band]) ++band;
  r.marital = static_cast<int>(rng.Pick(kMaritalByAgeBand[band]));
  r.education = static_cast<int>(rng.Pick(r.job->education));

  double u = rng.Uniform();
  r.credit_default = u < 0.2083 ? "unknown" : (u < 0.2084 ? "yes" : "no");
  u = rng.Uniform();
  if (u < 0.0241) {
    r.housing = r.loan = "unknown";  // unknown together, as in the data
  } else {
    bool housing = u < 0.0241 + 0.5234;
    r.housing = housing ? "yes" : "no";
    r.loan = rng.Uniform() < (housing ? 0.170 : 0.138) ? "yes" : "no";
  }
  r.cellular = rng.Uniform() < r.period->cellular_share;
  r.weekday = static_cast<int>(rng.Pick(kWeekdayWeights));
  size_t campaign_index = rng.Pick(kCampaignWeights);
  r.campaign = static_cast<int>(campaign_index) + 1;
  if (campaign_index == std::size(kCampaignWeights) - 1) {
    while (r.campaign < 56 && rng.Uniform() > 0.12) ++r.campaign;
  }

  r.poutcome = static_cast<int>(rng.Pick(r.period->poutcome));
  r.previous = 0;
  r.pdays = 999;
  if (r.poutcome == 1) {
    r.previous = 1 + static_cast<int>(rng.Pick(kPreviousAfterFailure));
    if (rng.Uniform() < 0.033) r.pdays = kPdaysValues[rng.Pick(kPdaysWeights)];
  } else if (r.poutcome == 2) {
    r.previous = 1 + static_cast<int>(rng.Pick(kPreviousAfterSuccess));
    r.pdays = kPdaysValues[rng.Pick(kPdaysWeights)];
  }
  const Period& p = *r.period;
  double t = (rng.Uniform() + rng.Uniform()) / 2;  // triangular, peaked at the middle
  r.euribor = t < 0.5 ? p.euribor_lo + (p.euribor_mid - p.euribor_lo) * 2 * t
                      : p.euribor_mid + (p.euribor_hi - p.euribor_mid) * (2 * t - 1);

  double logit = kInterceptShift + p.logit + r.job->logit + kAgeBandLogit[band] + kMaritalLogit[r.marital] +
                 kEducationLogit[r.education] + kWeekdayLogit[r.weekday] +
                 kCampaignLogit[std::min(r.campaign, 7) - 1] + kPoutcomeLogit[r.poutcome] +
                 (r.cellular ? 0.0 : kTelephoneLogit) +
                 (r.credit_default[0] == 'n' ? 0.0 : kDefaultUnknownLogit);
  r.yes = rng.Uniform() < 1.0 / (1.0 + std::exp(-logit));

  // Call length in seconds: log-normal, longer when the customer said yes (medians 454 / 164).
  double duration = std::exp((r.yes ? 6.118 : 5.100) + 0.79 * rng.Normal());
  r.duration = std::min(static_cast<int>(duration), 4918);

  // bank-full.csv only: average yearly balance (8 % negative, 8 % zero, heavy right tail) and
  // the day of the month.
  u = rng.Uniform();
  double magnitude = std::exp(6.4 + 1.3 * rng.Normal());
  if (u < 0.083) {
    r.balance = -std::min(static_cast<int>(magnitude / 4), 8019);
  } else if (u < 0.161) {
    r.balance = 0;
  } else {
    r.balance = std::min(static_cast<int>(magnitude), 102127);
  }
  r.day = 1 + static_cast<int>(rng.Uniform() * 31);
  return r;
}

void AppendAdditional(const Row& r, fmt::memory_buffer& out) {
  fmt::format_to(std::back_inserter(out),
                 "{};\"{}\";\"{}\";\"{}\";\"{}\";\"{}\";\"{}\";\"{}\";\"{}\";\"{}\";{};{};{};{};"
                 "\"{}\";{};{};{};{:.3f};{};\"{}\"\n",
                 r.age, r.job->name, kMaritals[r.marital], kEducations[r.education],
                 r.credit_default, r.housing, r.loan, r.cellular ? "cellular" : "telephone",
                 r.period->month, kWeekdays[r.weekday], r.duration, r.campaign, r.pdays,
                 r.previous, kPoutcomes[r.poutcome], r.period->emp_var_rate,
                 r.period->cons_price_idx, r.period->cons_conf_idx, r.euribor,
                 r.period->nr_employed, r.yes ? "yes" : "no");
}

void AppendFull(const Row& r, fmt::memory_buffer& out) {
  static constexpr const char* kFullPoutcomes[] = {"unknown", "failure", "success"};
  fmt::format_to(std::back_inserter(out),
                 "{};\"{}\";\"{}\";\"{}\";\"{}\";{};\"{}\";\"{}\";\"{}\";{};\"{}\";{};{};{};{};"
                 "\"{}\";\"{}\"\n",
                 r.age, r.job->name, kMaritals[r.marital], kFullEducations[r.education],
                 r.credit_default, r.balance, r.housing, r.loan,
                 r.cellular ? "cellular" : "telephone", r.day, r.period->month, r.duration,
                 r.campaign, r.pdays == 999 ? -1 : r.pdays, r.previous, kFullPoutcomes[r.poutcome],
                 r.yes ? "yes" : "no");
}

constexpr const char* kAdditionalHeader =
    "\"age\";\"job\";\"marital\";\"education\";\"default\";\"housing\";\"loan\";\"contact\";"
    "\"month\";\"day_of_week\";\"duration\";\"campaign\";\"pdays\";\"previous\";\"poutcome\";"
    "\"emp.var.rate\";\"cons.price.idx\";\"cons.conf.idx\";\"euribor3m\";\"nr.employed\";\"y\"\n";
constexpr const char* kFullHeader =
    "\"age\";\"job\";\"marital\";\"education\";\"default\";\"balance\";\"housing\";\"loan\";"
    "\"contact\";\"day\";\"month\";\"duration\";\"campaign\";\"pdays\";\"previous\";"
    "\"poutcome\";\"y\"\n";

}  // namespace

Result<CsvLayout> ParseCsvLayout(std::string_view name) {
  if (name == "additional") return CsvLayout::kBankAdditional;
  if (name == "full") return CsvLayout::kBankFull;
  return Status::InvalidArgument(
      fmt::format("unknown layout '{}': use 'additional' or 'full'", name));
}

Status GenerateLeadCsv(const GeneratorOptions& options, std::ostream& out) {
  if (options.rows < 0) return Status::InvalidArgument("the number of rows must not be negative");
  std::array<double, std::size(kPeriods)> period_weights;
  for (size_t i = 0; i < period_weights.size(); ++i) period_weights[i] = kPeriods[i].weight;
  std::array<double, std::size(kJobs)> job_weights;
  for (size_t i = 0; i < job_weights.size(); ++i) job_weights[i] = kJobs[i].weight;

  const bool full = options.layout == CsvLayout::kBankFull;
  Rng rng(options.seed);
  fmt::memory_buffer buffer;
  buffer.append(std::string_view(full ? kFullHeader : kAdditionalHeader));
  constexpr size_t kFlushBytes = 1 << 20;
  for (int64_t i = 0; i < options.rows; ++i) {
    Row row = DrawRow(rng, period_weights, job_weights);
    full ? AppendFull(row, buffer) : AppendAdditional(row, buffer);
    if (buffer.size() >= kFlushBytes) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  out.flush();
  if (!out) return Status::Internal("could not write the generated CSV");
  return Status::Ok();
}

}  // namespace leadscore
