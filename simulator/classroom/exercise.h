// Exercises (`chatdrill.exercise/1`): a classroom's timed set of scenarios and its rules
// (order, time limits, synchronized start, feedback policy, rubric weights, results folder).
// Plain data plus its loader; UI-free, never reads the clock (times are inputs).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scoring/core/diagnostic.h"
#include "scoring/core/json_doc.h"
#include "scoring/core/timestamp.h"
#include "scoring/grade.h"

#include "simulator/engine/scenario.h"

namespace chatdrill::classroom {

using engine::Scenario;

inline constexpr const char* k_exercise_format = "chatdrill.exercise/1";

enum class ExerciseOrder { fixed, shuffled };
// When a trainee sees their scores: after each scenario, once at the end, or never (the
// trainer sees them in the results).
enum class FeedbackPolicy { after_each, at_end, never };

const char* feedback_name(FeedbackPolicy policy);

// Limits on times an exercise may ask for; anything outside is a typo, not a lesson plan.
inline constexpr double k_min_time_limit = 10;        // seconds
inline constexpr double k_max_time_limit = 3 * 3600;  // one scenario
inline constexpr double k_max_total_time_limit = 12 * 3600;

struct ExerciseScenario {
  std::string ref;                   // as written: a bundled id or a path
  std::string path;                  // resolved scenario file
  std::optional<double> time_limit;  // seconds; this scenario's own limit
};

struct Exercise {
  std::string file;  // where it was loaded from
  std::string id;    // "id", else the file name stem
  std::string title;
  std::string instructions;
  std::vector<ExerciseScenario> scenarios;  // in file order
  ExerciseOrder order = ExerciseOrder::fixed;
  std::uint64_t order_seed = 1;               // "order": "shuffled" uses this ("seed" in the file's order object)
  std::optional<double> time_limit;           // default per-scenario limit (seconds)
  std::optional<double> total_time_limit;     // the whole exercise (seconds)
  std::optional<std::string> start_at;        // as written (ISO 8601 UTC)
  std::optional<std::int64_t> start_at_unix;  // the same in seconds since 1970-01-01T00:00:00Z
  FeedbackPolicy feedback = FeedbackPolicy::after_each;
  std::optional<scoring::Weights> weights;  // rubric weights in scoring::k_dimensions order
  std::string results_dir;                  // resolved: absolute, or relative to the exercise file's folder
  std::uint64_t seed = 1;                   // every trainee's session seed
  // Shows the live mood and patience cue in every scenario of the exercise, whatever the
  // scenarios say (unset: each scenario's own "show_customer_state").
  std::optional<bool> show_customer_state;
  // Offered in every scenario after the scenario's own; texts as written ({case...}
  // references are filled per scenario: engine::fill_case_refs).
  std::vector<engine::SavedReply> saved_replies;

  // The per-scenario limit for the scenario at file index `index` (its own, else the default).
  std::optional<double> limit_for(std::size_t index) const;
  // Whether a scenario of this exercise shows the live customer state cue.
  bool shows_customer_state(const Scenario& scenario) const;
};

struct ExerciseLoad {
  std::optional<Exercise> exercise;  // set when there are no errors
  scoring::Diagnostics diagnostics;
};

// Reads an exercise; every problem is a diagnostic `file:line:col: path: message`. Scenario
// references are resolved (bundled ids via the library, paths relative to the exercise file)
// and must exist; the scenarios themselves are loaded by load_exercise_scenarios.
ExerciseLoad exercise_from_doc(const scoring::JsonDoc& doc);
ExerciseLoad load_exercise(const std::string& path);

struct ExerciseScenariosLoad {
  std::vector<std::shared_ptr<const Scenario>> scenarios;  // file order; all loaded when no errors
  scoring::Diagnostics diagnostics;
};
// Loads and validates every scenario the exercise names; the case references of the
// exercise's saved replies must name fields every one of them has.
ExerciseScenariosLoad load_exercise_scenarios(const Exercise& exercise);

// The order trainees play the scenarios in (indices into Exercise::scenarios). Shuffling is
// Fisher-Yates over std::mt19937_64 with our own bounded draw, so the order is the same on
// every compiler and standard library for a given seed.
std::vector<std::size_t> play_order(const Exercise& exercise);
std::vector<std::size_t> shuffled_indices(std::size_t count, std::uint64_t seed);

// Start and end times of results and exercises, whole seconds in UTC (scoring/core/timestamp.h).
using scoring::format_utc_timestamp;
using scoring::parse_utc_timestamp;

}  // namespace chatdrill::classroom
