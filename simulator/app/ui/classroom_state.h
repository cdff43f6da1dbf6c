// The classroom in the app's state: the trainee's exercise (a classroom::ExerciseRun, the
// same rules `chatdrill exercise` follows, plus the name box) and the trainer's dashboard
// over a results folder. The commands pass the app's two clocks (AppState::now and
// ::wall_now) to the run and show its chat in progress on the session screen; the screens
// (screens/exercise.cpp, screens/trainer.cpp) only draw and call these. No GLFW or GL.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app_state.h"
#include "simulator/classroom/class_table.h"
#include "simulator/classroom/exercise_run.h"

namespace chatdrill::app {

struct ExerciseView {
  explicit ExerciseView(std::string path) : run(std::move(path)) {}
  classroom::ExerciseRun run;
  std::string name_input;  // UI-only: the name being typed
};

struct TrainerView {
  std::string folder;
  classroom::ClassTable table;
  double last_poll = -1e9;  // app time of the last refresh
  std::size_t measure = 0;  // chart shown large (index into classroom::k_measures)
};

// Polling interval of the dashboard: files from a network share arrive within this.
inline constexpr double k_trainer_poll_seconds = 2.0;

// [Commands]
// Loads an exercise and its scenarios; problems show on the exercise screen.
void open_exercise(AppState& state, const std::string& path);
void set_exercise_trainee(AppState& state, const std::string& name);
void start_next_scenario(AppState& state);
// Resumes (or saves) the trainee's interrupted chat run.journals()[i].
void recover_exercise_journal(AppState& state, std::size_t i);
// Never mid-chat.
void close_exercise(AppState& state);
void open_results_folder(AppState& state, const std::string& folder);
// Whether the live session is the exercise's chat in progress.
bool in_exercise_chat(const AppState& state);
// The trainee ends the exercise's chat in progress: saved, and the exercise moves on.
void end_exercise_chat(AppState& state);
// Seconds left of the exercise's chat in progress, and of the whole exercise (nullopt = no limit).
std::optional<double> scenario_time_left(const AppState& state);
std::optional<double> exercise_time_left(const AppState& state);
bool exercise_journal_time_over(const AppState& state, const classroom::InterruptedChat& journal);

// Called from tick(): moves the exercise on (start time reached, chat finished, time up)
// and refreshes the dashboard every k_trainer_poll_seconds. True if anything changed.
bool tick_classroom(AppState& state);
// Seconds until the classroom needs a frame (countdown second, poll), capped at 1 s.
double classroom_wake(const AppState& state);

}  // namespace chatdrill::app
