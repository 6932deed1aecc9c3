// StandardScaler: moves each feature to mean 0 and variance 1 before K-Means, so that a feature
// measured in millions (balance) does not drown one measured in years (age). The mean and
// standard deviation are part of a saved segmentation: a new customer is scaled with the numbers
// the model was fitted with, never with fresh ones.
//
// Points are row-major: point i, feature j is data[i * dims + j]. A scaler is a small value;
// const methods are safe to call from several threads at once.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"

namespace leadscore::ml {

class StandardScaler {
 public:
  StandardScaler() = default;
  StandardScaler(std::vector<double> mean, std::vector<double> stddev)
      : mean_(std::move(mean)), stddev_(std::move(stddev)) {}

  // Learns the mean and the population standard deviation of each of `dims` features. Fails on
  // no rows, a ragged buffer, a non-finite value, or a constant feature (its spread is zero, so
  // it cannot separate anybody); `names` (optional, one per feature) make the message readable.
  static Result<StandardScaler> Fit(std::span<const double> data, size_t dims,
                                    const std::vector<std::string>& names = {});

  size_t dims() const { return mean_.size(); }
  const std::vector<double>& mean() const { return mean_; }
  const std::vector<double>& stddev() const { return stddev_; }

  // Scales whole buffers in place (row-major, dims() values per point).
  void TransformInPlace(std::span<double> data) const;
  void InverseInPlace(std::span<double> data) const;

  // One point: `in` and `out` hold dims() values and may be the same buffer.
  void Transform(const double* in, double* out) const;
  void Inverse(const double* in, double* out) const;

 private:
  std::vector<double> mean_;
  std::vector<double> stddev_;
};

}  // namespace leadscore::ml
