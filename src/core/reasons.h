// The reason catalogue: every reason id a Status may carry (Status::With) and the parameters
// each one declares, and the codes of the notes an answer may carry besides errors. The catalogue
// is src/core/reasons.json, compiled into the binary; the web app reads the same file, and its
// dictionaries (web/src/lib/i18n/{id,en}.ts) word each reason as `apiError.<id>` from those
// parameters. The generic names of docs/openapi.yaml
// ("invalid_argument", "not_found", ...) are in it too: they are the code of an error whose
// Status has no reason.
//
// tests/core/reasons_test.cc holds the source to the catalogue: every `.With(...)` call in
// src/ names a listed id with exactly its declared parameters.
// The catalogue is parsed once, on first use; the functions are thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace leadscore {

// The parameters `reason` declares, in the catalogue's order; nullptr for an unknown id.
const std::vector<std::string>* ReasonParams(std::string_view reason);

// Every reason id of the catalogue, sorted.
std::vector<std::string> ReasonIds();

// The same for the notes: codes of an outcome that is no error, e.g. why a trained model was
// or was not activated ("model_kept_inactive" {auc, active_auc, version}).
const std::vector<std::string>* NoteParams(std::string_view note);
std::vector<std::string> NoteIds();

}  // namespace leadscore
