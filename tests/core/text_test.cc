#include "core/text.h"

#include <gtest/gtest.h>

namespace leadscore {
namespace {

TEST(TextTest, ParseNumberReadsWholeDecimalNumbers) {
  EXPECT_EQ(ParseNumber("12"), 12.0);
  EXPECT_EQ(ParseNumber("-3.5"), -3.5);
  EXPECT_EQ(ParseNumber("+7"), 7.0);
  EXPECT_EQ(ParseNumber(".5"), 0.5);
  EXPECT_EQ(ParseNumber("1e3"), 1000.0);
  EXPECT_EQ(ParseNumber("0"), 0.0);
}

TEST(TextTest, ParseNumberRefusesAnythingElse) {
  for (const char* text : {"", "+", "-", "+-1", "++1", " 1", "1 ", "1,5", "1.5.2", "12abc",
                           "abc", "0x1A", "inf", "-inf", "nan", "1e999", "٣"}) {
    EXPECT_EQ(ParseNumber(text), std::nullopt) << "'" << text << "'";
  }
}

TEST(TextTest, LowerLowersOnlyAscii) {
  EXPECT_EQ(Lower("AbC-Ä"), "abc-Ä");
}

TEST(TextTest, ControlCharactersSaveTheAllowedOnes) {
  EXPECT_FALSE(HasControlCharacters("plain text"));
  EXPECT_TRUE(HasControlCharacters("tab\there"));
  EXPECT_FALSE(HasControlCharacters("tab\there", "\t"));
  EXPECT_TRUE(HasControlCharacters(std::string("nul\0", 4)));
  EXPECT_TRUE(HasControlCharacters("del\x7f"));
}

}  // namespace
}  // namespace leadscore
