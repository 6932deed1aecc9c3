// SqlStore: campaign history, the labelled rows of past campaigns that train the model.
#include <algorithm>
#include <limits>

#include "store/sql_store.h"
#include "store/sql_util.h"

namespace leadscore::store {

Result<int64_t> SqlStore::AppendHistory(const std::vector<HistoryRow>& rows) {
  for (const HistoryRow& row : rows) {
    if (row.source != "import" && row.source != "portal") {
      return Status::InvalidArgument("a history row comes from `import` or `portal`, not `" +
                                     row.source + "`");
    }
  }
  if (rows.empty()) return int64_t{0};
  return GuardResult<int64_t>("append history", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    Tx tx(sql, dialect_);
    constexpr size_t kBatch = 5000;
    for (size_t start = 0; start < rows.size(); start += kBatch) {
      const size_t n = std::min(kBatch, rows.size() - start);
      std::vector<std::string> source(n), data(n), by(n);
      std::vector<int> outcome(n);
      std::vector<long long> at(n);
      for (size_t i = 0; i < n; ++i) {
        const HistoryRow& row = rows[start + i];
        source[i] = row.source;
        data[i] = row.data_json;
        outcome[i] = row.outcome ? 1 : 0;
        at[i] = row.created_at;
        by[i] = row.created_by;
      }
      // (:o = 1) is a boolean on PostgreSQL and 0/1 on SQLite.
      sql << "INSERT INTO history(source, data_json, outcome, created_at, created_by)"
             " VALUES (:s, :d, (:o = 1), :t, :b)",
          soci::use(source), soci::use(data), soci::use(outcome), soci::use(at), soci::use(by);
    }
    tx.Commit();
    return static_cast<int64_t>(rows.size());
  });
}

Status SqlStore::ScanHistory(size_t batch_size,
                             const std::function<Status(const std::vector<HistoryRow>&)>& fn) {
  if (batch_size == 0) return Status::InvalidArgument("batch size must be positive");
  return Guard("scan history", [&]() -> Status {
    soci::session sql(*pool_);
    long long last = 0;
    while (true) {
      const size_t fetch = std::max<size_t>(batch_size, 2);
      std::vector<long long> id(fetch), at(fetch);
      std::vector<std::string> source(fetch), data(fetch), by(fetch);
      std::vector<int> outcome(fetch);
      sql << "SELECT id, source, data_json, " + Dialect::BoolInt("outcome") +
                 ", created_at, created_by FROM history WHERE id > :last ORDER BY id LIMIT " +
                 std::to_string(batch_size),
          soci::use(last), soci::into(id), soci::into(source), soci::into(data),
          soci::into(outcome), soci::into(at), soci::into(by);
      if (id.empty()) break;
      std::vector<HistoryRow> batch(id.size());
      for (size_t i = 0; i < id.size(); ++i) {
        batch[i] = {id[i], std::move(source[i]), std::move(data[i]), outcome[i] != 0, at[i],
                    std::move(by[i])};
      }
      last = id.back();
      LS_RETURN_IF_ERROR(fn(batch));
      if (id.size() < batch_size) break;
    }
    return Status::Ok();
  });
}

Result<HistoryCounts> SqlStore::CountHistory() {
  return GuardResult<HistoryCounts>("count history", [&]() -> Result<HistoryCounts> {
    soci::session sql(*pool_);
    HistoryCounts c;
    long long rows = 0, imported = 0, yes = 0, portal = 0;
    sql << "SELECT COUNT(*), COALESCE(SUM(CASE WHEN source = 'import' THEN 1 ELSE 0 END), 0),"
           " COALESCE(SUM(" + Dialect::BoolInt("outcome") + "), 0) FROM history",
        soci::into(rows), soci::into(imported), soci::into(yes);
    sql << "SELECT COUNT(*) FROM leads WHERE status IN ('converted', 'rejected')",
        soci::into(portal);
    c.rows = rows;
    c.from_import = imported;
    c.positives = yes;
    c.portal_outcomes = portal;
    return c;
  });
}

}  // namespace leadscore::store
