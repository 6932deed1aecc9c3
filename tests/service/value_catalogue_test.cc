// The value catalogue covers every category of both UCI layouts, read from the data at test
// time: the bundled bank-additional file, and a bank-full-layout file from the generator (the
// bank-full file itself is not bundled; the generator writes its codes as bank-names.txt lists
// them; it writes no "other" outcome or "unknown" contact, which the core test and the web
// test check by name).
#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "core/csv.h"
#include "core/lead.h"
#include "core/value_labels.h"
#include "service/lead_generator.h"

namespace leadscore {
namespace {

bool IsCategorical(const std::string& column) {
  if (column == "y") return true;
  const BankColumn* known = FindBankColumn(column);
  return known && known->kind == ColumnKind::kCategorical;
}

// Every distinct value of every categorical column of the CSV.
std::map<std::string, std::set<std::string>> CategoriesOf(CsvReader reader) {
  std::map<std::string, std::set<std::string>> values;
  const std::vector<std::string> header = reader.header();
  CsvRecord record;
  while (true) {
    Result<bool> more = reader.Next(&record);
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) break;
    for (size_t j = 0; j < header.size(); ++j) {
      if (IsCategorical(header[j]) && !record.fields[j].empty()) {
        values[header[j]].insert(record.fields[j]);
      }
    }
  }
  return values;
}

void ExpectLabelled(const std::map<std::string, std::set<std::string>>& layout) {
  for (const auto& [column, values] : layout) {
    for (const std::string& code : values) {
      const ValueWords* words = FindValueWords(column, code);
      ASSERT_NE(words, nullptr) << column << "=" << code << " has no words";
      EXPECT_FALSE(words->en.empty()) << column << "=" << code;
      EXPECT_FALSE(words->id.empty()) << column << "=" << code;
      EXPECT_NE(words->en, code) << column << "=" << code << " (en) is the bare code";
      EXPECT_NE(words->id, code) << column << "=" << code << " (id) is the bare code";
      // The column's own list has it too (forms offer it as a choice).
      if (const BankColumn* known = FindBankColumn(column)) {
        auto listed = KnownCategories(*known);
        EXPECT_NE(std::find(listed.begin(), listed.end(), code), listed.end())
            << column << "=" << code << " is not offered by forms";
      }
    }
  }
}

TEST(ValueCatalogueTest, LabelsEveryCategoryOfTheBundledBankAdditionalFile) {
  auto reader = CsvReader::FromFile(std::string(LEADSCORE_SOURCE_DIR) +
                                    "/data/bank-additional-train.csv");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto layout = CategoriesOf(std::move(*reader));
  // The file's 10 categorical columns and y, so the test cannot pass on an empty read.
  ASSERT_EQ(layout.size(), 11u);
  EXPECT_EQ(layout.at("job").size(), 12u);
  EXPECT_TRUE(layout.at("education").contains("illiterate"));
  ExpectLabelled(layout);
}

TEST(ValueCatalogueTest, LabelsEveryCategoryOfTheBankFullLayout) {
  std::ostringstream out;
  ASSERT_TRUE(GenerateLeadCsv({20000, 7, CsvLayout::kBankFull}, out).ok());
  auto reader = CsvReader::FromString(out.str());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto layout = CategoriesOf(std::move(*reader));
  ASSERT_TRUE(layout.contains("education"));
  EXPECT_TRUE(layout.at("education").contains("tertiary"));
  ExpectLabelled(layout);
}

TEST(ValueCatalogueTest, FormsOfferExactlyTheCataloguedCodes) {
  for (const BankColumn& column : kBankColumns) {
    if (column.kind != ColumnKind::kCategorical) continue;
    auto offered = KnownCategories(column);
    auto listed = CatalogueValues(column.name);
    ASSERT_EQ(offered.size(), listed.size()) << column.name;
    ASSERT_FALSE(offered.empty()) << column.name;
    for (size_t i = 0; i < offered.size(); ++i) EXPECT_EQ(offered[i], listed[i].code);
  }
}

}  // namespace
}  // namespace leadscore
