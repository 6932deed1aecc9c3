// Personas: a readable name and a sales hint for each cluster, from where its centroid lies
// relative to the data, never from the cluster's number (which depends on the seed).
//
// Each feature is cut at its terciles (the 1/3 and 2/3 quantiles over the data the model was
// built on): a centroid below the first is "low", above the second "high", else "medium". For
// Annual Income × Spending Score the classic five names apply — Sensible (low, low), Careless
// (low income, high spending), Standard (medium, medium), Saver (high income, low spending),
// Target (high, high). Any other features get names built from their own words ("High balance,
// young"), in English and Indonesian, and a description a sales person can act on.
// Stateless functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ml/kmeans.h"

namespace leadscore::ml {

enum class Level { kLow, kMedium, kHigh };
std::string_view LevelName(Level level);  // "low", "medium", "high"

// The two cut points of one feature, in its original units.
struct Terciles {
  double low = 0;   // values below are "low"
  double high = 0;  // values above are "high"
};

struct Persona {
  std::string name;            // English: "Target", "High balance, young"
  std::string name_id;         // Indonesian: "Target", "Saldo tinggi, muda"
  std::string description;     // English, with an action for the sales team
  std::string description_id;  // Indonesian
  std::vector<Level> levels;   // one per feature
};

// Terciles of every feature of `raw` (original units, row-major).
std::vector<Terciles> ComputeTerciles(PointsView raw);

Level LevelOf(double value, const Terciles& cuts);

// Names the clusters. `centroids` are in original units (k × features.size(), row-major);
// `cuts` from ComputeTerciles over the same data. Two clusters that would get the same name are
// told apart with " (2)", " (3)" in cluster order.
std::vector<Persona> NamePersonas(const std::vector<std::string>& features,
                                  const std::vector<double>& centroids,
                                  const std::vector<Terciles>& cuts);

}  // namespace leadscore::ml
