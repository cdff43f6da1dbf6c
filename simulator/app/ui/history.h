// Finished sessions on this machine (results under $XDG_DATA_HOME/chatdrill/sessions) for
// the Home screen's "recent sessions", plus exports of one result: JSON and a printable
// HTML summary. Uses the engine's result format; no ImGui here.
#pragma once

#include "strings.h"

#include "simulator/classroom/results.h"
#include "simulator/engine/scenario.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace chatdrill::app {

struct RecentSession {
  std::string path;
  std::string title, scenario_id, outcome, ended_at, trainee;
  double overall = 0;
  std::array<std::optional<double>, scoring::k_dimension_count> scores;  // graded dimensions
};

// The sessions folder: data_dir()/sessions.
std::string sessions_dir();
// Newest first, at most `max`; files that are not valid results are skipped, and each
// is described in `skipped` (file:line:col: path: message) if given.
std::vector<RecentSession> recent_sessions(const std::string& dir, std::size_t max = 30,
                                           std::vector<std::string>* skipped = nullptr);

// A self-contained HTML page summarising a result (scores, evidence, the conversation).
std::string summary_html(const classroom::SessionResult& result, const Strings& strings,
                         const engine::Scenario* scenario);

struct ExportPaths {
  std::string json, summary, error;  // error empty on success
};
// Writes <dir>/<stem>.json (result: transcript + grade) and <dir>/<stem>.html atomically.
ExportPaths export_result(const classroom::SessionResult& result, const std::string& dir, const std::string& stem,
                          const Strings& strings, const engine::Scenario* scenario);

}  // namespace chatdrill::app
