// Campaign context: the columns that are the same for everyone called on one day (the month and
// weekday of the call, the economy of that day) as opposed to the customer's own columns. In past
// campaigns they say *when* a call was made, not *who* converts, so a model that leans on them
// ranks last campaign's calendar instead of today's customers (docs/MODEL.md).
//
// ContextMode says what the pipeline does with them:
//   exclude  the model leaves them out;
//   current  the model learns from them, and scoring applies one current context to every lead
//            (the default, kDefaultContextMode, decided by the backtest in docs/MODEL.md);
//   include  every row keeps its own values, at training and at scoring (the first version's
//            behaviour; kept for comparison only).
// Plain functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/lead.h"
#include "core/status.h"
#include "ml/labelled_data.h"

namespace leadscore::ml {

enum class ContextMode { kExclude, kCurrent, kInclude };
const char* ContextModeName(ContextMode mode);  // "exclude", "current", "include"
// Also accepts "auto", the measured default.
Result<ContextMode> ParseContextMode(const std::string& name);
inline constexpr ContextMode kDefaultContextMode = ContextMode::kCurrent;

// The built-in context columns of both UCI layouts, those the field spec marks context
// (core/field_spec.h): day, month, day_of_week, emp.var.rate, cons.price.idx, cons.conf.idx,
// euribor3m, nr.employed.
bool IsBuiltInContextColumn(std::string_view name);

// The context columns of `data`, in source order: the built-in ones it has, plus `extra` (a
// bank's own columns marked as context). kInvalidArgument names an `extra` column that is not
// in the data.
Result<std::vector<std::string>> ContextColumns(const LabelledData& data,
                                                const std::vector<std::string>& extra);

// The context of the last row of `data` (the latest call, rows being in call order) as
// {column: value}; numbers as numbers, text as text, a missing value left out.
nlohmann::json LatestContext(const LabelledData& data, const std::vector<std::string>& columns);

// The value of `column` on `lead` as JSON (number, string, or null when missing).
nlohmann::json ColumnValue(const Lead& lead, const std::string& column);
// Sets `column` of `lead` to `value` (a known column's slot, or a key of extra_json).
void SetColumnValue(const nlohmann::json& value, const std::string& column, Lead* lead);
// Applies every {column: value} of `context` to `lead`.
void ApplyContext(const nlohmann::json& context, Lead* lead);

// A key made of the lead's values of `columns`, equal for two leads of one period.
std::string PeriodKey(const Lead& lead, const std::vector<std::string>& columns);

}  // namespace leadscore::ml
