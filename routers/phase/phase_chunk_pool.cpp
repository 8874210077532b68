#include "routers/phase/phase_chunk_pool.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#if defined(_OPENMP)
#include <omp.h>
#endif
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace routelab::phase {

namespace {

// About 40 us of work per participant: waking a sleeping worker costs a few microseconds (a futex
// wake and a context switch), so below this a second thread cannot win anything worth the risk.
constexpr std::int64_t kStepsPerThread = std::int64_t{1} << 13;
// Pause instructions a worker spins for its next invitation before it sleeps (a few microseconds:
// enough for back-to-back jobs, too short to take a loaded machine's core from anyone).
constexpr int kWorkerSpins = 256;
// Pause instructions the caller spins for the chunks still running elsewhere before it sleeps.
constexpr int kCallerSpins = 1024;
// Chunks per round: the claim word packs a round's generation (32 bits), its next chunk and its
// chunk count (16 bits each). Longer jobs run in several rounds.
constexpr std::int64_t kMaxChunksPerRound = 0xFFFF;

void pause() {
#if defined(__SSE2__)
  _mm_pause();
#endif
}

// True on pool workers and on a caller while its job runs: nested calls run inline.
thread_local bool t_inside_job = false;

struct alignas(64) Worker {
  std::atomic<std::uint32_t> invite{0};  // generation this worker is asked to join
  std::thread thread;
};

class ChunkPool {
 public:
  ChunkPool() = default;
  ChunkPool(const ChunkPool&) = delete;
  ChunkPool& operator=(const ChunkPool&) = delete;

  ~ChunkPool() {
    stop_.store(true, std::memory_order_release);
    for (auto& worker : workers_) {
      worker->invite.fetch_add(1, std::memory_order_release);
      worker->invite.notify_one();
    }
    for (auto& worker : workers_) worker->thread.join();
  }

  // False when another job holds the pool (the caller then runs inline).
  bool try_run(std::int64_t chunks, int threads, ChunkFunction fn, void* context) {
    std::unique_lock<std::mutex> lock(busy_, std::try_to_lock);
    if (!lock.owns_lock()) return false;
    const int helpers = add_workers(threads - 1);
    if (helpers == 0) return false;
    t_inside_job = true;
    for (std::int64_t base = 0; base < chunks; base += kMaxChunksPerRound) {
      const auto count = static_cast<std::uint32_t>(std::min(kMaxChunksPerRound, chunks - base));
      ++generation_;
      fn_ = fn;
      context_ = context;
      base_ = base;
      count_ = count;
      done_.store(0, std::memory_order_relaxed);
      claim_.store((std::uint64_t{generation_} << 32) | count, std::memory_order_release);
      for (int w = 0; w < helpers; ++w) {
        workers_[static_cast<std::size_t>(w)]->invite.store(generation_, std::memory_order_release);
        workers_[static_cast<std::size_t>(w)]->invite.notify_one();
      }
      work(generation_, 0);
      wait_for_chunks(count);
    }
    t_inside_job = false;
    return true;
  }

 private:
  // Starts workers until there are `wanted`; returns how many there are (fewer if the system
  // refuses threads: the job then shares the work among those).
  int add_workers(int wanted) {
    while (static_cast<int>(workers_.size()) < wanted) {
      auto worker = std::make_unique<Worker>();
      const int slot = static_cast<int>(workers_.size()) + 1;
      try {
        worker->thread = std::thread([this, w = worker.get(), slot] { worker_loop(*w, slot); });
      } catch (const std::system_error&) {
        break;
      }
      workers_.push_back(std::move(worker));
    }
    return std::min(wanted, static_cast<int>(workers_.size()));
  }

  void worker_loop(Worker& worker, int slot) {
    t_inside_job = true;
    std::uint32_t seen = 0;
    for (;;) {
      std::uint32_t invite = worker.invite.load(std::memory_order_acquire);
      for (int spin = 0; invite == seen && spin < kWorkerSpins; ++spin) {
        pause();
        invite = worker.invite.load(std::memory_order_acquire);
      }
      while (invite == seen) {
        worker.invite.wait(seen, std::memory_order_acquire);
        invite = worker.invite.load(std::memory_order_acquire);
      }
      if (stop_.load(std::memory_order_acquire)) return;
      seen = invite;
      work(invite, slot);
    }
  }

  // Claims and runs chunks of round `generation` until none is left. The job's fields are read
  // only after a successful claim: until that chunk is done the caller cannot start another round.
  void work(std::uint32_t generation, int slot) {
    for (;;) {
      std::uint64_t claim = claim_.load(std::memory_order_acquire);
      do {
        const auto next = static_cast<std::uint32_t>((claim >> 16) & 0xFFFF);
        const auto count = static_cast<std::uint32_t>(claim & 0xFFFF);
        if (static_cast<std::uint32_t>(claim >> 32) != generation || next >= count) return;
      } while (!claim_.compare_exchange_weak(claim, claim + (std::uint64_t{1} << 16), std::memory_order_acq_rel,
                                             std::memory_order_acquire));
      const ChunkFunction fn = fn_;
      void* const context = context_;
      const std::int64_t chunk = base_ + static_cast<std::int64_t>((claim >> 16) & 0xFFFF);
      const std::uint32_t count = count_;
      fn(context, chunk, slot);
      if (done_.fetch_add(1, std::memory_order_acq_rel) + 1 == count) done_.notify_all();
    }
  }

  void wait_for_chunks(std::uint32_t count) {
    std::uint32_t done = done_.load(std::memory_order_acquire);
    for (int spin = 0; done != count && spin < kCallerSpins; ++spin) {
      pause();
      done = done_.load(std::memory_order_acquire);
    }
    while (done != count) {
      done_.wait(done, std::memory_order_acquire);
      done = done_.load(std::memory_order_acquire);
    }
  }

  std::mutex busy_;
  alignas(64) std::atomic<std::uint64_t> claim_{0};
  alignas(64) std::atomic<std::uint32_t> done_{0};
  // The current round, written by the caller before claim_ is published.
  std::uint32_t generation_ = 0;
  ChunkFunction fn_ = nullptr;
  void* context_ = nullptr;
  std::int64_t base_ = 0;
  std::uint32_t count_ = 0;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::atomic<bool> stop_{false};
};

ChunkPool& pool() {
  static ChunkPool instance;
  return instance;
}

bool inside_parallel_region() {
#if defined(_OPENMP)
  return omp_in_parallel() != 0;
#else
  return false;
#endif
}

}  // namespace

int threads_for_work(std::int64_t work) {
  int available = 1;
#if defined(_OPENMP)
  available = omp_get_max_threads();
#endif
  return static_cast<int>(std::clamp<std::int64_t>(work / kStepsPerThread, 1, std::max(1, available)));
}

void run_chunks_erased(std::int64_t chunks, int threads, ChunkFunction fn, void* context) {
  if (chunks <= 0) return;
  threads = static_cast<int>(std::min<std::int64_t>(threads, chunks));
  if (threads > 1 && !t_inside_job && !inside_parallel_region() && pool().try_run(chunks, threads, fn, context))
    return;
  for (std::int64_t chunk = 0; chunk < chunks; ++chunk) fn(context, chunk, 0);
}

}  // namespace routelab::phase
