// The library standard (issue "a scenario library as deep as real chats"): what a bundled
// scenario must prove with its self-tests beyond passing them. Checked by
// `chatdrill validate --run-tests --library`; a trainer's own scenario need not meet it.
//   - it says which skills it trains, and every ending has a rating;
//   - the best ending (highest rating) is reached by at least three skilled runs and missed
//     by at least two careless ones, each with an overall score range, and the ranges
//     separate them (every careless high below every skilled low);
//   - one best-ending run recovers from a mistake (a fallback, a built-in reaction such
//     as a bounce or blame, or a negative intent) and one run sends no reply at all;
//   - every ending is reached by some test;
//   - every skilled run has at least k_min_customer_turns customer turns before the ending,
//     every node on it at least two variant lines, every non-ending node on it a model reply.
#pragma once

#include <memory>
#include <vector>

#include "scenario.h"
#include "scenario_tests.h"
#include "scoring/core/diagnostic.h"
#include "scoring/core/json_doc.h"

namespace chatdrill::engine {

inline constexpr int k_min_customer_turns = 6;
inline constexpr int k_min_skilled_runs = 3;
inline constexpr int k_min_careless_runs = 2;

// The outcome of the ending with the highest rating (its own, else the outcome's default;
// the first in the file on a tie); "" when no ending has one.
std::string best_outcome(const Scenario& scenario);

// Customer lines that wanted an answer in a run: customer messages said before the ending.
int customer_turns(const Scenario& scenario, const scoring::Transcript& run);

// Findings (errors) for everything the scenario misses of the standard; `results` are its
// self-test runs (run_scenario_tests). `doc`, the file as validation parsed it, locates
// them (null: by path only).
scoring::Diagnostics check_library_standard(const Scenario& scenario, const std::vector<ScenarioTestResult>& results,
                                            const scoring::JsonDoc* doc);

}  // namespace chatdrill::engine
