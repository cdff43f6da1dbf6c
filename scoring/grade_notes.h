// The graders' evidence notes are data: scoring/lexicons/<lang>-notes.json holds the text
// of every note by key ("speed.reply_late"), with fmt placeholders for the values the
// grader passes. Code names a note by a key from k_note_keys, checked when it compiles;
// a notes file must hold exactly these keys, so both languages agree and nothing is left
// untranslated. Internal to scoring/.
#pragma once

#include "text.h"

#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chatdrill::scoring::detail {

inline constexpr const char* k_notes_format = "chatdrill.notes/1";

// Every note the graders write. Adding one: add its key here and its text to both files.
inline constexpr std::string_view k_note_keys[] = {
    "grade.capped",
    "grade.floored",
    "speed.base",
    "speed.after_hold",
    "speed.customer_left",
    "speed.hold_unkept",
    "speed.nothing_to_answer",
    "speed.reply_late",
    "speed.reply_on_time",
    "speed.unanswered",
    "speed.what_first_reply",
    "speed.what_reply",
    "politeness.base",
    "politeness.customer_tone",
    "politeness.negative.blame",
    "politeness.negative.dismissive",
    "politeness.negative.exclamations",
    "politeness.negative.rude",
    "politeness.negative.shouting",
    "politeness.no_replies",
    "politeness.nth_in_reply",
    "politeness.nth_time",
    "politeness.repeated_no_more",
    "clarifying.base",
    "clarifying.acted_without_asking",
    "clarifying.assumption",
    "clarifying.beside_the_point",
    "clarifying.generic_question",
    "clarifying.no_questions",
    "clarifying.question",
    "clarifying.repeated_question",
    "clarifying.slot",
    "clarifying.slot_given",
    "clarifying.slot_missed",
    "clarifying.stock",
    "engagement.base",
    "engagement.channel_bounce",
    "engagement.checkin",
    "engagement.checkin_early",
    "engagement.checkin_late",
    "engagement.checkin_repeated",
    "engagement.dead_end",
    "engagement.echo",
    "engagement.hold",
    "engagement.next_step",
    "engagement.no_checkin",
    "engagement.no_open_door",
    "engagement.open_door",
    "engagement.open_door_reused",
    "engagement.ownership",
    "engagement.question_unanswered",
    "engagement.saved_reply",
    "engagement.template_reused",
    "engagement.unanswered",
    "engagement.unresponsive",
    "resolution.base",
    "resolution.base_ending",
    "resolution.base_no_replies",
    "resolution.customer_committed",
    "resolution.customer_confirmed",
    "resolution.customer_left",
    "resolution.customer_thanked",
    "resolution.customer_unhappy",
    "resolution.last_unanswered",
    "resolution.question_open",
    "resolution.question_repeated",
    "writing.base",
    "writing.base_no_replies",
    "writing.base_not_graded",
    "writing.grammar",
    "writing.misspelt",
    "writing.no_dictionary",
    "writing.no_replies",
    "writing.not_checked",
    "writing.times",
    "multitasking.base",
    "multitasking.kept_informed",
    "multitasking.left_in_queue",
    "multitasking.left_unanswered",
    "multitasking.left_unattended",
    "multitasking.longest_wait",
    "multitasking.longest_wait_ok",
    "multitasking.no_wait_elsewhere",
    "multitasking.resolved_per_hour",
    "multitasking.wrong_chat_detail",
    "multitasking.wrong_chat_name",
};
inline constexpr std::size_t k_note_count = std::size(k_note_keys);

// A key of k_note_keys, found when the code compiles: a key not in the list does not build.
struct NoteKey {
  std::size_t index;
  consteval NoteKey(const char* key) : index(find(key)) {}  // NOLINT: implicit from a literal on purpose

 private:
  static consteval std::size_t find(std::string_view key) {
    for (std::size_t k = 0; k < k_note_count; ++k)
      if (k_note_keys[k] == key) return k;
    throw "grader note key not in k_note_keys (scoring/grade_notes.h)";  // not a constant: a compile error
  }
};

// The notes of one language.
class Notes {
 public:
  // Reads a notes file. Throws std::runtime_error with `file:line:col: path: message` on a
  // broken file, a key missing from it or a key it has that no grader writes.
  static Notes load_file(Language language, const std::string& path);

  Language language() const { return language_; }
  const std::string& text(NoteKey key) const { return texts_[key.index]; }
  // The note with its placeholders filled ("{}" as fmt formats the values).
  template <typename... Args>
  std::string format(NoteKey key, const Args&... args) const {
    return fmt::format(fmt::runtime(texts_[key.index]), args...);
  }

 private:
  Language language_ = Language::fi;
  std::vector<std::string> texts_;  // by NoteKey::index
};

}  // namespace chatdrill::scoring::detail
