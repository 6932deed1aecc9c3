// Test data for clustering: well-separated 2-D blobs on a grid, seeded.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace leadscore::ml::test_data {

// `blobs` clusters of `per_blob` 2-D points (x, y interleaved) around (10·(c % 3), 10·(c / 3)),
// point i in blob i % blobs, with normal noise of `spread`.
inline std::vector<double> Blobs(int blobs, size_t per_blob, double spread, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0.0, spread);
  std::vector<double> data;
  for (size_t i = 0; i < per_blob * blobs; ++i) {
    int c = static_cast<int>(i % blobs);
    data.push_back(10.0 * (c % 3) + noise(rng));
    data.push_back(10.0 * (c / 3) + noise(rng));
  }
  return data;
}

}  // namespace leadscore::ml::test_data
