// /api/lead-fields: every bank column with its labels and kind, and for the categorical ones
// the categories of the UCI layouts, so that forms can offer a choice.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "http/api_test_env.h"

namespace leadscore::http {
namespace {

using LeadFieldsApiTest = ApiTest;

TEST_P(LeadFieldsApiTest, CategoricalFieldsListTheirValues) {
  auto sales = SignIn("ani");
  auto answer = sales.Get("/api/lead-fields");
  ASSERT_EQ(answer.status, 200) << answer.body;
  std::map<std::string, nlohmann::json> by_name;
  for (const auto& item : answer.json["items"]) by_name[item["name"]] = item;
  ASSERT_EQ(by_name.size(), kBankColumns.size());

  std::set<std::string> categorical;
  for (const auto& [name, item] : by_name) {
    SCOPED_TRACE(name);
    if (item["kind"] == "numeric") {
      EXPECT_FALSE(item.contains("values"));
      continue;
    }
    categorical.insert(name);
    ASSERT_TRUE(item["values"].is_array());
    EXPECT_FALSE(item["values"].empty());
    std::set<std::string> unique(item["values"].begin(), item["values"].end());
    EXPECT_EQ(unique.size(), item["values"].size());  // no value twice
  }
  EXPECT_EQ(categorical,
            (std::set<std::string>{"job", "marital", "education", "default", "housing", "loan",
                                   "contact", "month", "day_of_week", "poutcome"}));
  auto has = [&](const std::string& field, const std::string& value) {
    const auto& values = by_name[field]["values"];
    return std::find(values.begin(), values.end(), value) != values.end();
  };
  // Both layouts: bank-additional-full.csv and bank-full.csv.
  EXPECT_TRUE(has("job", "admin."));
  EXPECT_TRUE(has("job", "blue-collar"));
  EXPECT_TRUE(has("education", "university.degree"));
  EXPECT_TRUE(has("education", "tertiary"));
  EXPECT_TRUE(has("poutcome", "nonexistent"));
  EXPECT_TRUE(has("poutcome", "other"));
  EXPECT_TRUE(has("contact", "telephone"));
  EXPECT_TRUE(has("default", "unknown"));
  EXPECT_EQ(by_name["month"]["values"].size(), 12u);
  EXPECT_EQ(by_name["day_of_week"]["values"], nlohmann::json({"mon", "tue", "wed", "thu", "fri"}));
  EXPECT_FALSE(has("job", "astronaut"));
}

TEST_P(LeadFieldsApiTest, EveryValueOfTheBundledDataIsOffered) {
  // The bundled sample of bank-additional-full.csv: the form must offer each value it holds.
  std::ifstream in(std::string(LEADSCORE_SOURCE_DIR) + "/data/bank-additional-train.csv");
  ASSERT_TRUE(in) << "data/bank-additional-train.csv";
  auto admin = SignIn("admin");
  auto answer = admin.Get("/api/lead-fields");
  std::map<std::string, std::set<std::string>> offered;
  for (const auto& item : answer.json["items"]) {
    if (item.contains("values")) {
      for (const auto& v : item["values"]) offered[item["name"]].insert(v.get<std::string>());
    }
  }
  auto split = [](std::string line) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ';')) {
      if (cell.size() >= 2 && cell.front() == '"') cell = cell.substr(1, cell.size() - 2);
      cells.push_back(cell);
    }
    return cells;
  };
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = split(line);
  size_t rows = 0, checked = 0;
  while (std::getline(in, line) && rows < 5000) {
    ++rows;
    const auto cells = split(line);
    for (size_t i = 0; i < header.size() && i < cells.size(); ++i) {
      auto it = offered.find(header[i]);
      if (it == offered.end()) continue;
      EXPECT_TRUE(it->second.count(cells[i])) << header[i] << " = " << cells[i];
      ++checked;
    }
  }
  EXPECT_GT(checked, 10 * rows - 1);  // the ten categorical columns of every row
}

LEADSCORE_API_SUITE(LeadFieldsApiTest);

}  // namespace
}  // namespace leadscore::http
