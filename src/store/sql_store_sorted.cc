// SqlStore: the list in the orders other than best score first (name, status time, and score
// lowest first), read by key: each page remembers the sort value and id of its last row
// (ListCache::PutSortStart), and the next page reads from there instead of skipping the rows
// before it with OFFSET. A page asked first, with no page start known below it, skips from the
// nearest one it has (or from the top).
#include <string>
#include <utility>

#include "store/list_sql.h"
#include "store/sql_store.h"
#include "store/sql_util.h"

namespace leadscore::store {

namespace {

// How a sort reads in SQL: its column and whether the column may be NULL (NULLs come last in
// either direction).
struct SortColumn {
  const char* column;
  bool nullable;
  bool text;
};

SortColumn ColumnOf(LeadSort sort) {
  switch (sort) {
    case LeadSort::kScore: return {"s.score", true, false};
    case LeadSort::kName: return {"l.name", false, true};
    case LeadSort::kStatusChangedAt: return {"l.status_changed_at", false, false};
  }
  return {"s.score", true, false};
}

std::string OrderName(LeadSort sort, bool descending) {
  return std::to_string(static_cast<int>(sort)) + (descending ? "d" : "a");
}

// The key of `row` in the order of `sort`.
SortKey KeyOf(LeadSort sort, const LeadRow& row) {
  SortKey key;
  key.lead_id = row.lead.id;
  switch (sort) {
    case LeadSort::kScore:
      key.null = !row.score.has_value();
      key.number = row.score.value_or(0);
      break;
    case LeadSort::kName: key.text = row.lead.name; break;
    case LeadSort::kStatusChangedAt:
      key.number = static_cast<double>(row.lead.status_changed_at);
      break;
  }
  return key;
}

// The rows after `after` in the order `ORDER BY column dir [NULLS LAST], l.id`.
std::string AfterSql(LeadSort sort, bool descending, const SortKey& after, Params& p) {
  const SortColumn c = ColumnOf(sort);
  const std::string id = p.Add(static_cast<long long>(after.lead_id));
  const std::string col = c.column;
  if (after.null) return "(" + col + " IS NULL AND l.id > " + id + ")";
  const std::string v = c.text ? p.Add(after.text) : p.Add(after.number);
  const std::string v2 = c.text ? p.Add(after.text) : p.Add(after.number);
  std::string w = "(" + col + (descending ? " < " : " > ") + v + " OR (" + col + " = " + v2 +
                  " AND l.id > " + id + ")";
  if (c.nullable) w += " OR " + col + " IS NULL";
  return w + ")";
}

}  // namespace

Result<std::vector<LeadRow>> SqlStore::FetchSorted(soci::session& sql, const LeadQuery& q,
                                                   const std::shared_ptr<const ListView>& view,
                                                   size_t limit, long long offset) {
  const Viewer& v = q.viewer;
  const SortColumn c = ColumnOf(q.sort);
  const char* dir = q.descending ? " DESC" : " ASC";
  const std::string order =
      std::string(c.column) + dir + (c.nullable ? " NULLS LAST" : "") + ", l.id";
  const std::string key = ViewKey(q);
  const std::string order_name = OrderName(q.sort, q.descending);
  auto start = list_cache_.SortStartAtOrBelow(key, order_name, view, offset);
  Params p;
  // The parameters must be added in the order the text names them: the visibility first.
  std::string w = VisibleSql(v, p) + " AND " + FilterSql(q, p);
  if (v.role == Role::kSales) w += " AND NOT " + DueSql(v, p);
  if (start) w += " AND " + AfterSql(q.sort, q.descending, start->second, p);
  LS_ASSIGN_OR_RETURN(
      std::vector<LeadRow> rows,
      FetchRows(sql,
                "FROM leads l LEFT JOIN scores s ON s.lead_id = l.id LEFT JOIN users u ON "
                "u.id = l.owner_id WHERE " + w + " ORDER BY " + order,
                p, limit, offset - (start ? start->first : 0), &v));
  if (!rows.empty()) {
    list_cache_.PutSortStart(key, order_name, view, offset + static_cast<long long>(rows.size()),
                             KeyOf(q.sort, rows.back()));
  }
  return rows;
}

}  // namespace leadscore::store
