// Small helpers for the classroom tests: scratch folders, files, made-up results and
// running the real `chatdrill` binary. Test-only.
#pragma once

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "simulator/classroom/results.h"

namespace classroom_test {

namespace fs = std::filesystem;

// A fresh, empty folder under the build tree's scratch space.
inline std::string scratch(const std::string& name) {
  const fs::path p = fs::path(CHATDRILL_TEST_TMP) / name;
  fs::remove_all(p);
  fs::create_directories(p);
  return p.string();
}

inline void write_text(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A result with given scores and a short chat, as an app or `chatdrill exercise` writes it.
inline chatdrill::classroom::SessionResult make_result(const std::string& trainee, const std::string& scenario,
                                                       double overall, const std::string& outcome = "resolved") {
  chatdrill::classroom::SessionResult r;
  r.trainee = trainee;
  r.exercise_id = "test-exercise";
  r.exercise_title = "Testiharjoitus";
  r.scenario_id = scenario;
  r.scenario_title = "Otsikko " + scenario;
  r.started_at = "2026-12-01T09:00:00Z";
  r.ended_at = "2026-12-01T09:05:00Z";
  r.app_version = "test";
  r.host = "testhost";
  r.transcript.scenario = scenario;
  r.transcript.language = "fi";
  r.transcript.outcome = outcome;
  r.transcript.messages.push_back({"customer", "message", 0.0, "Hei, tilaukseni on myöhässä.", {}});
  r.transcript.messages.push_back({"trainee", "message", 12.0, "Hei " + trainee + "! Mikä on tilausnumeronne?", {}});
  r.grade.overall = overall;
  for (std::size_t d = 0; d < r.grade.dimensions.size(); ++d)
    r.grade.dimensions[d].score = std::max(0.0, overall - 5.0 * static_cast<double>(d));
  return r;
}

struct CommandOutput {
  int status = -1;
  std::string out, err;
};

// Runs the chatdrill binary with `args` (already shell-quoted), capturing stdout and stderr.
inline CommandOutput run_chatdrill(const std::string& args, const std::string& scratch_dir) {
  const std::string out = (fs::path(scratch_dir) / "cmd.out").string();
  const std::string err = (fs::path(scratch_dir) / "cmd.err").string();
  const std::string cmd = fmt::format("'{}' {} >'{}' 2>'{}'", CHATDRILL_BINARY, args, out, err);
  const int raw = std::system(cmd.c_str());
  return CommandOutput{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_text(out), read_text(err)};
}

inline std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace classroom_test
