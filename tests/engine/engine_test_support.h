// Helpers for the engine room's tests: the shared small scenario (tests/support), where-is-this-text
// lookups for exact line:col checks, and finding a diagnostic by its JSON path.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "scoring/core/json_doc.h"
#include "simulator/engine/scenario_loader.h"
#include "support/fixture_scenarios.h"

namespace chatdrill::engine::test {

// The small valid scenario and the edit helper are shared with the cli tests.
using chatdrill::test::k_base_scenario;
using chatdrill::test::replaced;

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
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++p.col;
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

// Every diagnostic, one per line (for failure messages).
inline std::string all_of(const scoring::Diagnostics& ds) {
  std::string out;
  for (const auto& d : ds) out += "\n  " + d.to_string();
  return out;
}

// How many diagnostics are at `path`.
inline int count_at(const scoring::Diagnostics& ds, const std::string& path) {
  int n = 0;
  for (const auto& d : ds) n += d.path == path;
  return n;
}

// The one diagnostic at `path`; fails when there is none.
inline scoring::Diagnostic diag_at(const ScenarioLoad& load, const std::string& path) {
  for (const auto& d : load.diagnostics)
    if (d.path == path) return d;
  FAIL("no diagnostic at " << path << "; got:" << all_of(load.diagnostics));
  return {};
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace chatdrill::engine::test
