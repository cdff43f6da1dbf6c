// The exercise run (classroom/exercise_run.h) on its own, in virtual time: the rules the
// app's exercise screen and `chatdrill exercise` share — the synchronized start, limits cut
// to the whole exercise's, time_up moving on unless scores are shown, results saved through
// the session record, earlier results counting as done, interrupted chats resumed.
#include "simulator/classroom/exercise_run.h"

#include <filesystem>

#include "helpers.h"
#include "scoring/core/timestamp.h"
#include "simulator/classroom/session_record.h"
#include "simulator/engine/scenario_loader.h"
#include "support/grader.h"

using namespace chatdrill;
using namespace classroom_test;
using classroom::RunPhase;

namespace {

const double k_start = static_cast<double>(*scoring::parse_utc_timestamp("2026-12-01T09:00:00Z"));

// Two test scenarios, the first with a 60 s limit; start 09:00, 20 min in all.
std::string exercise_file(const std::string& dir, const std::string& feedback, const std::string& total = "1200") {
  for (const char* s : {"order-status-fi.json", "gift-card-fi.json"})
    fs::copy_file(fs::path(CHATDRILL_TEST_DATA) / "data" / s, fs::path(dir) / s, fs::copy_options::overwrite_existing);
  const std::string path = dir + "/exercise.json";
  write_text(path, fmt::format(R"({{"format": "chatdrill.exercise/1", "id": "run-test", "title": "Ajo",
  "scenarios": [{{"scenario": "order-status-fi.json", "time_limit": 60}}, "gift-card-fi.json"],
  "start_at": "2026-12-01T09:00:00Z", "total_time_limit": {}, "feedback": "{}", "results": "results"}})",
                               total, feedback));
  return path;
}

std::size_t files_in(const std::string& dir) { return classroom::list_result_files(dir).size(); }

}  // namespace

TEST_CASE("exercise run: waits for the start, cuts a chat at its limit, moves on and saves every chat") {
  const auto dir = scratch("run-basic");
  classroom::ExerciseRun run(exercise_file(dir, "at_end"));
  REQUIRE_MESSAGE(run.runnable(), run.problems().front());
  CHECK(run.phase() == RunPhase::name_entry);
  CHECK_FALSE(run.enter_name("   ", 0, k_start - 30));  // no name, no start
  REQUIRE(run.enter_name("  Aino Äijälä \n", 0, k_start - 30));
  CHECK(run.trainee() == "Aino Äijälä");
  CHECK(run.phase() == RunPhase::waiting);
  CHECK(*run.start_in(k_start - 30) == doctest::Approx(30));
  CHECK_FALSE(run.tick(10, k_start - 20));
  CHECK(run.phase() == RunPhase::waiting);

  CHECK(run.tick(30, k_start));
  REQUIRE(run.phase() == RunPhase::playing);
  REQUIRE(run.current());
  CHECK(run.current()->scenario().id == "order-status-fi");
  CHECK(*run.scenario_time_left(30, k_start) == doctest::Approx(60));
  CHECK(*run.exercise_time_left(k_start + 100) == doctest::Approx(1100));
  const auto journal = run.current()->paths().journal;
  CHECK(fs::exists(journal));

  // The trainee says something, then the limit cuts the chat: saved, and (scores at the
  // end) the next scenario starts at once.
  CHECK(run.send(40, "Hei! Tarkistan asian heti.").empty());
  for (double t = 41; t <= 95; t += 1) run.tick(t, k_start + t - 30);
  REQUIRE(run.done().size() == 1);
  CHECK(run.done()[0].outcome() == "time_up");
  CHECK(run.done()[0].position == 0);
  CHECK(run.done()[0].trainee == "Aino Äijälä");
  CHECK(run.done()[0].exercise_id == "run-test");
  CHECK_FALSE(fs::exists(journal));  // the result holds it now
  CHECK(files_in(run.exercise().results_dir) == 1);
  REQUIRE(run.phase() == RunPhase::playing);
  CHECK(run.current()->scenario().id == "gift-card-fi");
  CHECK(run.progress() == 2);
  CHECK_FALSE(run.can_quit());  // never mid-chat

  run.end_task(120, k_start + 90);
  CHECK(run.phase() == RunPhase::done);
  CHECK(run.can_quit());
  REQUIRE(run.done().size() == 2);
  CHECK(run.done()[1].outcome() == "ended_by_trainee");
  CHECK(files_in(run.exercise().results_dir) == 2);
  CHECK(run.status().empty());

  // The same trainee again: both places have results, nothing is played twice.
  classroom::ExerciseRun again(dir + "/exercise.json");
  REQUIRE(again.enter_name("Aino Äijälä", 0, k_start + 200));
  CHECK(again.phase() == RunPhase::done);
  CHECK(again.done().size() == 2);
  CHECK_FALSE(again.current());
}

TEST_CASE("exercise run: with scores after each chat, one cut by its limit stops to show its score") {
  const auto dir = scratch("run-after-each");
  classroom::ExerciseRun run(exercise_file(dir, "after_each"));
  REQUIRE(run.enter_name("Ville", 0, k_start + 5));  // late: starts at once
  REQUIRE(run.phase() == RunPhase::playing);
  for (double t = 1; t <= 65; t += 1) run.tick(t, k_start + 5 + t);
  CHECK(run.phase() == RunPhase::between);
  CHECK_FALSE(run.current());
  REQUIRE(run.done().size() == 1);
  CHECK(run.done()[0].outcome() == "time_up");
  CHECK(run.done()[0].grade.dimensions.size() == scoring::k_dimensions.size());
  run.start_next(70, k_start + 75);
  CHECK(run.phase() == RunPhase::playing);
  CHECK(run.current()->scenario().id == "gift-card-fi");
}

TEST_CASE("exercise run: the whole exercise's limit cuts the chat in progress and ends the run") {
  const auto dir = scratch("run-total");
  classroom::ExerciseRun run(exercise_file(dir, "after_each", "100"));
  REQUIRE(run.enter_name("Ville", 0, k_start + 50));  // 50 s of the 100 are gone
  REQUIRE(run.phase() == RunPhase::playing);
  CHECK(*run.scenario_time_left(0, k_start + 50) == doctest::Approx(50));  // not its own 60
  for (double t = 1; t <= 55; t += 1) run.tick(t, k_start + 50 + t);
  CHECK(run.phase() == RunPhase::done);
  REQUIRE(run.done().size() == 1);
  CHECK(run.done()[0].outcome() == "time_up");
  CHECK(*run.next_open_position() == 1);  // never played: no time left
}

TEST_CASE("exercise run: a chat interrupted by a crash is offered again and resumes where it stopped") {
  const auto dir = scratch("run-recovery");
  const auto path = exercise_file(dir, "at_end");
  std::vector<scoring::Message> before;
  std::string journal;
  {
    classroom::ExerciseRun run(path);
    REQUIRE(run.enter_name("Aino", 0, k_start));
    REQUIRE(run.current());
    run.tick(8, k_start + 8);
    CHECK(run.send(10, "Hei! Tarkistan asian heti.").empty());
    run.tick(25, k_start + 25);
    before = run.current()->session().transcript().messages;
    journal = run.current()->paths().journal;
    // The app stops here: the run is dropped without saving; the journal stays.
  }
  REQUIRE(fs::exists(journal));
  classroom::ExerciseRun run(path);
  REQUIRE(run.enter_name("Aino", 0, k_start + 40));
  REQUIRE(run.phase() == RunPhase::recovery);
  REQUIRE(run.journals().size() == 1);
  CHECK(run.journals()[0].position == 0);
  CHECK_FALSE(run.journal_time_over(run.journals()[0], k_start + 40));
  run.recover(0, 100, k_start + 40);
  REQUIRE(run.phase() == RunPhase::playing);
  REQUIRE(run.current());
  CHECK_FALSE(fs::exists(journal));  // replayed into the new journal
  const auto& resumed = run.current()->session().transcript().messages;
  REQUIRE(resumed.size() == before.size());
  for (std::size_t i = 0; i < before.size(); ++i) CHECK(resumed[i].text == before[i].text);
  CHECK(run.current()->time(100) == doctest::Approx(before.back().at + 0.001));
  // Its limit still counts the chat's own clock.
  CHECK(*run.scenario_time_left(100, k_start + 40) == doctest::Approx(60 - before.back().at - 0.001));
}

TEST_CASE("session record: saves the result once and drops the journal; a failed write keeps the journal") {
  const auto dir = scratch("record");
  auto load = engine::load_scenario((fs::path(CHATDRILL_TEST_DATA) / "data" / "order-status-fi.json").string());
  REQUIRE(load.scenario);
  classroom::SessionSetup setup;
  setup.scenario = load.scenario;
  setup.results_dir = dir;
  setup.trainee = "Aino";
  auto& grader = test_grader();
  std::string error;
  auto record = classroom::SessionRecord::start(setup, 5, static_cast<std::int64_t>(k_start), error);
  REQUIRE_MESSAGE(record, error);
  CHECK(fs::exists(record->paths().journal));
  CHECK(record->save(static_cast<std::int64_t>(k_start), grader) == "the session is still running");
  CHECK(record->send(15, "Hei! Tarkistan asian heti.").empty());
  record->end(20);
  CHECK(record->save(static_cast<std::int64_t>(k_start + 15), grader).empty());
  REQUIRE(record->saved());
  CHECK_FALSE(fs::exists(record->paths().journal));
  auto saved = classroom::load_result(record->paths().result);
  REQUIRE(saved.result);
  CHECK(saved.result->started_at == "2026-12-01T09:00:00Z");
  CHECK(saved.result->ended_at == "2026-12-01T09:00:15Z");
  CHECK(saved.result->outcome() == "ended_by_trainee");
  CHECK(saved.result->trainee == "Aino");
  CHECK(record->save(static_cast<std::int64_t>(k_start + 99), grader).empty());  // once
  CHECK(classroom::load_result(record->paths().result).result->ended_at == "2026-12-01T09:00:15Z");

  // A folder where the result should go: the write fails, the journal stays.
  auto other = classroom::SessionRecord::start(setup, 0, static_cast<std::int64_t>(k_start), error);
  REQUIRE(other);
  fs::create_directories(other->paths().result);
  other->end(3);
  const auto why = other->save(static_cast<std::int64_t>(k_start + 3), grader);
  CHECK_FALSE(other->saved());
  CHECK(why.find(other->paths().journal) != std::string::npos);
  CHECK(fs::exists(other->paths().journal));
}
