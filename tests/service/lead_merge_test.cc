#include "service/lead_merge.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace leadscore {
namespace {

double Num(const Lead& lead, std::string_view column) {
  return lead.Number(*FindBankColumn(column));
}

TEST(LeadMergeTest, TakesTheFilesColumnsAndKeepsTheRest) {
  auto columns = LeadCsvColumns::Create({"customer_id", "age", "job", "cabang"});
  ASSERT_TRUE(columns.ok());
  Lead existing;
  existing.id = 5;
  existing.name = "Budi";
  existing.phone = "0812 1111 2222";
  existing.customer_key = "C-1";
  existing.numeric[FindBankColumn("age")->slot] = 40;
  existing.numeric[FindBankColumn("balance")->slot] = 900;
  existing.categorical[FindBankColumn("job")->slot] = "admin.";
  existing.extra_json = R"({"cabang":"Bandung","segmen":"gold"})";
  existing.outcome = true;
  existing.status = LeadStatus::kContacted;
  existing.do_not_call = true;

  Lead row;
  ASSERT_TRUE(columns->ParseRow({"C-1", "41", "admin.", ""}, &row).ok());
  Lead merged = MergeImportedLead(*columns, existing, row, /*keep_outcome=*/true);
  EXPECT_EQ(merged.id, 5);
  EXPECT_EQ(merged.name, "Budi");              // no name column: kept
  EXPECT_EQ(merged.phone, "0812 1111 2222");   // no phone column: kept
  EXPECT_EQ(Num(merged, "age"), 41);           // the file's column
  EXPECT_EQ(Num(merged, "balance"), 900);      // not in the file: kept
  EXPECT_EQ(merged.outcome, std::optional<bool>(true));
  EXPECT_EQ(merged.status, LeadStatus::kContacted);
  EXPECT_TRUE(merged.do_not_call);
  EXPECT_EQ(nlohmann::json::parse(merged.extra_json), nlohmann::json::parse(R"({"segmen":"gold"})"));
  EXPECT_FALSE(SameLeadData(merged, existing));

  ASSERT_TRUE(columns->ParseRow({"C-1", "40", "admin.", "Bandung"}, &row).ok());
  EXPECT_TRUE(SameLeadData(MergeImportedLead(*columns, existing, row, true), existing));
  // The same extra values written in another order are the same data.
  Lead reordered = existing;
  reordered.extra_json = R"({"segmen": "gold", "cabang": "Bandung"})";
  EXPECT_TRUE(SameLeadData(reordered, existing));
}

}  // namespace
}  // namespace leadscore
