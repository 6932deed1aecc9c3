// Reading a request's input with clear 400 answers: the JSON body (an object, known keys only,
// typed fields with ranges), query parameters and path ids. Every function returns
// kInvalidArgument naming the offending field, so a handler's validation is a few lines.
//
// Free functions; thread-safe.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/field_spec.h"
#include "core/status.h"
#include "http/route.h"
#include "service/leads_service.h"

namespace leadscore::http {

// The body as a JSON object; an empty body is an empty object when `allow_empty`. Nesting deeper
// than kMaxJsonDepth (core/json_depth.h) is refused while parsing.
Result<nlohmann::json> ParseJsonObject(const std::string& body, bool allow_empty = false);

// kInvalidArgument naming the first key of `object` that is not in `allowed`.
Status CheckKeys(const nlohmann::json& object, std::initializer_list<std::string_view> allowed);

// Optional typed members: absent (or, with `null_is_absent`, null) gives nullopt.
Result<std::optional<std::string>> OptionalString(const nlohmann::json& object,
                                                  const std::string& key, size_t max_length);
Result<std::string> RequiredString(const nlohmann::json& object, const std::string& key,
                                   size_t max_length);
Result<std::optional<bool>> OptionalBool(const nlohmann::json& object, const std::string& key);
Result<std::optional<int64_t>> OptionalInt(const nlohmann::json& object, const std::string& key,
                                           int64_t min, int64_t max);
Result<std::optional<double>> OptionalNumber(const nlohmann::json& object, const std::string& key,
                                             double min, double max);
Result<double> RequiredNumber(const nlohmann::json& object, const std::string& key, double min,
                              double max);

// Query parameters.
Result<std::optional<int64_t>> QueryInt(const Request& req, const std::string& key,
                                        int64_t min, int64_t max);
Result<std::optional<bool>> QueryBool(const Request& req, const std::string& key);
Result<std::optional<std::string>> QueryString(const Request& req,
                                               const std::string& key, size_t max_length);
Result<std::optional<TimeMs>> QueryTime(const Request& req, const std::string& key);

// The n-th path parameter as a positive id (1..2^53).
Result<int64_t> PathId(const RequestContext& ctx, size_t n = 0);

// The bank columns of a form, {"age": 41, "job": "technician", "pdays": null}: each must be a
// known column (kBankColumns) with a number, a string or null.
Result<std::vector<std::pair<const BankColumn*, FieldValue>>> ParseLeadFields(
    const nlohmann::json& fields);

// The number at `key` checked by the field spec (core/field_spec.h): absent or null is nullopt
// (field_required when the spec requires it), anything but a JSON number field_not_number, a
// number outside the spec's range field_out_of_range. The reasons name the field as `key`.
Result<std::optional<double>> SpecNumber(const nlohmann::json& object, const std::string& key,
                                         const FieldSpec& spec);

// "2026-11-22T08:30:00Z", "2026-11-22T08:30:00.123+07:00", "2026-11-22T08:30" (UTC); years
// 1970..9999. nullopt for anything else, a day the month does not have (30 February) among them.
std::optional<TimeMs> ParseIsoTime(std::string_view text);

}  // namespace leadscore::http
