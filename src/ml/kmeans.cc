#include "ml/kmeans.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "ml/kmeans_parallel.h"

namespace leadscore::ml {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// SplitMix64: small, fast and identical on every platform and standard library, unlike the
// distributions of <random>, so a seed means the same segmentation everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  size_t Below(size_t n) { return std::min(n - 1, static_cast<size_t>(Uniform() * n)); }

 private:
  uint64_t state_;
};

uint64_t RestartSeed(uint64_t seed, int restart) {
  Rng mix(seed ^ (0xD1B54A32D192ED03ull * static_cast<uint64_t>(restart + 1)));
  return mix.Next();
}

Status CheckPoints(PointsView points, int k) {
  if (points.dims == 0) return Status::InvalidArgument("no features chosen");
  if (points.data.size() % points.dims != 0) {
    return Status::InvalidArgument("the point buffer does not hold whole rows");
  }
  if (k < 1) return Status::InvalidArgument(fmt::format("k must be at least 1 (got {})", k));
  const size_t n = points.size();
  if (n < static_cast<size_t>(k)) {
    return Status::InvalidArgument(
        fmt::format("{} rows cannot make {} clusters: need at least k rows", n, k))
        .With("segment_too_few_rows", {{"rows", static_cast<int64_t>(n)}, {"k", int64_t{k}}});
  }
  for (double v : points.data) {
    if (!std::isfinite(v)) return Status::InvalidArgument("a feature value is not finite");
  }
  return Status::Ok();
}

// Index of the point at which the running sum of `weight` passes r. Chunk sums must have been
// computed by adding the weights of a chunk in order.
size_t PickByWeight(const std::vector<double>& weight, const std::vector<double>& chunk_sums,
                    double r) {
  const size_t n = weight.size();
  double acc = 0;
  size_t last_positive = 0;
  for (size_t c = 0; c < chunk_sums.size(); ++c) {
    size_t begin = c * kChunkSize, end = std::min(n, begin + kChunkSize);
    if (chunk_sums[c] > 0) {
      if (acc + chunk_sums[c] > r) {
        for (size_t i = begin; i < end; ++i) {
          acc += weight[i];
          if (weight[i] > 0) last_positive = i;
          if (acc > r) return i;
        }
        return last_positive;  // rounding left r just past this chunk's own running sum
      }
      for (size_t i = end; i > begin; --i) {
        if (weight[i - 1] > 0) {
          last_positive = i - 1;
          break;
        }
      }
    }
    acc += chunk_sums[c];
  }
  return last_positive;
}

// Squared distance with the feature count known at compile time when D > 0 (the common 2- and
// 3-feature segmentations), so the loop unrolls; D == 0 reads it at run time.
template <size_t D>
inline double Dist2(const double* a, const double* b, size_t dims) {
  if constexpr (D > 0) {
    double s = 0;
    for (size_t j = 0; j < D; ++j) {
      double t = a[j] - b[j];
      s += t * t;
    }
    return s;
  } else {
    return SquaredDistance(a, b, dims);
  }
}

// The state of one Hamerly run: per point its label, an upper bound on the distance to its
// centre and a lower bound on the distance to every other centre; per chunk the partial sums
// that make the next centres.
template <size_t D>
class HamerlyRun {
 public:
  HamerlyRun(PointsView points, std::vector<double> centers, int threads)
      : p_(points),
        n_(points.size()),
        d_(points.dims),
        k_(static_cast<int>(centers.size() / points.dims)),
        threads_(threads),
        chunks_(ChunkCount(n_)),
        centers_(std::move(centers)),
        labels_(n_),
        upper_(n_),
        lower_(n_),
        part_sum_(chunks_ * k_ * d_),
        part_count_(chunks_ * k_),
        part_changed_(chunks_) {}

  // `min_shift`: a total squared centre move at or below which the run stops.
  KMeansResult Run(int max_iterations, double min_shift) {
    AssignAll();
    KMeansResult result;
    std::vector<double> shift(k_), next(k_ * d_), half_gap(k_);
    std::vector<int64_t> counts(k_);
    while (result.iterations < max_iterations) {
      ++result.iterations;
      ReduceCentres(&next, &counts);
      bool relocated = RefillEmptyClusters(&next, &counts);
      double total_shift = 0;
      for (int j = 0; j < k_; ++j) {
        double moved = Dist2<D>(&centers_[j * d_], &next[j * d_], d_);
        total_shift += moved;
        shift[j] = std::sqrt(moved);
      }
      centers_.swap(next);
      size_t changed;
      if (relocated) {
        changed = AssignAll();
      } else {
        ComputeHalfGaps(&half_gap);
        changed = Update(shift, half_gap);
      }
      // The labels are now those of the nearest centres, so stopping here is consistent.
      if (changed == 0 || (!relocated && total_shift <= min_shift)) {
        result.converged = true;
        break;
      }
    }
    result.k = k_;
    result.dims = d_;
    Finish(&result);
    return result;
  }

 private:
  size_t Dims() const { return D > 0 ? D : d_; }
  const double* Row(size_t i) const { return p_.data.data() + i * Dims(); }
  const double* Centre(int j) const { return &centers_[j * Dims()]; }

  // Nearest and second-nearest centre of point i, from scratch.
  void Scan(size_t i) {
    const double* x = Row(i);
    double best = kInf, second = kInf;
    int best_j = 0;
    for (int j = 0; j < k_; ++j) {
      double dd = Dist2<D>(x, Centre(j), d_);
      if (dd < best) {
        second = best;
        best = dd;
        best_j = j;
      } else if (dd < second) {
        second = dd;
      }
    }
    labels_[i] = best_j;
    upper_[i] = std::sqrt(best);
    lower_[i] = std::sqrt(second);
  }

  // Sums of one chunk, kept on the worker's own stack while the chunk runs and copied out once
  // at its end: neighbouring chunks' partials share cache lines, and updating them point by
  // point from two cores would make the cores fight over those lines.
  struct ChunkTotals {
    explicit ChunkTotals(size_t cells, int k) : sum(cells, 0.0), count(k, 0) {}
    std::vector<double> sum;
    std::vector<int64_t> count;
    size_t changed = 0;
  };

  ChunkTotals NewTotals() const { return ChunkTotals(k_ * Dims(), k_); }

  void Accumulate(ChunkTotals& t, size_t i) const {
    int j = labels_[i];
    double* sum = &t.sum[j * Dims()];
    const double* x = Row(i);
    for (size_t f = 0; f < Dims(); ++f) sum[f] += x[f];
    ++t.count[j];
  }

  void Commit(size_t c, const ChunkTotals& t) {
    std::copy(t.sum.begin(), t.sum.end(), &part_sum_[c * k_ * d_]);
    std::copy(t.count.begin(), t.count.end(), &part_count_[c * k_]);
    part_changed_[c] = t.changed;
  }

  size_t TotalChanged() const {
    size_t total = 0;
    for (size_t v : part_changed_) total += v;
    return total;
  }

  // Assigns every point from scratch; returns how many labels changed.
  size_t AssignAll() {
    ParallelChunks(chunks_, threads_, [&](size_t c) {
      ChunkTotals t = NewTotals();
      size_t end = std::min(n_, (c + 1) * kChunkSize);
      for (size_t i = c * kChunkSize; i < end; ++i) {
        int before = labels_[i];
        Scan(i);
        t.changed += (labels_[i] != before);
        Accumulate(t, i);
      }
      Commit(c, t);
    });
    return TotalChanged();
  }

  // One Hamerly pass after the centres moved by `shift`.
  size_t Update(const std::vector<double>& shift, const std::vector<double>& half_gap) {
    int far = 0;  // the centre that moved most, and the largest move of any other centre
    for (int j = 1; j < k_; ++j) {
      if (shift[j] > shift[far]) far = j;
    }
    double far_shift = shift[far], other_shift = 0;
    for (int j = 0; j < k_; ++j) {
      if (j != far) other_shift = std::max(other_shift, shift[j]);
    }
    ParallelChunks(chunks_, threads_, [&](size_t c) {
      ChunkTotals t = NewTotals();
      size_t end = std::min(n_, (c + 1) * kChunkSize);
      for (size_t i = c * kChunkSize; i < end; ++i) {
        int a = labels_[i];
        upper_[i] += shift[a];
        lower_[i] -= (a == far ? other_shift : far_shift);
        double bound = std::max(half_gap[a], lower_[i]);
        if (upper_[i] > bound) {
          upper_[i] = std::sqrt(Dist2<D>(Row(i), Centre(a), d_));
          if (upper_[i] > bound) {
            Scan(i);
            t.changed += (labels_[i] != a);
          }
        }
        Accumulate(t, i);
      }
      Commit(c, t);
    });
    return TotalChanged();
  }

  // Half the distance from each centre to its nearest other centre: a point closer than that
  // to its own centre cannot belong to any other.
  void ComputeHalfGaps(std::vector<double>* half_gap) const {
    for (int j = 0; j < k_; ++j) {
      double best = kInf;
      for (int o = 0; o < k_; ++o) {
        if (o != j) best = std::min(best, Dist2<D>(Centre(j), Centre(o), d_));
      }
      (*half_gap)[j] = 0.5 * std::sqrt(best);
    }
  }

  // New centres: the partial sums added in chunk order, divided by the counts. Empty clusters
  // keep their old centre here and are refilled by RefillEmptyClusters.
  void ReduceCentres(std::vector<double>* next, std::vector<int64_t>* counts) const {
    std::fill(next->begin(), next->end(), 0.0);
    std::fill(counts->begin(), counts->end(), 0);
    for (size_t c = 0; c < chunks_; ++c) {
      for (int j = 0; j < k_; ++j) {
        (*counts)[j] += part_count_[c * k_ + j];
        for (size_t f = 0; f < d_; ++f) (*next)[j * d_ + f] += part_sum_[(c * k_ + j) * d_ + f];
      }
    }
    for (int j = 0; j < k_; ++j) {
      for (size_t f = 0; f < d_; ++f) {
        double& v = (*next)[j * d_ + f];
        v = (*counts)[j] > 0 ? v / static_cast<double>((*counts)[j]) : centers_[j * d_ + f];
      }
    }
  }

  // Moves the centre of each empty cluster onto the point farthest from its own centre (taken
  // from a cluster that keeps at least one point). Returns true if any centre was moved, in
  // which case every point is reassigned from scratch.
  bool RefillEmptyClusters(std::vector<double>* next, std::vector<int64_t>* counts) {
    bool moved = false;
    std::vector<char> taken;
    for (int j = 0; j < k_; ++j) {
      if ((*counts)[j] > 0) continue;
      if (taken.empty()) taken.assign(n_, 0);
      double best = -1;
      size_t best_i = n_;
      for (size_t i = 0; i < n_; ++i) {
        int a = labels_[i];
        if (taken[i] || (*counts)[a] < 2) continue;
        double dd = Dist2<D>(Row(i), &(*next)[a * d_], d_);
        if (dd > best) {
          best = dd;
          best_i = i;
        }
      }
      if (best_i == n_) continue;  // no point to spare: keep the old centre
      taken[best_i] = 1;
      --(*counts)[labels_[best_i]];
      (*counts)[j] = 1;
      std::copy_n(Row(best_i), d_, &(*next)[j * d_]);
      moved = true;
    }
    return moved;
  }

  void Finish(KMeansResult* result) {
    std::vector<double> part_inertia(chunks_);
    ParallelChunks(chunks_, threads_, [&](size_t c) {
      ChunkTotals t = NewTotals();
      double s = 0;
      size_t end = std::min(n_, (c + 1) * kChunkSize);
      for (size_t i = c * kChunkSize; i < end; ++i) {
        s += Dist2<D>(Row(i), Centre(labels_[i]), d_);
        ++t.count[labels_[i]];
      }
      Commit(c, t);
      part_inertia[c] = s;
    });
    result->inertia = 0;
    result->sizes.assign(k_, 0);
    for (size_t c = 0; c < chunks_; ++c) {
      result->inertia += part_inertia[c];
      for (int j = 0; j < k_; ++j) result->sizes[j] += part_count_[c * k_ + j];
    }
    result->centroids = std::move(centers_);
    result->labels = std::move(labels_);
  }

  PointsView p_;
  size_t n_, d_;
  int k_;
  int threads_;
  size_t chunks_;
  std::vector<double> centers_;
  std::vector<int32_t> labels_;
  std::vector<double> upper_, lower_;
  std::vector<double> part_sum_;      // chunk x cluster x feature
  std::vector<int64_t> part_count_;   // chunk x cluster
  std::vector<size_t> part_changed_;  // chunk
};

template <size_t D>
Result<std::vector<double>> SeedWith(PointsView points, int k, Rng& rng, int threads) {
  const size_t n = points.size(), d = points.dims, chunks = ChunkCount(n);
  std::vector<double> centers(k * d);
  size_t first = rng.Below(n);
  std::copy_n(points.row(first), d, centers.begin());

  std::vector<double> d2(n), chunk_sums(chunks);
  auto update = [&](const double* centre) {
    ParallelChunks(chunks, threads, [&](size_t c) {
      double s = 0;
      size_t end = std::min(n, (c + 1) * kChunkSize);
      for (size_t i = c * kChunkSize; i < end; ++i) {
        const double* x = points.data.data() + i * (D > 0 ? D : d);
        d2[i] = std::min(d2[i], Dist2<D>(x, centre, d));
        s += d2[i];
      }
      chunk_sums[c] = s;
    });
  };
  std::fill(d2.begin(), d2.end(), kInf);
  update(points.row(first));

  const int trials = 2 + static_cast<int>(std::log(k));
  std::vector<size_t> candidates(trials);
  std::vector<double> potentials(chunks * trials);
  for (int c = 1; c < k; ++c) {
    double total = 0;
    for (double s : chunk_sums) total += s;
    if (!(total > 0)) {
      return Status::InvalidArgument(fmt::format(
          "the data has only {} distinct points, fewer than the {} clusters asked for", c, k))
          .With("segment_too_few_distinct",
                {{"distinct", static_cast<int64_t>(c)}, {"k", int64_t{k}}});
    }
    for (int t = 0; t < trials; ++t) {
      candidates[t] = PickByWeight(d2, chunk_sums, rng.Uniform() * total);
    }
    ParallelChunks(chunks, threads, [&](size_t ch) {
      std::vector<double> pot(trials, 0.0);  // local: see HamerlyRun::ChunkTotals
      size_t end = std::min(n, (ch + 1) * kChunkSize);
      for (size_t i = ch * kChunkSize; i < end; ++i) {
        const double* x = points.data.data() + i * (D > 0 ? D : d);
        for (int t = 0; t < trials; ++t) {
          pot[t] += std::min(d2[i], Dist2<D>(x, points.row(candidates[t]), d));
        }
      }
      std::copy(pot.begin(), pot.end(), &potentials[ch * trials]);
    });
    int best = 0;
    double best_pot = kInf;
    for (int t = 0; t < trials; ++t) {
      double pot = 0;
      for (size_t ch = 0; ch < chunks; ++ch) pot += potentials[ch * trials + t];
      if (pot < best_pot) {
        best_pot = pot;
        best = t;
      }
    }
    const double* chosen = points.row(candidates[best]);
    std::copy_n(chosen, d, centers.begin() + c * d);
    update(chosen);
  }
  return centers;
}

// Runs fn.template operator()<D>() with D = the feature count if it is small, else 0.
template <typename Fn>
auto DispatchDims(size_t dims, Fn&& fn) {
  switch (dims) {
    case 1:
      return fn.template operator()<1>();
    case 2:
      return fn.template operator()<2>();
    case 3:
      return fn.template operator()<3>();
    case 4:
      return fn.template operator()<4>();
    default:
      return fn.template operator()<0>();
  }
}

Result<std::vector<double>> Seed(PointsView points, int k, Rng& rng, int threads) {
  return DispatchDims(points.dims,
                      [&]<size_t D>() { return SeedWith<D>(points, k, rng, threads); });
}

// tolerance × the mean variance of the features: the total squared centre move that ends a run.
double MinShift(PointsView points, double tolerance) {
  if (!(tolerance > 0)) return 0;
  const size_t n = points.size(), d = points.dims;
  double total = 0;
  for (size_t j = 0; j < d; ++j) {
    double mean = 0, m2 = 0;
    for (size_t i = 0; i < n; ++i) {
      double x = points.row(i)[j], delta = x - mean;
      mean += delta / static_cast<double>(i + 1);
      m2 += delta * (x - mean);
    }
    total += m2 / static_cast<double>(n);
  }
  return tolerance * total / static_cast<double>(d);
}

KMeansResult Run(PointsView points, std::vector<double> start, int threads, int max_iterations,
                 double min_shift) {
  return DispatchDims(points.dims, [&]<size_t D>() {
    HamerlyRun<D> run(points, std::move(start), threads);
    return run.Run(max_iterations, min_shift);
  });
}

}  // namespace

int NearestCentroid(const double* point, std::span<const double> centroids, size_t dims,
                    double* squared_distance) {
  int best_j = 0;
  double best = kInf;
  const int k = static_cast<int>(centroids.size() / dims);
  for (int j = 0; j < k; ++j) {
    double dd = SquaredDistance(point, &centroids[j * dims], dims);
    if (dd < best) {
      best = dd;
      best_j = j;
    }
  }
  if (squared_distance) *squared_distance = best;
  return best_j;
}

Result<std::vector<double>> SeedKMeansPlusPlus(PointsView points, int k, uint64_t seed,
                                               int threads) {
  LS_RETURN_IF_ERROR(CheckPoints(points, k));
  Rng rng(seed);
  return Seed(points, k, rng, ResolveThreads(threads));
}

Result<KMeansResult> RunKMeansFrom(PointsView points, std::vector<double> initial,
                                   const KMeansOptions& options) {
  if (points.dims == 0 || initial.empty() || initial.size() % points.dims != 0) {
    return Status::InvalidArgument("the starting centres do not match the number of features");
  }
  int k = static_cast<int>(initial.size() / points.dims);
  LS_RETURN_IF_ERROR(CheckPoints(points, k));
  if (options.max_iterations < 1) return Status::InvalidArgument("max_iterations must be >= 1");
  return Run(points, std::move(initial), ResolveThreads(options.threads), options.max_iterations,
             MinShift(points, options.tolerance));
}

std::vector<size_t> SampleRowIndices(size_t n, size_t m, uint64_t seed) {
  std::vector<size_t> rows;
  if (m >= n) {
    rows.resize(n);
    for (size_t i = 0; i < n; ++i) rows[i] = i;
    return rows;
  }
  // Selection sampling (Knuth, TAOCP vol. 2, algorithm S): one pass, sorted output.
  rows.reserve(m);
  Rng rng(seed);
  for (size_t i = 0; i < n && rows.size() < m; ++i) {
    if (static_cast<double>(n - i) * rng.Uniform() < static_cast<double>(m - rows.size())) {
      rows.push_back(i);
    }
  }
  return rows;
}

std::vector<double> GatherRows(PointsView points, const std::vector<size_t>& rows) {
  std::vector<double> out(rows.size() * points.dims);
  for (size_t r = 0; r < rows.size(); ++r) {
    std::copy_n(points.row(rows[r]), points.dims, &out[r * points.dims]);
  }
  return out;
}

Result<KMeansResult> FitKMeans(PointsView points, const KMeansOptions& options) {
  LS_RETURN_IF_ERROR(CheckPoints(points, options.k));
  if (options.restarts < 1) return Status::InvalidArgument("restarts must be >= 1");
  if (options.max_iterations < 1) return Status::InvalidArgument("max_iterations must be >= 1");
  const int threads = ResolveThreads(options.threads);
  const double min_shift = MinShift(points, options.tolerance);

  // Large data: the restarts compete on a sample; the winner is refined on every point.
  std::vector<double> sample;
  PointsView field = points;
  const bool sampled = options.restarts > 1 &&
                       options.restart_sample >= static_cast<size_t>(options.k) &&
                       points.size() > options.restart_sample;
  if (sampled) {
    sample = GatherRows(points, SampleRowIndices(points.size(), options.restart_sample,
                                                 options.seed ^ 0x5A17E5A3C0FFEEull));
    field = PointsView{sample, points.dims};
  }

  KMeansResult best;
  bool have_best = false;
  for (int r = 0; r < options.restarts; ++r) {
    Rng rng(RestartSeed(options.seed, r));
    LS_ASSIGN_OR_RETURN(std::vector<double> start, Seed(field, options.k, rng, threads));
    KMeansResult result = Run(field, std::move(start), threads, options.max_iterations, min_shift);
    result.restart = r;
    if (!have_best || result.inertia < best.inertia) {
      best = std::move(result);
      have_best = true;
    }
  }
  if (!sampled) return best;
  KMeansResult full =
      Run(points, std::move(best.centroids), threads, options.max_iterations, min_shift);
  full.restart = best.restart;
  return full;
}

}  // namespace leadscore::ml
