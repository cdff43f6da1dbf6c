// How a persona reads a trainee's reply at a node: which intent it reaches and why, or
// which built-in behaviour applies (hold, a reaction to a bounce, blame, rudeness or
// dismissal, waiting after courtesy only) or that it falls back. One reading serves the
// live session, the scenario self-tests and `chatdrill explain`. No clock, no state.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "behaviour.h"
#include "matcher.h"
#include "scenario.h"
#include "scoring/text.h"

namespace chatdrill::engine {

struct ReplyReading {
  enum class Kind { intent, hold, reaction, courtesy, fallback };
  Kind kind = Kind::fallback;
  std::string label;             // intent id, "hold", "bounce", "blame", "rudeness", "dismissal", "wait", "fallback"
  std::size_t intent_index = 0;  // kind intent: index into the node's expect
  std::optional<MatchReason> reason;               // kind intent: what matched
  std::optional<scoring::MoveKind> negative_move;  // a bounce, blame, rudeness or dismissal in the reply
  const Reaction* reaction = nullptr;              // kind reaction: the behaviour's lines and mood
  double hold_seconds = 0;                         // kind hold: how long the customer waits
  std::vector<int> used_clauses;                   // clauses the chosen intent (and others to the same node) used
  std::vector<std::string> notes;                  // why intents were passed over, for explanations
};

class ReplyReader {
 public:
  // Throws std::runtime_error (file:line:col) when bundled language data is broken.
  explicit ReplyReader(std::shared_ptr<const Scenario> scenario);

  const scoring::TextAnalyzer& analyzer() const { return analyzer_; }
  scoring::TextAnalyzer& analyzer() { return analyzer_; }
  const Behaviour& behaviour(const std::string& node) const { return behaviour_.at(node); }
  const PreparedMatcher& intent_matcher(const std::string& node, std::size_t i) const { return intents_.at(node)[i]; }

  // The reading of analysed reply `a` at `node` for a customer in `mood` (after the reply's
  // tone). `skip_clauses`: clauses already answered (several intents in one message).
  ReplyReading read(const std::string& node, const scoring::Analysis& a, double mood,
                    const std::vector<int>& skip_clauses = {}) const;
  // Whether `a` checks in on a quiet customer at `node` (built-in check-in, the lexicon's
  // marker or the node's own check-in words).
  bool is_checkin(const std::string& node, const scoring::Analysis& a) const;

 private:
  std::shared_ptr<const Scenario> scenario_;
  scoring::TextAnalyzer analyzer_;
  std::map<std::string, std::vector<PreparedMatcher>> intents_;  // per node, in expect order
  std::map<std::string, PreparedMatcher> checkins_;              // per silent node
  std::map<std::string, Behaviour> behaviour_;                   // per node
};

}  // namespace chatdrill::engine
