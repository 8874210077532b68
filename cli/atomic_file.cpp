#include "cli/atomic_file.hpp"

#include "engine/atomic_output_file.hpp"

namespace routelab::cli {

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  write_file_atomically(path, [&text](std::ostream& out) { out << text; });
}

void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write) {
  AtomicOutputFile file(path, AtomicOutputFile::Parents::must_exist);
  write(file.stream());
  file.commit();  // an uncommitted file (write threw) removes its .partial on destruction
}

}  // namespace routelab::cli
