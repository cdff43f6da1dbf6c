// Lints for scenarios that load but probably do not behave as their author meant: intents
// that a earlier intent always catches first, words that can never match after the text
// analysis, endings no self-test reaches, and twins (fi/en pairs) whose graphs drifted apart.
// All findings are warnings. Knows the scenario model and text analysis, not the CLI.
#pragma once

#include "scenario.h"

#include "scoring/core/diagnostic.h"
#include "scoring/core/json_doc.h"

namespace chatdrill::engine {

// `doc` is the parsed file the scenario was loaded from (for positions). The twin, if the
// scenario names one, is loaded from the same folder as `scenario.file`.
scoring::Diagnostics lint_scenario(const Scenario& scenario, const scoring::JsonDoc& doc);

// The four lints one by one (lint_scenario runs them all).
scoring::Diagnostics lint_shadowed_intents(const Scenario& scenario, const scoring::JsonDoc& doc);
scoring::Diagnostics lint_dead_words(const Scenario& scenario, const scoring::JsonDoc& doc);
scoring::Diagnostics lint_untested_endings(const Scenario& scenario, const scoring::JsonDoc& doc);
scoring::Diagnostics lint_twin_drift(const Scenario& scenario, const scoring::JsonDoc& doc);

}  // namespace chatdrill::engine
