// Grades (`chatdrill.grade/1`): four explainable dimensions and an overall score, each a
// pure function of a transcript and a rubric. Every point is explained by evidence that
// cites a message and a rule. No UI, no engine, no clock.
#pragma once

#include "json_doc.h"
#include "transcript.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chatdrill::scoring {

inline constexpr const char* k_grade_format = "chatdrill.grade/1";
inline constexpr std::array<const char*, 4> k_dimensions = {"speed", "politeness", "clarifying", "engagement"};

// A slot a good clarifying question covers (budget, size, order number...).
struct Slot {
  std::string id;
  std::string label;
  std::vector<std::string> keywords, stems, prefixes;
};

// What a scenario or exercise says about grading; defaults apply to any chat log.
struct Rubric {
  double first_reply_target = 30;  // seconds
  double reply_target = 60;        // seconds
  double abandoned_after = 180;    // a reply later than this scores near zero
  double silence_checkin_from = 60, silence_checkin_to = 180;  // check-in window after silence
  std::array<double, 4> weights = {1, 1, 1, 1};                 // in k_dimensions order
  std::vector<Slot> slots;
  std::string customer_name;       // for the "uses the customer's name" marker
  // Words of the scenario (its customer lines, brief, persona name: product names, names)
  // the writing grader accepts as spelt, besides the customer's words in the chat.
  std::vector<std::string> vocabulary;
  bool check_writing = true;       // false: the scenario's writing is not graded
};

struct Evidence {
  std::optional<std::size_t> message;  // index into Transcript::messages; none = whole chat
  std::string_view rule;  // e.g. "speed.first_reply": a literal or intern_id()'d, valid for the whole run
  double points = 0;                   // signed contribution to the dimension score
  std::string note;                    // human-readable reason, in the transcript's language
};

// The first evidence item of every dimension is its base ("speed.base", message none), and
// a final "<dimension>.clamp" item brings a sum outside 0..100 back into range, so `score`
// is always exactly the sum of all evidence points (each rounded to 0.1 first).
struct DimensionGrade {
  double score = 0;  // 0..100; equals the sum of evidence points (base and clamp included)
  std::vector<Evidence> evidence;
};

struct Grade {
  double overall = 0;
  std::array<DimensionGrade, 4> dimensions;  // in k_dimensions order
  const DimensionGrade& dimension(std::string_view name) const;
};

Grade grade_transcript(const Transcript& transcript, const Rubric& rubric = {});

// The four graders on their own (grade_transcript runs all of them on one analysis).
// speed:      base 100; each answered customer message loses points for the reply's wait
//             beyond its target (first reply weighted double), down to near zero past
//             `abandoned_after`.
// politeness: base 50; courtesy markers in the trainee's replies add points with
//             diminishing returns per marker kind; negative markers subtract in full;
//             the customer's words never count.
// clarifying: base 30; questions about the customer's words or a rubric slot add points
//             (diminishing), stock questions a little; stated assumptions and missed
//             slots subtract.
// engagement: base 60; next steps, ownership, check-ins in the silence window and an
//             open-door close add; unanswered messages, dead-end replies, channel
//             bouncing and missed check-ins subtract.
DimensionGrade grade_speed(const Transcript& transcript, const Rubric& rubric = {});
DimensionGrade grade_politeness(const Transcript& transcript, const Rubric& rubric = {});
DimensionGrade grade_clarifying(const Transcript& transcript, const Rubric& rubric = {});
DimensionGrade grade_engagement(const Transcript& transcript, const Rubric& rubric = {});

// Weighted mean of the four scores with `rubric.weights` (all zero = equal), rounded to 0.1.
double overall_score(const std::array<DimensionGrade, 4>& dimensions, const Rubric& rubric);

Json grade_to_json(const Grade& grade);

}  // namespace chatdrill::scoring
