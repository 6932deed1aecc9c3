#include <gtest/gtest.h>

#include "store_test_env.h"

namespace leadscore {
namespace {

class StoreHistoryTest : public StoreTest {
 protected:
  static HistoryRow Row(int age, bool yes, const std::string& source = "import") {
    return {0, source, "{\"age\":" + std::to_string(age) + "}", yes, 1000, "admin"};
  }
  std::vector<HistoryRow> All(size_t batch) {
    std::vector<HistoryRow> out;
    Status s = store_->ScanHistory(batch, [&](const std::vector<HistoryRow>& rows) {
      out.insert(out.end(), rows.begin(), rows.end());
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }
};

TEST_P(StoreHistoryTest, KeepsRowsInTheOrderTheyCameAndCountsThem) {
  std::vector<HistoryRow> rows;
  for (int i = 0; i < 7; ++i) rows.push_back(Row(20 + i, i % 3 == 0));
  rows.push_back(Row(99, true, "portal"));
  auto added = store_->AppendHistory(rows);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(*added, 8);
  std::vector<HistoryRow> read = All(3);  // several batches
  ASSERT_EQ(read.size(), 8u);
  for (size_t i = 0; i < read.size(); ++i) {
    EXPECT_EQ(read[i].data_json, rows[i].data_json);
    EXPECT_EQ(read[i].outcome, rows[i].outcome);
    EXPECT_EQ(read[i].source, rows[i].source);
    if (i > 0) EXPECT_GT(read[i].id, read[i - 1].id);
  }
  auto counts = store_->CountHistory();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->rows, 8);
  EXPECT_EQ(counts->from_import, 7);
  EXPECT_EQ(counts->positives, 4);  // rows 0, 3, 6 and the portal one
}

TEST_P(StoreHistoryTest, ABadRowRefusesTheWholeAppend) {
  std::vector<HistoryRow> rows = {Row(30, true), Row(31, false, "somewhere")};
  auto added = store_->AppendHistory(rows);
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(All(10).empty());
}

TEST_P(StoreHistoryTest, HistoryIsNeverAListedLead) {
  ASSERT_TRUE(store_->AppendHistory({Row(30, true), Row(40, false)}).ok());
  int64_t admin = AddUser("admin", Role::kAdmin);
  LeadQuery query;
  query.viewer = ViewerFor(admin, Role::kAdmin);
  auto page = store_->ListLeads(query);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 0);
  EXPECT_EQ(*store_->CountLeads(), 0);
}

LEADSCORE_STORE_SUITE(StoreHistoryTest);

}  // namespace
}  // namespace leadscore
