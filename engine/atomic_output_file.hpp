#pragma once
// An output file that appears only complete: written as "<path>.partial" and renamed into place
// by commit(); destroyed uncommitted, it removes the partial file.
#include <filesystem>
#include <fstream>

namespace routelab {

// The file to write and the name every error message gives it. They differ for a part of a file
// that is assembled later (cli/comparison_exports.hpp joins each run's part of windows.csv):
// the user knows the file they asked for, not its parts, so a failure names that file.
struct OutputFileName {
  OutputFileName(std::filesystem::path path) : written(path), shown(std::move(path)) {}  // implicit: a plain file
  OutputFileName(std::filesystem::path written_path, std::filesystem::path shown_as)
      : written(std::move(written_path)), shown(std::move(shown_as)) {}

  std::filesystem::path written;
  std::filesystem::path shown;
};

class AtomicOutputFile {
 public:
  // Exports into a run directory create it; a single file named by the user (a model, a route
  // dump) must go into an existing directory, so a typo in its path is an error, not a new tree.
  enum class Parents { create, must_exist };

  explicit AtomicOutputFile(OutputFileName name, Parents parents = Parents::create);  // throws IoError
  ~AtomicOutputFile();
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

  std::ofstream& stream() { return stream_; }
  const std::filesystem::path& path() const { return path_; }
  void commit();  // closes and renames into place; throws IoError on failure, naming name.shown

 private:
  std::filesystem::path path_;
  std::filesystem::path shown_;
  std::filesystem::path partial_;
  std::ofstream stream_;
  bool committed_ = false;
};

}  // namespace routelab
