// An exercise's saved replies (`saved_replies`, offered in all its scenarios): read with
// located findings, and their case references checked against every scenario it names.
#include "simulator/classroom/exercise.h"

#include "helpers.h"

using namespace chatdrill;
using namespace classroom_test;

namespace {

const std::string k_exercise = R"({
  "format": "chatdrill.exercise/1",
  "title": "Valmisvastaukset",
  "scenarios": ["impatient-customer-fi", "silent-customer-fi"],
  "saved_replies": [
    {"id": "thanks", "title": "Kiitos", "text": "Kiitos, {case.customer.name}!"},
    {"id": "hold", "title": "Hetkinen", "text": "Hetkinen, tarkistan asian."}
  ]
})";

classroom::ExerciseLoad load(const std::string& name, const std::string& text) {
  const std::string path = (fs::path(scratch(name)) / "exercise.json").string();
  write_text(path, text);
  return classroom::load_exercise(path);
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("exercise saved replies: read in order, texts kept as written") {
  const auto ex = load("ex_replies_ok", k_exercise);
  REQUIRE(ex.exercise);
  REQUIRE(ex.exercise->saved_replies.size() == 2);
  CHECK(ex.exercise->saved_replies[0].id == "thanks");
  CHECK(ex.exercise->saved_replies[0].text == "Kiitos, {case.customer.name}!");
  // Both scenarios have customer.name: no findings.
  const auto scenarios = classroom::load_exercise_scenarios(*ex.exercise);
  CHECK(scenarios.diagnostics.empty());
  CHECK(scenarios.scenarios.size() == 2);
}

TEST_CASE("exercise saved replies: a duplicate id and an empty text are located errors") {
  const auto text = replace(replace(k_exercise, R"("id": "hold")", R"("id": "thanks")"),
                            R"("text": "Hetkinen, tarkistan asian.")", R"("text": "")");
  const auto ex = load("ex_replies_dup", text);
  CHECK_FALSE(ex.exercise);
  bool dup = false, empty = false;
  for (const auto& d : ex.diagnostics) {
    dup |= d.path == "saved_replies[1].id" && d.message.find("appears twice in this exercise") != std::string::npos &&
           d.pos.line == 7;
    empty |= d.path == "saved_replies[1].text";
  }
  CHECK(dup);
  CHECK(empty);
}

TEST_CASE("exercise saved replies: a case field one scenario lacks is an error in the exercise file") {
  // impatient-customer-fi has order.number, silent-customer-fi has not.
  const auto text = replace(k_exercise, "{case.customer.name}", "{case.order.number}");
  const auto ex = load("ex_replies_ref", text);
  REQUIRE(ex.exercise);
  const auto scenarios = classroom::load_exercise_scenarios(*ex.exercise);
  REQUIRE(scenarios.diagnostics.size() == 1);
  const auto& d = scenarios.diagnostics[0];
  CHECK(d.file == ex.exercise->file);
  CHECK(d.path == "saved_replies[0].text");
  CHECK(d.pos.line == 6);
  CHECK(d.message.find("scenario \"silent-customer-fi\" has no such field") != std::string::npos);
}
