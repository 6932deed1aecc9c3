// Chunked parallel loops for the K-Means code. Work over n points is cut into chunks of a fixed
// size that does not depend on the number of threads; each chunk writes its own partial result
// and the caller combines the partials in chunk order. Floating-point sums therefore come out
// bit for bit the same on one core or on many, which keeps a seeded segmentation reproducible.
#pragma once

#include <cstddef>
#include <functional>

namespace leadscore::ml {

// Points per chunk. Large enough that a chunk costs far more than handing it to a thread.
inline constexpr size_t kChunkSize = 8192;

inline size_t ChunkCount(size_t n) { return (n + kChunkSize - 1) / kChunkSize; }

// Number of worker threads to use: `requested` if positive, else the machine's core count.
int ResolveThreads(int requested);

// Calls fn(chunk) once for every chunk in [0, num_chunks), on up to `threads` threads (the
// calling thread is one of them). Returns when all calls have returned. fn must not throw.
void ParallelChunks(size_t num_chunks, int threads, const std::function<void(size_t)>& fn);

}  // namespace leadscore::ml
