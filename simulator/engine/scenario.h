// The scenario model (`chatdrill.scenario/1`, see docs/scenario-format.md): a persona,
// its state machine of nodes, endings, grading slots, model replies and self-tests.
// Plain data; loading and validation live in scenario_loader.h. UI-free.
#pragma once

#include "scoring/core/diagnostic.h"
#include "scoring/core/json_doc.h"
#include "scoring/grade.h"
#include "scoring/text.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace chatdrill::engine {

inline constexpr const char* k_scenario_format = "chatdrill.scenario/1";

struct Persona {
  std::string name;
  std::string archetype;  // impatient | silent | cancelling | undecided | angry | bounced | neutral
  double typing_cps = 5.0;
  double patience = 120;  // seconds
  double mood = 0.0;      // starting mood
  std::vector<std::string> nudges;
  std::vector<double> nudge_at = {0.5, 0.8};
  std::vector<std::string> leave;
};

// Words that make a reply match: any one of these lists hitting is a match. Keywords and
// phrases are base forms matched by lemma; concepts name shared word sets
// (scenarios/concepts/<lang>.json); moves name what the reply does ("hold", "channel_bounce").
struct Matcher {
  std::vector<std::string> keywords, stems, phrases, prefixes, concepts, moves;
  bool any = false;  // matches any reply
  bool empty() const {
    return !any && keywords.empty() && stems.empty() && phrases.empty() && prefixes.empty() && concepts.empty() &&
           moves.empty();
  }
};

struct Intent {
  std::string id;
  Matcher matcher;
  std::optional<bool> question;
  std::optional<double> min_mood;
  double mood = 0.0;
  std::string go_to;  // "goto" in the file
  // Self-tests: replies that must reach this intent at this node, and ones that must not.
  std::vector<std::string> examples, counter_examples;
  // A positive intent is never reached by a channel bounce, blame, rudeness or dismissal;
  // a negative one (mood below 0, or naming such a move) can be.
  // A catch-all ("any") is no positive intent either: it takes whatever the customer hears.
  bool positive() const { return mood >= 0 && !matcher.any; }
};

struct Fallback {
  std::vector<std::string> say;  // empty: the scenario's fallback lines
  std::string go_to;             // empty: stay at the node
};

struct Silence {
  double after = 5;
  double window_from = 20, window_to = 180;
  Matcher checkin;
  std::string back;
  double leave_after = 200;
};

struct Ending {
  std::string outcome;
  std::string label;
  std::optional<double> rating;  // 0..100 for the resolution grade; none: the outcome's default
};

struct Node {
  std::string id;
  std::vector<std::string> say;
  std::vector<std::string> say_upset;
  std::vector<Intent> expect;
  std::optional<Fallback> fallback;
  std::optional<double> patience;
  std::optional<Silence> silence;
  std::optional<Ending> end;
  scoring::Json behaviour;  // built-in behaviour switches for this node (behaviour.h); null: none
};

struct ModelReply {
  std::string node;
  std::string text;
};

struct TestReply {
  double at = 0;
  std::string text;
};

struct ScenarioTest {
  std::string name;
  std::uint64_t seed = 1;
  std::vector<TestReply> replies;
  std::optional<std::string> outcome;
  std::vector<std::string> not_outcomes;                    // a careless run: must end in none of these
  std::vector<std::string> reaches;                         // node ids the run must visit
  std::map<std::string, std::pair<double, double>> scores;  // "overall"/dimension -> [lo, hi]
};

// Case data: the facts the trainee looks up in the case panel (customer, order, product,
// subscription, policy...), in file order. Texts refer to a field as {case.<section>.<field>}.
struct CaseField {
  std::string id, label, value;
};
struct CaseSection {
  std::string id, title;
  std::vector<CaseField> fields;
};

// A saved reply (a macro, as agents know them from Zendesk or Intercom): a text the trainee
// puts into the reply box with a click or Alt+1..9 (simulator/engine/saved_replies.h).
struct SavedReply {
  std::string id, title;
  std::string text;       // a scenario's with its {case.section.field} references filled in; an exercise's as written
  scoring::SourcePos at;  // where the text was written (an exercise checks its references per scenario)
};

// Weight of a dimension the scenario trains (`skills`) when it gives no `scoring.weights`;
// the others weigh 1.
inline constexpr double k_skill_weight = 2;

struct Scenario {
  std::string file;  // where it was loaded from (for messages)
  std::string id, title, language, twin, brief;
  scoring::Language lang = scoring::Language::fi;
  int difficulty = 1;
  std::vector<std::string> tags;
  std::vector<std::string> skills;     // dimensions (scoring::k_dimensions) the scenario trains
  std::vector<CaseSection> case_data;  // "case" in the file
  std::vector<SavedReply> saved_replies;
  bool hints = true;
  bool show_customer_state = false;  // the live mood and patience cue (an exercise may override it)
  Persona persona;
  std::vector<std::string> fallback;
  scoring::Json behaviour;  // built-in behaviour switches for every node (behaviour.h); null: defaults
  scoring::Rubric rubric;   // slots, targets, weights, customer name
  std::string start;
  std::map<std::string, Node> nodes;
  std::vector<std::string> node_order;  // node ids in file order
  std::vector<ModelReply> model_replies;
  std::vector<ScenarioTest> tests;

  const Node* node(const std::string& node_id) const {
    auto it = nodes.find(node_id);
    return it == nodes.end() ? nullptr : &it->second;
  }
};

}  // namespace chatdrill::engine
