#include "service/lead_import.h"

#include <atomic>
#include <utility>

#include <fmt/format.h>

#include "service/batch_pipe.h"
#include "service/lead_csv_columns.h"
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
  const size_t batch_size = options.batch_size > 0 ? options.batch_size : 5000;
  auto report_progress = [&](const ImportProgress& p) {
    if (options.progress) options.progress(p);
  };

  // 1. Read and check every row, with no transaction open; keep the good ones.
  PackedLeads good;
  bool refused = false;  // a bad row, not skipped: only checking the rest
  size_t bytes_total = 0;
  {
    CsvReader input = std::move(reader);  // the file's text is freed once it is read
    bytes_total = input.size();
    Lead lead;
    CsvRecord record;
    while (true) {
      LS_ASSIGN_OR_RETURN(bool more, input.Next(&record));
      if (!more) break;
      ++report.rows_read;
      if (report.rows_read % static_cast<int64_t>(batch_size) == 0) {
        report_progress({input.position(), bytes_total, report.rows_read});
      }
      bool faked = false;
      Status row = columns.ParseRow(record.fields, report.rows_read, &lead, &faked);
      if (!row.ok()) {
        ++report.bad_rows;
        if (report.bad_lines.size() < ImportReport::kMaxListedBadLines) {
          report.bad_lines.push_back({record.line, row.message()});
        }
        if (!options.skip_bad && !refused) {
          refused = true;
          good.Clear();
        }
        continue;
      }
      if (refused) continue;
      if (options.drop_outcome) lead.outcome.reset();
      report.fake_identities += faked;
      good.Append(lead);
    }
    if (report.rows_read == 0) {
      return Status::InvalidArgument("the file has a header but no data rows");
    }
    report_progress({bytes_total, bytes_total, report.rows_read});
  }
  if (refused) {
    report.fake_identities = 0;
    return report;  // refused: committed stays false, no transaction was begun
  }

  // 2. Write the checked rows, shown together at Commit(). This thread unpacks the batches; the
  // pipe's thread writes them, so the two overlap.
  const int64_t to_write = static_cast<int64_t>(good.size());
  LS_ASSIGN_OR_RETURN(std::unique_ptr<LeadWriter> writer, store.BeginLeadImport(clock.NowMs()));
  {
    std::atomic<int64_t> written{0};
    BatchPipe<std::vector<Lead>> pipe([&](const std::vector<Lead>& leads) -> Status {
      Status status = writer->Add(leads);
      if (!status.ok()) return status.WithContext("writing the leads");
      written += static_cast<int64_t>(leads.size());
      return status;
    });
    LS_RETURN_IF_ERROR(good.TakeInBatches(batch_size, [&](std::vector<Lead> batch) -> Status {
      LS_RETURN_IF_ERROR(pipe.Push(std::move(batch)));
      report_progress({bytes_total, bytes_total, report.rows_read, written.load(), to_write});
      return Status::Ok();
    }));
    LS_RETURN_IF_ERROR(pipe.Finish());
    report_progress({bytes_total, bytes_total, report.rows_read, written.load(), to_write});
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
