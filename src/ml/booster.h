// RAII wrappers over XGBoost's C API: DMatrix (training data) and Booster (a gradient-boosted
// tree model). Every XGBoost call of leadscore is in booster.cc, behind one checking macro that
// turns a failed call into a Status carrying the call's text, file, line and XGBGetLastError().
// Nothing here exits the process.
//
// Ownership: each object owns its handle and frees it on destruction; copying is deleted, moving
// transfers the handle. Thread-safety: training calls (SetParam, UpdateOneIter) need exclusive
// use; prediction (Predict*) is const and safe from several threads at once for tree models
// (XGBoost >= 1.4 keeps prediction state per thread). Outputs are copied out of XGBoost's
// thread-local buffers before the call returns.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace leadscore::ml {

class DMatrix {
 public:
  // Copies a row-major rows × cols matrix; NaN marks a missing value.
  static Result<DMatrix> FromDense(const float* data, size_t rows, size_t cols);
  DMatrix(DMatrix&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  DMatrix& operator=(DMatrix&& other) noexcept;
  DMatrix(const DMatrix&) = delete;
  DMatrix& operator=(const DMatrix&) = delete;
  ~DMatrix();

  Status SetLabels(const std::vector<float>& labels);
  Status SetWeights(const std::vector<float>& weights);
  void* handle() const { return handle_; }

 private:
  explicit DMatrix(void* handle) : handle_(handle) {}
  void* handle_ = nullptr;
};

enum class PredictKind {
  kProbability,     // P(yes), after the logistic link
  kMargin,          // log-odds
  kContributions,   // SHAP values: rows × (features + 1), the last column is the bias
};

class Booster {
 public:
  // A new booster that trains on `train` (the DMatrices are only read during construction).
  static Result<Booster> Create(const std::vector<const DMatrix*>& cache);
  // Loads a model saved by SaveJson.
  static Result<Booster> FromJson(std::string_view json);

  Booster(Booster&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  Booster& operator=(Booster&& other) noexcept;
  Booster(const Booster&) = delete;
  Booster& operator=(const Booster&) = delete;
  ~Booster();

  Status SetParam(const std::string& name, const std::string& value);
  Status UpdateOneIter(int iteration, const DMatrix& train);
  // Evaluates the configured eval_metric on `data` and returns its value (the first metric).
  Result<double> Evaluate(int iteration, const DMatrix& data, const std::string& name);
  // A new booster holding the trees of rounds [0, rounds).
  Result<Booster> Truncated(int rounds) const;
  Result<int> BoostedRounds() const;

  // Predicts for a row-major rows × cols matrix (NaN = missing). kProbability and kMargin use
  // XGBoost's in-place prediction; kContributions builds a DMatrix.
  Result<std::vector<float>> Predict(const float* data, size_t rows, size_t cols,
                                     PredictKind kind) const;
  // Approximate (Saabas) contributions are much cheaper than exact SHAP; `approximate` picks.
  Result<std::vector<float>> Contributions(const float* data, size_t rows, size_t cols,
                                           bool approximate) const;

  // The model in XGBoost's JSON format.
  Result<std::string> SaveJson() const;
  // Gain importance per feature name (features never split on are absent).
  Result<std::vector<std::pair<std::string, double>>> GainImportance(
      const std::vector<std::string>& feature_names) const;

 private:
  explicit Booster(void* handle) : handle_(handle) {}
  void* handle_ = nullptr;
};

}  // namespace leadscore::ml
