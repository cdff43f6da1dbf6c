// Reading shift files; see shift.h. Says precisely what is wrong with a shift a trainer
// wrote; knows nothing about sessions, windows or clocks.
#include "shift.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <map>

#include "field_reader.h"
#include "scenario.h"
#include "scenario_loader.h"
#include "scenario_ref.h"
#include "scoring/core/paths.h"
#include "scoring/shift_grade.h"
#include "scoring/text.h"
#include "validation.h"

namespace chatdrill::engine {

namespace fs = std::filesystem;
using scoring::Json;

const ShiftChat* Shift::chat(const std::string& chat_id) const {
  for (const auto& c : chats)
    if (c.id == chat_id) return &c;
  return nullptr;
}

namespace {

const std::vector<std::string> k_shift_fields = {"format", "id",          "title",    "language",
                                                 "brief",  "concurrency", "duration", "chats"};
const std::vector<std::string> k_chat_fields = {"id", "scenario", "arrive_at", "seed"};

bool is_chat_id(std::string_view s) {
  if (s.empty() || s.size() > 40) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  return true;
}

std::optional<double> read_time(FieldReader& r, const Json& v, const std::string& path, bool positive) {
  const auto s = r.as_number(v, path, "a number of seconds");
  if (!s) return std::nullopt;
  if (!std::isfinite(*s) || *s < 0 || (positive && *s == 0) || *s > k_max_shift_seconds) {
    r.error(path, fmt::format("{} s is not a time in a shift ({} to {:g} h)", v.dump(),
                              positive ? "more than 0 s" : "0 s", k_max_shift_seconds / 3600));
    return std::nullopt;
  }
  return s;
}

void read_chat(FieldReader& r, Shift& shift, const Json& v, const std::string& path,
               std::map<std::string, std::string>& ids) {
  if (!v.is_object()) {
    r.wrong_type(path, v, "a chat {\"id\", \"scenario\", \"arrive_at\", \"seed\"}");
    return;
  }
  ShiftChat chat;
  for (const auto& [key, value] : v.items()) {
    const std::string p = scoring::member_path(path, key);
    if (key == "id") {
      if (auto id = r.as_string(value, p)) {
        if (!is_chat_id(*id)) r.error(p, fmt::format("\"{}\" is not a chat id ([a-z0-9_-]+, like \"c1\")", *id));
        else if (auto [it, fresh] = ids.emplace(*id, path); !fresh)
          r.error(p, fmt::format("duplicate chat id \"{}\" (also {})", *id, it->second));
        chat.id = *id;
      }
    } else if (key == "scenario") {
      chat.where = r.doc().pos(p);
      if (auto ref = r.as_string(value, p)) {
        chat.scenario_ref = *ref;
        if (auto resolved = resolve_scenario_ref(r, p, *ref)) chat.scenario_path = *resolved;
      }
    } else if (key == "arrive_at") {
      if (auto t = read_time(r, value, p, false)) chat.arrive_at = *t;
    } else if (key == "seed") {
      if (auto s = r.as_whole_number(value, p)) chat.seed = *s;
    } else if (key.empty() || (key[0] != '$' && key[0] != '_')) {
      r.error_at_key(p, fmt::format("unknown field \"{}\"{} (a chat has \"id\", \"scenario\", \"arrive_at\" and "
                                    "\"seed\")",
                                    key, did_you_mean(key, k_chat_fields)));
    }
  }
  for (const char* required : {"id", "scenario", "arrive_at"})
    if (!v.contains(required)) r.error(path, fmt::format("missing \"{}\"", required));
  shift.chats.push_back(std::move(chat));
}

void read_chats(FieldReader& r, Shift& shift, const Json& v) {
  if (!v.is_array()) {
    r.wrong_type("chats", v, "a list of chats {\"id\", \"scenario\", \"arrive_at\", \"seed\"}");
    return;
  }
  if (v.empty()) r.error("chats", "is empty; a shift needs at least one chat");
  if (v.size() > k_max_shift_chats) {
    r.error("chats", fmt::format("{} chats is too many for one shift (at most {})", v.size(), k_max_shift_chats));
    return;
  }
  std::map<std::string, std::string> ids;
  for (std::size_t i = 0; i < v.size(); ++i) read_chat(r, shift, v[i], scoring::element_path("chats", i), ids);
  for (std::size_t i = 0; i < shift.chats.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (!shift.chats[i].scenario_path.empty() && shift.chats[i].scenario_path == shift.chats[j].scenario_path)
        r.warning(scoring::member_path(scoring::element_path("chats", i), "scenario"),
                  fmt::format("scenario \"{}\" is also chat \"{}\"'s: the two customers share a name and a case",
                              shift.chats[i].scenario_ref, shift.chats[j].id));
}

void read_field(FieldReader& r, Shift& shift, const std::string& key, const Json& value) {
  if (key == "format" || key == "chats") return;  // read by the caller
  if (key == "id") {
    if (auto id = r.as_string(value, key)) {
      if (!is_valid_scenario_id(*id)) r.error(key, fmt::format("\"{}\" is not an id ([a-z0-9-]+)", *id));
      else shift.id = *id;
    }
  } else if (key == "title" || key == "brief") {
    if (auto s = r.as_string(value, key)) (key == "title" ? shift.title : shift.brief) = *s;
    if (key == "title" && shift.title.find_first_not_of(" \t\r\n") == std::string::npos)
      r.error(key, "is empty; a shift needs a title");
  } else if (key == "language") {
    if (auto s = r.as_string(value, key)) {
      if (!scoring::parse_language(*s)) r.error(key, fmt::format("\"{}\" is not \"fi\" or \"en\"", *s));
      shift.language = *s;
    }
  } else if (key == "concurrency") {
    const auto n = r.as_number(value, key, "a whole number of chats");
    if (n && (!std::isfinite(*n) || *n != std::floor(*n) || *n < 1 || *n > static_cast<double>(k_max_shift_chats)))
      r.error(key, fmt::format("{} is not a number of chats open at once (1 to {})", value.dump(), k_max_shift_chats));
    else if (n) shift.concurrency = static_cast<int>(*n);
  } else if (key == "duration") {
    shift.duration = read_time(r, value, key, true);
  } else if (key.empty() || (key[0] != '$' && key[0] != '_')) {
    r.error_at_key(key, fmt::format("unknown field \"{}\"{}", key, did_you_mean(key, k_shift_fields)));
  }
}

void check_times(FieldReader& r, const Shift& shift) {
  if (!shift.duration) return;
  for (std::size_t i = 0; i < shift.chats.size(); ++i)
    if (shift.chats[i].arrive_at >= *shift.duration)
      r.error(scoring::member_path(scoring::element_path("chats", i), "arrive_at"),
              fmt::format("{:g} s is not before the end of the shift (duration {:g} s): the customer never arrives",
                          shift.chats[i].arrive_at, *shift.duration));
}

}  // namespace

ShiftLoad shift_from_doc(const scoring::JsonDoc& doc) {
  ShiftLoad result;
  FieldReader r(doc, result.diagnostics);
  const Json& root = doc.root;
  if (!root.is_object()) {
    r.wrong_type("", root, "an object with \"format\", \"title\", \"language\" and \"chats\"");
    return result;
  }
  Shift shift;
  shift.file = doc.file;
  shift.id = fs::path(doc.file).stem().string();
  if (!root.contains("format")) r.error("", fmt::format("missing \"format\": \"{}\"", k_shift_format));
  else if (root["format"] != k_shift_format)
    r.error("format", fmt::format("{} is not \"{}\"", scoring::quoted_value(root["format"]), k_shift_format));
  for (const auto& [key, value] : root.items()) read_field(r, shift, key, value);
  for (const char* required : {"title", "language"})
    if (!root.contains(required)) r.error("", fmt::format("missing \"{}\"", required));
  if (!root.contains("chats")) r.error("", "missing \"chats\" (a list of {\"id\", \"scenario\", \"arrive_at\"})");
  else read_chats(r, shift, root["chats"]);
  check_times(r, shift);
  if (!scoring::has_errors(result.diagnostics)) result.shift = std::move(shift);
  return result;
}

ShiftLoad load_shift(const std::string& path) {
  auto parsed = scoring::parse_json_file(path);
  if (!parsed.doc) return ShiftLoad{std::nullopt, {*parsed.error}};
  return shift_from_doc(*parsed.doc);
}

bool is_shift_doc(const scoring::JsonDoc& doc) {
  return doc.root.is_object() && doc.root.value("format", Json()) == k_shift_format;
}

ShiftScenariosLoad load_shift_scenarios(const Shift& shift) {
  ShiftScenariosLoad result;
  std::map<std::string, std::shared_ptr<const Scenario>> by_file;
  scoring::Diagnostics own;
  for (std::size_t i = 0; i < shift.chats.size(); ++i) {
    const ShiftChat& chat = shift.chats[i];
    auto [it, fresh] = by_file.try_emplace(chat.scenario_path);
    if (fresh) {
      auto loaded = load_scenario(chat.scenario_path);
      for (auto& d : loaded.diagnostics) result.diagnostics.push_back(std::move(d));
      it->second = loaded.scenario;
    }
    const auto& scenario = it->second;
    const std::string path = scoring::member_path(scoring::element_path("chats", i), "scenario");
    if (!scenario) {
      if (fresh)
        own.push_back({shift.file, chat.where, path,
                       fmt::format("scenario \"{}\" does not load (its findings are above)", chat.scenario_ref)});
    } else if (scenario->language != shift.language) {
      own.push_back({shift.file, chat.where, path,
                     fmt::format("scenario \"{}\" is in \"{}\", the shift in \"{}\"", chat.scenario_ref,
                                 scenario->language, shift.language)});
    }
    result.scenarios.push_back(scenario);
  }
  result.diagnostics.insert(result.diagnostics.end(), own.begin(), own.end());
  if (scoring::has_errors(result.diagnostics)) result.scenarios.clear();
  return result;
}

std::optional<std::string> find_bundled_shift(const std::string& id) {
  if (!is_valid_scenario_id(id)) return std::nullopt;
  const fs::path p = scoring::data_path("scenarios/shifts") / (id + ".json");
  std::error_code ec;
  if (fs::is_regular_file(p, ec)) return p.string();
  return std::nullopt;
}

CustomerFacts customer_facts(const Scenario& scenario) {
  CustomerFacts facts;
  facts.name = scenario.persona.name;
  for (const auto& section : scenario.case_data)
    for (const auto& field : section.fields)
      for (auto& id : scoring::identifiers_in(field.value)) {
        bool seen = false;
        for (const auto& d : facts.details) seen = seen || d == id;
        if (!seen) facts.details.push_back(std::move(id));
      }
  return facts;
}

std::string shift_schema_path() { return scoring::data_path("scenarios/schema/shift.schema.json").string(); }

}  // namespace chatdrill::engine
