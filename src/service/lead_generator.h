// Synthetic bank-marketing data for benchmarks and demos at any size.
//
// GenerateLeadCsv writes a CSV in one of the two UCI layouts (semicolon-separated, strings
// quoted, LF line ends) whose columns follow the bundled bank-additional training split:
//   - each row belongs to one of the 26 campaign periods seen in the data (month plus a fixed
//     set of economic indicators, so emp.var.rate, cons.price.idx, cons.conf.idx and
//     nr.employed move together, and euribor3m stays inside the period's observed range);
//     the period also sets how often a customer was reached by cellular phone and how many
//     had a previous campaign;
//   - job follows the observed frequencies, age its job (students young, retired old),
//     marital status its age band, education its job;
//   - the outcome `y` is drawn from a logistic model fitted to the real data on period,
//     contact, previous outcome, job, age band, number of calls, credit default, marital,
//     education and weekday, so the yes-rate is about 11 % and a model trained on generated
//     data reaches about the AUC it reaches on the real data (~0.8), not 0.5 and not 1.0;
//   - `duration` depends on the outcome as it does in the data (the known leakage).
// Output is a pure function of (rows, seed, layout): the generator uses its own xoshiro256**
// stream and its own distributions, not <random>'s, so files match across compilers.
// Stateless and thread-safe.
#pragma once

#include <cstdint>
#include <ostream>
#include <string_view>

#include "core/status.h"

namespace leadscore {

enum class CsvLayout {
  kBankAdditional,  // bank-additional-full.csv: 20 inputs, pdays 999 = never contacted
  kBankFull,        // bank-full.csv: 16 inputs incl. balance and day, pdays -1 = never contacted
};

// "additional" or "full".
Result<CsvLayout> ParseCsvLayout(std::string_view name);

struct GeneratorOptions {
  int64_t rows = 1000;
  uint64_t seed = 1;
  CsvLayout layout = CsvLayout::kBankAdditional;
};

// Writes the header and options.rows records to `out`. Fails if rows is negative or the
// stream reports a write error.
Status GenerateLeadCsv(const GeneratorOptions& options, std::ostream& out);

}  // namespace leadscore
