// The learning path: which scenario a trainee should play first, and next after each
// session, from the library's difficulty (1..5) and trained skills and the trainee's own
// results. Home shows the suggestion with its reason. UI-free; no files or clocks.
//
//   - No result yet in the language: the easiest scenario (lowest difficulty; on a tie the
//     one that trains the fewest skills, then by id) — "start here".
//   - Otherwise the trainee's level is the highest difficulty of a scenario passed
//     (overall >= k_pass_score; none passed: the easiest difficulty minus one). Candidates
//     are the scenarios not passed yet up to one level above. The one that trains the
//     trainee's weakest dimension so far (lowest mean over their results) comes first,
//     then one never played, then the one nearest the next level (across a gap in the
//     difficulties, the easiest not passed).
//   - Everything passed: the scenario with the lowest score, to practise again.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scoring/grade.h"

namespace chatdrill::classroom {

inline constexpr double k_pass_score = 70;

struct PathScenario {
  std::string id, language;
  int difficulty = 1;
  std::vector<std::string> skills;  // k_dimensions names
};

struct PastResult {
  std::string scenario;  // id
  double overall = 0;
  std::array<std::optional<double>, scoring::k_dimension_count> scores;  // graded dimensions only
};

struct Suggestion {
  enum class Why { first, weakest, next_level, again };
  std::string scenario;  // id
  Why why = Why::first;
  std::optional<std::size_t> dimension;  // the weakest dimension (Why::weakest), index into k_dimensions
  double mean = 0;                       // its mean score over the trainee's results
};

// The weakest dimension over `history` (lowest mean of graded scores) and that mean.
std::optional<std::pair<std::size_t, double>> weakest_dimension(const std::vector<PastResult>& history);

// The suggestion for a trainee with `history` (any order; results of other languages are
// ignored) among `library`'s scenarios in `language`; none when the library has none.
std::optional<Suggestion> suggest_scenario(const std::vector<PathScenario>& library,
                                           const std::vector<PastResult>& history, std::string_view language);

}  // namespace chatdrill::classroom
