// The classroom's commands in the app; see classroom_state.h. The rules are the run's
// (simulator/classroom/exercise_run.h); this file passes the clocks and mirrors the run's
// chat in progress into AppState::live, the session screen's view.
#include "classroom_state.h"

#include <algorithm>
#include <cmath>

#include "scoring/text.h"
#include "simulator/engine/scenario.h"

namespace chatdrill::app {

namespace {

// Shows the run's chat in progress on the session screen, and the exercise screen when
// there is none; true if that changed what is shown.
bool show_run_chat(AppState& s) {
  if (!s.classroom.exercise) return false;
  auto& run = s.classroom.exercise->run;
  if (!run.status().empty()) {
    s.status = run.status();
    run.clear_status();
  }
  const auto& current = run.current();
  if (current && (!s.sessions.live || s.sessions.live->record != current)) {
    s.sessions.live = make_live_session(current, true, &s.status);
    s.screen = Screen::session;
    return true;
  }
  if (!current && s.sessions.live && s.sessions.live->in_exercise) {  // its chat ended
    s.sessions.live.reset();
    s.screen = Screen::exercise;
    return true;
  }
  if (!current && s.screen == Screen::session && !s.sessions.live) s.screen = Screen::exercise;
  return false;
}

}  // namespace

bool in_exercise_chat(const AppState& s) {
  return s.classroom.exercise && s.sessions.live && s.sessions.live->record &&
         s.sessions.live->record == s.classroom.exercise->run.current();
}

void open_exercise(AppState& s, const std::string& path) {
  s.classroom.exercise = std::make_shared<ExerciseView>(path);
  s.classroom.exercise->name_input = s.settings.values.trainee;
  s.screen = Screen::exercise;
}

void close_exercise(AppState& s) {
  if (s.classroom.exercise && !s.classroom.exercise->run.can_quit()) return;  // never mid-chat
  s.classroom.exercise.reset();
  if (s.screen == Screen::exercise) s.screen = Screen::home;
}

void set_exercise_trainee(AppState& s, const std::string& name) {
  if (!s.classroom.exercise) return;
  s.classroom.exercise->run.enter_name(clean_input(name), s.now, s.wall_now);
  show_run_chat(s);
}

void start_next_scenario(AppState& s) {
  if (!s.classroom.exercise || s.sessions.live) return;
  s.classroom.exercise->run.start_next(s.now, s.wall_now);
  show_run_chat(s);
}

void recover_exercise_journal(AppState& s, std::size_t i) {
  if (!s.classroom.exercise || s.sessions.live) return;
  s.classroom.exercise->run.recover(i, s.now, s.wall_now);
  show_run_chat(s);
}

void end_exercise_chat(AppState& s) {
  if (!in_exercise_chat(s)) return;
  s.classroom.exercise->run.end_task(s.now, s.wall_now);
  show_run_chat(s);
}

std::optional<double> scenario_time_left(const AppState& s) {
  if (!s.classroom.exercise) return std::nullopt;
  return s.classroom.exercise->run.scenario_time_left(s.now, s.wall_now);
}

std::optional<double> exercise_time_left(const AppState& s) {
  if (!s.classroom.exercise) return std::nullopt;
  return s.classroom.exercise->run.exercise_time_left(s.wall_now);
}

bool exercise_journal_time_over(const AppState& s, const classroom::InterruptedChat& journal) {
  return s.classroom.exercise && s.classroom.exercise->run.journal_time_over(journal, s.wall_now);
}

void open_results_folder(AppState& s, const std::string& folder) {
  auto view = std::make_shared<TrainerView>();
  view->folder = clean_input(folder);
  while (view->folder.size() > 1 && view->folder.back() == '/') view->folder.pop_back();
  view->table.refresh(view->folder);
  view->last_poll = s.now;
  s.classroom.trainer = std::move(view);
  s.screen = Screen::trainer;
}

bool tick_classroom(AppState& s) {
  bool changed = false;
  if (s.classroom.exercise) {
    changed = s.classroom.exercise->run.tick(s.now, s.wall_now);
    changed = show_run_chat(s) || changed;
  }
  if (s.classroom.trainer && s.now - s.classroom.trainer->last_poll >= k_trainer_poll_seconds) {
    s.classroom.trainer->last_poll = s.now;
    changed = s.classroom.trainer->table.refresh(s.classroom.trainer->folder) || changed;
  }
  return changed;
}

double classroom_wake(const AppState& s) {
  double wait = 1.0;
  if (s.classroom.trainer)
    wait = std::min(wait, std::max(0.0, s.classroom.trainer->last_poll + k_trainer_poll_seconds - s.now));
  if (s.classroom.exercise && !s.classroom.exercise->run.trainee().empty()) {
    const double t = s.wall_now;
    wait = std::min(wait, std::ceil(t + 1e-6) - t);  // the countdowns change every second
  }
  return wait;
}

}  // namespace chatdrill::app
