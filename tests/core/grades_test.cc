#include "core/grades.h"

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace leadscore {
namespace {

const std::vector<double> kBands = {0.6, 0.4, 0.2};

TEST(GradesTest, OnlyTheFourLettersAreGrades) {
  for (const char* grade : {"A", "B", "C", "D"}) EXPECT_TRUE(IsGrade(grade)) << grade;
  for (const char* text : {"", "E", "a", "d", "AB", " A", "A ", "@"}) {
    EXPECT_FALSE(IsGrade(text)) << "'" << text << "'";
  }
  EXPECT_EQ(GradeIndex("A"), 0u);
  EXPECT_EQ(GradeIndex("D"), 3u);
  EXPECT_EQ(GradeIndex("E"), std::nullopt);
  EXPECT_EQ(GradeIndex(""), std::nullopt);
}

TEST(GradesTest, AScoreOnACutOffTakesTheHigherGrade) {
  EXPECT_EQ(GradeOf(1.0, kBands), "A");
  EXPECT_EQ(GradeOf(0.6, kBands), "A");
  EXPECT_EQ(GradeOf(std::nextafter(0.6, 0.0), kBands), "B");
  EXPECT_EQ(GradeOf(0.4, kBands), "B");
  EXPECT_EQ(GradeOf(std::nextafter(0.4, 0.0), kBands), "C");
  EXPECT_EQ(GradeOf(0.2, kBands), "C");
  EXPECT_EQ(GradeOf(std::nextafter(0.2, 0.0), kBands), "D");
  EXPECT_EQ(GradeOf(0.0, kBands), "D");
}

TEST(GradesTest, TiedCutOffsSkipTheGradesBetween) {
  // The quartiles of many equal scores: everything at the tie is A, nothing is B or C.
  const std::vector<double> tied = {0.5, 0.5, 0.5};
  EXPECT_EQ(GradeOf(0.5, tied), "A");
  EXPECT_EQ(GradeOf(0.49, tied), "D");
}

TEST(GradesTest, BandsOfAnotherSizeGradeEverythingD) {
  EXPECT_EQ(GradeOf(0.99, {}), "D");
  EXPECT_EQ(GradeOf(0.99, {0.5, 0.3}), "D");
  EXPECT_EQ(GradeOf(0.99, {0.7, 0.5, 0.3, 0.1}), "D");
}

TEST(GradesTest, CutOffsAreThreeDescendingFiniteNumbersTiesAllowed) {
  EXPECT_TRUE(AreGradeCutoffs({0.6, 0.4, 0.2}));
  EXPECT_TRUE(AreGradeCutoffs({0.5, 0.5, 0.5}));
  EXPECT_TRUE(AreGradeCutoffs({1.0, 0.0, 0.0}));
  EXPECT_FALSE(AreGradeCutoffs({}));
  EXPECT_FALSE(AreGradeCutoffs({0.6, 0.4}));
  EXPECT_FALSE(AreGradeCutoffs({0.6, 0.4, 0.2, 0.1}));
  EXPECT_FALSE(AreGradeCutoffs({0.2, 0.4, 0.6}));
  EXPECT_FALSE(AreGradeCutoffs({0.6, 0.2, 0.4}));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_FALSE(AreGradeCutoffs({nan, 0.4, 0.2}));
  EXPECT_FALSE(AreGradeCutoffs({0.6, nan, 0.2}));
  EXPECT_FALSE(AreGradeCutoffs({inf, 0.4, 0.2}));
  EXPECT_FALSE(AreGradeCutoffs({0.6, 0.4, -inf}));
}

TEST(GradesTest, AnAdminsBandsAreStrictlyDescendingInsideZeroAndOne) {
  EXPECT_TRUE(ValidateGradeBands({0.6, 0.4, 0.2}).ok());
  EXPECT_TRUE(ValidateGradeBands({0.999, 0.5, 0.001}).ok());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const std::vector<double>& bad : std::vector<std::vector<double>>{
           {},
           {0.6, 0.4},
           {0.6, 0.4, 0.2, 0.1},
           {0.2, 0.4, 0.6},   // ascending
           {0.6, 0.6, 0.2},   // a tie
           {0.6, 0.4, 0.4},   // a tie
           {1.0, 0.4, 0.2},   // 1 is no cut-off: nothing would be above it but 1 itself
           {0.6, 0.4, 0.0},   // 0 would make every score C or better
           {0.6, 0.4, -0.1},
           {1.5, 0.4, 0.2},
           {nan, 0.4, 0.2},
           {0.6, nan, 0.2}}) {
    const Status s = ValidateGradeBands(bad);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << ::testing::PrintToString(bad);
    EXPECT_EQ(s.reason(), "grade_bands_invalid");
  }
}

TEST(GradesTest, AnAdminsBandsAreCutOffs) {
  // Whatever the admin may set, a run may grade by.
  for (const std::vector<double>& b : std::vector<std::vector<double>>{
           {0.6, 0.4, 0.2}, {0.9, 0.8, 0.7}, {0.3, 0.2, 0.1}}) {
    ASSERT_TRUE(ValidateGradeBands(b).ok());
    EXPECT_TRUE(AreGradeCutoffs(b));
  }
}

TEST(GradesTest, QuartileCutOffsAreTheNearestRankQuantiles) {
  // 1..8 eighths: q75 is the 6th smallest, the median the 4th, q25 the 2nd.
  std::vector<float> scores;
  for (int i = 8; i >= 1; --i) scores.push_back(static_cast<float>(i) / 8);
  EXPECT_EQ(QuartileCutoffs(scores), (std::vector<double>{6.0 / 8, 4.0 / 8, 2.0 / 8}));
  // Grading by them puts a quarter of the leads in each grade.
  const std::vector<double> q = QuartileCutoffs(scores);
  std::map<std::string, int> per_grade;
  for (float s : scores) ++per_grade[GradeOf(s, q)];
  EXPECT_EQ(per_grade, (std::map<std::string, int>{{"A", 3}, {"B", 2}, {"C", 2}, {"D", 1}}));
}

TEST(GradesTest, QuartileCutOffsOfFewOrEqualScores) {
  EXPECT_EQ(QuartileCutoffs({0.3f}), (std::vector<double>{0.3f, 0.3f, 0.3f}));
  EXPECT_EQ(QuartileCutoffs({0.5f, 0.5f, 0.5f, 0.5f}), (std::vector<double>{0.5, 0.5, 0.5}));
  EXPECT_TRUE(AreGradeCutoffs(QuartileCutoffs({0.5f, 0.5f, 0.5f, 0.5f})));
  EXPECT_EQ(QuartileCutoffs({0.0f, 1.0f}), (std::vector<double>{1.0, 0.0, 0.0}));
}

TEST(GradesTest, NoScoresGiveTheFallbackBands) {
  EXPECT_EQ(QuartileCutoffs({}), kFallbackGradeBands);
  EXPECT_TRUE(ValidateGradeBands(kFallbackGradeBands).ok());
}

}  // namespace
}  // namespace leadscore
