// Helpers for the cli room's tests: run the real `chatdrill` executable with arguments and
// capture its exit code, stdout and stderr; scratch files under the build tree.
#pragma once

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace chatdrill::cli::test {

struct Run {
  int exit_code = -1;
  std::string out, err;
};

inline std::filesystem::path scratch_dir(const std::string& name) {
  const auto dir = std::filesystem::path(CHATDRILL_TEST_TMP) / name;
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
}

// Single-quotes a word for /bin/sh.
inline std::string quoted(const std::string& word) {
  std::string q = "'";
  for (char c : word) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs `chatdrill ARGS` (each argument quoted) from the source tree; `env` is prepended
// to the command (e.g. "CHATDRILL_DATA=/x").
inline Run run_chatdrill(const std::string& args_already_quoted, const std::string& env = "") {
  // Per process: ctest runs test cases in parallel.
  const auto dir = scratch_dir("runs-" + std::to_string(::getpid()));
  const auto out = dir / "stdout.txt", err = dir / "stderr.txt";
  const std::string cmd = "cd " + quoted(CHATDRILL_SOURCE_DIR) + " && " + env + " " + quoted(CHATDRILL_BINARY) + " " +
                          args_already_quoted + " >" + quoted(out.string()) + " 2>" + quoted(err.string());
  const int status = std::system(cmd.c_str());
  Run r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  std::filesystem::remove_all(dir);
  return r;
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace chatdrill::cli::test
