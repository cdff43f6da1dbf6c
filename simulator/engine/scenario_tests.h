// Self-tests of a scenario (its `tests` list): each scripted trainee is played in virtual
// time against a fresh Session and the run is checked against the test's expectations
// (outcome, nodes reached, score ranges). No clock, no files; printing is the caller's.
#pragma once

#include "scenario.h"

#include "scoring/grade.h"
#include "scoring/transcript.h"

#include <memory>
#include <string>
#include <vector>

namespace chatdrill::engine {

struct ScenarioTestResult {
  std::string scenario;  // scenario id
  std::string name;      // test name
  bool passed = false;
  std::vector<std::string> failures;  // one sentence per broken expectation
  std::string outcome;                // how the run ended ("" if it never did)
  std::vector<std::string> reached;   // nodes the customer spoke from, in order, without repeats
  scoring::Transcript transcript;
};

// Sessions run until they finish or virtual time passes this many seconds.
inline constexpr double k_test_time_cap = 4 * 3600.0;

// Every scripted test, then each intent's examples (a result per intent with examples).
// `grader` grades the runs whose test expects scores.
std::vector<ScenarioTestResult> run_scenario_tests(const std::shared_ptr<const Scenario>& scenario,
                                                   scoring::Grader& grader);
// Each intent's "examples" must read as that intent at its node, its "counter_examples" not.
std::vector<ScenarioTestResult> run_intent_examples(const std::shared_ptr<const Scenario>& scenario);
ScenarioTestResult run_scenario_test(const std::shared_ptr<const Scenario>& scenario, const ScenarioTest& test,
                                     scoring::Grader& grader);

// `PASS id/name`, or `FAIL id/name: reason; reason` followed by the run's transcript, one
// indented line per message.
std::string describe_test_result(const ScenarioTestResult& result);

}  // namespace chatdrill::engine
