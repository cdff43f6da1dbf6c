// `chatdrill exercise FILE --trainee NAME --replies-dir DIR [--now ISO]`: one trainee's run
// through a timed exercise, headless, from scripted replies in virtual time. It is what a
// classroom simulation (tests, demos) drives instead of a person at the app, and it drives
// the same classroom::ExerciseRun as the app's exercise screen: the same order, seeds, time
// limits, feedback policy and result files.
#include "simulator/classroom/exercise_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

#include "cli.h"
#include "scoring/grade.h"
#include "simulator/engine/replay.h"
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
    "waited for in virtual time. Scores are printed as the exercise's feedback policy allows.\n"
    "As in the app, results this trainee already has in the folder count as done, and a chat\n"
    "left unfinished by a crash is resumed from its journal.\n";

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

using Replies = std::map<std::string, std::vector<engine::TestReply>>;

// Every scenario's replies, read before the first chat starts (a broken file stops the run
// before anything is written); false if any has errors.
bool load_all_replies(const classroom::ExerciseRun& run, const std::string& dir, Replies& out) {
  bool ok = true;
  for (const auto& scenario : run.scenarios()) {
    if (out.count(scenario->id)) continue;
    const fs::path p = fs::path(dir) / (scenario->id + ".jsonl");
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) {
      std::fprintf(stderr, "chatdrill exercise: no replies for %s in %s; the trainee writes nothing\n",
                   scenario->id.c_str(), dir.c_str());
      out[scenario->id] = {};
      continue;
    }
    auto load = engine::load_replies(p.string());
    print_diagnostics(load.diagnostics);
    if (scoring::has_errors(load.diagnostics)) ok = false;
    out[scenario->id] = std::move(load.replies);
  }
  return ok;
}

void print_scores(const classroom::SessionResult& r) {
  std::printf("  %s: %s, overall %ld", r.scenario_id.c_str(), r.outcome().c_str(), std::lround(r.grade.overall));
  for (std::size_t d = 0; d < scoring::k_dimensions.size(); ++d)
    std::printf(", %s %ld", scoring::k_dimensions[d], std::lround(r.grade.dimensions[d].score));
  std::printf("\n");
}

std::optional<std::int64_t> start_time(const ExerciseArgs& args) {
  if (args.now.empty())
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  auto t = scoring::parse_utc_timestamp(args.now);
  if (!t)
    std::fprintf(stderr, "chatdrill exercise: --now \"%s\" is not an ISO 8601 time like 2026-12-01T09:00:00Z\n",
                 args.now.c_str());
  return t;
}

// Virtual time: both clocks jump from event to event. `now` counts from the trainee's start.
struct Clocks {
  double wall0 = 0, now = 0;
  double wall() const { return wall0 + now; }
};

// The chat in progress, played from its replies to its end: the trainee's lines at their
// times on the chat's clock (a resumed chat gets those after the point it resumed from).
void play_current(classroom::ExerciseRun& run, const Replies& replies, Clocks& clock) {
  auto& record = *run.current();
  const double started = clock.now - record.time(clock.now);
  const double from = record.time(clock.now);
  std::vector<engine::TestReply> left;
  for (const auto& r : replies.at(record.scenario().id))
    if (r.at >= from) left.push_back(r);
  engine::replay_into(record.session(), left);
  const auto& messages = record.session().transcript().messages;
  const double length = messages.empty() ? 0 : messages.back().at;
  clock.now = std::max(clock.now, started + std::ceil(length));
  run.tick(clock.now, clock.wall());  // saves it and moves on
}

void report_finished(const classroom::ExerciseRun& run) {
  const auto& last = run.done().back();
  if (run.exercise().feedback == classroom::FeedbackPolicy::after_each) print_scores(last);
  else std::printf("  %s: %s\n", last.scenario_id.c_str(), last.outcome().c_str());
}

int play_all(classroom::ExerciseRun& run, const ExerciseArgs& args, const Replies& replies, std::int64_t start) {
  Clocks clock{static_cast<double>(start), 0};
  run.enter_name(args.trainee, clock.now, clock.wall());
  const std::size_t earlier = run.done().size();
  while (run.phase() != classroom::RunPhase::done) {
    const std::size_t finished = run.done().size();
    switch (run.phase()) {
      case classroom::RunPhase::recovery:  // a crashed run of this trainee: its chats first
        run.recover(0, clock.now, clock.wall());
        break;
      case classroom::RunPhase::waiting:
        std::printf("waiting for the start at %s\n", run.exercise().start_at->c_str());
        clock.now += std::max(0.0, *run.start_in(clock.wall()));
        run.tick(clock.now, clock.wall());
        break;
      case classroom::RunPhase::playing: play_current(run, replies, clock); break;
      case classroom::RunPhase::between:
      case classroom::RunPhase::name_entry: run.start_next(clock.now, clock.wall()); break;
      case classroom::RunPhase::done: break;
    }
    if (!run.status().empty()) {
      std::fprintf(stderr, "chatdrill exercise: %s\n", run.status().c_str());
      return 1;
    }
    if (run.done().size() > finished) report_finished(run);
    if (run.phase() == classroom::RunPhase::name_entry) return 1;  // cannot happen: the name was given
  }
  for (std::size_t k = 0; k < run.order().size(); ++k)  // places left when the exercise's time ran out
    if (std::none_of(run.done().begin(), run.done().end(),
                     [&](const auto& r) { return r.position == static_cast<int>(k); }))
      std::printf("no time left for %s\n", run.scenario_at(k).id.c_str());
  if (run.exercise().feedback == classroom::FeedbackPolicy::at_end) {
    std::printf("scores:\n");
    for (const auto& r : run.done()) print_scores(r);
  }
  std::printf("done: %zu of %zu scenarios", run.done().size(), run.order().size());
  if (earlier) std::printf(" (%zu from earlier runs)", earlier);
  std::printf(", results in %s\n", run.exercise().results_dir.c_str());
  return 0;
}

}  // namespace

int exercise_command(int argc, char** argv) {
  ExerciseArgs args;
  if (int rc = parse_args(argc, argv, args); rc >= 0) return rc;
  classroom::ExerciseRun run(args.file, args.results);
  print_diagnostics(run.diagnostics());
  if (!run.runnable()) return 1;
  Replies replies;
  if (!load_all_replies(run, args.replies_dir, replies)) return 1;
  const auto now = start_time(args);
  if (!now) return 2;
  std::printf("%s: %s\n", run.exercise().title.c_str(), args.trainee.c_str());
  return play_all(run, args, replies, *now);
}

}  // namespace chatdrill::cli
