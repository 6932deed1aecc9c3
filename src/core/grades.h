// The grades A–D of a score, written once: the grade letters, the grade of a score under three
// cut-offs (the "bands"), the check of the bands an admin sets, and the quartile cut-offs used
// when none are set (docs/MODEL.md, "Scores, grades and reasons"). The store grades whole
// tables in SQL for speed; it builds that SQL from these letters and cut-offs, and its tests
// hold it to GradeOf.
//
// Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace leadscore {

// The grades, best first. A grade is one of these letters as a one-character string.
inline constexpr std::array<std::string_view, 4> kGrades = {"A", "B", "C", "D"};
// The bands are the cut-offs of the first three grades: A, B, C.
inline constexpr size_t kGradeBandCount = kGrades.size() - 1;

// Whether `text` is a grade: exactly "A", "B", "C" or "D".
bool IsGrade(std::string_view text);
// The position of grade `text` in kGrades (A 0 … D 3), nullopt when it is no grade.
std::optional<size_t> GradeIndex(std::string_view text);

// The grade of `score` under `bands`: A if score >= bands[0], B if >= bands[1], C if
// >= bands[2], else D. Bands of any other size than kGradeBandCount grade everything D.
std::string GradeOf(double score, const std::vector<double>& bands);

// Whether `bands` can grade at all: kGradeBandCount finite cut-offs, each at most the one
// before. Ties are allowed: the quartiles of many equal scores tie, and a refresh grades by
// them (QuartileCutoffs).
bool AreGradeCutoffs(const std::vector<double>& bands);

// The check of bands an admin sets (and of the stored setting): OK when they are three strictly
// descending probabilities inside (0, 1), A > B > C; else the InvalidArgument of a 400,
// grade_bands_invalid.
Status ValidateGradeBands(const std::vector<double>& bands);

// The probabilities whose nearest-rank quantiles are the cut-offs when no admin set any: the
// upper quartile, the median and the lower quartile (A, B, C).
inline const std::vector<double> kQuartileProbabilities = {0.75, 0.5, 0.25};

// The cut-offs used before any lead has a score and no admin set any: plain probabilities.
inline const std::vector<double> kFallbackGradeBands = {0.5, 0.3, 0.1};

// The cut-offs at kQuartileProbabilities of `scores` (nearest rank: the k-th smallest, k =
// ceil(p * n), at least 1), as the store's quantiles of its scores; kFallbackGradeBands when
// there are no scores.
std::vector<double> QuartileCutoffs(std::vector<float> scores);

}  // namespace leadscore
