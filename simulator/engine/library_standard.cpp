// The library standard: see library_standard.h.
#include "library_standard.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <set>

#include "scoring/core/json_doc.h"
#include "scoring/transcript.h"

namespace chatdrill::engine {

using scoring::element_path;
using scoring::member_path;

namespace {

bool is_ending(const Scenario& s, const std::string& node) {
  const Node* n = s.node(node);
  return n && n->end;
}

// The result of test `index`: run_scenario_tests lists the scripted tests first, in order.
const ScenarioTestResult* result_of(const Scenario& s, const std::vector<ScenarioTestResult>& results,
                                    std::size_t index) {
  if (index >= results.size() || results[index].name != s.tests[index].name) return nullptr;
  return &results[index];
}

// A reply the customer did not take well: a fallback, a built-in reaction, a negative intent.
bool has_mistake(const Scenario& s, const scoring::Transcript& run) {
  for (const auto& m : run.messages) {
    if (m.from != scoring::sender::trainee) continue;
    const std::string intent = m.extra.value("intent", "");
    if (intent == "fallback" || intent == "bounce" || intent == "blame" || intent == "rudeness" ||
        intent == "dismissal")
      return true;
    if (const Node* n = s.node(m.extra.value("node", "")))
      for (const auto& i : n->expect)
        if (i.id == intent && i.mood < 0) return true;
  }
  return false;
}

}  // namespace

std::string best_outcome(const Scenario& s) {
  std::string best;
  double rating = -1;
  for (const auto& id : s.node_order) {
    const auto& end = s.nodes.at(id).end;
    if (!end) continue;
    const auto r = end->rating ? end->rating : scoring::default_outcome_rating(end->outcome);
    if (r && *r > rating) {
      rating = *r;
      best = end->outcome;
    }
  }
  return best;
}

int customer_turns(const Scenario& s, const scoring::Transcript& run) {
  int turns = 0;
  for (const auto& m : run.messages)
    if (m.from == scoring::sender::customer && m.kind == scoring::kind::message &&
        !is_ending(s, m.extra.value("node", "")))
      ++turns;
  return turns;
}

scoring::Diagnostics check_library_standard(const Scenario& s, const std::vector<ScenarioTestResult>& results,
                                            const scoring::JsonDoc* doc) {
  scoring::Diagnostics out;
  auto error = [&](const std::string& path, std::string message) {
    out.push_back(doc ? doc->diag(path, "library standard: " + message)
                      : scoring::Diagnostic{s.file, {}, path, "library standard: " + message});
  };

  if (s.skills.empty()) error("", "say which dimensions the scenario trains in \"skills\"");
  for (const auto& id : s.node_order) {
    const auto& end = s.nodes.at(id).end;
    if (end && !end->rating)
      error(member_path(member_path("nodes", id), "end"),
            "give the ending a \"rating\" (0..100) for the resolution grade");
  }
  const std::string best = best_outcome(s);
  if (best.empty()) return out;

  double skilled_low = std::numeric_limits<double>::max(), careless_high = -1;
  std::size_t skilled = 0, careless = 0;
  bool recovers = false, silent_run = false;
  std::set<std::string> reached, best_path;
  for (std::size_t i = 0; i < s.tests.size(); ++i) {
    const ScenarioTest& t = s.tests[i];
    const std::string path = element_path("tests", i);
    const ScenarioTestResult* r = result_of(s, results, i);
    if (r) reached.insert(r->reached.begin(), r->reached.end());
    if (t.replies.empty()) silent_run = true;
    const auto overall = t.scores.find("overall");
    const bool is_skilled = t.outcome == best;
    const bool is_careless = std::find(t.not_outcomes.begin(), t.not_outcomes.end(), best) != t.not_outcomes.end();
    if ((is_skilled || is_careless) && overall == t.scores.end()) {
      error(member_path(path, "expect"), fmt::format("a {} run needs an \"overall\" score range in \"scores\"",
                                                     is_skilled ? "skilled" : "careless"));
    }
    if (is_skilled) {
      ++skilled;
      if (overall != t.scores.end()) skilled_low = std::min(skilled_low, overall->second.first);
      if (!r) continue;
      recovers = recovers || has_mistake(s, r->transcript);
      const int turns = customer_turns(s, r->transcript);
      if (turns < k_min_customer_turns)
        error(path, fmt::format("this skilled run has {} customer turn{} before the ending; the best path needs at "
                                "least {}",
                                turns, turns == 1 ? "" : "s", k_min_customer_turns));
      for (const auto& m : r->transcript.messages)
        if (m.from == scoring::sender::customer && m.kind == scoring::kind::message)
          best_path.insert(m.extra.value("node", ""));
    }
    if (is_careless) {
      ++careless;
      if (overall != t.scores.end()) careless_high = std::max(careless_high, overall->second.second);
    }
  }
  if (skilled < k_min_skilled_runs)
    error("tests", fmt::format("{} skilled run{} the best ending \"{}\"; write at least {} in different styles",
                               skilled, skilled == 1 ? " reaches" : "s reach", best, k_min_skilled_runs));
  if (careless < k_min_careless_runs)
    error("tests", fmt::format("{} careless run{} (\"not_outcome\": [\"{}\"]); write at least {}", careless,
                               careless == 1 ? "" : "s", best, k_min_careless_runs));
  if (skilled && careless && careless_high >= skilled_low)
    error("tests", fmt::format("the score ranges do not separate the runs: a careless run may score up to {:g}, a "
                               "skilled one as low as {:g}",
                               careless_high, skilled_low));
  if (skilled && !recovers)
    error("tests", fmt::format("no run recovers from a mistake (a fallback, a bounce or blame, a negative intent) and "
                               "still reaches \"{}\"",
                               best));
  if (!silent_run)
    error("tests", "no run sends no reply at all (\"replies\": []): how the customer leaves is untested");
  for (const auto& id : s.node_order)
    if (s.nodes.at(id).end && !reached.count(id)) error(member_path("nodes", id), "no self-test reaches this ending");
  for (const auto& id : best_path) {
    const Node* n = s.node(id);
    if (!n) continue;
    const std::string np = member_path("nodes", id);
    if (n->say.size() < 2) error(member_path(np, "say"), "a node on the best path needs at least two variant lines");
    if (!n->end &&
        std::none_of(s.model_replies.begin(), s.model_replies.end(), [&](const ModelReply& m) { return m.node == id; }))
      error(np, "a node on the best path needs a model reply (\"model_replies\")");
  }
  return out;
}

}  // namespace chatdrill::engine
