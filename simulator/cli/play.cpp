// `chatdrill play SCENARIO --replies FILE`: plays a scenario headless from scripted replies
// in virtual time and writes the transcript (chatdrill.transcript/1); a shift file goes to
// play_shift (shift.cpp). Exit 0 played, 1 invalid scenario or replies, 2 usage. The
// session logic lives in the engine.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>

#include "cli.h"
#include "simulator/engine/files.h"
#include "simulator/engine/replay.h"
#include "simulator/engine/scenario_loader.h"
#include "simulator/engine/shift.h"

namespace chatdrill::cli {

namespace {

constexpr const char* k_play_usage =
    "usage: chatdrill play SCENARIO --replies FILE [--seed N] [--out FILE] [--time-limit S]\n"
    "       chatdrill play SHIFT --replies FILE [--seed N] [--out FILE]\n"
    "Plays SCENARIO (a file, or the id of a bundled scenario) in virtual time, sending the\n"
    "trainee replies in FILE: JSON lines like {\"at\": 12.5, \"text\": \"Hei!\"} (seconds since the\n"
    "start). Writes the transcript JSON to stdout, or atomically to --out FILE.\n"
    "A SHIFT (a chatdrill.shift/1 file, or the id of a bundled shift) plays several chats on one\n"
    "clock; each reply line names its chat: {\"at\": 12.5, \"chat\": \"c2\", \"text\": \"...\"}, and a\n"
    "line without \"text\" switches to the chat. Writes chatdrill.shift-transcript/1.\n"
    "  --seed N          random seed for the customer's line variants (default 1; a shift:\n"
    "                    every chat's seed is derived from N instead of the shift file's)\n"
    "  --time-limit S    end the session with outcome time_up after S seconds\n"
    "Exit 0: played, 1: invalid scenario or replies, 2: bad usage.\n";

struct PlayOptions {
  std::string scenario, replies, out;
  engine::SessionOptions session;
  bool seed_given = false;
};

int usage_error(const std::string& message) {
  std::fprintf(stderr, "chatdrill play: %s\n%s", message.c_str(), k_play_usage);
  return 2;
}

std::optional<int> parse_arguments(int argc, char** argv, PlayOptions& o) {
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(k_play_usage, stdout);
      return 0;
    }
    const bool takes_value = arg == "--replies" || arg == "--seed" || arg == "--out" || arg == "--time-limit";
    if (takes_value && i + 1 >= argc) return usage_error(arg + " needs a value");
    if (arg == "--replies") o.replies = argv[++i];
    else if (arg == "--out") o.out = argv[++i];
    else if (arg == "--seed") {
      const std::string v = argv[++i];
      std::uint64_t seed = 0;
      auto r = std::from_chars(v.data(), v.data() + v.size(), seed);
      if (r.ec != std::errc() || r.ptr != v.data() + v.size())
        return usage_error("--seed wants a whole number >= 0, not " + v);
      o.session.seed = seed;
      o.seed_given = true;
    } else if (arg == "--time-limit") {
      const std::string v = argv[++i];
      double s = 0;
      auto r = std::from_chars(v.data(), v.data() + v.size(), s);
      if (r.ec != std::errc() || r.ptr != v.data() + v.size() || !std::isfinite(s) || s <= 0 || s > 24 * 3600)
        return usage_error("--time-limit wants seconds (more than 0, at most a day), not " + v);
      o.session.time_limit = s;
    } else if (arg.size() > 1 && arg[0] == '-') return usage_error("unknown option " + arg);
    else if (o.scenario.empty()) o.scenario = arg;
    else return usage_error("more than one scenario given (" + o.scenario + ", " + arg + ")");
  }
  if (o.scenario.empty()) return usage_error("no scenario given");
  if (o.replies.empty()) return usage_error("--replies FILE is required");
  return std::nullopt;
}

// A path if it exists, else a bundled scenario id, else a bundled shift id.
std::optional<std::string> resolve_scenario(const std::string& given) {
  std::error_code ec;
  if (std::filesystem::exists(given, ec)) return given;
  if (auto bundled = engine::find_bundled_scenario(given)) return bundled;
  if (auto bundled = engine::find_bundled_shift(given)) return bundled;
  return std::nullopt;
}

// Whether the file says it is a shift (a quick look; the loaders say what is wrong).
bool is_shift_file(const std::string& path) {
  const auto parsed = scoring::parse_json_file(path);
  return parsed.doc && engine::is_shift_doc(*parsed.doc);
}

bool print_all(const scoring::Diagnostics& diagnostics) {
  for (const auto& d : diagnostics) std::fprintf(stderr, "%s\n", d.to_string().c_str());
  return scoring::has_errors(diagnostics);
}

}  // namespace

int play_command(int argc, char** argv) {
  PlayOptions o;
  if (auto code = parse_arguments(argc, argv, o)) return *code;
  const auto path = resolve_scenario(o.scenario);
  if (!path) {
    std::fprintf(stderr, "%s: no such scenario file or bundled scenario id (nor a bundled shift)\n",
                 o.scenario.c_str());
    return 1;
  }
  if (is_shift_file(*path)) {
    if (o.session.time_limit) return usage_error("--time-limit is for a scenario; a shift has its own \"duration\"");
    return play_shift(*path, o.replies, o.out,
                      o.seed_given ? std::optional<std::uint64_t>(o.session.seed) : std::nullopt);
  }
  const auto load = engine::load_scenario(*path);
  const auto replies = engine::load_replies(o.replies);
  const bool bad_scenario = print_all(load.diagnostics);
  if (print_all(replies.diagnostics) || bad_scenario || !load.scenario) return 1;
  scoring::Transcript transcript;
  try {
    transcript = engine::replay(load.scenario, replies.replies, o.session);
  } catch (const std::exception& e) {  // a broken lexicon file: say so rather than abort
    std::fprintf(stderr, "chatdrill play: %s\n", e.what());
    return 1;
  }
  const std::string json = scoring::transcript_to_json(transcript).dump(2) + "\n";
  if (json.size() > scoring::k_max_file_bytes) {  // never write what `grade` would refuse
    std::fprintf(stderr,
                 "chatdrill play: the transcript would be %zu bytes, more than the %s limit for chatdrill "
                 "files: not written\n",
                 json.size(), scoring::k_max_file_text);
    return 1;
  }
  if (o.out.empty()) {
    std::fwrite(json.data(), 1, json.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
  }
  if (const auto error = engine::write_file_atomic(o.out, json); !error.empty()) {
    std::fprintf(stderr, "chatdrill play: %s\n", error.c_str());
    return 1;
  }
  return 0;
}

}  // namespace chatdrill::cli
