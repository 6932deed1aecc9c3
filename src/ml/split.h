// Stratified splits with a fixed seed: each part keeps the share of "yes" of the whole. Pure
// functions; thread-safe; the same seed gives the same split on every machine (own shuffle over
// std::mt19937_64, whose sequence the standard fixes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace leadscore::ml {

struct SplitIndices {
  std::vector<size_t> train, valid;  // each sorted ascending
};

// About `valid_fraction` of each class goes to valid.
SplitIndices StratifiedSplit(const std::vector<float>& labels, double valid_fraction,
                             uint64_t seed);

// fold[i] in [0, k): row i is in the test part of fold fold[i]. Each class is dealt round-robin
// over the folds after a shuffle, so fold sizes differ by at most one per class.
std::vector<int> StratifiedFolds(const std::vector<float>& labels, int k, uint64_t seed);

}  // namespace leadscore::ml
