#include "scenarios/traces/csv_reader.hpp"

#include <algorithm>

namespace routelab {

int CsvReader::get() {
  if (position_ >= text_.size()) return kEnd;
  const int c = static_cast<unsigned char>(text_[position_++]);
  if (c == '\n') ++line_;
  return c;
}

void CsvReader::skip_rest_of_line() {
  for (int c = get(); c != kEnd && c != '\n'; c = get()) {
  }
}

CsvReader::Status CsvReader::next(std::vector<std::string>& fields) {
  fields.clear();
  error_.clear();
  record_line_ = line_;
  int c = get();
  if (c == kEnd) return Status::end;
  fields.emplace_back();
  for (;;) {
    if (c == '"' && fields.back().empty()) {
      // Quoted field: runs to the closing quote; "" is a literal quote.
      const int opened_on = line_;
      for (;;) {
        c = get();
        if (c == kEnd) {
          error_ = "unterminated quoted field (opened on line " + std::to_string(opened_on) + ")";
          return Status::malformed;
        }
        if (c == '"') {
          if (peek() == '"') {
            get();
            fields.back() += '"';
            continue;
          }
          break;
        }
        // Take the run up to the next quote at once (counting the line breaks in it).
        const std::size_t stop = std::min(text_.find('"', position_), text_.size());
        const std::string_view run = text_.substr(position_, stop - position_);
        fields.back() += static_cast<char>(c);
        fields.back() += run;
        line_ += static_cast<int>(std::count(run.begin(), run.end(), '\n'));
        position_ = stop;
      }
      c = get();
      if (c == '\r' && peek() == '\n') c = get();
      if (c != ',' && c != '\n' && c != kEnd) {
        error_ = "unexpected text after a closing quote in field " + std::to_string(fields.size());
        skip_rest_of_line();
        return Status::malformed;
      }
    } else {
      while (c != ',' && c != '\n' && c != kEnd) {
        if (c == '\r' && peek() == '\n') {
          c = get();
          break;
        }
        // Take the run of ordinary characters at once.
        const std::size_t stop = std::min(text_.find_first_of(",\n\r", position_), text_.size());
        fields.back() += static_cast<char>(c);
        fields.back() += text_.substr(position_, stop - position_);
        position_ = stop;
        c = get();
      }
    }
    if (c == ',') {
      fields.emplace_back();
      c = get();
      continue;
    }
    return Status::record;  // '\n' or kEnd ends the record
  }
}

}  // namespace routelab
