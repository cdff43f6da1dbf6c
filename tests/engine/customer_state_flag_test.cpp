// The scenario's "show_customer_state" switch (issue 15, part 5): off unless the trainer
// turns it on, and a wrong type is reported where it was written, as "hints" is.
#include "engine_test_support.h"

using namespace chatdrill;
using namespace chatdrill::engine;
using namespace chatdrill::engine::test;

TEST_CASE("show_customer_state: off by default, on when the scenario says true") {
  CHECK_FALSE(must_load(k_base_scenario)->show_customer_state);
  const auto on = replaced(k_base_scenario, R"("title": "T",)", R"("title": "T", "show_customer_state": true,)");
  CHECK(must_load(on)->show_customer_state);
  const auto off = replaced(k_base_scenario, R"("title": "T",)", R"("title": "T", "show_customer_state": false,)");
  CHECK_FALSE(must_load(off)->show_customer_state);
}

TEST_CASE("show_customer_state: a wrong type is located and names what was expected") {
  const auto text = replaced(k_base_scenario, R"("title": "T",)", R"("title": "T", "show_customer_state": "yes",)");
  const auto load = load_text(text);
  CHECK_FALSE(load.scenario);
  const auto d = diag_at(load, "show_customer_state");
  const auto want = pos_of(text, R"("yes")");
  CHECK(d.pos.line == want.line);
  CHECK(d.pos.col == want.col);
  CHECK_MESSAGE(contains(d.message, "true or false"), d.to_string());
  // A misspelt key is a typo with a suggestion, not silently ignored.
  const auto typo =
      load_text(replaced(k_base_scenario, R"("title": "T",)", R"("title": "T", "show_customer_stat": true,)"));
  CHECK_MESSAGE(contains(diag_at(typo, "show_customer_stat").message, "show_customer_state"), all_of(typo.diagnostics));
}

TEST_CASE("show_customer_state: on in the easiest bundled scenarios of each language, twins alike") {
  for (const char* id :
       {"undecided-shopper-fi", "undecided-shopper-en", "proactive-greeting-fi", "proactive-greeting-en"}) {
    const auto path = find_bundled_scenario(id);
    REQUIRE_MESSAGE(path, id);
    const auto load = load_scenario(*path);
    REQUIRE_MESSAGE(load.scenario, id << all_of(load.diagnostics));
    CHECK_MESSAGE(load.scenario->show_customer_state, id);
  }
  const auto hard = load_scenario(*find_bundled_scenario("impatient-customer-fi"));
  REQUIRE(hard.scenario);
  CHECK_FALSE(hard.scenario->show_customer_state);
}
