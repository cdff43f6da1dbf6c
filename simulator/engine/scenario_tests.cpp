// Playing a scenario's self-tests in virtual time; see scenario_tests.h.
#include "scenario_tests.h"

#include "reply_reader.h"
#include "session.h"

#include "scoring/grade.h"

#include <fmt/format.h>

#include <algorithm>

namespace chatdrill::engine {

namespace kind = scoring::kind;
namespace sender = scoring::sender;

namespace {

// Advances through every due event until the session ends or time passes the cap.
void run_out(Session& session) {
  for (int step = 0; step < 100000 && !session.finished(); ++step) {
    const auto due = session.next_due();
    if (!due || *due > k_test_time_cap) break;
    session.advance(*due);
  }
}

std::vector<std::string> reached_nodes(const scoring::Transcript& t) {
  std::vector<std::string> out;
  for (const auto& m : t.messages) {
    if (m.from != sender::customer || m.kind != kind::message) continue;
    auto it = m.extra.find("node");
    if (it == m.extra.end() || !it->is_string()) continue;
    const auto node = it->get<std::string>();
    if (std::find(out.begin(), out.end(), node) == out.end()) out.push_back(node);
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

void check_scores(const Scenario& scenario, const ScenarioTest& test, ScenarioTestResult& r, scoring::Grader& grader) {
  if (test.scores.empty()) return;
  const scoring::Grade grade = scoring::grade_transcript(r.transcript, scenario.rubric, grader);
  for (const auto& wanted : test.scores) {
    // Named, not a structured binding: clang 14 cannot capture bindings in a lambda.
    const auto& name = wanted.first;
    const auto& range = wanted.second;
    const bool overall = name == "overall";
    const bool known = overall || std::find_if(scoring::k_dimensions.begin(), scoring::k_dimensions.end(),
                                               [&](const char* d) { return name == d; }) != scoring::k_dimensions.end();
    if (!known) {
      r.failures.push_back(fmt::format("unknown score \"{}\"", name));
      continue;
    }
    const double score = overall ? grade.overall : grade.dimension(name).score;
    if (score < range.first || score > range.second)
      r.failures.push_back(
          fmt::format("expected {} score in [{}, {}], got {:.1f}", name, range.first, range.second, score));
  }
}

}  // namespace

ScenarioTestResult run_scenario_test(const std::shared_ptr<const Scenario>& scenario, const ScenarioTest& test,
                                     scoring::Grader& grader) {
  ScenarioTestResult r;
  r.scenario = scenario->id;
  r.name = test.name;
  SessionOptions options;
  options.seed = test.seed;
  Session session(scenario, options);
  std::size_t unread = 0;
  for (const auto& reply : test.replies) {
    session.advance(reply.at);
    if (session.finished()) {
      ++unread;
      continue;
    }
    session.send(reply.at, reply.text);
  }
  run_out(session);
  r.transcript = session.transcript();
  r.outcome = session.finished() ? session.outcome() : "";
  r.reached = reached_nodes(r.transcript);

  if (test.outcome && *test.outcome != r.outcome)
    r.failures.push_back(fmt::format("expected outcome {}, got {}", *test.outcome,
                                     r.outcome.empty() ? "no ending (still running)" : r.outcome));
  for (const auto& avoid : test.not_outcomes)
    if (avoid == r.outcome) r.failures.push_back(fmt::format("a careless run must not end {}, but it did", avoid));
  std::vector<std::string> missing;
  for (const auto& node : test.reaches)
    if (std::find(r.reached.begin(), r.reached.end(), node) == r.reached.end()) missing.push_back(node);
  if (!missing.empty())
    r.failures.push_back(fmt::format("expected to reach {}, reached {}", join(missing, ", "), join(r.reached, " > ")));
  check_scores(*scenario, test, r, grader);
  if (!r.failures.empty() && unread > 0)
    r.failures.push_back(
        fmt::format("{} scripted repl{} came after the session had ended", unread, unread == 1 ? "y" : "ies"));
  r.passed = r.failures.empty();
  return r;
}

std::vector<ScenarioTestResult> run_intent_examples(const std::shared_ptr<const Scenario>& scenario) {
  std::vector<ScenarioTestResult> out;
  std::unique_ptr<ReplyReader> reader;
  for (const auto& node_id : scenario->node_order) {
    const Node& node = scenario->nodes.at(node_id);
    for (const auto& intent : node.expect) {
      if (intent.examples.empty() && intent.counter_examples.empty()) continue;
      if (!reader) reader = std::make_unique<ReplyReader>(scenario);
      ScenarioTestResult r;
      r.scenario = scenario->id;
      r.name = fmt::format("examples of {}/{}", node_id, intent.id);
      const double mood = std::max(scenario->persona.mood, intent.min_mood.value_or(-1.0));
      auto reading_of = [&](const std::string& text) {
        return reader->read(node_id, reader->analyzer().analyze(text), mood);
      };
      for (const auto& text : intent.examples)
        if (auto rd = reading_of(text); rd.label != intent.id)
          r.failures.push_back(fmt::format("\"{}\" reads as {}, not {}", text, rd.label, intent.id));
      for (const auto& text : intent.counter_examples)
        if (auto rd = reading_of(text); rd.label == intent.id)
          r.failures.push_back(fmt::format("\"{}\" must not read as {}", text, intent.id));
      r.passed = r.failures.empty();
      out.push_back(std::move(r));
    }
  }
  return out;
}

std::vector<ScenarioTestResult> run_scenario_tests(const std::shared_ptr<const Scenario>& scenario,
                                                   scoring::Grader& grader) {
  std::vector<ScenarioTestResult> out;
  for (const auto& test : scenario->tests) out.push_back(run_scenario_test(scenario, test, grader));
  for (auto& r : run_intent_examples(scenario)) out.push_back(std::move(r));
  return out;
}

std::string describe_test_result(const ScenarioTestResult& r) {
  if (r.passed) return fmt::format("PASS {}/{}", r.scenario, r.name);
  std::string out = fmt::format("FAIL {}/{}: {}", r.scenario, r.name, join(r.failures, "; "));
  for (const auto& m : r.transcript.messages) {
    const auto node = m.extra.value("node", std::string());
    std::string who = m.from;
    if (m.kind != kind::message) who += " " + m.kind;
    out += fmt::format("\n    {:7.1f}s {:<17} {}", m.at, fmt::format("{} [{}]", who, node), m.text);
  }
  return out;
}

}  // namespace chatdrill::engine
