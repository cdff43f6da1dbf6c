// The one validation pipeline for trainers' files: each file is parsed once, then checked
// stage by stage — syntax, schema, semantics (the loader), lints, and across files the twin
// checks — into one ordered list of findings. `chatdrill validate`, the app's Home and its
// hot reload all call this; none of them assembles checks of its own. UI-free, no clock.
//
// Who reports what: the loader owns every value it reads (it must check types to stay safe,
// and its messages carry units and suggestions); the JSON Schema speaks for the rest — the
// `$`-keys the loader skips, and values the loader accepted but the schema does not. So the
// schema is asked not to judge the paths the loader already found fault with, and each
// problem is reported once. A test proves the loader reads exactly the schema's fields.
#pragma once

#include "scenario.h"
#include "shift.h"

#include "scoring/core/diagnostic.h"
#include "scoring/core/json_doc.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chatdrill::engine {

struct ScenarioCheck {
  std::string path;
  std::shared_ptr<const scoring::JsonDoc> doc;  // the file, parsed once; null if unreadable or not JSON
  std::shared_ptr<const Scenario> scenario;     // set when no stage found an error (warnings are fine)
  // syntax -> schema -> semantics -> lint -> twin; within a stage in file order.
  scoring::Diagnostics diagnostics;
};

// The per-file stages (no twin checks: those need the other file, see check_scenarios).
ScenarioCheck check_scenario_text(std::string_view text, const std::string& path);
ScenarioCheck check_scenario_file(const std::string& path);

// The given files and every *.json directly inside the given folders (a `schema/` folder is
// never scanned), sorted by path, each checked once; then the twin checks across them (a twin
// outside the set is read from the scenario's folder). A path that does not exist is an
// entry with a finding.
std::vector<ScenarioCheck> check_scenarios(const std::vector<std::string>& files_or_folders);

// The *.json files directly inside `folder`, sorted (what check_scenarios scans).
std::vector<std::string> json_files_in(const std::string& folder);

// [Stages shared with formats above the engine] (the classroom's exercise files,
// simulator/classroom/checks.h): the same syntax and schema stages, so every format is
// checked one way.

// The syntax stage: the parse of `path` kept once, or its error as the first finding.
struct ParsedFile {
  std::string path;
  std::shared_ptr<const scoring::JsonDoc> doc;  // null when unreadable or not JSON
  scoring::Diagnostics diagnostics;
};
ParsedFile keep_parse(std::string path, scoring::JsonParse parsed);
// Schema findings (at the paths the loader did not already judge), in file order, then the
// loader's own: one list, each problem once.
scoring::Diagnostics schema_then_loader(const scoring::JsonDoc& doc, const std::string& schema_path,
                                        scoring::Diagnostics loader);
// The scenario stages on a file already parsed (check_scenario_file without the read).
ScenarioCheck check_parsed_scenario(std::string path, scoring::JsonParse parsed);
// The twin checks across a set of checked scenarios (as check_scenarios does).
void check_twins(std::vector<ScenarioCheck>& checks);
// A shift file (chatdrill.shift/1) on the same stages: syntax, schema, the shift reader,
// then the scenarios it names (their own findings, and the shift's about them).
struct ShiftCheck {
  std::string path;
  std::shared_ptr<const scoring::JsonDoc> doc;
  std::optional<Shift> shift;                              // set when no stage found an error
  std::vector<std::shared_ptr<const Scenario>> scenarios;  // per chat, when `shift` is set
  scoring::Diagnostics diagnostics;
};
ShiftCheck check_parsed_shift(std::string path, scoring::JsonParse parsed);
ShiftCheck check_shift_text(std::string_view text, const std::string& path);

// The given files and the *.json directly inside the given folders, sorted, once each.
std::vector<std::string> expand_files(const std::vector<std::string>& files_or_folders);

}  // namespace chatdrill::engine
