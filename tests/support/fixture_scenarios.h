// Scenario texts shared by several test rooms (engine, cli): one copy of the small valid
// scenario that tests edit to provoke one finding at a time. Test support only; knows the
// scenario format, nothing about any room's code.
#pragma once

#include <doctest/doctest.h>

#include <string>

namespace chatdrill::test {

// A small valid scenario. Its layout is part of the contract: tests assert line:col of
// findings in edited copies (e.g. the "goto" of nodes.start is at line 10, column 92).
inline const std::string k_base_scenario = R"({
  "format": "chatdrill.scenario/1",
  "id": "t",
  "title": "T",
  "language": "fi",
  "persona": {"name": "Raija Virtanen", "archetype": "neutral"},
  "fallback": ["Anteeksi?"],
  "start": "start",
  "nodes": {
    "start": {"say": ["Hei."], "expect": [{"intent": "yes", "keywords": ["kyllä"], "goto": "done"}]},
    "done": {"say": ["Kiitos."], "end": {"outcome": "resolved"}}
  }
})";

// `text` with the first `from` replaced by `to` (fails the test if `from` is absent).
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "test text lacks: " << from);
  text.replace(at, from.size(), to);
  return text;
}

}  // namespace chatdrill::test
