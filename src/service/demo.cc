#include "service/demo.h"

#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "store/store.h"

namespace leadscore {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDemoLeadsFile = "bank-additional-train.csv";

// Deletes a SQLite database with its journal files, so the demo starts from nothing.
Status RemoveSqliteDatabase(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::error_code ec;
    fs::remove(path + suffix, ec);
    if (ec) return Status::Internal(fmt::format("cannot delete {}{}: {}", path, suffix, ec.message()));
  }
  return Status::Ok();
}

// Step 1: the bundled leads, unless the database has leads already.
Result<DemoStep> ImportDemoLeads(Store& store, const Clock& clock, const DemoOptions& options) {
  DemoStep step{"leads", false, ""};
  LS_ASSIGN_OR_RETURN(int64_t existing, store.CountLeads());
  if (existing > 0) {
    step.detail = fmt::format("{} leads already there", existing);
    return step;
  }
  std::string path = (fs::path(options.data_dir) / kDemoLeadsFile).string();
  ImportOptions import;
  import.progress = options.import_progress;
  LS_ASSIGN_OR_RETURN(ImportReport report, ImportLeadsFromFile(store, clock, path, import));
  if (!report.committed) {
    return Status::FailedPrecondition(fmt::format("the demo data {} has bad rows:\n{}", path,
                                                  report.BadLinesText()));
  }
  step.done = true;
  step.detail = fmt::format("imported {} leads from {}", report.rows_imported, path);
  return step;
}

}  // namespace

std::string SqlitePathOfUrl(const std::string& url) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return "";
  std::string path = url.starts_with("sqlite:") ? url.substr(7) : url;
  if (path.starts_with("//")) path = path.substr(2);  // sqlite://PATH, as OpenStore reads it
  return path;
}

Result<DemoReport> EnsureDemoDatabase(const DemoOptions& options, const Clock& clock) {
  std::string sqlite_path = SqlitePathOfUrl(options.db_url);
  if (options.force) {
    if (sqlite_path.empty()) {
      return Status::InvalidArgument(
          "--force only rebuilds a SQLite demo database; drop a PostgreSQL database yourself");
    }
    LS_RETURN_IF_ERROR(RemoveSqliteDatabase(sqlite_path));
  }
  if (!sqlite_path.empty() && fs::path(sqlite_path).has_parent_path()) {
    std::error_code ec;
    fs::create_directories(fs::path(sqlite_path).parent_path(), ec);
    if (ec) {
      return Status::Internal(fmt::format("cannot create the folder of {}: {}", sqlite_path,
                                          ec.message()));
    }
  }
  LS_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenStore(options.db_url));

  DemoReport report;
  auto record = [&report](DemoStep step) {
    report.created = report.created || step.done;
    report.steps.push_back(std::move(step));
  };
  LS_ASSIGN_OR_RETURN(DemoStep leads, ImportDemoLeads(*store, clock, options));
  record(std::move(leads));
  return report;
}

}  // namespace leadscore
