#pragma once
// A malformed trace: names the file and the line. It is bad input, like a bad scenario key (the
// CLI exits with 2).
#include <string>

#include "core/errors.hpp"

namespace routelab {

class TraceError : public ConfigError {
 public:
  TraceError(std::string file, int line, const std::string& what)
      : ConfigError(file + ":" + std::to_string(line), what), file_(std::move(file)), line_(line) {}
  const std::string& file() const { return file_; }
  int line() const { return line_; }

 private:
  std::string file_;
  int line_;
};

}  // namespace routelab
