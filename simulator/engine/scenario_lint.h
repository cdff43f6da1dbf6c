// Lints for scenarios that load but probably do not behave as their author meant: intents
// that a earlier intent always catches first, words that can never match after the text
// analysis, endings no self-test reaches, and twins (fi/en pairs) whose graphs drifted apart.
// All findings are warnings. Knows the scenario model and text analysis, not the CLI.
#pragma once

#include "scenario.h"

#include "scoring/core/diagnostic.h"
#include "scoring/core/json_doc.h"

namespace chatdrill::engine {

// `doc` is the parsed file the scenario was loaded from (for positions). The lints of one
// file; twin drift needs the twin too (the validation pipeline brings it, validation.h).
scoring::Diagnostics lint_scenario(const Scenario& scenario, const scoring::JsonDoc& doc);

// The per-file lints one by one (lint_scenario runs them all).
scoring::Diagnostics lint_shadowed_intents(const Scenario& scenario, const scoring::JsonDoc& doc);
scoring::Diagnostics lint_dead_words(const Scenario& scenario, const scoring::JsonDoc& doc);
scoring::Diagnostics lint_untested_endings(const Scenario& scenario, const scoring::JsonDoc& doc);

// Where a scenario's twin lives: <twin>.json in the scenario's folder.
std::string twin_file(const Scenario& scenario);
// `twin` is the loaded twin, or null when twin_file(scenario) does not exist. (A twin file
// that does not load has findings of its own; do not call this then.)
scoring::Diagnostics lint_twin_drift(const Scenario& scenario, const scoring::JsonDoc& doc, const Scenario* twin);

}  // namespace chatdrill::engine
