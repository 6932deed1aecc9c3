#include "service/lead_import.h"

#include <utility>

#include <fmt/format.h>

#include "service/batch_pipe.h"
#include "service/lead_csv_columns.h"

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

Result<ImportReport> ImportLeads(Store& store, const Clock& clock, CsvReader reader,
                                 const ImportOptions& options) {
  LS_ASSIGN_OR_RETURN(LeadCsvColumns columns, LeadCsvColumns::Create(reader.header()));
  ImportReport report;
  report.delimiter = reader.delimiter();
  report.bank_columns = columns.HeadersWithRole(LeadCsvColumns::Role::kBank);
  report.extra_columns = columns.HeadersWithRole(LeadCsvColumns::Role::kExtra);
  report.ignored_columns = columns.HeadersWithRole(LeadCsvColumns::Role::kExportState);
  for (const auto& blank : columns.HeadersWithRole(LeadCsvColumns::Role::kBlank)) {
    report.ignored_columns.push_back(blank.empty() ? "(a column without a name)" : blank);
  }

  // The writer is dropped (rolling back) at the first bad row unless bad rows are skipped.
  LS_ASSIGN_OR_RETURN(std::unique_ptr<LeadWriter> writer, store.BeginLeadImport(clock.NowMs()));
  bool refused = false;  // a bad row, not skipped: only checking the rest
  const size_t batch_size = options.batch_size > 0 ? options.batch_size : 5000;
  std::vector<Lead> batch;
  batch.reserve(batch_size);
  Lead lead;
  CsvRecord record;

  auto report_progress = [&] {
    if (options.progress) {
      options.progress({reader.position(), reader.size(), report.rows_read});
    }
  };
  {
    // This thread parses; the pipe's thread writes the batches, so the two overlap.
    BatchPipe<std::vector<Lead>> pipe([&](const std::vector<Lead>& leads) -> Status {
      Status status = writer->Add(leads);
      return status.ok() ? status : status.WithContext("writing the leads");
    });
    auto flush = [&]() -> Status {
      if (!refused && !batch.empty()) LS_RETURN_IF_ERROR(pipe.Push(std::move(batch)));
      batch = {};
      batch.reserve(batch_size);
      report_progress();
      return Status::Ok();
    };

    while (true) {
      LS_ASSIGN_OR_RETURN(bool more, reader.Next(&record));
      if (!more) break;
      ++report.rows_read;
      bool faked = false;
      Status row = columns.ParseRow(record.fields, report.rows_read, &lead, &faked);
      if (!row.ok()) {
        ++report.bad_rows;
        if (report.bad_lines.size() < ImportReport::kMaxListedBadLines) {
          report.bad_lines.push_back({record.line, row.message()});
        }
        if (!options.skip_bad) {
          refused = true;
          batch.clear();
        }
        continue;
      }
      if (refused) continue;
      if (options.drop_outcome) lead.outcome.reset();
      report.fake_identities += faked;
      batch.push_back(std::move(lead));
      if (batch.size() >= batch_size) LS_RETURN_IF_ERROR(flush());
    }
    if (report.rows_read == 0) {
      return Status::InvalidArgument("the file has a header but no data rows");
    }
    LS_RETURN_IF_ERROR(flush());
    LS_RETURN_IF_ERROR(pipe.Finish());
  }
  if (refused) {
    writer.reset();  // rolls back what was written before the bad row
    report.fake_identities = 0;
    return report;  // refused: committed stays false, nothing was written
  }
  Status commit = writer->Commit();
  if (!commit.ok()) return commit.WithContext("committing the import");
  report.rows_imported = writer->added();
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
