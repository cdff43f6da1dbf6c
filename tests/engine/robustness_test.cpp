// A scenario that loads without errors never crashes the runtime: odd but valid shapes
// (an ending at the start, silence at the start, a check-in straight into an ending) and
// random replies at random times all give a valid, finished transcript.
#include <cmath>
#include <limits>
#include <random>

#include "engine_test_support.h"
#include "simulator/engine/replay.h"
#include "simulator/engine/session.h"

using namespace chatdrill;
using namespace chatdrill::engine;
using namespace chatdrill::engine::test;

namespace {

// The transcript saves and loads back as a valid chatdrill.transcript/1.
void check_valid(const scoring::Transcript& t) {
  auto parsed = scoring::parse_json(scoring::transcript_to_json(t).dump(), "t.json");
  REQUIRE(parsed.doc);
  const auto load = scoring::transcript_from_doc(*parsed.doc);
  for (const auto& d : load.diagnostics) MESSAGE(d.to_string());
  CHECK(load.transcript);
  CHECK_FALSE(t.outcome.empty());
}

// Words the scenario listens for, plus a few that no scenario does.
std::vector<std::string> vocabulary(const Scenario& s) {
  std::vector<std::string> words = {"",    "Oletteko vielä linjoilla?", "Olet idiootti!", "Kiitos!",
                                    "???", std::string(5000, 'a'),      "\xFF\xFE",       "Hei Raija."};
  for (const auto& [id, node] : s.nodes) {
    for (const auto& intent : node.expect)
      for (const auto* list : {&intent.matcher.keywords, &intent.matcher.phrases, &intent.matcher.prefixes})
        for (const auto& w : *list) words.push_back(w + (intent.question.value_or(false) ? "?" : ""));
  }
  return words;
}

}  // namespace

TEST_CASE("random replies at random times never break the bundled scenarios") {
  for (const char* id : {"impatient-customer-fi", "silent-customer-fi", "cancel-subscription-fi"}) {
    CAPTURE(id);
    const auto scenario = load_scenario(*find_bundled_scenario(id)).scenario;
    REQUIRE(scenario);
    const auto words = vocabulary(*scenario);
    std::mt19937_64 rng(2024);
    for (int run = 0; run < 60; ++run) {
      std::vector<TestReply> replies;
      double at = 0;
      const int count = static_cast<int>(rng() % 12);
      for (int k = 0; k < count; ++k) {
        at += static_cast<double>(rng() % 120000) / 1000.0;
        replies.push_back({at, words[rng() % words.size()]});
      }
      SessionOptions o;
      o.seed = rng();
      if (run % 5 == 0) o.time_limit = 1 + static_cast<double>(rng() % 600);
      const auto t = replay(scenario, replies, o);
      check_valid(t);
      for (std::size_t i = 1; i < t.messages.size(); ++i) CHECK(t.messages[i].at >= t.messages[i - 1].at);
    }
  }
}

const std::string k_one_node = R"({
  "format": "chatdrill.scenario/1", "id": "t", "title": "T", "language": "en",
  "persona": {"name": "Sam", "archetype": "neutral"},
  "fallback": ["Sorry?"],
  "start": "start",
  "nodes": {NODES}
})";

std::shared_ptr<const Scenario> with_nodes(const std::string& nodes) {
  return must_load(replaced(k_one_node, "{NODES}", nodes));
}

TEST_CASE("odd but valid shapes run: an ending at the start") {
  Session s(with_nodes(R"({"start": {"say": ["All sorted already, bye."], "end": {"outcome": "resolved"}}})"), {});
  CHECK(s.finished());
  CHECK(s.outcome() == "resolved");
  s.send(5, "Hello?");
  check_valid(s.transcript());
}

TEST_CASE("odd but valid shapes run: silence at the start, a check-in straight into an ending") {
  const auto scenario = with_nodes(R"({
    "start": {"say": ["Hi."], "silence": {"after": 0, "window": [0, 50], "back": "done", "leave_after": 60}},
    "done": {"say": ["Thanks!"], "end": {"outcome": "resolved"}}})");
  Session back(scenario, {});
  CHECK(back.customer().silent);
  back.send(10, "Are you still there?");
  back.advance(100);
  CHECK(back.outcome() == "resolved");
  Session gone(scenario, {});
  gone.advance(100);
  CHECK(gone.outcome() == "customer_left");
  check_valid(gone.transcript());
}

TEST_CASE("odd but valid shapes run: a fallback that moves into an ending says the ending's line") {
  Session s(with_nodes(R"({
    "start": {"say": ["Hi."], "expect": [{"intent": "x", "keywords": ["zzz"], "goto": "done"}], "fallback": {"goto": "done"}},
    "done": {"say": ["Fine, bye."], "end": {"outcome": "lost"}}})"),
            {});
  s.send(5, "whatever");
  s.advance(100);
  CHECK(s.outcome() == "lost");
  CHECK(s.transcript().messages.at(2).text == "Fine, bye.");
}

TEST_CASE("broken clock values do not move time or break the transcript") {
  Session s(must_load(k_base_scenario), {});
  s.advance(std::numeric_limits<double>::quiet_NaN());
  s.send(std::numeric_limits<double>::infinity(), "kyllä");
  s.send(-5, "kyllä");
  s.advance(100);
  CHECK(s.outcome() == "resolved");
  check_valid(s.transcript());
  CHECK(s.transcript().messages.at(1).at == 0);
}
