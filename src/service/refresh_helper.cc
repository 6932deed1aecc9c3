#include "service/refresh_helper.h"

#include <spdlog/spdlog.h>

namespace leadscore {

RefreshHelper::RefreshHelper(ScoringService& scoring, std::chrono::milliseconds poll)
    : scoring_(scoring), poll_(poll), thread_([this] { Loop(); }) {}

RefreshHelper::~RefreshHelper() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    stop_changed_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
}

void RefreshHelper::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    lock.unlock();
    auto help = scoring_.HelpRefresh(&stop_);
    if (!help.ok()) spdlog::warn("helping the score refresh: {}", help.status().ToString());
    lock.lock();
    stop_changed_.wait_for(lock, poll_, [&] { return stop_.load(); });
  }
}

}  // namespace leadscore
