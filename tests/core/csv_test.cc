#include "core/csv.h"

#include <gtest/gtest.h>

namespace leadscore {
namespace {

std::vector<CsvRecord> ReadAll(CsvReader& reader) {
  std::vector<CsvRecord> out;
  while (true) {
    CsvRecord record;
    auto more = reader.Next(&record);
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) break;
    out.push_back(record);
  }
  return out;
}

TEST(CsvReaderTest, GuessesSemicolonAndStripsQuotesAndCrlf) {
  auto reader = CsvReader::FromString("\"age\";\"job\";\"y\"\r\n56;\"house;maid\";\"no\"\r\n");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(reader->delimiter(), ';');
  EXPECT_EQ(reader->header(), (std::vector<std::string>{"age", "job", "y"}));
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"56", "house;maid", "no"}));
  EXPECT_EQ(rows[0].line, 2u);
}

TEST(CsvReaderTest, GuessesCommaAndKeepsEmptyFields) {
  auto reader = CsvReader::FromString("a,b,c\n1,,3\n\n4,5,\n");
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(reader->delimiter(), ',');
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"1", "", "3"}));
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"4", "5", ""}));
  EXPECT_EQ(rows[1].line, 4u);
}

TEST(CsvReaderTest, QuotedQuotesAndLineBreaks) {
  auto reader = CsvReader::FromString("name,note\n\"Budi \"\"B\"\"\",\"two\nlines\"\nx,y\n");
  ASSERT_TRUE(reader.ok());
  auto rows = ReadAll(*reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields[0], "Budi \"B\"");
  EXPECT_EQ(rows[0].fields[1], "two\nlines");
  EXPECT_EQ(rows[1].line, 4u);
}

TEST(CsvReaderTest, RefusesZeroByteFile) {
  auto reader = CsvReader::FromString("");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(reader.status().message().find("empty"), std::string::npos);
}

TEST(CsvReaderTest, RefusesFileWithOnlyBlankLines) {
  auto reader = CsvReader::FromString("\r\n\r\n");
  ASSERT_FALSE(reader.ok());
  EXPECT_NE(reader.status().message().find("no header"), std::string::npos);
}

TEST(CsvReaderTest, RefusesLatin1WithLineNumber) {
  auto reader = CsvReader::FromString("name;city\nBudi;Bandung\nJos\xE9;Medan\n");
  ASSERT_FALSE(reader.ok());
  EXPECT_NE(reader.status().message().find("line 3"), std::string::npos);
  EXPECT_NE(reader.status().message().find("UTF-8"), std::string::npos);
}

TEST(CsvReaderTest, RefusesUtf16) {
  auto reader = CsvReader::FromString(std::string("\xFF\xFE" "a\0;\0b\0", 8));
  ASSERT_FALSE(reader.ok());
  EXPECT_NE(reader.status().message().find("UTF-16"), std::string::npos);
}

TEST(CsvReaderTest, ReportsUnclosedQuoteWithItsLine) {
  auto reader = CsvReader::FromString("a;b\n1;2\n3;\"open\n5;6\n");
  ASSERT_TRUE(reader.ok());
  CsvRecord record;
  ASSERT_TRUE(*reader->Next(&record));
  auto broken = reader->Next(&record);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("line 3"), std::string::npos);
}

TEST(CsvReaderTest, SkipsUtf8ByteOrderMark) {
  auto reader = CsvReader::FromString("\xEF\xBB\xBF" "age,job\n1,x\n");
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(reader->header()[0], "age");
  EXPECT_EQ(reader->ColumnIndex("job"), 1);
  EXPECT_EQ(reader->ColumnIndex("nope"), -1);
}

TEST(CsvEscapeTest, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvEscape("plain", ';'), "plain");
  EXPECT_EQ(CsvEscape("a;b", ';'), "\"a;b\"");
  EXPECT_EQ(CsvEscape("a,b", ';'), "a,b");
  EXPECT_EQ(CsvEscape("say \"hi\"", ','), "\"say \"\"hi\"\"\"");
}

TEST(CsvFormulaTest, TextThatASpreadsheetWouldRunGetsALeadingQuote) {
  for (std::string_view cell : {"=HYPERLINK(\"http://x\",\"y\")", "+1", "-1", "@SUM(1)",
                                "\tx", "\rx", "'=1", "''@x"}) {
    SCOPED_TRACE(std::string(cell));
    EXPECT_TRUE(NeedsFormulaEscape(cell));
    EXPECT_EQ(EscapeFormulaCell(cell), "'" + std::string(cell));
  }
  for (std::string_view cell : {"", "Dewi", "0812-1", "1-2", "'", "'quoted'", "x=1"}) {
    SCOPED_TRACE(std::string(cell));
    EXPECT_FALSE(NeedsFormulaEscape(cell));
    EXPECT_EQ(EscapeFormulaCell(cell), cell);
  }
}

TEST(CsvFormulaTest, UnescapingGivesBackExactlyTheTextWritten) {
  for (std::string_view text : {"=1", "+62 812", "-x", "@a", "'=1", "''=1", "'", "'a", "plain",
                                "", "\tx"}) {
    SCOPED_TRACE(std::string(text));
    EXPECT_EQ(UnescapeFormulaCell(EscapeFormulaCell(text)), text);
  }
  // A file that was not exported: a leading quote stays unless a formula follows it.
  EXPECT_EQ(UnescapeFormulaCell("'quoted'"), "'quoted'");
  EXPECT_EQ(UnescapeFormulaCell("'-5"), "-5");
}

}  // namespace
}  // namespace leadscore
