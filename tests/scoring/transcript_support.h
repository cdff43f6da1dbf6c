// The transcript tests' shared helpers: a transcript read from JSON text (named t.json in
// diagnostics) and its diagnostics as lines, for failure messages. Test-only.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "scoring/core/json_doc.h"
#include "scoring/transcript.h"

namespace chatdrill::scoring::test {

inline TranscriptLoad load(const std::string& text) {
  auto parsed = parse_json(text, "t.json");
  REQUIRE(parsed.doc);
  return transcript_from_doc(*parsed.doc);
}

inline std::string errors(const TranscriptLoad& l) {
  std::string out;
  for (const auto& d : l.diagnostics) out += d.to_string() + "\n";
  return out;
}

}  // namespace chatdrill::scoring::test
