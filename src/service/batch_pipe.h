// BatchPipe: hands batches from the thread that makes them (reads a file, predicts) to a
// second thread that writes them, so that the two overlap on a machine's two cores. At most two
// batches wait; the first failure of the writer stops both sides: Push returns it, and the
// rest of the batches are dropped. Finish() waits for the writer and returns its status; the
// destructor does the same (ignoring the status), so an early return cannot leave the thread
// running.
//
// Push and Finish belong to one thread (the maker); `write` runs on the pipe's own thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

#include "core/status.h"

namespace leadscore {

template <typename Batch>
class BatchPipe {
 public:
  explicit BatchPipe(std::function<Status(const Batch&)> write)
      : write_(std::move(write)), thread_([this] { Drain(); }) {}
  ~BatchPipe() { (void)Finish(); }
  BatchPipe(const BatchPipe&) = delete;
  BatchPipe& operator=(const BatchPipe&) = delete;

  // Queues a batch for the writer; waits while two are waiting. The writer's error, if it failed.
  Status Push(Batch batch) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return queue_.size() < kMaxWaiting || !status_.ok(); });
    if (!status_.ok()) return status_;
    queue_.push_back(std::move(batch));
    changed_.notify_all();
    return Status::Ok();
  }

  // No more batches: waits until the writer has written the queued ones (or failed).
  Status Finish() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closed_ = true;
      changed_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
    std::lock_guard<std::mutex> lock(mutex_);
    return status_;
  }

 private:
  static constexpr size_t kMaxWaiting = 2;

  void Drain() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      changed_.wait(lock, [&] { return !queue_.empty() || closed_; });
      if (queue_.empty()) return;  // closed, and everything written
      Batch batch = std::move(queue_.front());
      queue_.pop_front();
      changed_.notify_all();
      lock.unlock();
      Status s = write_(batch);
      lock.lock();
      if (!s.ok()) {
        status_ = std::move(s);
        queue_.clear();
        changed_.notify_all();
        return;
      }
    }
  }

  const std::function<Status(const Batch&)> write_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> queue_;  // guarded by mutex_
  bool closed_ = false;      // guarded by mutex_
  Status status_;            // guarded by mutex_
  std::thread thread_;       // last: starts once the rest is ready
};

}  // namespace leadscore
