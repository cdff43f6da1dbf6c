// The class table: trainees x scenarios with scores and outcomes, class averages and score
// distributions, built from a results folder. One model shared by `chatdrill report` and the
// app's trainer dashboard; it refreshes incrementally (only new or changed files are parsed).
// UI-free: it knows result files, not windows or charts.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "results.h"
#include "scoring/grade.h"

namespace chatdrill::classroom {

// What the table measures: the overall score, then the dimensions (scoring::k_dimensions).
inline constexpr std::array<const char*, 1 + scoring::k_dimension_count> k_measures = {
    "overall", "speed", "politeness", "clarifying", "engagement", "resolution", "writing"};
inline constexpr std::size_t k_histogram_bins = 10;  // 0-9, 10-19, ..., 90-100

double measure_score(const SessionResult& result, std::size_t measure);
// A score or a class mean as trainers read it, in the dashboard and in every report: a whole
// number, halves rounded away from zero (82.5 -> "83"; printf's "%.0f" would give "82").
std::string score_text(double score);
// False for a dimension the result's grade does not have (saved as chatdrill.grade/1).
bool measure_graded(const SessionResult& result, std::size_t measure);

struct MeasureStats {
  std::size_t count = 0;
  double mean = 0;
  double min = 0, max = 0;
  std::array<std::size_t, k_histogram_bins> histogram{};  // bin i holds scores in [10 i, 10 i + 10), 100 in the last
};

struct ClassCell {
  const LoadedResult* latest = nullptr;  // the attempt that ended last
  int attempts = 0;
};

struct ScenarioColumn {
  std::string id;
  std::string title;
  int position = 0;  // smallest play position seen (columns follow the exercise order)
  double mean_overall = 0;
  std::size_t count = 0;
};

struct TraineeRow {
  std::string name;
  std::vector<ClassCell> cells;  // one per scenario column
  double mean_overall = 0;
  std::size_t done = 0;     // scenarios with a result
  std::size_t time_up = 0;  // of those, how many ended by the time limit
};

class ClassTable {
 public:
  // `detail` is how much of each result to keep: the report wants the chats (scores), a
  // dashboard only the table (summary).
  explicit ClassTable(ResultDetail detail = ResultDetail::scores) : detail_(detail) {}

  // Brings the table up to date with the folder: parses only files that are new or whose
  // modification time or size changed, and forgets files that are gone. True if anything changed.
  bool refresh(const std::string& results_dir);

  const std::string& folder() const { return folder_; }
  const std::vector<ScenarioColumn>& scenarios() const { return scenarios_; }
  const std::vector<TraineeRow>& trainees() const { return rows_; }
  // Class statistics per measure over every trainee's latest attempt at each scenario.
  const std::array<MeasureStats, k_measures.size()>& stats() const { return stats_; }
  std::size_t result_count() const { return result_count_; }
  // Every file that was skipped, with the reason (file:line:col: path: message).
  scoring::Diagnostics skipped() const;
  // False when the folder is missing, not a folder, or cannot be listed (skipped() says why).
  bool folder_readable() const { return folder_ok_ && !folder_unlisted_; }
  // Journals in live/: sessions running now, or machines that crashed mid-session.
  const std::vector<std::string>& live_journals() const { return live_; }
  std::string exercise_title() const;  // the most common exercise title, if any
  // How many files were parsed since construction (lets tests see that refresh is incremental).
  std::size_t parses() const { return parses_; }

 private:
  struct Entry {
    std::int64_t mtime = 0;
    std::uintmax_t size = 0;
    std::optional<LoadedResult> loaded;
    scoring::Diagnostics diagnostics;
  };
  bool update_entry(const std::string& file);  // true if the file was new or changed
  void rebuild();

  ResultDetail detail_;
  std::string folder_;
  bool folder_ok_ = false;
  bool folder_unlisted_ = false;
  std::vector<std::string> folder_problems_;  // links, non-files, an unreadable folder: as text
  scoring::Diagnostics folder_diagnostics_;
  std::map<std::string, Entry> entries_;  // by file name
  std::vector<ScenarioColumn> scenarios_;
  std::vector<TraineeRow> rows_;
  std::array<MeasureStats, k_measures.size()> stats_{};
  std::vector<std::string> live_;
  std::size_t result_count_ = 0;
  std::size_t parses_ = 0;
};

}  // namespace chatdrill::classroom
