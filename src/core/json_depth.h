// Parsing JSON with its nesting bounded, for every text that a client sent or that was stored
// from a client's input (a lead's `extra`).
//
// nlohmann's parser is iterative, but copying, comparing, dumping and destroying parts of a value
// recurse once per level of nesting, so a 200 kB body of 100,000 nested arrays, once parsed,
// would overflow a request thread's stack later on. The bound is therefore checked while parsing
// (the parse callback is told the depth of each container as it opens), and a container deeper
// than the bound is never built: the parser skips it without recursing.
//
// Free functions; thread-safe.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace leadscore {

// Levels of nesting a client's JSON may have: `{"a": [1]}` has two.
inline constexpr int kMaxJsonDepth = 32;

// The message of a refusal at kMaxJsonDepth.
inline constexpr char kJsonTooDeep[] = "the JSON nests deeper than 32 levels";

// `text` parsed; a discarded value (is_discarded()) when it is not valid JSON or nests deeper than
// `max_depth` levels, and then *too_deep (if given) tells which.
template <typename Json = nlohmann::json>
Json ParseDepthBoundedJson(std::string_view text, bool* too_deep = nullptr,
                           int max_depth = kMaxJsonDepth) {
  bool deep = false;
  // `depth` is the number of containers around the one that opens, so the top level is 0.
  typename Json::parser_callback_t refuse_deep = [&deep, max_depth](
                                                     int depth, nlohmann::json::parse_event_t event,
                                                     Json&) {
    const bool opens = event == nlohmann::json::parse_event_t::object_start ||
                       event == nlohmann::json::parse_event_t::array_start;
    if (opens && depth >= max_depth) deep = true;
    return !deep;
  };
  Json parsed = Json::parse(text, refuse_deep, /*allow_exceptions=*/false);
  if (too_deep) *too_deep = deep;
  if (deep) return Json(nlohmann::json::value_t::discarded);
  return parsed;
}

}  // namespace leadscore
