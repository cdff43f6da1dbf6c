// Reading a scenario's nodes: lines, expected intents, fallbacks, silence and endings.
// Part of the scenario loader (scenario_reading.h); references are checked afterwards.
#include <fmt/format.h>

#include <algorithm>

#include "behaviour.h"
#include "scenario_reading.h"

namespace chatdrill::engine::detail {

using scoring::Json;

bool is_node_id(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool is_outcome(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

Matcher read_matcher(FieldReader& r, const Json& obj, const std::string& path) {
  Matcher m;
  auto list = [&](const char* key, std::vector<std::string>& into) {
    if (auto v = r.texts(obj, path, key, false, false)) into = std::move(*v);
  };
  list("keywords", m.keywords);
  list("stems", m.stems);
  list("phrases", m.phrases);
  list("prefixes", m.prefixes);
  list("concepts", m.concepts);  // checked against the language's concepts once it is known
  list("moves", m.moves);
  for (std::size_t i = 0; i < m.moves.size(); ++i)
    if (!scoring::parse_move(m.moves[i]))
      r.error(element_path(member_path(path, "moves"), i),
              fmt::format("\"{}\" is not a move (greeting, thanks, apology, empathy, question, hold, checkin, "
                          "ownership, next_step, channel_bounce, blame, rudeness, dismissal, open_door, farewell)",
                          m.moves[i]));
  m.any = r.boolean(obj, path, "any").value_or(false);
  return m;
}

namespace {

void read_intent(ReadContext& ctx, const Json& obj, const std::string& path, Intent& intent) {
  FieldReader& r = ctx.reader;
  r.check_members(obj, path,
                  {"intent", "keywords", "stems", "phrases", "prefixes", "concepts", "moves", "any", "question",
                   "min_mood", "mood", "goto", "examples", "counter_examples"});
  intent.id = r.text(obj, path, "intent", true, "an id for this intent, unique in the node").value_or("");
  if (!intent.id.empty() && !is_node_id(intent.id))
    r.error(member_path(path, "intent"), fmt::format("\"{}\" is not a valid id (letters, digits, _ and -)", intent.id));
  intent.matcher = read_matcher(r, obj, path);
  if (intent.matcher.empty() && !r.member(obj, path, "any", false))
    r.error(path,
            "an intent needs at least one of keywords, phrases, concepts, moves, stems, prefixes (or \"any\": true)");
  intent.examples = r.texts(obj, path, "examples", false, false).value_or(std::vector<std::string>{});
  intent.counter_examples = r.texts(obj, path, "counter_examples", false, false).value_or(std::vector<std::string>{});
  intent.question = r.boolean(obj, path, "question");
  intent.min_mood = r.mood(obj, path, "min_mood");
  intent.mood = r.mood(obj, path, "mood").value_or(0.0);
  if (auto go = r.text(obj, path, "goto", true, "the node the customer moves to")) {
    intent.go_to = *go;
    ctx.refs.push_back({*go, member_path(path, "goto")});
  }
}

void read_expect(ReadContext& ctx, const Json& node, const std::string& path, Node& out) {
  FieldReader& r = ctx.reader;
  const Json* expect = r.member(node, path, "expect", false);
  if (!expect) return;
  const std::string p = member_path(path, "expect");
  if (!expect->is_array()) {
    r.wrong_type(p, *expect, "a list of intents");
    return;
  }
  std::vector<std::string> seen;
  for (std::size_t i = 0; i < expect->size(); ++i) {
    const std::string ip = element_path(p, i);
    const Json& item = (*expect)[i];
    if (!item.is_object()) {
      r.wrong_type(ip, item, "an object {\"intent\", ..., \"goto\"}");
      continue;
    }
    Intent intent;
    read_intent(ctx, item, ip, intent);
    if (!intent.id.empty()) {
      if (std::find(seen.begin(), seen.end(), intent.id) != seen.end())
        r.error(member_path(ip, "intent"), fmt::format("duplicate intent id \"{}\" in this node", intent.id));
      seen.push_back(intent.id);
    }
    out.expect.push_back(std::move(intent));
  }
}

void read_fallback(ReadContext& ctx, const Json& node, const std::string& path, Node& out) {
  FieldReader& r = ctx.reader;
  const Json* fb = r.member(node, path, "fallback", false);
  if (!fb) return;
  const std::string p = member_path(path, "fallback");
  if (!fb->is_object()) {
    r.wrong_type(p, *fb, "an object {\"say\": [...], \"goto\": \"node\"}");
    return;
  }
  r.check_members(*fb, p, {"say", "goto"});
  Fallback f;
  if (auto say = r.texts(*fb, p, "say", false, true)) f.say = std::move(*say);
  if (auto go = r.text(*fb, p, "goto", false)) {
    f.go_to = *go;
    ctx.refs.push_back({*go, member_path(p, "goto")});
  }
  out.fallback = std::move(f);
}

void read_window(FieldReader& r, const Json& obj, const std::string& path, Silence& s) {
  const Json* w = r.member(obj, path, "window", false);
  if (!w) return;
  const std::string p = member_path(path, "window");
  if (!w->is_array() || w->size() != 2 || !(*w)[0].is_number() || !(*w)[1].is_number()) {
    r.error(p, "must be [from, to]: two numbers of seconds after the customer goes quiet");
    return;
  }
  const double lo = (*w)[0].get<double>(), hi = (*w)[1].get<double>();
  if (lo < 0) r.error(element_path(p, 0), fmt::format("{} s: the window cannot open before the silence", lo));
  else if (hi > 3600) r.error(element_path(p, 1), fmt::format("{} s is too long (at most 3600 s)", hi));
  else if (hi <= lo) r.error(p, fmt::format("[{}, {}] is not a window: the end must come after the start", lo, hi));
  else s.window_from = lo, s.window_to = hi;
}

void read_silence(ReadContext& ctx, const Json& node, const std::string& path, Node& out) {
  FieldReader& r = ctx.reader;
  const Json* sj = r.member(node, path, "silence", false);
  if (!sj) return;
  const std::string p = member_path(path, "silence");
  if (!sj->is_object()) {
    r.wrong_type(p, *sj, "an object {\"after\", \"window\", \"back\", ...}");
    return;
  }
  r.check_members(*sj, p, {"after", "window", "checkin", "back", "leave_after"});
  Silence s;
  s.after = r.seconds(*sj, p, "after", false, true).value_or(s.after);
  read_window(r, *sj, p, s);
  s.leave_after = r.seconds(*sj, p, "leave_after").value_or(s.leave_after);
  if (const Json* c = r.member(*sj, p, "checkin", false)) {
    const std::string cp = member_path(p, "checkin");
    if (!c->is_object()) r.wrong_type(cp, *c, "an object {\"keywords\", \"phrases\", ...}");
    else {
      r.check_members(*c, cp, {"keywords", "stems", "phrases", "prefixes", "concepts", "moves"});
      s.checkin = read_matcher(r, *c, cp);
    }
  }
  if (auto back = r.text(*sj, p, "back", true, "the node the customer continues at after a check-in")) {
    s.back = *back;
    ctx.refs.push_back({*back, member_path(p, "back")});
  }
  if (s.leave_after <= s.window_from)
    r.error(member_path(p, "leave_after"),
            fmt::format("the customer leaves after {} s, before the check-in window opens at {} s", s.leave_after,
                        s.window_from));
  else if (s.leave_after < s.window_to)
    r.warning(member_path(p, "leave_after"),
              fmt::format("the customer leaves after {} s, before the check-in window closes at {} s", s.leave_after,
                          s.window_to));
  out.silence = std::move(s);
}

void read_end(ReadContext& ctx, const Json& node, const std::string& path, Node& out) {
  FieldReader& r = ctx.reader;
  const Json* ej = r.member(node, path, "end", false);
  if (!ej || ej->is_null()) return;
  const std::string p = member_path(path, "end");
  if (!ej->is_object()) {
    r.wrong_type(p, *ej, "an object {\"outcome\": \"retained\", \"label\": \"...\"}");
    return;
  }
  r.check_members(*ej, p, {"outcome", "label", "rating"});
  Ending e;
  e.outcome = r.text(*ej, p, "outcome", true, "retained, sold, resolved, lost, ...").value_or("");
  if (!e.outcome.empty() && !is_outcome(e.outcome))
    r.error(member_path(p, "outcome"),
            fmt::format("\"{}\" is not a valid outcome (lowercase letters and _)", e.outcome));
  e.label = r.text(*ej, p, "label", false).value_or(e.outcome);
  e.rating = r.number(*ej, p, "rating", Range{0, 100}, "");
  out.end = std::move(e);
  for (const char* unused : {"expect", "fallback", "silence"})
    if (node.contains(unused))
      r.warning(member_path(path, unused), fmt::format("an ending node never uses \"{}\"", unused));
}

void read_node(ReadContext& ctx, const Json& obj, const std::string& path, Node& node) {
  FieldReader& r = ctx.reader;
  r.check_members(obj, path, {"say", "say_upset", "expect", "fallback", "patience", "silence", "end", "behaviour"});
  if (const Json* b = r.member(obj, path, "behaviour", false)) {
    check_behaviour(r, *b, member_path(path, "behaviour"));
    if (b->is_object()) node.behaviour = *b;
  }
  if (auto say = r.texts(obj, path, "say", true, true, "what the customer says: a list of variant lines"))
    node.say = std::move(*say);
  if (auto upset = r.texts(obj, path, "say_upset", false, true)) node.say_upset = std::move(*upset);
  read_expect(ctx, obj, path, node);
  read_fallback(ctx, obj, path, node);
  node.patience = r.number(obj, path, "patience", Range{10, 1800}, "seconds");
  read_silence(ctx, obj, path, node);
  read_end(ctx, obj, path, node);
}

}  // namespace

void read_nodes(ReadContext& ctx, const Json& nodes) {
  FieldReader& r = ctx.reader;
  if (!nodes.is_object()) {
    r.wrong_type("nodes", nodes, "an object of nodes by id");
    return;
  }
  if (nodes.empty()) {
    r.error("nodes", "must have at least one node");
    return;
  }
  if (nodes.size() > scoring::k_max_nodes) {
    r.error("nodes", fmt::format("{} nodes, more than the {} a scenario may have (see scoring/core/limits.h)",
                                 nodes.size(), scoring::k_max_nodes));
    return;
  }
  std::size_t intents = 0;
  for (const auto& [id, value] : nodes.items()) {
    const std::string path = member_path("nodes", id);
    if (!is_node_id(id))
      r.error_at_key(path, fmt::format("\"{}\" is not a valid node id (letters, digits, _ and -)", id));
    Node node;
    node.id = id;
    // A broken node still exists, so references to it do not cascade into more errors.
    if (!value.is_object()) r.wrong_type(path, value, "an object {\"say\": [...], ...}");
    else read_node(ctx, value, path, node);
    if (node.expect.size() > scoring::k_max_intents_per_node)
      r.error(member_path(path, "expect"),
              fmt::format("{} intents, more than the {} one node may have (see scoring/core/limits.h)",
                          node.expect.size(), scoring::k_max_intents_per_node));
    intents += node.expect.size();
    ctx.scenario.node_order.push_back(id);
    ctx.scenario.nodes.emplace(id, std::move(node));
  }
  if (intents > scoring::k_max_intents)
    r.error("nodes", fmt::format("{} intents in all, more than the {} a scenario may have (see scoring/core/limits.h)",
                                 intents, scoring::k_max_intents));
}

}  // namespace chatdrill::engine::detail
