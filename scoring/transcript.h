// Transcript (`chatdrill.transcript/1`): what happened in a chat, as the graders read it.
// Lives in scoring/ because graders are pure functions of it; the engine produces it.
// Knows nothing about personas, windows or clocks.
#pragma once

#include "core/diagnostic.h"
#include "core/json_doc.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chatdrill::scoring {

inline constexpr const char* k_transcript_format = "chatdrill.transcript/1";

// Where a conversation took place; email and social media answer in hours, not seconds.
inline constexpr const char* k_channels[] = {"chat", "email", "social"};
bool is_channel(std::string_view channel);

struct Message {
  std::string from;             // "customer", "trainee", or another event source ("system")
  std::string kind = "message"; // "message"; other kinds (typing, nudge, left, silent,
                                // returned, hint, ...) are events graders may ignore
  double at = 0;                // seconds since the session started (a log's timestamps: since its first message)
  std::string text;
  Json extra = Json::object();  // any further fields (node, mood, patience, ...), kept as read

  // Compared as string_views: sizes first, then a fixed-size compare (called per message
  // by every grader; std::string == const char* is a strlen and a memcmp call each).
  bool is_customer_message() const { return is(from, "customer") && (is(kind, "message") || is(kind, "nudge")); }
  bool is_trainee_message() const { return is(from, "trainee") && is(kind, "message"); }
  bool is_customer_event(std::string_view event_kind) const { return is(from, "customer") && is(kind, event_kind); }

  static bool is(const std::string& field, std::string_view value) { return std::string_view(field) == value; }
};

struct Transcript {
  std::string scenario;  // optional
  std::string language;  // "fi" or "en"
  std::optional<std::uint64_t> seed;
  std::string outcome;   // ending label, or customer_left / time_up / ended_by_trainee
  std::string channel;   // optional: "chat", "email" or "social" (k_channels); picks the rubric's timing
  std::vector<Message> messages;
  Json extra = Json::object();  // further top-level fields, kept as read
};

struct TranscriptLoad {
  std::optional<Transcript> transcript;
  Diagnostics diagnostics;
};

// Reads a transcript from a located JSON document; every problem is a diagnostic with
// file:line:col and path. Only `format`, `language` and `messages` are required. A
// message's `at` is seconds since the start or, in a real log, an ISO-8601 timestamp
// (scoring/core/timestamp.h), read as seconds after the first message.
TranscriptLoad transcript_from_doc(const JsonDoc& doc);
TranscriptLoad load_transcript(const std::string& path);

Json message_to_json(const Message& m);
Json transcript_to_json(const Transcript& t);

}  // namespace chatdrill::scoring
