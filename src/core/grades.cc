#include "core/grades.h"

#include <algorithm>
#include <cmath>

namespace leadscore {

bool IsGrade(std::string_view text) { return GradeIndex(text).has_value(); }

std::optional<size_t> GradeIndex(std::string_view text) {
  for (size_t i = 0; i < kGrades.size(); ++i) {
    if (kGrades[i] == text) return i;
  }
  return std::nullopt;
}

std::string GradeOf(double score, const std::vector<double>& bands) {
  if (bands.size() == kGradeBandCount) {
    for (size_t i = 0; i < kGradeBandCount; ++i) {
      if (score >= bands[i]) return std::string(kGrades[i]);
    }
  }
  return std::string(kGrades.back());
}

bool AreGradeCutoffs(const std::vector<double>& bands) {
  if (bands.size() != kGradeBandCount) return false;
  for (size_t i = 0; i < bands.size(); ++i) {
    if (!std::isfinite(bands[i])) return false;
    if (i > 0 && !(bands[i - 1] >= bands[i])) return false;
  }
  return true;
}

Status ValidateGradeBands(const std::vector<double>& b) {
  if (b.size() != kGradeBandCount || !(b[0] > b[1] && b[1] > b[2] && b[2] > 0 && b[0] < 1)) {
    return Status::InvalidArgument(
               "grade bands must be three strictly descending probabilities between 0 and 1 "
               "(the A, B and C cut-offs)")
        .With("grade_bands_invalid");
  }
  return Status::Ok();
}

std::vector<double> QuartileCutoffs(std::vector<float> scores) {
  if (scores.empty()) return kFallbackGradeBands;
  std::sort(scores.begin(), scores.end());
  const size_t n = scores.size();
  std::vector<double> bands;
  for (double p : kQuartileProbabilities) {
    const size_t k = std::clamp<size_t>(static_cast<size_t>(std::ceil(p * n)), 1, n);
    bands.push_back(scores[k - 1]);
  }
  return bands;
}

}  // namespace leadscore
