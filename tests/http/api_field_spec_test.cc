// One table of values (tests/fields/field_cases.json) through every entry point of lead data on
// both engines: the import, creating a lead, editing one, what-if scoring, a segmentation's
// predictor and POST /predict. Each accepts and refuses the same values (core/field_spec.h); a
// refusal is a 400 naming the field and changes nothing.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>

#include <fmt/format.h>

#include "core/field_spec.h"
#include "http/api_test_env.h"

namespace leadscore::http {
namespace {

nlohmann::json Cases(const char* set) {
  std::ifstream in(std::string(LEADSCORE_SOURCE_DIR) + "/tests/fields/field_cases.json");
  EXPECT_TRUE(in) << "tests/fields/field_cases.json";
  return nlohmann::json::parse(in).at(set);
}

std::string CellText(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

// A valid lead's fields with the case's value in place.
nlohmann::json WithCase(const nlohmann::json& c) {
  nlohmann::json fields = {{"age", 41}, {"job", "technician"}};
  fields[c.at("field").get<std::string>()] = c.at("value");
  return fields;
}

class FieldSpecApiTest : public ApiTest {
 protected:
  // An answer as the table says: accepted with `accepted_status`, or refused with 400 naming
  // the field (and, where the body carries the reason, with the table's).
  void Expect(const ApiClient::Answer& answer, const nlohmann::json& c, int accepted_status,
              const std::string& entry, const std::string& as = "") {
    SCOPED_TRACE(entry + " " + c.dump());
    if (c.at("ok").get<bool>()) {
      EXPECT_EQ(answer.status, accepted_status) << answer.body;
      return;
    }
    ASSERT_EQ(answer.status, 400) << answer.body;
    const std::string field = as.empty() ? c.at("field").get<std::string>() : as;
    // The import names the field in its bad row's reason, the others in the message.
    std::string message = answer.json["error"].value("message", "");
    if (answer.json["error"].contains("details")) {
      for (const auto& row : answer.json["error"]["details"]["errors"]) {
        message += " " + row.value("reason", "");
      }
    }
    EXPECT_NE(message.find(field), std::string::npos) << answer.body;
    const std::string code = answer.json["error"].value("code", "");
    if (code.starts_with("field_")) {
      EXPECT_EQ(code, c.at("code")) << answer.body;
    }
  }

  // A segmentation of `features` from a small CSV whose rows take the table's valid values.
  int64_t BuildFromCsv(const std::vector<std::string>& features,
                       const std::vector<std::vector<double>>& rows) {
    std::string csv;
    for (size_t j = 0; j < features.size(); ++j) csv += (j ? "," : "") + features[j];
    csv += "\n";
    for (const auto& row : rows) {
      for (size_t j = 0; j < row.size(); ++j) csv += (j ? "," : "") + fmt::format("{}", row[j]);
      csv += "\n";
    }
    SegmentationRequest request;
    request.source = "csv";
    request.csv_text = csv;
    request.csv_name = "cases";
    request.features = features;
    request.k = 2;
    request.created_by = "admin";
    auto built = services_->segments().Build(request);
    EXPECT_TRUE(built.ok()) << built.status().ToString();
    return built.ok() ? built->row.id : 0;
  }
};

TEST_P(FieldSpecApiTest, ImportCreateEditAndWhatIfAcceptAndRefuseTheSameValues) {
  auto admin = SignIn("admin");
  // The lead every edit starts from.
  auto base = admin.Post("/api/leads", {{"name", "Dasar"}, {"fields", WithCase({{"field", "age"},
                                                                               {"value", 41}})}});
  ASSERT_EQ(base.status, 201) << base.body;
  const std::string base_path = "/api/leads/" + std::to_string(base.json["lead"]["id"].get<int64_t>());
  const nlohmann::json base_fields = admin.Get(base_path).json["lead"]["fields"];

  int i = 0;
  int accepted = 0;
  for (const auto& c : Cases("lead")) {
    const std::string field = c.at("field");
    const std::string phone = fmt::format("+62 812 9000 {:04d}", ++i);
    const bool ok = c.at("ok").get<bool>();
    if (ok) ++accepted;

    // The import: one row, the case's value in its column (an empty cell for null).
    std::string header = "name;phone;age;job";
    std::string row = fmt::format("Impor {};{};41;technician", i, phone);
    if (field == "age") {
      row = fmt::format("Impor {};{};{};technician", i, phone, CellText(c.at("value")));
    } else if (field == "job") {
      row = fmt::format("Impor {};{};41;{}", i, phone, CellText(c.at("value")));
    } else {
      header += ";" + field;
      row += ";" + CellText(c.at("value"));
    }
    const int64_t before = *store_->CountLeads();
    auto imported = admin.PostRaw("/api/leads/import", header + "\n" + row + "\n", "text/csv");
    Expect(imported, c, 200, "import");
    if (!ok && imported.status == 400) {
      // The bad row is listed with its line and a reason naming the column.
      ASSERT_EQ(imported.json["error"]["details"]["errors"].size(), 1u) << imported.body;
      EXPECT_EQ(imported.json["error"]["details"]["errors"][0]["line"], 2);
    }
    EXPECT_EQ(*store_->CountLeads(), before + (ok ? 1 : 0));

    // Creating a lead.
    auto created = admin.Post("/api/leads", {{"name", fmt::format("Buat {}", i)},
                                             {"phone", fmt::format("+62 813 9000 {:04d}", i)},
                                             {"fields", WithCase(c)}});
    Expect(created, c, 201, "create");
    EXPECT_EQ(*store_->CountLeads(), before + (ok ? 2 : 0));

    // Editing the base lead's one field; a refused edit leaves it as it was.
    auto edited = admin.Patch(base_path, {{"fields", {{field, c.at("value")}}}});
    Expect(edited, c, 200, "edit");
    if (!ok) {
      EXPECT_EQ(admin.Get(base_path).json["lead"]["fields"], base_fields);
    }
    if (ok) {  // back to the base, for the next case
      ASSERT_EQ(admin.Patch(base_path, {{"fields", base_fields}}).status, 200);
    }

    // What-if scoring checks the fields before it looks for a model: with none active, the
    // accepted ones get 409 (nothing to score with yet), the refused ones 400.
    auto what_if = admin.Post("/api/score", {{"fields", WithCase(c)}});
    Expect(what_if, c, 409, "what-if");
  }
  EXPECT_GT(accepted, 20);
}

TEST_P(FieldSpecApiTest, ASegmentationOfLeadColumnsPredictsWithTheSameChecks) {
  // Every numeric lead column is a feature of one of two segmentations (at most 10 features
  // each); the predictor takes each case's value among valid ones. A segmentation needs every
  // feature's value, so a missing one is not a case here.
  struct Group {
    std::vector<std::string> features;
    std::vector<double> valid;
    int64_t id = 0;
  };
  std::vector<Group> groups(2);
  int n = 0;
  for (const FieldSpec& spec : LeadFieldSpecs()) {
    if (!spec.numeric()) continue;
    Group& g = groups[n++ % 2];
    g.features.push_back(spec.name);
    g.valid.push_back(std::floor(spec.min + (spec.max - spec.min) / 3));
  }
  for (Group& g : groups) {
    std::vector<std::vector<double>> rows;
    for (int r = 0; r < 12; ++r) {
      std::vector<double> row = g.valid;
      for (double& v : row) v += r % 2;
      rows.push_back(row);
    }
    g.id = BuildFromCsv(g.features, rows);
    ASSERT_GT(g.id, 0);
  }
  auto admin = SignIn("admin");
  int checked = 0;
  for (const auto& c : Cases("lead")) {
    const std::string field = c.at("field");
    const FieldSpec* spec = FindLeadFieldSpec(field);
    if (!spec->numeric() || c.at("value").is_null()) continue;
    for (const Group& g : groups) {
      if (std::find(g.features.begin(), g.features.end(), field) == g.features.end()) continue;
      nlohmann::json values = nlohmann::json::object();
      for (size_t j = 0; j < g.features.size(); ++j) values[g.features[j]] = g.valid[j];
      values[field] = c.at("value");
      auto predicted = admin.Post("/api/segments/" + std::to_string(g.id) + "/predict",
                                  {{"values", values}});
      Expect(predicted, c, 200, "segment predict");
      ++checked;
    }
  }
  EXPECT_GT(checked, 20);
}

TEST_P(FieldSpecApiTest, PredictAndTheMallPredictorAcceptAndRefuseTheSameValues) {
  // Age, income and spending, as data/Mall_Customers.csv names them.
  const std::vector<std::string> mall = {"Age", "Annual Income (k$)", "Spending Score (1-100)"};
  std::vector<std::vector<double>> rows;
  for (int r = 0; r < 12; ++r) rows.push_back({20.0 + 3 * r, 15.0 + 10 * r, 10.0 + 7 * r});
  const int64_t id = BuildFromCsv(mall, rows);
  ASSERT_GT(id, 0);
  // /predict without an age takes a segmentation on income and spending alone.
  std::vector<std::vector<double>> pairs;
  for (const auto& row : rows) pairs.push_back({row[1], row[2]});
  ASSERT_GT(BuildFromCsv({mall[1], mall[2]}, pairs), 0);
  auto admin = SignIn("admin");
  const std::map<std::string, std::string> as = {{"age", "Age"},
                                                 {"annual_income", "Annual Income (k$)"},
                                                 {"spending_score", "Spending Score (1-100)"}};
  for (const auto& c : Cases("predictor")) {
    const std::string field = c.at("field");
    nlohmann::json body = {{"age", 30}, {"annual_income", 90}, {"spending_score", 85}};
    body[field] = c.at("value");
    Expect(admin.Post("/predict", body), c, 200, "/predict");

    if (c.at("value").is_null()) continue;  // a segmentation needs every feature's value
    nlohmann::json values = {{"Age", 30}, {"Annual Income (k$)", 90}, {"Spending Score (1-100)", 85}};
    values[as.at(field)] = c.at("value");
    Expect(admin.Post("/api/segments/" + std::to_string(id) + "/predict", {{"values", values}}), c,
           200, "segment predict", as.at(field));
  }
}

TEST_P(FieldSpecApiTest, LeadFieldsCarryTheSpecAndTheLayoutOfTheData) {
  auto admin = SignIn("admin");
  auto empty = admin.Get("/api/lead-fields");
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(empty.json["layout"], "bank-additional");  // no leads: the bundled data's layout
  std::map<std::string, nlohmann::json> by_name;
  for (const auto& item : empty.json["items"]) by_name[item["name"]] = item;
  EXPECT_EQ(by_name["age"]["type"], "integer");
  EXPECT_EQ(by_name["age"]["min"], FindLeadFieldSpec("age")->min);
  EXPECT_EQ(by_name["age"]["max"], FindLeadFieldSpec("age")->max);
  EXPECT_EQ(by_name["age"]["required"], true);
  EXPECT_EQ(by_name["job"]["type"], "category");
  EXPECT_EQ(by_name["balance"]["layouts"], nlohmann::json({"bank-full"}));
  EXPECT_EQ(by_name["euribor3m"]["context"], true);
  EXPECT_EQ(by_name["duration"]["after_call"], true);
  EXPECT_EQ(empty.json["predictor"].size(), 3u);

  // Leads of bank-full.csv's layout: the balance and the day of the month.
  const std::string full =
      "age;job;marital;education;default;balance;housing;loan;contact;day;month;duration;"
      "campaign;pdays;previous;poutcome;y\n"
      "58;management;married;tertiary;no;2143;yes;no;unknown;5;may;261;1;-1;0;unknown;no\n"
      "44;technician;single;secondary;no;29;yes;no;unknown;5;may;151;1;-1;0;unknown;no\n";
  ASSERT_EQ(admin.PostRaw("/api/leads/import", full, "text/csv").status, 200);
  EXPECT_EQ(admin.Get("/api/lead-fields").json["layout"], "bank-full");
}

LEADSCORE_API_SUITE(FieldSpecApiTest);

}  // namespace
}  // namespace leadscore::http
