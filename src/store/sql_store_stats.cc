// SqlStore: the statistics of the leads a viewer sees (the dashboard's tiles and score chart) and
// the lead clusters shown in the list.
#include <algorithm>
#include <limits>
#include <memory>

#include "core/grades.h"
#include "store/lead_columns.h"
#include "store/list_sql.h"
#include "store/sql_store.h"
#include "store/sql_util.h"

namespace leadscore::store {

// Statistics of the leads `visible` picks (with the query's filter), in one grouped scan:
// effective status × grade × score bin.
Result<LeadStats> SqlStore::StatsWhere(soci::session& sql, const LeadQuery& q,
                                       const Filter& visible, bool few) {
  const Viewer& v = q.viewer;
  Params p;
  const std::string returned = ReturnedSql(v, p);
  const std::string bin = dialect_.engine == Engine::kSqlite
                              ? "CAST(s.score * " + std::to_string(LeadStats::kBins) + " AS INTEGER)"
                              : "CAST(FLOOR(s.score * " + std::to_string(LeadStats::kBins) +
                                    ") AS INTEGER)";
  const std::string w = visible(p) + " AND " + FilterSql(q, p);
  std::string status, grade;
  long long bin_value = 0, n = 0;
  soci::indicator grade_ind = soci::i_null, bin_ind = soci::i_null;
  soci::statement st(sql);
  st.exchange(soci::into(status));
  st.exchange(soci::into(grade, grade_ind));
  st.exchange(soci::into(bin_value, bin_ind));
  st.exchange(soci::into(n));
  p.Bind(st);
  st.alloc();
  st.prepare("SELECT CASE WHEN " + returned + " THEN 'pending' ELSE l.status END,"
             " s.grade, " + bin + ", COUNT(*) " +
             (few && q.grade ? "FROM leads l CROSS JOIN scores s WHERE s.lead_id = l.id AND "
                             : "FROM leads l LEFT JOIN scores s ON s.lead_id = l.id WHERE ") +
             w + " GROUP BY 1, 2, 3");
  st.define_and_bind();
  st.execute();
  LeadStats stats;
  while (st.fetch()) {
    stats.total += n;
    switch (ParseLeadStatus(status).value_or(LeadStatus::kPending)) {
      case LeadStatus::kPending: stats.statuses.pending += n; break;
      case LeadStatus::kContacted: stats.statuses.contacted += n; break;
      case LeadStatus::kConverted: stats.statuses.converted += n; break;
      case LeadStatus::kRejected: stats.statuses.rejected += n; break;
    }
    if (bin_ind == soci::i_null) continue;  // unscored
    stats.scored += n;
    if (grade_ind != soci::i_null) {
      if (const std::optional<size_t> g = GradeIndex(grade)) stats.grades[*g] += n;
    }
    // A score of exactly 1 belongs to the last bin.
    const long long b = std::clamp<long long>(bin_value, 0, LeadStats::kBins - 1);
    stats.histogram[static_cast<size_t>(b)] += n;
  }
  return stats;
}

Result<LeadStats> SqlStore::StatLeads(const LeadQuery& query) {
  LS_RETURN_IF_ERROR(ValidateLeadQuery(query));
  return GuardResult<LeadStats>("lead statistics", [&]() -> Result<LeadStats> {
    soci::session sql(*pool_);
    LeadQuery q = query;
    q.viewer = WithStalePeriod(sql, query.viewer);
    const Viewer& v = q.viewer;
    LS_ASSIGN_OR_RETURN(ListEpoch epoch, CurrentEpoch(sql, v));
    // The call list is the same for every viewer of the role: counted once per epoch.
    LS_ASSIGN_OR_RETURN(std::shared_ptr<const LeadStats> shared,
                        list_cache_.Shared<LeadStats>(epoch, "stats|" + FilterKey(q), [&] {
                          return StatsWhere(sql, q, [&](Params& p) { return VisibleSql(v, p); },
                                            false);
                        }));
    return *shared;
  });
}

Result<std::optional<int64_t>> SqlStore::LatestLeadSegmentation() {
  using Out = std::optional<int64_t>;
  return GuardResult<Out>("latest lead segmentation", [&]() -> Result<Out> {
    soci::session sql(*pool_);
    // Ids grow with time on both engines, and the primary key's first column answers MAX at once.
    long long id = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT MAX(segmentation_id) FROM lead_clusters", soci::into(id, ind);
    if (ind == soci::i_null) return Out();
    return Out(static_cast<int64_t>(id));
  });
}

Result<std::vector<LeadCluster>> SqlStore::GetLeadClusters(int64_t segmentation_id,
                                                           const std::vector<int64_t>& lead_ids) {
  using Out = std::vector<LeadCluster>;
  if (lead_ids.size() > 1000) {
    return Status::InvalidArgument("at most 1000 leads at a time")
        .With("too_many_leads", {{"max", int64_t{1000}}});
  }
  return GuardResult<Out>("lead clusters", [&]() -> Result<Out> {
    Out out;
    if (lead_ids.empty()) return out;
    soci::session sql(*pool_);
    Params p;
    std::string in = "c.segmentation_id = " + p.Add(static_cast<long long>(segmentation_id)) +
                     " AND c.lead_id IN (";
    for (size_t i = 0; i < lead_ids.size(); ++i) {
      in += (i ? ", " : "") + p.Add(static_cast<long long>(lead_ids[i]));
    }
    const size_t cap = std::max(lead_ids.size(), kMinFetchRows);
    std::vector<long long> lead(cap);
    std::vector<int> cluster(cap);
    soci::statement st(sql);
    st.exchange(soci::into(lead));
    st.exchange(soci::into(cluster));
    p.Bind(st);
    st.alloc();
    st.prepare("SELECT c.lead_id, c.cluster FROM lead_clusters c WHERE " + in + ")");
    st.define_and_bind();
    if (!st.execute(true)) return out;
    for (size_t i = 0; i < lead.size(); ++i) out.push_back({lead[i], cluster[i]});
    return out;
  });
}

}  // namespace leadscore::store
