#pragma once
// Padding route-table rows with -1 after their kept columns. Most of a table is padding (97% for
// the published 4096/512 inputs, 99.8% at 65536/512), so this is the bulk of the memory traffic:
// tables larger than the caches are padded with streaming (non-temporal) stores, which write
// memory without first reading each line, halving the traffic of an ordinary fill.
#include <cstdint>

namespace routelab::phase {

// Tables at least this large are streamed. Smaller ones stay in a last-level cache (32 MiB on the
// project's machines, where an ordinary fill measured faster), so the caller reads them from there.
inline constexpr std::int64_t kStreamingFillBytes = std::int64_t{64} << 20;

// Slots [from, k) of `row` become -1.
void pad_row(std::int32_t* row, std::int64_t from, std::int64_t k, bool streaming);

// After streaming stores: makes them visible before other threads touch the same memory.
void finish_streaming(bool streaming);

}  // namespace routelab::phase
