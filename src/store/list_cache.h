// ListCache: what the ranked list remembers between requests, so that a page of 50 does not
// count a million leads each time.
//
// Everything cached is valid for one *epoch*: a data version (the one-row counter in the
// database that every write of leads, statuses, scores, lead clusters, users and settings
// increments in its own transaction, so a write by any server on the same database ends the
// epoch) and a window of time in which no lead returns to pending by itself (a rejection's
// period ending, a contacted lead going stale: the only moments at which the clock alone changes
// what a list shows, docs/ARCHITECTURE.md, "Status rules and visibility"). A request finds its
// epoch from the version it reads and its `now`; a new epoch drops everything the old one kept.
//
// Kept per epoch:
//  - shared values (counts, statistics) under a string key, computed once by the first request
//    that needs one while the others wait for it (no stampede of million-row counts after a
//    write);
//  - one view per viewer and filter: its total, its due call-backs, and the
//    keys at which pages of the score order and of the other orders start (keyset pagination,
//    so that page n reads its rows from where page n-1 ended instead of skipping), valid while the viewer's
//    own call-backs do not fall due.
//  - per role, a RankIndex of the scored leads every viewer of the role sees (shared value).
//
// Thread-safe; `mu_` guards the maps and the current epoch, `epoch_mu_` serialises the making of
// a new epoch. Values are computed outside the locks.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace leadscore::store {

// A position in the score order: best score first, ties by lead id.
struct ScoreKey {
  double score = 0;
  int64_t lead_id = 0;
  // True when this key comes before `other` in the list.
  bool Before(const ScoreKey& other) const {
    return score > other.score || (score == other.score && lead_id < other.lead_id);
  }
};

// A position in one of the other orders of the list (name, status time, or score lowest
// first): the row's value of the sort column (NULL, a number or a text) and its id.
struct SortKey {
  bool null = false;
  double number = 0;
  std::string text;
  int64_t lead_id = 0;
};

// The scored leads every viewer of a role sees, in score order: the rank of any key is found by
// a binary search instead of a count over the score index.
struct RankIndex {
  std::vector<ScoreKey> keys;
  // How many of the keys come before `key`.
  int64_t CountBefore(const ScoreKey& key) const;
};

// The window [from, until) of `now` values in which something read at one time still holds.
struct TimeWindow {
  TimeMs from = 0;
  TimeMs until = 0;
  bool Covers(TimeMs now) const { return from <= now && now < until; }
};

struct ListEpoch {
  uint64_t id = 0;
  int64_t version = 0;
  TimeMs reject_period = 0;
  TimeWindow window;
};

// One viewer's list under one filter, within one epoch and the viewer's call-back window.
struct ListView {
  uint64_t epoch = 0;
  TimeWindow due_window;  // no call-back of the viewer falls due inside it
  int64_t total = 0;      // leads in the list
  int64_t due = 0;        // the viewer's due call-backs, listed first
  // The scored due call-backs in score order (for ranks from page positions); unset when there
  // are too many to keep.
  std::optional<std::vector<ScoreKey>> due_keys;
};

class ListCache {
 public:
  ListCache() = default;
  ListCache(const ListCache&) = delete;
  ListCache& operator=(const ListCache&) = delete;

  // The epoch of `version` at `now`: the current one while both still hold; else a new one
  // whose window `window_at()` computes (called by one thread at a time).
  Result<ListEpoch> EpochAt(int64_t version, TimeMs now, TimeMs reject_period,
                            const std::function<Result<TimeWindow>()>& window_at);

  // The count under `key` in `epoch`, computed by `compute` once.
  Result<int64_t> SharedCount(const ListEpoch& epoch, const std::string& key,
                              const std::function<Result<int64_t>()>& compute);
  // The same for any copyable value held behind a shared_ptr.
  template <typename T>
  Result<std::shared_ptr<const T>> Shared(const ListEpoch& epoch, const std::string& key,
                                          const std::function<Result<T>()>& compute) {
    LS_ASSIGN_OR_RETURN(std::shared_ptr<const void> value,
                        SharedValue(epoch, key, [&]() -> Result<std::shared_ptr<const void>> {
                          LS_ASSIGN_OR_RETURN(T v, compute());
                          return std::shared_ptr<const void>(std::make_shared<T>(std::move(v)));
                        }));
    return std::static_pointer_cast<const T>(value);
  }

  // Whether a shared value under `key` is kept (or being computed) for `epoch`.
  bool HasShared(const ListEpoch& epoch, const std::string& key);

  // The view under `key` if it is of `epoch` and its due window covers `now`.
  std::shared_ptr<const ListView> FindView(const ListEpoch& epoch, const std::string& key,
                                           TimeMs now);
  // Keeps `view` under `key` (if it is of the current epoch), replacing what was there.
  void PutView(const std::string& key, std::shared_ptr<const ListView> view);

  // Where the main part (after the due call-backs) of the list `view` under `key` continues at
  // `offset`: the key of the row just before that offset. PageStartAtOrBelow gives the largest
  // kept offset at or below `offset`, with its key.
  std::optional<std::pair<int64_t, ScoreKey>> PageStartAtOrBelow(
      const std::string& key, const std::shared_ptr<const ListView>& view, int64_t offset);
  void PutPageStart(const std::string& key, const std::shared_ptr<const ListView>& view,
                    int64_t offset, ScoreKey after);
  // The same for the other orders, each under its name `order` (sort and direction).
  std::optional<std::pair<int64_t, SortKey>> SortStartAtOrBelow(
      const std::string& key, const std::string& order,
      const std::shared_ptr<const ListView>& view, int64_t offset);
  void PutSortStart(const std::string& key, const std::string& order,
                    const std::shared_ptr<const ListView>& view, int64_t offset, SortKey after);

 private:
  static constexpr size_t kMaxShared = 1024;
  static constexpr size_t kMaxViews = 4096;
  static constexpr size_t kMaxPageStarts = 1024;  // per view

  using Value = Result<std::shared_ptr<const void>>;
  struct ViewSlot {
    std::shared_ptr<const ListView> view;
    std::map<int64_t, ScoreKey> page_starts;  // offset -> key of the row before it
    std::map<std::string, std::map<int64_t, SortKey>> sort_starts;  // the same per other order
  };

  Value SharedValue(const ListEpoch& epoch, const std::string& key,
                    const std::function<Value()>& compute);
  // Makes `id` the epoch the maps belong to, dropping what an older one kept; mu_ held.
  void KeepEpochLocked(uint64_t id);

  std::mutex epoch_mu_;  // held while a new epoch is made, so one request makes it
  std::mutex mu_;
  std::optional<ListEpoch> epoch_;  // the newest epoch; guarded by mu_
  uint64_t next_epoch_ = 1;         // guarded by mu_
  uint64_t kept_epoch_ = 0;         // the epoch of everything below; guarded by mu_
  std::unordered_map<std::string, std::shared_future<Value>> shared_;  // guarded by mu_
  std::unordered_map<std::string, ViewSlot> views_;                     // guarded by mu_
};

}  // namespace leadscore::store
