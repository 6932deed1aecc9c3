// SMOTE (Chawla et al., 2002): synthetic minority oversampling. Each synthetic row is made from
// a minority row ("base") and one of its k nearest minority neighbours: base + gap × (neighbour −
// base), gap uniform in [0, 1). Used on the training part only; the caller never passes
// validation or test rows.
//
// Neighbours are found with a nanoflann k-d tree over the minority rows, each column scaled to
// unit variance (so `nr.employed` in the thousands does not drown a 0/1 column) and missing
// values put at the column mean. Where the straight line makes no sense the synthetic row copies
// the nearer endpoint (base when gap < 0.5, else the neighbour), as SMOTE-NC does: for a one-hot
// group (the row must keep exactly one level) and for a value missing at either end.
//
// Deterministic for a given seed. A pure function; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"

namespace leadscore::ml {

struct SmoteOptions {
  int k = 5;
  // Minority rows after oversampling, as a share of the majority count (1.0 = balanced).
  double target_ratio = 1.0;
  uint64_t seed = 42;
  // [first, first + count) column ranges holding one-hot groups.
  std::vector<std::pair<int, int>> one_hot_groups;
};

struct SmoteResult {
  std::vector<float> rows;  // synthetic rows, row-major, cols wide; their label is the minority
  // Where each synthetic row came from: row indices into the input, and the gap used.
  std::vector<size_t> base, neighbour;
  std::vector<float> gap;
  int minority_label = 1;
};

// `data` is rows × cols, row-major, NaN for missing; `labels` 0/1. Fails if the minority class
// has fewer than 2 rows. Returns no rows when the minority already reaches target_ratio.
Result<SmoteResult> Smote(const std::vector<float>& data, size_t cols,
                          const std::vector<float>& labels, const SmoteOptions& options);

}  // namespace leadscore::ml
