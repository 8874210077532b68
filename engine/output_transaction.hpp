#pragma once
// A results directory (`--out DIR`) written as one transaction: every file goes into a staging
// directory beside DIR, and commit() renames the staging directory into place as a whole. A kill
// at any moment leaves either the old complete DIR or the new one, never a mix of two runs and
// never a half-written file under DIR. `summary.json` is written last, so it marks a complete run
// inside the staging directory too.
//
// DIR must be absent or empty, unless `replace` (`--force`) is set: then DIR must hold only what
// an earlier routelab run wrote there (listed in its manifest, kManifestName), and commit() swaps
// the new directory in and removes the old one. Staging directories that an interrupted run left
// are removed by the next transaction on the same DIR (each live one holds a lock, so a running
// transaction's staging directory is never taken for a leftover).
#include <filesystem>
#include <string>

namespace routelab {

class OutputTransaction {
 public:
  static constexpr const char* kManifestName = ".routelab-output";

  // Throws ConfigError("--out") when DIR cannot be used, IoError when the staging directory cannot
  // be created.
  OutputTransaction(std::filesystem::path target, bool replace);
  ~OutputTransaction();  // uncommitted: removes the staging directory and everything in it
  OutputTransaction(const OutputTransaction&) = delete;
  OutputTransaction& operator=(const OutputTransaction&) = delete;

  // Where the run writes its files (same file system as the target, so commit is a rename).
  const std::filesystem::path& staging() const { return staging_; }
  const std::filesystem::path& target() const { return target_; }

  // Writes the manifest and moves the staging directory into place; throws IoError.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path staging_;
  bool replace_ = false;
  int lock_fd_ = -1;
  bool committed_ = false;
};

// The prefix of every staging directory of `target` (exposed for tests).
std::string staging_prefix(const std::filesystem::path& target);

}  // namespace routelab
