// The exercise run's rules; see exercise_run.h.
#include "exercise_run.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "scoring/core/paths.h"
#include "simulator/engine/replay.h"
#include "simulator/engine/scenario.h"

namespace chatdrill::classroom {

namespace fs = std::filesystem;

// [Opening]

ExerciseRun::ExerciseRun(std::string path, std::string results_dir)
    : path_(std::move(path)), grader_(scoring::data_root()) {
  auto load = load_exercise(path_);
  diagnostics_ = load.diagnostics;
  for (const auto& d : load.diagnostics)
    if (d.severity == scoring::Severity::error) problems_.push_back(d.to_string());
  if (load.exercise) {
    exercise_ = std::move(*load.exercise);
    if (!results_dir.empty()) exercise_.results_dir = std::move(results_dir);
    auto scenarios = load_exercise_scenarios(exercise_);
    diagnostics_.insert(diagnostics_.end(), scenarios.diagnostics.begin(), scenarios.diagnostics.end());
    for (const auto& d : scenarios.diagnostics)
      if (d.severity == scoring::Severity::error) problems_.push_back(d.to_string());
    if (!scoring::has_errors(scenarios.diagnostics)) scenarios_ = std::move(scenarios.scenarios);
    order_ = play_order(exercise_);
  }
  if (!load.exercise || scenarios_.empty()) problems_.insert(problems_.begin(), path_);
}

// [Commands]

bool ExerciseRun::enter_name(std::string_view name, double now, double wall_now) {
  if (!runnable() || !trainee_.empty()) return false;
  const auto first = name.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return false;
  const auto last = name.find_last_not_of(" \t\r\n");
  trainee_ = std::string(name.substr(first, last - first + 1));
  begin(now, wall_now);
  return true;
}

void ExerciseRun::begin(double now, double wall_now) {
  const double start = exercise_.start_at_unix ? static_cast<double>(*exercise_.start_at_unix) : wall_now;
  if (exercise_.total_time_limit) total_end_ = std::max(start, 0.0) + *exercise_.total_time_limit;
  auto progress = find_exercise_progress(exercise_, scenarios_, order_, trainee_, static_cast<std::int64_t>(wall_now));
  done_ = std::move(progress.done);
  journals_ = std::move(progress.journals);
  if (!journals_.empty()) {  // this trainee's app stopped mid-chat: offer to go on
    phase_ = RunPhase::recovery;
    return;
  }
  if (exercise_.start_at_unix && wall_now < start) {
    phase_ = RunPhase::waiting;
    return;
  }
  start_next(now, wall_now);
}

void ExerciseRun::start_next(double now, double wall_now) {
  if (trainee_.empty() || current_ || phase_ == RunPhase::done) return;
  const auto position = next_open_position();
  if (!position) {
    phase_ = RunPhase::done;
    return;
  }
  auto limit = exercise_.limit_for(order_[*position]);
  if (total_end_) {
    const double left = *total_end_ - wall_now;
    if (left < 1) {
      phase_ = RunPhase::done;
      return;
    }
    limit = limit ? std::min(*limit, left) : left;
  }
  start_session(*position, limit, now, wall_now);
}

std::string ExerciseRun::send(double now, std::string_view text) {
  if (!current_) return "no chat in progress";
  return current_->send(now, text);
}

void ExerciseRun::end_task(double now, double wall_now) {
  if (!current_) return;
  current_->end(now);
  finish_current(now, wall_now);
}

void ExerciseRun::recover(std::size_t i, double now, double wall_now) {
  if (current_ || i >= journals_.size()) return;
  const InterruptedChat j = journals_[i];
  journals_.erase(journals_.begin() + static_cast<std::ptrdiff_t>(i));
  if (journal_time_over(j, wall_now) || j.transcript.outcome != "interrupted")
    return save_journal(j, true, now, wall_now);
  // The chat's clock goes on from its last event: the scenario's limit counts chat time,
  // the whole exercise's limit the wall clock.
  const double at = engine::resume_time(j.transcript);
  auto limit = exercise_.limit_for(order_[j.position]);
  if (auto total = exercise_time_left(wall_now)) limit = limit ? std::min(*limit, at + *total) : at + *total;
  start_session(j.position, limit, now, wall_now);
  if (!current_) return;  // status() says why
  if (!engine::replay_journal(current_->session(), j.transcript)) {
    std::error_code ec;  // the replay's journal is not the trainee's chat: keep the original
    fs::remove(current_->paths().journal, ec);
    current_.reset();
    return save_journal(j, false, now, wall_now);
  }
  current_->resume_at(now, at);
  std::error_code ec;
  fs::remove(j.path, ec);  // everything in it is in the new journal now
}

bool ExerciseRun::tick(double now, double wall_now) {
  if (trainee_.empty() || !runnable()) return false;
  switch (phase_) {
    case RunPhase::waiting:
      if (wall_now < static_cast<double>(*exercise_.start_at_unix)) return false;
      start_next(now, wall_now);
      return true;
    case RunPhase::playing: {
      if (!current_) return false;
      const bool changed = current_->advance(now);
      if (!current_->session().finished()) return changed;
      finish_current(now, wall_now);
      return true;
    }
    case RunPhase::between:
      if (total_end_ && wall_now >= *total_end_) {
        phase_ = RunPhase::done;
        return true;
      }
      return false;
    default: return false;
  }
}

// [Rules]

SessionSetup ExerciseRun::setup_for(std::size_t position, std::optional<double> limit) const {
  SessionSetup setup;
  setup.scenario = scenarios_[order_[position]];
  setup.results_dir = exercise_.results_dir;
  setup.trainee = trainee_;
  setup.seed = exercise_.seed;
  setup.time_limit = limit;
  setup.exercise_id = exercise_.id;
  setup.exercise_title = exercise_.title;
  setup.position = static_cast<int>(position);
  setup.weights = exercise_.weights;
  return setup;
}

void ExerciseRun::start_session(std::size_t position, std::optional<double> limit, double now, double wall_now) {
  std::string error;
  auto record = SessionRecord::start(setup_for(position, limit), now, static_cast<std::int64_t>(wall_now), error);
  if (!record) {
    status_ = error;
    return;
  }
  current_ = std::move(record);
  next_ = position + 1;
  phase_ = RunPhase::playing;
}

void ExerciseRun::finish_current(double now, double wall_now) {
  auto record = std::move(current_);
  const auto wall = static_cast<std::int64_t>(wall_now);
  if (auto err = record->save(wall, grader_); !err.empty()) status_ = err;
  take_finished(record->saved() ? *record->saved_result() : record->result(wall, grader_), now, wall_now);
}

void ExerciseRun::take_finished(SessionResult result, double now, double wall_now) {
  done_.push_back(std::move(result));
  // With feedback after each scenario, one cut by its time limit shows its score first too.
  const bool move_on = done_.back().outcome() == "time_up" && exercise_.feedback != FeedbackPolicy::after_each;
  const bool out_of_time = total_end_ && wall_now >= *total_end_ - 1;
  if (!next_open_position() || out_of_time) phase_ = RunPhase::done;
  else if (!journals_.empty()) phase_ = RunPhase::recovery;  // another interrupted chat is still waiting
  else if (move_on) {
    phase_ = RunPhase::between;
    start_next(now, wall_now);  // the limit ends it; the next one starts
  } else phase_ = RunPhase::between;
}

// Saves the journal as a result where the exercise's results go (same stem, so the name
// stays unique), then moves the exercise on as if the chat had just ended.
void ExerciseRun::save_journal(const InterruptedChat& j, bool time_over, double now, double wall_now) {
  const auto out = result_paths(exercise_.results_dir, fs::path(j.path).stem().string()).result;
  RecoverySetup setup;
  setup.scenario = scenarios_[order_[j.position]];
  setup.trainee = trainee_;
  setup.wall_now = static_cast<std::int64_t>(wall_now);
  setup.adjust = [&](SessionResult& r, scoring::Rubric& rubric) {
    r.exercise_id = exercise_.id;
    r.exercise_title = exercise_.title;
    r.position = static_cast<int>(j.position);
    if (time_over && r.transcript.outcome == "interrupted") r.transcript.outcome = "time_up";
    if (exercise_.weights) rubric.weights = *exercise_.weights;
  };
  std::string error;
  if (auto rec = save_recovered_journal(j.path, out, setup, grader_, error)) {
    take_finished(std::move(rec->result), now, wall_now);
    return;
  }
  status_ = error;
  if (journals_.empty()) phase_ = RunPhase::between;  // status says why; go on
}

// [Clocks]

std::optional<double> ExerciseRun::start_in(double wall_now) const {
  if (!exercise_.start_at_unix) return std::nullopt;
  return static_cast<double>(*exercise_.start_at_unix) - wall_now;
}

std::optional<double> ExerciseRun::scenario_time_left(double now, double wall_now) const {
  if (!current_) return std::nullopt;
  const auto limit = exercise_.limit_for(order_[next_ - 1]);
  std::optional<double> left;
  if (limit) left = *limit - current_->time(now);
  if (auto total = exercise_time_left(wall_now)) left = left ? std::min(*left, *total) : *total;
  if (left) left = std::max(0.0, *left);
  return left;
}

std::optional<double> ExerciseRun::exercise_time_left(double wall_now) const {
  if (!total_end_) return std::nullopt;
  return std::max(0.0, *total_end_ - wall_now);
}

bool ExerciseRun::journal_time_over(const InterruptedChat& j, double wall_now) const {
  if (auto total = exercise_time_left(wall_now); total && *total < 1) return true;
  const auto limit = exercise_.limit_for(order_[j.position]);
  return limit && engine::last_event_time(j.transcript) >= *limit - 1;
}

std::optional<std::size_t> ExerciseRun::next_open_position() const {
  for (std::size_t p = 0; p < order_.size(); ++p)
    if (std::none_of(done_.begin(), done_.end(), [&](const auto& r) { return r.position == static_cast<int>(p); }))
      return p;
  return std::nullopt;
}

}  // namespace chatdrill::classroom
