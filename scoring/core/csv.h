// RFC 4180 CSV: records separated by line breaks (CRLF or LF), fields by commas; a field in
// double quotes may hold commas, line breaks and doubled quotes (""). For calibration data
// and imports; knows nothing of what the columns mean.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chatdrill::scoring {

struct CsvTable {
  std::vector<std::string> header;             // the first record
  std::vector<std::vector<std::string>> rows;  // the others, each as long as the header
  std::vector<std::size_t> row_lines;          // the line each row starts on (1-based; the header is line 1 or later)
  int column(std::string_view name) const;     // -1 when absent
};

// Reads records one at a time from a stream, so a large export never sits in memory whole.
// A blank line is no record; a byte-order mark at the start is skipped.
class CsvReader {
 public:
  // `max_field_bytes`: a longer field is an error (most likely a quote that never closes).
  explicit CsvReader(std::istream& in, std::size_t max_field_bytes = std::size_t{1} << 20);
  // The next record; false at the end of the input or on an error (then error() says
  // "line 12: ..." and stays set).
  bool next(std::vector<std::string>& fields);
  std::size_t record_line() const { return record_line_; }  // where the last record began
  const std::string& error() const { return error_; }

 private:
  std::streambuf* in_;
  std::size_t max_field_;
  std::size_t line_ = 1, record_line_ = 1;
  bool started_ = false;
  std::string error_;
};

// Nullopt with `error` ("line 12: ...") on a quote that does not close, text after a
// closing quote, or a record with another number of fields than the header.
std::optional<CsvTable> parse_csv(std::string_view text, std::string& error);

}  // namespace chatdrill::scoring
