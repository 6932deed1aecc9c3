// SqlStore: the ranks of the list's rows — the position by score among the leads a viewer sees
// (docs/MODEL.md, "Scores, grades and reasons") — from page positions, from the role's
// RankIndex, or counted.
#include <algorithm>
#include <limits>
#include <memory>

#include "store/lead_columns.h"
#include "store/list_sql.h"
#include "store/sql_store.h"
#include "store/sql_util.h"

namespace leadscore::store {

Result<int64_t> SqlStore::RankOf(soci::session& sql, int64_t lead_id, double score,
                                 const Viewer& viewer, int64_t limit) {
  Params p;  // placeholders are added in the order they appear in the text
  const std::string s3 = p.Add(score);
  const std::string s1 = p.Add(score), s2 = p.Add(score);
  const std::string id = p.Add(static_cast<long long>(lead_id));
  const std::string visible = VisibleSql(viewer, p);
  // `s.score >= X` first so the count walks a range of the scores_rank index, not every score.
  // CROSS JOIN keeps SQLite from starting at the leads' status index and joining every score.
  const long long higher = CountWhere(
      sql,
      "FROM (SELECT 1 FROM scores s CROSS JOIN leads l WHERE l.id = s.lead_id AND s.score >= " +
          s3 + " AND (s.score > " + s1 + " OR (s.score = " + s2 + " AND s.lead_id < " + id +
          ")) AND " + visible + " LIMIT " + std::to_string(limit) + ") t",
      p);
  if (higher >= limit) return static_cast<int64_t>(0);
  return static_cast<int64_t>(higher + 1);
}

Result<std::vector<ScoreKey>> SqlStore::ScoreKeys(soci::session& sql, const Filter& visible,
                                                   size_t limit) {
  Params p;
  const std::string w = visible(p);
  const size_t cap = std::max(limit, kMinFetchRows);
  std::vector<double> score(cap);
  std::vector<long long> id(cap);
  soci::statement st(sql);
  st.exchange(soci::into(score));
  st.exchange(soci::into(id));
  p.Bind(st);
  st.alloc();
  // CROSS JOIN fixes SQLite's join order: the few leads first, by their index.
  st.prepare("SELECT s.score, s.lead_id FROM leads l CROSS JOIN scores s WHERE s.lead_id = l.id"
             " AND " + w + " ORDER BY s.score DESC, s.lead_id LIMIT " + std::to_string(limit));
  st.define_and_bind();
  std::vector<ScoreKey> keys;
  if (!st.execute(true)) return keys;
  for (size_t i = 0; i < score.size(); ++i) keys.push_back({score[i], id[i]});
  return keys;
}

Result<RankIndex> SqlStore::BuildRankIndex(soci::session& sql, const Viewer& viewer) {
  // The scores of the leads not in the role's call list (InCallList, as VisibleSql reads it).
  std::vector<long long> hidden;  // sorted lead ids
  if (viewer.role == Role::kSales) {
    long long cut = viewer.now - viewer.reject_period, id = 0;
    soci::statement st = (sql.prepare << "SELECT id FROM leads l WHERE l.status = 'converted' OR"
                                         " (l.status = 'rejected' AND l.status_changed_at > :c)"
                                         " OR l.do_not_call = 1",
                          soci::use(cut), soci::into(id));
    st.execute();
    while (st.fetch()) hidden.push_back(id);
    std::sort(hidden.begin(), hidden.end());
  }
  constexpr size_t kBatch = 10000;
  std::vector<double> score(kBatch);
  std::vector<long long> id(kBatch);
  // The covering score index in order: no lead is read.
  soci::statement st = (sql.prepare << "SELECT score, lead_id FROM scores ORDER BY score DESC, lead_id",
                        soci::into(score), soci::into(id));
  RankIndex index;
  if (!st.execute(true)) return index;
  do {
    for (size_t i = 0; i < score.size(); ++i) {
      if (!std::binary_search(hidden.begin(), hidden.end(), id[i])) {
        index.keys.push_back({score[i], id[i]});
      }
    }
  } while (st.fetch());
  return index;
}

Status SqlStore::RanksFromIndex(soci::session& sql, const ListEpoch& epoch, const Viewer& viewer,
                                const std::vector<ScoreKey>& keys, bool build,
                                std::vector<int64_t>& ranks) {
  ranks.assign(keys.size(), 0);
  if (keys.empty()) return Status::Ok();
  const std::string role = viewer.role == Role::kAdmin ? "admin" : "sales";
  const std::string key = "ranks|" + role;
  if (!build && !list_cache_.HasShared(epoch, key)) {
    // Counted while that is cheap (a lead near the top); past kMaxRankCount the index is built.
    bool all = true;
    for (size_t i = 0; i < keys.size() && all; ++i) {
      LS_ASSIGN_OR_RETURN(ranks[i], RankOf(sql, keys[i].lead_id, keys[i].score, viewer, kMaxRankCount));
      all = ranks[i] > 0;
    }
    if (all) return Status::Ok();
  }
  LS_ASSIGN_OR_RETURN(std::shared_ptr<const RankIndex> index,
                      list_cache_.Shared<RankIndex>(epoch, key, [&] { return BuildRankIndex(sql, viewer); }));
  for (size_t i = 0; i < keys.size(); ++i) ranks[i] = index->CountBefore(keys[i]) + 1;
  return Status::Ok();
}

// The rank of every scored row of a page: the position by score among the leads the viewer sees
// (docs/MODEL.md, "Scores, grades and reasons"), due call-backs included wherever they are
// listed. In the unfiltered score order it is the row's position (plus the due call-backs ahead
// of it); otherwise it comes from the role's RankIndex.
Status SqlStore::FillRanks(soci::session& sql, const ListEpoch& epoch, const LeadQuery& q,
                           const ListView& view, long long main_offset,
                           std::vector<LeadRow>& rows) {
  const Viewer& v = q.viewer;
  const bool positional = q.sort == LeadSort::kScore && q.descending && Unfiltered(q) &&
                          view.due_keys.has_value();
  std::vector<LeadRow*> looked_up;
  std::vector<ScoreKey> keys;
  long long main_position = main_offset;
  for (auto& row : rows) {
    if (!row.score) continue;
    const ScoreKey key{*row.score, row.lead.id};
    if (positional && !(row.callback_due && v.role == Role::kSales)) {
      // The main list in score order: the rows before it, and the due call-backs listed above
      // the list whose scores are higher.
      int64_t due_ahead = 0;
      for (const ScoreKey& d : *view.due_keys) due_ahead += d.Before(key) ? 1 : 0;
      row.rank = main_position + 1 + due_ahead;
      ++main_position;
      continue;
    }
    looked_up.push_back(&row);
    keys.push_back(key);
  }
  std::vector<int64_t> ranks;
  LS_RETURN_IF_ERROR(RanksFromIndex(sql, epoch, v, keys, true, ranks));
  for (size_t i = 0; i < looked_up.size(); ++i) looked_up[i]->rank = ranks[i];
  return Status::Ok();
}

}  // namespace leadscore::store
