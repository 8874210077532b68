#include "engine/atomic_output_file.hpp"

#include <cerrno>
#include <cstring>
#include <system_error>

#include "core/errors.hpp"
#include "engine/write_failure.hpp"

namespace routelab {

namespace {

// "cannot write 'FILE': WHY" -- the file the user will look for, never the .partial beside it.
IoError cannot_write(const std::filesystem::path& shown, const std::string& why) {
  return IoError("cannot write '" + shown.string() + "': " + why);
}

}  // namespace

AtomicOutputFile::AtomicOutputFile(OutputFileName name, Parents parents)
    : path_(std::move(name.written)), shown_(std::move(name.shown)), partial_(path_.string() + ".partial") {
  std::error_code ec;
  if (parents == Parents::create && path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path(), ec);
  if (ec) throw cannot_write(shown_, "its directory cannot be created (" + ec.message() + ")");
  errno = 0;
  stream_.open(partial_, std::ios::out | std::ios::trunc | std::ios::binary);
  if (!stream_) throw cannot_write(shown_, errno != 0 ? std::strerror(errno) : "the file cannot be created");
}

AtomicOutputFile::~AtomicOutputFile() {
  if (committed_) return;
  stream_.close();
  std::error_code ec;
  std::filesystem::remove(partial_, ec);
}

void AtomicOutputFile::commit() {
  stream_.close();
  if (!stream_) throw IoError(describe_write_failure(partial_, shown_));
  std::error_code ec;
  std::filesystem::rename(partial_, path_, ec);
  if (ec) throw cannot_write(shown_, "the finished file cannot be moved into place (" + ec.message() + ")");
  committed_ = true;
}

}  // namespace routelab
