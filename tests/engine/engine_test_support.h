// Helpers for the engine room's tests: small scenarios written inline, where-is-this-text
// lookups for exact line:col checks, and finding a diagnostic by its JSON path.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "scoring/json_doc.h"
#include "simulator/engine/scenario_loader.h"

namespace chatdrill::engine::test {

// A small valid scenario; tests replace parts of it to provoke one finding at a time.
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

// 1-based line and column (in code points) of the first occurrence of `needle`.
inline scoring::SourcePos pos_of(const std::string& text, const std::string& needle, std::size_t nth = 0) {
  auto at = text.find(needle);
  for (std::size_t k = 0; k < nth && at != std::string::npos; ++k) at = text.find(needle, at + 1);
  REQUIRE_MESSAGE(at != std::string::npos, "text lacks: " << needle);
  scoring::SourcePos p{1, 1};
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
      ++p.col;
  }
  return p;
}

inline ScenarioLoad load_text(const std::string& text, const std::string& file = "t.json") {
  auto parsed = scoring::parse_json(text, file);
  if (!parsed.doc) return ScenarioLoad{nullptr, {*parsed.error}};
  return load_scenario_doc(*parsed.doc);
}

inline std::shared_ptr<const Scenario> must_load(const std::string& text) {
  auto load = load_text(text);
  for (const auto& d : load.diagnostics) MESSAGE(d.to_string());
  REQUIRE(load.scenario);
  return load.scenario;
}

// The one diagnostic at `path`; fails when there is none.
inline scoring::Diagnostic diag_at(const ScenarioLoad& load, const std::string& path) {
  for (const auto& d : load.diagnostics)
    if (d.path == path) return d;
  std::string all;
  for (const auto& d : load.diagnostics) all += "\n  " + d.to_string();
  FAIL("no diagnostic at " << path << "; got:" << all);
  return {};
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace chatdrill::engine::test
