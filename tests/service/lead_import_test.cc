#include "service/lead_import.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "pg/test_database.h"
#include "service/lead_generator.h"

namespace leadscore {
namespace {

namespace fs = std::filesystem;

// A fresh database of each engine (SQLite file; PostgreSQL from the test server fixture), plus a
// temporary folder for files.
class ImportFixture : public testing::Test {
 protected:
  void Open(const std::string& engine) {
    std::string pattern = (fs::temp_directory_path() / "leadscore-import-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    db_ = std::make_unique<testing_db::TestDatabase>(engine);
    LEADSCORE_REQUIRE_DB(*db_);
    auto store = OpenStore(db_->url());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  Result<ImportReport> Import(std::string text, bool skip_bad = false) {
    ImportOptions options;
    options.skip_bad = skip_bad;
    return ImportLeadsFromText(*store_, clock_, std::move(text), options);
  }
  int64_t Count() { return *store_->CountLeads(); }
  std::vector<Lead> Leads() {
    std::vector<Lead> all;
    EXPECT_TRUE(store_
                    ->ForEachLeadBatch(1000,
                                       [&](const std::vector<Lead>& batch) {
                                         all.insert(all.end(), batch.begin(), batch.end());
                                         return Status::Ok();
                                       })
                    .ok());
    return all;
  }
  std::string WriteFile(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  fs::path dir_;
  std::unique_ptr<testing_db::TestDatabase> db_;
  ManualClock clock_;
  std::unique_ptr<Store> store_;
};

class LeadImportTest : public ImportFixture, public testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override { Open(GetParam()); }
};

INSTANTIATE_TEST_SUITE_P(Engines, LeadImportTest, testing::Values("sqlite", "postgresql"),
                         [](const testing::TestParamInfo<std::string>& info) { return info.param; });

double Num(const Lead& lead, std::string_view column) {
  return lead.Number(*FindBankColumn(column));
}
const std::string& Text(const Lead& lead, std::string_view column) {
  return lead.Text(*FindBankColumn(column));
}

// Lines 1-3 of data/bank-additional-train.csv, as the UCI file writes them (CRLF, quoted).
const char kAdditional[] =
    "\"age\";\"job\";\"marital\";\"education\";\"default\";\"housing\";\"loan\";\"contact\";"
    "\"month\";\"day_of_week\";\"duration\";\"campaign\";\"pdays\";\"previous\";\"poutcome\";"
    "\"emp.var.rate\";\"cons.price.idx\";\"cons.conf.idx\";\"euribor3m\";\"nr.employed\";\"y\"\r\n"
    "57;\"services\";\"married\";\"high.school\";\"unknown\";\"no\";\"no\";\"telephone\";\"may\";"
    "\"mon\";149;1;999;0;\"nonexistent\";1.1;93.994;-36.4;4.857;5191;\"no\"\r\n"
    "37;\"services\";\"married\";\"high.school\";\"no\";\"yes\";\"no\";\"telephone\";\"may\";"
    "\"mon\";226;1;999;0;\"nonexistent\";1.1;93.994;-36.4;4.857;5191;\"yes\"\r\n";

TEST_P(LeadImportTest, ImportsBankAdditionalLayout) {
  auto report = Import(kAdditional);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->committed);
  EXPECT_EQ(report->rows_imported, 2);
  EXPECT_EQ(report->bank_columns.size(), 20u);
  EXPECT_EQ(report->fake_identities, 2);
  auto leads = Leads();
  ASSERT_EQ(leads.size(), 2u);
  EXPECT_EQ(Num(leads[0], "age"), 57);
  EXPECT_EQ(Num(leads[0], "pdays"), 999);
  EXPECT_DOUBLE_EQ(Num(leads[0], "euribor3m"), 4.857);
  EXPECT_EQ(Text(leads[0], "default"), "unknown");
  EXPECT_EQ(leads[0].outcome, std::optional<bool>(false));
  EXPECT_EQ(leads[1].outcome, std::optional<bool>(true));
  EXPECT_EQ(leads[0].name, "Nasabah 000001");
  EXPECT_EQ(leads[1].phone, "+62 000 0000 0002");
  EXPECT_EQ(leads[0].status, LeadStatus::kPending);
}

TEST_P(LeadImportTest, ImportsBankFullLayout) {
  auto report = Import(
      "age;job;marital;education;default;balance;housing;loan;contact;day;month;duration;"
      "campaign;pdays;previous;poutcome;y\n"
      "58;management;married;tertiary;no;2143;yes;no;unknown;5;may;261;1;-1;0;unknown;no\n"
      "33;entrepreneur;married;secondary;no;-2;yes;yes;unknown;5;may;76;1;-1;0;unknown;yes\n");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->rows_imported, 2);
  EXPECT_EQ(report->bank_columns.size(), 16u);
  auto leads = Leads();
  ASSERT_EQ(leads.size(), 2u);
  EXPECT_EQ(Num(leads[0], "balance"), 2143);
  EXPECT_EQ(Num(leads[1], "balance"), -2);
  EXPECT_EQ(Num(leads[0], "day"), 5);
  EXPECT_EQ(Num(leads[0], "pdays"), -1);
  EXPECT_EQ(Text(leads[0], "education"), "tertiary");
  EXPECT_TRUE(IsMissing(Num(leads[0], "euribor3m")));
}

TEST_P(LeadImportTest, QuotedFieldsAndCommaFilesWithIdentityAndExtraColumns) {
  auto report = Import(
      "Nama,No HP,age,job,Cabang,Plafon,y\r\n"
      "\"Siti \"\"Ani\"\", Rahma\",0812 3456 7890,44,\"admin.\",\"Jakarta, Selatan\",150000000,\r\n"
      "Budi,+62 811 111 222,29,student,Medan,,yes\r\n");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->delimiter, ',');
  EXPECT_EQ(report->extra_columns, (std::vector<std::string>{"Cabang", "Plafon"}));
  EXPECT_EQ(report->fake_identities, 0);
  auto leads = Leads();
  ASSERT_EQ(leads.size(), 2u);
  EXPECT_EQ(leads[0].name, "Siti \"Ani\", Rahma");
  EXPECT_EQ(leads[0].phone, "0812 3456 7890");
  EXPECT_FALSE(leads[0].outcome.has_value());
  auto extra = nlohmann::json::parse(leads[0].extra_json);
  EXPECT_EQ(extra["Cabang"], "Jakarta, Selatan");
  EXPECT_EQ(extra["Plafon"].get<int64_t>(), 150000000);
  EXPECT_FALSE(nlohmann::json::parse(leads[1].extra_json).contains("Plafon"));
}

TEST_P(LeadImportTest, FakeIdentitiesAreTheSameOnReimport) {
  ASSERT_TRUE(Import(kAdditional).ok());
  ASSERT_TRUE(Import(kAdditional).ok());
  auto leads = Leads();
  ASSERT_EQ(leads.size(), 4u);
  EXPECT_EQ(leads[0].name, leads[2].name);
  EXPECT_EQ(leads[0].phone, leads[2].phone);
  EXPECT_EQ(leads[1].name, leads[3].name);
  EXPECT_NE(leads[0].name, leads[1].name);
}

TEST_P(LeadImportTest, BadRowsRefuseTheFileListingEveryLine) {
  auto report = Import(
      "age;job;campaign;y\n"
      "30;admin.;1;no\n"
      "abc;admin.;1;no\n"      // line 3: not a number
      "31;admin.;2;yes\n"
      "-4;admin.;1;no\n"       // line 5: negative age
      "32;admin.;1;perhaps\n"  // line 6: bad y
      "33;admin.;1\n");        // line 7: a field missing
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->committed);
  EXPECT_EQ(report->rows_imported, 0);
  EXPECT_EQ(report->rows_read, 6);
  ASSERT_EQ(report->bad_rows, 4);
  std::vector<size_t> lines;
  for (const auto& bad : report->bad_lines) lines.push_back(bad.line);
  EXPECT_EQ(lines, (std::vector<size_t>{3, 5, 6, 7}));
  EXPECT_NE(report->bad_lines[0].reason.find("'abc' is not a number"), std::string::npos);
  EXPECT_NE(report->bad_lines[3].reason.find("expected 4 fields, found 3"), std::string::npos);
  EXPECT_NE(report->BadLinesText().find("line 5: column 'age'"), std::string::npos);
  EXPECT_EQ(Count(), 0);
}

TEST_P(LeadImportTest, SkipBadImportsTheGoodRowsAndListsTheBad) {
  auto report = Import("age;job;y\n30;admin.;no\nx;admin.;no\n31;student;yes\n", true);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->committed);
  EXPECT_EQ(report->rows_imported, 2);
  ASSERT_EQ(report->bad_lines.size(), 1u);
  EXPECT_EQ(report->bad_lines[0].line, 3u);
  EXPECT_EQ(Count(), 2);
  // Positions count every data row, so the third row is still "000003".
  EXPECT_EQ(Leads()[1].name, "Nasabah 000003");
}

TEST_P(LeadImportTest, LargeFileGoesInBatchesInOneTransaction) {
  std::ostringstream csv;
  ASSERT_TRUE(GenerateLeadCsv({12'345, 9, CsvLayout::kBankAdditional}, csv).ok());
  ImportOptions options;
  options.batch_size = 1000;
  int calls = 0;
  options.progress = [&calls](const ImportProgress&) { ++calls; };
  auto report = ImportLeadsFromText(*store_, clock_, csv.str(), options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->rows_imported, 12'345);
  EXPECT_EQ(Count(), 12'345);
  EXPECT_GE(calls, 12);

  // The same file with one bad row at its end: nothing of it is written.
  std::string text = csv.str() + "41;\"admin.\";broken\n";
  auto refused = ImportLeadsFromText(*store_, clock_, text, options);
  ASSERT_TRUE(refused.ok());
  EXPECT_FALSE(refused->committed);
  ASSERT_EQ(refused->bad_lines.size(), 1u);
  EXPECT_EQ(refused->bad_lines[0].line, 12'347u);
  EXPECT_EQ(Count(), 12'345);
}

// The whole file is read and checked before anything is written, and the checked rows are
// written in short transactions (chunks) that show nothing until the import's last one: a
// write from another connection (a sales person's change, here a new lead) goes through at
// once, even with a short busy timeout, both while the file is read and while its rows are
// written, and that connection counts none of the file's rows before the import is done. Were
// the rows written in one transaction, SQLite's write lock would make the probe fail busy.
TEST_P(LeadImportTest, TheFileIsCheckedBeforeTheWriteTransactionBegins) {
  StoreOptions quick;
  quick.pool_size = 2;
  quick.busy_timeout_ms = 100;
  auto other = OpenStore(db_->url(), quick);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  std::ostringstream csv;
  ASSERT_TRUE(GenerateLeadCsv({20'000, 4, CsvLayout::kBankAdditional}, csv).ok());
  const std::string good_file = csv.str();

  Lead probe;
  probe.name = "Sales di tengah impor";
  probe.phone = "+62 812 0000 0099";
  struct Probes {
    int reading = 0, reading_ok = 0;     // writes made while the file was read
    int writing = 0, writing_busy = 0;   // one write made while the rows were written
    int64_t seen_while_writing = -1;     // leads the other connection counted then
    bool wrote_before_read = false;      // a writing report before the last reading one
    bool reading_ended = false;
  };
  auto run = [&](const std::string& text, Probes* probes) {
    ImportOptions options;
    options.batch_size = 1000;
    options.progress = [&, probes](const ImportProgress& p) {
      if (p.rows_to_write == 0) {
        if (probes->writing > 0) probes->wrote_before_read = true;
        if (p.bytes_done == p.bytes_total) probes->reading_ended = true;
        ++probes->reading;
        auto id = (*other)->CreateLead(probe, clock_.NowMs());
        EXPECT_TRUE(id.ok()) << "line " << p.rows_read << ": " << id.status().ToString();
        probes->reading_ok += id.ok();
        return;
      }
      if (probes->writing++ > 0) return;
      auto id = (*other)->CreateLead(probe, clock_.NowMs());
      probes->writing_busy += !id.ok() && id.status().code() == StatusCode::kUnavailable;
      EXPECT_TRUE(id.ok()) << id.status().ToString();
      auto seen = (*other)->CountLeads();
      probes->seen_while_writing = seen.ok() ? *seen : -2;
    };
    return ImportLeadsFromText(*store_, clock_, text, options);
  };

  Probes taken;
  auto report = run(good_file, &taken);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->committed);
  EXPECT_EQ(report->rows_imported, 20'000);
  EXPECT_GE(taken.reading, 20);
  EXPECT_EQ(taken.reading_ok, taken.reading);
  EXPECT_TRUE(taken.reading_ended);
  EXPECT_FALSE(taken.wrote_before_read);
  EXPECT_GE(taken.writing, 1);
  EXPECT_EQ(taken.writing_busy, 0);
  // The probes of the reading and the one just made; none of the file's rows.
  EXPECT_EQ(taken.seen_while_writing, taken.reading_ok + 1);
  const int64_t probes_taken = taken.reading_ok + (1 - taken.writing_busy);
  EXPECT_EQ(Count(), 20'000 + probes_taken);

  // A bad row at the end refuses the file: the writes made while it was read stay, nothing of
  // the file is written, and no transaction was begun (no writing report, no busy probe).
  Probes refused;
  auto bad = run(good_file + "41;\"admin.\";broken\n", &refused);
  ASSERT_TRUE(bad.ok()) << bad.status().ToString();
  EXPECT_FALSE(bad->committed);
  ASSERT_EQ(bad->bad_lines.size(), 1u);
  EXPECT_EQ(bad->bad_lines[0].line, 20'002u);
  EXPECT_GE(refused.reading, 20);
  EXPECT_EQ(refused.reading_ok, refused.reading);
  EXPECT_EQ(refused.writing, 0);
  EXPECT_EQ(Count(), 20'000 + probes_taken + refused.reading_ok);
}

// Files refused as a whole, with a message, before or while reading; nothing is written.
struct MalformedCase {
  std::string name;
  std::string bytes;
  std::string message;
};
void PrintTo(const MalformedCase& c, std::ostream* os) { *os << c.name; }

class MalformedFileTest
    : public ImportFixture,
      public testing::WithParamInterface<std::tuple<std::string, MalformedCase>> {
 protected:
  void SetUp() override { Open(std::get<0>(GetParam())); }
  const MalformedCase& Case() { return std::get<1>(GetParam()); }
};

TEST_P(MalformedFileTest, IsRefusedAndWritesNothing) {
  const MalformedCase& c = Case();
  std::string path = WriteFile(c.name + ".csv", c.bytes);
  ImportOptions options;
  options.skip_bad = true;  // a file-level problem refuses the file even so
  auto report = ImportLeadsFromFile(*store_, clock_, path, options);
  ASSERT_FALSE(report.ok()) << c.name << " was accepted";
  EXPECT_EQ(report.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(report.status().message().find(c.message), std::string::npos)
      << report.status().message();
  EXPECT_EQ(Count(), 0);
}

INSTANTIATE_TEST_SUITE_P(
    Files, MalformedFileTest,
    testing::Combine(testing::Values("sqlite", "postgresql"), testing::Values(
        MalformedCase{"zero_bytes", "", "empty (0 bytes)"},
        MalformedCase{"blank_lines", "\r\n\r\n", "no header"},
        MalformedCase{"header_only", "age;job;y\r\n", "no data rows"},
        MalformedCase{"missing_column", "age;marital;y\n30;single;no\n", "'job' is missing"},
        MalformedCase{"no_known_column", "CustomerID,Genre,Age2\n1,Male,19\n",
                      "none of the columns"},
        MalformedCase{"broken_quote", "age;job;y\n30;admin.;no\n31;\"admin.;no\n32;x;no\n",
                      "line 3: a quoted field is never closed"},
        MalformedCase{"text_after_quote", "age;job;y\n30;\"admin.\"x;no\n",
                      "line 2: unexpected text after a closing quote"},
        MalformedCase{"latin1", "nama;age;job\nBudi;30;admin.\nJos\xE9;41;admin.\n",
                      "line 3: the file is not UTF-8"},
        MalformedCase{"utf16", std::string("\xFF\xFE" "a\0g\0e\0;\0j\0o\0b\0\n\0", 18), "UTF-16"})),
    [](const testing::TestParamInfo<std::tuple<std::string, MalformedCase>>& info) {
      return std::get<0>(info.param) + "_" + std::get<1>(info.param).name;
    });

TEST_P(LeadImportTest, MissingFileIsNotFound) {
  auto report = ImportLeadsFromFile(*store_, clock_, (dir_ / "nope.csv").string(), {});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kNotFound);
}

TEST_P(LeadImportTest, ImportsTheBundledTrainingSplit) {
  ImportOptions options;
  auto report = ImportLeadsFromFile(
      *store_, clock_, LEADSCORE_SOURCE_DIR "/data/bank-additional-train.csv", options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->bad_rows, 0) << report->BadLinesText();
  EXPECT_EQ(report->rows_imported, 32'950);
  int64_t yes = 0;
  for (const auto& lead : Leads()) yes += lead.outcome.value_or(false);
  EXPECT_EQ(yes, 3'712);  // as data/README.md says
}

}  // namespace
}  // namespace leadscore
