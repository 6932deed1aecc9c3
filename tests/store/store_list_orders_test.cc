// Store: the list in its other orders (name, status time, score lowest first) is read by key,
// each page from where the page before ended; the pages equal what skipping rows from the top
// gives, on both engines. Every expectation is computed here from the leads the test
// made.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/store_test_env.h"

namespace leadscore {
namespace {

class StoreListOrdersTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    admin_ = AddUser("admin", Role::kAdmin);
    ani_ = AddUser("ani", Role::kSales);
    budi_ = AddUser("budi", Role::kSales);
  }

  int64_t admin_ = 0, ani_ = 0, budi_ = 0;
};
LEADSCORE_STORE_SUITE(StoreListOrdersTest);

// The orders other than best score first, walked forwards (each page read by key from where the
// page before ended), backwards and shuffled (pages asked first, read by skipping from the top or
// from the nearest page start known), give the order computed here from the leads, with its
// ties (same name, status time or score) and unscored leads (NULL scores).
TEST_P(StoreListOrdersTest, OtherOrdersReadByKeyEqualTheirOffsetPages) {
  const std::vector<std::string> names = {"Dewi", "Agus", "Citra", "Agus", "Bayu",  "Eka",
                                          "Citra", "Agus", "Fajar", "Bayu", "Gita", "Agus",
                                          "Hana", "Eka"};
  struct Row {
    int64_t id;
    std::string name;
    TimeMs changed;
    std::optional<double> score;
  };
  std::vector<Row> rows;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i % 3 != 0) clock_.Advance(1000);  // some leads share their status time
    Row row{AddLead(names[i]), names[i], now(), std::nullopt};
    if (i % 5 != 4) {
      row.score = i % 3 == 0 ? 0.5 : 0.05 * static_cast<double>(i);
      const double score = *row.score;
      ASSERT_TRUE(store_->UpsertScore({row.id, score, std::nullopt, score >= 0.5 ? "B" : "D", 1,
                                       now()}).ok());
    }
    rows.push_back(row);
  }
  // The expected order of `sort`: the column's order (NULLs last), ties by id.
  auto expected = [&](LeadSort sort, bool desc) {
    std::vector<Row> sorted = rows;
    auto value = [&](const Row& r) -> std::optional<double> {
      switch (sort) {
        case LeadSort::kScore: return r.score;
        case LeadSort::kStatusChangedAt: return static_cast<double>(r.changed);
        default: return std::nullopt;
      }
    };
    std::stable_sort(sorted.begin(), sorted.end(), [&](const Row& a, const Row& b) {
      if (sort == LeadSort::kName) {
        if (a.name != b.name) return desc ? a.name > b.name : a.name < b.name;
        return a.id < b.id;
      }
      const auto va = value(a), vb = value(b);
      if (va.has_value() != vb.has_value()) return va.has_value();  // NULLs last
      if (va && *va != *vb) return desc ? *va > *vb : *va < *vb;
      return a.id < b.id;
    });
    std::vector<int64_t> ids;
    for (const Row& r : sorted) ids.push_back(r.id);
    return ids;
  };
  auto walk = [&](const Viewer& viewer, LeadSort sort, bool desc,
                  const std::vector<int64_t>& pages) {
    std::map<int64_t, std::vector<int64_t>> by_page;
    for (int64_t page : pages) {
      LeadQuery q;
      q.viewer = viewer;
      q.sort = sort;
      q.descending = desc;
      q.page = page;
      q.page_size = 3;
      auto got = store_->ListLeads(q);
      EXPECT_TRUE(got.ok()) << got.status().ToString();
      if (!got.ok()) return std::vector<int64_t>{};
      for (const LeadRow& r : got->rows) by_page[page].push_back(r.lead.id);
    }
    std::vector<int64_t> ids;
    for (auto& [page, page_ids] : by_page) ids.insert(ids.end(), page_ids.begin(), page_ids.end());
    return ids;
  };
  const std::vector<int64_t> forwards = {1, 2, 3, 4, 5};  // 14 leads, 3 a page
  const std::vector<int64_t> backwards(forwards.rbegin(), forwards.rend());
  const std::vector<int64_t> shuffled = {3, 1, 5, 2, 4};
  const std::vector<std::pair<LeadSort, bool>> orders = {
      {LeadSort::kName, false},           {LeadSort::kName, true},
      {LeadSort::kStatusChangedAt, false}, {LeadSort::kStatusChangedAt, true},
      {LeadSort::kScore, false}};
  for (const Viewer& viewer : {ViewerFor(admin_, Role::kAdmin), ViewerFor(budi_, Role::kSales)}) {
    for (const auto& [sort, desc] : orders) {
      SCOPED_TRACE(::testing::Message() << "viewer " << viewer.user_id << " sort "
                                        << static_cast<int>(sort) << (desc ? " desc" : " asc"));
      const auto want = expected(sort, desc);
      EXPECT_EQ(walk(viewer, sort, desc, backwards), want);  // no page start known yet
      EXPECT_EQ(walk(viewer, sort, desc, forwards), want);   // each page from the one before
      EXPECT_EQ(walk(viewer, sort, desc, shuffled), want);
    }
  }
  // After a write the pages start again from the top, and the keys still hold.
  const int64_t gone = rows[2].id;
  ASSERT_TRUE(store_->ChangeLeadStatus(gone, ani_, LeadStatus::kConverted, "", std::nullopt, now(),
                                       kDefaultRejectPeriod).ok());
  rows.erase(rows.begin() + 2);
  EXPECT_EQ(walk(ViewerFor(budi_, Role::kSales), LeadSort::kName, false, forwards),
            expected(LeadSort::kName, false));
}

}  // namespace
}  // namespace leadscore
