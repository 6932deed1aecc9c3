// FeatureEncoder: turns a Lead into the row of floats the model reads, the same way at training
// and at scoring time. Fitted once on the training data (which columns exist, the levels of each
// categorical column), then saved inside the model's pipeline JSON so that a saved version
// rebuilds exactly the encoder it was trained with.
//
// Encoding rules (docs/MODEL.md, "Pipeline", step 5):
//  - numeric columns as they are; sentinel values (`pdays` 999 and -1: "never contacted") and
//    empty values become NaN, which XGBoost treats as missing;
//  - categorical columns one-hot, one feature per level seen in training (at most
//    Options::max_levels, the most frequent first, ties alphabetical); an unseen or empty value
//    sets no feature;
//  - `duration` is dropped unless Options::allow_leakage: it is known only after the call;
//  - campaign-context columns (ml/context.h) are dropped when the options say so;
//  - columns the portal does not know come from Lead::extra_json, numeric or categorical as the
//    data showed.
//
// A fitted encoder is immutable; Encode and the accessors are thread-safe.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/lead.h"
#include "core/status.h"
#include "ml/labelled_data.h"

namespace leadscore::ml {

struct EncoderOptions {
  bool allow_leakage = false;  // keep `duration`
  int max_levels = 30;         // per categorical column
  int min_level_count = 5;     // rarer levels get no feature of their own
  // Campaign-context columns (ml/context.h): flagged, so reasons leave them out; dropped
  // altogether when `drop_context`.
  std::vector<std::string> context_columns;
  bool drop_context = false;
};

// One source column as the encoder sees it, with the features it produces.
struct EncodedColumn {
  std::string name;
  ColumnKind kind = ColumnKind::kNumeric;
  int known_slot = -1;  // slot in Lead::numeric / Lead::categorical, or -1 for an extra column
  std::string label_en, label_id;     // for reasons; the column name when unknown
  std::vector<double> missing_values;  // numeric sentinels read as missing
  std::vector<std::string> levels;     // categorical: one feature each
  int first_feature = 0;
  int feature_count = 1;
  bool context = false;  // a campaign-context column: never a reason about the customer
};

class FeatureEncoder {
 public:
  // Learns the columns and levels from `data`. Fails if no usable column remains.
  static Result<FeatureEncoder> Fit(const LabelledData& data, const EncoderOptions& options);
  static Result<FeatureEncoder> FromJson(const nlohmann::json& json);
  nlohmann::json ToJson() const;

  int feature_count() const { return static_cast<int>(feature_names_.size()); }
  // "age", "job=retired": stable names, used for XGBoost's feature names and importance.
  const std::vector<std::string>& feature_names() const { return feature_names_; }
  const std::vector<EncodedColumn>& columns() const { return columns_; }
  // The column a feature comes from.
  int ColumnOfFeature(int feature) const { return feature_column_[feature]; }
  bool allow_leakage() const { return allow_leakage_; }

  // Writes feature_count() values for `lead` to row[0..feature_count()).
  void Encode(const Lead& lead, float* row) const;
  // Row-major matrix of leads.size() × feature_count().
  std::vector<float> EncodeAll(const std::vector<Lead>& leads) const;

  // The lead's value of a column as text, for reasons ("retired", "57", "missing").
  std::string ValueText(const Lead& lead, int column) const;

 private:
  void Index();  // builds feature_names_, feature_column_ and level_index_ from columns_

  std::vector<EncodedColumn> columns_;
  bool allow_leakage_ = false;
  bool has_extra_ = false;
  std::vector<std::string> feature_names_;
  std::vector<int> feature_column_;
  std::vector<std::unordered_map<std::string, int>> level_index_;  // per column
};

}  // namespace leadscore::ml
