#include "ml/kmeans_parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace leadscore::ml {

int ResolveThreads(int requested) {
  if (requested > 0) return requested;
  unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : static_cast<int>(hw);
}

void ParallelChunks(size_t num_chunks, int threads, const std::function<void(size_t)>& fn) {
  size_t workers = std::min<size_t>(static_cast<size_t>(std::max(threads, 1)), num_chunks);
  if (workers <= 1) {
    for (size_t c = 0; c < num_chunks; ++c) fn(c);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t c = next.fetch_add(1); c < num_chunks; c = next.fetch_add(1)) fn(c);
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (size_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

}  // namespace leadscore::ml
