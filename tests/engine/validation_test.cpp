// The validation pipeline (engine/validation.h): one parse per file, stages in order, each
// problem reported once by the stage that owns it (exercise files: tests/classroom/checks_test.cpp).
#include "engine_test_support.h"

#include "simulator/engine/validation.h"

#include <filesystem>
#include <fstream>

using namespace chatdrill;
using namespace chatdrill::engine;
using namespace chatdrill::engine::test;

namespace fs = std::filesystem;

TEST_CASE("validation: the pipeline works from the text it is given and keeps the one parse") {
  // No such file on disk: a stage that read the file again would report it missing.
  const std::string file = (fs::path(CHATDRILL_TEST_TMP) / "not-written" / "t.json").string();
  const auto check = check_scenario_text(k_base_scenario, file);
  CHECK_MESSAGE(!scoring::has_errors(check.diagnostics), all_of(check.diagnostics));
  REQUIRE(check.doc);
  REQUIRE(check.scenario);
  CHECK(check.doc->file == file);
  CHECK(check.scenario->file == file);
  for (const auto& d : check.diagnostics) CHECK(d.message.find("cannot") == std::string::npos);
}

TEST_CASE("validation: a schema error and a semantic error are each reported once, schema first") {
  std::string text = replaced(k_base_scenario, R"("id": "t",)", R"("id": "t", "$schema": 5, "difficulty": 9,)");
  text = replaced(text, R"("goto": "done")", R"("goto": "dnoe")");
  const auto check = check_scenario_text(text, "t.json");
  CAPTURE(all_of(check.diagnostics));
  CHECK_FALSE(check.scenario);
  CHECK(count_at(check.diagnostics, "$schema") == 1);                     // only the schema knows $ keys
  CHECK(count_at(check.diagnostics, "difficulty") == 1);                  // both judge it: the loader speaks
  CHECK(count_at(check.diagnostics, "nodes.start.expect[0].goto") == 1);  // semantics: the loader
  REQUIRE(check.diagnostics.size() == 3);
  CHECK(check.diagnostics[0].path == "$schema");
  CHECK(check.diagnostics[0].message == "must be a string, not a number");
  CHECK(check.diagnostics[2].message.find("unknown node \"dnoe\"") != std::string::npos);
}

TEST_CASE("validation: syntax errors stop the pipeline with one located finding") {
  const auto check = check_scenario_text("{\"format\": \"chatdrill.scenario/1\",\n  \"id\": 5,}\n", "b.json");
  REQUIRE(check.diagnostics.size() == 1);
  CHECK(check.diagnostics[0].to_string().find("b.json:2:11: JSON syntax: trailing comma") == 0);
  CHECK_FALSE(check.doc);
  CHECK_FALSE(check.scenario);
}
