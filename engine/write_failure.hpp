#pragma once
// Why writing a file failed, for messages. A stream that failed keeps no errno (it may have
// failed on a buffer flush long before it was checked), so the likely causes are looked up:
// a full file system, the process's file size limit (ulimit -f), else a generic write error.
#include <filesystem>
#include <string>

namespace routelab {

// "writing 'FILE' failed: the file system is full" and the like.
std::string describe_write_failure(const std::filesystem::path& written, const std::filesystem::path& named);

}  // namespace routelab
