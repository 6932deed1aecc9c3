// RefreshHelper: a background thread that helps the score refresh running on the database,
// whichever server or process holds it: every `poll` it calls ScoringService::HelpRefresh, which
// costs one small read when no refresh runs, and scores the refresh's claimable chunks when one
// does. `leadscore serve` runs one, and so does `leadscore score --worker`.
//
// Holds a reference to the scoring service, which must outlive it. Owns its thread: the
// destructor stops it (the chunks being scored are finished, the ones claimed ahead given back)
// and joins it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "service/scoring_service.h"

namespace leadscore {

class RefreshHelper {
 public:
  RefreshHelper(ScoringService& scoring, std::chrono::milliseconds poll);
  ~RefreshHelper();
  RefreshHelper(const RefreshHelper&) = delete;
  RefreshHelper& operator=(const RefreshHelper&) = delete;

 private:
  void Loop();

  ScoringService& scoring_;
  const std::chrono::milliseconds poll_;
  std::mutex mutex_;
  std::condition_variable stop_changed_;
  std::atomic<bool> stop_{false};  // set under mutex_, read by HelpRefresh without it
  std::thread thread_;             // last: starts once the rest is ready
};

}  // namespace leadscore
