// Built-in behaviour: defaults from data, overrides merged; see behaviour.h.
#include "behaviour.h"

#include <fmt/format.h>

#include <map>
#include <mutex>
#include <stdexcept>

#include "scenario.h"
#include "scoring/core/paths.h"

namespace chatdrill::engine {

using scoring::Json;

namespace {

constexpr const char* k_reactions[] = {"bounce", "blame", "rudeness", "dismissal", "repeat"};

// A part is an object of settings, or false (off) / true (on, as it is).
void check_part(FieldReader& r, const Json& obj, const std::string& path, const std::string& part) {
  const std::string p = member_path(path, part);
  const Json& v = obj[part];
  if (v.is_boolean()) return;
  if (part == "checkin" || part == "courtesy" || part == "multi_intent") return r.wrong_type(p, v, "true or false");
  if (!v.is_object()) return r.wrong_type(p, v, "an object of settings, or false to switch it off");
  if (part == "hold") {
    r.check_members(v, p, {"enabled", "seconds", "seconds_by_archetype", "say"});
    r.seconds(v, p, "seconds", false, false, 1800);
    if (const Json* by = r.member(v, p, "seconds_by_archetype", false)) {
      if (!by->is_object())
        r.wrong_type(member_path(p, "seconds_by_archetype"), *by, "an object of archetype -> seconds");
      else
        for (const auto& [arch, s] : by->items())
          if (!s.is_number() || s.get<double>() <= 0 || s.get<double>() > 1800)
            r.error(member_path(member_path(p, "seconds_by_archetype"), arch), "must be seconds (0 < s <= 1800)");
    }
  } else if (part == "misunderstanding") {
    r.check_members(v, p, {"enabled", "limit", "then", "say"});
    r.number(v, p, "limit", Range{1, 20}, "replies in a row");
    if (auto then = r.text(v, p, "then", false))
      if (*then != "leave" && *then != "escalate")
        r.error(member_path(p, "then"), fmt::format("\"{}\" is not \"leave\" or \"escalate\"", *then));
  } else {
    r.check_members(v, p, {"enabled", "mood", "say"});
    r.mood(v, p, "mood");
  }
  r.boolean(v, p, "enabled");
  r.texts(v, p, "say", false, true);
}

// A part's "say" lines replace the ones below it when given.
void take_lines(const Json& part, std::vector<std::string>& out) {
  if (part.contains("say") && part["say"].is_array() && !part["say"].empty())
    out = part["say"].get<std::vector<std::string>>();
}

void apply_reaction(const Json& v, Reaction& out) {
  if (v.is_boolean()) return void(out.enabled = v.get<bool>());
  if (!v.is_object()) return;
  out.enabled = v.value("enabled", true);
  if (v.contains("mood") && v["mood"].is_number()) out.mood = v["mood"].get<double>();
  take_lines(v, out.say);
}

// One layer (defaults, scenario or node) on top of what is there.
void apply(const Json& layer, const std::string& archetype, Behaviour& b) {
  if (!layer.is_object()) return;
  if (const auto it = layer.find("hold"); it != layer.end()) {
    const Json& h = *it;
    if (h.is_boolean()) b.hold.enabled = h.get<bool>();
    else if (h.is_object()) {
      b.hold.enabled = h.value("enabled", true);
      if (h.contains("seconds") && h["seconds"].is_number()) b.hold.seconds = h["seconds"].get<double>();
      if (h.contains("seconds_by_archetype") && h["seconds_by_archetype"].is_object()) {
        const Json& by = h["seconds_by_archetype"];
        if (by.contains(archetype) && by[archetype].is_number()) b.hold.seconds = by[archetype].get<double>();
      }
      take_lines(h, b.hold.say);
    }
  }
  Reaction* reactions[] = {&b.bounce, &b.blame, &b.rudeness, &b.dismissal, &b.repeat};
  static_assert(std::size(reactions) == std::size(k_reactions));
  for (std::size_t i = 0; i < std::size(reactions); ++i)
    if (const auto it = layer.find(k_reactions[i]); it != layer.end()) apply_reaction(*it, *reactions[i]);
  for (auto [key, flag] : {std::pair{"checkin", &b.checkin}, std::pair{"courtesy", &b.courtesy},
                           std::pair{"multi_intent", &b.multi_intent}})
    if (const auto it = layer.find(key); it != layer.end() && it->is_boolean()) *flag = it->get<bool>();
  if (const auto it = layer.find("misunderstanding"); it != layer.end()) {
    const Json& m = *it;
    if (m.is_boolean()) b.misunderstanding.enabled = m.get<bool>();
    else if (m.is_object()) {
      b.misunderstanding.enabled = m.value("enabled", true);
      if (m.contains("limit") && m["limit"].is_number()) b.misunderstanding.limit = m["limit"].get<int>();
      if (m.contains("then") && m["then"].is_string()) b.misunderstanding.then = m["then"].get<std::string>();
      take_lines(m, b.misunderstanding.say);
    }
  }
}

// The bundled defaults of a language, read and checked once per process.
const Json& defaults(scoring::Language language) {
  static std::mutex mutex;
  static std::map<scoring::Language, Json> cache;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(language); it != cache.end()) return it->second;
  const auto path =
      scoring::data_path(fmt::format("scenarios/behaviour/{}.json", scoring::language_code(language))).string();
  auto parsed = scoring::parse_json_file(path);
  if (!parsed.doc) throw std::runtime_error(parsed.error->to_string());
  scoring::Diagnostics out;
  FieldReader r(*parsed.doc, out);
  const Json& root = parsed.doc->root;
  if (!root.is_object() || root.value("format", "") != k_behaviour_format)
    r.error("format", fmt::format("\"format\" must be \"{}\"", k_behaviour_format));
  else {
    r.check_members(root, "",
                    {"format", "language", "hold", "bounce", "blame", "rudeness", "dismissal", "repeat", "checkin",
                     "courtesy", "multi_intent", "misunderstanding"});
    Json parts = root;
    parts.erase("format");
    parts.erase("language");
    check_behaviour(r, parts, "");
  }
  scoring::throw_if_errors(out);
  return cache[language] = root;
}

}  // namespace

void check_behaviour(FieldReader& r, const Json& value, const std::string& path) {
  if (!value.is_object()) return r.wrong_type(path, value, "an object of built-in behaviour parts");
  r.check_members(value, path,
                  {"hold", "bounce", "blame", "rudeness", "dismissal", "repeat", "checkin", "courtesy", "multi_intent",
                   "misunderstanding"});
  for (const auto& [part, v] : value.items()) {
    (void)v;
    if (!part.empty() && part[0] != '_' && part[0] != '$') check_part(r, value, path, part);
  }
}

Behaviour resolve_behaviour(const Scenario& scenario, const Node& node) {
  Behaviour b;
  apply(defaults(scenario.lang), scenario.persona.archetype, b);
  apply(scenario.behaviour, scenario.persona.archetype, b);
  apply(node.behaviour, scenario.persona.archetype, b);
  return b;
}

}  // namespace chatdrill::engine
