#pragma once
// An output file that appears only complete: written as "<path>.partial" and renamed into place
// by commit(); destroyed uncommitted, it removes the partial file.
#include <filesystem>
#include <fstream>

namespace routelab {

class AtomicOutputFile {
 public:
  // Exports into a run directory create it; a single file named by the user (a model, a route
  // dump) must go into an existing directory, so a typo in its path is an error, not a new tree.
  enum class Parents { create, must_exist };

  explicit AtomicOutputFile(std::filesystem::path path, Parents parents = Parents::create);  // throws IoError
  ~AtomicOutputFile();
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

  std::ofstream& stream() { return stream_; }
  const std::filesystem::path& path() const { return path_; }
  void commit();  // closes and renames into place; throws IoError on failure

 private:
  std::filesystem::path path_;
  std::filesystem::path partial_;
  std::ofstream stream_;
  bool committed_ = false;
};

}  // namespace routelab
