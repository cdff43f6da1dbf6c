// Transcript reading and writing; see transcript.h.
#include "transcript.h"

#include "core/limits.h"
#include "core/timestamp.h"

#include <fmt/format.h>

#include <cmath>

namespace chatdrill::scoring {

namespace {

struct Reader {
  const JsonDoc& doc;
  Diagnostics& out;
  void error(const std::string& path, std::string message) { out.push_back(doc.diag(path, std::move(message))); }
  void wrong_type(const std::string& path, const Json& v, const char* wanted) {
    error(path, fmt::format("must be {}, not {}", wanted, json_type_name(v)));
  }
};

// How a message's `at` was written: seconds since the start, or an ISO-8601 timestamp.
struct WrittenTime {
  enum class Kind { missing, seconds, timestamp } kind = Kind::missing;
  Timestamp timestamp;
};

std::optional<Message> read_message(Reader& r, const Json& m, const std::string& path, WrittenTime& at) {
  if (!m.is_object()) {
    r.wrong_type(path, m, "an object {\"from\", \"at\", \"text\"}");
    return std::nullopt;
  }
  Message msg;
  bool ok = true;
  for (const auto& [key, value] : m.items()) {
    const std::string p = member_path(path, key);
    if (key == "from" || key == "kind" || key == "text") {
      if (!value.is_string()) {
        r.wrong_type(p, value, "a string");
        ok = false;
        continue;
      }
      (key == "from" ? msg.from : key == "kind" ? msg.kind : msg.text) = value.get<std::string>();
    } else if (key == "at") {
      if (value.is_string()) {
        std::string why;
        if (auto ts = parse_timestamp(value.get_ref<const std::string&>(), why)) {
          at = {WrittenTime::Kind::timestamp, *ts};
        } else {
          r.error(p, why);
          ok = false;
        }
        continue;
      }
      if (!value.is_number()) {
        r.wrong_type(p, value, "a number of seconds or an ISO-8601 timestamp");
        ok = false;
        continue;
      }
      msg.at = value.get<double>();
      at.kind = WrittenTime::Kind::seconds;
      if (!std::isfinite(msg.at) || msg.at < 0 || msg.at > k_max_transcript_seconds) {
        r.error(p, fmt::format("{} is not a time in seconds since the start (0 to {})", value.dump(),
                               k_max_transcript_span_text));
        ok = false;
      }
    } else if (key == "mood" || key == "patience") {
      const bool mood = key == "mood";
      const double low = mood ? -1 : 0;
      if (!value.is_number()) {
        r.wrong_type(p, value, mood ? "a number from -1 to 1" : "a number from 0 to 1");
        ok = false;
        continue;
      }
      const double v = value.get<double>();
      if (!(v >= low && v <= 1)) {  // NaN too
        r.error(p,
                fmt::format("{} is not {} ({} to 1)", value.dump(), mood ? "a mood" : "a share of patience left", low));
        ok = false;
        continue;
      }
      (mood ? msg.mood : msg.patience) = v;
    } else {
      append_new_member(msg.extra, key, value);  // keys of `m` are unique
    }
  }
  if (!m.contains("from")) {
    r.error(path, "missing \"from\" (customer or trainee)");
    ok = false;
  }
  if (!m.contains("at")) {
    r.error(path, "missing \"at\" (seconds since the start, or an ISO-8601 timestamp)");
    ok = false;
  }
  if (!m.contains("text") && msg.kind == kind::message) {
    r.error(path, "missing \"text\"");
    ok = false;
  }
  if (ok && msg.kind == kind::message && msg.from != sender::customer && msg.from != sender::trainee)
    r.error(member_path(path, "from"), fmt::format("\"{}\" is not customer or trainee", msg.from)), ok = false;
  if (!ok) return std::nullopt;
  return msg;
}

// Reads `messages`: times written as seconds stay as written; timestamps become seconds
// after the first message (a timestamp without a zone is in the zone of the first one that
// has one). One transcript uses one kind; times never go backwards.
void read_messages(Reader& r, const Json& list, Transcript& t) {
  struct Read {
    Message message;
    WrittenTime at;
    std::size_t index;
  };
  std::vector<Read> read;
  read.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    WrittenTime at;
    if (auto m = read_message(r, list[i], element_path("messages", i), at)) read.push_back({std::move(*m), at, i});
  }
  if (read.empty()) return;
  const auto at_path = [](std::size_t i) { return member_path(element_path("messages", i), "at"); };
  const Read& first = read.front();
  std::optional<int> zone;
  for (const auto& m : read)
    if (m.at.kind == WrittenTime::Kind::timestamp && m.at.timestamp.offset_minutes) {
      zone = m.at.timestamp.offset_minutes;
      break;
    }
  const double origin = first.at.timestamp.utc_seconds(zone.value_or(0));
  double previous_at = 0;
  for (auto& m : read) {
    if (m.at.kind != first.at.kind) {
      const bool seconds = first.at.kind == WrittenTime::Kind::seconds;
      r.error(at_path(m.index), fmt::format("{}, but {} is {}: one transcript writes all its times one way",
                                            seconds ? "a timestamp" : "a number of seconds", at_path(first.index),
                                            seconds ? "a number of seconds" : "a timestamp"));
      continue;
    }
    if (m.at.kind == WrittenTime::Kind::timestamp) {
      m.message.at = m.at.timestamp.utc_seconds(zone.value_or(0)) - origin;
      if (m.message.at > k_max_transcript_seconds) {
        r.error(at_path(m.index), fmt::format("{:.0f} days after the first message; a transcript spans at most {}",
                                              m.message.at / 86400, k_max_transcript_span_text));
        continue;
      }
    }
    if (m.message.at + 1e-9 < previous_at) {
      r.error(at_path(m.index),
              fmt::format("time {} is earlier than the message before it ({}); messages must be in order", m.message.at,
                          previous_at));
      continue;
    }
    previous_at = m.message.at;
    t.messages.push_back(std::move(m.message));
  }
}

}  // namespace

bool is_channel(std::string_view channel) {
  for (const char* c : k_channels)
    if (channel == c) return true;
  return false;
}

TranscriptLoad transcript_from_doc(const JsonDoc& doc) {
  TranscriptLoad result;
  Reader r{doc, result.diagnostics};
  const Json& root = doc.root;
  if (!root.is_object()) {
    r.wrong_type("", root, "an object with \"format\", \"language\" and \"messages\"");
    return result;
  }
  Transcript t;
  if (!root.contains("format")) r.error("", fmt::format("missing \"format\": \"{}\"", k_transcript_format));
  else if (root["format"] != k_transcript_format)
    r.error("format", fmt::format("{} is not \"{}\"", quoted_value(root["format"]), k_transcript_format));
  for (const auto& [key, value] : root.items()) {
    if (key == "format" || key == "messages") continue;
    if (key == "language" || key == "scenario" || key == "outcome" || key == "channel") {
      if (!value.is_string()) {
        r.wrong_type(key, value, "a string");
        continue;
      }
      (key == "language"   ? t.language
       : key == "scenario" ? t.scenario
       : key == "channel"  ? t.channel
                           : t.outcome) = value.get<std::string>();
      if (key == "channel" && !is_channel(t.channel))
        r.error(key, fmt::format("\"{}\" is not a channel (chat, email, social)", t.channel));
    } else if (key == "seed") {
      if (!value.is_number_integer() || (!value.is_number_unsigned() && value.get<std::int64_t>() < 0))
        r.wrong_type(key, value, "a whole number >= 0");
      else t.seed = value.get<std::uint64_t>();
    } else {
      append_new_member(t.extra, key, value);  // keys of `root` are unique
    }
  }
  if (!root.contains("language")) r.error("", "missing \"language\" (\"fi\" or \"en\")");
  else if (root["language"].is_string() && t.language != "fi" && t.language != "en")
    r.error("language", fmt::format("\"{}\" is not a supported language (fi, en)", t.language));
  if (!root.contains("messages")) r.error("", "missing \"messages\" (a list)");
  else if (!root["messages"].is_array()) r.wrong_type("messages", root["messages"], "a list");
  else read_messages(r, root["messages"], t);
  if (!has_errors(result.diagnostics)) result.transcript = std::move(t);
  return result;
}

TranscriptLoad load_transcript(const std::string& path) {
  auto parsed = parse_json_file(path);
  if (!parsed.doc) return TranscriptLoad{std::nullopt, {*parsed.error}};
  return transcript_from_doc(*parsed.doc);
}

Json message_to_json(const Message& m) {
  Json j = Json::object();
  j["from"] = m.from;
  if (m.kind != kind::message) j["kind"] = m.kind;
  j["at"] = std::round(m.at * 1000.0) / 1000.0;
  j["text"] = m.text;
  // Extra keys are unique among themselves: only the few written above can collide.
  for (const auto& [key, value] : m.extra.items()) {
    if (key == "from" || key == "kind" || key == "at" || key == "text") j[key] = value;
    else append_new_member(j, key, value);
  }
  // After the extra fields (the session's "node"), where the session always wrote them.
  if (m.mood) j["mood"] = *m.mood;
  if (m.patience) j["patience"] = *m.patience;
  return j;
}

Json transcript_to_json(const Transcript& t) {
  Json j = Json::object();
  j["format"] = k_transcript_format;
  if (!t.scenario.empty()) j["scenario"] = t.scenario;
  j["language"] = t.language;
  if (t.seed) j["seed"] = *t.seed;
  if (!t.outcome.empty()) j["outcome"] = t.outcome;
  if (!t.channel.empty()) j["channel"] = t.channel;
  for (const auto& [key, value] : t.extra.items()) {
    if (key == "format" || key == "scenario" || key == "language" || key == "seed" || key == "outcome" ||
        key == "channel" || key == "messages")
      j[key] = value;
    else append_new_member(j, key, value);
  }
  Json messages = Json::array();
  for (const auto& m : t.messages) messages.push_back(message_to_json(m));
  j["messages"] = std::move(messages);
  return j;
}

}  // namespace chatdrill::scoring
