// Ranking and probability metrics of a binary classifier, computed from scores (P(yes)) and 0/1
// labels: ROC AUC, PR AUC (average precision), Brier score, lift and capture rate at the top of
// the ranking, the confusion matrix at a threshold, and the threshold that maximises F1.
// Plain functions over vectors; no state, thread-safe.
//
// Ties: ROC AUC counts a tied positive/negative pair as half a win (the Mann-Whitney statistic),
// PR AUC steps once per distinct score (as scikit-learn's average_precision_score). "Top k %"
// takes ceil(k % of n) leads, highest scores first, ties by input order.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

namespace leadscore::ml {

double RocAuc(const std::vector<float>& scores, const std::vector<float>& labels);
double PrAuc(const std::vector<float>& scores, const std::vector<float>& labels);
double BrierScore(const std::vector<float>& scores, const std::vector<float>& labels);

struct LiftPoint {
  double fraction = 0;  // 0.1 = the top 10 % of the ranking
  double lift = 0;      // conversion rate in the top fraction / overall rate
  double capture = 0;   // share of all conversions found in the top fraction
};
LiftPoint LiftAt(const std::vector<float>& scores, const std::vector<float>& labels,
                 double fraction);

struct RocPoint {
  double fpr = 0, tpr = 0, threshold = 0;
};
// At most `max_points` points from (0,0) to (1,1), evenly thinned, for charts.
std::vector<RocPoint> RocCurve(const std::vector<float>& scores, const std::vector<float>& labels,
                               int max_points = 101);

struct Confusion {
  long tp = 0, fp = 0, tn = 0, fn = 0;  // a lead is called "yes" when score >= threshold
  double Precision() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
  double Recall() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
  double F1() const;
};
Confusion ConfusionAt(const std::vector<float>& scores, const std::vector<float>& labels,
                      double threshold);
// The score threshold with the highest F1 (ties: the higher threshold).
double MaxF1Threshold(const std::vector<float>& scores, const std::vector<float>& labels);

// Every metric of the report, for one set of scores.
struct Evaluation {
  long rows = 0, positives = 0;
  double roc_auc = 0, pr_auc = 0, brier = 0;
  std::vector<LiftPoint> lift;  // at 10 %, 20 %, 30 %
  double threshold = 0.5;
  Confusion confusion;
};
Evaluation Evaluate(const std::vector<float>& scores, const std::vector<float>& labels,
                    double threshold);
nlohmann::json ToJson(const Evaluation& e);
// Cumulative lift and capture at each decile (10 %, 20 % … 100 %), for the model page.
std::vector<LiftPoint> DecileTable(const std::vector<float>& scores,
                                   const std::vector<float>& labels);

}  // namespace leadscore::ml
