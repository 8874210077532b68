#include "engine/output_transaction.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>
#include <system_error>
#include <vector>

#include "core/errors.hpp"

namespace routelab {

namespace {

namespace fs = std::filesystem;

// Staging directories are hidden siblings of the target: ".<name>.routelab-staging-<pid>-<n>".
constexpr const char* kStagingTag = ".routelab-staging-";

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

// Every regular file under `root`, as paths relative to it, sorted.
std::vector<std::string> files_under(const fs::path& root) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (!entry.is_directory()) files.push_back(entry.path().lexically_relative(root).generic_string());
  std::sort(files.begin(), files.end());
  return files;
}

// Locks a directory (flock on its descriptor) without waiting; -1 when another process holds it.
int try_lock_directory(const fs::path& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return -1;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Removes the staging directories of `target` that no live transaction holds (a killed run's).
void remove_stale_staging(const fs::path& target) {
  const std::string prefix = staging_prefix(target);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(target.parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0 || !entry.is_directory(ec)) continue;
    const int fd = try_lock_directory(entry.path());
    if (fd < 0) continue;  // a running transaction holds it
    fs::remove_all(entry.path(), ec);
    ::close(fd);
  }
}

// What a replaced directory may hold: only the files its manifest lists (and the manifest).
void check_replaceable(const fs::path& target) {
  std::ifstream manifest(target / OutputTransaction::kManifestName);
  if (!manifest)
    throw ConfigError("--out", quoted(target) + " holds files that no routelab run wrote (it has no " +
                                   OutputTransaction::kManifestName +
                                   " manifest); --force replaces only an earlier routelab result: move them "
                                   "away yourself or choose another directory");
  std::set<std::string> listed{OutputTransaction::kManifestName};
  for (std::string line; std::getline(manifest, line);)
    if (!line.empty()) listed.insert(line);
  for (const std::string& file : files_under(target))
    if (!listed.count(file))
      throw ConfigError("--out", quoted(target / file) + " was not written by the routelab run that wrote " +
                                     quoted(target) + "; --force leaves such directories alone: move it away "
                                     "yourself or choose another directory");
}

void check_target(const fs::path& target, bool replace) {
  std::error_code ec;
  const auto status = fs::status(target, ec);
  if (!fs::exists(status)) return;
  if (!fs::is_directory(status)) throw ConfigError("--out", quoted(target) + " exists and is not a directory");
  std::vector<std::string> entries;
  for (const auto& entry : fs::directory_iterator(target)) entries.push_back(entry.path().filename().string());
  if (entries.empty()) return;
  if (!replace) {
    std::sort(entries.begin(), entries.end());
    std::string shown;
    for (std::size_t i = 0; i < std::min<std::size_t>(entries.size(), 3); ++i) shown += (i ? ", " : "") + entries[i];
    if (entries.size() > 3) shown += ", ...";
    throw ConfigError("--out", quoted(target) + " is not empty (it holds " + shown +
                                   "); pass --force to replace an earlier routelab result there, or choose an "
                                   "empty or new directory");
  }
  check_replaceable(target);
}

// Swaps two directories in one step (Linux renameat2); false where the file system cannot.
bool exchange(const fs::path& a, const fs::path& b) {
#ifdef RENAME_EXCHANGE
  if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return true;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    throw IoError("cannot move " + quoted(a) + " into place as " + quoted(b) + ": " + std::strerror(errno));
#endif
  return false;
}

}  // namespace

std::string staging_prefix(const fs::path& target) {
  std::string prefix = ".";  // appended piecewise: GCC 12 warns falsely (-Wrestrict) on "." + string
  prefix += target.filename().string();
  prefix += kStagingTag;
  return prefix;
}

OutputTransaction::OutputTransaction(fs::path target, bool replace) : replace_(replace) {
  target = fs::absolute(target).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();  // "out/" names "out"
  target_ = target;
  std::error_code ec;
  fs::create_directories(target_.parent_path(), ec);
  if (ec) throw IoError("cannot create directory " + quoted(target_.parent_path()) + ": " + ec.message());
  remove_stale_staging(target_);
  check_target(target_, replace_);
  for (int attempt = 0; lock_fd_ < 0; ++attempt) {
    if (attempt == 100) throw IoError("cannot create a staging directory beside " + quoted(target_));
    staging_ = target_.parent_path() /
               (staging_prefix(target_) + std::to_string(::getpid()) + "-" + std::to_string(attempt));
    if (!fs::create_directory(staging_, ec)) {
      if (ec) throw IoError("cannot create the staging directory " + quoted(staging_) + ": " + ec.message());
      continue;  // exists already (another transaction of this process)
    }
    lock_fd_ = try_lock_directory(staging_);
    // A concurrent cleaner may have taken the new directory for a leftover between mkdir and
    // flock: keep it only if the locked directory is still the one at that path.
    struct stat locked {}, named {};
    if (lock_fd_ >= 0 && (::fstat(lock_fd_, &locked) != 0 || ::stat(staging_.c_str(), &named) != 0 ||
                          locked.st_ino != named.st_ino || locked.st_dev != named.st_dev)) {
      ::close(lock_fd_);
      lock_fd_ = -1;
    }
  }
}

OutputTransaction::~OutputTransaction() {
  std::error_code ec;
  if (!committed_) fs::remove_all(staging_, ec);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

void OutputTransaction::commit() {
  {
    std::ofstream manifest(staging_ / kManifestName, std::ios::binary | std::ios::trunc);
    for (const std::string& file : files_under(staging_))
      if (file != kManifestName) manifest << file << '\n';
    manifest.close();
    if (!manifest) throw IoError("writing " + quoted(staging_ / kManifestName) + " failed (disk full?)");
  }
  std::error_code ec;
  const bool occupied = fs::is_directory(target_, ec) && !fs::is_empty(target_, ec);
  if (occupied && !replace_)
    throw IoError(quoted(target_) + " was filled by another run while this one ran; nothing was replaced");
  if (occupied && !exchange(staging_, target_)) {
    // No atomic swap on this file system: move the old result aside first (a kill in between
    // leaves it in a staging directory, which the next run removes).
    const fs::path aside = staging_.string() + "-old";
    fs::rename(target_, aside, ec);
    if (ec) throw IoError("cannot move the old " + quoted(target_) + " aside: " + ec.message());
    fs::rename(staging_, target_, ec);
    if (ec) throw IoError("cannot move " + quoted(staging_) + " into place: " + ec.message());
    fs::rename(aside, staging_, ec);
  } else if (!occupied) {
    fs::rename(staging_, target_, ec);
    if (ec) throw IoError("cannot move " + quoted(staging_) + " into place as " + quoted(target_) + ": " + ec.message());
  }
  committed_ = true;
  fs::remove_all(staging_, ec);  // the replaced result, if any
}

}  // namespace routelab
