// Segmentation of the leads over HTTP, on both engines, with leads imported from the bundled
// bank-additional file (which has no balance): the candidate columns, the default pair the
// server picks, and a default build that succeeds with honest, distinct persona names.
#include <fstream>
#include <set>

#include "http/api_test_env.h"

namespace leadscore::http {
namespace {

class SegmentsApiTest : public ApiTest {
 protected:
  // The header and the first `rows` records of data/bank-additional-train.csv.
  static std::string BankAdditionalSample(int rows) {
    std::ifstream in(std::string(LEADSCORE_SOURCE_DIR) + "/data/bank-additional-train.csv");
    EXPECT_TRUE(in) << "data/bank-additional-train.csv";
    std::string text, line;
    for (int i = 0; i <= rows && std::getline(in, line); ++i) text += line + "\n";
    return text;
  }
};
LEADSCORE_API_SUITE(SegmentsApiTest);

TEST_P(SegmentsApiTest, DefaultLeadSegmentationUsesColumnsTheBankAdditionalLayoutHas) {
  auto admin = SignIn("admin");
  auto imported = admin.PostRaw("/api/leads/import", BankAdditionalSample(600), "text/csv");
  ASSERT_EQ(imported.status, 200) << imported.body;
  ASSERT_EQ(imported.json["imported"], 600);

  auto features = admin.Get("/api/segments/features");
  ASSERT_EQ(features.status, 200) << features.body;
  EXPECT_EQ(features.json["leads"], 600);
  std::set<std::string> offered;
  for (const auto& item : features.json["items"]) offered.insert(item["name"]);
  EXPECT_TRUE(offered.contains("age"));
  EXPECT_TRUE(offered.contains("campaign"));
  EXPECT_FALSE(offered.contains("balance"));  // no lead has one
  EXPECT_EQ(features.json["default"], nlohmann::json({"age", "campaign"}));
  EXPECT_EQ(SignIn("ani").Get("/api/segments/features").status, 403);

  // Age x balance, the bank-full default, is refused clearly and saves nothing.
  auto balance = admin.Post("/api/segments", {{"source", "leads"}, {"features", {"age", "balance"}}});
  EXPECT_EQ(balance.status, 400) << balance.body;
  EXPECT_EQ(admin.Get("/api/segments").json["items"].size(), 0u);

  // No features: the server's default pair.
  auto built = admin.Post("/api/segments", {{"source", "leads"}, {"k", 3}, {"make_default", true}});
  ASSERT_EQ(built.status, 201) << built.body;
  const auto& seg = built.json["segmentation"];
  EXPECT_EQ(seg["features"], nlohmann::json({"age", "campaign"}));
  EXPECT_EQ(seg["n_points"], 600);
  std::set<std::string> names, names_id;
  int many_calls = 0;
  for (const auto& c : seg["clusters"]) {
    names.insert(c["persona"].get<std::string>());
    names_id.insert(c["persona_id"].get<std::string>());
    if (c["levels"][1] == "high") ++many_calls;
    EXPECT_NE(c["description_id"].get<std::string>().find("Rata-rata kelompok: Usia "),
              std::string::npos)
        << c["description_id"];
  }
  EXPECT_EQ(names.size(), 3u);
  EXPECT_EQ(names_id.size(), 3u);
  EXPECT_LT(many_calls, 3);  // "high" is relative to the other clusters

  // Neither a source csv without features nor an id column is accepted.
  EXPECT_EQ(admin.Post("/api/segments", {{"source", "csv"}, {"csv", "a,b\n1,2\n"}}).status, 400);
  auto id_column = admin.Post("/api/segments", {{"source", "csv"},
                                                {"features", {"CustomerID", "Age"}},
                                                {"csv", "CustomerID,Age\n1,20\n2,30\n3,40\n"}});
  EXPECT_EQ(id_column.status, 400) << id_column.body;
  EXPECT_NE(id_column.body.find("identifies the rows"), std::string::npos) << id_column.body;
  EXPECT_EQ(admin.Get("/api/segments").json["items"].size(), 1u);
}

TEST_P(SegmentsApiTest, WithoutLeadsTheDefaultBuildSaysSo) {
  auto admin = SignIn("admin");
  auto features = admin.Get("/api/segments/features");
  ASSERT_EQ(features.status, 200) << features.body;
  EXPECT_EQ(features.json["items"].size(), 0u);
  EXPECT_TRUE(features.json["default"].empty());
  auto built = admin.Post("/api/segments", {{"source", "leads"}});
  EXPECT_EQ(built.status, 400) << built.body;
  EXPECT_NE(built.body.find("import some first"), std::string::npos) << built.body;
}

}  // namespace
}  // namespace leadscore::http
