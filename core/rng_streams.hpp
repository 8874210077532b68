#pragma once
// Named random streams. Every purpose (workload, router, service, adversary) draws from its own
// engine, seeded from (master seed, replication, stream name), so changing one consumer never
// shifts another's numbers: router comparisons stay paired (common random numbers).
#include <boost/random/mersenne_twister.hpp>
#include <cstdint>
#include <string_view>

namespace routelab {

using RngEngine = boost::random::mt19937_64;

// SplitMix64 finalizer: a fast bijective 64-bit mixer (Steele, Lea, Flood 2014).
constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// FNV-1a over the bytes of a string; stable across platforms (used for keys and stream names).
constexpr std::uint64_t hash_string(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

constexpr std::uint64_t derive_stream_seed(std::uint64_t master_seed, std::uint64_t replication,
                                           std::string_view stream_name) {
  return mix64(mix64(master_seed) ^ mix64(replication + 0x632be59bd9b4e019ULL) ^
               hash_string(stream_name));
}

inline RngEngine make_stream(std::uint64_t master_seed, std::uint64_t replication,
                             std::string_view stream_name) {
  return RngEngine(derive_stream_seed(master_seed, replication, stream_name));
}

// Uniform integer in [0, bound) from a 64-bit hash value, without modulo bias worth noticing
// (Lemire's multiply-shift); the same on every platform.
constexpr std::uint32_t reduce_to_range(std::uint64_t hash, std::uint32_t bound) {
  return static_cast<std::uint32_t>(((hash >> 32) * bound) >> 32);
}

}  // namespace routelab
