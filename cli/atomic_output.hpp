#pragma once
// Output files that appear whole or not at all: the content goes to PATH.partial, which is renamed
// to PATH only once everything was written (a failed or interrupted write leaves no PATH).
#include <filesystem>
#include <functional>
#include <ostream>

namespace routelab::cli {

// Streams the content through `write`; throws IoError naming the file on failure.
void write_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);

}  // namespace routelab::cli
