// Store: migrations 13 and 14 on a database an older portal left, on both engines. The scores keep
// their values while their reasons_json column goes, and the call-back and follow-up indexes
// leave out the leads nobody owns; the reads through them find what they found before.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "store/soci_api.h"
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "store/dialect.h"
#include "store/store_test_env.h"

namespace leadscore {
namespace {

class StoreScoresMigrationTest : public StoreTest {
 protected:
  // The definition of index `name` as the engine stores it.
  std::string IndexSql(const std::string& name) {
    std::string text;
    Raw([&](soci::session& sql) {
      if (GetParam() == "sqlite") {
        sql << "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :n", soci::use(name),
            soci::into(text);
      } else {
        sql << "SELECT indexdef FROM pg_indexes WHERE indexname = :n", soci::use(name),
            soci::into(text);
      }
    });
    return text;
  }

  bool ScoresHaveReasonsColumn() {
    long long n = 0;
    Raw([&](soci::session& sql) {
      if (GetParam() == "sqlite") {
        sql << "SELECT COUNT(*) FROM pragma_table_info('scores') WHERE name = 'reasons_json'",
            soci::into(n);
      } else {
        sql << "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'scores'"
               " AND column_name = 'reasons_json'",
            soci::into(n);
      }
    });
    return n > 0;
  }
};
LEADSCORE_STORE_SUITE(StoreScoresMigrationTest);

TEST_P(StoreScoresMigrationTest, AnOlderDatabaseKeepsItsScoresAndLeadsAndLosesTheDeadColumn) {
  const int64_t sales = AddUser("sari", Role::kSales);
  const int64_t called = AddLead("Called back");
  const int64_t other = AddLead("Nobody's");
  ASSERT_TRUE(store_->UpsertScore({called, 0.7, std::nullopt, "A", 1, now()}).ok());
  ASSERT_TRUE(store_->UpsertScore({other, 0.2, std::nullopt, "D", 1, now()}).ok());
  const TimeMs callback = now() + 60 * 60 * 1000;
  ASSERT_TRUE(store_
                  ->ChangeLeadStatus(called, sales, LeadStatus::kContacted, "ring at ten",
                                     callback, now(), kDefaultRejectPeriod)
                  .ok());
  EXPECT_FALSE(ScoresHaveReasonsColumn());
  EXPECT_NE(IndexSql("leads_owner_callback").find("WHERE"), std::string::npos);
  EXPECT_NE(IndexSql("leads_followup").find("WHERE"), std::string::npos);
  store_.reset();

  // Back to the schema of migration 12: the column with its stored reasons, the full indexes.
  Raw([](soci::session& sql) {
    sql << "ALTER TABLE scores ADD COLUMN reasons_json TEXT NOT NULL DEFAULT '[]'";
    sql << "UPDATE scores SET reasons_json = '[[\"age\",\"40\",0.1]]'";
    sql << "DROP INDEX leads_owner_callback";
    sql << "CREATE INDEX leads_owner_callback ON leads(owner_id, callback_at)";
    sql << "DROP INDEX leads_followup";
    sql << "CREATE INDEX leads_followup ON leads(status, followup_at)";
    sql << "DELETE FROM schema_migrations WHERE version >= 13";
  });
  ASSERT_TRUE(ScoresHaveReasonsColumn());
  ASSERT_EQ(IndexSql("leads_followup").find("WHERE"), std::string::npos);

  auto reopened = OpenStore(db_->url());
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  store_ = std::move(reopened).value();
  EXPECT_FALSE(ScoresHaveReasonsColumn());
  EXPECT_NE(IndexSql("leads_owner_callback").find("WHERE"), std::string::npos);
  EXPECT_NE(IndexSql("leads_followup").find("WHERE"), std::string::npos);
  auto score = store_->GetScore(called);
  ASSERT_TRUE(score.ok()) << score.status().ToString();
  EXPECT_NEAR(score->score, 0.7, 1e-12);
  EXPECT_EQ(score->grade, "A");
  EXPECT_EQ(*store_->CountScores(), 2);

  // The owner's due call-back still tops their list; the other lead is still everyone's.
  clock_.Advance(2 * 60 * 60 * 1000);
  LeadQuery mine;
  mine.viewer = ViewerFor(sales, Role::kSales);
  auto page = store_->ListLeads(mine);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->rows.size(), 2u);
  EXPECT_EQ(page->rows[0].lead.id, called);
  EXPECT_TRUE(page->rows[0].callback_due);
  EXPECT_EQ(page->rows[1].lead.id, other);
  // A score written after the migration round-trips without the column.
  ASSERT_TRUE(store_->UpsertScore({other, 0.3, std::nullopt, "C", 2, now()}).ok());
  EXPECT_NEAR(*store_->GetScore(other)->previous_score, 0.2, 1e-12);
}

}  // namespace
}  // namespace leadscore
