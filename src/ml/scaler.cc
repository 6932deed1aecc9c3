#include "ml/scaler.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace leadscore::ml {

Result<StandardScaler> StandardScaler::Fit(std::span<const double> data, size_t dims,
                                           const std::vector<std::string>& names) {
  if (dims == 0) return Status::InvalidArgument("no features chosen");
  if (data.empty()) return Status::InvalidArgument("no rows to learn from");
  if (data.size() % dims != 0) {
    return Status::InvalidArgument(
        fmt::format("{} values do not make whole rows of {} features", data.size(), dims));
  }
  auto name = [&](size_t j) {
    return j < names.size() ? fmt::format("'{}'", names[j]) : fmt::format("feature {}", j + 1);
  };
  const size_t n = data.size() / dims;
  std::vector<double> mean(dims, 0.0), m2(dims, 0.0);
  // Welford's update: stable for large values (balances in the millions) and long inputs.
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < dims; ++j) {
      double x = data[i * dims + j];
      if (!std::isfinite(x)) {
        return Status::InvalidArgument(
            fmt::format("row {}: {} is not a finite number", i + 1, name(j)));
      }
      double delta = x - mean[j];
      mean[j] += delta / static_cast<double>(i + 1);
      m2[j] += delta * (x - mean[j]);
    }
  }
  std::vector<double> stddev(dims);
  for (size_t j = 0; j < dims; ++j) {
    stddev[j] = std::sqrt(m2[j] / static_cast<double>(n));
    if (!(stddev[j] > 1e-12 * std::max(1.0, std::abs(mean[j])))) {
      return Status::InvalidArgument(
          fmt::format("{} has the same value ({}) in every row, so it cannot separate customers; "
                      "choose another feature",
                      name(j), mean[j]))
          .With("segment_feature_constant",
                {{"field", j < names.size() ? names[j] : name(j)}, {"value", mean[j]}});
    }
  }
  return StandardScaler(std::move(mean), std::move(stddev));
}

void StandardScaler::TransformInPlace(std::span<double> data) const {
  const size_t d = dims();
  for (size_t i = 0; i + d <= data.size(); i += d) Transform(&data[i], &data[i]);
}

void StandardScaler::InverseInPlace(std::span<double> data) const {
  const size_t d = dims();
  for (size_t i = 0; i + d <= data.size(); i += d) Inverse(&data[i], &data[i]);
}

void StandardScaler::Transform(const double* in, double* out) const {
  for (size_t j = 0; j < mean_.size(); ++j) out[j] = (in[j] - mean_[j]) / stddev_[j];
}

void StandardScaler::Inverse(const double* in, double* out) const {
  for (size_t j = 0; j < mean_.size(); ++j) out[j] = in[j] * stddev_[j] + mean_[j];
}

}  // namespace leadscore::ml
