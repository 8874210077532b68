#pragma once
// Work sharing for the phase kernels that stays fast on a loaded machine.
//
// An OpenMP parallel region ends when every thread has arrived, so when the OS has not scheduled
// one of them (another process holds its core) the caller waits a whole time slice (milliseconds)
// for a job of a fraction of one: on a loaded 2-core machine the 2-thread kernels ran 3-33x slower
// than 1 thread (issue 12). Here a job is a count of chunks claimed from one shared counter, and it
// is complete when every chunk is done, not when every thread has arrived: the calling thread
// takes chunks itself from the start, a worker that wakes late finds none left and takes none,
// and nobody waits for a thread that has not started. Workers sleep between jobs (a futex, after a
// short spin), so they keep the scheduler's wake-up credit instead of burning their share of a
// core, and the thread count follows the problem size: small jobs never leave the calling thread.
//
// Output never depends on which thread ran a chunk, so results are the same on any thread count.
#include <cstdint>

namespace routelab::phase {

// Participants (the caller and pooled workers) for a job of `work` steps of about 5 ns: one per
// kStepsPerThread steps, at least 1, at most omp_get_max_threads() (OMP_NUM_THREADS).
int threads_for_work(std::int64_t work);

using ChunkFunction = void (*)(void* context, std::int64_t chunk, int slot);

// Runs fn(context, chunk, slot) for every chunk in [0, chunks) on up to `threads` participants and
// returns when all are done. `slot` names the participant (0 = the calling thread, then 1 ..
// threads - 1) so the body can keep per-participant scratch; a slot runs one chunk at a time.
// Runs everything on the calling thread (slot 0) when threads <= 1, when called from inside an
// OpenMP parallel region or a chunk, or while another thread's job holds the pool. The body must
// not throw (allocate per-slot scratch before the call).
void run_chunks_erased(std::int64_t chunks, int threads, ChunkFunction fn, void* context);

// Body: callable as body(std::int64_t chunk, int slot).
template <class Body>
void run_chunks(std::int64_t chunks, int threads, Body& body) {
  run_chunks_erased(
      chunks, threads,
      [](void* context, std::int64_t chunk, int slot) { (*static_cast<Body*>(context))(chunk, slot); }, &body);
}

// Splits [0, total) into `parts` contiguous ranges; range `part` is [begin, end).
struct ChunkRange {
  std::int64_t begin = 0;
  std::int64_t end = 0;
};
inline ChunkRange chunk_range(std::int64_t total, std::int64_t parts, std::int64_t part) {
  return {total * part / parts, total * (part + 1) / parts};
}

}  // namespace routelab::phase
