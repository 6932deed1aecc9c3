// ActiveModelCache: the active model version, loaded once and shared. Loading a version
// (parsing the booster JSON and the pipeline) takes tens of milliseconds; scoring one lead with
// it takes microseconds, so the HTTP layer's create / edit / what-if paths must not load it per
// request. The cache keeps the loaded model and re-checks which version is active at most every
// `recheck` (another server may have activated another one); Invalidate() forces a re-check at
// the next Get (this process activated or trained a version).
//
// Holds a reference to the store and the clock, which must outlive it. Thread-safe: Get may be
// called from any number of threads; the returned model is immutable and stays valid for as
// long as the caller holds the shared_ptr, even if another version becomes active meanwhile.
#pragma once

#include <memory>
#include <mutex>

#include "core/clock.h"
#include "core/status.h"
#include "ml/model.h"
#include "store/store.h"

namespace leadscore {

struct LoadedModel {
  int64_t version_id = 0;
  ml::Model model;
};

// Loads one version from the store, with the admin's current campaign applied when the model
// scores with one current context (service/campaign.h). The cache reloads when the campaign
// setting changes.
Result<std::shared_ptr<const LoadedModel>> LoadModelVersion(Store& store, int64_t version_id);

class ActiveModelCache {
 public:
  ActiveModelCache(Store& store, const Clock& clock, TimeMs recheck = 5 * kMsPerSecond)
      : store_(store), clock_(clock), recheck_(recheck) {}
  ActiveModelCache(const ActiveModelCache&) = delete;
  ActiveModelCache& operator=(const ActiveModelCache&) = delete;

  // The active model; kFailedPrecondition "no active model" when none was trained/activated.
  Result<std::shared_ptr<const LoadedModel>> Get();
  void Invalidate();

 private:
  Store& store_;
  const Clock& clock_;
  const TimeMs recheck_;
  std::mutex mutex_;
  std::shared_ptr<const LoadedModel> model_;  // guarded by mutex_
  TimeMs checked_at_ = 0;                     // guarded by mutex_
  bool stale_ = true;                         // guarded by mutex_
  TimeMs campaign_stamp_ = 0;  // the campaign setting the model was loaded with; mutex_
};

}  // namespace leadscore
