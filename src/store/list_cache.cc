#include "store/list_cache.h"

#include <exception>

#include <algorithm>

namespace leadscore::store {

int64_t RankIndex::CountBefore(const ScoreKey& key) const {
  auto at = std::lower_bound(keys.begin(), keys.end(), key,
                             [](const ScoreKey& a, const ScoreKey& b) { return a.Before(b); });
  return static_cast<int64_t>(at - keys.begin());
}

Result<ListEpoch> ListCache::EpochAt(int64_t version, TimeMs now, TimeMs reject_period,
                                     const std::function<Result<TimeWindow>()>& window_at) {
  auto current = [&]() -> std::optional<ListEpoch> {
    std::lock_guard<std::mutex> lock(mu_);
    if (epoch_ && epoch_->version == version && epoch_->reject_period == reject_period &&
        epoch_->window.Covers(now)) {
      return epoch_;
    }
    return std::nullopt;
  };
  if (auto e = current()) return *e;
  std::lock_guard<std::mutex> making(epoch_mu_);
  if (auto e = current()) return *e;  // another request made it while this one waited
  LS_ASSIGN_OR_RETURN(TimeWindow window, window_at());
  std::lock_guard<std::mutex> lock(mu_);
  ListEpoch e{0, version, reject_period, window};
  // A request that read an older version than the newest epoch's (it started before a write
  // that another request has seen) gets an epoch of its own that nothing is kept under.
  if (epoch_ && version < epoch_->version) return e;
  e.id = next_epoch_++;
  epoch_ = e;
  return e;
}

void ListCache::KeepEpochLocked(uint64_t id) {
  if (id == kept_epoch_) return;
  shared_.clear();
  views_.clear();
  kept_epoch_ = id;
}

ListCache::Value ListCache::SharedValue(const ListEpoch& epoch, const std::string& key,
                                        const std::function<Value()>& compute) {
  // Computed here, and a thrown exception turned into a status, so that a waiting request never
  // waits on a promise nobody fulfils.
  auto run = [&]() -> Value {
    try {
      return compute();
    } catch (const std::exception& e) {
      return Status::Internal(std::string("list cache: ") + e.what());
    }
  };
  std::promise<Value> promise;
  std::shared_future<Value> future;
  bool mine = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (epoch.id == 0 || epoch.id < kept_epoch_) return run();  // an epoch nothing is kept for
    KeepEpochLocked(epoch.id);
    auto it = shared_.find(key);
    if (it != shared_.end()) {
      future = it->second;
    } else {
      if (shared_.size() >= kMaxShared) shared_.clear();
      future = promise.get_future().share();
      shared_.emplace(key, future);
      mine = true;
    }
  }
  if (!mine) return future.get();
  Value value = run();
  if (!value.ok()) {
    // Not kept: the next request tries again.
    std::lock_guard<std::mutex> lock(mu_);
    auto it = shared_.find(key);
    if (it != shared_.end() && kept_epoch_ == epoch.id) shared_.erase(it);
  }
  promise.set_value(value);
  return value;
}

Result<int64_t> ListCache::SharedCount(const ListEpoch& epoch, const std::string& key,
                                       const std::function<Result<int64_t>()>& compute) {
  LS_ASSIGN_OR_RETURN(std::shared_ptr<const int64_t> n, Shared<int64_t>(epoch, key, compute));
  return *n;
}

bool ListCache::HasShared(const ListEpoch& epoch, const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  return epoch.id != 0 && epoch.id == kept_epoch_ && shared_.count(key) > 0;
}

std::shared_ptr<const ListView> ListCache::FindView(const ListEpoch& epoch,
                                                    const std::string& key, TimeMs now) {
  std::lock_guard<std::mutex> lock(mu_);
  if (epoch.id == 0 || epoch.id != kept_epoch_) return nullptr;
  auto it = views_.find(key);
  if (it == views_.end()) return nullptr;
  const auto& view = it->second.view;
  if (view->epoch != epoch.id || !view->due_window.Covers(now)) return nullptr;
  return view;
}

void ListCache::PutView(const std::string& key, std::shared_ptr<const ListView> view) {
  std::lock_guard<std::mutex> lock(mu_);
  if (view->epoch == 0 || view->epoch < kept_epoch_) return;
  KeepEpochLocked(view->epoch);
  if (views_.size() >= kMaxViews) views_.clear();
  views_[key] = ViewSlot{std::move(view), {}, {}};
}

std::optional<std::pair<int64_t, ScoreKey>> ListCache::PageStartAtOrBelow(
    const std::string& key, const std::shared_ptr<const ListView>& view, int64_t offset) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = views_.find(key);
  if (it == views_.end() || it->second.view != view) return std::nullopt;
  const auto& starts = it->second.page_starts;
  auto at = starts.upper_bound(offset);
  if (at == starts.begin()) return std::nullopt;
  --at;
  return *at;
}

void ListCache::PutPageStart(const std::string& key, const std::shared_ptr<const ListView>& view,
                             int64_t offset, ScoreKey after) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = views_.find(key);
  if (it == views_.end() || it->second.view != view) return;
  auto& starts = it->second.page_starts;
  if (starts.size() >= kMaxPageStarts) starts.clear();
  starts[offset] = after;
}

std::optional<std::pair<int64_t, SortKey>> ListCache::SortStartAtOrBelow(
    const std::string& key, const std::string& order,
    const std::shared_ptr<const ListView>& view, int64_t offset) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = views_.find(key);
  if (it == views_.end() || it->second.view != view) return std::nullopt;
  auto starts = it->second.sort_starts.find(order);
  if (starts == it->second.sort_starts.end()) return std::nullopt;
  auto at = starts->second.upper_bound(offset);
  if (at == starts->second.begin()) return std::nullopt;
  --at;
  return *at;
}

void ListCache::PutSortStart(const std::string& key, const std::string& order,
                             const std::shared_ptr<const ListView>& view, int64_t offset,
                             SortKey after) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = views_.find(key);
  if (it == views_.end() || it->second.view != view) return;
  auto& starts = it->second.sort_starts[order];
  if (starts.size() >= kMaxPageStarts) starts.clear();
  starts[offset] = std::move(after);
}

}  // namespace leadscore::store
