// The learning path: see learning_path.h.
#include "learning_path.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace chatdrill::classroom {

std::optional<std::pair<std::size_t, double>> weakest_dimension(const std::vector<PastResult>& history) {
  std::array<double, scoring::k_dimension_count> sum{};
  std::array<int, scoring::k_dimension_count> count{};
  for (const auto& r : history)
    for (std::size_t d = 0; d < scoring::k_dimension_count; ++d)
      if (r.scores[d]) sum[d] += *r.scores[d], ++count[d];
  std::optional<std::pair<std::size_t, double>> weakest;
  for (std::size_t d = 0; d < scoring::k_dimension_count; ++d) {
    if (!count[d]) continue;
    const double mean = sum[d] / count[d];
    if (!weakest || mean < weakest->second) weakest = std::pair{d, mean};
  }
  return weakest;
}

std::optional<Suggestion> suggest_scenario(const std::vector<PathScenario>& library,
                                           const std::vector<PastResult>& all_history, std::string_view language) {
  std::vector<const PathScenario*> pool;
  for (const auto& s : library)
    if (s.language == language) pool.push_back(&s);
  if (pool.empty()) return std::nullopt;
  std::sort(pool.begin(), pool.end(), [](const PathScenario* a, const PathScenario* b) {
    return std::tuple(a->difficulty, a->skills.size(), a->id) < std::tuple(b->difficulty, b->skills.size(), b->id);
  });
  std::map<std::string, const PathScenario*> by_id;
  for (const auto* s : pool) by_id.emplace(s->id, s);
  std::vector<PastResult> history;  // the results of this language's scenarios
  std::map<std::string, double> best;
  for (const auto& r : all_history) {
    if (!by_id.count(r.scenario)) continue;
    history.push_back(r);
    auto [it, fresh] = best.emplace(r.scenario, r.overall);
    if (!fresh) it->second = std::max(it->second, r.overall);
  }
  if (history.empty()) return Suggestion{pool.front()->id, Suggestion::Why::first, std::nullopt, 0};

  int level = pool.front()->difficulty - 1;
  for (const auto& [id, score] : best)
    if (score >= k_pass_score) level = std::max(level, by_id.at(id)->difficulty);
  const auto weakest = weakest_dimension(history);
  const auto trains_weakest = [&](const PathScenario* s) {
    return weakest &&
           std::find(s->skills.begin(), s->skills.end(), scoring::k_dimensions[weakest->first]) != s->skills.end();
  };
  const PathScenario* pick = nullptr;
  std::tuple<int, int, int, int> pick_key{};
  for (const auto* s : pool) {
    const auto b = best.find(s->id);
    if ((b != best.end() && b->second >= k_pass_score) || s->difficulty > level + 1) continue;
    const std::tuple<int, int, int, int> key{trains_weakest(s) ? 0 : 1, b == best.end() ? 0 : 1,
                                             std::abs(s->difficulty - (level + 1)), s->difficulty};
    if (!pick || key < pick_key) pick = s, pick_key = key;
  }
  if (pick) {
    if (trains_weakest(pick)) return Suggestion{pick->id, Suggestion::Why::weakest, weakest->first, weakest->second};
    return Suggestion{pick->id, Suggestion::Why::next_level, std::nullopt, 0};
  }
  // A gap in the difficulties: the easiest scenario not passed yet.
  for (const auto* s : pool) {
    const auto b = best.find(s->id);
    if (b == best.end() || b->second < k_pass_score)
      return Suggestion{s->id, Suggestion::Why::next_level, std::nullopt, 0};
  }
  // Everything passed: the lowest score again.
  const auto lowest = std::min_element(best.begin(), best.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second, a.first) < std::tie(b.second, b.first);
  });
  return Suggestion{lowest->first, Suggestion::Why::again, std::nullopt, 0};
}

}  // namespace chatdrill::classroom
