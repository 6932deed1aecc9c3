// Helpers the ranked list's files share (sql_store_list.cc, sql_store_ranks.cc,
// sql_store_stats.cc): SQL fragments, cache keys and the limits of what is kept per request.
// Stateless; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "store/soci_api.h"

#include "core/status.h"
#include "store/sql_util.h"
#include "store/store.h"

namespace leadscore::store {

inline constexpr size_t kMaxDueKeys = 1000;     // due call-backs kept for positional ranks
inline constexpr int64_t kFewLeads = 20000;     // a filtered list this short is read leads first
inline constexpr int64_t kMaxRankCount = 20000;  // a rank counted row by row, at most

// "a rejected lead whose period is over", with the cut-off `cut` (a placeholder) over `l`.
std::string ExpiredSql(const std::string& cut);
// "a contacted lead whose follow-up anchor is at or before `cut`": gone stale.
std::string StaleSql(const std::string& cut);
// "a lead that returned to pending by itself" at the viewer's time (ExpiredSql or StaleSql),
// its two cut-offs added to p.
std::string ReturnedSql(const Viewer& v, Params& p);
// `s` lower-cased with LIKE's metacharacters escaped by a backslash.
std::string EscapeLike(const std::string& s);
// The query has no filter (status, grade, owner, segment, search).
bool Unfiltered(const LeadQuery& q);
// The filter of a query as a cache key (the viewer's role first; values length-prefixed so that
// no two filters share a key).
std::string FilterKey(const LeadQuery& q);
// The key of one viewer's list: the filter key, and for sales the viewer (whose own call-backs
// fall due at the top of the list).
std::string ViewKey(const LeadQuery& q);
// The checks of a query's filter the store makes itself.
Status ValidateLeadQuery(const LeadQuery& q);

}  // namespace leadscore::store
