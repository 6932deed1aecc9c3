#include "service/lead_import.h"

#include <atomic>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "service/batch_pipe.h"
#include "service/lead_merge.h"
#include "service/made_up_identity.h"
#include "service/packed_leads.h"

namespace leadscore {

std::string ImportReport::BadLinesText() const {
  std::string out;
  for (const auto& bad : bad_lines) fmt::format_to(std::back_inserter(out), "line {}: {}\n", bad.line, bad.reason);
  if (bad_rows > static_cast<int64_t>(bad_lines.size())) {
    fmt::format_to(std::back_inserter(out), "... and {} more bad rows\n",
                   bad_rows - static_cast<int64_t>(bad_lines.size()));
  }
  return out;
}

namespace {

// What the writer's thread writes of one batch of rows: the new leads and the updates.
struct WriteBatch {
  std::vector<Lead> add;
  std::vector<Lead> update;
};

}  // namespace

Result<ImportReport> ImportLeads(Store& store, const Clock& clock, CsvReader reader,
                                 const ImportOptions& options) {
  LS_ASSIGN_OR_RETURN(LeadCsvReader input, LeadCsvReader::Open(std::move(reader)));
  const LeadCsvColumns columns = input.columns();
  ImportReport report;
  report.delimiter = input.delimiter();
  report.bank_columns = columns.HeadersWithRole(LeadCsvColumns::Role::kBank);
  report.extra_columns = columns.HeadersWithRole(LeadCsvColumns::Role::kExtra);
  report.ignored_columns = columns.HeadersWithRole(LeadCsvColumns::Role::kExportState);
  for (const auto& blank : columns.HeadersWithRole(LeadCsvColumns::Role::kBlank)) {
    report.ignored_columns.push_back(blank.empty() ? "(a column without a name)" : blank);
  }
  const size_t batch_size = options.batch_size > 0 ? options.batch_size : 5000;
  auto report_progress = [&](const ImportProgress& p) {
    if (options.progress) options.progress(p);
  };
  const bool keep_outcome = options.drop_outcome || !columns.has_outcome();

  // 1. Read and check every row, with no transaction open; keep the good ones, each with its
  // position in the file in `id` when it lacks a part of its identity (for FillMadeUpIdentity).
  PackedLeads good;
  bool refused = false;  // a bad row, not skipped: only checking the rest
  size_t bytes_total = 0;
  bool needs_identity = false;
  std::unordered_map<std::string, size_t> key_lines;  // a key of the file, its first line
  {
    LeadCsvReader file = std::move(input);  // the file's text is freed once it is read
    bytes_total = file.size();
    LeadCsvRow row;
    Lead& lead = row.lead;
    auto bad_row = [&](size_t line, const Status& problem) {
      ++report.bad_rows;
      if (report.bad_lines.size() < ImportReport::kMaxListedBadLines) {
        report.bad_lines.push_back(BadLine::Of(line, problem));
      }
      if (!options.skip_bad && !refused) {
        refused = true;
        good.Clear();
      }
    };
    while (true) {
      LS_ASSIGN_OR_RETURN(bool more, file.Next(&row));
      if (!more) break;
      ++report.rows_read;
      if (report.rows_read % static_cast<int64_t>(batch_size) == 0) {
        report_progress({file.position(), bytes_total, report.rows_read});
      }
      if (!row.status.ok()) {
        bad_row(row.line, row.status);
        continue;
      }
      if (!lead.customer_key.empty()) {
        auto [it, first] = key_lines.emplace(lead.customer_key, row.line);
        if (!first) {
          bad_row(
              row.line,
              Status::InvalidArgument(
                  fmt::format("column '{}': the customer '{}' is already on line {} (one "
                              "customer, one lead)",
                              columns.KeySource(), lead.customer_key, it->second))
                  .With("customer_repeated", {{"field", columns.KeySource()},
                                              {"value", lead.customer_key},
                                              {"first_line", static_cast<int64_t>(it->second)}}));
          continue;
        }
      }
      if (refused) continue;
      if (options.drop_outcome) lead.outcome.reset();
      const bool incomplete =
          lead.name.empty() || lead.phone.empty() || lead.customer_key.empty();
      lead.id = incomplete ? report.rows_read : 0;
      needs_identity = needs_identity || incomplete;
      good.Append(lead);
    }
    if (report.rows_read == 0) {
      return Status::InvalidArgument("the file has a header but no data rows").With("csv_no_rows");
    }
    report_progress({bytes_total, bytes_total, report.rows_read});
  }
  if (refused) return report;  // refused: committed stays false, no transaction was begun
  key_lines = {};

  // 2. The made-up identities: one number per row of the file, row n taking first + n - 1.
  int64_t first_number = 1;
  if (needs_identity) {
    LS_ASSIGN_OR_RETURN(first_number, store.ReserveIdentityNumbers(report.rows_read));
  }
  // An empty portal has no lead to update: no key is looked up.
  LS_ASSIGN_OR_RETURN(int64_t existing, store.CountLeads());

  // 3. Write the checked rows, shown together at Commit(). This thread unpacks the batches and
  // sorts them into new leads and updates (looking their keys up); the pipe's thread writes them,
  // so the two overlap.
  const int64_t to_write = static_cast<int64_t>(good.size());
  LS_ASSIGN_OR_RETURN(std::unique_ptr<LeadWriter> writer, store.BeginLeadImport(clock.NowMs()));
  {
    std::atomic<int64_t> written{0};
    BatchPipe<WriteBatch> pipe([&](const WriteBatch& batch) -> Status {
      Status status = writer->Add(batch.add);
      if (status.ok()) status = writer->Update(batch.update);
      if (!status.ok()) {
        return status.code() == StatusCode::kConflict ? status
                                                      : status.WithContext("writing the leads");
      }
      written += static_cast<int64_t>(batch.add.size() + batch.update.size());
      return status;
    });
    LS_RETURN_IF_ERROR(good.TakeInBatches(batch_size, [&](std::vector<Lead> rows) -> Status {
      std::unordered_map<std::string, Lead> found;
      if (existing > 0) {
        std::vector<std::string> keys;
        keys.reserve(rows.size());
        for (const Lead& lead : rows) {
          if (!lead.customer_key.empty()) keys.push_back(lead.customer_key);
        }
        LS_ASSIGN_OR_RETURN(std::vector<Lead> leads, store.FindLeadsByCustomerKey(keys));
        for (Lead& lead : leads) {
          std::string key = lead.customer_key;
          found.emplace(std::move(key), std::move(lead));
        }
      }
      WriteBatch batch;
      for (Lead& lead : rows) {
        auto match = lead.customer_key.empty() ? found.end() : found.find(lead.customer_key);
        if (match != found.end()) {
          Lead merged = MergeImportedLead(columns, match->second, lead, keep_outcome);
          if (SameLeadData(merged, match->second)) {
            ++report.unchanged;
          } else {
            ++report.updated;
            batch.update.push_back(std::move(merged));
          }
          continue;
        }
        if (lead.id > 0) {
          report.fake_identities += FillMadeUpIdentity(&lead, first_number + lead.id - 1);
          lead.id = 0;
        }
        ++report.created;
        batch.add.push_back(std::move(lead));
      }
      LS_RETURN_IF_ERROR(pipe.Push(std::move(batch)));
      report_progress({bytes_total, bytes_total, report.rows_read, written.load(), to_write});
      return Status::Ok();
    }));
    LS_RETURN_IF_ERROR(pipe.Finish());
    report_progress({bytes_total, bytes_total, report.rows_read, to_write, to_write});
  }
  Status commit = writer->Commit();
  if (!commit.ok()) {
    return commit.code() == StatusCode::kConflict ? commit
                                                  : commit.WithContext("committing the import");
  }
  report.rows_imported = report.created + report.updated + report.unchanged;
  report.committed = true;
  return report;
}

Result<ImportReport> ImportLeadsFromFile(Store& store, const Clock& clock, const std::string& path,
                                         const ImportOptions& options) {
  LS_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::FromFile(path));
  return ImportLeads(store, clock, std::move(reader), options);
}

Result<ImportReport> ImportLeadsFromText(Store& store, const Clock& clock, std::string text,
                                         const ImportOptions& options) {
  LS_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::FromString(std::move(text)));
  return ImportLeads(store, clock, std::move(reader), options);
}

}  // namespace leadscore
