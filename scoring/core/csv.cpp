// RFC 4180 CSV reader; see csv.h.
#include "csv.h"

#include <fmt/format.h>

#include <sstream>

namespace chatdrill::scoring {

int CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

CsvReader::CsvReader(std::istream& in, std::size_t max_field_bytes) : in_(in.rdbuf()), max_field_(max_field_bytes) {}

bool CsvReader::next(std::vector<std::string>& record) {
  using traits = std::char_traits<char>;
  record.clear();
  if (!error_.empty() || !in_) return false;
  if (!started_) {  // a byte-order mark from a spreadsheet
    started_ = true;
    if (in_->sgetc() == 0xEF) {
      in_->sbumpc();
      if (in_->sbumpc() != 0xBB || in_->sbumpc() != 0xBF) {
        error_ = "line 1: the file starts with a broken byte-order mark";
        return false;
      }
    }
  }
  record_line_ = line_;
  std::string field;
  bool quoted = false, after_quote = false, any = false;
  const auto fail = [&](std::string message) {
    error_ = std::move(message);
    return false;
  };
  for (;;) {
    const int got = in_->sbumpc();
    if (got == traits::eof()) break;
    const char c = traits::to_char_type(got);
    if (field.size() >= max_field_)
      return fail(fmt::format("line {}: a field longer than {} bytes (a quote that does not close?)", record_line_,
                              max_field_));
    if (quoted) {
      if (c == '"' && in_->sgetc() == '"') field += '"', in_->sbumpc();
      else if (c == '"') quoted = false, after_quote = true;
      else {
        if (c == '\n') ++line_;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      after_quote = false;
      any = true;
    } else if (c == '\n' || (c == '\r' && in_->sgetc() == '\n')) {
      if (c == '\r') in_->sbumpc();
      if (!any && field.empty() && record.empty() && !after_quote) {  // a blank line
        record_line_ = ++line_;
        continue;
      }
      record.push_back(std::move(field));
      ++line_;  // the next record begins on the next line; record_line_ stays this one's until then
      return true;
    } else if (after_quote) {
      return fail(fmt::format("line {}: text after a closing quote", line_));
    } else if (c == '"' && field.empty()) {
      quoted = true;
      any = true;
    } else {
      field += c;  // a quote inside an unquoted field is kept as written
      any = true;
    }
  }
  if (quoted) return fail(fmt::format("line {}: a quoted field does not close", record_line_));
  if (any || !field.empty() || !record.empty() || after_quote) {
    record.push_back(std::move(field));
    in_ = nullptr;  // the end: the next call returns false
    return true;
  }
  return false;
}

std::optional<CsvTable> parse_csv(std::string_view text, std::string& error) {
  std::istringstream in{std::string(text)};
  CsvReader reader(in, text.size() + 1);
  CsvTable table;
  std::vector<std::string> record;
  while (reader.next(record)) {
    if (table.header.empty()) {
      table.header = std::move(record);
    } else if (record.size() != table.header.size()) {
      error = fmt::format("line {}: {} fields, the header has {}", reader.record_line(), record.size(),
                          table.header.size());
      return std::nullopt;
    } else {
      table.rows.push_back(std::move(record));
      table.row_lines.push_back(reader.record_line());
    }
  }
  if (!reader.error().empty()) {
    error = reader.error();
    return std::nullopt;
  }
  return table;
}

}  // namespace chatdrill::scoring
