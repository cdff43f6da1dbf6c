// The exercise run: one trainee's way through a timed exercise, as a state machine with a
// few commands and a tick. Both the app's exercise screen and `chatdrill exercise` (in
// virtual time) drive it, so the rules live here once: when the exercise starts (start_at),
// each scenario's time limit cut to what is left of the whole exercise's, a chat cut by its
// limit moving straight on unless its scores are to be shown, the rubric weights, results
// already saved counting as done, interrupted chats offered to resume, and every finished
// chat saved through its SessionRecord.
//
// Two clocks come in as arguments, never read here: `now`, the caller's monotonic clock in
// seconds (the app's frame clock; virtual in tests and the CLI), which drives the chat, and
// `wall_now`, Unix seconds, for start_at, the whole exercise's limit and result times.
//
// A shift of several simultaneous chats (the multi-chat issue) is a set of SessionRecords
// on the same two clocks: the record holds everything per chat, the run the rules.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exercise.h"
#include "recovery.h"
#include "results.h"
#include "session_record.h"

namespace chatdrill::classroom {

enum class RunPhase {
  name_entry,  // waiting for the trainee's name
  recovery,    // interrupted chats of this trainee are offered (journals())
  waiting,     // until the exercise's start_at
  playing,     // a chat is in progress (current())
  between,     // a chat ended; the trainee moves on with start_next()
  done,        // every scenario played, or the exercise's time is over
};

class ExerciseRun {
 public:
  using Scenarios = std::vector<std::shared_ptr<const engine::Scenario>>;

  // Reads the exercise and every scenario it names; problems() says why it cannot run.
  // `results_dir` replaces the exercise's results folder when given (CLI --results).
  // Finished chats are graded with the bundled language data (scoring::data_root()).
  explicit ExerciseRun(std::string path, std::string results_dir = "");

  // [Commands] Each is ignored where it does not apply (a second name, start_next
  // mid-chat, ...). status() says what went wrong, if anything did.

  // The trainee's name, trimmed; false if empty. The trainee's earlier results in this
  // exercise count as done; then: recovery, waiting or the first scenario.
  bool enter_name(std::string_view name, double now, double wall_now);
  // Starts the next scenario without a result (between, after recovery).
  void start_next(double now, double wall_now);
  // The trainee's reply to the chat in progress; "" or why it was not sent.
  std::string send(double now, std::string_view text);
  // The trainee ends the chat in progress.
  void end_task(double now, double wall_now);
  // Resumes journals()[i] where it stopped, or saves it as a result when its time is over
  // (time_up) or the persona does not replay the same story (interrupted).
  void recover(std::size_t i, double now, double wall_now);
  // Whether the trainee may leave the exercise now: never mid-chat.
  bool can_quit() const { return phase_ != RunPhase::playing; }
  // Moves the run on: the start time reached, the persona acting, a chat that finished
  // saved, the exercise's time over. True if anything the trainee sees changed.
  bool tick(double now, double wall_now);

  // [State]
  const std::string& path() const { return path_; }
  // Why it cannot run (errors, file:line:col: ...), and every finding of the exercise and
  // its scenarios (warnings too).
  const std::vector<std::string>& problems() const { return problems_; }
  const scoring::Diagnostics& diagnostics() const { return diagnostics_; }
  bool runnable() const { return problems_.empty(); }
  const Exercise& exercise() const { return exercise_; }
  const Scenarios& scenarios() const { return scenarios_; }
  const std::vector<std::size_t>& order() const { return order_; }  // play order (file indices)
  const std::string& trainee() const { return trainee_; }
  RunPhase phase() const { return phase_; }
  const std::vector<SessionResult>& done() const { return done_; }  // earlier runs' first, as they ended
  const std::vector<InterruptedChat>& journals() const { return journals_; }
  // The chat in progress (phase playing), shared with whoever shows it.
  const std::shared_ptr<SessionRecord>& current() const { return current_; }
  // 1-based place in the order of the chat in progress or the one last started.
  std::size_t progress() const { return std::max<std::size_t>(next_, 1); }
  const std::string& status() const { return status_; }
  void clear_status() { status_.clear(); }

  // The scenario (file index) at place `position` of the play order.
  const engine::Scenario& scenario_at(std::size_t position) const { return *scenarios_[order_[position]]; }
  // Seconds until start_at (nullopt without one).
  std::optional<double> start_in(double wall_now) const;
  // Seconds left of the chat in progress, and of the whole exercise (nullopt: no limit).
  std::optional<double> scenario_time_left(double now, double wall_now) const;
  std::optional<double> exercise_time_left(double wall_now) const;
  // Whether journal's scenario ran out of time while the app was down: the whole
  // exercise's limit by the wall clock, the scenario's own on the chat's clock.
  bool journal_time_over(const InterruptedChat& journal, double wall_now) const;
  // The next place in the play order without a result, if any.
  std::optional<std::size_t> next_open_position() const;

 private:
  void begin(double now, double wall_now);
  void start_session(std::size_t position, std::optional<double> limit, double now, double wall_now);
  void finish_current(double now, double wall_now);
  void take_finished(SessionResult result, double now, double wall_now);
  void save_journal(const InterruptedChat& journal, bool time_over, double now, double wall_now);
  SessionSetup setup_for(std::size_t position, std::optional<double> limit) const;

  std::string path_;
  std::vector<std::string> problems_;
  scoring::Diagnostics diagnostics_;
  Exercise exercise_;
  Scenarios scenarios_;
  std::vector<std::size_t> order_;
  std::string trainee_;
  RunPhase phase_ = RunPhase::name_entry;
  std::size_t next_ = 0;             // place in order_ after the chat last started
  std::optional<double> total_end_;  // wall time when the whole exercise ends
  std::shared_ptr<SessionRecord> current_;
  std::vector<SessionResult> done_;
  std::vector<InterruptedChat> journals_;
  std::string status_;
  scoring::Grader grader_;  // grades every chat of the run (this run's thread only)
};

}  // namespace chatdrill::classroom
