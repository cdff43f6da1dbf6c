// Line by line through a JSON-lines text (journals, replies files), numbered for located
// errors, telling a torn last line (no newline: what a crash leaves) from a whole one.
#pragma once

#include "scoring/core/json_doc.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace chatdrill::engine {

struct TextLine {
  std::string_view text;  // without its newline
  int number = 0;         // from 1
  bool complete = false;  // a newline ended it
};

// The line at `begin` into `line` (and `begin` past it); false at the end of the text.
inline bool next_line(std::string_view text, std::size_t& begin, TextLine& line) {
  if (begin >= text.size()) return false;
  const std::size_t nl = text.find('\n', begin);
  line.complete = nl != std::string_view::npos;
  line.text = text.substr(begin, (line.complete ? nl : text.size()) - begin);
  begin = line.complete ? nl + 1 : text.size();
  ++line.number;
  return true;
}

// Each non-blank line of a JSON-lines file (replies files) read as its own document:
// `read(doc, line_number, found)` reads one; what it and the parser find goes to `out`,
// located at that line of the file.
template <class Read>
void read_json_lines(std::string_view text, const std::string& file, scoring::Diagnostics& out, Read read) {
  std::size_t begin = 0;
  for (TextLine tl; next_line(text, begin, tl);) {
    if (tl.text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    scoring::Diagnostics found;
    auto parsed = scoring::parse_json(tl.text, file);
    if (!parsed.doc) found.push_back(*parsed.error);
    else read(*parsed.doc, tl.number, found);
    for (auto& d : found) {
      d.pos.line = tl.number;  // each line is its own one-line document
      if (d.pos.col == 0) d.pos.col = 1;
      out.push_back(std::move(d));
    }
  }
}

}  // namespace chatdrill::engine
