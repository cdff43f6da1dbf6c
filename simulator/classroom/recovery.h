// Recovery of interrupted sessions: a journal left in a results folder's live/ by an app
// that crashed or was killed becomes a result (graded from what was said), or, inside an
// exercise, a chat the trainee resumes where it stopped (engine::replay_journal). Free
// practice and exercises alike. Never touches a session still running elsewhere. No clock:
// the wall time is an argument.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exercise.h"
#include "results.h"
#include "scoring/transcript.h"

namespace chatdrill::classroom {

// A journal last written this long ago by another machine is taken as abandoned (its
// trainee moved to this machine); a fresher one may be a namesake's session running now.
inline constexpr double k_foreign_journal_idle_seconds = 120;

// Whether the session that writes `path` is gone. `writer` is the "<host>-<pid>-<nonce>"
// part of its stem (result_file_stem): on this host, abandoned unless that process still
// runs; on another, when the file is k_foreign_journal_idle_seconds old at `wall_now`.
bool journal_abandoned(const std::string& path, std::string_view writer, std::int64_t wall_now);

struct RecoveredResult {
  SessionResult result;
  std::shared_ptr<const engine::Scenario> scenario;  // null when it could not be found
};

struct RecoverySetup {
  std::shared_ptr<const engine::Scenario> scenario;  // null: found by id with find_scenario
  std::function<std::shared_ptr<const engine::Scenario>(const std::string& id)> find_scenario;
  std::string trainee;        // the name on the result
  std::int64_t wall_now = 0;  // the result's end time
  // May change the result and rubric before grading (an exercise's trainee, place, outcome
  // and weights).
  std::function<void(SessionResult&, scoring::Rubric&)> adjust;
};

// Turns the journal into a result saved at `out`: the transcript as journalled (outcome
// "interrupted" unless the journal recorded one), graded with the scenario's rubric. The
// journal is removed only once the result is on disk; on failure nullopt, `error` says why
// and the journal stays. `grader` grades it.
std::optional<RecoveredResult> save_recovered_journal(const std::string& journal, const std::string& out,
                                                      const RecoverySetup& setup, scoring::Grader& grader,
                                                      std::string& error);

// An unfinished session of this trainee in this exercise, left in results/live/.
struct InterruptedChat {
  std::string path;
  std::size_t position = 0;        // its place in the play order
  scoring::Transcript transcript;  // as recovered
};

struct ExerciseProgress {
  std::vector<SessionResult> done;        // earlier results, one per place in the order (the last), by place
  std::vector<InterruptedChat> journals;  // abandoned journals at places without a result, by place
};

// What this trainee already did in this exercise: their results count as done (never
// played twice), their abandoned journals whose scenario, trainee and seed match a place
// still open are offered to resume. Other trainees' files are never read.
ExerciseProgress find_exercise_progress(const Exercise& exercise,
                                        const std::vector<std::shared_ptr<const engine::Scenario>>& scenarios,
                                        const std::vector<std::size_t>& order, const std::string& trainee,
                                        std::int64_t wall_now);

}  // namespace chatdrill::classroom
