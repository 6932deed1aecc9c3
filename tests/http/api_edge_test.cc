// The API's edge against hostile or unlucky input, on the real server: JSON nested too deep
// (refused while parsing, the server stays up, stored deep JSON reads as none).
#include <string>

#include "core/json_depth.h"
#include "http/api_test_env.h"

namespace leadscore::http {
namespace {

using EdgeApiTest = ApiTest;

std::string NestedArrays(int levels, const std::string& inside = "1") {
  return std::string(levels, '[') + inside + std::string(levels, ']');
}

// --- JSON depth ------------------------------------------------------------------------------

TEST_P(EdgeApiTest, AHundredThousandNestedArraysInExtraAreRefusedAndTheServerStaysUp) {
  auto admin = SignIn("admin");
  const std::string body =
      R"({"name": "Dalam", "extra": {"a": )" + NestedArrays(100'000) + "}}";  // 200 kB
  auto refused = admin.PostRaw("/api/leads", body, "application/json");
  EXPECT_EQ(refused.status, 400) << refused.body.substr(0, 200);
  EXPECT_EQ(refused.json["error"]["message"], kJsonTooDeep);
  EXPECT_EQ(Anonymous().Get("/healthz").status, 200);
  EXPECT_EQ(*store_->CountLeads(), 0);

  // Any body parsed as JSON has the bound: a signed-in caller's /predict too.
  auto predict = admin.PostRaw("/predict", NestedArrays(100'000), "application/json");
  EXPECT_EQ(predict.status, 400);
  EXPECT_EQ(predict.json["error"]["message"], kJsonTooDeep);
}

TEST_P(EdgeApiTest, ThirtyTwoLevelsAreAcceptedAndThirtyThreeAreNot) {
  auto admin = SignIn("admin");
  // The body and extra are two levels; the arrays in extra the rest.
  auto at_bound = admin.PostRaw(
      "/api/leads", R"({"name": "Dalam", "extra": {"a": )" + NestedArrays(30) + "}}",
      "application/json");
  ASSERT_EQ(at_bound.status, 201) << at_bound.body;
  EXPECT_EQ(at_bound.json["lead"]["extra"]["a"].dump(), NestedArrays(30));
  auto past = admin.PostRaw("/api/leads",
                            R"({"name": "Dalam", "extra": {"a": )" + NestedArrays(31) + "}}",
                            "application/json");
  EXPECT_EQ(past.status, 400);
  EXPECT_EQ(past.json["error"]["message"], kJsonTooDeep);
}

TEST_P(EdgeApiTest, DeepExtraStoredBeforeTheBoundReadsAsNone) {
  Lead lead;
  lead.name = "Lama";
  lead.phone = "+62 812 555 0101";
  lead.numeric[FindBankColumn("age")->slot] = 40;
  lead.categorical[FindBankColumn("job")->slot] = "technician";
  lead.extra_json = R"({"a": )" + NestedArrays(100'000) + "}";
  auto id = store_->CreateLead(lead, clock_.NowMs());
  ASSERT_TRUE(id.ok()) << id.status().ToString();

  auto admin = SignIn("admin");
  auto detail = admin.Get("/api/leads/" + std::to_string(*id));
  ASSERT_EQ(detail.status, 200) << detail.body.substr(0, 200);
  EXPECT_EQ(detail.json["lead"]["extra"], nlohmann::json::object());
  auto exported = admin.Get("/api/leads/export");
  EXPECT_EQ(exported.status, 200);
  EXPECT_NE(exported.body.find("\"Lama\""), std::string::npos);
  EXPECT_EQ(Anonymous().Get("/healthz").status, 200);
}

LEADSCORE_API_SUITE(EdgeApiTest);

}  // namespace
}  // namespace leadscore::http
