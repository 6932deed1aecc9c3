// The field spec: for each bank column (kBankColumns) and each input of the segment predictors,
// its type, range, whether it is required, the UCI layouts it belongs to, whether it describes
// the customer or the campaign's context, and the categories it takes. Every entry point of lead
// data checks its values here — the import, creating and editing a lead, what-if scoring,
// /predict and a segmentation's predictor — so all of them accept and refuse the same values,
// with the same reasons. The spec is src/core/lead_fields.json, compiled into the binary; the
// web app imports the same file and checks its forms with it (docs/FIELDS.md).
//
// A category's values are the codes value_labels.json lists for its column (compared without
// case; the catalogue's spelling is stored); a category the catalogue lists none for is open.
//
// The refusals carry reasons (Status::With): field_required {field}, field_not_number
// {field, value, type}, field_out_of_range {field, value, min, max}, field_unknown_value
// {field, value}. Their messages name the field ("age: 150 is outside 17..120").
//
// The spec is parsed once, on first use, and immutable after; the functions are thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/lead.h"
#include "core/status.h"

namespace leadscore {

enum class FieldType { kNumber, kInteger, kCategory };
std::string_view FieldTypeName(FieldType type);  // "number", "integer", "category"

// The two UCI Bank Marketing layouts: bank-additional-full.csv (the economic indicators and
// the weekday) and bank-full.csv (the balance and the day of the month).
enum class LeadLayout { kBankAdditional, kBankFull };
std::string_view LeadLayoutName(LeadLayout layout);  // "bank-additional", "bank-full"

struct FieldSpec {
  std::string name;  // the UCI header name ("emp.var.rate"), or a predictor input ("annual_income")
  FieldType type = FieldType::kNumber;
  double min = 0, max = 0;  // numbers: the accepted range, both ends included
  bool required = false;
  bool bank_additional = false, bank_full = false;  // the layouts it belongs to
  bool context = false;     // campaign context (the campaign setting holds it), not the customer
  bool after_call = false;  // known only once the call was made (`duration`)
  std::vector<std::string> values;  // a category's codes; empty: open
  const BankColumn* column = nullptr;  // the bank column; null for a predictor-only input

  bool numeric() const { return type != FieldType::kCategory; }
  bool InLayout(LeadLayout layout) const {
    return layout == LeadLayout::kBankAdditional ? bank_additional : bank_full;
  }
};

// The bank columns' specs, in kBankColumns order, one per column.
std::span<const FieldSpec> LeadFieldSpecs();
const FieldSpec& LeadFieldSpecOf(const BankColumn& column);
const FieldSpec* FindLeadFieldSpec(std::string_view name);  // by UCI name; null if unknown

// The inputs of POST /predict: age, annual_income, spending_score.
std::span<const FieldSpec> PredictorFieldSpecs();
const FieldSpec* FindPredictorFieldSpec(std::string_view name);

// The spec that holds a segmentation feature's values: a bank column by its name, else the
// predictor input the feature's name says ("Age"/"umur" -> age, "Annual Income (k$)" ->
// annual_income, "Spending Score (1-100)" -> spending_score); null for any other feature.
const FieldSpec* SegmentFeatureSpec(std::string_view feature);
// Whether a feature's name says it is the customer's age ("age", "Age", "usia", "umur").
bool IsAgeFeatureName(std::string_view feature);

// The checks. Each returns kInvalidArgument with its reason on a refused value.
// A value that is absent (a missing number, an empty category): field_required when required.
Status CheckPresent(const FieldSpec& spec);
// A number, for a numeric spec: finite, whole for an integer, within min..max. `as` is the name
// the input goes by when it is not the spec's own (a segmentation's "Annual Income (k$)"), for
// the message and the `field` parameter.
Status CheckNumber(const FieldSpec& spec, double value, std::string_view as = {});
// field_not_number for `field`, whose input `value` (as written, or a JSON value's text) is no
// number, or a fraction where `type` "integer" wants a whole one ("is not a whole number").
Status FieldNotNumber(std::string_view field, std::string_view value,
                      std::string_view type = "number");
// A number written as text (a CSV cell, a form's box): "41", "+3", "-1.8"; field_not_number
// when it is not one. Empty text is absent (nullopt, after CheckPresent).
Result<std::optional<double>> ParseNumberField(const FieldSpec& spec, std::string_view text);
// A category, for a category spec: one of its values (the stored spelling is returned), or any
// text up to 100 characters without control characters when it is open. Empty text is absent.
Result<std::string> CheckCategory(const FieldSpec& spec, std::string_view text);

// Whether the lead has a value in the spec's bank column (a number that is not missing, a
// category that is not empty). The spec must be a lead field's (column set).
bool HasValue(const Lead& lead, const FieldSpec& spec);

// The layout of a set of leads, from how many of them have a value in a column of one layout
// only (`additional_only`: the weekday and the economic indicators; `full_only`: the balance and
// the day of the month). bank-additional, the bundled data's, when neither has any.
LeadLayout LayoutOfCounts(int64_t additional_only, int64_t full_only);
// How many of the layout-only columns of `layout`'s the lead has a value in.
int LayoutOnlyValues(const Lead& lead, LeadLayout layout);

// The built-in context columns of both layouts (kind context), in kBankColumns order.
std::span<const std::string_view> ContextFieldNames();

}  // namespace leadscore
