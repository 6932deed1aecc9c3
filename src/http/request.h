// Request: what the transport (server.h) hands the router of one HTTP request once its header
// is read — method, decoded path, query parameters, header fields and the client's address.
// The body travels separately (RequestContext::body), read only after the router admitted it.
//
// A value type; the accessors are named as the route handlers have always called them.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace leadscore::http {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;       // "GET", "POST", …
  std::string path;         // percent-decoded, without the query
  Fields params;            // the query, decoded, in order
  Fields headers;           // as received; names compared case-insensitively
  std::string remote_addr;  // the client's IP address
  std::vector<std::string> path_params;  // the {name} segments of the matched route

  bool has_header(std::string_view name) const;
  // The first field named `name`, "" if none.
  std::string get_header_value(std::string_view name) const;
  // How many fields are named `name`.
  size_t header_count(std::string_view name) const;

  bool has_param(std::string_view key) const;
  // The first value of query parameter `key`, "" if none.
  std::string get_param_value(std::string_view key) const;
};

// Writes one piece of a streamed answer; false once the client is gone (the writer stops).
using ChunkSink = std::function<bool(std::string_view chunk)>;

// "%41b+c" -> "Ab c" when `plus_is_space` (a query); nullopt on a malformed escape.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// "a=1&b=x%20y&c" -> {{"a","1"},{"b","x y"},{"c",""}}; nullopt on a malformed escape.
std::optional<Fields> ParseQuery(std::string_view query);

bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace leadscore::http
