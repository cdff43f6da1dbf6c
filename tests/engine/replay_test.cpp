// Virtual-time replay and the replies format: bad lines are located, and the bundled
// Finnish scenarios' own self-tests reach the endings they promise.
#include "simulator/engine/replay.h"

#include <set>

#include "engine_test_support.h"

using namespace chatdrill;
using namespace chatdrill::engine;
using namespace chatdrill::engine::test;

TEST_CASE("replies files: one object per line, errors located per line") {
  const auto ok = parse_replies("{\"at\": 1.5, \"text\": \"Hei\"}\n\n{\"at\": 3, \"text\": \"Moi\"}\n", "r.jsonl");
  CHECK(ok.diagnostics.empty());
  REQUIRE(ok.replies.size() == 2);
  CHECK(ok.replies[0].at == 1.5);
  CHECK(ok.replies[1].text == "Moi");

  const std::string bad =
      "{\"at\": 5, \"text\": \"a\"}\n"
      "{\"at\": 2, \"text\": \"b\"}\n"
      "{\"at\": 6}\n"
      "{\"at\": 7, \"txet\": \"c\", \"text\": \"c\"}\n"
      "{\"at\": 8, \"text\": \"d\"\n";
  const auto load = parse_replies(bad, "r.jsonl");
  CHECK(load.replies.empty());  // nothing is played from a broken file
  REQUIRE(load.diagnostics.size() == 4);
  CHECK(load.diagnostics[0].to_string() ==
        "r.jsonl:2:8: at: 2 s is earlier than the reply before it (5 s); replies must be in time order");
  CHECK(contains(load.diagnostics[1].to_string(), "r.jsonl:3:1: missing \"text\""));
  CHECK(
      contains(load.diagnostics[2].to_string(), "r.jsonl:4:11: txet: unknown field \"txet\" (did you mean \"text\"?)"));
  CHECK(contains(load.diagnostics[3].to_string(), "r.jsonl:5:"));
  CHECK(contains(load.diagnostics[3].message, "JSON syntax"));
  CHECK(contains(load_replies("/no/such/replies.jsonl").diagnostics.at(0).to_string(), "/no/such/replies.jsonl"));
}

TEST_CASE("a replay runs until the customer finishes, or ends the session at the horizon") {
  const auto s = must_load(k_base_scenario);
  const auto done = replay(s, {{5, "kyllä"}}, {});
  CHECK(done.outcome == "resolved");
  const auto ignored = replay(s, {}, {});
  CHECK(ignored.outcome == "customer_left");
  SessionOptions limited;
  limited.time_limit = 10;
  CHECK(replay(s, {{50, "kyllä"}}, limited).outcome == "time_up");
}

TEST_CASE("the bundled Finnish scenarios' self-tests reach their endings") {
  std::set<std::string> outcomes_seen;
  for (const char* id :
       {"impatient-customer-fi", "silent-customer-fi", "cancel-subscription-fi", "two-issues-fi", "card-number-fi"}) {
    const auto load = load_scenario(*find_bundled_scenario(id));
    REQUIRE(load.scenario);
    std::set<std::string> endings;
    for (const auto& [nid, node] : load.scenario->nodes)
      if (node.end) endings.insert(node.end->outcome);
    std::set<std::string> reached;
    for (const auto& test : load.scenario->tests) {
      CAPTURE(id);
      CAPTURE(test.name);
      SessionOptions o;
      o.seed = test.seed;
      const auto t = replay(load.scenario, test.replies, o);
      REQUIRE((test.outcome || !test.not_outcomes.empty()));
      if (test.outcome) CHECK(t.outcome == *test.outcome);
      for (const auto& no : test.not_outcomes) CHECK(t.outcome != no);  // a careless run
      reached.insert(t.outcome);
      std::set<std::string> visited;
      for (const auto& m : t.messages) visited.insert(m.extra.value("node", std::string()));
      for (const auto& node : test.reaches) CHECK(visited.count(node));
    }
    for (const auto& e : endings) {
      CAPTURE(e);
      CHECK(reached.count(e));  // every ending has a test that reaches it
    }
    CHECK(reached.count("customer_left") + reached.count("lost") > 0);  // and a way to fail
  }
}
