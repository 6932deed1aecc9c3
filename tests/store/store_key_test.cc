// One customer, one lead, in the store: the unique customer key, the writer's updates, the
// identity numbers and the phone search over the kept digits, on both engines.
#include <algorithm>
#include <set>
#include <thread>

#include "store/store_test_env.h"

namespace leadscore {
namespace {

class StoreKeyTest : public StoreTest {
 protected:
  Lead Keyed(const std::string& name, const std::string& key, const std::string& phone = "") {
    Lead lead = MakeLead(name);
    lead.customer_key = key;
    if (!phone.empty()) lead.phone = phone;
    return lead;
  }

  std::vector<int64_t> Search(const std::string& q) {
    LeadQuery query;
    query.viewer = ViewerFor(admin_, Role::kAdmin);
    query.search = q;
    auto page = store_->ListLeads(query);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<int64_t> ids;
    if (page.ok()) {
      for (const auto& row : page->rows) ids.push_back(row.lead.id);
    }
    std::sort(ids.begin(), ids.end());  // in id order: the tests ask what is found, not where
    return ids;
  }

  int64_t admin_ = 0;
};

TEST_P(StoreKeyTest, AKeyBelongsToOneLeadAndTheConflictNamesNoLead) {
  auto first = store_->CreateLead(Keyed("Ayu Lestari", "C-1"), now());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto again = store_->CreateLead(Keyed("Someone Else", "C-1"), now());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
  EXPECT_EQ(again.status().message(), "a lead with this customer key already exists");
  EXPECT_EQ(*store_->CountLeads(), 1);

  // Leads without a key (stored before keys) do not collide with each other.
  ASSERT_TRUE(store_->CreateLead(MakeLead("No key"), now()).ok());
  ASSERT_TRUE(store_->CreateLead(MakeLead("No key"), now()).ok());

  auto second = store_->CreateLead(Keyed("Budi", "C-2"), now());
  ASSERT_TRUE(second.ok());
  auto lead = store_->GetLead(*second, now(), kDefaultRejectPeriod);
  ASSERT_TRUE(lead.ok());
  EXPECT_EQ(lead->customer_key, "C-2");
  lead->customer_key = "C-1";
  Status taken = store_->UpdateLead(*lead, now());
  EXPECT_EQ(taken.code(), StatusCode::kConflict);
  EXPECT_EQ(store_->GetLead(*second, now(), kDefaultRejectPeriod)->customer_key, "C-2");
  lead->customer_key = "C-2";
  lead->name = "Budi Santoso";
  EXPECT_TRUE(store_->UpdateLead(*lead, now()).ok());  // its own key is no conflict
}

TEST_P(StoreKeyTest, FindsLeadsByKeyInChunks) {
  auto writer = store_->BeginLeadImport(now());
  ASSERT_TRUE(writer.ok());
  std::vector<Lead> batch;
  for (int i = 0; i < 1200; ++i) batch.push_back(Keyed("Lead " + std::to_string(i), "K" + std::to_string(i)));
  ASSERT_TRUE((*writer)->Add(batch).ok());
  ASSERT_TRUE((*writer)->Commit().ok());

  std::vector<std::string> keys;
  for (int i = 100; i < 1300; ++i) keys.push_back("K" + std::to_string(i));  // 100 unknown
  auto found = store_->FindLeadsByCustomerKey(keys);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->size(), 1100u);
  std::set<std::string> seen;
  for (const Lead& lead : *found) {
    seen.insert(lead.customer_key);
    EXPECT_EQ(lead.name, "Lead " + lead.customer_key.substr(1));
  }
  EXPECT_EQ(seen.size(), 1100u);
  EXPECT_EQ(seen.count("K99"), 0u);
  EXPECT_TRUE(store_->FindLeadsByCustomerKey({})->empty());
}

TEST_P(StoreKeyTest, WriterUpdatesOnlyTheDataAtCommit) {
  const int64_t ani = AddUser("ani", Role::kSales);
  auto id = store_->CreateLead(Keyed("Ayu", "C-1", "0812-3456-7890"), now());
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(store_->ChangeLeadStatus(*id, ani, LeadStatus::kContacted, "call me friday",
                                       std::nullopt, now(), kDefaultRejectPeriod)
                  .ok());
  ASSERT_TRUE(store_->SetDoNotCall(*id, true, ani, "asked on the phone", now(),
                                   kDefaultRejectPeriod)
                  .ok());
  clock_.Advance(1000);

  Lead changed = *store_->GetLead(*id, now(), kDefaultRejectPeriod);
  changed.name = "Ayu Lestari";
  changed.numeric[FindBankColumn("age")->slot] = 44;
  {
    auto writer = store_->BeginLeadImport(now());
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Update({changed}).ok());
    EXPECT_EQ((*writer)->updated(), 1);
    // Staged, not written: another connection still reads the old data.
    EXPECT_EQ(store_->GetLead(*id, now(), kDefaultRejectPeriod)->name, "Ayu");
  }  // destroyed without Commit: nothing
  EXPECT_EQ(store_->GetLead(*id, now(), kDefaultRejectPeriod)->name, "Ayu");

  auto writer = store_->BeginLeadImport(now());
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Update({changed}).ok());
  ASSERT_TRUE((*writer)->Add({Keyed("New", "C-9")}).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  Lead after = *store_->GetLead(*id, now(), kDefaultRejectPeriod);
  EXPECT_EQ(after.name, "Ayu Lestari");
  EXPECT_EQ(after.Number(*FindBankColumn("age")), 44);
  EXPECT_EQ(after.customer_key, "C-1");
  EXPECT_EQ(after.status, LeadStatus::kContacted);
  EXPECT_EQ(after.owner_id, std::optional<int64_t>(ani));
  EXPECT_TRUE(after.do_not_call);
  EXPECT_EQ(after.updated_at, now());
  EXPECT_EQ(*store_->CountLeads(), 2);
  ActivityQuery q;
  q.lead_id = *id;
  EXPECT_EQ(*store_->CountActivity(q), 2);  // the status change and the mark, nothing more
}

TEST_P(StoreKeyTest, AnUpdateOfALeadDeletedMeanwhileWritesNothing) {
  auto gone = store_->CreateLead(Keyed("Gone", "C-1"), now());
  ASSERT_TRUE(gone.ok());
  Lead update = *store_->GetLead(*gone, now(), kDefaultRejectPeriod);
  update.name = "Gone for good";
  // Looked up, then deleted before the import's transaction began (which, on SQLite, holds the
  // write lock until it ends).
  ASSERT_TRUE(store_->DeleteLead(*gone).ok());
  auto writer = store_->BeginLeadImport(now());
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Update({update}).ok());
  ASSERT_TRUE((*writer)->Add({Keyed("New", "C-2")}).ok());
  Status commit = (*writer)->Commit();
  EXPECT_EQ(commit.code(), StatusCode::kConflict) << commit.ToString();
  writer->reset();
  EXPECT_EQ(*store_->CountLeads(), 0);
}

TEST_P(StoreKeyTest, AKeyTakenMeanwhileRefusesTheImport) {
  // Taken after the import looked its keys up, before it wrote.
  ASSERT_TRUE(store_->CreateLead(Keyed("First", "C-1"), now()).ok());
  auto writer = store_->BeginLeadImport(now());
  ASSERT_TRUE(writer.ok());
  Status added = (*writer)->Add({Keyed("Second", "C-1")});
  if (added.ok()) added = (*writer)->Commit();
  EXPECT_EQ(added.code(), StatusCode::kConflict) << added.ToString();
  writer->reset();
  EXPECT_EQ(*store_->CountLeads(), 1);
}

TEST_P(StoreKeyTest, IdentityNumbersAreNeverHandedOutTwice) {
  auto first = store_->ReserveIdentityNumbers(5);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, 1);  // an empty portal starts at 1
  EXPECT_EQ(*store_->ReserveIdentityNumbers(3), 6);
  EXPECT_EQ(store_->ReserveIdentityNumbers(0).status().code(), StatusCode::kInvalidArgument);
  std::vector<int64_t> got(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      auto first = store_->ReserveIdentityNumbers(10);
      got[t] = first.ok() ? *first : -1;
    });
  }
  for (auto& thread : threads) thread.join();
  std::sort(got.begin(), got.end());
  for (int t = 0; t < 8; ++t) EXPECT_EQ(got[t], 9 + 10 * t);
}

TEST_P(StoreKeyTest, PhoneSearchFindsEverySpellingOfANumber) {
  admin_ = AddUser("admin", Role::kAdmin);
  const int64_t ayu = *store_->CreateLead(Keyed("Ayu", "C-1", "0812-3456-7890"), now());
  const int64_t budi = *store_->CreateLead(Keyed("Budi", "C-2", "+62 813 1111 2222"), now());
  const int64_t bare = *store_->CreateLead(Keyed("Citra", "C-3", "812 9999 0000"), now());
  for (const char* spelling : {"081234567890", "0812-3456-7890", "+62 812 3456 7890",
                               "6281234567890", "(0812) 3456 7890", "812-3456"}) {
    EXPECT_EQ(Search(spelling), std::vector<int64_t>{ayu}) << spelling;
  }
  EXPECT_EQ(Search("0813 1111"), std::vector<int64_t>{budi});
  EXPECT_EQ(Search("0812 9999 0000"), std::vector<int64_t>{bare});  // stored without the 0
  EXPECT_EQ(Search("+62 812 9999"), std::vector<int64_t>{bare});
  EXPECT_TRUE(Search("0899").empty());
  EXPECT_EQ(Search("budi"), std::vector<int64_t>{budi});  // names as before
  // An edit of the phone moves what the search finds.
  Lead moved = *store_->GetLead(ayu, now(), kDefaultRejectPeriod);
  moved.phone = "0857 0000 1111";
  ASSERT_TRUE(store_->UpdateLead(moved, now()).ok());
  EXPECT_TRUE(Search("081234567890").empty());
  EXPECT_EQ(Search("+62 857 0000 1111"), std::vector<int64_t>{ayu});
}

TEST_P(StoreKeyTest, TheMigrationKeysExistingLeadsByTheirFirstNumber) {
  admin_ = AddUser("admin", Role::kAdmin);
  const int64_t first = *store_->CreateLead(MakeLead("Ayu"), now());
  Lead twin = MakeLead("Ayu again");
  twin.phone = "0812 0000 3";  // MakeLead's "+62 812 0000 3", spelt otherwise
  const int64_t second = *store_->CreateLead(twin, now());
  Lead fake = MakeLead("Nasabah 000003");
  fake.phone = "+62 000 0000 0003";
  const int64_t made_up = *store_->CreateLead(fake, now());
  store_.reset();
  // Back to the schema before keys, with the leads as an older portal stored them.
  Raw([](soci::session& sql) {
    sql << "DROP INDEX leads_customer_key";
    sql << "ALTER TABLE leads DROP COLUMN customer_key";
    sql << "ALTER TABLE leads DROP COLUMN phone_digits";
    sql << "DROP TABLE identity_numbers";
    sql << "DELETE FROM schema_migrations WHERE version = 8";
  });
  auto reopened = OpenStore(db_->url());
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  store_ = std::move(reopened).value();
  EXPECT_EQ(store_->GetLead(first, now(), kDefaultRejectPeriod)->customer_key, "+628120000" "3");
  EXPECT_EQ(store_->GetLead(second, now(), kDefaultRejectPeriod)->customer_key, "");
  EXPECT_EQ(store_->GetLead(made_up, now(), kDefaultRejectPeriod)->customer_key, "");
  EXPECT_EQ(Search("+62 812 0000 3"), (std::vector<int64_t>{first, second}));
  // Made-up identities continue above every lead id, so none repeats an older one.
  EXPECT_EQ(*store_->ReserveIdentityNumbers(1), made_up + 1);
}

LEADSCORE_STORE_SUITE(StoreKeyTest);

}  // namespace
}  // namespace leadscore
