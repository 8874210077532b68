#include "results/database_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "results/sqlite_database.hpp"

namespace routelab::results {

std::filesystem::path DatabaseLock::lock_path(const std::filesystem::path& database) {
  return database.string() + ".lock";
}

DatabaseLock::DatabaseLock(const std::filesystem::path& database) {
  const auto path = lock_path(database);
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw ResultsError("cannot create the lock file '" + path.string() + "' for '" + database.string() +
                       "': " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK)
      throw ResultsError("another `routelab sweep run` is writing '" + database.string() +
                         "' (it holds '" + path.string() +
                         "'): one run per database at a time; wait for it to finish, then --resume, or use another "
                         "database (shards of one sweep each take their own and `sweep merge` joins them)");
    throw ResultsError("cannot lock '" + path.string() + "': " + std::strerror(error));
  }
}

DatabaseLock::~DatabaseLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace routelab::results
