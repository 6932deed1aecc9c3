#include "http/request_parsing.h"

#include <charconv>
#include <cmath>

#include "core/json_depth.h"

namespace leadscore::http {
namespace {

constexpr int64_t kMaxId = int64_t{1} << 53;

Status Bad(const std::string& message) { return Status::InvalidArgument(message); }

bool ParseInt64(std::string_view text, int64_t& value) {
  if (text.empty() || text.size() > 20) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool Digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

Result<nlohmann::json> ParseJsonObject(const std::string& body, bool allow_empty) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
    if (allow_empty) return nlohmann::json::object();
    return Bad("a JSON object is required as the body").With("body_required");
  }
  bool too_deep = false;
  nlohmann::json parsed = ParseDepthBoundedJson(body, &too_deep);
  if (too_deep) return Bad(kJsonTooDeep).With("json_too_deep", {{"max", int64_t{32}}});
  if (parsed.is_discarded()) return Bad("the body is not valid JSON").With("json_invalid");
  if (!parsed.is_object()) return Bad("the body must be a JSON object").With("json_not_object");
  return parsed;
}

Status CheckKeys(const nlohmann::json& object, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    for (std::string_view a : allowed) known = known || key == a;
    if (!known) {
      return Bad("unknown field '" + key.substr(0, 64) + "'")
          .With("unknown_field", {{"field", key.substr(0, 64)}});
    }
  }
  return Status::Ok();
}

Result<std::optional<std::string>> OptionalString(const nlohmann::json& object,
                                                  const std::string& key, size_t max_length) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string())
    return Bad(key + " must be a string").With("param_not_string", {{"field", key}});
  const std::string& value = it->get_ref<const std::string&>();
  if (value.size() > max_length) {
    return Bad(key + " must have at most " + std::to_string(max_length) + " characters")
        .With("param_too_long", {{"field", key}, {"max", static_cast<int64_t>(max_length)}});
  }
  return std::optional<std::string>(value);
}

Result<std::string> RequiredString(const nlohmann::json& object, const std::string& key,
                                   size_t max_length) {
  LS_ASSIGN_OR_RETURN(std::optional<std::string> value, OptionalString(object, key, max_length));
  if (!value) return Bad(key + " is required").With("param_required", {{"field", key}});
  return *value;
}

Result<std::optional<bool>> OptionalBool(const nlohmann::json& object, const std::string& key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean()) {
    return Bad(key + " must be true or false").With("param_not_boolean", {{"field", key}});
  }
  return std::optional<bool>(it->get<bool>());
}

Result<std::optional<int64_t>> OptionalInt(const nlohmann::json& object, const std::string& key,
                                           int64_t min, int64_t max) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::optional<int64_t>();
  std::string range = " between " + std::to_string(min) + " and " + std::to_string(max);
  const Status out_of_range =
      Bad(key + " must be" + range)
          .With("param_out_of_range", {{"field", key}, {"min", min}, {"max", max}});
  if (!it->is_number_integer()) {
    return Bad(key + " must be an integer" + range)
        .With("param_not_integer", {{"field", key}, {"min", min}, {"max", max}});
  }
  int64_t value = 0;
  if (it->is_number_unsigned()) {
    uint64_t u = it->get<uint64_t>();
    if (u > static_cast<uint64_t>(max)) return out_of_range;
    value = static_cast<int64_t>(u);
  } else {
    value = it->get<int64_t>();
  }
  if (value < min || value > max) return out_of_range;
  return std::optional<int64_t>(value);
}

Result<std::optional<double>> OptionalNumber(const nlohmann::json& object, const std::string& key,
                                             double min, double max) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::optional<double>();
  if (!it->is_number())
    return Bad(key + " must be a number").With("param_not_number", {{"field", key}});
  double value = it->get<double>();
  if (!std::isfinite(value) || value < min || value > max) {
    return Bad(key + " must be between " + nlohmann::json(min).dump() + " and " +
               nlohmann::json(max).dump())
        .With("param_out_of_range", {{"field", key}, {"min", min}, {"max", max}});
  }
  return std::optional<double>(value);
}

Result<double> RequiredNumber(const nlohmann::json& object, const std::string& key, double min,
                              double max) {
  LS_ASSIGN_OR_RETURN(std::optional<double> value, OptionalNumber(object, key, min, max));
  if (!value) return Bad(key + " is required").With("param_required", {{"field", key}});
  return *value;
}

Result<std::optional<int64_t>> QueryInt(const Request& req, const std::string& key,
                                        int64_t min, int64_t max) {
  if (!req.has_param(key)) return std::optional<int64_t>();
  int64_t value = 0;
  if (!ParseInt64(req.get_param_value(key), value) || value < min || value > max) {
    return Bad(key + " must be an integer between " + std::to_string(min) + " and " +
               std::to_string(max))
        .With("param_not_integer", {{"field", key}, {"min", min}, {"max", max}});
  }
  return std::optional<int64_t>(value);
}

Result<std::optional<bool>> QueryBool(const Request& req, const std::string& key) {
  if (!req.has_param(key)) return std::optional<bool>();
  std::string v = req.get_param_value(key);
  if (v == "true" || v == "1") return std::optional<bool>(true);
  if (v == "false" || v == "0") return std::optional<bool>(false);
  return Bad(key + " must be true or false").With("param_not_boolean", {{"field", key}});
}

Result<std::optional<std::string>> QueryString(const Request& req,
                                               const std::string& key, size_t max_length) {
  if (!req.has_param(key)) return std::optional<std::string>();
  std::string v = req.get_param_value(key);
  if (v.size() > max_length) {
    return Bad(key + " must have at most " + std::to_string(max_length) + " characters")
        .With("param_too_long", {{"field", key}, {"max", static_cast<int64_t>(max_length)}});
  }
  return std::optional<std::string>(std::move(v));
}

Result<std::optional<TimeMs>> QueryTime(const Request& req, const std::string& key) {
  if (!req.has_param(key)) return std::optional<TimeMs>();
  auto t = ParseIsoTime(req.get_param_value(key));
  if (!t) {
    return Bad(key + " must be an ISO 8601 time such as 2026-11-22T08:00:00Z")
        .With("param_not_time", {{"field", key}});
  }
  return std::optional<TimeMs>(*t);
}

Result<int64_t> PathId(const RequestContext& ctx, size_t n) {
  int64_t id = 0;
  if (!ParseInt64(ctx.PathParam(n), id) || id < 1 || id > kMaxId) {
    return Bad("the id in the path must be a positive integer").With("path_id_invalid");
  }
  return id;
}

Result<std::vector<std::pair<const BankColumn*, FieldValue>>> ParseLeadFields(
    const nlohmann::json& fields) {
  if (!fields.is_object()) {
    return Bad("fields must be an object")
        .With("param_not_object", {{"field", std::string("fields")}});
  }
  std::vector<std::pair<const BankColumn*, FieldValue>> out;
  for (const auto& [name, value] : fields.items()) {
    const BankColumn* column = FindBankColumn(name);
    if (!column) {
      return Bad("fields: unknown column '" + name.substr(0, 64) +
                 "' (put bank-specific columns in extra)")
          .With("field_unknown", {{"field", name.substr(0, 64)}});
    }
    FieldValue v;
    if (value.is_number()) {
      v = value.get<double>();
    } else if (value.is_string()) {
      v = value.get<std::string>();
    } else if (!value.is_null()) {
      return Bad("fields." + name + " must be a number, a string or null")
          .With("field_bad_type", {{"field", name}});
    }
    out.emplace_back(column, std::move(v));
  }
  return out;
}

Result<std::optional<double>> SpecNumber(const nlohmann::json& object, const std::string& key,
                                         const FieldSpec& spec) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (spec.required) return CheckPresent(spec).With("field_required", {{"field", key}});
    return std::optional<double>();
  }
  const std::string_view type = spec.type == FieldType::kInteger ? "integer" : "number";
  if (!it->is_number()) {
    return FieldNotNumber(key, it->is_string() ? it->get<std::string>() : it->dump(), type);
  }
  const double value = it->get<double>();
  LS_RETURN_IF_ERROR(CheckNumber(spec, value, key));
  return std::optional<double>(value);
}

std::optional<TimeMs> ParseIsoTime(std::string_view s) {
  int year, month, day, hour, minute, second = 0, millis = 0;
  if (!Digits(s, 0, 4, year) || s.size() < 16 || s[4] != '-' || !Digits(s, 5, 2, month) ||
      s[7] != '-' || !Digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != ' ') ||
      !Digits(s, 11, 2, hour) || s[13] != ':' || !Digits(s, 14, 2, minute)) {
    return std::nullopt;
  }
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!Digits(s, pos + 1, 2, second)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      size_t start = ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start || pos - start > 9) return std::nullopt;
      std::string frac(s.substr(start, std::min<size_t>(3, pos - start)));
      while (frac.size() < 3) frac += '0';
      millis = std::stoi(frac);
    }
  }
  int offset_minutes = 0;
  if (pos < s.size()) {
    if (s[pos] == 'Z' && pos + 1 == s.size()) {
      pos++;
    } else if ((s[pos] == '+' || s[pos] == '-') && pos + 6 == s.size() && s[pos + 3] == ':') {
      int oh, om;
      if (!Digits(s, pos + 1, 2, oh) || !Digits(s, pos + 4, 2, om) || oh > 14 || om > 59) {
        return std::nullopt;
      }
      offset_minutes = (s[pos] == '+' ? 1 : -1) * (oh * 60 + om);
      pos += 6;
    } else {
      return std::nullopt;
    }
  }
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
  return seconds * 1000 + millis;
}

}  // namespace leadscore::http
