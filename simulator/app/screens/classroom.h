// The classroom in the app: the trainee's timed exercise flow (screens/exercise.cpp) and the
// trainer's live results dashboard (screens/trainer.cpp). Their state lives in AppState as
// ExerciseRun and TrainerView; screens call the commands below. No GLFW or GL.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "simulator/app/ui/app_state.h"
#include "simulator/engine/classroom.h"
#include "simulator/engine/exercise.h"

namespace chatdrill::app {

enum class ExercisePhase { name_entry, waiting, between, done };

struct ExerciseRun {
  engine::Exercise exercise;
  std::vector<std::shared_ptr<const engine::Scenario>> scenarios;  // file order
  std::vector<std::size_t> order;                                  // play order (indices)
  std::string path;
  std::vector<std::string> problems;  // why the exercise cannot run (file:line:col: ...)
  std::string name_input, trainee;
  ExercisePhase phase = ExercisePhase::name_entry;
  std::size_t next = 0;             // position in `order` of the scenario to play next
  double wall_at_open = 0;          // wall clock (Unix seconds) when the exercise was opened...
  double app_at_open = 0;           // ...and the app clock then: wall time = wall_at_open + now - app_at_open
  std::optional<double> total_end;  // wall time when the whole exercise ends
  std::string current_result;       // result file of the session in progress
  std::vector<engine::SessionResult> done;  // finished sessions, in play order
};

struct TrainerView {
  std::string folder;
  engine::ClassTable table;
  double last_poll = -1e9;  // app time of the last refresh
  std::size_t measure = 0;  // chart shown large (index into engine::k_measures)
};

// Polling interval of the dashboard: files from a network share arrive within this.
inline constexpr double k_trainer_poll_seconds = 2.0;

// [Commands]
// Loads an exercise and its scenarios; problems go to state.status and the screen.
void open_exercise(AppState& state, const std::string& path);
void set_exercise_trainee(AppState& state, const std::string& name);
void start_next_scenario(AppState& state);
void close_exercise(AppState& state);
void open_results_folder(AppState& state, const std::string& folder);
// Wall-clock seconds for the exercise (virtual under --drive, as the app clock is).
double exercise_wall_time(const AppState& state);
// Seconds left of the session in progress, and of the whole exercise (nullopt = no limit).
std::optional<double> scenario_time_left(const AppState& state);
std::optional<double> exercise_time_left(const AppState& state);

// Called from tick(): moves the exercise on (start time reached, session finished, time
// up) and refreshes the dashboard every k_trainer_poll_seconds. True if anything changed.
bool tick_classroom(AppState& state);
bool tick_exercise(AppState& state);  // the exercise part of tick_classroom
bool tick_trainer(AppState& state);   // the dashboard part
// Seconds until the classroom needs a frame (countdown second, poll), capped at 1 s.
double classroom_wake(const AppState& state);

// [Drawing]
void draw_exercise(AppState& state);
void draw_trainer(AppState& state);
// The countdown strip shown above every screen while an exercise runs.
void draw_exercise_strip(AppState& state);
// "File" and "Trainer" menus for the top bar, with their path prompts.
void draw_classroom_menus(AppState& state);

}  // namespace chatdrill::app
