// `chatdrill validate PATH...`: loads scenario files and folders and prints every finding as
// `file:line:col: path: message` on stderr, a summary on stdout. Exit 0 clean (warnings
// allowed), 1 errors, 2 usage. The checks are the engine's validation pipeline
// (engine/validation.h); this file only reports them and adds the library-wide id check.
#include "cli.h"

#include "scoring/core/paths.h"
#include "simulator/classroom/checks.h"
#include "simulator/classroom/exercise.h"
#include "simulator/engine/library_standard.h"
#include "simulator/engine/scenario_tests.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace chatdrill::cli {

namespace {

constexpr const char* k_validate_usage =
    "usage: chatdrill validate [--run-tests [--library]] PATH...\n"
    "Checks scenario files (chatdrill.scenario/1), exercise files (chatdrill.exercise/1) and shift\n"
    "files (chatdrill.shift/1), with the scenarios they name. A folder means every *.json directly\n"
    "in it (scenarios/shifts/ is a folder of its own).\n"
    "All are checked against their schemas in scenarios/schema/; scenarios are also linted\n"
    "(shadowed intents, words that never match, untested endings, twin drift: warnings).\n"
    "--run-tests plays every scenario's self-tests and prints PASS/FAIL per test.\n"
    "--library also holds each scenario to the bundled library's standard: skills, rated endings,\n"
    "three skilled and two careless runs whose score ranges separate, a recovery, every ending\n"
    "reached, a best path of six customer turns with two variants and a model reply per node.\n"
    "Findings go to stderr as file:line:col: path: message; a summary goes to stdout.\n"
    "Exit 0: no errors (warnings are printed), 1: errors found or a test failed, 2: bad usage.\n";

struct ValidateOptions {
  std::vector<std::string> paths;
  bool run_tests = false;
  bool library = false;  // with run_tests: check the library standard too
};

// Tallies and prints findings as they come.
struct Findings {
  int errors = 0, warnings = 0;
  void add(const scoring::Diagnostic& d) {
    std::fprintf(stderr, "%s\n", d.to_string().c_str());
    (d.severity == scoring::Severity::error ? errors : warnings) += 1;
  }
};

// nullopt when the arguments are fine, else the exit code to return (0 for --help).
std::optional<int> parse_arguments(int argc, char** argv, ValidateOptions& options) {
  for (int i = 0; i < argc; ++i) {
    const char* arg = argv[i];
    if (!std::strcmp(arg, "--help") || !std::strcmp(arg, "-h")) {
      std::fputs(k_validate_usage, stdout);
      return 0;
    }
    if (!std::strcmp(arg, "--run-tests")) {
      options.run_tests = true;
      continue;
    }
    if (!std::strcmp(arg, "--library")) {
      options.library = options.run_tests = true;
      continue;
    }
    if (arg[0] == '-' && arg[1] != '\0') {
      std::fprintf(stderr, "chatdrill validate: unknown option %s\n%s", arg, k_validate_usage);
      return 2;
    }
    options.paths.emplace_back(arg);
  }
  if (options.paths.empty()) {
    std::fputs("chatdrill validate: no files or folders given\n", stderr);
    std::fputs(k_validate_usage, stderr);
    return 2;
  }
  return std::nullopt;
}

// Folders that hold no scenario at all are probably a wrong path.
void report_empty_folders(const ValidateOptions& options, Findings& findings) {
  namespace fs = std::filesystem;
  for (const auto& p : options.paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) continue;
    bool any = false;
    fs::directory_iterator it(p, ec);
    if (ec) {  // an unreadable folder is an error, not an empty library
      findings.add({p, {}, "", "cannot read the folder: " + ec.message()});
      continue;
    }
    for (const auto& e : it) any = any || e.path().extension() == ".json";
    if (!any) findings.add({p, {}, "", "no *.json scenario files in this folder", scoring::Severity::warning});
  }
}

// Ids must be unique across the files checked together (a library).
void check_unique_ids(const std::vector<engine::ScenarioCheck>& checks, Findings& findings) {
  std::map<std::string, std::string> first_file;
  for (const auto& c : checks) {
    if (!c.scenario) continue;
    const auto& id = c.scenario->id;
    auto [it, fresh] = first_file.emplace(id, c.path);
    if (!fresh) findings.add({c.path, {}, "id", "scenario id \"" + id + "\" is also used by " + it->second});
  }
}

// An exercise's own findings, then the scenarios it names; returns 1 if it is valid.
int report_exercise(const classroom::ExerciseCheck& check, Findings& findings) {
  for (const auto& d : check.diagnostics) findings.add(d);
  if (!check.exercise) return 0;
  const auto scenarios = classroom::load_exercise_scenarios(*check.exercise);
  for (const auto& d : scenarios.diagnostics) findings.add(d);
  return !scoring::has_errors(scenarios.diagnostics);
}

// A shift's findings (its own and its scenarios'); returns 1 if it is valid.
int report_shift(const engine::ShiftCheck& check, Findings& findings) {
  for (const auto& d : check.diagnostics) findings.add(d);
  return check.shift.has_value();
}

// Returns 1 if the scenario is valid.
int report_scenario(const engine::ScenarioCheck& check, Findings& findings) {
  for (const auto& d : check.diagnostics) findings.add(d);
  return check.scenario != nullptr;
}

// Plays every loaded scenario's self-tests (and with `library` checks the library standard
// on their runs); returns the number of failed tests plus standard findings.
int run_self_tests(const std::vector<engine::ScenarioCheck>& checks, bool library, Findings& findings) {
  int passed = 0, failed = 0, short_of_standard = 0;
  scoring::Grader grader(scoring::data_root());
  for (const auto& check : checks) {
    if (!check.scenario) continue;
    const auto results = engine::run_scenario_tests(check.scenario, grader);
    for (const auto& result : results) {
      std::printf("%s\n", engine::describe_test_result(result).c_str());
      (result.passed ? passed : failed) += 1;
    }
    if (!library) continue;
    const auto standard = engine::check_library_standard(*check.scenario, results, check.doc.get());
    for (const auto& d : standard) findings.add(d);
    short_of_standard += static_cast<int>(standard.size());
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  if (library) std::printf("library standard: %d finding%s\n", short_of_standard, short_of_standard == 1 ? "" : "s");
  return failed + short_of_standard;
}

}  // namespace

int validate_command(int argc, char** argv) {
  ValidateOptions options;
  if (auto code = parse_arguments(argc, argv, options)) return *code;
  Findings findings;
  report_empty_folders(options, findings);
  const auto checks = classroom::check_files(options.paths);
  int clean = 0;
  for (const auto& exercise : checks.exercises) clean += report_exercise(exercise, findings);
  for (const auto& shift : checks.shifts) clean += report_shift(shift, findings);
  for (const auto& scenario : checks.scenarios) clean += report_scenario(scenario, findings);
  check_unique_ids(checks.scenarios, findings);
  const std::size_t checked = checks.scenarios.size() + checks.exercises.size() + checks.shifts.size();
  std::printf("%zu file%s checked: %d valid, %d error%s, %d warning%s\n", checked, checked == 1 ? "" : "s", clean,
              findings.errors, findings.errors == 1 ? "" : "s", findings.warnings, findings.warnings == 1 ? "" : "s");
  const int failed_tests = options.run_tests ? run_self_tests(checks.scenarios, options.library, findings) : 0;
  return findings.errors > 0 || failed_tests > 0 ? 1 : 0;
}

}  // namespace chatdrill::cli
