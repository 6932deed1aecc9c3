#include "ml/booster.h"

#include <cstdint>
#include <cstdlib>

#include <fmt/format.h>
#include <xgboost/c_api.h>

// Runs an XGBoost C API call; on failure returns an Internal status naming the call, where it
// was made and XGBoost's own message. The one way leadscore calls XGBoost.
#define LS_XGB_CHECK(call)                                                                   \
  do {                                                                                       \
    if ((call) != 0) {                                                                       \
      return ::leadscore::Status::Internal(                                                  \
          fmt::format("XGBoost call `{}` failed at {}:{}: {}", #call, __FILE__, __LINE__,    \
                      ::leadscore::ml::FirstLine(XGBGetLastError())));                       \
    }                                                                                        \
  } while (0)

namespace leadscore::ml {
namespace {

// XGBoost's messages end with a native stack trace; the status keeps the message itself.
std::string FirstLine(const char* message) {
  std::string s(message ? message : "");
  size_t end = s.find("\nStack trace");
  return end == std::string::npos ? s : s.substr(0, end);
}

// numpy's __array_interface__ for a row-major float32 matrix, as XGBoost's in-place API reads it.
std::string ArrayInterface(const float* data, size_t rows, size_t cols) {
  return fmt::format(R"({{"data": [{}, true], "shape": [{}, {}], "typestr": "<f4", "version": 3}})",
                     reinterpret_cast<uintptr_t>(data), rows, cols);
}

size_t ShapeProduct(const bst_ulong* shape, bst_ulong dim) {
  size_t n = 1;
  for (bst_ulong i = 0; i < dim; ++i) n *= shape[i];
  return n;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// DMatrix

Result<DMatrix> DMatrix::FromDense(const float* data, size_t rows, size_t cols) {
  DMatrixHandle handle = nullptr;
  LS_XGB_CHECK(XGDMatrixCreateFromMat(data, rows, cols, std::nanf(""), &handle));
  return DMatrix(handle);
}

DMatrix& DMatrix::operator=(DMatrix&& other) noexcept {
  if (this != &other) {
    if (handle_) XGDMatrixFree(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

DMatrix::~DMatrix() {
  if (handle_) XGDMatrixFree(handle_);
}

Status DMatrix::SetLabels(const std::vector<float>& labels) {
  LS_XGB_CHECK(XGDMatrixSetFloatInfo(handle_, "label", labels.data(), labels.size()));
  return Status::Ok();
}

Status DMatrix::SetWeights(const std::vector<float>& weights) {
  LS_XGB_CHECK(XGDMatrixSetFloatInfo(handle_, "weight", weights.data(), weights.size()));
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// Booster

Result<Booster> Booster::Create(const std::vector<const DMatrix*>& cache) {
  std::vector<DMatrixHandle> handles;
  for (const DMatrix* d : cache) handles.push_back(d->handle());
  BoosterHandle handle = nullptr;
  LS_XGB_CHECK(XGBoosterCreate(handles.data(), handles.size(), &handle));
  return Booster(handle);
}

Result<Booster> Booster::FromJson(std::string_view json) {
  BoosterHandle handle = nullptr;
  LS_XGB_CHECK(XGBoosterCreate(nullptr, 0, &handle));
  Booster booster(handle);  // frees the handle if loading fails
  LS_XGB_CHECK(XGBoosterLoadModelFromBuffer(handle, json.data(), json.size()));
  return booster;
}

Booster& Booster::operator=(Booster&& other) noexcept {
  if (this != &other) {
    if (handle_) XGBoosterFree(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

Booster::~Booster() {
  if (handle_) XGBoosterFree(handle_);
}

Status Booster::SetParam(const std::string& name, const std::string& value) {
  LS_XGB_CHECK(XGBoosterSetParam(handle_, name.c_str(), value.c_str()));
  return Status::Ok();
}

Status Booster::UpdateOneIter(int iteration, const DMatrix& train) {
  LS_XGB_CHECK(XGBoosterUpdateOneIter(handle_, iteration, train.handle()));
  return Status::Ok();
}

Result<double> Booster::Evaluate(int iteration, const DMatrix& data, const std::string& name) {
  DMatrixHandle handles[] = {data.handle()};
  const char* names[] = {name.c_str()};
  const char* out = nullptr;
  LS_XGB_CHECK(XGBoosterEvalOneIter(handle_, iteration, handles, names, 1, &out));
  // "[3]\tvalid-auc:0.791234": the value follows the last ':'.
  std::string text(out);
  size_t colon = text.rfind(':');
  if (colon == std::string::npos) {
    return Status::Internal("unexpected XGBoost evaluation output: " + text);
  }
  return std::strtod(text.c_str() + colon + 1, nullptr);
}

Result<Booster> Booster::Truncated(int rounds) const {
  BoosterHandle out = nullptr;
  LS_XGB_CHECK(XGBoosterSlice(handle_, 0, rounds, 1, &out));
  return Booster(out);
}

Result<int> Booster::BoostedRounds() const {
  int rounds = 0;
  LS_XGB_CHECK(XGBoosterBoostedRounds(handle_, &rounds));
  return rounds;
}

Result<std::vector<float>> Booster::Predict(const float* data, size_t rows, size_t cols,
                                            PredictKind kind) const {
  if (kind == PredictKind::kContributions) return Contributions(data, rows, cols, false);
  if (rows == 0) return std::vector<float>{};
  std::string values = ArrayInterface(data, rows, cols);
  std::string config = fmt::format(
      R"({{"type": {}, "training": false, "iteration_begin": 0, "iteration_end": 0, )"
      R"("strict_shape": false, "cache_id": 0, "missing": NaN}})",
      kind == PredictKind::kMargin ? 1 : 0);
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* result = nullptr;
  LS_XGB_CHECK(XGBoosterPredictFromDense(handle_, values.c_str(), config.c_str(), nullptr, &shape,
                                         &dim, &result));
  return std::vector<float>(result, result + ShapeProduct(shape, dim));  // copy at once
}

Result<std::vector<float>> Booster::Contributions(const float* data, size_t rows, size_t cols,
                                                  bool approximate) const {
  if (rows == 0) return std::vector<float>{};
  LS_ASSIGN_OR_RETURN(DMatrix matrix, DMatrix::FromDense(data, rows, cols));
  std::string config = fmt::format(
      R"({{"type": {}, "training": false, "iteration_begin": 0, "iteration_end": 0, )"
      R"("strict_shape": false}})",
      approximate ? 3 : 2);
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* result = nullptr;
  LS_XGB_CHECK(XGBoosterPredictFromDMatrix(handle_, matrix.handle(), config.c_str(), &shape, &dim,
                                           &result));
  return std::vector<float>(result, result + ShapeProduct(shape, dim));  // copy at once
}

Result<std::string> Booster::SaveJson() const {
  bst_ulong len = 0;
  const char* buffer = nullptr;
  LS_XGB_CHECK(XGBoosterSaveModelToBuffer(handle_, R"({"format": "json"})", &len, &buffer));
  return std::string(buffer, len);
}

Result<std::vector<std::pair<std::string, double>>> Booster::GainImportance(
    const std::vector<std::string>& feature_names) const {
  std::string names = "[";
  for (size_t i = 0; i < feature_names.size(); ++i) {
    if (i) names += ",";
    // Feature names are built by the encoder from column names and levels; escape quotes.
    std::string escaped;
    for (char c : feature_names[i]) {
      if (c == '"' || c == '\\') escaped += '\\';
      escaped += c;
    }
    names += "\"" + escaped + "\"";
  }
  names += "]";
  std::string config = R"({"importance_type": "total_gain", "feature_names": )" + names + "}";
  bst_ulong n_features = 0, dim = 0;
  const char** features = nullptr;
  const bst_ulong* shape = nullptr;
  const float* scores = nullptr;
  LS_XGB_CHECK(XGBoosterFeatureScore(handle_, config.c_str(), &n_features, &features, &dim, &shape,
                                     &scores));
  std::vector<std::pair<std::string, double>> out;
  for (bst_ulong i = 0; i < n_features; ++i) out.emplace_back(features[i], scores[i]);
  return out;
}

}  // namespace leadscore::ml
