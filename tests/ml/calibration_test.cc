#include "ml/calibration.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "ml/metrics.h"

namespace leadscore::ml {
namespace {

// Raw scores that overstate "yes" the way SMOTE does: the true probability is raw / 4.
void Overconfident(int n, std::vector<float>* raw, std::vector<float>* labels) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(0, 1);
  for (int i = 0; i < n; ++i) {
    double r = 0.05 + 0.9 * u(rng);
    raw->push_back(static_cast<float>(r));
    labels->push_back(u(rng) < r / 4 ? 1.f : 0.f);
  }
}

TEST(CalibrationTest, PlattAndIsotonicLowerTheBrierScoreOfOverconfidentScores) {
  std::vector<float> raw, labels;
  Overconfident(20000, &raw, &labels);
  double before = BrierScore(raw, labels);
  for (auto kind : {CalibrationKind::kPlatt, CalibrationKind::kIsotonic}) {
    Calibration cal = Calibration::Fit(kind, raw, labels);
    std::vector<float> fixed = raw;
    cal.ApplyAll(&fixed);
    EXPECT_LT(BrierScore(fixed, labels), before - 0.05) << CalibrationKindName(kind);
    // Mean prediction close to the observed rate.
    double mean = 0, rate = 0;
    for (size_t i = 0; i < fixed.size(); ++i) {
      mean += fixed[i];
      rate += labels[i];
    }
    EXPECT_NEAR(mean / fixed.size(), rate / fixed.size(), 0.01);
  }
}

TEST(CalibrationTest, PlattKeepsTheOrderAndIsotonicNeverReversesIt) {
  std::vector<float> raw, labels;
  Overconfident(5000, &raw, &labels);
  Calibration platt = Calibration::Fit(CalibrationKind::kPlatt, raw, labels);
  Calibration iso = Calibration::Fit(CalibrationKind::kIsotonic, raw, labels);
  for (double x = 0.01; x < 0.99; x += 0.01) {
    EXPECT_LT(platt.Apply(x), platt.Apply(x + 0.01));
    EXPECT_LE(iso.Apply(x), iso.Apply(x + 0.01));
  }
}

TEST(CalibrationTest, NoneIsTheIdentityAndJsonRoundTripsExactly) {
  std::vector<float> raw, labels;
  Overconfident(3000, &raw, &labels);
  EXPECT_EQ(Calibration().Apply(0.3), 0.3);
  for (auto kind : {CalibrationKind::kNone, CalibrationKind::kPlatt, CalibrationKind::kIsotonic}) {
    Calibration cal = Calibration::Fit(kind, raw, labels);
    auto back = Calibration::FromJson(nlohmann::json::parse(cal.ToJson().dump()));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->kind(), kind);
    for (float r : raw) ASSERT_EQ(back->Apply(r), cal.Apply(r));
  }
  EXPECT_FALSE(Calibration::FromJson(nlohmann::json::parse(R"({"kind":"magic"})")).ok());
}

}  // namespace
}  // namespace leadscore::ml
