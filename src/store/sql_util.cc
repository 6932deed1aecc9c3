#include "store/sql_util.h"

#include <cmath>

#include <algorithm>

#include <fmt/format.h>

#include <exception>

#include <spdlog/spdlog.h>

namespace leadscore::store {

Tx::Tx(soci::session& sql, const Dialect& dialect) : sql_(sql), commits_(dialect.commits) {
  sql_ << dialect.BeginWrite();
}

Tx::~Tx() {
  if (!open_) return;
  try {
    sql_ << "ROLLBACK";
  } catch (const std::exception& e) {
    spdlog::warn("rollback failed: {}", e.what());
  }
}

void Tx::Commit() {
  sql_ << "COMMIT";
  open_ = false;
  if (commits_) commits_->fetch_add(1, std::memory_order_acq_rel);
}

std::string LiveLeadSql(const std::string& prefix) {
  return "(" + prefix + "import_id IS NULL OR " + prefix +
         "import_id NOT IN (SELECT id FROM lead_imports WHERE state <> 'done'))";
}

std::string HiddenLeadSql(const std::string& prefix) {
  return prefix + "import_id IN (SELECT id FROM lead_imports WHERE state <> 'done')";
}

void BumpDataVersion(soci::session& sql) {
  sql << "UPDATE data_version SET version = version + 1 WHERE id = 1";
}

std::string Params::Next() { return ":p" + std::to_string(order_.size()); }

std::string Params::Add(long long v) {
  std::string name = Next();
  ints_.push_back(v);
  order_.emplace_back(0, ints_.size() - 1);
  return name;
}

std::string Params::Add(double v) {
  std::string name = Next();
  doubles_.push_back(v);
  order_.emplace_back(1, doubles_.size() - 1);
  return name;
}

std::string Params::Add(const std::string& v) {
  std::string name = Next();
  strings_.push_back(v);
  order_.emplace_back(2, strings_.size() - 1);
  return name;
}

void Params::Bind(soci::statement& st) {
  for (size_t i = 0; i < order_.size(); ++i) {
    const auto [kind, index] = order_[i];
    const std::string name = "p" + std::to_string(i);
    if (kind == 0) st.exchange(soci::use(ints_[index], name));
    if (kind == 1) st.exchange(soci::use(doubles_[index], name));
    if (kind == 2) st.exchange(soci::use(strings_[index], name));
  }
}

Status Guard(const char* what, const std::function<Status()>& fn) {
  try {
    return fn();
  } catch (const soci::soci_error& e) {
    spdlog::error("store: {}: {}", what, e.what());
    if (e.get_error_category() == soci::soci_error::connection_error) {
      return Status::Unavailable(std::string(what) + ": the database is unavailable")
          .With("database_unavailable");
    }
    // Locked by another writer past the wait allowed: the caller may try again shortly (the HTTP
    // edge answers 503 with Retry-After), and the rolled-back transaction changed nothing.
    if (IsBusy(e)) {
      return Status::Unavailable("the database is busy; try again in a moment")
          .With("database_busy");
    }
    return Status::Internal(std::string(what) + ": database error: " + e.get_error_message());
  } catch (const std::exception& e) {
    spdlog::error("store: {}: {}", what, e.what());
    return Status::Internal(std::string(what) + ": " + e.what());
  }
}

long long CountWhere(soci::session& sql, const std::string& from_where, Params& p) {
  long long n = 0;
  soci::statement st(sql);
  st.exchange(soci::into(n));
  p.Bind(st);
  st.alloc();
  st.prepare("SELECT COUNT(*) " + from_where);
  st.define_and_bind();
  st.execute(true);
  return n;
}

Status CheckRunBands(const std::vector<double>& bands) {
  if (!AreGradeCutoffs(bands)) {
    return Status::InvalidArgument("grade bands are three descending thresholds for A, B, C")
        .With("grade_bands_invalid");
  }
  return Status::Ok();
}

std::string GradeCaseSql(const std::array<std::string, kGradeBandCount>& cutoffs) {
  std::string sql = "CASE";
  for (size_t i = 0; i < kGradeBandCount; ++i) {
    sql += fmt::format(" WHEN score >= {} THEN '{}'", cutoffs[i], kGrades[i]);
  }
  return sql + fmt::format(" ELSE '{}' END", kGrades.back());
}

int64_t RegradeIn(soci::session& sql, const std::string& table, const std::vector<double>& bands) {
  // The cut-offs are bound twice, in order: once for the new grade, once for the comparison.
  auto grade = [](const char* n) {
    return GradeCaseSql({fmt::format(":a{}", n), fmt::format(":b{}", n), fmt::format(":c{}", n)});
  };
  double a = bands[0], b = bands[1], c = bands[2];
  soci::statement st = (sql.prepare << "UPDATE " + table + " SET grade = " + grade("1") +
                                           " WHERE grade <> " + grade("2"),
                        soci::use(a), soci::use(b), soci::use(c), soci::use(a), soci::use(b),
                        soci::use(c));
  st.execute(true);
  return st.get_affected_rows();
}

std::vector<double> ScoreQuantilesIn(soci::session& sql, const std::vector<double>& probs) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM scores", soci::into(n);
  if (n == 0) return {};
  std::vector<double> out;
  for (double p : probs) {
    long long k = std::clamp<long long>(static_cast<long long>(std::ceil(p * n)), 1, n);
    long long offset = k - 1;
    double value = 0;
    sql << "SELECT score FROM scores ORDER BY score LIMIT 1 OFFSET :o", soci::use(offset),
        soci::into(value);
    out.push_back(value);
  }
  return out;
}

}  // namespace leadscore::store
