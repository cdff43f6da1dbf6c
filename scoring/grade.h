// Grades (`chatdrill.grade/2`): six explainable dimensions and an overall score, each a
// pure function of a transcript, a rubric and the language data a Grader was given. Every
// point is explained by evidence that cites a message and a rule. No UI, no engine, no
// clock, no environment: the caller says where the data is.
#pragma once

#include "core/json_doc.h"
#include "transcript.h"

#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chatdrill::scoring {

inline constexpr const char* k_grade_format = "chatdrill.grade/2";
// Results saved before resolution and writing existed carry this format; they still load
// (those two dimensions are then "not graded").
inline constexpr const char* k_grade_format_v1 = "chatdrill.grade/1";
inline constexpr std::size_t k_dimension_count = 6;
inline constexpr std::array<const char*, k_dimension_count> k_dimensions = {"speed",      "politeness", "clarifying",
                                                                            "engagement", "resolution", "writing"};
// The dimensions chatdrill.grade/1 had (the first four of k_dimensions).
inline constexpr std::size_t k_dimension_count_v1 = 4;
using Weights = std::array<double, k_dimension_count>;  // in k_dimensions order
// Index of a dimension name in k_dimensions, or none.
std::optional<std::size_t> dimension_index(std::string_view name);

// A slot a good clarifying question covers (budget, size, order number...).
struct Slot {
  std::string id;
  std::string label;
  std::vector<std::string> keywords, stems, prefixes;
};

// What a scenario or exercise says about grading; defaults apply to any chat log.
struct Rubric {
  double first_reply_target = 30;                              // seconds
  double reply_target = 60;                                    // seconds
  double abandoned_after = 180;                                // a reply later than this scores near zero
  double silence_checkin_from = 60, silence_checkin_to = 180;  // check-in window after silence
  // The typing model: a customer is not silent while reading the reply (read_seconds plus
  // its characters at read_cps) and typing their next message (at typing_cps).
  double customer_read_seconds = 1, customer_read_cps = 33, customer_typing_cps = 3;
  double hold_target = 120;              // seconds from "one moment, I'll check" to the answer (or the time promised)
  Weights weights = {1, 1, 1, 1, 1, 1};  // in k_dimensions order
  std::vector<Slot> slots;
  std::string customer_name;  // for the "uses the customer's name" marker
  // How well each way of ending served the customer, 0..100, by outcome label (a
  // scenario's endings: their "rating", else default_outcome_rating). Outcomes not listed
  // are judged from the conversation itself.
  std::map<std::string, double, std::less<>> outcome_ratings;
  // Words of the scenario (its customer lines, brief, persona name: product names, names)
  // the writing grader accepts as spelt, besides the customer's words in the chat.
  std::vector<std::string> vocabulary;
  bool check_writing = true;  // false: the scenario's writing is not graded
};

// Timing presets: "chat" (the defaults above: seconds) and "async" (email and social
// media, answered in hours: first reply 1 h, later replies 4 h, abandoned after 24 h, a
// check-in after 24-72 h of silence, an answer 8 h after "we'll look into it").
inline constexpr const char* k_presets[] = {"chat", "async"};
// Sets `rubric`'s targets (first reply, reply, abandoned, silence window, hold) to the
// preset's; false for a name not in k_presets. Slots, weights and the rest stay.
bool apply_preset(Rubric& rubric, std::string_view preset);
// The preset a transcript's channel calls for: "email" and "social" -> "async", "chat" ->
// "chat"; empty for no or an unknown channel.
std::string_view preset_for_channel(std::string_view channel);

// The default rating of a scenario ending by its outcome label: resolved, sold, retained
// and the like high; handed_off / escalated middle; lost, bounced, customer_left low.
// None for labels that say nothing about the customer (time_up, ended_by_trainee).
std::optional<double> default_outcome_rating(std::string_view outcome);

struct Evidence {
  std::optional<std::size_t> message;  // index into Transcript::messages; none = whole chat
  std::string_view rule;               // e.g. "speed.first_reply": a literal or intern_id()'d, valid for the whole run
  double points = 0;                   // signed contribution to the dimension score
  std::string note;                    // human-readable reason, in the transcript's language
};

// The first evidence item of every dimension is its base ("speed.base", message none), and
// a final "<dimension>.clamp" item brings a sum outside 0..100 back into range, so `score`
// is always exactly the sum of all evidence points (each rounded to 0.1 first).
struct DimensionGrade {
  double score = 0;  // 0..100; equals the sum of evidence points (base and clamp included)
  std::vector<Evidence> evidence;
  // False for a dimension a saved grade did not have (chatdrill.grade/1 had no resolution
  // or writing) or one the rubric switched off: shown as "not graded", never averaged.
  bool graded = true;
};

struct Grade {
  double overall = 0;
  std::array<DimensionGrade, k_dimension_count> dimensions;  // in k_dimensions order
  const DimensionGrade& dimension(std::string_view name) const;
};

// What grading reads, from one data folder (scoring::data_root() for the bundled data):
// per language its lexicon (scoring/lexicons/<lang>.json), word forms (<lang>-wordforms.json),
// politeness strategies (<lang>-politeness.json), evidence notes (<lang>-notes.json) and
// concepts (scenarios/concepts/<lang>.json), each language read on its first chat. The
// caller owns it and passes it to every grade. It caches stems, morphology and spelling
// verdicts across chats (never changing a result), so keep one and reuse it.
// Not thread-safe: a Grader is used by one thread at a time; give each thread its own.
class Grader {
 public:
  explicit Grader(std::filesystem::path data_root);
  ~Grader();
  Grader(Grader&&) noexcept;
  Grader& operator=(Grader&&) noexcept;

  const std::filesystem::path& data_root() const;
  // Reads a language's data now (the first grade in it would): a missing or broken file
  // throws std::runtime_error naming it (`file:line:col: path: message`).
  void load(std::string_view language_code);
  // grade_transcript(transcript, rubric, *this).
  Grade grade(const Transcript& transcript, const Rubric& rubric = {});

  struct Impl;  // scoring/grade_internal.h
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// Throws std::runtime_error naming the file when the grader's data for the transcript's
// language is missing or broken.
Grade grade_transcript(const Transcript& transcript, const Rubric& rubric, Grader& grader);

// The graders on their own (grade_transcript runs all of them on one analysis). The rules
// are in scoring/GRADING.md; in short:
// speed:      base 100; each customer message's wait for its reply (and a hold's wait for
//             its answer) beyond its target subtracts; a message never answered always costs.
// politeness: base 50; politeness strategies with fitted weights, paid only in replies
//             that respond to the customer, diminishing; negative markers subtract in full.
// clarifying: base 50; questions about the customer's case add once each (diminishing);
//             repeats, assumptions, acting without asking and missed slots subtract.
// engagement: base 60; next steps, ownership, check-ins, an open-door close add;
//             unresponsive or reused replies, unanswered messages and questions, dead
//             ends and channel bouncing subtract.
// resolution: the ending's rating, or from the customer's own last words.
// writing:    base 100; spelling and grammar errors subtract.
DimensionGrade grade_speed(const Transcript& transcript, const Rubric& rubric, Grader& grader);
DimensionGrade grade_politeness(const Transcript& transcript, const Rubric& rubric, Grader& grader);
DimensionGrade grade_clarifying(const Transcript& transcript, const Rubric& rubric, Grader& grader);
DimensionGrade grade_engagement(const Transcript& transcript, const Rubric& rubric, Grader& grader);
DimensionGrade grade_resolution(const Transcript& transcript, const Rubric& rubric, Grader& grader);
DimensionGrade grade_writing(const Transcript& transcript, const Rubric& rubric, Grader& grader);

// Weighted mean of the four scores with `rubric.weights` (all zero = equal), rounded to 0.1.
double overall_score(const std::array<DimensionGrade, k_dimension_count>& dimensions, const Rubric& rubric);

Json grade_to_json(const Grade& grade);

}  // namespace chatdrill::scoring
