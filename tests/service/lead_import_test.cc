#include "service/lead_import.h"

#include <stdlib.h>

#include <filesystem>
#include <set>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/lead_workflow.h"
#include "pg/test_database.h"
#include "service/lead_export.h"
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

// One customer, one lead: a file with no key and no identity gets made-up identities that no
// other import repeats, so importing it twice gives four leads, none of them like another.
TEST_P(LeadImportTest, TwoKeylessImportsNeverCollide) {
  auto first = Import(kAdditional);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->created, 2);
  auto second = Import(kAdditional);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->created, 2);
  EXPECT_EQ(second->updated + second->unchanged, 0);
  EXPECT_EQ(second->fake_identities, 2);
  auto leads = Leads();
  ASSERT_EQ(leads.size(), 4u);
  std::set<std::string> names, phones, keys;
  for (const Lead& lead : leads) {
    names.insert(lead.name);
    phones.insert(lead.phone);
    keys.insert(lead.customer_key);
    EXPECT_EQ(NormalizePhoneE164(lead.phone), std::nullopt) << lead.phone;  // visibly made up
  }
  EXPECT_EQ(names.size(), 4u);
  EXPECT_EQ(phones.size(), 4u);
  EXPECT_EQ(keys.size(), 4u);
  EXPECT_EQ(leads[2].name, "Nasabah 000003");  // after the two of the first import
  EXPECT_EQ(leads[2].customer_key, "auto:000003");
  // A lead created in between takes no number either import uses.
  ASSERT_TRUE(Import("nama;age;job\nAyu;30;admin.\n").ok());
  ASSERT_TRUE(Import(kAdditional).ok());
  std::set<std::string> all_keys;
  for (const Lead& lead : Leads()) all_keys.insert(lead.customer_key);
  EXPECT_EQ(all_keys.size(), 7u);
}

constexpr char kKeyed[] =
    "customer_id;nama;no_hp;age;job;cabang;y\n"
    "C-1;Ayu Lestari;0812-3456-7890;30;admin.;Bandung;\n"
    "C-2;Budi Santoso;0813 1111 2222;41;technician;Medan;no\n"
    "C-3;Citra;;52;retired;;\n";

TEST_P(LeadImportTest, ReimportingAKeyedFileAddsNoLead) {
  auto first = Import(kKeyed);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->created, 3);
  EXPECT_EQ(first->rows_imported, 3);
  EXPECT_EQ(first->fake_identities, 1);  // Citra has no phone
  const std::vector<Lead> before = Leads();
  ASSERT_EQ(before.size(), 3u);
  EXPECT_EQ(before[0].customer_key, "C-1");

  clock_.Advance(60'000);
  auto again = Import(kKeyed);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->committed);
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->updated, 0);
  EXPECT_EQ(again->unchanged, 3);
  EXPECT_EQ(again->rows_imported, 3);
  EXPECT_EQ(again->fake_identities, 0);
  const std::vector<Lead> after = Leads();
  ASSERT_EQ(after.size(), 3u);
  for (size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].updated_at, before[i].updated_at) << "unchanged rows are not written";
    EXPECT_EQ(after[i].phone, before[i].phone);  // Citra keeps her made-up number
  }

  // One row changed, one new, one as it was; the file no longer has the `cabang` column.
  auto changed = Import(
      "customer_id;nama;no_hp;age;job;y\n"
      "C-1;Ayu Lestari;0812-3456-7890;31;admin.;\n"
      "C-2;Budi Santoso;0813 1111 2222;41;technician;no\n"
      "C-4;Dewi;0857 0000 1111;25;student;\n");
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->created, 1);
  EXPECT_EQ(changed->updated, 1);
  EXPECT_EQ(changed->unchanged, 1);
  const std::vector<Lead> last = Leads();
  ASSERT_EQ(last.size(), 4u);
  EXPECT_EQ(Num(last[0], "age"), 31);
  EXPECT_EQ(last[0].id, before[0].id);
  EXPECT_EQ(nlohmann::json::parse(last[0].extra_json)["cabang"], "Bandung");  // kept
  EXPECT_GT(last[0].updated_at, before[0].updated_at);
  EXPECT_EQ(last[3].customer_key, "C-4");
}

TEST_P(LeadImportTest, AnUpdatedLeadKeepsItsStatusOwnerNotesAndDoNotCall) {
  User sales;
  sales.username = "ani";
  sales.display_name = "Ani";
  sales.password_hash = "$argon2id$fake";
  sales.created_at = clock_.NowMs();
  const int64_t ani = *store_->CreateUser(sales);
  ASSERT_TRUE(Import("nama;telepon;age;job\nAyu;0812-3456-7890;30;admin.\n"
                     "Budi;0813 1111 2222;41;technician\n")
                  .ok());
  const Lead ayu = Leads()[0];
  EXPECT_EQ(ayu.customer_key, "+6281234567890");
  ASSERT_TRUE(store_->ChangeLeadStatus(ayu.id, ani, LeadStatus::kContacted, "call after lunch",
                                       std::nullopt, clock_.NowMs(), kDefaultRejectPeriod)
                  .ok());
  ASSERT_TRUE(store_->SetDoNotCall(ayu.id, true, ani, "asked not to be called", clock_.NowMs(),
                                   kDefaultRejectPeriod)
                  .ok());
  clock_.Advance(1000);

  // The bank's next file writes the number another way and has her new age.
  auto report = Import("nama;telepon;age;job\nAyu L.;+62 812 3456 7890;31;admin.\n"
                       "Budi;0813 1111 2222;41;technician\n");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->created, 0);
  EXPECT_EQ(report->updated, 1);
  EXPECT_EQ(report->unchanged, 1);
  ASSERT_EQ(Count(), 2);
  const Lead after = Leads()[0];
  EXPECT_EQ(after.id, ayu.id);
  EXPECT_EQ(after.name, "Ayu L.");
  EXPECT_EQ(after.phone, "+62 812 3456 7890");
  EXPECT_EQ(Num(after, "age"), 31);
  EXPECT_EQ(after.status, LeadStatus::kContacted);
  EXPECT_EQ(after.owner_id, std::optional<int64_t>(ani));
  EXPECT_TRUE(after.do_not_call);
  ActivityQuery history;
  history.lead_id = ayu.id;
  auto entries = store_->ListActivity(history);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u);
  bool note_kept = false;
  for (const auto& e : *entries) note_kept = note_kept || e.note == "call after lunch";
  EXPECT_TRUE(note_kept);
}

TEST_P(LeadImportTest, AKeyRepeatedInOneFileIsABadRowWithItsLine) {
  // The same customer number twice, and one phone written two ways in a file without keys.
  auto refused = Import(
      "customer_id;nama;age;job\nC-1;Ayu;30;admin.\nC-2;Budi;41;technician\nC-1;Ayu;30;admin.\n");
  ASSERT_TRUE(refused.ok()) << refused.status().ToString();
  EXPECT_FALSE(refused->committed);
  ASSERT_EQ(refused->bad_lines.size(), 1u);
  EXPECT_EQ(refused->bad_lines[0].line, 4u);
  EXPECT_NE(refused->bad_lines[0].reason.find("'C-1' is already on line 2"), std::string::npos)
      << refused->bad_lines[0].reason;
  EXPECT_NE(refused->bad_lines[0].reason.find("column 'customer_id'"), std::string::npos);
  EXPECT_EQ(Count(), 0);

  auto phones = Import("nama;no_hp;age;job\nAyu;081234567890;30;admin.\n"
                       "Ayu;+62 812-3456-7890;30;admin.\n");
  ASSERT_TRUE(phones.ok());
  EXPECT_FALSE(phones->committed);
  ASSERT_EQ(phones->bad_lines.size(), 1u);
  EXPECT_EQ(phones->bad_lines[0].line, 3u);
  EXPECT_NE(phones->bad_lines[0].reason.find("column 'no_hp'"), std::string::npos);
  EXPECT_EQ(Count(), 0);

  // With skip_bad the first of them goes in and the repeat is listed.
  auto skipped = Import(
      "customer_id;nama;age;job\nC-1;Ayu;30;admin.\nC-2;Budi;41;technician\nC-1;Ayu;30;admin.\n",
      true);
  ASSERT_TRUE(skipped.ok());
  EXPECT_TRUE(skipped->committed);
  EXPECT_EQ(skipped->created, 2);
  ASSERT_EQ(skipped->bad_lines.size(), 1u);
  EXPECT_EQ(skipped->bad_lines[0].line, 4u);
  EXPECT_EQ(Count(), 2);
}

TEST_P(LeadImportTest, ARefusedFileChangesNoLead) {
  ASSERT_TRUE(Import(kKeyed).ok());
  const std::vector<Lead> before = Leads();
  clock_.Advance(1000);
  auto refused = Import(
      "customer_id;nama;no_hp;age;job;cabang;y\n"
      "C-1;Ayu Berubah;0812-3456-7890;99;admin.;Bandung;\n"
      "C-5;Baru;0899 1111 2222;40;admin.;;\n"
      "C-2;Budi Santoso;0813 1111 2222;umur;technician;Medan;no\n");
  ASSERT_TRUE(refused.ok());
  EXPECT_FALSE(refused->committed);
  EXPECT_EQ(refused->created + refused->updated + refused->unchanged, 0);
  const std::vector<Lead> after = Leads();
  ASSERT_EQ(after.size(), before.size());
  EXPECT_EQ(after[0].name, "Ayu Lestari");
  EXPECT_EQ(Num(after[0], "age"), 30);
  EXPECT_EQ(after[0].updated_at, before[0].updated_at);
}

TEST_P(LeadImportTest, AnExportImportsBackIntoTheSamePortalUnchanged) {
  ASSERT_TRUE(Import(kKeyed).ok());
  ASSERT_TRUE(Import(kAdditional).ok());
  std::string text;
  ASSERT_TRUE(ExportLeads(*store_, clock_, {}, [&](std::string_view chunk) {
                text.append(chunk);
                return Status::Ok();
              }).ok());
  auto again = Import(text);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_TRUE(again->committed) << again->BadLinesText();
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->updated, 0);
  EXPECT_EQ(again->unchanged, 5);
  EXPECT_EQ(Count(), 5);
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
