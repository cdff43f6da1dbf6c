// `chatdrill validate PATH...`: loads scenario files and folders and prints every finding as
// `file:line:col: path: message` on stderr, a summary on stdout. Exit 0 clean (warnings
// allowed), 1 errors, 2 usage. Checks live in the engine's loader; this file only reports.
#include "cli.h"

#include "simulator/engine/exercise.h"
#include "simulator/engine/scenario_lint.h"
#include "simulator/engine/scenario_loader.h"
#include "simulator/engine/scenario_tests.h"
#include "simulator/engine/schema_check.h"

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
    "usage: chatdrill validate [--run-tests] PATH...\n"
    "Checks scenario files (chatdrill.scenario/1) and exercise files (chatdrill.exercise/1, with\n"
    "the scenarios they name). A folder means every *.json directly in it.\n"
    "Scenarios are also checked against scenarios/schema/scenario.schema.json and linted\n"
    "(shadowed intents, words that never match, untested endings, twin drift: warnings).\n"
    "--run-tests plays every scenario's self-tests and prints PASS/FAIL per test.\n"
    "Findings go to stderr as file:line:col: path: message; a summary goes to stdout.\n"
    "Exit 0: no errors (warnings are printed), 1: errors found or a test failed, 2: bad usage.\n";

struct ValidateOptions {
  std::vector<std::string> paths;
  bool run_tests = false;
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
    if (!std::strcmp(arg, "--help") || !std::strcmp(arg, "-h")) { std::fputs(k_validate_usage, stdout); return 0; }
    if (!std::strcmp(arg, "--run-tests")) { options.run_tests = true; continue; }
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
void check_unique_ids(const std::vector<engine::LibraryEntry>& entries, Findings& findings) {
  std::map<std::string, std::string> first_file;
  for (const auto& e : entries) {
    if (!e.load.scenario) continue;
    const auto& id = e.load.scenario->id;
    auto [it, fresh] = first_file.emplace(id, e.path);
    if (!fresh)
      findings.add({e.path, {}, "id", "scenario id \"" + id + "\" is also used by " + it->second});
  }
}

// Exercise files (told apart by their "format") are checked by the exercise loader, the rest
// go on to the scenario scan. Folders are expanded so an exercise inside one is found too.
std::vector<std::string> take_exercises(std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> files, exercises;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) { files.push_back(p); continue; }
    std::vector<std::string> inside;
    for (const auto& e : fs::directory_iterator(p, ec))
      if (e.path().extension() == ".json" && e.is_regular_file(ec)) inside.push_back(e.path().string());
    std::sort(inside.begin(), inside.end());
    files.insert(files.end(), inside.begin(), inside.end());
  }
  paths.clear();
  for (auto& f : files) {
    const auto parsed = scoring::parse_json_file(f);
    const bool exercise = parsed.doc && parsed.doc->root.is_object() &&
                          parsed.doc->root.value("format", scoring::Json()) == engine::k_exercise_format;
    (exercise ? exercises : paths).push_back(std::move(f));
  }
  return exercises;
}

// Returns the number of valid exercises.
int check_exercises(const std::vector<std::string>& files, Findings& findings) {
  int clean = 0;
  for (const auto& f : files) {
    const auto load = engine::load_exercise(f);
    for (const auto& d : load.diagnostics) findings.add(d);
    if (!load.exercise) continue;
    const auto scenarios = engine::load_exercise_scenarios(*load.exercise);
    for (const auto& d : scenarios.diagnostics) findings.add(d);
    clean += !scoring::has_errors(scenarios.diagnostics);
  }
  return clean;
}

// The loader's findings, the schema's and the lints' for one scenario file; true if no errors.
bool check_scenario_file(const engine::LibraryEntry& entry, Findings& findings) {
  const auto parsed = scoring::parse_json_file(entry.path);
  scoring::Diagnostics schema;
  if (parsed.doc) schema = engine::check_schema(*parsed.doc, engine::scenario_schema_path());
  auto all = engine::merge_findings(entry.load.diagnostics, schema);
  if (entry.load.scenario && parsed.doc)
    for (auto& d : engine::lint_scenario(*entry.load.scenario, *parsed.doc)) all.push_back(std::move(d));
  for (const auto& d : all) findings.add(d);
  return entry.load.scenario && !scoring::has_errors(all);
}

// Plays every loaded scenario's self-tests; returns the number that failed.
int run_self_tests(const std::vector<engine::LibraryEntry>& entries) {
  int passed = 0, failed = 0;
  for (const auto& entry : entries) {
    if (!entry.load.scenario) continue;
    for (const auto& result : engine::run_scenario_tests(entry.load.scenario)) {
      std::printf("%s\n", engine::describe_test_result(result).c_str());
      (result.passed ? passed : failed) += 1;
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed;
}

}  // namespace

int validate_command(int argc, char** argv) {
  ValidateOptions options;
  if (auto code = parse_arguments(argc, argv, options)) return *code;
  Findings findings;
  report_empty_folders(options, findings);
  const auto exercises = take_exercises(options.paths);
  int clean = check_exercises(exercises, findings);
  const auto entries = options.paths.empty() ? std::vector<engine::LibraryEntry>{} : engine::scan_scenarios(options.paths);
  for (const auto& entry : entries) clean += check_scenario_file(entry, findings);
  check_unique_ids(entries, findings);
  const std::size_t checked = entries.size() + exercises.size();
  std::printf("%zu file%s checked: %d valid, %d error%s, %d warning%s\n", checked, checked == 1 ? "" : "s", clean, findings.errors, findings.errors == 1 ? "" : "s",
              findings.warnings, findings.warnings == 1 ? "" : "s");
  const int failed_tests = options.run_tests ? run_self_tests(entries) : 0;
  return findings.errors > 0 || failed_tests > 0 ? 1 : 0;
}

}  // namespace chatdrill::cli
