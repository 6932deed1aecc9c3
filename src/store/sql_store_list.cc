// SqlStore: the ranked list, the counts per status, the status workflow of DESIGN.md §2 and the
// activity log. The visibility rules are SQL (VisibleSql), evaluated against `now`, so a rejected
// lead whose period is over reads as pending everywhere without any background sweep.
#include <algorithm>

#include "store/lead_columns.h"
#include "store/sql_store.h"
#include "store/sql_util.h"

namespace leadscore::store {

namespace {

// "a rejected lead whose period is over", with the cut-off bound in p.
std::string ExpiredSql(const std::string& cut) {
  return "(l.status = 'rejected' AND l.status_changed_at <= " + cut + ")";
}

std::string EscapeLike(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

std::string SqlStore::VisibleSql(const Viewer& viewer, Params& p) {
  if (viewer.role == Role::kAdmin) return "1 = 1";
  const std::string cut = p.Add(static_cast<long long>(viewer.now - viewer.reject_period));
  return "(l.status IN ('pending', 'contacted') OR l.owner_id = " +
         p.Add(static_cast<long long>(viewer.user_id)) + " OR " + ExpiredSql(cut) + ")";
}

std::string SqlStore::EffectiveStatusSql(LeadStatus status, const Viewer& viewer, Params& p) {
  // Only the statuses that depend on the clock bind the cut-off: a bound parameter that the
  // text does not name is an error.
  auto cut = [&] { return p.Add(static_cast<long long>(viewer.now - viewer.reject_period)); };
  switch (status) {
    case LeadStatus::kPending: return "(l.status = 'pending' OR " + ExpiredSql(cut()) + ")";
    case LeadStatus::kRejected:
      return "(l.status = 'rejected' AND l.status_changed_at > " + cut() + ")";
    case LeadStatus::kContacted: return "l.status = 'contacted'";
    case LeadStatus::kConverted: return "l.status = 'converted'";
  }
  return "1 = 0";
}

Result<std::vector<LeadRow>> SqlStore::FetchRows(soci::session& sql, const std::string& tail,
                                                 Params& p, size_t limit, long long offset,
                                                 const Viewer* viewer) {
  std::vector<LeadRow> rows;
  if (limit == 0) return rows;
  const size_t cap = std::max(limit, kMinFetchRows);
  LeadColumns columns(cap);
  std::vector<double> score(cap), previous(cap);
  std::vector<soci::indicator> score_ind(cap), previous_ind(cap), grade_ind(cap), owner_ind(cap);
  std::vector<std::string> grade(cap), owner(cap);
  soci::statement st(sql);
  columns.BindInto(st);
  st.exchange(soci::into(score, score_ind));
  st.exchange(soci::into(previous, previous_ind));
  st.exchange(soci::into(grade, grade_ind));
  st.exchange(soci::into(owner, owner_ind));
  p.Bind(st);
  st.alloc();
  st.prepare("SELECT " + LeadColumns::SelectList("l.") +
             ", s.score, s.previous_score, s.grade, u.display_name " + tail + " LIMIT " +
             std::to_string(limit) + " OFFSET " + std::to_string(offset));
  st.define_and_bind();
  if (!st.execute(true)) return rows;
  for (size_t i = 0; i < columns.size(); ++i) {
    LeadRow row;
    row.lead = columns.Get(i);
    if (score_ind[i] != soci::i_null) row.score = score[i];
    if (previous_ind[i] != soci::i_null) row.previous_score = previous[i];
    if (grade_ind[i] != soci::i_null) row.grade = grade[i];
    if (owner_ind[i] != soci::i_null) row.owner_name = owner[i];
    if (viewer) {
      ApplyEffectiveStatus(row.lead, viewer->now, viewer->reject_period);
      if (!row.lead.owner_id) row.owner_name.clear();
      row.callback_due = row.lead.owner_id == viewer->user_id &&
                         row.lead.status == LeadStatus::kContacted && row.lead.callback_at &&
                         *row.lead.callback_at <= viewer->now;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<int64_t> SqlStore::RankOf(soci::session& sql, int64_t lead_id, double score,
                                 const Viewer& viewer) {
  Params p;  // placeholders are added in the order they appear in the text
  const std::string s3 = p.Add(score);
  const std::string s1 = p.Add(score), s2 = p.Add(score);
  const std::string id = p.Add(static_cast<long long>(lead_id));
  const std::string visible = VisibleSql(viewer, p);
  long long higher = 0;
  soci::statement st(sql);
  st.exchange(soci::into(higher));
  p.Bind(st);
  st.alloc();
  // `s.score >= X` first so the count walks a range of the scores_rank index, not every score.
  // CROSS JOIN keeps SQLite from starting at the leads' status index and joining every score.
  st.prepare("SELECT COUNT(*) FROM scores s CROSS JOIN leads l WHERE l.id = s.lead_id AND "
             "s.score >= " + s3 + " AND (s.score > " + s1 + " OR (s.score = " + s2 + " AND s.lead_id < " + id +
             ")) AND " + visible);
  st.define_and_bind();
  st.execute(true);
  return static_cast<int64_t>(higher + 1);
}

// The default order, best score first: the scored leads walk the scores_rank index in order and
// stop after the page (instead of sorting every visible lead on each request); the unscored
// leads follow in id order.
Result<std::vector<LeadRow>> SqlStore::FetchByScore(soci::session& sql, const Filter& where,
                                                    const Filter& exclude, const Counter& count,
                                                    size_t limit, long long offset,
                                                    const Viewer& viewer) {
  auto filter = [&](Params& p) {
    std::string w = where(p);
    if (exclude) w += " AND NOT " + exclude(p);
    return w;
  };
  std::vector<LeadRow> rows;
  {
    Params p;
    const std::string w = filter(p);
    // CROSS JOIN keeps SQLite's join order: scores (by the index) first, then each lead by id.
    LS_ASSIGN_OR_RETURN(rows, FetchRows(sql,
                                        "FROM scores s CROSS JOIN leads l LEFT JOIN users u ON "
                                        "u.id = l.owner_id WHERE l.id = s.lead_id AND " + w +
                                            " ORDER BY s.score DESC, s.lead_id",
                                        p, limit, offset, &viewer));
  }
  if (rows.size() < limit) {
    // The page runs past the scored leads: the unscored ones continue it.
    const long long scored = count([&](Params& p) {
      return (exclude ? " AND NOT " + exclude(p) : std::string()) +
             " AND l.id IN (SELECT lead_id FROM scores)";
    });
    Params p;
    const std::string w = filter(p);
    LS_ASSIGN_OR_RETURN(
        std::vector<LeadRow> unscored,
        FetchRows(sql,
                  "FROM leads l LEFT JOIN scores s ON s.lead_id = l.id LEFT JOIN users u ON "
                  "u.id = l.owner_id WHERE s.lead_id IS NULL AND " + w + " ORDER BY l.id",
                  p, limit - rows.size(), std::max(0LL, offset - scored), &viewer));
    for (auto& r : unscored) rows.push_back(std::move(r));
  }
  return rows;
}

Result<LeadPage> SqlStore::ListLeads(const LeadQuery& q) {
  if (q.page < 1) return Status::InvalidArgument("page must be 1 or more");
  if (q.page_size < 1 || q.page_size > 500) {
    return Status::InvalidArgument("page size must be between 1 and 500");
  }
  if (q.segmentation_id.has_value() != q.cluster.has_value()) {
    return Status::InvalidArgument("a segment filter needs both a segmentation and a cluster");
  }
  if (q.grade && (q.grade->size() != 1 || (*q.grade)[0] < 'A' || (*q.grade)[0] > 'D')) {
    return Status::InvalidArgument("grade must be A, B, C or D");
  }
  return GuardResult<LeadPage>("list leads", [&]() -> Result<LeadPage> {
    soci::session sql(*pool_);
    const Viewer& v = q.viewer;
    // The filter, written once and re-added to each query's own Params.
    Filter where = [&](Params& p) {
      std::string w = VisibleSql(v, p);
      if (q.status) w += " AND " + EffectiveStatusSql(*q.status, v, p);
      if (q.grade) w += " AND s.grade = " + p.Add(*q.grade);
      if (q.owner_id) {
        const std::string cut = p.Add(static_cast<long long>(v.now - v.reject_period));
        w += " AND l.owner_id = " + p.Add(static_cast<long long>(*q.owner_id)) + " AND NOT " +
             ExpiredSql(cut);
      }
      if (q.segmentation_id) {
        w += " AND EXISTS (SELECT 1 FROM lead_clusters c WHERE c.lead_id = l.id AND"
             " c.segmentation_id = " +
             p.Add(static_cast<long long>(*q.segmentation_id)) +
             " AND c.cluster = " + p.Add(static_cast<long long>(*q.cluster)) + ")";
      }
      if (!q.search.empty()) {
        const std::string pattern = "%" + EscapeLike(q.search) + "%";
        w += " AND (LOWER(l.name) LIKE " + p.Add(pattern) + " ESCAPE '\\' OR l.phone LIKE " +
             p.Add(pattern) + " ESCAPE '\\')";
      }
      return w;
    };
    // The viewer's own call-backs whose time has come: they top the list.
    const bool sales = v.role == Role::kSales;
    Filter due = [&](Params& p) {
      return "(COALESCE(l.owner_id, 0) = " + p.Add(static_cast<long long>(v.user_id)) +
             " AND l.status = 'contacted' AND COALESCE(l.callback_at, " +
             p.Add(static_cast<long long>(v.now + 1)) + ") <= " +
             p.Add(static_cast<long long>(v.now)) + ")";
    };
    const std::string joins =
        " LEFT JOIN scores s ON s.lead_id = l.id LEFT JOIN users u ON u.id = l.owner_id";
    Counter count = [&](const Filter& extra) -> long long {
      Params p;
      std::string w = where(p) + extra(p);
      long long n = 0;
      soci::statement st(sql);
      st.exchange(soci::into(n));
      p.Bind(st);
      st.alloc();
      st.prepare("SELECT COUNT(*) FROM leads l" +
                 std::string(q.grade ? " JOIN scores s ON s.lead_id = l.id" : "") +
                 " WHERE " + w);
      st.define_and_bind();
      st.execute(true);
      return n;
    };

    LeadPage page;
    page.total = count([](Params&) { return std::string(); });
    const long long due_count =
        sales ? count([&](Params& p) { return " AND " + due(p); }) : 0;
    const long long offset = (q.page - 1) * q.page_size;
    if (offset < due_count) {
      Params p;
      std::string w = where(p) + " AND " + due(p);
      LS_ASSIGN_OR_RETURN(
          page.rows, FetchRows(sql,
                               "FROM leads l" + joins + " WHERE " + w +
                                   " ORDER BY l.callback_at, l.id",
                               p, q.page_size, offset, &v));
    }
    const size_t remaining = static_cast<size_t>(q.page_size) - page.rows.size();
    const long long main_offset = std::max(0LL, offset - due_count);
    if (remaining > 0 && q.sort == LeadSort::kScore && q.descending) {
      LS_ASSIGN_OR_RETURN(std::vector<LeadRow> rest,
                          FetchByScore(sql, where, sales ? due : Filter(), count, remaining,
                                       main_offset, v));
      for (auto& r : rest) page.rows.push_back(std::move(r));
    } else if (remaining > 0) {
      Params p;
      std::string w = where(p);
      if (sales) w += " AND NOT " + due(p);
      const char* dir = q.descending ? " DESC" : " ASC";
      std::string order;
      switch (q.sort) {
        case LeadSort::kScore: order = std::string("s.score") + dir + " NULLS LAST, l.id"; break;
        case LeadSort::kName: order = std::string("l.name") + dir + ", l.id"; break;
        case LeadSort::kAge: order = std::string("l.age") + dir + " NULLS LAST, l.id"; break;
        case LeadSort::kStatusChangedAt:
          order = std::string("l.status_changed_at") + dir + ", l.id";
          break;
        case LeadSort::kId: order = std::string("l.id") + dir; break;
      }
      LS_ASSIGN_OR_RETURN(
          std::vector<LeadRow> rest,
          FetchRows(sql,
                    "FROM leads l" + joins + " WHERE " + w + " ORDER BY " + order, p,
                    remaining, main_offset, &v));
      for (auto& r : rest) page.rows.push_back(std::move(r));
    }
    for (auto& row : page.rows) {
      if (!row.score) continue;
      LS_ASSIGN_OR_RETURN(row.rank, RankOf(sql, row.lead.id, *row.score, v));
    }
    return page;
  });
}

}  // namespace leadscore::store

namespace leadscore::store {

Result<LeadRow> SqlStore::GetLeadRow(int64_t id, const Viewer& viewer) {
  return GuardResult<LeadRow>("get lead", [&]() -> Result<LeadRow> {
    soci::session sql(*pool_);
    Params p;
    std::string w = "l.id = " + p.Add(static_cast<long long>(id)) + " AND " + VisibleSql(viewer, p);
    LS_ASSIGN_OR_RETURN(std::vector<LeadRow> rows,
                        FetchRows(sql,
                                  "FROM leads l LEFT JOIN scores s ON s.lead_id = l.id"
                                  " LEFT JOIN users u ON u.id = l.owner_id WHERE " + w,
                                  p, 1, 0, &viewer));
    if (rows.empty()) return Status::NotFound("lead " + std::to_string(id) + " does not exist");
    LeadRow row = std::move(rows.front());
    if (row.score) {
      LS_ASSIGN_OR_RETURN(row.rank, RankOf(sql, row.lead.id, *row.score, viewer));
    }
    return row;
  });
}

Result<StatusCounts> SqlStore::CountLeadsByStatus(const Viewer& viewer,
                                                  std::optional<int64_t> owner_id) {
  return GuardResult<StatusCounts>("count leads by status", [&]() -> Result<StatusCounts> {
    soci::session sql(*pool_);
    Params p;
    const std::string cut = p.Add(static_cast<long long>(viewer.now - viewer.reject_period));
    std::string select = "SELECT CASE WHEN " + ExpiredSql(cut) +
                         " THEN 'pending' ELSE l.status END, COUNT(*) FROM leads l WHERE " +
                         VisibleSql(viewer, p);
    if (owner_id) {
      const std::string cut2 = p.Add(static_cast<long long>(viewer.now - viewer.reject_period));
      select += " AND l.owner_id = " + p.Add(static_cast<long long>(*owner_id)) + " AND NOT " +
                ExpiredSql(cut2);
    }
    std::string status;
    long long n = 0;
    soci::statement st(sql);
    st.exchange(soci::into(status));
    st.exchange(soci::into(n));
    p.Bind(st);
    st.alloc();
    st.prepare(select + " GROUP BY 1");
    st.define_and_bind();
    st.execute();
    StatusCounts counts;
    while (st.fetch()) {
      switch (ParseLeadStatus(status).value_or(LeadStatus::kPending)) {
        case LeadStatus::kPending: counts.pending += n; break;
        case LeadStatus::kContacted: counts.contacted += n; break;
        case LeadStatus::kConverted: counts.converted += n; break;
        case LeadStatus::kRejected: counts.rejected += n; break;
      }
    }
    return counts;
  });
}

}  // namespace leadscore::store
