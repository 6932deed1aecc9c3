// Reading a request's input: the JSON body, typed members, query parameters, path ids, lead
// fields and ISO 8601 times. Every refusal is kInvalidArgument with the reason the web app words;
// expected instants are the epoch milliseconds Python's datetime gives for the same UTC times.
#include "http/request_parsing.h"

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/field_spec.h"

namespace leadscore::http {
namespace {

using nlohmann::json;

// The reason of a refusal, "" for a success or an error of another code.
template <typename T>
std::string Refusal(const Result<T>& r) {
  return !r.ok() && r.status().code() == StatusCode::kInvalidArgument ? r.status().reason() : "";
}
std::string Refusal(const Status& s) {
  return !s.ok() && s.code() == StatusCode::kInvalidArgument ? s.reason() : "";
}

std::string Nested(int depth) {
  std::string text;
  for (int i = 0; i < depth - 1; ++i) text += "{\"a\":";
  text += "{}";
  for (int i = 0; i < depth - 1; ++i) text += "}";
  return text;
}

TEST(ParseJsonObjectTest, TakesAnObjectAndRefusesEverythingElse) {
  auto ok = ParseJsonObject(R"({"name": "Ani", "n": 2})");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)["name"], "Ani");
  EXPECT_EQ(Refusal(ParseJsonObject("")), "body_required");
  EXPECT_EQ(Refusal(ParseJsonObject(" \r\n\t")), "body_required");
  EXPECT_EQ(*ParseJsonObject("  ", /*allow_empty=*/true), json::object());
  EXPECT_EQ(Refusal(ParseJsonObject("{\"a\": ")), "json_invalid");
  EXPECT_EQ(Refusal(ParseJsonObject("[1, 2]")), "json_not_object");
  EXPECT_EQ(Refusal(ParseJsonObject("\"text\"")), "json_not_object");
}

TEST(ParseJsonObjectTest, NestingIsBoundedAt32Levels) {
  EXPECT_TRUE(ParseJsonObject(Nested(32)).ok());
  auto deep = ParseJsonObject(Nested(33));
  EXPECT_EQ(Refusal(deep), "json_too_deep");
  EXPECT_EQ(Refusal(ParseJsonObject(Nested(10000))), "json_too_deep");
}

TEST(CheckKeysTest, NamesTheFirstUnknownKey) {
  const json body = {{"name", "x"}, {"role", "sales"}};
  EXPECT_TRUE(CheckKeys(body, {"name", "role", "password"}).ok());
  Status unknown = CheckKeys(body, {"name"});
  EXPECT_EQ(Refusal(unknown), "unknown_field");
  ASSERT_EQ(unknown.params().size(), 1u);
  EXPECT_EQ(std::get<std::string>(unknown.params()[0].value), "role");
  // A long key is named by its first 64 characters only.
  Status long_key = CheckKeys(json{{std::string(200, 'k'), 1}}, {"name"});
  EXPECT_EQ(std::get<std::string>(long_key.params()[0].value), std::string(64, 'k'));
}

TEST(TypedMembersTest, StringsAreAbsentNullOrBoundedText) {
  const json body = {{"s", "hello"}, {"n", nullptr}, {"i", 3}};
  EXPECT_EQ(*OptionalString(body, "s", 5), std::optional<std::string>("hello"));
  EXPECT_EQ(*OptionalString(body, "missing", 5), std::nullopt);
  EXPECT_EQ(*OptionalString(body, "n", 5), std::nullopt);
  EXPECT_EQ(Refusal(OptionalString(body, "s", 4)), "param_too_long");
  EXPECT_EQ(Refusal(OptionalString(body, "i", 5)), "param_not_string");
  EXPECT_EQ(*RequiredString(body, "s", 5), "hello");
  EXPECT_EQ(Refusal(RequiredString(body, "n", 5)), "param_required");
  EXPECT_EQ(Refusal(RequiredString(body, "missing", 5)), "param_required");
}

TEST(TypedMembersTest, BooleansAreOnlyTrueOrFalse) {
  const json body = {{"yes", true}, {"no", false}, {"one", 1}, {"text", "true"}};
  EXPECT_EQ(*OptionalBool(body, "yes"), std::optional<bool>(true));
  EXPECT_EQ(*OptionalBool(body, "no"), std::optional<bool>(false));
  EXPECT_EQ(*OptionalBool(body, "missing"), std::nullopt);
  EXPECT_EQ(Refusal(OptionalBool(body, "one")), "param_not_boolean");
  EXPECT_EQ(Refusal(OptionalBool(body, "text")), "param_not_boolean");
}

TEST(TypedMembersTest, IntegersKeepTheirRangeBothEndsIncluded) {
  const json body = {{"low", 1},  {"high", 365},  {"below", 0},     {"above", 366},
                     {"half", 1.5}, {"text", "7"}, {"huge", UINT64_MAX}};
  EXPECT_EQ(*OptionalInt(body, "low", 1, 365), std::optional<int64_t>(1));
  EXPECT_EQ(*OptionalInt(body, "high", 1, 365), std::optional<int64_t>(365));
  EXPECT_EQ(*OptionalInt(body, "missing", 1, 365), std::nullopt);
  EXPECT_EQ(Refusal(OptionalInt(body, "below", 1, 365)), "param_out_of_range");
  EXPECT_EQ(Refusal(OptionalInt(body, "above", 1, 365)), "param_out_of_range");
  EXPECT_EQ(Refusal(OptionalInt(body, "huge", 1, 365)), "param_out_of_range");
  EXPECT_EQ(Refusal(OptionalInt(body, "half", 1, 365)), "param_not_integer");
  EXPECT_EQ(Refusal(OptionalInt(body, "text", 1, 365)), "param_not_integer");
  auto range = OptionalInt(body, "above", 1, 365).status().params();
  ASSERT_EQ(range.size(), 3u);
  EXPECT_EQ(std::get<int64_t>(range[1].value), 1);
  EXPECT_EQ(std::get<int64_t>(range[2].value), 365);
}

TEST(TypedMembersTest, NumbersKeepTheirRange) {
  const json body = {{"p", 0.25}, {"zero", 0}, {"one", 1}, {"over", 1.0000001}, {"text", "0.5"}};
  EXPECT_DOUBLE_EQ(**OptionalNumber(body, "p", 0, 1), 0.25);
  EXPECT_DOUBLE_EQ(**OptionalNumber(body, "zero", 0, 1), 0.0);
  EXPECT_DOUBLE_EQ(**OptionalNumber(body, "one", 0, 1), 1.0);
  EXPECT_EQ(Refusal(OptionalNumber(body, "over", 0, 1)), "param_out_of_range");
  EXPECT_EQ(Refusal(OptionalNumber(body, "text", 0, 1)), "param_not_number");
  EXPECT_DOUBLE_EQ(*RequiredNumber(body, "p", 0, 1), 0.25);
  EXPECT_EQ(Refusal(RequiredNumber(body, "missing", 0, 1)), "param_required");
}

Request WithQuery(Fields params) {
  Request req;
  req.params = std::move(params);
  return req;
}

TEST(QueryTest, IntegersAreDigitsInRange) {
  const Request req = WithQuery({{"page", "12"}, {"neg", "-3"}, {"bad", "12a"}, {"empty", ""},
                                 {"big", "99999999999999999999999"}});
  EXPECT_EQ(*QueryInt(req, "page", 1, 100), std::optional<int64_t>(12));
  EXPECT_EQ(*QueryInt(req, "missing", 1, 100), std::nullopt);
  EXPECT_EQ(*QueryInt(req, "neg", -5, 5), std::optional<int64_t>(-3));
  EXPECT_EQ(Refusal(QueryInt(req, "neg", 1, 100)), "param_not_integer");
  EXPECT_EQ(Refusal(QueryInt(req, "page", 1, 11)), "param_not_integer");
  EXPECT_EQ(Refusal(QueryInt(req, "bad", 1, 100)), "param_not_integer");
  EXPECT_EQ(Refusal(QueryInt(req, "empty", 1, 100)), "param_not_integer");
  EXPECT_EQ(Refusal(QueryInt(req, "big", 1, 100)), "param_not_integer");
}

TEST(QueryTest, BooleansStringsAndTimes) {
  const Request req = WithQuery({{"a", "true"}, {"b", "1"}, {"c", "false"}, {"d", "0"},
                                 {"e", "yes"}, {"q", "budi"}, {"at", "2026-11-22T08:30:00Z"},
                                 {"late", "tomorrow"}});
  EXPECT_EQ(*QueryBool(req, "a"), std::optional<bool>(true));
  EXPECT_EQ(*QueryBool(req, "b"), std::optional<bool>(true));
  EXPECT_EQ(*QueryBool(req, "c"), std::optional<bool>(false));
  EXPECT_EQ(*QueryBool(req, "d"), std::optional<bool>(false));
  EXPECT_EQ(*QueryBool(req, "missing"), std::nullopt);
  EXPECT_EQ(Refusal(QueryBool(req, "e")), "param_not_boolean");
  EXPECT_EQ(*QueryString(req, "q", 4), std::optional<std::string>("budi"));
  EXPECT_EQ(Refusal(QueryString(req, "q", 3)), "param_too_long");
  EXPECT_EQ(*QueryTime(req, "at"), std::optional<TimeMs>(1'795'336'200'000));
  EXPECT_EQ(*QueryTime(req, "missing"), std::nullopt);
  EXPECT_EQ(Refusal(QueryTime(req, "late")), "param_not_time");
}

TEST(PathIdTest, APositiveIntegerUpTo2To53) {
  auto id_of = [](std::string text) {
    Request req;
    req.path_params = {std::move(text)};
    RequestContext ctx{req};
    return PathId(ctx);
  };
  EXPECT_EQ(*id_of("1"), 1);
  EXPECT_EQ(*id_of("9007199254740992"), int64_t{1} << 53);
  for (const char* bad : {"0", "-1", "9007199254740993", "12x", "", "stats", "1.0", " 1"}) {
    EXPECT_EQ(Refusal(id_of(bad)), "path_id_invalid") << bad;
  }
  Request none;
  EXPECT_EQ(Refusal(PathId(RequestContext{none}, 1)), "path_id_invalid");
}

TEST(ParseLeadFieldsTest, KnownColumnsWithANumberATextOrNull) {
  auto fields = ParseLeadFields(json{{"age", 41}, {"job", "technician"}, {"pdays", nullptr}});
  ASSERT_TRUE(fields.ok()) << fields.status().ToString();
  ASSERT_EQ(fields->size(), 3u);
  for (const auto& [column, value] : *fields) {
    if (column->name == std::string("age")) EXPECT_EQ(std::get<double>(value), 41.0);
    if (column->name == std::string("job")) EXPECT_EQ(std::get<std::string>(value), "technician");
    if (column->name == std::string("pdays")) EXPECT_TRUE(std::holds_alternative<std::monostate>(value));
  }
  EXPECT_EQ(Refusal(ParseLeadFields(json::array())), "param_not_object");
  EXPECT_EQ(Refusal(ParseLeadFields(json{{"favourite_colour", "red"}})), "field_unknown");
  EXPECT_EQ(Refusal(ParseLeadFields(json{{"age", true}})), "field_bad_type");
  EXPECT_EQ(Refusal(ParseLeadFields(json{{"age", json::array({41})}})), "field_bad_type");
}

TEST(SpecNumberTest, TheFieldSpecsRangeAndRequirement) {
  const FieldSpec* age = FindLeadFieldSpec("age");
  ASSERT_NE(age, nullptr);
  ASSERT_TRUE(age->required);
  const json body = {{"low", age->min}, {"high", age->max}, {"over", age->max + 1},
                     {"text", "41"}, {"null", nullptr}};
  EXPECT_DOUBLE_EQ(**SpecNumber(body, "low", *age), age->min);
  EXPECT_DOUBLE_EQ(**SpecNumber(body, "high", *age), age->max);
  EXPECT_EQ(Refusal(SpecNumber(body, "over", *age)), "field_out_of_range");
  EXPECT_EQ(Refusal(SpecNumber(body, "text", *age)), "field_not_number");
  EXPECT_EQ(Refusal(SpecNumber(body, "null", *age)), "field_required");
  EXPECT_EQ(Refusal(SpecNumber(body, "missing", *age)), "field_required");
}

TEST(ParseIsoTimeTest, TheFormsAPortalSends) {
  EXPECT_EQ(ParseIsoTime("2026-11-22T08:30:00Z"), 1'795'336'200'000);
  EXPECT_EQ(ParseIsoTime("2026-11-22T08:30:00.123Z"), 1'795'336'200'123);
  EXPECT_EQ(ParseIsoTime("2026-11-22T08:30:00.1Z"), 1'795'336'200'100);
  EXPECT_EQ(ParseIsoTime("2026-11-22T08:30:00.123456789Z"), 1'795'336'200'123);  // cut to ms
  EXPECT_EQ(ParseIsoTime("2026-11-22T08:30"), 1'795'336'200'000);  // no zone: UTC
  EXPECT_EQ(ParseIsoTime("2026-11-22T08:30Z"), 1'795'336'200'000);
  EXPECT_EQ(ParseIsoTime("2026-11-22 08:30:00"), 1'795'336'200'000);
  // An offset names the local time: 08:30 in Jakarta (+07:00) is 01:30 UTC.
  EXPECT_EQ(ParseIsoTime("2026-11-22T08:30:00+07:00"), 1'795'311'000'000);
  EXPECT_EQ(ParseIsoTime("2026-11-22T01:30:00-00:00"), 1'795'311'000'000);
  EXPECT_EQ(ParseIsoTime("2026-11-21T23:30:00-02:00"), 1'795'311'000'000);
  EXPECT_EQ(ParseIsoTime("1970-01-01T00:00:00Z"), 0);
}

TEST(ParseIsoTimeTest, EdgeDates) {
  EXPECT_EQ(ParseIsoTime("2024-02-29T00:00:00Z"), 1'709'164'800'000);
  EXPECT_EQ(ParseIsoTime("2000-02-29T12:34:56Z"), 951'827'696'000);
  EXPECT_EQ(ParseIsoTime("2100-03-01T00:00:00Z"), 4'107'542'400'000);
  EXPECT_EQ(ParseIsoTime("2026-12-31T23:59:59.999Z"), 1'798'761'599'999);
  EXPECT_EQ(ParseIsoTime("2038-01-19T03:14:08Z"), 2'147'483'648'000);
  EXPECT_EQ(ParseIsoTime("9999-12-31T23:59:59Z"), 253'402'300'799'000);
  // Days a month does not have.
  for (const char* bad : {"2026-02-29T00:00Z", "2100-02-29T00:00Z", "2026-02-30T00:00Z",
                          "2026-04-31T00:00Z", "2026-11-31T00:00Z", "2026-01-32T00:00Z",
                          "2026-01-00T00:00Z"}) {
    EXPECT_EQ(ParseIsoTime(bad), std::nullopt) << bad;
  }
}

TEST(ParseIsoTimeTest, RefusesWhatIsNotOneOfTheForms) {
  for (const char* bad :
       {"", "2026-11-22", "2026-11-22T08", "2026-11-22T8:30", "26-11-22T08:30", "2026/11/22T08:30",
        "2026-13-01T00:00", "2026-00-10T00:00", "2026-11-22T24:00", "2026-11-22T08:60",
        "2026-11-22T08:30:61", "2026-11-22T08:30:00.Z", "2026-11-22T08:30:00.1234567890Z",
        "2026-11-22T08:30:00z", "2026-11-22T08:30:00+0700", "2026-11-22T08:30:00+15:00",
        "2026-11-22T08:30:00+07:60", "2026-11-22T08:30:00Z ", "2026-11-22T08:30:00ZZ",
        "1969-12-31T23:59:59Z", "tomorrow", "2026-11-22T08:30:0a"}) {
    EXPECT_EQ(ParseIsoTime(bad), std::nullopt) << bad;
  }
}

TEST(ParseIsoTimeTest, ReadsBackWhatFormatIsoTimeWrites) {
  for (TimeMs t : {TimeMs{0}, TimeMs{1}, TimeMs{999}, TimeMs{1'709'164'800'000 - 1},
                   TimeMs{1'767'225'600'123}, TimeMs{4'107'542'400'000 - 1},
                   TimeMs{253'402'300'799'999}}) {
    EXPECT_EQ(ParseIsoTime(FormatIsoTime(t)), t) << FormatIsoTime(t);
  }
}

}  // namespace
}  // namespace leadscore::http
