// Scenario loader: reads the top level of a `chatdrill.scenario/1` file (persona, slots,
// scoring, model replies, self-tests), then the nodes and the graph checks, and finds
// scenario files in folders. See docs/scenario-format.md for the rules enforced here.
#include "scenario_loader.h"

#include "behaviour.h"
#include "saved_replies.h"
#include "scoring/text/terms.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "scenario_reading.h"
#include "scoring/core/paths.h"

namespace chatdrill::engine {

using detail::ReadContext;
using scoring::Json;

bool is_valid_scenario_id(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

namespace {

const std::vector<std::string> k_archetypes = {"impatient", "silent",  "cancelling", "undecided",
                                               "angry",     "bounced", "neutral"};

void read_persona(FieldReader& r, const Json& root, Scenario& s) {
  const Json* pj = r.member(root, "", "persona", true, "who the customer is");
  if (!pj) return;
  if (!pj->is_object()) {
    r.wrong_type("persona", *pj, "an object {\"name\", \"archetype\", ...}");
    return;
  }
  const std::string p = "persona";
  r.check_members(*pj, p, {"name", "archetype", "typing_cps", "patience", "mood", "nudges", "nudge_at", "leave"});
  Persona& persona = s.persona;
  persona.name = r.text(*pj, p, "name", true).value_or("");
  if (auto a = r.text(*pj, p, "archetype", true, "impatient, silent, cancelling, ...")) {
    persona.archetype = *a;
    if (std::find(k_archetypes.begin(), k_archetypes.end(), *a) == k_archetypes.end())
      r.error("persona.archetype", fmt::format("unknown archetype \"{}\"{}; one of impatient, silent, cancelling, "
                                               "undecided, angry, bounced, neutral",
                                               *a, did_you_mean(*a, k_archetypes)));
  }
  persona.typing_cps = r.number(*pj, p, "typing_cps", Range{1, 30}, "characters per second").value_or(5.0);
  persona.patience = r.number(*pj, p, "patience", Range{10, 1800}, "seconds").value_or(120);
  persona.mood = r.mood(*pj, p, "mood").value_or(0.0);
  if (auto v = r.texts(*pj, p, "nudges", false, true)) persona.nudges = std::move(*v);
  if (auto v = r.texts(*pj, p, "leave", false, true)) persona.leave = std::move(*v);
  if (const Json* at = r.member(*pj, p, "nudge_at", false)) {
    const std::string ap = "persona.nudge_at";
    if (!at->is_array()) {
      r.wrong_type(ap, *at, "a list of fractions of patience, like [0.5, 0.8]");
      return;
    }
    std::vector<double> fractions;
    for (std::size_t i = 0; i < at->size(); ++i) {
      const std::string ep = element_path(ap, i);
      if (!(*at)[i].is_number()) {
        r.wrong_type(ep, (*at)[i], "a number between 0 and 1");
        continue;
      }
      const double f = (*at)[i].get<double>();
      if (!r.check_range(ep, f, Range{0, 1, true}, "(a fraction of patience, below 1)")) continue;
      if (f >= 1) {
        r.error(ep, "must be below 1 (at 1 the customer leaves)");
        continue;
      }
      if (!fractions.empty() && f <= fractions.back()) {
        r.error(ep, "fractions must go up");
        continue;
      }
      fractions.push_back(f);
    }
    persona.nudge_at = std::move(fractions);
  }
}

// Lines used when a scenario does not give its own.
void apply_language_defaults(Scenario& s) {
  const bool fi = s.lang == scoring::Language::fi;
  if (s.persona.nudges.empty())
    s.persona.nudges = fi ? std::vector<std::string>{"Haloo?", "Onko siellä ketään?"}
                          : std::vector<std::string>{"Hello?", "Is anyone there?"};
  if (s.persona.leave.empty())
    s.persona.leave = fi ? std::vector<std::string>{"No, en jaksa odottaa enempää. Hei."}
                         : std::vector<std::string>{"Never mind, I can't wait any longer. Bye."};
}

void read_slots(FieldReader& r, const Json& root, Scenario& s) {
  const Json* sj = r.member(root, "", "slots", false);
  if (!sj) return;
  if (!sj->is_array()) {
    r.wrong_type("slots", *sj, "a list of {\"id\", \"label\", \"keywords\", ...}");
    return;
  }
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < sj->size(); ++i) {
    const std::string p = element_path("slots", i);
    const Json& item = (*sj)[i];
    if (!item.is_object()) {
      r.wrong_type(p, item, "an object {\"id\", \"label\", \"keywords\", ...}");
      continue;
    }
    r.check_members(item, p, {"id", "label", "keywords", "stems", "prefixes"});
    scoring::Slot slot;
    slot.id = r.text(item, p, "id", true).value_or("");
    if (!slot.id.empty() && std::find(ids.begin(), ids.end(), slot.id) != ids.end())
      r.error(member_path(p, "id"), fmt::format("duplicate slot id \"{}\"", slot.id));
    ids.push_back(slot.id);
    slot.label = r.text(item, p, "label", false).value_or(slot.id);
    slot.keywords = r.texts(item, p, "keywords", false, false).value_or(std::vector<std::string>{});
    slot.stems = r.texts(item, p, "stems", false, false).value_or(std::vector<std::string>{});
    slot.prefixes = r.texts(item, p, "prefixes", false, false).value_or(std::vector<std::string>{});
    if (slot.keywords.empty() && slot.stems.empty() && slot.prefixes.empty())
      r.warning(p, "a slot without keywords, stems or prefixes is never covered by a question");
    s.rubric.slots.push_back(std::move(slot));
  }
}

void read_scoring(FieldReader& r, const Json& root, Scenario& s) {
  const Json* sj = r.member(root, "", "scoring", false);
  if (!sj) return;
  if (!sj->is_object()) {
    r.wrong_type("scoring", *sj, "an object {\"first_reply_target\", ...}");
    return;
  }
  r.check_members(*sj, "scoring", {"first_reply_target", "reply_target", "weights", "writing"});
  s.rubric.first_reply_target = r.seconds(*sj, "scoring", "first_reply_target").value_or(s.rubric.first_reply_target);
  s.rubric.reply_target = r.seconds(*sj, "scoring", "reply_target").value_or(s.rubric.reply_target);
  s.rubric.check_writing = r.boolean(*sj, "scoring", "writing").value_or(true);
  const Json* w = r.member(*sj, "scoring", "weights", false);
  if (!w) return;
  if (!w->is_object()) {
    r.wrong_type("scoring.weights", *w, "an object {\"speed\": 1, ...}");
    return;
  }
  static_assert(scoring::k_dimension_count == 6, "list every dimension here");
  r.check_members(*w, "scoring.weights",
                  {scoring::k_dimensions[0], scoring::k_dimensions[1], scoring::k_dimensions[2],
                   scoring::k_dimensions[3], scoring::k_dimensions[4], scoring::k_dimensions[5]});
  for (std::size_t k = 0; k < scoring::k_dimensions.size(); ++k)
    if (auto v = r.number(*w, "scoring.weights", scoring::k_dimensions[k], Range{0, 100}, "")) s.rubric.weights[k] = *v;
}

void read_model_replies(ReadContext& ctx, const Json& root) {
  FieldReader& r = ctx.reader;
  const Json* mj = r.member(root, "", "model_replies", false);
  if (!mj) return;
  if (!mj->is_array()) {
    r.wrong_type("model_replies", *mj, "a list of {\"node\", \"text\"}");
    return;
  }
  for (std::size_t i = 0; i < mj->size(); ++i) {
    const std::string p = element_path("model_replies", i);
    const Json& item = (*mj)[i];
    if (!item.is_object()) {
      r.wrong_type(p, item, "an object {\"node\", \"text\"}");
      continue;
    }
    r.check_members(item, p, {"node", "text"});
    ModelReply m;
    if (auto n = r.text(item, p, "node", true)) {
      m.node = *n;
      ctx.refs.push_back({*n, member_path(p, "node")});
    }
    m.text = r.text(item, p, "text", true).value_or("");
    ctx.scenario.model_replies.push_back(std::move(m));
  }
}

}  // namespace

namespace {

bool check_format(FieldReader& r, const Json& root) {
  const Json* f = r.member(root, "", "format", true, fmt::format("\"{}\"", k_scenario_format));
  if (!f) return true;  // reported; read on, it is probably just forgotten
  if (f->is_string() && f->get<std::string>() == k_scenario_format) return true;
  std::string hint = fmt::format("this program reads \"{}\"", k_scenario_format);
  if (f->is_string() && f->get<std::string>().rfind("chatdrill.scenario/", 0) != 0)
    hint = fmt::format("this is not a scenario file ({})", hint);
  r.error("format", fmt::format("{} is not a supported format: {}", scoring::quoted_value(*f), hint));
  return false;
}

void read_identity(FieldReader& r, const Json& root, Scenario& s) {
  s.id = r.text(root, "", "id", true, "lowercase letters, digits and -, the file name without .json").value_or("");
  if (!s.id.empty() && !is_valid_scenario_id(s.id))
    r.error("id", fmt::format("\"{}\" is not a valid id: use lowercase letters, digits and - (like "
                              "\"cancel-subscription-fi\")",
                              s.id));
  const std::filesystem::path file(r.doc().file);
  if (!s.id.empty() && file.extension() == ".json" && file.stem().string() != s.id)
    r.error("id", fmt::format("id \"{}\" does not match the file name \"{}\"", s.id, file.filename().string()));
  s.title = r.text(root, "", "title", true).value_or("");
  if (auto lang = r.text(root, "", "language", true, "\"fi\" or \"en\"")) {
    s.language = *lang;
    if (*lang == "fi") s.lang = scoring::Language::fi;
    else if (*lang == "en") s.lang = scoring::Language::en;
    else r.error("language", fmt::format("\"{}\" is not a supported language (fi, en)", *lang));
  }
  if (auto twin = r.text(root, "", "twin", false)) {
    s.twin = *twin;
    if (!is_valid_scenario_id(*twin)) r.error("twin", fmt::format("\"{}\" is not a valid scenario id", *twin));
  }
  if (const Json* d = r.member(root, "", "difficulty", false)) {
    if (!d->is_number_integer()) r.wrong_type("difficulty", *d, "a whole number 1..5");
    else if (r.check_range("difficulty", d->get<double>(), Range{1, 5}, "")) s.difficulty = d->get<int>();
  }
  s.tags = r.texts(root, "", "tags", false, false).value_or(std::vector<std::string>{});
  s.brief = r.text(root, "", "brief", false).value_or("");
  s.hints = r.boolean(root, "", "hints").value_or(true);
  s.show_customer_state = r.boolean(root, "", "show_customer_state").value_or(false);
}

// Concept ids in matchers must name concepts of the scenario's language.
void check_concepts(FieldReader& r, const Scenario& s) {
  bool used = false;
  for (const auto& [id, n] : s.nodes) {
    for (const auto& i : n.expect) used = used || !i.matcher.concepts.empty();
    if (n.silence) used = used || !n.silence->checkin.concepts.empty();
  }
  if (!used) return;
  std::shared_ptr<const scoring::ConceptSet> concepts;
  try {
    concepts = scoring::load_concepts(s.lang);
  } catch (const std::exception& e) {
    r.error("language", fmt::format("the bundled concepts cannot be read: {}", e.what()));
    return;
  }
  std::vector<std::string> known(concepts->ids.begin(), concepts->ids.end());
  auto check = [&](const Matcher& m, const std::string& path) {
    for (std::size_t i = 0; i < m.concepts.size(); ++i)
      if (!concepts->has(m.concepts[i]))
        r.error(element_path(member_path(path, "concepts"), i),
                fmt::format("unknown concept \"{}\"{} (see scenarios/concepts/{}.json)", m.concepts[i],
                            did_you_mean(m.concepts[i], known), s.language));
  };
  for (const auto& id : s.node_order) {
    const Node& n = s.nodes.at(id);
    const std::string np = member_path("nodes", id);
    for (std::size_t i = 0; i < n.expect.size(); ++i)
      check(n.expect[i].matcher, element_path(member_path(np, "expect"), i));
    if (n.silence) check(n.silence->checkin, member_path(member_path(np, "silence"), "checkin"));
  }
}

// The words a trainee may take from the scenario (product names, surnames) without the
// writing grader calling them misspelt: the customer's lines, brief and persona name, split
// at spaces and stripped of punctuation at their ends, each once.
void fill_vocabulary(Scenario& s) {
  std::set<std::string> words;
  auto add = [&](std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
      const std::size_t end = std::min(text.find_first_of(" \t\n", at), text.size());
      std::string_view w = text.substr(at, end - at);
      while (!w.empty() && std::ispunct(static_cast<unsigned char>(w.front()))) w.remove_prefix(1);
      while (!w.empty() && std::ispunct(static_cast<unsigned char>(w.back()))) w.remove_suffix(1);
      if (!w.empty()) words.emplace(w);
      at = end + 1;
    }
  };
  add(s.brief);
  add(s.persona.name);
  for (const auto* lines : {&s.fallback, &s.persona.nudges, &s.persona.leave})
    for (const auto& line : *lines) add(line);
  for (const auto& [id, node] : s.nodes) {
    for (const auto& line : node.say) add(line);
    for (const auto& line : node.say_upset) add(line);
    if (node.fallback)
      for (const auto& line : node.fallback->say) add(line);
  }
  s.rubric.vocabulary.assign(words.begin(), words.end());
}

void fill_rubric(Scenario& s) {
  const auto space = s.persona.name.find_first_of(" \t");
  s.rubric.customer_name = s.persona.name.substr(0, space);
  s.rubric.customer_typing_cps = s.persona.typing_cps;  // the persona types as the engine makes it
  fill_vocabulary(s);
  for (const auto& id : s.node_order) {
    if (const auto& silence = s.nodes.at(id).silence) {
      s.rubric.silence_checkin_from = silence->window_from;
      s.rubric.silence_checkin_to = silence->window_to;
      break;
    }
  }
  // Each outcome's rating: the first ending with it that gives one, else the default.
  for (const auto& id : s.node_order) {
    const auto& end = s.nodes.at(id).end;
    if (!end || end->outcome.empty()) continue;
    const std::optional<double> rating = end->rating ? end->rating : scoring::default_outcome_rating(end->outcome);
    if (rating) s.rubric.outcome_ratings.emplace(end->outcome, *rating);
  }
}

}  // namespace

ScenarioLoad load_scenario_doc(const scoring::JsonDoc& doc) {
  ScenarioLoad result;
  FieldReader r(doc, result.diagnostics);
  auto s = std::make_shared<Scenario>();
  s->file = doc.file;
  if (!doc.root.is_object()) {
    r.wrong_type("", doc.root, "an object (a scenario file starts with '{')");
    return result;
  }
  if (check_format(r, doc.root)) {
    r.check_members(doc.root, "",
                    {"format",       "id",    "title", "language",      "twin",    "difficulty", "tags",
                     "skills",       "brief", "hints", "case",          "persona", "fallback",   "slots",
                     "scoring",      "start", "nodes", "model_replies", "tests",   "behaviour",  "show_customer_state",
                     "saved_replies"});
    detail::read_case(r, doc.root, *s);
    // Texts below see case references already replaced (same paths, so same locations).
    const std::optional<Json> substituted = detail::substitute_case_refs(r, doc.root, *s);
    const Json& root = substituted ? *substituted : doc.root;
    ReadContext ctx{r, *s, {}};
    read_identity(r, root, *s);
    read_persona(r, root, *s);
    s->fallback = r.texts(root, "", "fallback", true, true, "lines said when the customer does not follow")
                      .value_or(std::vector<std::string>{});
    read_slots(r, root, *s);
    read_scoring(r, root, *s);
    detail::read_skills(r, root, *s);
    detail::apply_skill_weights(
        *s, root.contains("scoring") && root["scoring"].is_object() && root["scoring"].contains("weights"));
    if (auto start = r.text(root, "", "start", true, "the node the customer opens with")) {
      s->start = *start;
      ctx.refs.push_back({*start, "start"});
    }
    if (const Json* nodes = r.member(root, "", "nodes", true, "the customer's conversation steps"))
      detail::read_nodes(ctx, *nodes);
    if (const Json* b = r.member(root, "", "behaviour", false)) {
      check_behaviour(r, *b, "behaviour");
      if (b->is_object()) s->behaviour = *b;
    }
    read_model_replies(ctx, root);
    s->saved_replies = read_saved_replies(r, root, "scenario");
    detail::read_tests(ctx, root);
    check_concepts(r, *s);
    if (root.contains("nodes") && root["nodes"].is_object()) detail::check_graph(ctx);
    apply_language_defaults(*s);
    fill_rubric(*s);
  }
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [](const auto& a, const auto& b) {
    return std::pair(a.pos.line, a.pos.col) < std::pair(b.pos.line, b.pos.col);
  });
  if (!scoring::has_errors(result.diagnostics)) result.scenario = std::move(s);
  return result;
}

ScenarioLoad load_scenario(const std::string& path) {
  auto parsed = scoring::parse_json_file(path);
  if (!parsed.doc) return ScenarioLoad{nullptr, {*parsed.error}};
  return load_scenario_doc(*parsed.doc);
}

std::optional<std::string> find_bundled_scenario(const std::string& id) {
  if (!is_valid_scenario_id(id)) return std::nullopt;
  std::error_code ec;
  const auto path = scoring::data_path("scenarios") / (id + ".json");
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  return path.string();
}

}  // namespace chatdrill::engine
