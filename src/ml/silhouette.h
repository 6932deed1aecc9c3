// Silhouette score of a clustering: for each point, how much closer it is to its own cluster
// than to the nearest other one, from -1 (misplaced) through 0 (on a border) to 1 (well inside),
// averaged over the points. Reported next to the elbow curve so a user can judge k.
//
// The exact score costs n² distances, so callers pass at most a few thousand points (the
// segmentation builder takes a seeded sample of larger data and says so). Deterministic for
// any thread count; stateless and thread-safe.
#pragma once

#include <cstdint>
#include <span>

#include "core/status.h"
#include "ml/kmeans.h"

namespace leadscore::ml {

// Mean silhouette of `points` labelled with `labels` (values in [0, k)). A point alone in its
// cluster scores 0, as in Rousseeuw (1987). Fails when k < 2 or fewer than 2 clusters are used,
// or when the sizes do not match.
Result<double> SilhouetteScore(PointsView points, std::span<const int32_t> labels, int k,
                               int threads = 0);

}  // namespace leadscore::ml
