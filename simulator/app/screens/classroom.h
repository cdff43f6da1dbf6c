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

enum class ExercisePhase { name_entry, recovery, waiting, between, done };

// An unfinished session of this trainee in this exercise, left in results/live/ by an app
// that crashed or was killed (screens/exercise_recovery.cpp).
struct ExerciseJournal {
  std::string path;
  std::size_t position = 0;        // its place in the play order
  scoring::Transcript transcript;  // as recovered
};

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
  std::vector<engine::SessionResult> done;  // finished sessions (earlier runs' first), as they ended
  std::vector<ExerciseJournal> journals;    // offered for recovery (phase recovery)
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
// Crash recovery in an exercise (screens/exercise_recovery.cpp). Called once the trainee's
// name is known: the trainee's earlier results in this exercise count as done (never played
// twice), and their unfinished journals go to `journals`. True if there are any to offer.
bool find_exercise_progress(AppState& state);
// Whether the exercise's time for this journal's scenario ran out while the app was down:
// the whole exercise's limit by the wall clock, the scenario's own on the chat's clock.
bool exercise_journal_time_over(const AppState& state, const ExerciseJournal& journal);
// Resumes journals[i]'s chat where it stopped (the persona replayed from the journal into a
// new journal, the old one removed once replayed); when its time is over, or the replay
// does not match the journal, saves it as a result (time_up / interrupted) instead.
void recover_exercise_journal(AppState& state, std::size_t i);
// The next place in the play order without a result, if any.
std::optional<std::size_t> next_open_position(const ExerciseRun& run);
// Starts a session at `position` of the play order (a fresh one, or one being resumed).
void start_exercise_session(AppState& state, std::size_t position, std::optional<double> limit);
// The session in progress ended: keep its result and move on as the feedback policy says.
void take_finished(AppState& state, engine::SessionResult result);
bool tick_exercise(AppState& state);  // the exercise part of tick_classroom
bool tick_trainer(AppState& state);   // the dashboard part
// Seconds until the classroom needs a frame (countdown second, poll), capped at 1 s.
double classroom_wake(const AppState& state);

// [Drawing]
void draw_exercise(AppState& state);
// The offer to resume (or save) this trainee's interrupted chats (phase recovery).
void draw_exercise_recovery(AppState& state);
void draw_trainer(AppState& state);
// The countdown strip shown above every screen while an exercise runs.
void draw_exercise_strip(AppState& state);
// "File" and "Trainer" menus for the top bar, with their path prompts.
void draw_classroom_menus(AppState& state);

}  // namespace chatdrill::app
