#include "core/value_labels.h"

#include <gtest/gtest.h>

namespace leadscore {
namespace {

TEST(ValueLabelsTest, CatalogueWordsInBothLanguages) {
  EXPECT_EQ(ValueText("job", "admin.", true), "Administrative staff");
  EXPECT_EQ(ValueText("job", "admin.", false), "Staf administrasi");
  EXPECT_EQ(ValueText("education", "basic.4y", false), "Sekolah dasar 4 tahun");
  EXPECT_EQ(ValueText("poutcome", "nonexistent", true), "Not in a previous campaign");
  EXPECT_EQ(ValueText("month", "may", false), "Mei");
  EXPECT_EQ(ValueText("day_of_week", "mon", false), "Senin");
  EXPECT_EQ(ValueText("contact", "cellular", false), "Ponsel");
  EXPECT_EQ(ValueText("y", "yes", false), "Ya");
  // bank-full's own codes.
  EXPECT_EQ(ValueText("education", "tertiary", true), "Higher education");
  EXPECT_EQ(ValueText("poutcome", "other", false), "Lainnya");
  EXPECT_EQ(ValueText("contact", "unknown", false), "Tidak diketahui");
}

TEST(ValueLabelsTest, SharedAnswersApplyToAnyColumnAndIgnoreCase) {
  EXPECT_EQ(ValueText("has_card", "yes", false), "Ya");
  EXPECT_EQ(ValueText("has_card", "NO", true), "No");
  EXPECT_EQ(ValueText("region", "Unknown", false), "Tidak diketahui");
  EXPECT_EQ(ValueText("job", "RETIRED", false), "Pensiunan");
}

TEST(ValueLabelsTest, UnknownCodesReadAsWords) {
  EXPECT_EQ(ReadableCode("blue-collar"), "Blue collar");
  EXPECT_EQ(ReadableCode("admin."), "Admin");
  EXPECT_EQ(ReadableCode("self_employed"), "Self employed");
  EXPECT_EQ(ReadableCode("high.school"), "High school");
  EXPECT_EQ(ReadableCode("pns__guru--sd"), "Pns guru sd");
  EXPECT_EQ(ReadableCode(".."), "..");
  EXPECT_EQ(ValueText("job", "pegawai_negeri", false), "Pegawai negeri");
  EXPECT_EQ(ValueText("segment", "gold", true), "Gold");
}

TEST(ValueLabelsTest, ListsTheColumnsValuesInOrder) {
  auto months = CatalogueValues("month");
  ASSERT_EQ(months.size(), 12u);
  EXPECT_EQ(months.front().code, "jan");
  EXPECT_EQ(months.back().en, "December");
  EXPECT_TRUE(CatalogueValues("segment").empty());
}

}  // namespace
}  // namespace leadscore
