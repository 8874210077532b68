#pragma once
// An RFC 4180 CSV record reader over text in memory: fields separated by commas, optionally
// quoted; inside quotes, commas, line breaks and doubled quotes ("") are data. Tracks the line
// each record starts on, so callers can name it in errors. A malformed record (text after a
// closing quote) is reported and skipped to the end of its line; an unterminated quote runs to
// the end of the input.
#include <string>
#include <string_view>
#include <vector>

namespace routelab {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}

  enum class Status { record, malformed, end };

  // Reads the next record into `fields`. On `malformed`, error() says why; reading can go on.
  Status next(std::vector<std::string>& fields);
  int record_line() const { return record_line_; }  // 1-based line where the last record started
  const std::string& error() const { return error_; }

 private:
  static constexpr int kEnd = -1;
  int get();
  int peek() const { return position_ < text_.size() ? static_cast<unsigned char>(text_[position_]) : kEnd; }
  void skip_rest_of_line();

  std::string_view text_;
  std::size_t position_ = 0;
  int line_ = 1;
  int record_line_ = 0;
  std::string error_;
};

}  // namespace routelab
