// The learning path: the first scenario for a new trainee, and the next one after each
// session, by difficulty and the trainee's weakest dimension so far.
#include "simulator/classroom/learning_path.h"

#include <doctest/doctest.h>

using namespace chatdrill;
using namespace chatdrill::classroom;
using Why = Suggestion::Why;

namespace {

const std::vector<PathScenario> k_library = {
    {"greeting-fi", "fi", 2, {"politeness", "engagement"}},
    {"impatient-fi", "fi", 2, {"speed"}},
    {"silent-fi", "fi", 3, {"engagement"}},
    {"shopper-fi", "fi", 3, {"clarifying", "resolution"}},
    {"angry-fi", "fi", 4, {"politeness", "resolution"}},
    {"handover-fi", "fi", 4, {"clarifying"}},
    {"impatient-en", "en", 1, {"speed"}},
};

PastResult result(std::string id, double overall, std::array<std::optional<double>, 6> scores) {
  return PastResult{std::move(id), overall, scores};
}

}  // namespace

TEST_CASE("learning path: a new trainee starts with the easiest scenario of their language") {
  auto s = suggest_scenario(k_library, {}, "fi");
  REQUIRE(s);
  CHECK(s->why == Why::first);
  CHECK(s->scenario == "impatient-fi");  // difficulty 2, one skill: simpler than the greeting
  CHECK(suggest_scenario(k_library, {}, "en")->scenario == "impatient-en");
  CHECK_FALSE(suggest_scenario(k_library, {}, "sv"));
  // Results in the other language do not count as experience in this one.
  CHECK(suggest_scenario(k_library, {result("impatient-en", 90, {90, 90, 90, 90, 90, 90})}, "fi")->why == Why::first);
}

TEST_CASE("learning path: after a session the next one trains the weakest dimension within reach") {
  // Passed the first (difficulty 2); clarifying is weakest: the shopper (3) trains it.
  auto s = suggest_scenario(k_library, {result("impatient-fi", 80, {95, 80, 40, 70, 85, std::nullopt})}, "fi");
  REQUIRE(s);
  CHECK(s->scenario == "shopper-fi");
  CHECK(s->why == Why::weakest);
  REQUIRE(s->dimension);
  CHECK(scoring::k_dimensions[*s->dimension] == std::string("clarifying"));
  CHECK(s->mean == doctest::Approx(40));
  // The handover (4) also trains clarifying but is two levels up: not yet.
  CHECK(s->scenario != "handover-fi");
}

TEST_CASE("learning path: a failed scenario keeps the trainee at their level; passing moves them up") {
  // Failed the first: engagement weakest, the greeting (same level) trains it.
  auto s = suggest_scenario(k_library, {result("impatient-fi", 50, {90, 60, 70, 30, 40, 80})}, "fi");
  REQUIRE(s);
  CHECK(s->scenario == "greeting-fi");
  // Nothing within reach trains the weakest (writing): the next level, not played yet.
  s = suggest_scenario(
      k_library,
      {result("impatient-fi", 85, {90, 90, 90, 90, 90, 20}), result("greeting-fi", 85, {90, 90, 90, 90, 90, 30})},
      "fi");
  REQUIRE(s);
  CHECK(s->why == Why::next_level);
  CHECK((s->scenario == "silent-fi" || s->scenario == "shopper-fi"));
}

TEST_CASE("learning path: everything passed: the lowest score again") {
  std::vector<PastResult> history;
  for (const auto& sc : k_library)
    if (sc.language == "fi") history.push_back(result(sc.id, sc.id == "silent-fi" ? 71 : 90, {90, 90, 90, 90, 90, 90}));
  auto s = suggest_scenario(k_library, history, "fi");
  REQUIRE(s);
  CHECK(s->why == Why::again);
  CHECK(s->scenario == "silent-fi");
}

TEST_CASE("learning path: the weakest dimension is the lowest mean over the graded scores") {
  const auto w = weakest_dimension(
      {result("a", 0, {80, std::nullopt, 60, 90, 90, 90}), result("b", 0, {40, std::nullopt, 70, 90, 90, 90})});
  REQUIRE(w);
  CHECK(scoring::k_dimensions[w->first] == std::string("speed"));  // 60, clarifying 65; politeness not graded
  CHECK(w->second == doctest::Approx(60));
}
