// A session record: one trainee session from its start to its saved result. It starts the
// engine session with its journal in the results folder's live/, knows what the result will
// say (who, which scenario, which exercise and place in the order) and the rubric it is
// graded with, and `save` is the one way a finished session becomes a result file: graded,
// written atomically, then the journal removed. Free practice, exercises (the app and
// `chatdrill exercise`) and recovery all go through here. No clock: times are arguments.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "results.h"
#include "scoring/grade.h"
#include "simulator/engine/session.h"

namespace chatdrill::engine {
struct Scenario;
}

namespace chatdrill::classroom {

struct SessionSetup {
  std::shared_ptr<const engine::Scenario> scenario;
  std::string results_dir;  // the result goes here, the journal into its live/ while running
  std::string trainee;      // the name on the result
  // The name recorded in the journal and transcript (default: `trainee`; free practice
  // records only a name the trainee gave in Settings).
  std::optional<std::string> journal_trainee;
  std::uint64_t seed = 1;
  std::optional<double> time_limit;  // session seconds; the chat ends "time_up" there
  // Set in an exercise: written into the result; the weights replace the scenario's.
  std::string exercise_id, exercise_title;
  int position = 0;  // 0-based place in the trainee's play order
  std::optional<scoring::Weights> weights;
};

class SessionRecord {
 public:
  // Starts the session at `now` on the caller's clock (the one it passes to advance and
  // time) and at wall time `wall_now` (Unix seconds). Null, with `error` set, when the
  // journal folder cannot be made or the scenario's language data is broken.
  static std::unique_ptr<SessionRecord> start(SessionSetup setup, double now, std::int64_t wall_now,
                                              std::string& error);

  engine::Session& session() { return *session_; }
  const engine::Session& session() const { return *session_; }
  const SessionSetup& setup() const { return setup_; }
  const engine::Scenario& scenario() const { return *setup_.scenario; }
  const ResultPaths& paths() const { return paths_; }
  const std::string& stem() const { return stem_; }
  // The chat's clock at caller time `now` (never negative).
  double time(double now) const;
  // Moves the chat's clock so that it reads `session_time` at caller time `now` (a chat
  // resumed from its journal goes on where it stopped).
  void resume_at(double now, double session_time) { started_at_ = now - session_time; }
  // Lets the persona act up to `now`; true if the trainee would see a change (a message,
  // typing starting or stopping, the chat ending).
  bool advance(double now);
  // The trainee's reply at `now`; "" or why it was not taken (broken language data).
  // `noted`: fields recorded on the message (engine::Session::send).
  std::string send(double now, std::string_view text, const scoring::Json& noted = scoring::Json::object());
  // The trainee ends the chat at `now` (nothing happens if it already ended).
  void end(double now);

  // The rubric this session is graded with: the scenario's, with the exercise's weights.
  scoring::Rubric rubric() const;
  // The result as it stands: everything known, the transcript, the grade by `grader` (left
  // ungraded, with `grade_error` set, when the language data is broken).
  SessionResult result(std::int64_t wall_end, scoring::Grader& grader, std::string* grade_error = nullptr) const;
  // Once the chat finished: grades it with `grader`, writes the result atomically and
  // removes the journal. Done once; later calls return the first outcome. "" on success;
  // else a message: why it was not written when saved() is false (the journal then stays,
  // so nothing the trainee wrote is lost), why it is ungraded when saved() is true.
  std::string save(std::int64_t wall_now, scoring::Grader& grader);
  bool saved() const { return saved_.has_value(); }
  // The result as saved (set by a successful save).
  const std::optional<SessionResult>& saved_result() const { return saved_; }

 private:
  SessionRecord() = default;
  SessionSetup setup_;
  std::unique_ptr<engine::Session> session_;
  std::string stem_;
  ResultPaths paths_;
  double started_at_ = 0;
  std::string started_wall_;
  std::optional<SessionResult> saved_;
  std::optional<std::string> save_error_;
};

// Grades a result's transcript with `rubric` by `grader`; "" or the language data's error (ungraded).
std::string grade_result(SessionResult& result, const scoring::Rubric& rubric, scoring::Grader& grader);

}  // namespace chatdrill::classroom
