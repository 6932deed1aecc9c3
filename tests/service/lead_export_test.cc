#include "service/lead_export.h"

#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "pg/test_database.h"
#include "service/lead_generator.h"
#include "service/lead_import.h"

namespace leadscore {
namespace {

// Runs on each engine: SQLite files, and PostgreSQL databases on the test server fixture.
class LeadExportTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    store_ = Open();
    LEADSCORE_REQUIRE_DB(*databases_.back());
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
    databases_.clear();
  }
  // A new, empty database of the engine under test.
  std::unique_ptr<Store> Open() {
    databases_.push_back(std::make_unique<testing_db::TestDatabase>(GetParam()));
    const auto& db = *databases_.back();
    if (!db.ok()) return nullptr;
    auto store = OpenStore(db.url());
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }
  std::vector<Lead> Leads(Store& store) {
    std::vector<Lead> all;
    EXPECT_TRUE(store
                    .ForEachLeadBatch(1000,
                                      [&](const std::vector<Lead>& batch) {
                                        all.insert(all.end(), batch.begin(), batch.end());
                                        return Status::Ok();
                                      })
                    .ok());
    return all;
  }
  std::string Export(Store& store, ExportOptions options = {}) {
    std::ostringstream out;
    auto written = ExportLeadsToStream(store, clock_, options, out);
    EXPECT_TRUE(written.ok()) << written.status().ToString();
    return out.str();
  }
  CsvTable Table(const std::string& text) {
    auto reader = CsvReader::FromString(text);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    auto table = ReadCsvTable(std::move(reader).value());
    EXPECT_TRUE(table.ok()) << table.status().ToString();
    return std::move(table).value();
  }
  int Column(const CsvTable& table, std::string_view name) {
    auto it = std::find(table.header.begin(), table.header.end(), name);
    return it == table.header.end() ? -1 : static_cast<int>(it - table.header.begin());
  }

  std::vector<std::unique_ptr<testing_db::TestDatabase>> databases_;
  ManualClock clock_;
  std::unique_ptr<Store> store_;
};

INSTANTIATE_TEST_SUITE_P(Engines, LeadExportTest, testing::Values("sqlite", "postgresql"),
                         [](const testing::TestParamInfo<std::string>& info) { return info.param; });

// Every data field of two lead lists is equal (NaN equal to NaN).
void ExpectSameLeads(const std::vector<Lead>& a, const std::vector<Lead>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE("lead " + std::to_string(i));
    EXPECT_EQ(a[i].name, b[i].name);
    EXPECT_EQ(a[i].phone, b[i].phone);
    for (size_t k = 0; k < a[i].numeric.size(); ++k) {
      if (IsMissing(a[i].numeric[k])) {
        EXPECT_TRUE(IsMissing(b[i].numeric[k])) << "numeric slot " << k;
      } else {
        EXPECT_EQ(a[i].numeric[k], b[i].numeric[k]) << "numeric slot " << k;
      }
    }
    EXPECT_EQ(a[i].categorical, b[i].categorical);
    EXPECT_EQ(nlohmann::json::parse(a[i].extra_json), nlohmann::json::parse(b[i].extra_json));
    EXPECT_EQ(a[i].outcome, b[i].outcome);
  }
}

TEST_P(LeadExportTest, ExportThenImportGivesTheSameLeads) {
  std::ostringstream generated;
  ASSERT_TRUE(GenerateLeadCsv({500, 21, CsvLayout::kBankAdditional}, generated).ok());
  ASSERT_TRUE(ImportLeadsFromText(*store_, clock_, generated.str(), {}).ok());
  ASSERT_TRUE(ImportLeadsFromText(*store_, clock_,
                                  "nama;telepon;age;job;balance;day;cabang;skor_internal;y\n"
                                  "\"Dewi; \"\"Ayu\"\"\";0812-1;51;retired;-120;17;\"Medan\";7.25;\n"
                                  "Agus;0813 22;23;student;;;\"0042\";;no\n",
                                  {})
                  .ok());
  std::string text = Export(*store_);

  auto copy = Open();
  ASSERT_NE(copy, nullptr);
  auto report = ImportLeadsFromText(*copy, clock_, text, {});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->committed) << report->BadLinesText();
  EXPECT_EQ(report->fake_identities, 0);
  EXPECT_EQ(report->ignored_columns.size(), 6u);  // the state columns
  ExpectSameLeads(Leads(*store_), Leads(*copy));
  // And exporting the copy gives the same file, but for the new ids.
  EXPECT_EQ(Table(Export(*copy)).records.size(), 502u);
}

TEST_P(LeadExportTest, FormulaTextIsEscapedAndImportsBackAsWritten) {
  ASSERT_TRUE(ImportLeadsFromText(*store_, clock_,
                                  "nama;telepon;age;job;balance;=cmd;catatan\n"
                                  "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\";+62 812 1;51;retired;-120;"
                                  "@SUM(1);'=quoted\n"
                                  "-Agus;0813 22;23;student;-0.5;+1;-1\n",
                                  {})
                  .ok());
  std::string text = Export(*store_);
  CsvTable table = Table(text);
  ASSERT_EQ(table.records.size(), 2u);
  const auto& first = table.records[0].fields;
  EXPECT_EQ(first[Column(table, "name")], "'=HYPERLINK(\"http://x\",\"y\")");
  EXPECT_EQ(first[Column(table, "phone")], "'+62 812 1");
  EXPECT_EQ(first[Column(table, "balance")], "-120");  // a number, not text
  EXPECT_EQ(first[Column(table, "'=cmd")], "'@SUM(1)");  // the header cell too
  // A file's own leading ' before a formula reads as the export's escape: imported as "=quoted".
  EXPECT_EQ(first[Column(table, "catatan")], "'=quoted");
  const auto& second = table.records[1].fields;
  EXPECT_EQ(second[Column(table, "name")], "'-Agus");
  EXPECT_EQ(second[Column(table, "balance")], "-0.5");
  EXPECT_EQ(second[Column(table, "'=cmd")], "'+1");
  EXPECT_EQ(second[Column(table, "catatan")], "-1");  // imported as the number -1

  auto copy = Open();
  ASSERT_NE(copy, nullptr);
  auto report = ImportLeadsFromText(*copy, clock_, text, {});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->committed) << report->BadLinesText();
  ExpectSameLeads(Leads(*store_), Leads(*copy));
  EXPECT_EQ(Leads(*copy)[0].name, "=HYPERLINK(\"http://x\",\"y\")");
}

TEST_P(LeadExportTest, WritesTheLayoutAndOnlyTheColumnsInUse) {
  ASSERT_TRUE(ImportLeadsFromText(*store_, clock_, "age;job;y\n30;admin.;yes\n", {}).ok());
  CsvTable table = Table(Export(*store_));
  EXPECT_EQ(table.delimiter, ';');
  EXPECT_EQ(table.header.front(), "age");
  EXPECT_EQ(Column(table, "balance"), -1);  // no lead has a bank-full balance
  EXPECT_EQ(Column(table, "nr.employed"), 19);
  EXPECT_EQ(Column(table, "y"), 20);
  EXPECT_EQ(table.header.back(), "do_not_call");
  ASSERT_EQ(table.records.size(), 1u);
  const auto& row = table.records[0].fields;
  ASSERT_EQ(row.size(), table.header.size());
  EXPECT_EQ(row[Column(table, "age")], "30");
  EXPECT_EQ(row[Column(table, "marital")], "");
  EXPECT_EQ(row[Column(table, "y")], "yes");
  EXPECT_EQ(row[Column(table, "name")], "Nasabah 000001");
  EXPECT_EQ(row[Column(table, "lead_status")], "pending");
  EXPECT_EQ(row[Column(table, "lead_score")], "");
  EXPECT_EQ(row[Column(table, "do_not_call")], "false");
}

TEST_P(LeadExportTest, StatusIsTheEffectiveOneWithOwnerScoreAndGrade) {
  ASSERT_TRUE(ImportLeadsFromText(*store_, clock_, "age;job\n30;admin.\n40;student\n", {}).ok());
  auto leads = Leads(*store_);
  ASSERT_EQ(leads.size(), 2u);
  User sales;
  sales.username = "rina";
  sales.display_name = "Rina Sales";
  sales.role = Role::kSales;
  sales.password_hash = "x";
  auto sales_id = store_->CreateUser(sales);
  ASSERT_TRUE(sales_id.ok()) << sales_id.status().ToString();
  ASSERT_TRUE(store_
                  ->ChangeLeadStatus(leads[0].id, *sales_id, LeadStatus::kRejected, "", std::nullopt,
                                     clock_.NowMs(), kDefaultRejectPeriod)
                  .ok());
  ASSERT_TRUE(store_
                  ->ChangeLeadStatus(leads[1].id, *sales_id, LeadStatus::kContacted, "",
                                     std::nullopt, clock_.NowMs(), kDefaultRejectPeriod)
                  .ok());
  Score score;
  score.lead_id = leads[1].id;
  score.score = 0.75;
  score.grade = "A";
  score.model_version = 1;
  ASSERT_TRUE(store_->UpsertScore(score).ok());

  CsvTable now = Table(Export(*store_));
  int status = Column(now, "lead_status"), owner = Column(now, "lead_owner");
  EXPECT_EQ(now.records[0].fields[status], "rejected");
  EXPECT_EQ(now.records[0].fields[owner], "Rina Sales");
  EXPECT_EQ(now.records[1].fields[status], "contacted");
  EXPECT_EQ(now.records[1].fields[Column(now, "lead_score")], "0.75");
  EXPECT_EQ(now.records[1].fields[Column(now, "lead_grade")], "A");
  EXPECT_EQ(now.records[1].fields[Column(now, "lead_id")], std::to_string(leads[1].id));

  // A day later the rejection has run out: the export says pending, without an owner.
  clock_.Advance(kDefaultRejectPeriod + kMsPerSecond);
  CsvTable later = Table(Export(*store_));
  EXPECT_EQ(later.records[0].fields[status], "pending");
  EXPECT_EQ(later.records[0].fields[owner], "");

  ExportOptions only_pending;
  only_pending.status = LeadStatus::kPending;
  EXPECT_EQ(Table(Export(*store_, only_pending)).records.size(), 1u);
  ExportOptions grade_a;
  grade_a.grade = "A";
  CsvTable a = Table(Export(*store_, grade_a));
  ASSERT_EQ(a.records.size(), 1u);
  EXPECT_EQ(a.records[0].fields[Column(a, "age")], "40");
}

TEST_P(LeadExportTest, StopsWhenTheSinkFails) {
  std::ostringstream generated;
  ASSERT_TRUE(GenerateLeadCsv({20'000, 2, CsvLayout::kBankAdditional}, generated).ok());
  ASSERT_TRUE(ImportLeadsFromText(*store_, clock_, generated.str(), {}).ok());
  int chunks = 0;
  size_t bytes = 0;
  auto result = ExportLeads(*store_, clock_, {}, [&](std::string_view chunk) {
    ++chunks;
    bytes += chunk.size();
    return Status::Unavailable("client went away");
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(chunks, 1);
  EXPECT_LT(bytes, 2u << 20);  // streamed in chunks, not built whole
}

}  // namespace
}  // namespace leadscore
