#include "service/demo.h"

#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "service/campaign.h"
#include "service/scoring_model.h"
#include "service/scoring_service.h"
#include "service/segmentation.h"
#include "service/training_service.h"
#include "store/store.h"

namespace leadscore {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDemoLeadsFile = "bank-additional-train.csv";
constexpr double kDemoHistoryShare = 0.8;

// Deletes a SQLite database with its journal files, so the demo starts from nothing.
Status RemoveSqliteDatabase(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::error_code ec;
    fs::remove(path + suffix, ec);
    if (ec) return Status::Internal(fmt::format("cannot delete {}{}: {}", path, suffix, ec.message()));
  }
  return Status::Ok();
}

// One CSV line of `fields`.
std::string CsvLine(const std::vector<std::string>& fields, char delimiter) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += delimiter;
    line += CsvEscape(fields[i], delimiter);
  }
  return line + "\n";
}

// Step 1: the bundled calls, split in time (the file keeps call-date order), unless the
// database has leads already: the earlier kDemoHistoryShare of the rows become campaign
// history (training data), the later customers, their outcome removed, the call list.
Result<DemoStep> ImportDemoLeads(Store& store, const Clock& clock, const DemoOptions& options) {
  DemoStep step{"leads", false, ""};
  LS_ASSIGN_OR_RETURN(int64_t existing, store.CountLeads());
  if (existing > 0) {
    step.detail = fmt::format("{} leads already there", existing);
    return step;
  }
  std::string path = (fs::path(options.data_dir) / kDemoLeadsFile).string();
  LS_ASSIGN_OR_RETURN(CsvReader whole, CsvReader::FromFile(path));
  // Split by records (not lines), then write each part back out as CSV text.
  std::vector<CsvRecord> records;
  CsvRecord record;
  while (true) {
    LS_ASSIGN_OR_RETURN(bool more, whole.Next(&record));
    if (!more) break;
    records.push_back(record);
  }
  const char d = whole.delimiter();
  auto text_of = [&](size_t from, size_t to) {
    std::string text = CsvLine(whole.header(), d);
    for (size_t i = from; i < to; ++i) text += CsvLine(records[i].fields, d);
    return text;
  };
  const size_t cut = static_cast<size_t>(static_cast<double>(records.size()) * kDemoHistoryShare);

  LS_ASSIGN_OR_RETURN(HistoryCounts history, store.CountHistory());
  int64_t history_rows = history.rows;
  if (history.rows == 0) {
    LS_ASSIGN_OR_RETURN(HistoryImport imported,
                        ImportHistoryFromText(store, clock, text_of(0, cut), "demo"));
    history_rows = imported.rows;
  }
  ImportOptions import;
  import.progress = options.import_progress;
  import.drop_outcome = true;
  LS_ASSIGN_OR_RETURN(ImportReport report,
                      ImportLeadsFromText(store, clock, text_of(cut, records.size()), import));
  if (!report.committed) {
    return Status::FailedPrecondition(fmt::format("the demo data {} has bad rows:\n{}", path,
                                                  report.BadLinesText()));
  }
  step.done = true;
  step.detail = fmt::format(
      "{} earlier calls of {} stored as campaign history, the {} later customers as leads to "
      "call (their outcome removed)",
      history_rows, path, report.rows_imported);
  return step;
}

// Step 2: a model trained on the history, unless one is active.
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
