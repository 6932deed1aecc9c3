#include "ml/calibration.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace leadscore::ml {
namespace {

double Logit(double p) {
  p = std::clamp(p, 1e-7, 1 - 1e-7);
  return std::log(p / (1 - p));
}
double Sigmoid(double z) { return 1 / (1 + std::exp(-z)); }

}  // namespace

const char* CalibrationKindName(CalibrationKind kind) {
  switch (kind) {
    case CalibrationKind::kNone: return "none";
    case CalibrationKind::kPlatt: return "platt";
    case CalibrationKind::kIsotonic: return "isotonic";
  }
  return "none";
}

Result<CalibrationKind> ParseCalibrationKind(const std::string& name) {
  for (auto k : {CalibrationKind::kNone, CalibrationKind::kPlatt, CalibrationKind::kIsotonic}) {
    if (name == CalibrationKindName(k)) return k;
  }
  return Status::InvalidArgument("calibration must be none, platt or isotonic, not `" + name + "`");
}

Calibration Calibration::Fit(CalibrationKind kind, const std::vector<float>& raw,
                             const std::vector<float>& labels) {
  Calibration cal;
  cal.kind_ = kind;
  const size_t n = raw.size();
  if (kind == CalibrationKind::kPlatt) {
    double pos = std::count_if(labels.begin(), labels.end(), [](float y) { return y > 0.5f; });
    double neg = n - pos;
    double hi = (pos + 1) / (pos + 2), lo = 1 / (neg + 2);  // Platt's smoothed targets
    std::vector<double> z(n), t(n);
    for (size_t i = 0; i < n; ++i) {
      z[i] = Logit(raw[i]);
      t[i] = labels[i] > 0.5f ? hi : lo;
    }
    double a = 1, b = 0;
    for (int iter = 0; iter < 100; ++iter) {
      // Gradient and Hessian of the log loss in (a, b).
      double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
      for (size_t i = 0; i < n; ++i) {
        double p = Sigmoid(a * z[i] + b), d = p - t[i], w = p * (1 - p);
        ga += d * z[i];
        gb += d;
        haa += w * z[i] * z[i];
        hab += w * z[i];
        hbb += w;
      }
      double det = haa * hbb - hab * hab;
      if (std::fabs(det) < 1e-12) break;
      double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
      a -= da;
      b -= db;
      if (std::fabs(da) + std::fabs(db) < 1e-10) break;
    }
    cal.a_ = a;
    cal.b_ = b;
  } else if (kind == CalibrationKind::kIsotonic) {
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t i, size_t j) { return raw[i] < raw[j]; });
    // Pool adjacent violators over blocks of (sum x, sum y, count).
    struct Block { double sx, sy, n; };
    std::vector<Block> blocks;
    for (size_t i : order) {
      blocks.push_back({raw[i], labels[i] > 0.5f ? 1.0 : 0.0, 1});
      while (blocks.size() > 1 &&
             blocks[blocks.size() - 2].sy / blocks[blocks.size() - 2].n >=
                 blocks.back().sy / blocks.back().n) {
        Block last = blocks.back();
        blocks.pop_back();
        blocks.back().sx += last.sx;
        blocks.back().sy += last.sy;
        blocks.back().n += last.n;
      }
    }
    for (const auto& b : blocks) {
      cal.x_.push_back(b.sx / b.n);
      cal.y_.push_back(b.sy / b.n);
    }
  }
  return cal;
}

double Calibration::Apply(double raw) const {
  switch (kind_) {
    case CalibrationKind::kNone: return raw;
    case CalibrationKind::kPlatt: return Sigmoid(a_ * Logit(raw) + b_);
    case CalibrationKind::kIsotonic: {
      if (x_.empty()) return raw;
      if (raw <= x_.front()) return y_.front();
      if (raw >= x_.back()) return y_.back();
      size_t hi = std::upper_bound(x_.begin(), x_.end(), raw) - x_.begin();
      size_t lo = hi - 1;
      double t = (raw - x_[lo]) / (x_[hi] - x_[lo]);
      return y_[lo] + t * (y_[hi] - y_[lo]);
    }
  }
  return raw;
}

void Calibration::ApplyAll(std::vector<float>* scores) const {
  if (kind_ == CalibrationKind::kNone) return;
  for (float& s : *scores) s = static_cast<float>(Apply(s));
}

nlohmann::json Calibration::ToJson() const {
  nlohmann::json j = {{"kind", CalibrationKindName(kind_)}};
  if (kind_ == CalibrationKind::kPlatt) {
    j["a"] = a_;
    j["b"] = b_;
  } else if (kind_ == CalibrationKind::kIsotonic) {
    j["x"] = x_;
    j["y"] = y_;
  }
  return j;
}

Result<Calibration> Calibration::FromJson(const nlohmann::json& json) {
  Calibration cal;
  try {
    LS_ASSIGN_OR_RETURN(cal.kind_, ParseCalibrationKind(json.at("kind").get<std::string>()));
    if (cal.kind_ == CalibrationKind::kPlatt) {
      cal.a_ = json.at("a").get<double>();
      cal.b_ = json.at("b").get<double>();
    } else if (cal.kind_ == CalibrationKind::kIsotonic) {
      cal.x_ = json.at("x").get<std::vector<double>>();
      cal.y_ = json.at("y").get<std::vector<double>>();
      if (cal.x_.size() != cal.y_.size()) {
        return Status::InvalidArgument("isotonic calibration: x and y differ in length");
      }
    }
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument(std::string("bad calibration JSON: ") + e.what());
  }
  return cal;
}

}  // namespace leadscore::ml
