#include "engine/write_failure.hpp"

#include <sys/resource.h>
#include <sys/statvfs.h>

#include <system_error>

namespace routelab {

std::string describe_write_failure(const std::filesystem::path& written, const std::filesystem::path& named) {
  std::string why = "a write error";
  std::error_code ec;
  const auto size = std::filesystem::file_size(written, ec);
  rlimit limit{};
  struct statvfs space {};
  if (!ec && ::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && size >= limit.rlim_cur) {
    why = "the file reached the process's file size limit (ulimit -f) of " + std::to_string(limit.rlim_cur) + " bytes";
  } else if (::statvfs(written.parent_path().c_str(), &space) == 0 && space.f_bavail == 0) {
    why = "the file system is full (disk full)";
  }
  return "writing '" + named.string() + "' failed: " + why;
}

}  // namespace routelab
