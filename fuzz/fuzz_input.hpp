#pragma once
// What every harness shares: the input as text, the rule that an input may only fail with one of
// the project's typed errors (anything else escaping is a finding: libFuzzer reports the uncaught
// exception as a crash), and a guard against inputs naming device files, which would make a
// parser read /dev/zero forever (a hang the fuzzer would report, but one the user asked for).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/errors.hpp"

namespace routelab::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

inline bool names_a_device(std::string_view text) {
  for (std::string_view device : {"/dev", "/proc", "/sys"})
    if (text.find(device) != std::string_view::npos) return true;
  return false;
}

// Runs `parse`; a routelab::Error (bad input, named) is the expected way to refuse an input.
template <typename Parse>
void expect_only_typed_errors(Parse&& parse) {
  try {
    parse();
  } catch (const Error&) {
  }
}

}  // namespace routelab::fuzz
