#include "cli/atomic_file.hpp"

#include <fstream>
#include <system_error>

#include "engine/errors.hpp"

namespace routelab::cli {

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  write_file_atomically(path, [&text](std::ostream& out) { out << text; });
}

void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write) {
  const auto partial = std::filesystem::path(path.string() + ".partial");
  std::error_code ignored;
  {
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    if (!file) throw IoError("cannot create '" + partial.string() + "'");
    write(file);
    file.flush();
    if (!file) {
      file.close();
      std::filesystem::remove(partial, ignored);
      throw IoError("cannot write '" + partial.string() + "' (disk full?)");
    }
  }
  std::error_code error;
  std::filesystem::rename(partial, path, error);
  if (error) {
    std::filesystem::remove(partial, ignored);
    throw IoError("cannot rename '" + partial.string() + "' to '" + path.string() + "': " + error.message());
  }
}

}  // namespace routelab::cli
