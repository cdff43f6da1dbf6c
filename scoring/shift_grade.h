// Grading a shift (several chats at once): each chat graded as any chat (grade.h), plus the
// shift summary dimension *multitasking* — the longest time a customer waited while the
// trainee was in another chat, customers who left unattended, customers kept informed
// (hold and check-in messages) before the trainee went elsewhere, replies that name another
// chat's customer or case details ("wrong chat"), and chats resolved per hour. Every point
// is evidence citing a chat and a message. Pure functions of a shift transcript, rubrics
// and a Grader; no UI, no engine, no clock.
#pragma once

#include "grade.h"
#include "shift_transcript.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chatdrill::scoring {

inline constexpr const char* k_shift_grade_format = "chatdrill.shift-grade/1";

// The targets of the multitasking rules (GRADING.md, "Multitasking").
struct ShiftRubric {
  double base = 85;
  double wait_target = 60;        // seconds a customer may wait while the trainee is elsewhere
  double wait_cost_per_s = 0.25;  // points per second beyond it (the longest wait)
  double wait_cost_max = 30;
  double unattended_cost = 20;  // per customer who left while waiting for the trainee
  double informed_after = 30;   // a hold message followed by this long elsewhere keeps the customer informed
  double informed_points = 5;
  int informed_max = 3;
  double wrong_chat_cost = 15;
  int wrong_chat_max = 3;
  double resolved_rating = 60;  // an outcome rated at least this counts as resolved
};

struct ShiftEvidence {
  std::optional<std::size_t> chat;     // index into ShiftTranscript::chats; none = the whole shift
  std::optional<std::size_t> message;  // index into that chat's transcript messages
  std::string_view rule;               // "multitasking.wrong_chat" (literals)
  double points = 0;
  std::string note;  // in the shift's language
};

// The figures behind the evidence, for summaries and dashboards.
struct ShiftFigures {
  double longest_wait = 0;  // seconds, while the trainee was in another chat
  std::optional<std::size_t> longest_wait_chat;
  int left_unattended = 0, kept_informed = 0, wrong_chat = 0;
  int resolved = 0;
  double hours = 0;  // the shift's length
  std::optional<double> resolved_per_hour;
};

struct ShiftGrade {
  std::vector<Grade> chats;  // per chat, as grade_transcript grades it
  double multitasking = 0;   // 0..100: the sum of the evidence points
  std::vector<ShiftEvidence> evidence;
  ShiftFigures figures;
};

// `rubrics` per chat (the chat's scenario's; missing ones: the rubric for any chat).
// Throws std::runtime_error naming the file when the language data is broken.
ShiftGrade grade_shift(const ShiftTranscript& shift, const std::vector<Rubric>& rubrics, Grader& grader,
                       const ShiftRubric& targets = {});
Json shift_grade_to_json(const ShiftGrade& grade, const ShiftTranscript& shift);

// The identifiers in a text a trainee could paste into the wrong chat: runs with four or
// more digits (digit groups joined across single spaces: "040 718 2291", "A-204 118",
// "SK-70452") and e-mail addresses; dates, clock times, prices and years are not. As written.
std::vector<std::string> identifiers_in(std::string_view text);
// An identifier compared: lower case, without spaces.
std::string identifier_key(std::string_view identifier);

}  // namespace chatdrill::scoring
