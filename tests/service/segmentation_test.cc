// SegmentationService on a real SQLite store: building from a CSV and from the leads, saving,
// listing, the default, predicting, and refusing bad input without saving anything.
#include "service/segmentation.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "service/segmentation_source.h"

namespace leadscore {
namespace {

namespace fs = std::filesystem;

const std::string kData = std::string(LEADSCORE_SOURCE_DIR) + "/data";
const std::vector<std::string> kMallFeatures = {"Annual Income (k$)", "Spending Score (1-100)"};

class SegmentationServiceTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "leadscore-segment-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    auto store = OpenStore("sqlite:" + (dir_ / "segments.db").string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    service_ = std::make_unique<SegmentationService>(*store_, clock_);
  }
  void TearDown() override {
    service_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }

  static std::string MallText() {
    std::ifstream in(kData + "/Mall_Customers.csv", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  SegmentationRequest CsvRequest(std::string text, std::vector<std::string> features) {
    SegmentationRequest r;
    r.source = "csv";
    r.csv_text = std::move(text);
    r.csv_name = "customers.csv";
    r.features = std::move(features);
    return r;
  }

  void AddLead(double age, double balance) {
    Lead lead;
    lead.name = "Nasabah";
    lead.numeric[FindBankColumn("age")->slot] = age;
    lead.numeric[FindBankColumn("balance")->slot] = balance;
    ASSERT_TRUE(store_->CreateLead(lead, clock_.NowMs()).ok());
  }

  size_t SavedCount() { return store_->ListSegmentations()->size(); }

  fs::path dir_;
  ManualClock clock_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<SegmentationService> service_;
};

TEST_F(SegmentationServiceTest, BuildsSavesAndShowsACsvSegmentation) {
  auto request = CsvRequest(MallText(), kMallFeatures);
  request.name = "Mall";
  request.make_default = true;
  auto built = service_->Build(request);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_TRUE(built->row.is_default);

  auto got = service_->Get(built->row.id);
  ASSERT_TRUE(got.ok());
  nlohmann::json detail = SegmentationDetailJson(*got);
  EXPECT_EQ(detail["id"], built->row.id);
  EXPECT_EQ(detail["name"], "Mall");
  EXPECT_EQ(detail["source"], "csv");
  EXPECT_EQ(detail["k"], 5);
  EXPECT_EQ(detail["n_points"], 200);
  EXPECT_EQ(detail["is_default"], true);
  ASSERT_EQ(detail["elbow"].size(), 10u);
  EXPECT_TRUE(detail["elbow"][4].contains("wcss"));
  ASSERT_EQ(detail["clusters"].size(), 5u);
  int64_t total = 0;
  for (const auto& c : detail["clusters"]) {
    EXPECT_EQ(c["centroid"].size(), 2u);
    EXPECT_FALSE(c["persona"].get<std::string>().empty());
    EXPECT_FALSE(c["description"].get<std::string>().empty());
    total += c["size"].get<int64_t>();
  }
  EXPECT_EQ(total, 200);
  EXPECT_EQ(detail["sample"].size(), 200u);

  auto list = service_->List();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(SegmentationSummaryJson((*list)[0])["silhouette"], detail["silhouette"]);
}

TEST_F(SegmentationServiceTest, PredictsByFeatureNameAndRefusesBadValues) {
  auto built = service_->Build(CsvRequest(MallText(), kMallFeatures));
  ASSERT_TRUE(built.ok());
  const int64_t id = built->row.id;
  for (const auto& cluster : built->model->clusters) {
    auto p = service_->Predict(
        id, {{kMallFeatures[0], cluster.centroid[0]}, {kMallFeatures[1], cluster.centroid[1]}});
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    EXPECT_EQ(p->cluster, cluster.id);
    EXPECT_EQ(SegmentPredictionJson(*p)["persona"], cluster.persona.name);
  }
  auto missing = service_->Predict(id, {{kMallFeatures[0], 50}});
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find("Spending"), std::string::npos);
  auto extra = service_->Predict(id, {{kMallFeatures[0], 50}, {kMallFeatures[1], 50}, {"Age", 3}});
  EXPECT_EQ(extra.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(service_->Predict(id + 100, {}).status().code(), StatusCode::kNotFound);

  ASSERT_TRUE(service_->Delete(id).ok());
  EXPECT_EQ(service_->Predict(id, {{kMallFeatures[0], 50}, {kMallFeatures[1], 50}}).status().code(),
            StatusCode::kNotFound);
}

TEST_F(SegmentationServiceTest, DemoSegmentationServesIncomeAndSpendingPredictions) {
  auto none = service_->PredictIncomeSpending(100, 90);
  EXPECT_EQ(none.status().code(), StatusCode::kFailedPrecondition);

  auto demo = EnsureDemoSegmentation(*service_, *store_, kData);
  ASSERT_TRUE(demo.ok()) << demo.status().ToString();
  ASSERT_TRUE(demo->has_value());
  auto again = EnsureDemoSegmentation(*service_, *store_, kData);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value());  // already there: nothing new
  EXPECT_EQ(SavedCount(), 1u);
  EXPECT_EQ(store_->GetDefaultSegmentation()->id, **demo);

  auto persona = [&](double income, double spending) {
    auto p = service_->PredictIncomeSpending(income, spending);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? p->cluster_info->persona.name : std::string();
  };
  EXPECT_EQ(persona(120, 90), "Target");
  EXPECT_EQ(persona(120, 10), "Saver");
  EXPECT_EQ(persona(18, 8), "Sensible");
  EXPECT_EQ(persona(18, 92), "Careless");
  EXPECT_EQ(persona(60, 50), "Standard");

  EXPECT_EQ(service_->PredictIncomeSpending(-1, 50).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(service_->PredictIncomeSpending(50, 101).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SegmentationServiceTest, SegmentsTheLeadsAndSavesTheirClusters) {
  for (int i = 0; i < 20; ++i) {
    AddLead(25 + i % 3, 200 + 10 * i);
    AddLead(45 + i % 3, 5000 + 10 * i);
    AddLead(65 + i % 3, 800 + 10 * i);
  }
  Lead no_balance;
  no_balance.name = "Nasabah tanpa saldo";
  no_balance.numeric[FindBankColumn("age")->slot] = 30;
  auto created = store_->CreateLead(no_balance, clock_.NowMs());
  ASSERT_TRUE(created.ok()) << created.status().ToString();

  SegmentationRequest request;
  request.source = "leads";
  request.features = {"age", "balance"};
  request.k = 3;
  auto built = service_->Build(request);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_EQ(built->model->n_points, 60);  // the lead without a balance is left out
  for (const auto& c : built->model->clusters) EXPECT_EQ(c.size, 20);

  int64_t listed = 0;
  for (int cluster = 0; cluster < 3; ++cluster) {
    LeadQuery query;
    query.viewer.role = Role::kAdmin;
    query.viewer.now = clock_.NowMs();
    query.segmentation_id = built->row.id;
    query.cluster = cluster;
    auto page = store_->ListLeads(query);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_EQ(page->total, 20);
    listed += page->total;
  }
  EXPECT_EQ(listed, 60);

  // A lead segmentation as the default does not serve /predict; the newest income x spending
  // segmentation does.
  ASSERT_TRUE(service_->SetDefault(built->row.id).ok());
  EXPECT_EQ(service_->PredictIncomeSpending(50, 50).status().code(),
            StatusCode::kFailedPrecondition);
  auto mall = service_->Build(CsvRequest(MallText(), kMallFeatures));
  ASSERT_TRUE(mall.ok());
  auto p = service_->PredictIncomeSpending(120, 90);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->segmentation_id, mall->row.id);
}

TEST_F(SegmentationServiceTest, BadInputIsRefusedAndNothingIsSaved) {
  auto unknown = service_->Build(CsvRequest(MallText(), {"Income", "Spending Score (1-100)"}));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("no column 'Income'"), std::string::npos);
  EXPECT_NE(unknown.status().message().find("Annual Income (k$)"), std::string::npos);

  std::string text = "id,age,score\n1,20,3\n2,abc,4\n3,40,\n4,50,6\n";
  auto bad = service_->Build(CsvRequest(text, {"age", "score"}));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("line 3: 'age' is not a number: 'abc'"), std::string::npos)
      << bad.status().message();
  EXPECT_NE(bad.status().message().find("line 4: 'score' is empty"), std::string::npos);

  auto text_column = service_->Build(CsvRequest(MallText(), {"Genre", "Age"}));
  EXPECT_NE(text_column.status().message().find("column 'Genre' holds text"), std::string::npos)
      << text_column.status().message();

  auto constant = service_->Build(CsvRequest("a,b\n1,7\n2,7\n3,7\n", {"a", "b"}));
  EXPECT_NE(constant.status().message().find("'b'"), std::string::npos);

  auto few = CsvRequest("a,b\n1,7\n2,8\n", {"a", "b"});
  few.k = 3;
  EXPECT_NE(service_->Build(few).status().message().find("2 rows"), std::string::npos);

  SegmentationRequest leads;
  leads.source = "leads";
  leads.features = {"job"};
  auto categorical = service_->Build(leads);
  EXPECT_NE(categorical.status().message().find("not a numeric column"), std::string::npos);
  leads.features = {"age"};
  EXPECT_NE(service_->Build(leads).status().message().find("no leads"), std::string::npos);

  SegmentationRequest source;
  source.source = "ftp";
  source.features = {"a"};
  EXPECT_EQ(service_->Build(source).status().code(), StatusCode::kInvalidArgument);

  EXPECT_EQ(SavedCount(), 0u);
}

TEST_F(SegmentationServiceTest, ReadsSemicolonFilesWithDecimalCommas) {
  auto reader = CsvReader::FromString("pendapatan;belanja\n\"1,5\";2\n3;\"4,25\"\n");
  ASSERT_TRUE(reader.ok());
  auto table = ReadCsvFeatures(std::move(*reader), {"pendapatan", "belanja"});
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->values, (std::vector<double>{1.5, 2, 3, 4.25}));
}

TEST_F(SegmentationServiceTest, NamesMustBeUniqueAndShort) {
  auto request = CsvRequest(MallText(), kMallFeatures);
  request.name = "Mall";
  ASSERT_TRUE(service_->Build(request).ok());
  EXPECT_EQ(service_->Build(request).status().code(), StatusCode::kConflict);
  request.name = std::string(101, 'x');
  EXPECT_EQ(service_->Build(request).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SavedCount(), 1u);
}

}  // namespace
}  // namespace leadscore
