#include "store/sql_util.h"

#include <exception>

#include <spdlog/spdlog.h>

namespace leadscore::store {

Tx::Tx(soci::session& sql, const Dialect& dialect) : sql_(sql) { sql_ << dialect.BeginWrite(); }

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
      return Status::Unavailable(std::string(what) + ": the database is unavailable");
    }
    return Status::Internal(std::string(what) + ": database error: " + e.get_error_message());
  } catch (const std::exception& e) {
    spdlog::error("store: {}: {}", what, e.what());
    return Status::Internal(std::string(what) + ": " + e.what());
  }
}

}  // namespace leadscore::store
