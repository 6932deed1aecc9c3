// SqlStore: the ranked list and the counts per status. The visibility rules are SQL
// (VisibleSql), evaluated against `now`, so a rejected lead whose period is over reads as pending
// everywhere without any background sweep. What the list keeps between requests lives in
// ListCache (list_cache.h); ranks are in sql_store_ranks.cc, statistics and segments in
// sql_store_stats.cc.
#include <algorithm>
#include <cctype>
#include <limits>
#include <memory>
#include <optional>
#include <utility>

#include "core/grades.h"
#include "core/lead_workflow.h"
#include "store/lead_columns.h"
#include "store/list_sql.h"
#include "store/sql_store.h"
#include "store/sql_util.h"

namespace leadscore::store {

// --- The helpers of list_sql.h -------------------------------------------------------------

std::string ExpiredSql(const std::string& cut) {
  return "(l.status = 'rejected' AND l.status_changed_at <= " + cut + ")";
}

std::string StaleSql(const std::string& cut) {
  return "(l.status = 'contacted' AND l.followup_at <= " + cut + ")";
}

std::string ReturnedSql(const Viewer& v, Params& p) {
  const std::string cut = p.Add(static_cast<long long>(v.now - v.reject_period));
  const std::string stale = p.Add(static_cast<long long>(v.now - v.stale_period));
  return "(" + ExpiredSql(cut) + " OR " + StaleSql(stale) + ")";
}

std::string EscapeLike(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool Unfiltered(const LeadQuery& q) {
  return !q.status && !q.grade && !q.owner_id && !q.segmentation_id && q.search.empty();
}

std::string FilterKey(const LeadQuery& q) {
  std::string key = q.viewer.role == Role::kAdmin ? "admin" : "sales";
  if (q.status) key += "|st=" + std::string(LeadStatusName(*q.status));
  if (q.grade) key += "|gr=" + *q.grade;
  if (q.owner_id) key += "|own=" + std::to_string(*q.owner_id);
  if (q.segmentation_id) {
    key += "|seg=" + std::to_string(*q.segmentation_id) + "/" + std::to_string(*q.cluster);
  }
  if (!q.search.empty()) key += "|q=" + std::to_string(q.search.size()) + ":" + q.search;
  return key;
}

std::string ViewKey(const LeadQuery& q) {
  std::string key = FilterKey(q);
  if (q.viewer.role == Role::kSales) key += "|user=" + std::to_string(q.viewer.user_id);
  return key;
}

Status ValidateLeadQuery(const LeadQuery& q) {
  if (q.segmentation_id.has_value() != q.cluster.has_value()) {
    return Status::InvalidArgument("a segment filter needs both a segmentation and a cluster")
        .With("segment_filter_incomplete");
  }
  if (q.grade && !IsGrade(*q.grade)) {
    return Status::InvalidArgument("grade must be A, B, C or D").With("grade_unknown");
  }
  return Status::Ok();
}

// --- Visibility and filters ----------------------------------------------------------------

// InCallList (core/lead_workflow.h) in SQL: for sales, the leads that read as pending or
// contacted at `now` (a rejected lead whose period is over reads as pending; a contacted lead,
// stale or not, is open either way), never a do-not-call one; a sales person's own converted
// and rejected leads are in no call list (they are in "Performa Saya"). An admin's list holds
// every lead.
std::string SqlStore::VisibleSql(const Viewer& viewer, Params& p) {
  if (viewer.role == Role::kAdmin) return LiveLeadSql("l.");
  const std::string cut = p.Add(static_cast<long long>(viewer.now - viewer.reject_period));
  return "((l.status IN ('pending', 'contacted') OR " + ExpiredSql(cut) +
         ") AND l.do_not_call = 0 AND " + LiveLeadSql("l.") + ")";
}

std::string SqlStore::OpenableSql(const Viewer& viewer, Params& p) {
  if (viewer.role == Role::kAdmin) return LiveLeadSql("l.");
  const std::string cut = p.Add(static_cast<long long>(viewer.now - viewer.reject_period));
  return "((l.status IN ('pending', 'contacted') OR l.owner_id = " +
         p.Add(static_cast<long long>(viewer.user_id)) + " OR " + ExpiredSql(cut) + ") AND " +
         LiveLeadSql("l.") + ")";
}

std::string SqlStore::EffectiveStatusSql(LeadStatus status, const Viewer& viewer, Params& p) {
  // Only the statuses that depend on the clock bind the cut-off: a bound parameter that the
  // text does not name is an error.
  auto cut = [&] { return p.Add(static_cast<long long>(viewer.now - viewer.reject_period)); };
  switch (status) {
    case LeadStatus::kPending: return "(l.status = 'pending' OR " + ReturnedSql(viewer, p) + ")";
    case LeadStatus::kRejected:
      return "(l.status = 'rejected' AND l.status_changed_at > " + cut() + ")";
    case LeadStatus::kContacted:
      return "(l.status = 'contacted' AND l.followup_at > " +
             p.Add(static_cast<long long>(viewer.now - viewer.stale_period)) + ")";
    case LeadStatus::kConverted: return "l.status = 'converted'";
  }
  return "1 = 0";
}

std::string SqlStore::FilterSql(const LeadQuery& q, Params& p) {
  const Viewer& v = q.viewer;
  std::string w = "1 = 1";
  if (q.status) w += " AND " + EffectiveStatusSql(*q.status, v, p);
  if (q.grade) w += " AND s.grade = " + p.Add(*q.grade);
  if (q.owner_id) {
    w += " AND l.owner_id = " + p.Add(static_cast<long long>(*q.owner_id));
    w += " AND NOT " + ReturnedSql(v, p);
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
         p.Add(pattern) + " ESCAPE '\\'";
    // A phone is found however it is written: the term's digits (PhoneSearchDigits) within
    // the digits kept of the lead's phone (StoredPhoneDigits, core/lead_workflow.h).
    const std::string digits = PhoneSearchDigits(q.search);
    if (digits.size() >= 3) w += " OR l.phone_digits LIKE " + p.Add("%" + digits + "%");
    w += ")";
  }
  return w;
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
      ApplyEffectiveStatus(row.lead, viewer->now, PeriodsOf(*viewer));
      if (!row.lead.owner_id) row.owner_name.clear();
      row.callback_due = row.lead.owner_id == viewer->user_id &&
                         row.lead.status == LeadStatus::kContacted && row.lead.callback_at &&
                         *row.lead.callback_at <= viewer->now;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// The window of time around `now` in which no lead returns to pending by itself (a rejected
// lead's period over, a contacted one gone stale): from the latest return that has happened to
// the next one due.
Result<TimeWindow> SqlStore::ReturnWindow(soci::session& sql, const Viewer& viewer) {
  const TimeMs now = viewer.now, reject_period = viewer.reject_period;
  long long cut = now - reject_period, cut2 = cut, last = 0, next = 0;
  soci::indicator last_ind = soci::i_null, next_ind = soci::i_null;
  sql << "SELECT MAX(CASE WHEN status_changed_at <= :c THEN status_changed_at END),"
         " MIN(CASE WHEN status_changed_at > :c2 THEN status_changed_at END)"
         " FROM leads WHERE status = 'rejected'",
      soci::use(cut), soci::use(cut2), soci::into(last, last_ind), soci::into(next, next_ind);
  TimeWindow w{std::numeric_limits<TimeMs>::min(), std::numeric_limits<TimeMs>::max()};
  if (last_ind != soci::i_null) w.from = last + reject_period;
  if (next_ind != soci::i_null) w.until = next + reject_period;
  // Stale contacted leads, each bound read from the follow-up index.
  const TimeMs stale_period = viewer.stale_period;
  long long stale_cut = now - stale_period, stale_cut2 = stale_cut;
  last_ind = soci::i_null;
  next_ind = soci::i_null;
  sql << "SELECT MAX(followup_at) FROM leads WHERE status = 'contacted' AND followup_at <= :c",
      soci::use(stale_cut), soci::into(last, last_ind);
  sql << "SELECT MIN(followup_at) FROM leads WHERE status = 'contacted' AND followup_at > :c",
      soci::use(stale_cut2), soci::into(next, next_ind);
  if (last_ind != soci::i_null) w.from = std::max<TimeMs>(w.from, last + stale_period);
  if (next_ind != soci::i_null) w.until = std::min<TimeMs>(w.until, next + stale_period);
  return w;
}

Result<SqlStore::Freshness> SqlStore::Fresh(soci::session& sql) {
  const bool cached = dialect_.engine == Engine::kPostgres;
  const auto now = std::chrono::steady_clock::now();
  // Taken before the reading: a write of this store committed after it may be missing from it.
  const uint64_t commits = commits_.load(std::memory_order_acquire);
  if (cached) {
    std::lock_guard<std::mutex> lock(fresh_mu_);
    if (fresh_valid_ && fresh_commits_ == commits && now - fresh_at_ < kFreshFor &&
        fresh_.version >= fresh_floor_) {
      return fresh_;
    }
  }
  Freshness fresh;
  long long version = 0;
  sql << "SELECT version FROM data_version WHERE id = 1", soci::into(version);
  fresh.version = version;
  fresh.stale_period = StalePeriodIn(sql);
  if (cached) {
    std::lock_guard<std::mutex> lock(fresh_mu_);
    if ((!fresh_valid_ || now >= fresh_at_) && fresh.version >= fresh_floor_) {
      fresh_ = fresh;
      fresh_at_ = now;
      fresh_commits_ = commits;
      fresh_valid_ = true;
    }
  }
  return fresh;
}

Result<ListEpoch> SqlStore::CurrentEpoch(soci::session& sql, const Viewer& viewer,
                                         const Freshness& fresh) {
  return list_cache_.EpochAt(fresh.version, viewer.now, viewer.reject_period, [&] {
    return ReturnWindow(sql, viewer);
  });
}

Result<ListEpoch> SqlStore::CurrentEpoch(soci::session& sql, const Viewer& viewer) {
  LS_ASSIGN_OR_RETURN(Freshness fresh, Fresh(sql));
  Viewer v = viewer;
  v.stale_period = fresh.stale_period;
  return CurrentEpoch(sql, v, fresh);
}

// The list's total, due call-backs and their window for the query's viewer and filter: from the
// cache when this epoch has it, else counted (the total once per epoch for all viewers of the
// role, whose call list is the same; the due call-backs for the viewer).
Result<std::shared_ptr<const ListView>> SqlStore::View(soci::session& sql, const ListEpoch& epoch,
                                                       const LeadQuery& q) {
  const Viewer& v = q.viewer;
  const std::string key = ViewKey(q);
  if (auto view = list_cache_.FindView(epoch, key, v.now)) return view;
  auto view = std::make_shared<ListView>();
  view->epoch = epoch.id;
  view->due_window = {std::numeric_limits<TimeMs>::min(), std::numeric_limits<TimeMs>::max()};
  const std::string join = q.grade ? " JOIN scores s ON s.lead_id = l.id" : "";
  // The viewer's own call-backs are few and found by the owner's index: leads first
  // (with a grade filter SQLite would otherwise start from the grade's index).
  const std::string few_from =
      q.grade ? "FROM leads l CROSS JOIN scores s WHERE s.lead_id = l.id AND "
              : "FROM leads l LEFT JOIN scores s ON s.lead_id = l.id WHERE ";
  LS_ASSIGN_OR_RETURN(int64_t shared,
                      list_cache_.SharedCount(epoch, "count|" + FilterKey(q), [&]() -> Result<int64_t> {
                        Params p;
                        const std::string w = VisibleSql(v, p) + " AND " + FilterSql(q, p);
                        return static_cast<int64_t>(
                            CountWhere(sql, "FROM leads l" + join + " WHERE " + w, p));
                      }));
  view->total = shared;
  // An admin has no call-backs.
  if (v.role == Role::kAdmin) view->due_keys.emplace();
  if (v.role == Role::kSales) {
    {
      long long me = v.user_id, now = v.now, now2 = v.now, last = 0, next = 0;
      soci::indicator last_ind = soci::i_null, next_ind = soci::i_null;
      sql << "SELECT MAX(CASE WHEN callback_at <= :n THEN callback_at END),"
             " MIN(CASE WHEN callback_at > :n2 THEN callback_at END) FROM leads"
             " WHERE owner_id = :me AND status = 'contacted' AND callback_at IS NOT NULL",
          soci::use(now), soci::use(now2), soci::use(me), soci::into(last, last_ind),
          soci::into(next, next_ind);
      if (last_ind != soci::i_null) view->due_window.from = last;
      if (next_ind != soci::i_null) view->due_window.until = next;
    }
    {
      Params p;
      const std::string w = VisibleSql(v, p) + " AND " + FilterSql(q, p) + " AND " + DueSql(v, p);
      view->due = CountWhere(sql, few_from + w, p);
    }
    if (view->due <= static_cast<int64_t>(kMaxDueKeys)) {
      std::vector<ScoreKey> keys;
      if (view->due > 0) {
        LS_ASSIGN_OR_RETURN(keys, ScoreKeys(sql,
                                            [&](Params& p) {
                                              return VisibleSql(v, p) + " AND " + FilterSql(q, p) +
                                                     " AND " + DueSql(v, p);
                                            },
                                            static_cast<size_t>(view->due)));
      }
      view->due_keys = std::move(keys);
    }
  }
  list_cache_.PutView(key, view);
  return std::shared_ptr<const ListView>(view);
}

// The viewer's own call-backs whose time has come: they top a sales person's list. Every term
// is true or false, never NULL, so that NOT of it is exact; `l.owner_id = me` lets the count
// use the owner's index.
std::string SqlStore::DueSql(const Viewer& v, Params& p) {
  const std::string me = p.Add(static_cast<long long>(v.user_id));
  const std::string now = p.Add(static_cast<long long>(v.now));
  return "(l.owner_id IS NOT NULL AND l.owner_id = " + me +
         " AND l.status = 'contacted' AND l.callback_at IS NOT NULL AND l.callback_at <= " + now +
         " AND l.followup_at > " + p.Add(static_cast<long long>(v.now - v.stale_period)) + ")";
}

namespace {

// A page this far past the nearest page start the cache knows starts from the role's RankIndex
// instead of skipping rows in SQL.
constexpr long long kFarPage = 500;

// The key of the `t`-th row (1-based) of the main list in score order: the role's call list
// `shared` without the due call-backs `due` (listed above it; all of them among `shared`).
// None when the list has fewer rows. `due` is small: a binary search over the shared keys,
// each step counting the due ones before it.
std::optional<ScoreKey> KeyAtMainPosition(const RankIndex& shared, const RankIndex& due,
                                          int64_t t) {
  if (t < 1) return std::nullopt;
  // The position a shared key has in the main list (for a due one: the next key's).
  auto position = [&](size_t i) {
    const ScoreKey& k = shared.keys[i];
    return static_cast<int64_t>(i) - due.CountBefore(k) + 1;
  };
  size_t lo = 0, hi = shared.keys.size();
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (position(mid) < t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  auto is_due = [&](const ScoreKey& k) {
    const int64_t at = due.CountBefore(k);
    return at < static_cast<int64_t>(due.keys.size()) &&
           due.keys[static_cast<size_t>(at)].lead_id == k.lead_id;
  };
  while (lo < shared.keys.size() && is_due(shared.keys[lo])) ++lo;
  if (lo < shared.keys.size() && position(lo) == t) return shared.keys[lo];
  return std::nullopt;
}

}  // namespace

// The default order, best score first, leads matching `exclude` (the due call-backs listed
// before) left out: the scored leads walk the scores_rank index in order from the nearest page
// start the cache knows (keyset pagination) and stop after the page; the unscored leads follow
// in id order.
Result<std::vector<LeadRow>> SqlStore::FetchByScore(soci::session& sql, const LeadQuery& q,
                                                    const std::shared_ptr<const ListView>& view,
                                                    size_t limit, long long offset) {
  const Viewer& v = q.viewer;
  const bool sales = v.role == Role::kSales;
  const std::string key = ViewKey(q);
  auto filter = [&](Params& p) {
    std::string w = VisibleSql(v, p) + " AND " + FilterSql(q, p);
    if (sales) w += " AND NOT " + DueSql(v, p);
    return w;
  };
  std::vector<LeadRow> rows;
  {
    auto start = list_cache_.PageStartAtOrBelow(key, view, offset);
    if (Unfiltered(q) && view->due_keys && offset > 0 &&
        offset - (start ? start->first : 0) > kFarPage) {
      // A deep page of the whole list: its first row's predecessor from the role's index, so
      // that the page costs what page 1 costs (the index is built once per epoch).
      ListEpoch epoch;
      epoch.id = view->epoch;
      const std::string index_key = std::string("ranks|") + (sales ? "sales" : "admin");
      LS_ASSIGN_OR_RETURN(std::shared_ptr<const RankIndex> index,
                          list_cache_.Shared<RankIndex>(epoch, index_key,
                                                        [&] { return BuildRankIndex(sql, v); }));
      if (auto before = KeyAtMainPosition(*index, RankIndex{*view->due_keys}, offset)) {
        start = std::make_pair(static_cast<int64_t>(offset), *before);
      }
    }
    Params p;
    std::string w = filter(p);
    if (start) {
      const ScoreKey& after = start->second;
      w += " AND s.score <= " + p.Add(after.score) + " AND (s.score < " + p.Add(after.score) +
           " OR s.lead_id > " + p.Add(static_cast<long long>(after.lead_id)) + ")";
    }
    // CROSS JOIN keeps SQLite's join order. A list of many leads walks the score index and
    // reads each lead by id until the page is full; a filter that leaves few leads (the cached
    // total says how many) reads those leads first and sorts them, instead of walking every
    // score past the ones that do not match.
    const bool few = !Unfiltered(q) && view->total <= kFewLeads;
    const std::string from = few ? "FROM leads l CROSS JOIN scores s LEFT JOIN users u ON "
                                   "u.id = l.owner_id WHERE s.lead_id = l.id AND "
                                 : "FROM scores s CROSS JOIN leads l LEFT JOIN users u ON "
                                   "u.id = l.owner_id WHERE l.id = s.lead_id AND ";
    LS_ASSIGN_OR_RETURN(rows, FetchRows(sql, from + w + " ORDER BY s.score DESC, s.lead_id", p,
                                        limit, offset - (start ? start->first : 0), &v));
    if (!rows.empty()) {
      list_cache_.PutPageStart(key, view, offset + static_cast<long long>(rows.size()),
                               {*rows.back().score, rows.back().lead.id});
    }
  }
  if (rows.size() < limit) {
    // The page runs past the scored leads: the unscored ones continue it, after as many scored
    // leads as the main list has.
    long long scored = offset + static_cast<long long>(rows.size());
    if (rows.empty()) {
      Params p;
      const std::string w = filter(p);
      scored = CountWhere(sql, "FROM scores s CROSS JOIN leads l WHERE l.id = s.lead_id AND " + w, p);
    }
    Params p;
    const std::string w = filter(p);
    LS_ASSIGN_OR_RETURN(
        std::vector<LeadRow> unscored,
        FetchRows(sql,
                  "FROM leads l LEFT JOIN scores s ON s.lead_id = l.id LEFT JOIN users u ON "
                  "u.id = l.owner_id WHERE s.lead_id IS NULL AND " + w + " ORDER BY l.id",
                  p, limit - rows.size(), std::max(0LL, offset - scored), &v));
    for (auto& r : unscored) rows.push_back(std::move(r));
  }
  return rows;
}

Result<LeadPage> SqlStore::ListLeads(const LeadQuery& query) {
  LS_RETURN_IF_ERROR(ValidatePage(query.page));
  LS_RETURN_IF_ERROR(ValidatePageSize(query.page_size));
  LS_RETURN_IF_ERROR(ValidateLeadQuery(query));
  return GuardResult<LeadPage>("list leads", [&]() -> Result<LeadPage> {
    soci::session sql(*pool_);
    LS_ASSIGN_OR_RETURN(Freshness fresh, Fresh(sql));
    LeadQuery q = query;
    q.viewer.stale_period = fresh.stale_period;
    const Viewer& v = q.viewer;
    LS_ASSIGN_OR_RETURN(ListEpoch epoch, CurrentEpoch(sql, v, fresh));
    LS_ASSIGN_OR_RETURN(std::shared_ptr<const ListView> view, View(sql, epoch, q));

    LeadPage page;
    page.total = view->total;
    const long long offset = (q.page - 1) * q.page_size;
    if (offset < view->due) {
      Params p;
      std::string w = VisibleSql(v, p) + " AND " + FilterSql(q, p) + " AND " + DueSql(v, p);
      LS_ASSIGN_OR_RETURN(
          page.rows, FetchRows(sql,
                               std::string(q.grade ? "FROM leads l CROSS JOIN scores s LEFT JOIN "
                                                     "users u ON u.id = l.owner_id WHERE "
                                                     "s.lead_id = l.id AND "
                                                   : "FROM leads l LEFT JOIN scores s ON s.lead_id "
                                                     "= l.id LEFT JOIN users u ON u.id = "
                                                     "l.owner_id WHERE ") +
                                   w + " ORDER BY l.callback_at, l.id",
                               p, q.page_size, offset, &v));
    }
    const size_t remaining = static_cast<size_t>(q.page_size) - page.rows.size();
    const long long main_offset = std::max(0LL, offset - view->due);
    if (remaining > 0 && q.sort == LeadSort::kScore && q.descending) {
      LS_ASSIGN_OR_RETURN(std::vector<LeadRow> rest,
                          FetchByScore(sql, q, view, remaining, main_offset));
      for (auto& r : rest) page.rows.push_back(std::move(r));
    } else if (remaining > 0) {
      LS_ASSIGN_OR_RETURN(std::vector<LeadRow> rest,
                          FetchSorted(sql, q, view, remaining, main_offset));
      for (auto& r : rest) page.rows.push_back(std::move(r));
    }
    LS_RETURN_IF_ERROR(FillRanks(sql, epoch, q, *view, main_offset, page.rows));
    page.stamp = {epoch.id, std::max(epoch.window.from, view->due_window.from),
                  std::min(epoch.window.until, view->due_window.until)};
    return page;
  });
}

Result<uint64_t> SqlStore::CurrentListEpoch(const Viewer& viewer) {
  return GuardResult<uint64_t>("list epoch", [&]() -> Result<uint64_t> {
    soci::session sql(*pool_);
    LS_ASSIGN_OR_RETURN(ListEpoch epoch, CurrentEpoch(sql, viewer));
    return epoch.id;
  });
}

Result<int64_t> SqlStore::DataVersion() {
  return GuardResult<int64_t>("data version", [&]() -> Result<int64_t> {
    soci::session sql(*pool_);
    long long version = 0;
    sql << "SELECT version FROM data_version WHERE id = 1", soci::into(version);
    {
      // A newer version than the list's reading (the live-update stream reads this one and
      // then tells the browsers to read their lists again): the next list request reads afresh.
      std::lock_guard<std::mutex> lock(fresh_mu_);
      fresh_floor_ = std::max<int64_t>(fresh_floor_, version);
    }
    return static_cast<int64_t>(version);
  });
}

}  // namespace leadscore::store

namespace leadscore::store {

Result<LeadRow> SqlStore::GetLeadRow(int64_t id, const Viewer& asked) {
  return GuardResult<LeadRow>("get lead", [&]() -> Result<LeadRow> {
    soci::session sql(*pool_);
    const Viewer viewer = WithStalePeriod(sql, asked);
    Params p;
    std::string w = "l.id = " + p.Add(static_cast<long long>(id)) + " AND " + OpenableSql(viewer, p);
    LS_ASSIGN_OR_RETURN(std::vector<LeadRow> rows,
                        FetchRows(sql,
                                  "FROM leads l LEFT JOIN scores s ON s.lead_id = l.id"
                                  " LEFT JOIN users u ON u.id = l.owner_id WHERE " + w,
                                  p, 1, 0, &viewer));
    if (rows.empty()) {
      return Status::NotFound("lead " + std::to_string(id) + " does not exist")
          .With("lead_not_found", {{"id", static_cast<int64_t>(id)}});
    }
    LeadRow row = std::move(rows.front());
    if (row.score) {
      LS_ASSIGN_OR_RETURN(ListEpoch epoch, CurrentEpoch(sql, viewer));
      std::vector<int64_t> ranks;
      // One row: the index if this epoch has it, else one count (cheap for the top leads a
      // sales person works on, and no rebuild of the index after each status change).
      LS_RETURN_IF_ERROR(
          RanksFromIndex(sql, epoch, viewer, {{*row.score, row.lead.id}}, false, ranks));
      row.rank = ranks.front();
    }
    return row;
  });
}

Result<StatusCounts> SqlStore::CountLeadsByStatus(const Viewer& asked,
                                                  std::optional<int64_t> owner_id) {
  return GuardResult<StatusCounts>("count leads by status", [&]() -> Result<StatusCounts> {
    soci::session sql(*pool_);
    const Viewer viewer = WithStalePeriod(sql, asked);
    Params p;
    std::string select = "SELECT CASE WHEN " + ReturnedSql(viewer, p) +
                         " THEN 'pending' ELSE l.status END, COUNT(*) FROM leads l WHERE ";
    // One person's leads (Performa Saya, monitoring) in every status they may open; else the
    // call list's.
    select += owner_id ? OpenableSql(viewer, p) : VisibleSql(viewer, p);
    if (owner_id) {
      select += " AND l.owner_id = " + p.Add(static_cast<long long>(*owner_id));
      select += " AND NOT " + ReturnedSql(viewer, p);
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
