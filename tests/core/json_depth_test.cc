// ParseDepthBoundedJson: the nesting bound of client JSON, checked while parsing.
#include "core/json_depth.h"

#include <string>

#include <gtest/gtest.h>

namespace leadscore {
namespace {

// `levels` arrays inside each other around a 1: "[[1]]" for 2.
std::string NestedArrays(int levels) {
  return std::string(levels, '[') + "1" + std::string(levels, ']');
}

TEST(JsonDepthTest, ThirtyTwoLevelsAreKeptAndThirtyThreeRefused) {
  bool too_deep = true;
  nlohmann::json kept = ParseDepthBoundedJson(NestedArrays(32), &too_deep);
  EXPECT_FALSE(too_deep);
  ASSERT_FALSE(kept.is_discarded());
  EXPECT_EQ(kept.dump(), NestedArrays(32));

  nlohmann::json refused = ParseDepthBoundedJson(NestedArrays(33), &too_deep);
  EXPECT_TRUE(too_deep);
  EXPECT_TRUE(refused.is_discarded());
  EXPECT_STREQ(kJsonTooDeep, "the JSON nests deeper than 32 levels");
}

TEST(JsonDepthTest, ObjectsCountLikeArraysAndScalarsAddNoLevel) {
  bool too_deep = false;
  // Two levels: the object and the array in it.
  EXPECT_FALSE(ParseDepthBoundedJson(R"({"a": [1, "x", null]})", &too_deep, 2).is_discarded());
  EXPECT_FALSE(too_deep);
  EXPECT_TRUE(ParseDepthBoundedJson(R"({"a": [{}]})", &too_deep, 2).is_discarded());
  EXPECT_TRUE(too_deep);
  EXPECT_EQ(ParseDepthBoundedJson("7", &too_deep, 0), nlohmann::json(7));
  EXPECT_FALSE(too_deep);
}

TEST(JsonDepthTest, InvalidJsonIsDiscardedButNotTooDeep) {
  bool too_deep = true;
  EXPECT_TRUE(ParseDepthBoundedJson("{\"a\": ", &too_deep).is_discarded());
  EXPECT_FALSE(too_deep);
}

TEST(JsonDepthTest, AHundredThousandLevelsAreRefusedWithoutBuildingThem) {
  // 200 kB: would overflow the stack if built and then copied or dumped.
  bool too_deep = false;
  const std::string deep = "{\"extra\": " + NestedArrays(100'000) + "}";
  EXPECT_TRUE(ParseDepthBoundedJson(deep, &too_deep).is_discarded());
  EXPECT_TRUE(too_deep);
  auto ordered = ParseDepthBoundedJson<nlohmann::ordered_json>(deep, &too_deep);
  EXPECT_TRUE(ordered.is_discarded());
  EXPECT_TRUE(too_deep);
}

TEST(JsonDepthTest, OrderedJsonKeepsTheKeyOrder) {
  auto parsed = ParseDepthBoundedJson<nlohmann::ordered_json>(R"({"b": 1, "a": [2]})");
  EXPECT_EQ(parsed.dump(), R"({"b":1,"a":[2]})");
}

}  // namespace
}  // namespace leadscore
