#pragma once
// One writer per results database: `sweep run` holds an exclusive lock on "<db>.lock" (flock)
// from before it looks at the database until it exits. Two runs creating one new database used to
// delete each other's ".partial" file (an empty file with no tables was left 4 times in 30), and
// concurrent `--resume` runs met "UNIQUE constraint failed" (issue 16). The lock is released by
// the kernel when the process ends, however it ends, so a kill never leaves a stale lock; the
// small lock file itself stays beside the database.
#include <filesystem>

namespace routelab::results {

class DatabaseLock {
 public:
  // Throws ResultsError naming the database when another process holds the lock.
  explicit DatabaseLock(const std::filesystem::path& database);
  ~DatabaseLock();
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;

  static std::filesystem::path lock_path(const std::filesystem::path& database);

 private:
  int fd_ = -1;
};

}  // namespace routelab::results
