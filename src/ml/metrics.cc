#include "ml/metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace leadscore::ml {
namespace {

// Indices by score, highest first; ties keep input order.
std::vector<size_t> RankDescending(const std::vector<float>& scores) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  return order;
}

double CountPositives(const std::vector<float>& labels) {
  return std::count_if(labels.begin(), labels.end(), [](float y) { return y > 0.5f; });
}

}  // namespace

double Confusion::F1() const {
  double p = Precision(), r = Recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

double RocAuc(const std::vector<float>& scores, const std::vector<float>& labels) {
  std::vector<size_t> order = RankDescending(scores);
  double pos = CountPositives(labels), neg = labels.size() - pos;
  if (pos == 0 || neg == 0) return 0.5;
  // Walk tie groups from the top; each negative beats... rather, each positive wins against the
  // negatives below it and half of the negatives tied with it.
  double wins = 0, negatives_above = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    double group_pos = 0, group_neg = 0;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) {
      (labels[order[j]] > 0.5f ? group_pos : group_neg) += 1;
      ++j;
    }
    // Positives in this group beat every negative below: neg - negatives_above - group_neg.
    wins += group_pos * (neg - negatives_above - group_neg) + 0.5 * group_pos * group_neg;
    negatives_above += group_neg;
    i = j;
  }
  return wins / (pos * neg);
}

double PrAuc(const std::vector<float>& scores, const std::vector<float>& labels) {
  std::vector<size_t> order = RankDescending(scores);
  double pos = CountPositives(labels);
  if (pos == 0) return 0;
  double tp = 0, seen = 0, ap = 0, last_recall = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) {
      if (labels[order[j]] > 0.5f) tp += 1;
      seen += 1;
      ++j;
    }
    double recall = tp / pos, precision = tp / seen;
    ap += (recall - last_recall) * precision;
    last_recall = recall;
    i = j;
  }
  return ap;
}

double BrierScore(const std::vector<float>& scores, const std::vector<float>& labels) {
  if (scores.empty()) return 0;
  double sum = 0;
  for (size_t i = 0; i < scores.size(); ++i) {
    double d = double(scores[i]) - labels[i];
    sum += d * d;
  }
  return sum / scores.size();
}

LiftPoint LiftAt(const std::vector<float>& scores, const std::vector<float>& labels,
                 double fraction) {
  LiftPoint point;
  point.fraction = fraction;
  double pos = CountPositives(labels);
  if (scores.empty() || pos == 0) return point;
  std::vector<size_t> order = RankDescending(scores);
  size_t top = static_cast<size_t>(std::ceil(fraction * scores.size() - 1e-9));
  top = std::clamp<size_t>(top, 1, scores.size());
  double hits = 0;
  for (size_t i = 0; i < top; ++i) hits += labels[order[i]] > 0.5f;
  point.capture = hits / pos;
  point.lift = (hits / top) / (pos / scores.size());
  return point;
}

std::vector<RocPoint> RocCurve(const std::vector<float>& scores, const std::vector<float>& labels,
                               int max_points) {
  std::vector<size_t> order = RankDescending(scores);
  double pos = CountPositives(labels), neg = labels.size() - pos;
  std::vector<RocPoint> all = {{0, 0, 1}};
  double tp = 0, fp = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) {
      (labels[order[j]] > 0.5f ? tp : fp) += 1;
      ++j;
    }
    all.push_back({neg ? fp / neg : 0, pos ? tp / pos : 0, scores[order[i]]});
    i = j;
  }
  if (static_cast<int>(all.size()) <= max_points || max_points < 2) return all;
  std::vector<RocPoint> thin;
  for (int k = 0; k < max_points; ++k) {
    thin.push_back(all[static_cast<size_t>(std::llround(double(k) * (all.size() - 1) /
                                                        (max_points - 1)))]);
  }
  return thin;
}

Confusion ConfusionAt(const std::vector<float>& scores, const std::vector<float>& labels,
                      double threshold) {
  Confusion c;
  for (size_t i = 0; i < scores.size(); ++i) {
    bool yes = scores[i] >= threshold, actual = labels[i] > 0.5f;
    if (yes && actual) ++c.tp;
    else if (yes) ++c.fp;
    else if (actual) ++c.fn;
    else ++c.tn;
  }
  return c;
}

double MaxF1Threshold(const std::vector<float>& scores, const std::vector<float>& labels) {
  std::vector<size_t> order = RankDescending(scores);
  double pos = CountPositives(labels);
  double best_f1 = -1, best_threshold = 0.5, tp = 0, seen = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) {
      tp += labels[order[j]] > 0.5f;
      seen += 1;
      ++j;
    }
    double f1 = pos + seen > 0 ? 2 * tp / (pos + seen) : 0;  // 2TP / (2TP + FP + FN)
    if (f1 > best_f1) {
      best_f1 = f1;
      best_threshold = scores[order[i]];
    }
    i = j;
  }
  return best_threshold;
}

Evaluation Evaluate(const std::vector<float>& scores, const std::vector<float>& labels,
                    double threshold) {
  Evaluation e;
  e.rows = static_cast<long>(scores.size());
  e.positives = static_cast<long>(CountPositives(labels));
  e.roc_auc = RocAuc(scores, labels);
  e.pr_auc = PrAuc(scores, labels);
  e.brier = BrierScore(scores, labels);
  for (double f : {0.1, 0.2, 0.3}) e.lift.push_back(LiftAt(scores, labels, f));
  e.threshold = threshold;
  e.confusion = ConfusionAt(scores, labels, threshold);
  return e;
}

std::vector<LiftPoint> DecileTable(const std::vector<float>& scores,
                                   const std::vector<float>& labels) {
  std::vector<LiftPoint> out;
  for (int d = 1; d <= 10; ++d) out.push_back(LiftAt(scores, labels, d / 10.0));
  return out;
}

nlohmann::json ToJson(const Evaluation& e) {
  nlohmann::json lift = nlohmann::json::array();
  for (const auto& p : e.lift) {
    lift.push_back({{"top", p.fraction}, {"lift", p.lift}, {"capture", p.capture}});
  }
  const Confusion& c = e.confusion;
  return {{"rows", e.rows},
          {"positives", e.positives},
          {"roc_auc", e.roc_auc},
          {"pr_auc", e.pr_auc},
          {"brier", e.brier},
          {"lift", lift},
          {"threshold", e.threshold},
          {"confusion", {{"tp", c.tp}, {"fp", c.fp}, {"tn", c.tn}, {"fn", c.fn}}},
          {"precision", c.Precision()},
          {"recall", c.Recall()},
          {"f1", c.F1()}};
}

}  // namespace leadscore::ml
