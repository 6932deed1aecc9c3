// The one translation of a Status into an HTTP answer: code, error names and JSON body
//   {"error": {"code": "username_taken", "params": {"username": "ani"},
//              "message": "the username 'ani' is taken", "kind": "conflict"}}
// Every error a client sees goes through here, so the mapping is in one place and no internal
// detail leaks: an internal failure is logged with its message and the client is told only that
// something went wrong.
//
// `code` is the Status's reason (core/reasons.h) when it has one, else the generic name, which
// `kind` always carries; a client words the error from `code` and `params` in its reader's
// language (the web app: `apiError.<code>`), and `message` stays the English sentence for logs,
// scripts and the CLI.
//
// Free functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"

namespace leadscore::http {

// kUnavailable (the database unreachable or busy) is 503, which the router sends with
// `Retry-After: 1`: the request changed nothing and may be sent again.
int HttpCodeOf(const Status& status);

// The stable generic names of docs/openapi.yaml: "invalid_argument", "not_found", ...
std::string ErrorNameOf(int http_code, const Status& status);

// A status's parameters as a JSON object: {"username": "ani", "line": 12}; numbers stay numbers.
nlohmann::json ParamsJson(const std::vector<StatusParam>& params);
inline nlohmann::json ParamsJson(const Status& status) { return ParamsJson(status.params()); }

// The body of an error answer. The message of an internal error (500) is replaced by a generic
// sentence, its reason and parameters dropped, and the router logs the real one; other messages,
// 503's included, are sent as they are, so the store's unavailable errors name no SQL ("the
// database is busy; try again ...").
nlohmann::json ErrorBody(int http_code, const Status& status,
                         const nlohmann::json& details = nullptr);

}  // namespace leadscore::http
