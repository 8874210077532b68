#include "scenarios/traces/csv_reader.hpp"

namespace routelab {

int CsvReader::get() {
  const int c = input_.get();
  if (c == '\n') ++line_;
  return c;
}

void CsvReader::skip_rest_of_line() {
  for (int c = get(); c != EOF && c != '\n'; c = get()) {
  }
}

CsvReader::Status CsvReader::next(std::vector<std::string>& fields) {
  fields.clear();
  error_.clear();
  record_line_ = line_;
  int c = get();
  if (c == EOF) return Status::end;
  fields.emplace_back();
  for (;;) {
    if (c == '"' && fields.back().empty()) {
      // Quoted field: runs to the closing quote; "" is a literal quote.
      const int opened_on = line_;
      for (;;) {
        c = get();
        if (c == EOF) {
          error_ = "unterminated quoted field (opened on line " + std::to_string(opened_on) + ")";
          return Status::malformed;
        }
        if (c == '"') {
          if (input_.peek() == '"') {
            get();
            fields.back() += '"';
            continue;
          }
          break;
        }
        fields.back() += static_cast<char>(c);
      }
      c = get();
      if (c == '\r' && input_.peek() == '\n') c = get();
      if (c != ',' && c != '\n' && c != EOF) {
        error_ = "unexpected text after a closing quote in field " + std::to_string(fields.size());
        skip_rest_of_line();
        return Status::malformed;
      }
    } else {
      while (c != ',' && c != '\n' && c != EOF) {
        if (c == '\r' && input_.peek() == '\n') {
          c = get();
          break;
        }
        fields.back() += static_cast<char>(c);
        c = get();
      }
    }
    if (c == ',') {
      fields.emplace_back();
      c = get();
      continue;
    }
    return Status::record;  // '\n' or EOF ends the record
  }
}

}  // namespace routelab
