// The class table model; see classroom.h. Pure bookkeeping over loaded results: no drawing,
// no clock (file modification times are only compared for change, never interpreted).
#include "class_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <unordered_map>

namespace chatdrill::classroom {

namespace fs = std::filesystem;

double measure_score(const SessionResult& result, std::size_t measure) {
  if (measure == 0) return result.grade.overall;
  return result.grade.dimensions[measure - 1].score;
}

std::string score_text(double score) { return fmt::format("{}", std::lround(score)); }

bool measure_graded(const SessionResult& result, std::size_t measure) {
  return measure == 0 || result.grade.dimensions[measure - 1].graded;
}

bool ClassTable::update_entry(const std::string& file) {
  const std::string name = fs::path(file).filename().string();
  std::error_code ec;
  const auto mtime = static_cast<std::int64_t>(fs::last_write_time(file, ec).time_since_epoch().count());
  const auto size = fs::file_size(file, ec);
  auto it = entries_.find(name);
  if (it != entries_.end() && it->second.mtime == mtime && it->second.size == size) return false;
  Entry entry{mtime, size, std::nullopt, {}};
  auto load = load_result(file, detail_);  // evidence is read when a review opens the file
  ++parses_;
  if (load.result) entry.loaded = LoadedResult{file, std::move(*load.result)};
  entry.diagnostics = std::move(load.diagnostics);
  entries_[name] = std::move(entry);
  return true;
}

bool ClassTable::refresh(const std::string& results_dir) {
  bool changed = false;
  if (results_dir != folder_) {
    entries_.clear();
    folder_ = results_dir;
    changed = true;
  }
  std::error_code ec;
  const bool ok = fs::is_directory(results_dir, ec);
  if (ok != folder_ok_) folder_ok_ = ok, changed = true;
  std::set<std::string> seen;
  scoring::Diagnostics problems;
  const auto files = list_result_files(results_dir, &problems);
  std::vector<std::string> problem_texts;
  for (const auto& d : problems) problem_texts.push_back(d.to_string());
  if (problem_texts != folder_problems_) {
    folder_problems_ = std::move(problem_texts);
    folder_diagnostics_ = std::move(problems);
    changed = true;
  }
  // Listing failed on the folder itself (as opposed to a link or a FIFO inside it).
  folder_unlisted_ = std::any_of(folder_diagnostics_.begin(), folder_diagnostics_.end(),
                                 [&](const scoring::Diagnostic& d) { return d.file == results_dir; });
  for (const auto& file : files) {
    seen.insert(fs::path(file).filename().string());
    if (update_entry(file)) changed = true;
  }
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (!seen.count(it->first)) it = entries_.erase(it), changed = true;
    else ++it;
  }
  auto live = list_live_journals(results_dir);
  // A journal whose result was written (a crash between the two) is not a live session.
  std::erase_if(live, [&](const std::string& j) { return entries_.count(fs::path(j).stem().string() + ".json") > 0; });
  if (live != live_) live_ = std::move(live), changed = true;
  if (changed) rebuild();
  return changed;
}

scoring::Diagnostics ClassTable::skipped() const {
  scoring::Diagnostics out;
  if (!folder_ok_) out.push_back(scoring::Diagnostic{folder_, {}, "", "not a folder (no results to read)"});
  out.insert(out.end(), folder_diagnostics_.begin(), folder_diagnostics_.end());
  for (const auto& [name, entry] : entries_)
    if (!entry.loaded) out.insert(out.end(), entry.diagnostics.begin(), entry.diagnostics.end());
  return out;
}

std::string ClassTable::exercise_title() const {
  std::map<std::string, std::size_t> counts;
  for (const auto& [name, entry] : entries_)
    if (entry.loaded && !entry.loaded->result.exercise_title.empty()) ++counts[entry.loaded->result.exercise_title];
  std::string best;
  std::size_t best_count = 0;
  for (const auto& [title, n] : counts)
    if (n > best_count) best = title, best_count = n;
  return best;
}

namespace {

void add_to_stats(MeasureStats& s, double score) {
  s.min = s.count == 0 ? score : std::min(s.min, score);
  s.max = s.count == 0 ? score : std::max(s.max, score);
  s.mean += score;  // a sum until finish_stats
  ++s.count;
  const auto bin = static_cast<std::size_t>(std::clamp(score, 0.0, 100.0) / 10.0);
  ++s.histogram[std::min(bin, k_histogram_bins - 1)];
}

bool later(const LoadedResult& a, const LoadedResult& b) {
  if (a.result.ended_at != b.result.ended_at) return a.result.ended_at > b.result.ended_at;
  return a.file > b.file;
}

}  // namespace

void ClassTable::rebuild() {
  scenarios_.clear();
  rows_.clear();
  stats_ = {};
  result_count_ = 0;
  // Columns: every scenario seen, in play order (smallest position), then by id.
  std::map<std::string, ScenarioColumn> columns;
  std::map<std::string, std::vector<const LoadedResult*>> by_trainee;
  for (const auto& [name, entry] : entries_) {
    if (!entry.loaded) continue;
    const SessionResult& r = entry.loaded->result;
    auto [it, fresh] =
        columns.try_emplace(r.scenario_id, ScenarioColumn{r.scenario_id, r.scenario_title, r.position, 0, 0});
    if (!fresh) it->second.position = std::min(it->second.position, r.position);
    if (it->second.title.empty()) it->second.title = r.scenario_title;
    by_trainee[r.trainee].push_back(&*entry.loaded);
    ++result_count_;
  }
  for (auto& [id, column] : columns) scenarios_.push_back(column);
  std::sort(scenarios_.begin(), scenarios_.end(), [](const ScenarioColumn& a, const ScenarioColumn& b) {
    return a.position != b.position ? a.position < b.position : a.id < b.id;
  });
  std::unordered_map<std::string, std::size_t> column_of;
  for (std::size_t i = 0; i < scenarios_.size(); ++i) column_of[scenarios_[i].id] = i;

  for (auto& [trainee, results] : by_trainee) {  // std::map: rows sorted by name
    TraineeRow row{trainee, std::vector<ClassCell>(scenarios_.size()), 0, 0, 0};
    for (const LoadedResult* r : results) {
      ClassCell& cell = row.cells[column_of[r->result.scenario_id]];
      ++cell.attempts;
      if (!cell.latest || later(*r, *cell.latest)) cell.latest = r;
    }
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      const LoadedResult* latest = row.cells[c].latest;
      if (!latest) continue;
      ++row.done;
      row.mean_overall += latest->result.grade.overall;
      if (latest->result.outcome() == "time_up") ++row.time_up;
      scenarios_[c].mean_overall += latest->result.grade.overall;
      ++scenarios_[c].count;
      for (std::size_t m = 0; m < k_measures.size(); ++m)
        if (measure_graded(latest->result, m)) add_to_stats(stats_[m], measure_score(latest->result, m));
    }
    if (row.done) row.mean_overall /= static_cast<double>(row.done);
    rows_.push_back(std::move(row));
  }
  for (auto& column : scenarios_)
    if (column.count) column.mean_overall /= static_cast<double>(column.count);
  for (auto& s : stats_)
    if (s.count) s.mean /= static_cast<double>(s.count);
}

}  // namespace chatdrill::classroom
