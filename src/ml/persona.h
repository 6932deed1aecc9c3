// Personas: a readable name and a sales hint for each cluster, from where its centroid lies
// against the other clusters' centroids, never from the cluster's number (which depends on the
// seed) nor from where it lies in the whole data.
//
// A feature is "high" for a cluster only when the cluster's mean is above the middle of the
// cluster means (halfway between the lowest and the highest) by a clear margin — a quarter of
// the feature's standard deviation over the data — and "low" when below it by as much; else it
// is "average". So two clusters averaging 2.1 calls and one averaging 8 read "few calls" twice
// and "many calls" once, and a feature on which the clusters hardly differ is "average" for
// all of them. For Annual Income × Spending Score the classic five names apply — Sensible (low,
// low), Careless (low income, high spending), Standard (average, average), Saver (high income,
// low spending), Target (high, high). Other features get names built from their own words
// ("High balance, younger"). Names and descriptions come in English and Indonesian, the
// descriptions with the cluster's means in the reader's number format. Two clusters never share
// a name: each of them gets the value of the feature that tells them apart most ("Few calls,
// younger (age 28.4)" / "(age 36.1)").
// Stateless functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace leadscore::ml {

enum class Level { kLow, kMedium, kHigh };
std::string_view LevelName(Level level);  // "low", "medium" (read as "average"), "high"

struct Persona {
  std::string name;            // English: "Target", "High balance, younger"
  std::string name_id;         // Indonesian: "Target", "Saldo tinggi, lebih muda"
  std::string description;     // English: the profile, the means, an action for the sales team
  std::string description_id;  // Indonesian
  std::vector<Level> levels;   // one per feature
};

// A clear margin, in standard deviations of the feature: how far a cluster's mean must lie
// from the middle of the cluster means to be called high or low.
inline constexpr double kPersonaMargin = 0.25;

// The level of every cluster on every feature (k × d, row-major like `centroids`). `spread` is
// each feature's standard deviation over the data (the scaler's); a zero or missing spread
// makes that feature "average" everywhere.
std::vector<Level> ClusterLevels(const std::vector<double>& centroids, size_t dims,
                                 const std::vector<double>& spread);

// Names the clusters. `centroids` are in original units (k × features.size(), row-major),
// `spread` as for ClusterLevels.
std::vector<Persona> NamePersonas(const std::vector<std::string>& features,
                                  const std::vector<double>& centroids,
                                  const std::vector<double>& spread);

}  // namespace leadscore::ml
