// The demo database: what `leadscore demo` and `make run` build so that a new user sees a
// working portal at once.
//
// EnsureDemoDatabase runs a fixed sequence of steps. Each step first checks whether its work is
// already there and skips itself if so, which makes the whole function idempotent: on an
// existing demo database every step is skipped and nothing changes. Steps, in order:
//   1. leads: when the database holds no lead yet, the bundled data/bank-additional-train.csv
//      (UCI, CC BY 4.0; rows in call-date order) split in time: the earlier 80 % of the calls
//      become campaign history (training data, never listed), the later customers, their
//      outcome removed, the leads to call, with the importer's fake demo identities.
//   (Training a model, scoring the leads and creating the demo admin follow as further steps.)
// `force` starts again from an empty database; it is refused for PostgreSQL, whose database the
// operator drops, not the portal.
//
// Not thread-safe against another process building the same database at the same time (the
// import is one transaction, so the loser's import fails rather than doubling the leads).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "service/lead_import.h"

namespace leadscore {

struct DemoOptions {
  std::string db_url = "sqlite:data/leadscore.db";
  std::string data_dir = "data";  // where bank-additional-train.csv is
  bool force = false;             // SQLite only: delete the database file first
  // Progress of the import step.
  std::function<void(const ImportProgress&)> import_progress;
};

struct DemoStep {
  std::string name;    // "leads"
  bool done = false;   // false: skipped because its work was already there
  std::string detail;  // "imported 32950 leads from data/bank-additional-train.csv"
};

struct DemoReport {
  bool created = false;  // true if any step did work
  std::vector<DemoStep> steps;
};

Result<DemoReport> EnsureDemoDatabase(const DemoOptions& options, const Clock& clock);

// The file behind a SQLite URL ("sqlite:PATH" or a plain path), or "" for PostgreSQL.
std::string SqlitePathOfUrl(const std::string& url);

}  // namespace leadscore
