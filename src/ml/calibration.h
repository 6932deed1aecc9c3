// Calibration: maps the booster's raw probability to a real one. SMOTE and scale_pos_weight
// make the booster believe "yes" is far more common than it is, so its raw outputs are too high;
// a calibrator fitted on the (untouched) validation part brings them back to observed rates.
//
//  - Platt: P = sigmoid(a · logit(p) + b), fitted by Newton's method on the log loss with
//    Platt's smoothed targets. Strictly monotone, so the ranking (and ROC AUC) is unchanged.
//  - Isotonic: the pool-adjacent-violators fit, interpolated linearly between block centres.
//    More flexible; ties neighbouring scores, so ROC AUC may move slightly.
//  - None: identity.
//
// An immutable value once fitted; Apply is thread-safe.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"

namespace leadscore::ml {

enum class CalibrationKind { kNone, kPlatt, kIsotonic };
const char* CalibrationKindName(CalibrationKind kind);  // "none", "platt", "isotonic"
Result<CalibrationKind> ParseCalibrationKind(const std::string& name);

class Calibration {
 public:
  Calibration() = default;  // identity
  static Calibration Fit(CalibrationKind kind, const std::vector<float>& raw,
                         const std::vector<float>& labels);
  static Result<Calibration> FromJson(const nlohmann::json& json);
  nlohmann::json ToJson() const;

  CalibrationKind kind() const { return kind_; }
  double Apply(double raw) const;
  void ApplyAll(std::vector<float>* scores) const;

 private:
  CalibrationKind kind_ = CalibrationKind::kNone;
  double a_ = 1, b_ = 0;           // Platt
  std::vector<double> x_, y_;      // isotonic knots, x increasing
};

}  // namespace leadscore::ml
