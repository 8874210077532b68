#pragma once
// Output files appear only complete: written under "<path>.partial", then renamed.
#include <filesystem>
#include <string>

namespace routelab::cli {

void write_file_atomically(const std::filesystem::path& path, const std::string& text);  // throws IoError

}  // namespace routelab::cli
