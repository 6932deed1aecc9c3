#include "service/demo.h"

#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "service/scoring_model.h"
#include "service/scoring_service.h"
#include "service/segmentation.h"
#include "service/training_service.h"
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

// Step 2: a model trained on the leads' known outcomes, unless one is active.
Result<DemoStep> TrainDemoModel(Store& store, const Clock& clock, ActiveModelCache& cache) {
  DemoStep step{"model", false, ""};
  auto active = store.GetActiveModelVersion();
  if (active.ok()) {
    step.detail = fmt::format("model version {} is active", active->id);
    return step;
  }
  if (active.status().code() != StatusCode::kNotFound) return active.status();
  TrainingService training(store, clock, cache);
  TrainRequest request;
  request.by = "demo";
  auto outcome = training.TrainFromStore(request);
  if (!outcome.ok() && outcome.status().code() == StatusCode::kFailedPrecondition) {
    // A database that is not the bundled demo may hold too few known outcomes: leave it be.
    step.detail = "no model trained: " + outcome.status().message();
    return step;
  }
  if (!outcome.ok()) return outcome.status();
  step.done = true;
  step.detail = fmt::format("trained model version {} (validation ROC AUC {:.3f})",
                            outcome->version.id, outcome->validation.roc_auc);
  return step;
}

// Step 3: every lead scored with the active model, unless scores are there.
Result<DemoStep> ScoreDemoLeads(Store& store, const Clock& clock, ActiveModelCache& cache) {
  DemoStep step{"scores", false, ""};
  LS_ASSIGN_OR_RETURN(int64_t scored, store.CountScores());
  LS_ASSIGN_OR_RETURN(int64_t leads, store.CountLeads());
  if (scored >= leads) {
    step.detail = fmt::format("{} leads scored already", scored);
    return step;
  }
  auto active = store.GetActiveModelVersion();
  if (!active.ok() && active.status().code() == StatusCode::kNotFound) {
    step.detail = "no active model to score with";
    return step;
  }
  if (!active.ok()) return active.status();
  ScoringService scoring(store, clock, cache);
  LS_ASSIGN_OR_RETURN(Job job, scoring.RunRefresh("demo", nullptr));
  if (job.state != JobState::kDone) {
    return Status::Internal(fmt::format("scoring the demo leads failed: {}", job.error));
  }
  step.done = true;
  step.detail = fmt::format("scored {} leads", job.done);
  return step;
}

// Step 4: the default segmentation of the bundled Mall customers, unless one exists.
Result<DemoStep> SegmentDemoCustomers(Store& store, const Clock& clock,
                                      const DemoOptions& options) {
  DemoStep step{"segmentation", false, ""};
  SegmentationService segmentation(store, clock);
  LS_ASSIGN_OR_RETURN(std::optional<int64_t> id,
                      EnsureDemoSegmentation(segmentation, store, options.data_dir));
  step.done = id.has_value();
  step.detail = id ? fmt::format("built segmentation {} from Mall_Customers.csv", *id)
                   : "a segmentation exists already";
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
  ActiveModelCache cache(*store, clock);
  LS_ASSIGN_OR_RETURN(DemoStep model, TrainDemoModel(*store, clock, cache));
  record(std::move(model));
  LS_ASSIGN_OR_RETURN(DemoStep scores, ScoreDemoLeads(*store, clock, cache));
  record(std::move(scores));
  LS_ASSIGN_OR_RETURN(DemoStep segments, SegmentDemoCustomers(*store, clock, options));
  record(std::move(segments));
  return report;
}

}  // namespace leadscore
