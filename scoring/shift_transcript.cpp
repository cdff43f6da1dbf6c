// Shift transcript reading and writing; see shift_transcript.h.
#include "shift_transcript.h"

#include "core/limits.h"

#include <fmt/format.h>

#include <cmath>
#include <map>

namespace chatdrill::scoring {

namespace {

struct Reader {
  const JsonDoc& doc;
  Diagnostics& out;
  void error(const std::string& path, std::string message) { out.push_back(doc.diag(path, std::move(message))); }
  void wrong_type(const std::string& path, const Json& v, const char* wanted) {
    error(path, fmt::format("must be {}, not {}", wanted, json_type_name(v)));
  }
  std::optional<double> time(const Json& obj, const std::string& path, const char* key, bool required) {
    const std::string p = member_path(path, key);
    if (!obj.contains(key)) {
      if (required) error(path, fmt::format("missing \"{}\" (seconds since the shift started)", key));
      return std::nullopt;
    }
    const Json& v = obj[key];
    if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0 ||
        v.get<double>() > k_max_transcript_seconds) {
      error(p, fmt::format("must be seconds since the shift started (0 or more), not {}", v.dump()));
      return std::nullopt;
    }
    return v.get<double>();
  }
  std::string text(const Json& obj, const std::string& path, const char* key) {
    if (!obj.contains(key)) return {};
    if (!obj[key].is_string()) {
      wrong_type(member_path(path, key), obj[key], "a string");
      return {};
    }
    return obj[key].get<std::string>();
  }
};

// The chat's transcript, read by the transcript reader on its own subtree; its findings
// are located in this file.
void read_chat_transcript(Reader& r, const Json& t, const std::string& path, ShiftChatRecord& chat) {
  JsonDoc sub;
  sub.root = t;
  sub.file = r.doc.file;
  auto loaded = transcript_from_doc(sub);
  for (auto& d : loaded.diagnostics) {
    const std::string p = d.path.empty() ? path : d.path[0] == '[' ? path + d.path : path + "." + d.path;
    Diagnostic located = r.doc.diag(p, d.message, d.severity);
    r.out.push_back(std::move(located));
  }
  if (loaded.transcript) chat.transcript = std::move(*loaded.transcript);
}

void read_chat(Reader& r, const Json& c, const std::string& path, ShiftTranscript& s,
               std::map<std::string, std::size_t>& ids) {
  if (!c.is_object()) return r.wrong_type(path, c, "a chat {\"id\", \"arrived_at\", \"transcript\"}");
  ShiftChatRecord chat;
  chat.id = r.text(c, path, "id");
  if (chat.id.empty()) r.error(path, "missing \"id\" (the chat's id in the shift, like \"c1\")");
  else if (!ids.emplace(chat.id, s.chats.size()).second)
    r.error(member_path(path, "id"), fmt::format("duplicate chat id \"{}\"", chat.id));
  chat.arrived_at = r.time(c, path, "arrived_at", true).value_or(0);
  chat.picked_up_at = r.time(c, path, "picked_up_at", false);
  if (chat.picked_up_at && *chat.picked_up_at < chat.arrived_at)
    r.error(member_path(path, "picked_up_at"), "is before the chat arrived");
  if (c.contains("customer")) {
    const Json& who = c["customer"];
    const std::string p = member_path(path, "customer");
    if (!who.is_object()) r.wrong_type(p, who, "an object {\"name\", \"details\"}");
    else {
      chat.customer = r.text(who, p, "name");
      if (who.contains("details")) {
        const Json& d = who["details"];
        if (!d.is_array()) r.wrong_type(member_path(p, "details"), d, "a list of strings");
        else
          for (std::size_t i = 0; i < d.size(); ++i) {
            if (d[i].is_string()) chat.details.push_back(d[i].get<std::string>());
            else r.wrong_type(element_path(member_path(p, "details"), i), d[i], "a string");
          }
      }
    }
  }
  if (!c.contains("transcript")) r.error(path, "missing \"transcript\" (the chat's chatdrill.transcript/1)");
  else read_chat_transcript(r, c["transcript"], member_path(path, "transcript"), chat);
  s.chats.push_back(std::move(chat));
}

void read_focus(Reader& r, const Json& v, ShiftTranscript& s, const std::map<std::string, std::size_t>& ids) {
  if (!v.is_array()) return r.wrong_type("focus", v, "a list of {\"at\", \"chat\"}");
  double previous = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string p = element_path("focus", i);
    if (!v[i].is_object()) {
      r.wrong_type(p, v[i], "an object {\"at\", \"chat\"}");
      continue;
    }
    const auto at = r.time(v[i], p, "at", true);
    const std::string chat = r.text(v[i], p, "chat");
    const auto it = ids.find(chat);
    if (it == ids.end()) {
      r.error(member_path(p, "chat"), fmt::format("\"{}\" is not a chat of this shift", chat));
      continue;
    }
    if (!at) continue;
    if (*at < previous) {
      r.error(member_path(p, "at"), fmt::format("{} s is before the switch above it ({} s)", *at, previous));
      continue;
    }
    previous = *at;
    s.focus.push_back({*at, it->second});
  }
}

}  // namespace

ShiftTranscriptLoad shift_transcript_from_doc(const JsonDoc& doc) {
  ShiftTranscriptLoad result;
  Reader r{doc, result.diagnostics};
  const Json& root = doc.root;
  if (!root.is_object()) {
    r.wrong_type("", root, "an object with \"format\", \"language\" and \"chats\"");
    return result;
  }
  ShiftTranscript s;
  if (root.value("format", Json()) != k_shift_transcript_format)
    r.error(root.contains("format") ? "format" : "",
            fmt::format("\"format\" must be \"{}\"", k_shift_transcript_format));
  if (root.contains("shift")) {
    if (!root["shift"].is_object()) r.wrong_type("shift", root["shift"], "an object (the chatdrill.shift/1 played)");
    else s.shift = root["shift"];
  }
  s.id = r.text(root, "", "id");
  s.title = r.text(root, "", "title");
  s.language = r.text(root, "", "language");
  if (s.language != "fi" && s.language != "en")
    r.error(root.contains("language") ? "language" : "", "\"language\" must be \"fi\" or \"en\"");
  if (root.contains("seed")) {
    if (!root["seed"].is_number_unsigned()) r.wrong_type("seed", root["seed"], "a whole number >= 0");
    else s.seed = root["seed"].get<std::uint64_t>();
  }
  s.trainee = r.text(root, "", "trainee");
  s.outcome = r.text(root, "", "outcome");
  s.ended_at = r.time(root, "", "ended_at", false).value_or(0);
  std::map<std::string, std::size_t> ids;
  if (!root.contains("chats")) r.error("", "missing \"chats\" (a list)");
  else if (!root["chats"].is_array()) r.wrong_type("chats", root["chats"], "a list");
  else
    for (std::size_t i = 0; i < root["chats"].size(); ++i)
      read_chat(r, root["chats"][i], element_path("chats", i), s, ids);
  if (root.contains("focus")) read_focus(r, root["focus"], s, ids);
  for (const auto& chat : s.chats)
    for (const auto& m : chat.transcript.messages) s.ended_at = std::max(s.ended_at, chat.shift_time(m.at));
  if (!has_errors(result.diagnostics)) result.shift = std::move(s);
  return result;
}

bool is_shift_transcript_doc(const JsonDoc& doc) {
  return doc.root.is_object() && doc.root.value("format", Json()) == k_shift_transcript_format;
}

Json shift_transcript_to_json(const ShiftTranscript& s) {
  auto time = [](double t) { return std::round(t * 1000.0) / 1000.0; };
  Json j = Json::object();
  j["format"] = k_shift_transcript_format;
  if (!s.id.empty()) j["id"] = s.id;
  if (!s.title.empty()) j["title"] = s.title;
  j["language"] = s.language;
  if (s.seed) j["seed"] = *s.seed;
  if (!s.trainee.empty()) j["trainee"] = s.trainee;
  if (!s.outcome.empty()) j["outcome"] = s.outcome;
  j["ended_at"] = time(s.ended_at);
  j["shift"] = s.shift;
  Json focus = Json::array();
  for (const auto& f : s.focus)
    if (f.chat < s.chats.size()) focus.push_back(Json{{"at", time(f.at)}, {"chat", s.chats[f.chat].id}});
  j["focus"] = std::move(focus);
  Json chats = Json::array();
  for (const auto& c : s.chats) {
    Json chat = Json::object();
    chat["id"] = c.id;
    chat["arrived_at"] = time(c.arrived_at);
    if (c.picked_up_at) chat["picked_up_at"] = time(*c.picked_up_at);
    chat["customer"] = Json{{"name", c.customer}, {"details", c.details}};
    chat["transcript"] = transcript_to_json(c.transcript);
    chats.push_back(std::move(chat));
  }
  j["chats"] = std::move(chats);
  return j;
}

}  // namespace chatdrill::scoring
