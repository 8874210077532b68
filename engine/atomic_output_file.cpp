#include "engine/atomic_output_file.hpp"

#include <system_error>

#include "core/errors.hpp"
#include "engine/write_failure.hpp"

namespace routelab {

AtomicOutputFile::AtomicOutputFile(std::filesystem::path path, Parents parents)
    : path_(std::move(path)), partial_(path_.string() + ".partial") {
  std::error_code ec;
  if (parents == Parents::create && path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path(), ec);
  if (ec) throw IoError("cannot create directory '" + path_.parent_path().string() + "': " + ec.message());
  stream_.open(partial_, std::ios::out | std::ios::trunc | std::ios::binary);
  if (!stream_) throw IoError("cannot write '" + partial_.string() + "'");
}

AtomicOutputFile::~AtomicOutputFile() {
  if (committed_) return;
  stream_.close();
  std::error_code ec;
  std::filesystem::remove(partial_, ec);
}

void AtomicOutputFile::commit() {
  stream_.close();
  if (!stream_) throw IoError(describe_write_failure(partial_, path_));
  std::error_code ec;
  std::filesystem::rename(partial_, path_, ec);
  if (ec) throw IoError("cannot move '" + partial_.string() + "' into place: " + ec.message());
  committed_ = true;
}

}  // namespace routelab
