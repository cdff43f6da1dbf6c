// Loading and validating scenario files (`chatdrill.scenario/1`, docs/scenario-format.md):
// every problem is a located diagnostic, all gathered. A scenario that loads without
// errors is safe to run: the runtime relies on the checks made here. UI-free.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "scenario.h"
#include "scoring/core/diagnostic.h"
#include "scoring/core/json_doc.h"

namespace chatdrill::engine {

struct ScenarioLoad {
  std::shared_ptr<const Scenario> scenario;  // null when there are errors (warnings are fine)
  scoring::Diagnostics diagnostics;
};

ScenarioLoad load_scenario(const std::string& path);
ScenarioLoad load_scenario_doc(const scoring::JsonDoc& doc);

// The loader is the semantics stage of the validation pipeline (validation.h), which is
// what lists and checks whole files and folders.

// The bundled scenario file for an id (data_path("scenarios")/<id>.json), if it exists.
std::optional<std::string> find_bundled_scenario(const std::string& id);

// True for ids of the form [a-z0-9-]+ (scenario ids, file name stems).
bool is_valid_scenario_id(const std::string& id);

}  // namespace chatdrill::engine
