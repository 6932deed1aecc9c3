#include "service/segmentation.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "core/field_spec.h"
#include "core/text.h"
#include "service/segmentation_source.h"

namespace leadscore {
namespace {

using nlohmann::json;

// How long the choice of /predict's segmentation is trusted before it is looked up again.
constexpr auto kDefaultRecheck = std::chrono::seconds(5);
constexpr size_t kMaxNameLength = 100;

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Where the age, the annual income and the spending score are among the model's features, when
// its features are exactly those of `kind` (each once); nullopt otherwise.
std::optional<FeatureSlots> SlotsOf(const ml::SegmentationModel& model, PredictFeatures kind) {
  const bool with_age = kind == PredictFeatures::kAgeIncomeSpending;
  if (model.features.size() != (with_age ? 3u : 2u)) return std::nullopt;
  FeatureSlots slots;
  for (int j = 0; j < static_cast<int>(model.features.size()); ++j) {
    const std::string f = Lower(model.features[j]);
    int* slot = IsAgeFeatureName(f)                           ? &slots.age
                : f.find("income") != std::string::npos  ? &slots.income
                : f.find("spend") != std::string::npos   ? &slots.spending
                                                         : nullptr;
    if (!slot || *slot >= 0) return std::nullopt;  // another feature, or one role twice
    *slot = j;
  }
  if (slots.income < 0 || slots.spending < 0 || (with_age && slots.age < 0)) return std::nullopt;
  return slots;
}

Result<std::shared_ptr<const ml::SegmentationModel>> ParseStored(const Segmentation& row) {
  auto model = ml::SegmentationModel::Parse(row.model_json);
  if (!model.ok()) {
    return Status::Internal(
        fmt::format("segmentation {} is damaged: {}", row.id, model.status().message()));
  }
  return std::make_shared<const ml::SegmentationModel>(std::move(*model));
}

SegmentAssignment Assign(int64_t id, std::shared_ptr<const ml::SegmentationModel> model,
                         int cluster) {
  SegmentAssignment a;
  a.segmentation_id = id;
  a.cluster = cluster;
  a.cluster_info = &model->clusters[cluster];
  a.model = std::move(model);
  return a;
}

}  // namespace

Result<ml::SegmentationBuild> ComputeSegmentation(const SegmentationRequest& request, Store* store,
                                                  std::vector<int64_t>* lead_ids) {
  std::vector<std::string> features = request.features;
  if (features.empty() && request.source == "leads" && store) {
    LS_ASSIGN_OR_RETURN(LeadFeatureChoice choice, LeadFeatureCandidates(*store));
    if (choice.leads == 0) {
      return Status::InvalidArgument("there are no leads to segment; import some first");
    }
    if (choice.defaults.empty()) {
      return Status::InvalidArgument(
          "no numeric column is filled in for most leads; choose the features to segment on");
    }
    features = std::move(choice.defaults);
  }
  if (features.empty() || features.size() > ml::kMaxSegmentFeatures) {
    return Status::InvalidArgument(
        fmt::format("choose 1 to {} feature columns", ml::kMaxSegmentFeatures));
  }
  ml::SegmentationBuildOptions options;
  options.k = request.k;
  options.seed = request.seed;
  options.threads = request.threads;
  options.source = request.source;

  ml::FeatureTable table;
  if (request.source == "csv") {
    Result<CsvReader> reader =
        !request.csv_text.empty() ? CsvReader::FromString(request.csv_text)
        : !request.csv_path.empty()
            ? CsvReader::FromFile(request.csv_path)
            : Result<CsvReader>(Status::InvalidArgument("source csv needs the file's text"));
    if (!reader.ok()) return reader.status();
    LS_ASSIGN_OR_RETURN(table, ReadCsvFeatures(std::move(*reader), features));
    options.source_name = !request.csv_name.empty()   ? request.csv_name
                          : !request.csv_path.empty() ? BaseName(request.csv_path)
                                                      : "upload.csv";
  } else if (request.source == "leads") {
    if (!store) return Status::FailedPrecondition("source leads needs the database");
    LS_ASSIGN_OR_RETURN(LeadFeatures leads, ReadLeadFeatures(*store, features));
    table = std::move(leads.table);
    if (lead_ids) *lead_ids = std::move(leads.lead_ids);
    options.source_name = "leads";
  } else {
    return Status::InvalidArgument(
        fmt::format("source must be 'csv' or 'leads', not '{}'", request.source));
  }
  return ml::BuildSegmentation(table, options);
}

SegmentationService::SegmentationService(Store& store, const Clock& clock)
    : store_(store), clock_(clock) {}

Result<SegmentationInfo> SegmentationService::Build(const SegmentationRequest& request) {
  std::string name = request.name;
  name.erase(0, name.find_first_not_of(" \t"));
  name.erase(name.find_last_not_of(" \t") + 1);
  const TimeMs now = clock_.NowMs();
  if (name.size() > kMaxNameLength) {
    return Status::InvalidArgument(
        fmt::format("the name is longer than {} characters", kMaxNameLength));
  }

  std::vector<int64_t> lead_ids;
  LS_ASSIGN_OR_RETURN(ml::SegmentationBuild build,
                      ComputeSegmentation(request, &store_, &lead_ids));
  if (name.empty()) {  // from the features used, which the service may have chosen
    std::string features;
    for (const auto& f : build.model.features) features += (features.empty() ? "" : " x ") + f;
    if (features.size() > kMaxNameLength - 25) {  // room for " (2026-01-31T12:00:00)"
      size_t cut = kMaxNameLength - 28;
      while (cut > 0 && (static_cast<unsigned char>(features[cut]) & 0xC0) == 0x80) --cut;
      features = features.substr(0, cut) + "...";
    }
    name = fmt::format("{} ({})", features, FormatIsoTime(now).substr(0, 19));
  }
  Segmentation row;
  row.name = name;
  row.created_at = now;
  row.created_by = request.created_by;
  row.model_json = build.model.ToJson().dump();
  LS_ASSIGN_OR_RETURN(row.id, store_.SaveSegmentation(row, /*make_default=*/false));

  if (request.source == "leads") {
    std::vector<LeadCluster> clusters(lead_ids.size());
    for (size_t i = 0; i < lead_ids.size(); ++i) clusters[i] = {lead_ids[i], build.labels[i]};
    Status saved = store_.ReplaceLeadClusters(row.id, clusters);
    if (!saved.ok()) {
      (void)store_.DeleteSegmentation(row.id);
      return saved.WithContext("saving the leads' clusters");
    }
  }
  if (request.make_default) {
    LS_RETURN_IF_ERROR(store_.SetDefaultSegmentation(row.id));
    row.is_default = true;
  }
  row.model_json.clear();
  auto model = std::make_shared<const ml::SegmentationModel>(std::move(build.model));
  {
    std::lock_guard lock(mu_);
    models_[row.id] = model;
    ForgetChoices();  // a newer segmentation for /predict may now exist
  }
  return SegmentationInfo{std::move(row), std::move(model)};
}

Result<LeadFeatureChoice> SegmentationService::LeadFeatures() {
  return LeadFeatureCandidates(store_);
}

Result<std::shared_ptr<const ml::SegmentationModel>> SegmentationService::Model(int64_t id) {
  {
    std::lock_guard lock(mu_);
    auto it = models_.find(id);
    if (it != models_.end()) return it->second;
  }
  LS_ASSIGN_OR_RETURN(Segmentation row, store_.GetSegmentation(id));
  LS_ASSIGN_OR_RETURN(auto model, ParseStored(row));
  std::lock_guard lock(mu_);
  return models_.emplace(id, std::move(model)).first->second;
}

Result<std::vector<SegmentationInfo>> SegmentationService::List() {
  LS_ASSIGN_OR_RETURN(std::vector<Segmentation> rows, store_.ListSegmentations());
  std::sort(rows.begin(), rows.end(), [](const Segmentation& a, const Segmentation& b) {
    return a.created_at != b.created_at ? a.created_at > b.created_at : a.id > b.id;
  });
  std::vector<SegmentationInfo> out;
  for (Segmentation& row : rows) {
    std::shared_ptr<const ml::SegmentationModel> model;
    {
      std::lock_guard lock(mu_);
      auto it = models_.find(row.id);
      if (it != models_.end()) model = it->second;
    }
    if (!model) {
      LS_ASSIGN_OR_RETURN(model, ParseStored(row));
      std::lock_guard lock(mu_);
      models_.emplace(row.id, model);
    }
    row.model_json.clear();
    out.push_back({std::move(row), std::move(model)});
  }
  return out;
}

Result<SegmentationInfo> SegmentationService::Get(int64_t id) {
  LS_ASSIGN_OR_RETURN(Segmentation row, store_.GetSegmentation(id));
  LS_ASSIGN_OR_RETURN(auto model, Model(id));
  row.model_json.clear();
  return SegmentationInfo{std::move(row), std::move(model)};
}

Status SegmentationService::SetDefault(int64_t id) {
  LS_RETURN_IF_ERROR(store_.SetDefaultSegmentation(id));
  std::lock_guard lock(mu_);
  ForgetChoices();
  return Status::Ok();
}

Status SegmentationService::Delete(int64_t id) {
  LS_RETURN_IF_ERROR(store_.DeleteSegmentation(id));
  std::lock_guard lock(mu_);
  models_.erase(id);
  ForgetChoices();
  return Status::Ok();
}

Result<SegmentAssignment> SegmentationService::Predict(
    int64_t id, const std::map<std::string, double>& values) {
  LS_ASSIGN_OR_RETURN(auto model, Model(id));
  double ordered[ml::kMaxSegmentFeatures];
  for (size_t j = 0; j < model->dims(); ++j) {
    auto it = values.find(model->features[j]);
    if (it == values.end()) {
      return Status::InvalidArgument(
          fmt::format("a value for '{}' is missing", model->features[j]));
    }
    // A feature the field spec knows (a bank column, the age, income or spending score)
    // takes the values it takes everywhere else; a bank's own column any finite number.
    if (const FieldSpec* spec = SegmentFeatureSpec(model->features[j]); spec && spec->numeric()) {
      LS_RETURN_IF_ERROR(CheckNumber(*spec, it->second, model->features[j]));
    }
    ordered[j] = it->second;
  }
  if (values.size() != model->dims()) {
    for (const auto& [name, value] : values) {
      if (std::find(model->features.begin(), model->features.end(), name) ==
          model->features.end()) {
        return Status::InvalidArgument(
            fmt::format("'{}' is not a feature of segmentation {}", name, id));
      }
    }
  }
  LS_ASSIGN_OR_RETURN(ml::SegmentPrediction p, model->Predict({ordered, model->dims()}));
  return Assign(id, std::move(model), p.cluster);
}

Result<std::optional<int64_t>> SegmentationService::PredictSegmentation(PredictFeatures kind) {
  const auto now = std::chrono::steady_clock::now();
  Choice& choice = choices_[static_cast<int>(kind)];
  {
    std::lock_guard lock(mu_);
    if (choice.known && now - choice.checked < kDefaultRecheck) return choice.id;
  }
  std::optional<int64_t> found;
  auto def = store_.GetDefaultSegmentation();
  if (def.ok()) {
    auto model = Model(def->id);
    if (model.ok() && SlotsOf(**model, kind)) found = def->id;
  } else if (def.status().code() != StatusCode::kNotFound) {
    return def.status();
  }
  if (!found) {
    LS_ASSIGN_OR_RETURN(std::vector<SegmentationInfo> all, List());
    for (const SegmentationInfo& info : all) {
      if (SlotsOf(*info.model, kind)) {
        found = info.row.id;
        break;
      }
    }
  }
  std::lock_guard lock(mu_);
  choice.known = true;
  choice.id = found;
  choice.checked = now;
  return found;
}

void SegmentationService::ForgetChoices() {
  for (Choice& choice : choices_) choice.known = false;
}

Result<SegmentAssignment> SegmentationService::PredictIncomeSpending(double annual_income,
                                                                     double spending_score,
                                                                     std::optional<double> age) {
  LS_RETURN_IF_ERROR(CheckNumber(*FindPredictorFieldSpec("annual_income"), annual_income));
  LS_RETURN_IF_ERROR(CheckNumber(*FindPredictorFieldSpec("spending_score"), spending_score));
  if (age) LS_RETURN_IF_ERROR(CheckNumber(*FindPredictorFieldSpec("age"), *age));
  std::optional<int64_t> id;
  PredictFeatures kind = PredictFeatures::kIncomeSpending;
  if (age) {
    LS_ASSIGN_OR_RETURN(id, PredictSegmentation(PredictFeatures::kAgeIncomeSpending));
    if (id) kind = PredictFeatures::kAgeIncomeSpending;
  }
  if (!id) {
    LS_ASSIGN_OR_RETURN(id, PredictSegmentation(PredictFeatures::kIncomeSpending));
  }
  if (!id) {
    return Status::FailedPrecondition(
        "no segmentation on annual income and spending score yet; build one from a customer "
        "CSV (leadscore demo builds one from data/Mall_Customers.csv)");
  }
  LS_ASSIGN_OR_RETURN(auto model, Model(*id));
  const std::optional<FeatureSlots> slots = SlotsOf(*model, kind);
  if (!slots) return Status::Internal("the segmentation chosen for /predict changed its features");
  double values[3];
  values[slots->income] = annual_income;
  values[slots->spending] = spending_score;
  if (slots->age >= 0) values[slots->age] = *age;
  LS_ASSIGN_OR_RETURN(ml::SegmentPrediction p, model->Predict({values, model->dims()}));
  return Assign(*id, std::move(model), p.cluster);
}

json SegmentationSummaryJson(const SegmentationInfo& info) {
  const ml::SegmentationModel& m = *info.model;
  return json{
      {"id", info.row.id},
      {"name", info.row.name},
      {"source", m.source},
      {"source_name", m.source_name},
      {"features", m.features},
      {"k", m.k},
      {"created_at", FormatIsoTime(info.row.created_at)},
      {"created_by", info.row.created_by},
      {"is_default", info.row.is_default},
      {"n_points", m.n_points},
      {"silhouette", m.silhouette ? json(*m.silhouette) : json(nullptr)},
  };
}

json SegmentationDetailJson(const SegmentationInfo& info) {
  json detail = info.model->ToJson();
  detail.erase("format");
  detail.update(SegmentationSummaryJson(info));
  return detail;
}

json SegmentPredictionJson(const SegmentAssignment& a) {
  const ml::SegmentCluster& c = *a.cluster_info;
  return json{
      {"segmentation_id", a.segmentation_id},
      {"cluster", a.cluster},
      {"cluster_id", a.cluster},
      {"persona", c.persona.name},
      {"persona_id", c.persona.name_id},
      {"description", c.persona.description},
      {"description_id", c.persona.description_id},
      {"centroid", c.centroid},
      {"features", a.model->features},
  };
}

Result<std::optional<int64_t>> EnsureDemoSegmentation(SegmentationService& service, Store& store,
                                                      const std::string& data_dir) {
  LS_ASSIGN_OR_RETURN(std::vector<Segmentation> existing, store.ListSegmentations());
  if (!existing.empty()) return std::optional<int64_t>();
  SegmentationRequest request;
  request.name = "Mall customers: income x spending";
  request.source = "csv";
  request.csv_path = data_dir + "/Mall_Customers.csv";
  request.csv_name = "Mall_Customers.csv";
  request.features = {"Annual Income (k$)", "Spending Score (1-100)"};
  request.make_default = true;
  request.created_by = "demo";
  LS_ASSIGN_OR_RETURN(SegmentationInfo info, service.Build(request));
  return std::optional<int64_t>(info.row.id);
}

}  // namespace leadscore
