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

// The message kinds and senders the engine writes and the graders read, as written in
// transcripts and journals. Compare with ==, assign to a std::string; a transcript may
// carry other kinds too (kept as read).
namespace kind {
inline constexpr std::string_view message = "message";    // a line someone wrote
inline constexpr std::string_view nudge = "nudge";        // the customer asks again after a wait
inline constexpr std::string_view typing = "typing";      // the customer started typing (some logs write it)
inline constexpr std::string_view left = "left";          // the customer left the chat
inline constexpr std::string_view silent = "silent";      // the customer went quiet
inline constexpr std::string_view returned = "returned";  // ... and came back
inline constexpr std::string_view ended = "ended";        // the session ended (from the system)
}  // namespace kind

namespace sender {
inline constexpr std::string_view customer = "customer";
inline constexpr std::string_view trainee = "trainee";
inline constexpr std::string_view system = "system";  // events of the session itself (kind::ended)
}  // namespace sender

struct Message {
  std::string from;  // sender::customer, sender::trainee, or another event source (sender::system)
  // kind::message; other kinds (the ones above, or any a log writes) are events graders may ignore
  std::string kind = std::string(kind::message);
  double at = 0;  // seconds since the session started (a log's timestamps: since its first message)
  std::string text;
  Json extra = Json::object();  // any further fields (node, intent, ...), kept as read
  // The customer's state after this event, when the session recorded it (JSON "mood",
  // "patience"). Last, so that Message{from, kind, at, text, extra} still means what it did.
  std::optional<double> mood = std::nullopt;      // -1 (angry) .. 1 (glad)
  std::optional<double> patience = std::nullopt;  // share of patience left, 0 .. 1

  // Compared as string_views: sizes first, then a fixed-size compare (called per message
  // by every grader; std::string == const char* is a strlen and a memcmp call each).
  bool is_customer_message() const {
    return is(from, sender::customer) && (is(kind, kind::message) || is(kind, kind::nudge));
  }
  bool is_trainee_message() const { return is(from, sender::trainee) && is(kind, kind::message); }
  bool is_customer_event(std::string_view event_kind) const {
    return is(from, sender::customer) && is(kind, event_kind);
  }

  static bool is(const std::string& field, std::string_view value) { return std::string_view(field) == value; }
};

struct Transcript {
  std::string scenario;  // optional
  std::string language;  // "fi" or "en"
  std::optional<std::uint64_t> seed;
  std::string outcome;  // ending label, or customer_left / time_up / ended_by_trainee
  std::string channel;  // optional: "chat", "email" or "social" (k_channels); picks the rubric's timing
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
