// Shared by the classroom UI tests: an exercise of the two test scenarios (60 s for the
// first, start 09:00, 20 min in all) in a scratch folder, name entry, and its results.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "simulator/classroom/results.h"
#include "tests/app/headless.h"

namespace chatdrill::app::test {

inline std::string write_exercise(const std::filesystem::path& dir, const std::string& feedback) {
  namespace fs = std::filesystem;
  fs::create_directories(dir / "scenarios");
  for (const char* s : {"order-status-fi.json", "gift-card-fi.json"})
    fs::copy_file(fs::path(CHATDRILL_TEST_DATA) / ".." / "data" / s, dir / "scenarios" / s,
                  fs::copy_options::overwrite_existing);
  const fs::path path = dir / "exercise.json";
  std::ofstream(path) << fmt::format(R"({{
  "format": "chatdrill.exercise/1", "id": "ui-test", "title": "Näyttötesti",
  "instructions": "Palvele kahta asiakasta.",
  "scenarios": [{{"scenario": "scenarios/order-status-fi.json", "time_limit": 60}}, "scenarios/gift-card-fi.json"],
  "start_at": "2026-12-01T09:00:00Z", "total_time_limit": 1200, "feedback": "{}", "results": "results"
}})",
                                     feedback);
  return path.string();
}

inline void enter_name_and_begin(Headless& h, const std::string& name) {
  h.frame();
  h.click("exercise.name");
  h.type(name);
  h.click("exercise.begin");
}

inline std::vector<classroom::SessionResult> results_in(const std::filesystem::path& dir) {
  std::vector<classroom::SessionResult> out;
  for (auto& r : classroom::load_results_folder(dir.string()).results) out.push_back(r.result);
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.position < b.position; });
  return out;
}

}  // namespace chatdrill::app::test
