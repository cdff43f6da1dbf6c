// Shift transcripts (`chatdrill.shift-transcript/1`): what happened in a shift of several
// chats at once, as the graders read it — the shift as played, which chat the trainee was
// in when, and per chat its arrival, when it was picked up from the queue, the facts of its
// customer and its own `chatdrill.transcript/1` (times since the chat arrived). The engine
// writes it (engine/shift_run.h); knows nothing about personas, windows or clocks.
#pragma once

#include "core/diagnostic.h"
#include "core/json_doc.h"
#include "transcript.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace chatdrill::scoring {

inline constexpr const char* k_shift_transcript_format = "chatdrill.shift-transcript/1";

// The trainee went into `chat` (an index into ShiftTranscript::chats) at shift time `at`.
struct ShiftFocus {
  double at = 0;
  std::size_t chat = 0;
};

struct ShiftChatRecord {
  std::string id;                      // as in the shift file ("c1")
  double arrived_at = 0;               // shift seconds; the chat transcript's time 0
  std::optional<double> picked_up_at;  // when it left the queue (none: never)
  std::string customer;                // the customer's name, as the case panel shows it
  std::vector<std::string> details;    // the case's identifiers (order numbers ...), see identifiers_in
  Transcript transcript;
  double shift_time(double chat_time) const { return arrived_at + chat_time; }
};

struct ShiftTranscript {
  Json shift = Json::object();  // the shift as played (chatdrill.shift/1), kept as read
  std::string id, title, language;
  std::optional<std::uint64_t> seed;
  std::string trainee;
  std::string outcome;  // completed, shift_over, ended_by_trainee, interrupted
  double ended_at = 0;  // shift seconds
  std::vector<ShiftFocus> focus;
  std::vector<ShiftChatRecord> chats;
};

struct ShiftTranscriptLoad {
  std::optional<ShiftTranscript> shift;
  Diagnostics diagnostics;
};

// Every problem is located (file:line:col, path like `chats[1].transcript.messages[3].at`).
ShiftTranscriptLoad shift_transcript_from_doc(const JsonDoc& doc);
bool is_shift_transcript_doc(const JsonDoc& doc);
Json shift_transcript_to_json(const ShiftTranscript& shift);

}  // namespace chatdrill::scoring
