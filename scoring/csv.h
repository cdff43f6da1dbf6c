// RFC 4180 CSV: records separated by line breaks (CRLF or LF), fields by commas; a field in
// double quotes may hold commas, line breaks and doubled quotes (""). For calibration data
// and imports; knows nothing of what the columns mean.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chatdrill::scoring {

struct CsvTable {
  std::vector<std::string> header;             // the first record
  std::vector<std::vector<std::string>> rows;  // the others, each as long as the header
  int column(std::string_view name) const;     // -1 when absent
};

// Nullopt with `error` ("line 12: ...") on a quote that does not close, text after a
// closing quote, or a record with another number of fields than the header.
std::optional<CsvTable> parse_csv(std::string_view text, std::string& error);

}  // namespace chatdrill::scoring
