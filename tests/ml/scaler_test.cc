#include "ml/scaler.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

namespace leadscore::ml {
namespace {

TEST(StandardScalerTest, StandardisesAndRoundTrips) {
  std::mt19937_64 rng(1);
  std::normal_distribution<double> age(40, 10), balance(1500, 3000);
  std::vector<double> data;
  for (int i = 0; i < 1000; ++i) {
    data.push_back(age(rng));
    data.push_back(balance(rng));
  }
  auto scaler = StandardScaler::Fit(data, 2);
  ASSERT_TRUE(scaler.ok());
  std::vector<double> scaled = data;
  scaler->TransformInPlace(scaled);
  for (int j = 0; j < 2; ++j) {
    double sum = 0, sq = 0;
    for (size_t i = j; i < scaled.size(); i += 2) sum += scaled[i], sq += scaled[i] * scaled[i];
    EXPECT_NEAR(sum / 1000, 0.0, 1e-9);
    EXPECT_NEAR(sq / 1000, 1.0, 1e-9);
  }
  scaler->InverseInPlace(scaled);
  for (size_t i = 0; i < data.size(); ++i) {
    ASSERT_NEAR(scaled[i], data[i], 1e-9 * std::max(1.0, std::abs(data[i])));
  }
  // One point through the pointer form gives the same as the buffer form.
  double one[2] = {data[0], data[1]}, out[2];
  scaler->Transform(one, out);
  scaler->Inverse(out, out);
  EXPECT_NEAR(out[0], data[0], 1e-9);
  EXPECT_NEAR(out[1], data[1], 1e-9);
}

TEST(StandardScalerTest, RefusesAConstantColumnByName) {
  std::vector<double> data = {1, 5, 2, 5, 3, 5};
  auto scaler = StandardScaler::Fit(data, 2, {"age", "children"});
  ASSERT_FALSE(scaler.ok());
  EXPECT_EQ(scaler.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(scaler.status().message().find("'children'"), std::string::npos)
      << scaler.status().message();
  EXPECT_NE(scaler.status().message().find("same value"), std::string::npos);
}

TEST(StandardScalerTest, RefusesEmptyRaggedAndNonFiniteInput) {
  EXPECT_FALSE(StandardScaler::Fit({}, 2).ok());
  std::vector<double> ragged = {1, 2, 3};
  EXPECT_FALSE(StandardScaler::Fit(ragged, 2).ok());
  std::vector<double> inf = {1, 2, INFINITY, 4};
  auto s = StandardScaler::Fit(inf, 2, {"a", "b"});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("row 2"), std::string::npos) << s.status().message();
}

}  // namespace
}  // namespace leadscore::ml
