// RFC 4180 CSV reader; see csv.h.
#include "csv.h"

#include <fmt/format.h>

namespace chatdrill::scoring {

int CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

std::optional<CsvTable> parse_csv(std::string_view text, std::string& error) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte-order mark from a spreadsheet
  CsvTable table;
  std::vector<std::string> record;
  std::string field;
  std::size_t line = 1, record_line = 1;
  bool quoted = false, after_quote = false, any = false;
  auto end_record = [&]() -> bool {
    record.push_back(std::move(field));
    field.clear();
    if (table.header.empty()) table.header = std::move(record);
    else if (record.size() != table.header.size()) {
      error = fmt::format("line {}: {} fields, the header has {}", record_line, record.size(), table.header.size());
      return false;
    } else table.rows.push_back(std::move(record));
    record.clear();
    after_quote = any = false;
    return true;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false, after_quote = true;
      else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      after_quote = false;
      any = true;
    } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      if (c == '\r') ++i;
      if (!any && field.empty() && record.empty() && !after_quote) {  // a blank line
        record_line = ++line;
        continue;
      }
      if (!end_record()) return std::nullopt;
      record_line = ++line;
    } else if (after_quote) {
      error = fmt::format("line {}: text after a closing quote", line);
      return std::nullopt;
    } else if (c == '"' && field.empty()) {
      quoted = true;
      any = true;
    } else {
      field += c;  // a quote inside an unquoted field is kept as written
      any = true;
    }
  }
  if (quoted) {
    error = fmt::format("line {}: a quoted field does not close", record_line);
    return std::nullopt;
  }
  if ((any || !field.empty() || !record.empty() || after_quote) && !end_record()) return std::nullopt;
  return table;
}

}  // namespace chatdrill::scoring
