// SegmentationService: the customer-segmentation use cases (docs/MODEL.md, "Customer
// segmentation") for the HTTP API, the CLI and the demo — build a segmentation from a customer
// CSV or from the leads, list and show saved ones, choose the default, delete, and predict the
// cluster and persona of a customer.
//
// Saved segmentations live in the store as the model's JSON. Predictions use models parsed once
// and kept in memory (a segmentation never changes after it is saved), so a prediction is a
// lock, a map lookup and a nearest-centroid search: microseconds, no I/O. The segmentation that
// /predict uses is looked up again at most every few seconds, so a default set by another server
// is seen shortly after.
//
// Holds references to the store and the clock, which must outlive it. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/status.h"
#include "ml/kmeans_builder.h"
#include "service/segmentation_source.h"
#include "store/store.h"

namespace leadscore {

struct SegmentationRequest {
  std::string name;    // unique; empty: made from the features and the time
  std::string source;  // "csv" or "leads"
  // Empty with source "leads": the columns LeadFeatureCandidates picks for the leads in store.
  std::vector<std::string> features;
  std::optional<int> k;  // none: the knee of the elbow curve
  // Source "csv": the file's text, or else a path to read it from.
  std::string csv_text;
  std::string csv_path;
  std::string csv_name;  // shown as the source; defaults to the path's file name
  bool make_default = false;
  std::string created_by = "cli";
  uint64_t seed = 42;
  int threads = 0;
};

// A saved segmentation with its parsed model. `row.model_json` is left empty.
struct SegmentationInfo {
  Segmentation row;
  std::shared_ptr<const ml::SegmentationModel> model;
};

struct SegmentAssignment {
  int64_t segmentation_id = 0;
  int cluster = 0;
  const ml::SegmentCluster* cluster_info = nullptr;  // valid while `model` is held
  std::shared_ptr<const ml::SegmentationModel> model;
};

// Reads the request's rows and builds the model without saving anything (the CLI's preview;
// Build uses it too). `store` is needed for source "leads" only and may be null otherwise.
// `lead_ids` (optional) receives the lead of each row for source "leads".
Result<ml::SegmentationBuild> ComputeSegmentation(const SegmentationRequest& request, Store* store,
                                                  std::vector<int64_t>* lead_ids = nullptr);

// The features of the segmentations /predict can use: annual income and spending score, with or
// without age.
enum class PredictFeatures { kIncomeSpending = 0, kAgeIncomeSpending = 1 };

// The position of each of those features in a segmentation's features; -1 when absent.
struct FeatureSlots {
  int age = -1, income = -1, spending = -1;
};

class SegmentationService {
 public:
  SegmentationService(Store& store, const Clock& clock);
  SegmentationService(const SegmentationService&) = delete;
  SegmentationService& operator=(const SegmentationService&) = delete;

  // Builds and saves. For source "leads" every lead's cluster is saved too (the lead list can
  // filter by segment); if that fails the segmentation is deleted again.
  Result<SegmentationInfo> Build(const SegmentationRequest& request);

  // The lead columns a segmentation of the leads can use, and the ones it uses by default.
  Result<LeadFeatureChoice> LeadFeatures();

  Result<std::vector<SegmentationInfo>> List();  // newest first
  Result<SegmentationInfo> Get(int64_t id);
  Status SetDefault(int64_t id);
  Status Delete(int64_t id);

  // The cluster of a customer given one value per feature, by feature name (every feature,
  // nothing else).
  Result<SegmentAssignment> Predict(int64_t id, const std::map<std::string, double>& values);

  // The persona by annual income (k$) and spending score (1-100), on the default segmentation
  // if it is on those two features, else on the newest one that is. With an age (years), a
  // segmentation on age, income and spending is preferred the same way (the default, else the
  // newest); without one, the age is not used. kFailedPrecondition if there is none at all.
  Result<SegmentAssignment> PredictIncomeSpending(double annual_income, double spending_score,
                                                  std::optional<double> age = std::nullopt);

 private:
  // The segmentation /predict uses for `kind`: the default if it is on those features, else the
  // newest one that is; nullopt if none is. Looked up again after kDefaultRecheck.
  struct Choice {
    bool known = false;
    std::optional<int64_t> id;
    std::chrono::steady_clock::time_point checked;
  };

  Result<std::shared_ptr<const ml::SegmentationModel>> Model(int64_t id);
  Result<std::optional<int64_t>> PredictSegmentation(PredictFeatures kind);
  void ForgetChoices();  // with mu_ held

  Store& store_;
  const Clock& clock_;
  std::mutex mu_;
  // Parsed models by segmentation id, guarded by mu_.
  std::map<int64_t, std::shared_ptr<const ml::SegmentationModel>> models_;
  // The segmentations PredictIncomeSpending uses, by PredictFeatures; guarded by mu_.
  Choice choices_[2];
};

// The JSON shapes of docs/openapi.yaml: SegmentationSummary, SegmentationDetail (which adds
// clusters, elbow, sample and the model's other fields) and SegmentPrediction.
nlohmann::json SegmentationSummaryJson(const SegmentationInfo& info);
nlohmann::json SegmentationDetailJson(const SegmentationInfo& info);
nlohmann::json SegmentPredictionJson(const SegmentAssignment& assignment);

// For `leadscore demo`: if the store holds no segmentation, builds the default one from
// `data_dir`/Mall_Customers.csv on Annual Income × Spending Score, with k from the elbow.
// Returns the new id, or nullopt if a segmentation already existed.
Result<std::optional<int64_t>> EnsureDemoSegmentation(SegmentationService& service, Store& store,
                                                      const std::string& data_dir);

}  // namespace leadscore
