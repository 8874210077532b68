#include "routers/phase/phase_table_fill.hpp"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace routelab::phase {

void pad_row(std::int32_t* row, std::int64_t from, std::int64_t k, bool streaming) {
  std::int32_t* begin = row + from;
  std::int32_t* const end = row + k;
#if defined(__SSE2__)
  if (streaming) {
    // Plain stores up to a 16-byte boundary, streaming stores for the aligned middle, plain again.
    while (begin < end && (reinterpret_cast<std::uintptr_t>(begin) & 15u) != 0) *begin++ = -1;
    const __m128i minus_one = _mm_set1_epi32(-1);
    for (; begin + 4 <= end; begin += 4) _mm_stream_si128(reinterpret_cast<__m128i*>(begin), minus_one);
  }
#else
  (void)streaming;
#endif
  if (begin < end) std::fill(begin, end, -1);
}

void finish_streaming(bool streaming) {
#if defined(__SSE2__)
  if (streaming) _mm_sfence();
#else
  (void)streaming;
#endif
}

}  // namespace routelab::phase
