// Reading a reply at a node; see reply_reader.h.
#include "reply_reader.h"

#include <fmt/format.h>

#include <algorithm>

namespace chatdrill::engine {

using scoring::MoveKind;

ReplyReader::ReplyReader(std::shared_ptr<const Scenario> scenario)
    : scenario_(std::move(scenario)), analyzer_(scenario_->lang) {
  for (const auto& [id, n] : scenario_->nodes) {
    auto& list = intents_[id];
    for (const auto& intent : n.expect) list.emplace_back(intent.matcher, analyzer_);
    if (n.silence) checkins_.emplace(id, PreparedMatcher(n.silence->checkin, analyzer_));
    behaviour_.emplace(id, resolve_behaviour(*scenario_, n));
  }
}

bool ReplyReader::is_checkin(const std::string& node, const scoring::Analysis& a) const {
  if (behaviour(node).checkin && a.has_move(MoveKind::checkin)) return true;
  if (a.has("engagement.checkin")) return true;
  auto it = checkins_.find(node);
  return it != checkins_.end() && !it->second.empty() && it->second.matches(a);
}

namespace {

// The built-in reaction a negative move gets, when it is switched on.
std::optional<std::pair<MoveKind, const Reaction*>> negative_move(const scoring::Analysis& a, const Behaviour& b) {
  const std::pair<MoveKind, const Reaction*> order[] = {{MoveKind::channel_bounce, &b.bounce},
                                                        {MoveKind::rudeness, &b.rudeness},
                                                        {MoveKind::blame, &b.blame},
                                                        {MoveKind::dismissal, &b.dismissal}};
  for (const auto& [kind, reaction] : order)
    if (reaction->enabled && a.has_move(kind)) return std::pair{kind, reaction};
  return std::nullopt;
}

bool courtesy_only(const scoring::Analysis& a) {
  if (a.content_words() > 0) return false;
  for (auto kind : {MoveKind::greeting, MoveKind::thanks, MoveKind::farewell, MoveKind::apology, MoveKind::empathy,
                    MoveKind::checkin})
    if (a.has_move(kind)) return true;
  return a.count("courtesy.") > 0;
}

}  // namespace

ReplyReading ReplyReader::read(const std::string& node_id, const scoring::Analysis& a, double mood,
                               const std::vector<int>& skip) const {
  ReplyReading r;
  const Node& node = scenario_->nodes.at(node_id);
  const Behaviour& b = behaviour(node_id);
  const auto negative = negative_move(a, b);
  if (negative) r.negative_move = negative->first;
  const auto& prepared = intents_.at(node_id);
  std::optional<std::size_t> chosen;
  for (std::size_t i = 0; i < node.expect.size(); ++i) {
    const Intent& intent = node.expect[i];
    if (intent.question && *intent.question != a.is_question) {
      r.notes.push_back(fmt::format("intent {}: needs {}", intent.id, *intent.question ? "a question" : "no question"));
      continue;
    }
    if (intent.min_mood && mood < *intent.min_mood) {
      r.notes.push_back(
          fmt::format("intent {}: the customer's mood {:.2f} is below {}", intent.id, mood, *intent.min_mood));
      continue;
    }
    auto why = prepared[i].match(a, skip);
    if (!why) continue;
    if (negative && intent.positive() && !prepared[i].mentions_move(negative->first)) {
      r.notes.push_back(fmt::format("intent {}: matched {} \"{}\", but a {} never counts as a positive intent",
                                    intent.id, why->what, why->entry, scoring::move_name(negative->first)));
      continue;
    }
    if (!chosen) {
      chosen = i;
      r.reason = why;
    }
    // Intents that lead where the chosen one leads were answered by it too.
    if (node.expect[*chosen].go_to == intent.go_to && why->clause >= 0) r.used_clauses.push_back(why->clause);
  }
  if (chosen) {
    r.kind = ReplyReading::Kind::intent;
    r.intent_index = *chosen;
    r.label = node.expect[*chosen].id;
    return r;
  }
  if (negative) {
    r.kind = ReplyReading::Kind::reaction;
    r.reaction = negative->second;
    r.label = negative->first == MoveKind::channel_bounce ? "bounce" : scoring::move_name(negative->first);
    return r;
  }
  if (b.hold.enabled && a.has_move(MoveKind::hold)) {
    r.kind = ReplyReading::Kind::hold;
    r.label = "hold";
    const double stated = a.move(MoveKind::hold)->seconds;
    for (const auto& m : a.moves)
      if (m.kind == MoveKind::hold && m.seconds > 0) r.hold_seconds = m.seconds;
    r.hold_seconds = r.hold_seconds > 0 ? r.hold_seconds : stated > 0 ? stated : b.hold.seconds;
    return r;
  }
  if ((b.courtesy && courtesy_only(a)) || (b.checkin && a.has_move(MoveKind::checkin) && a.content_words() <= 3)) {
    r.kind = ReplyReading::Kind::courtesy;
    r.label = "wait";
    return r;
  }
  r.label = "fallback";
  return r;
}

}  // namespace chatdrill::engine
