#include "cli/atomic_file.hpp"

#include <fstream>

#include "engine/errors.hpp"

namespace routelab::cli {

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  const auto partial = std::filesystem::path(path.string() + ".partial");
  {
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    file << text;
    if (!file) throw IoError("cannot write '" + partial.string() + "'");
  }
  std::filesystem::rename(partial, path);
}

}  // namespace routelab::cli
