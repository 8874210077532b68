#pragma once
// Whole output files named by the user, through AtomicOutputFile (engine/atomic_output_file.hpp):
// written under "<path>.partial", then renamed (a failed or interrupted write leaves no <path> and
// no .partial behind). The directory must exist.
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

namespace routelab::cli {

void write_file_atomically(const std::filesystem::path& path, const std::string& text);  // throws IoError
// Streams the content through `write` (for files too large to build as one string).
void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);

}  // namespace routelab::cli
