// Exercise files on the engine's validation pipeline (classroom/checks.h): the schema stage
// with locations, each problem once, and `check_files` sorting trainer files by format.
#include "engine/engine_test_support.h"

#include "simulator/classroom/checks.h"

#include <filesystem>
#include <fstream>

using namespace chatdrill;
using namespace chatdrill::classroom;
using namespace chatdrill::engine::test;

namespace fs = std::filesystem;

TEST_CASE("checks: exercises get their schema check, located, and unknown fields once") {
  const std::string text =
      "{\"$schema\": 5, \"format\": \"chatdrill.exercise/1\", \"title\": \"x\",\n"
      " \"scenarios\": [\"impatient-customer-fi\"], \"sede\": 3, \"seed\": \"one\"}\n";
  const auto check = check_exercise_text(text, "ex.json");
  CAPTURE(all_of(check.diagnostics));
  CHECK_FALSE(check.exercise);
  REQUIRE(count_at(check.diagnostics, "$schema") == 1);
  for (const auto& d : check.diagnostics)
    if (d.path == "$schema") CHECK(d.to_string() == "ex.json:1:13: $schema: must be a string, not a number");
  CHECK(count_at(check.diagnostics, "sede") == 1);
  CHECK(count_at(check.diagnostics, "seed") == 1);
  const auto clean =
      check_exercise_file((fs::path(CHATDRILL_SOURCE_DIR) / "scenarios/exercises/basics-fi.json").string());
  CHECK_MESSAGE(clean.diagnostics.empty(), all_of(clean.diagnostics));
  CHECK(clean.exercise);
}

TEST_CASE("checks: check_files tells exercises from scenarios by their format") {
  const auto dir = fs::path(CHATDRILL_TEST_TMP) / "validation-files";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "t.json") << k_base_scenario;
  std::ofstream(dir / "ex.json") << R"({"format": "chatdrill.exercise/1", "title": "x", "scenarios": ["t.json"]})";
  const auto checks = check_files({dir.string()});
  REQUIRE(checks.scenarios.size() == 1);
  REQUIRE(checks.exercises.size() == 1);
  CHECK(checks.scenarios[0].scenario);
  CHECK_MESSAGE(checks.exercises[0].exercise, all_of(checks.exercises[0].diagnostics));
}
