// The one translation of a Status into an HTTP answer: code, error name and JSON body
// {"error": {"code": "...", "message": "..."}}. Every error a client sees goes through here, so
// the mapping is in one place and no internal detail leaks: an internal failure is logged with
// its message and the client is told only that something went wrong.
//
// Free functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"

namespace leadscore::http {

// kUnavailable (the database unreachable or busy) is 503, which the router sends with
// `Retry-After: 1`: the request changed nothing and may be sent again.
int HttpCodeOf(const Status& status);

// The stable error names of docs/openapi.yaml: "invalid_argument", "not_found", ...
std::string ErrorNameOf(int http_code, const Status& status);

// The body of an error answer. The message of an internal error (500) is replaced by a generic
// sentence, and the router logs the real one; other messages, 503's included, are sent as they
// are, so the store's unavailable errors name no SQL ("the database is busy; try again ...").
nlohmann::json ErrorBody(int http_code, const Status& status,
                         const nlohmann::json& details = nullptr);

}  // namespace leadscore::http
