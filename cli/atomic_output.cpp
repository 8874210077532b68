#include "cli/atomic_output.hpp"

#include <fstream>
#include <system_error>

#include "engine/errors.hpp"

namespace routelab::cli {

void write_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write) {
  const std::filesystem::path partial(path.string() + ".partial");
  {
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    if (!file) throw IoError("cannot create '" + partial.string() + "'");
    write(file);
    file.flush();
    if (!file) {
      file.close();
      std::error_code ignored;
      std::filesystem::remove(partial, ignored);
      throw IoError("cannot write '" + partial.string() + "' (disk full?)");
    }
  }
  std::error_code error;
  std::filesystem::rename(partial, path, error);
  if (error) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    throw IoError("cannot rename '" + partial.string() + "' to '" + path.string() + "': " + error.message());
  }
}

}  // namespace routelab::cli
