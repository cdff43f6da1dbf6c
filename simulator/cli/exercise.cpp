// `chatdrill exercise FILE --trainee NAME --replies-dir DIR [--now ISO]`: one trainee's run
// through a timed exercise, headless, from scripted replies in virtual time. It is what a
// classroom simulation (tests, demos) drives instead of a person at the app: the same order,
// seeds, time limits, feedback policy and result files as the app's trainee flow.
#include "simulator/engine/exercise.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "cli.h"
#include "scoring/grade.h"
#include "simulator/engine/files.h"
#include "simulator/engine/replay.h"
#include "simulator/engine/results.h"
#include "simulator/engine/scenario.h"

namespace chatdrill::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* k_usage =
    "usage: chatdrill exercise FILE --trainee NAME --replies-dir DIR [--now ISO] [--results DIR]\n"
    "\n"
    "Plays every scenario of a chatdrill.exercise/1 file as one trainee, headless, in virtual\n"
    "time: the trainee's replies for scenario ID come from DIR/ID.jsonl (JSON lines\n"
    "{\"at\": seconds, \"text\": \"...\"}, as for `chatdrill play`; a missing file means the\n"
    "trainee writes nothing). The exercise's order, seed and time limits apply; each session's\n"
    "result is written into the exercise's results folder (or --results DIR). --now is the\n"
    "wall time the trainee starts at (ISO 8601 UTC; default: now); a start_at in the future is\n"
    "waited for in virtual time. Scores are printed as the exercise's feedback policy allows.\n";

struct ExerciseArgs {
  std::string file, trainee, replies_dir, now, results;
};

int parse_args(int argc, char** argv, ExerciseArgs& a) {
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(k_usage, stdout);
      return 0;
    }
    std::string* value = arg == "--trainee"       ? &a.trainee
                         : arg == "--replies-dir" ? &a.replies_dir
                         : arg == "--now"         ? &a.now
                         : arg == "--results"     ? &a.results
                                                  : nullptr;
    if (value) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "chatdrill exercise: %s needs a value\n", arg.c_str());
        return 2;
      }
      *value = argv[++i];
    } else if (!arg.empty() && arg[0] == '-') {
      std::fprintf(stderr, "chatdrill exercise: unknown option %s\n%s", arg.c_str(), k_usage);
      return 2;
    } else if (a.file.empty()) {
      a.file = arg;
    } else {
      std::fprintf(stderr, "chatdrill exercise: one exercise file only\n%s", k_usage);
      return 2;
    }
  }
  if (a.file.empty() || a.trainee.empty() || a.replies_dir.empty()) {
    std::fputs(k_usage, stderr);
    return 2;
  }
  return -1;
}

void print_diagnostics(const scoring::Diagnostics& ds) {
  for (const auto& d : ds) std::fprintf(stderr, "%s\n", d.to_string().c_str());
}

std::vector<engine::TestReply> replies_for(const std::string& dir, const std::string& id, bool& ok) {
  const fs::path p = fs::path(dir) / (id + ".jsonl");
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) {
    std::fprintf(stderr, "chatdrill exercise: no replies for %s in %s; the trainee writes nothing\n",
                 id.c_str(), dir.c_str());
    return {};
  }
  auto load = engine::load_replies(p.string());
  print_diagnostics(load.diagnostics);
  if (scoring::has_errors(load.diagnostics)) ok = false;
  return load.replies;
}

void print_scores(const engine::SessionResult& r) {
  std::printf("  %s: %s, overall %ld", r.scenario_id.c_str(), r.outcome().c_str(),
              std::lround(r.grade.overall));
  for (std::size_t d = 0; d < scoring::k_dimensions.size(); ++d)
    std::printf(", %s %ld", scoring::k_dimensions[d], std::lround(r.grade.dimensions[d].score));
  std::printf("\n");
}

// The time a scenario may take: its own limit, cut to what is left of the exercise's total.
std::optional<double> scenario_limit(const engine::Exercise& ex, std::size_t index, std::int64_t t,
                                     std::optional<std::int64_t> total_end) {
  auto limit = ex.limit_for(index);
  if (total_end) {
    const double left = static_cast<double>(*total_end - t);
    limit = limit ? std::min(*limit, left) : left;
  }
  return limit;
}

struct Run {
  const engine::Exercise& ex;
  const ExerciseArgs& args;
  std::string results_dir;
  std::vector<engine::SessionResult> done;
};

// Plays one scenario from wall time `t`; returns the session's length in seconds, or -1.
double play_one(Run& run, const std::shared_ptr<const engine::Scenario>& scenario, int position,
                std::int64_t t, std::optional<double> limit) {
  bool ok = true;
  auto replies = replies_for(run.args.replies_dir, scenario->id, ok);
  if (!ok) return -1;
  const auto stem = engine::result_file_stem(run.args.trainee, scenario->id, engine::this_writer());
  const auto paths = engine::result_paths(run.results_dir, stem);
  if (auto err = engine::ensure_directory(fs::path(paths.journal).parent_path().string()); !err.empty()) {
    std::fprintf(stderr, "chatdrill exercise: %s\n", err.c_str());
    return -1;
  }
  engine::SessionOptions options{run.ex.seed, limit, paths.journal, run.args.trainee};
  engine::SessionResult r;
  r.transcript = engine::replay(scenario, replies, options);
  scoring::Rubric rubric = scenario->rubric;
  if (run.ex.weights) rubric.weights = *run.ex.weights;
  r.grade = scoring::grade_transcript(r.transcript, rubric);
  const double length = r.transcript.messages.empty() ? 0 : r.transcript.messages.back().at;
  r.trainee = run.args.trainee;
  r.exercise_id = run.ex.id;
  r.exercise_title = run.ex.title;
  r.scenario_id = scenario->id;
  r.scenario_title = scenario->title;
  r.position = position;
  r.started_at = engine::format_utc_timestamp(t);
  r.ended_at = engine::format_utc_timestamp(t + static_cast<std::int64_t>(std::ceil(length)));
  r.app_version = CHATDRILL_VERSION;
  r.host = engine::this_writer().host;
  if (auto err = engine::write_result(paths.result, r); !err.empty()) {
    std::fprintf(stderr, "chatdrill exercise: %s (the journal %s keeps the session)\n", err.c_str(),
                 paths.journal.c_str());
    return -1;
  }
  std::error_code ec;
  fs::remove(paths.journal, ec);  // the result now holds everything the journal did
  run.done.push_back(std::move(r));
  return length;
}

std::optional<std::int64_t> start_time(const ExerciseArgs& args) {
  if (args.now.empty())
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  auto t = engine::parse_utc_timestamp(args.now);
  if (!t)
    std::fprintf(stderr,
                 "chatdrill exercise: --now \"%s\" is not an ISO 8601 time like 2026-12-01T09:00:00Z\n",
                 args.now.c_str());
  return t;
}

int play_all(Run& run, const std::vector<std::shared_ptr<const engine::Scenario>>& scenarios,
             std::int64_t now) {
  const auto& ex = run.ex;
  std::int64_t t = now;
  if (ex.start_at_unix && *ex.start_at_unix > now) {
    std::printf("waiting for the start at %s\n", ex.start_at->c_str());
    t = *ex.start_at_unix;
  }
  std::optional<std::int64_t> total_end;
  if (ex.total_time_limit)
    total_end = (ex.start_at_unix ? std::max(*ex.start_at_unix, std::int64_t{0}) : t) +
                static_cast<std::int64_t>(*ex.total_time_limit);
  const auto order = engine::play_order(ex);
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    const auto limit = scenario_limit(ex, i, t, total_end);
    if (limit && *limit < 1) {
      std::printf("no time left for %s\n", scenarios[i]->id.c_str());
      continue;
    }
    const double length = play_one(run, scenarios[i], static_cast<int>(k), t, limit);
    if (length < 0) return 1;
    if (ex.feedback == engine::FeedbackPolicy::after_each)
      print_scores(run.done.back());
    else
      std::printf("  %s: %s\n", run.done.back().scenario_id.c_str(), run.done.back().outcome().c_str());
    t += static_cast<std::int64_t>(std::ceil(length));
  }
  if (ex.feedback == engine::FeedbackPolicy::at_end) {
    std::printf("scores:\n");
    for (const auto& r : run.done) print_scores(r);
  }
  std::printf("done: %zu of %zu scenarios, results in %s\n", run.done.size(), order.size(),
              run.results_dir.c_str());
  return 0;
}

}  // namespace

int exercise_command(int argc, char** argv) {
  ExerciseArgs args;
  if (int rc = parse_args(argc, argv, args); rc >= 0) return rc;
  auto loaded = engine::load_exercise(args.file);
  print_diagnostics(loaded.diagnostics);
  if (!loaded.exercise) return 1;
  auto scenarios = engine::load_exercise_scenarios(*loaded.exercise);
  print_diagnostics(scenarios.diagnostics);
  if (scoring::has_errors(scenarios.diagnostics)) return 1;
  const auto now = start_time(args);
  if (!now) return 2;
  Run run{*loaded.exercise, args, args.results.empty() ? loaded.exercise->results_dir : args.results, {}};
  std::printf("%s: %s\n", run.ex.title.c_str(), args.trainee.c_str());
  return play_all(run, scenarios.scenarios, *now);
}

}  // namespace chatdrill::cli
