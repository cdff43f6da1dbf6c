// The exercise's "show_customer_state" (issue 15, part 5): unset, each scenario decides;
// true or false, it decides for every scenario of the exercise. A wrong type is located.
#include "simulator/classroom/exercise.h"

#include "helpers.h"
#include "simulator/engine/scenario.h"

using namespace chatdrill;
using namespace classroom_test;

namespace {

classroom::ExerciseLoad load_with(const std::string& name, const std::string& field) {
  const std::string dir = scratch(name);
  const std::string path = (fs::path(dir) / "exercise.json").string();
  write_text(
      path, R"({"format": "chatdrill.exercise/1", "title": "x", "scenarios": ["bounced-customer-fi"])" + field + "}\n");
  return classroom::load_exercise(path);
}

}  // namespace

TEST_CASE("show_customer_state: unset leaves it to each scenario; set, it overrides every scenario") {
  engine::Scenario quiet, shown;
  shown.show_customer_state = true;
  const auto unset = load_with("cue-unset", "");
  REQUIRE(unset.exercise);
  CHECK_FALSE(unset.exercise->show_customer_state);
  CHECK_FALSE(unset.exercise->shows_customer_state(quiet));
  CHECK(unset.exercise->shows_customer_state(shown));
  const auto on = load_with("cue-on", R"(, "show_customer_state": true)");
  REQUIRE(on.exercise);
  CHECK(on.exercise->shows_customer_state(quiet));
  CHECK(on.exercise->shows_customer_state(shown));
  const auto off = load_with("cue-off", R"(, "show_customer_state": false)");
  REQUIRE(off.exercise);
  CHECK_FALSE(off.exercise->shows_customer_state(quiet));
  CHECK_FALSE(off.exercise->shows_customer_state(shown));
}

TEST_CASE("show_customer_state: a wrong type in an exercise is located and names what was expected") {
  const auto load = load_with("cue-wrong", ",\n  \"show_customer_state\": 1");
  CHECK_FALSE(load.exercise);
  REQUIRE(load.diagnostics.size() == 1);
  const auto& d = load.diagnostics[0];
  CHECK(d.path == "show_customer_state");
  CHECK(d.pos.line == 2);
  CHECK(d.pos.col == 26);
  CHECK_MESSAGE(d.message.find("true or false") != std::string::npos, d.to_string());
}
