#include "ml/split.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace leadscore::ml {
namespace {

// Fisher-Yates with rng() % n: unlike std::shuffle, the result is fixed by the standard.
void Shuffle(std::vector<size_t>* v, std::mt19937_64* rng) {
  for (size_t i = v->size(); i > 1; --i) std::swap((*v)[i - 1], (*v)[(*rng)() % i]);
}

std::vector<std::vector<size_t>> ByClass(const std::vector<float>& labels) {
  std::vector<std::vector<size_t>> classes(2);
  for (size_t i = 0; i < labels.size(); ++i) classes[labels[i] > 0.5f].push_back(i);
  return classes;
}

}  // namespace

SplitIndices StratifiedSplit(const std::vector<float>& labels, double valid_fraction,
                             uint64_t seed) {
  std::mt19937_64 rng(seed);
  SplitIndices out;
  for (auto& rows : ByClass(labels)) {
    Shuffle(&rows, &rng);
    size_t n_valid = static_cast<size_t>(std::llround(valid_fraction * rows.size()));
    out.valid.insert(out.valid.end(), rows.begin(), rows.begin() + n_valid);
    out.train.insert(out.train.end(), rows.begin() + n_valid, rows.end());
  }
  std::sort(out.train.begin(), out.train.end());
  std::sort(out.valid.begin(), out.valid.end());
  return out;
}

std::vector<int> StratifiedFolds(const std::vector<float>& labels, int k, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<int> fold(labels.size(), 0);
  int next = 0;
  for (auto& rows : ByClass(labels)) {
    Shuffle(&rows, &rng);
    for (size_t r : rows) {
      fold[r] = next;
      next = (next + 1) % k;
    }
  }
  return fold;
}

}  // namespace leadscore::ml
