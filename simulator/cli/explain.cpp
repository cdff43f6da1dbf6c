// `chatdrill explain SCENARIO NODE "reply"`: how the persona reads a reply at a node — the
// words' lemmas and grammar, clauses, negation, concepts and moves, each intent's match or
// why it failed, and what the customer does. For trainers writing matchers. Exit 0 read,
// 1 invalid scenario or unknown node, 2 usage.
#include <cstdio>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "cli.h"
#include "simulator/engine/reply_reader.h"
#include "simulator/engine/scenario_loader.h"

namespace chatdrill::cli {

namespace {

constexpr const char* k_explain_usage =
    "usage: chatdrill explain SCENARIO NODE \"reply text\" [--mood M]\n"
    "Shows how the customer of SCENARIO (a file or a bundled id) reads the reply at NODE: the\n"
    "words (lemma, class, person, mood, negation, compound parts), clauses, concepts and moves,\n"
    "which intent matched and why, or why none did, and what the customer does.\n"
    "  --mood M   the customer's mood before the reply (-1..1; default: the persona's)\n"
    "Exit 0: explained, 1: invalid scenario or unknown node, 2: bad usage.\n";

using scoring::Mood;
using scoring::WordClass;

const char* class_name(WordClass c) {
  static constexpr const char* names[] = {"?",        "noun",    "adjective",    "verb",       "adverb",
                                          "pronoun",  "numeral", "conjunction",  "adposition", "interjection",
                                          "negation", "name",    "abbreviation", "other"};
  return names[static_cast<int>(c)];
}

std::string reading_text(const scoring::Reading& r) {
  static constexpr const char* moods[] = {"",          "indicative", "imperative", "conditional",
                                          "potential", "infinitive", "participle"};
  std::string out = fmt::format("{} ({}", r.lemma, class_name(r.word_class));
  if (r.mood != Mood::none) out += fmt::format(", {}", moods[static_cast<int>(r.mood)]);
  if (r.person == 4) out += ", passive";
  else if (r.person) out += fmt::format(", person {}{}", r.person, r.plural ? " plural" : "");
  if (!r.grammatical_case.empty()) out += ", " + r.grammatical_case;
  if (r.modal) out += ", modal";
  if (!r.verb.empty()) out += ", from " + r.verb;
  return out + ")";
}

std::string clause_text(const scoring::Analysis& a, int clause) {
  const auto& c = a.clauses[static_cast<std::size_t>(clause)];
  std::string out;
  for (std::size_t k = c.first_token; k < c.first_token + c.token_count; ++k)
    out += (out.empty() ? "" : " ") + std::string(a.tokens[k].surface);
  return out;
}

void print_words(const scoring::Analysis& a) {
  std::printf("words:\n");
  for (std::size_t k = 0; k < a.tokens.size(); ++k) {
    const auto& w = a.word(k);
    std::string line = fmt::format("  {:<18}", std::string(a.tokens[k].surface));
    for (std::size_t i = 0; i < w.readings.size(); ++i) line += (i ? " | " : "") + reading_text(w.readings[i]);
    if (w.parts.size() >= 2) {
      std::string parts;
      for (const auto& p : w.parts) parts += (parts.empty() ? "" : "+") + p;
      line += " compound " + parts;
    }
    if (w.clitics & scoring::k_clitic_ko) line += " -ko";
    if (w.clitics & scoring::k_clitic_han) line += " -han";
    if (w.clitics & scoring::k_clitic_pa) line += " -pa";
    if (!w.known) line += " [not in the dictionary: matched by stem or one edit]";
    std::printf("%s\n", line.c_str());
  }
}

void print_structure(const scoring::Analysis& a) {
  std::printf("clauses:\n");
  for (std::size_t c = 0; c < a.clauses.size(); ++c)
    std::printf("  %zu. \"%s\"%s%s\n", c + 1, clause_text(a, static_cast<int>(c)).c_str(),
                a.clauses[c].question ? " (question)" : "", a.clauses[c].negated ? " (negated)" : "");
  std::printf("concepts:%s\n", a.concepts.empty() ? " none" : "");
  for (const auto& h : a.concepts)
    std::printf("  %s in clause %d%s\n", std::string(h.id).c_str(), h.clause + 1,
                h.negated ? " (negated: does not count)" : "");
  std::printf("moves:%s\n", a.moves.empty() ? " none" : "");
  for (const auto& m : a.moves)
    std::printf("  %s in clause %d (%s)%s\n", scoring::move_name(m.kind), m.clause + 1, std::string(m.rule).c_str(),
                m.seconds > 0 ? fmt::format(", {:.0f} s stated", m.seconds).c_str() : "");
}

void print_intents(const engine::ReplyReader& reader, const engine::Node& node, const scoring::Analysis& a) {
  std::printf("intents at node %s:\n", node.id.c_str());
  for (std::size_t i = 0; i < node.expect.size(); ++i) {
    const auto& intent = node.expect[i];
    const auto& m = reader.intent_matcher(node.id, i);
    if (auto why = m.match(a)) {
      std::string how = why->how.empty() ? "" : fmt::format(", by {}", why->how);
      std::printf("  %-16s matches %s \"%s\"%s%s\n", intent.id.c_str(), why->what.c_str(), why->entry.c_str(),
                  how.c_str(), why->clause >= 0 ? fmt::format(" in clause {}", why->clause + 1).c_str() : "");
    } else {
      std::string negated;
      for (const auto& n : m.negated_hits(a))
        negated += fmt::format(" \"{}\" is in a negated clause ({});", n.entry, n.clause + 1);
      std::printf("  %-16s no match%s\n", intent.id.c_str(), negated.empty() ? "" : (":" + negated).c_str());
    }
  }
}

}  // namespace

int explain_command(int argc, char** argv) {
  std::string args[3];
  int given = 0;
  std::optional<double> mood;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") return std::fputs(k_explain_usage, stdout), 0;
    if (arg == "--mood") {
      if (i + 1 >= argc) return std::fprintf(stderr, "chatdrill explain: --mood needs a value\n%s", k_explain_usage), 2;
      try {
        mood = std::stod(argv[++i]);
      } catch (const std::exception&) { mood = std::nullopt; }
      if (!mood || *mood < -1 || *mood > 1)
        return std::fprintf(stderr, "chatdrill explain: --mood wants a number from -1 to 1\n"), 2;
    } else if (given < 3) {
      args[given++] = arg;
    } else {
      return std::fprintf(stderr, "chatdrill explain: too many arguments\n%s", k_explain_usage), 2;
    }
  }
  if (given < 3)
    return std::fprintf(stderr, "chatdrill explain: SCENARIO, NODE and a reply are needed\n%s", k_explain_usage), 2;
  std::error_code ec;
  std::optional<std::string> path;
  if (std::filesystem::exists(args[0], ec)) path = args[0];
  else path = engine::find_bundled_scenario(args[0]);
  if (!path) return std::fprintf(stderr, "%s: no such scenario file or bundled scenario id\n", args[0].c_str()), 1;
  const auto load = engine::load_scenario(*path);
  for (const auto& d : load.diagnostics) std::fprintf(stderr, "%s\n", d.to_string().c_str());
  if (!load.scenario) return 1;
  const engine::Node* node = load.scenario->node(args[1]);
  if (!node) {
    std::string nodes;
    for (const auto& id : load.scenario->node_order) nodes += (nodes.empty() ? "" : ", ") + id;
    return std::fprintf(stderr, "%s: no node \"%s\" (nodes: %s)\n", path->c_str(), args[1].c_str(), nodes.c_str()), 1;
  }
  try {
    engine::ReplyReader reader(load.scenario);
    const auto a = reader.analyzer().analyze(args[2]);
    std::printf("reply: %s\n", args[2].c_str());
    print_words(a);
    print_structure(a);
    print_intents(reader, *node, a);
    const double m = mood.value_or(load.scenario->persona.mood);
    const auto rd = reader.read(node->id, a, m);
    for (const auto& note : rd.notes) std::printf("  note: %s\n", note.c_str());
    using Kind = engine::ReplyReading::Kind;
    switch (rd.kind) {
      case Kind::intent:
        std::printf("the customer: reaches intent %s and moves to node %s\n", rd.label.c_str(),
                    node->expect[rd.intent_index].go_to.c_str());
        break;
      case Kind::reaction:
        std::printf("the customer: reacts to the %s (built-in behaviour; mood %+.2f) and stays at %s\n",
                    rd.label.c_str(), rd.reaction->mood, node->id.c_str());
        break;
      case Kind::hold:
        std::printf("the customer: waits %.0f s for you to come back (hold; patience rests)\n", rd.hold_seconds);
        break;
      case Kind::courtesy:
        std::printf("the customer: nothing to answer, goes on waiting (greeting, thanks or check-in only)\n");
        break;
      case Kind::fallback: std::printf("the customer: does not understand (fallback line); no intent matched\n"); break;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "chatdrill explain: %s\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace chatdrill::cli
