// Runs the real `chatdrill` binary as a child process and measures what it cost: wall
// time and peak resident memory (wait4's rusage of that one child). Tests of hostile
// inputs assert the exit code, the message and that both costs stay bounded.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace chatdrill::test {

// Sanitizers make code several times slower and bigger; bounds are scaled by this, and
// stay far below what the quadratic or unbounded behaviour took (seconds to minutes, GBs).
#if defined(__SANITIZE_ADDRESS__)
inline constexpr double k_cost_scale = 4;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr double k_cost_scale = 4;
#else
inline constexpr double k_cost_scale = 1;
#endif
#else
inline constexpr double k_cost_scale = 1;
#endif
// Time under the sanitizer build is slower still: it is also a Debug (-O0) build, measured
// 43x slower than RelWithDebInfo on `validate` of an 8k-node chain (8 s against 0.19 s).
// Quadratic behaviour took 13-28 s optimised, so a 12x bound still tells them apart.
inline constexpr double k_time_scale = k_cost_scale > 1 ? 12 : 1;

struct BoundedRun {
  int exit_code = -1;  // -1: killed by a signal, -2: killed after the timeout
  std::string out, err;
  double seconds = 0;
  double peak_mb = 0;
};

inline std::string read_whole(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `prefix` runs before the binary (e.g. {"setpriv", "--bounding-set=-dac_override", "--"});
// `env` entries are NAME=VALUE added to the environment.
inline BoundedRun run_bounded(const std::vector<std::string>& args, const std::vector<std::string>& env = {},
                              const std::vector<std::string>& prefix = {}, double timeout_seconds = 120) {
  const auto dir = std::filesystem::path(CHATDRILL_TEST_TMP) / ("bounded-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto out = dir / "stdout.txt", err = dir / "stderr.txt";
  std::vector<std::string> argv_s = prefix;
  argv_s.push_back(CHATDRILL_BINARY);
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(o, 1);
    ::dup2(e, 2);
    if (::chdir(CHATDRILL_SOURCE_DIR) != 0) ::_exit(126);
    for (const auto& kv : env) ::putenv(const_cast<char*>(kv.c_str()));
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  BoundedRun r;
  int status = 0;
  struct rusage usage {};
  for (;;) {
    const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    if (std::chrono::steady_clock::now() - start > std::chrono::duration<double>(timeout_seconds)) {
      ::kill(pid, SIGKILL);
      ::wait4(pid, &status, 0, &usage);
      r.exit_code = -2;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
  if (r.exit_code != -2) r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_whole(out);
  r.err = read_whole(err);
  std::filesystem::remove_all(dir);
  return r;
}

}  // namespace chatdrill::test
