// The classroom screens driven headless as a trainee and a trainer would: name entry, the
// waiting screen, the countdown, time_up moving on, the feedback policy, the done screen;
// and the dashboard filling up as result files arrive, with click-through to a review.
#include <fmt/format.h>

#include <fstream>

#include "exercise_fixture.h"
#include "simulator/app/screens/classroom.h"

using namespace chatdrill;
using namespace chatdrill::app;

namespace {

namespace fs = std::filesystem;

using test::enter_name_and_begin;
using test::results_in;
using test::write_exercise;

}  // namespace

TEST_CASE("a trainee waits for the start, runs out of time, goes on, and sees scores only at the end") {
  test::Headless h("classroom-exercise");
  const std::string path = write_exercise(h.dir() / "class", "at_end");
  open_exercise(h.state, path);
  REQUIRE(h.state.classroom.exercise);
  REQUIRE(h.state.classroom.exercise->run.problems().empty());
  h.state.wall_now = static_cast<double>(*scoring::parse_utc_timestamp("2026-12-01T08:59:30Z"));
  CHECK(h.state.screen == Screen::exercise);
  enter_name_and_begin(h, "Aino Äijälä");
  REQUIRE(h.state.classroom.exercise->run.trainee() == "Aino Äijälä");
  CHECK(h.state.classroom.exercise->run.phase() == classroom::RunPhase::waiting);
  h.frame();
  CHECK(h.visible("exercise.strip"));
  CHECK_FALSE(h.state.sessions.live);
  h.advance(31);  // the start time passes
  REQUIRE(h.state.sessions.live);
  CHECK(h.state.screen == Screen::session);
  CHECK(scenario_time_left(h.state).value_or(-1) == doctest::Approx(59).epsilon(0.05));
  CHECK(h.visible("exercise.strip"));  // the countdown stays on screen during the chat
  h.wait_for_customer();
  h.type("Hetkinen.");
  h.press_enter();
  h.advance(62);  // the 60 s limit: time_up, and the next scenario starts by itself
  REQUIRE(h.state.classroom.exercise->run.done().size() == 1);
  CHECK(h.state.classroom.exercise->run.done()[0].outcome() == "time_up");
  REQUIRE(h.state.sessions.live);
  CHECK(h.state.sessions.live->scenario->id == "gift-card-fi");
  h.wait_for_customer();
  h.type("Hei! Kyllä, myymme lahjakortteja.");
  h.press_enter();
  h.advance(15);
  REQUIRE(h.state.classroom.exercise->run.done().size() == 2);
  CHECK(h.state.classroom.exercise->run.phase() == classroom::RunPhase::done);
  CHECK(h.state.screen == Screen::exercise);
  h.frames(2);
  CHECK(h.visible("exercise.scores.0"));  // at_end: the done screen shows every score
  CHECK(h.visible("exercise.scores.1"));
  const auto saved = results_in(h.dir() / "class" / "results");
  REQUIRE(saved.size() == 2);
  CHECK(saved[0].trainee == "Aino Äijälä");
  CHECK(saved[0].exercise_id == "ui-test");
  CHECK(saved[0].scenario_id == "order-status-fi");
  CHECK(saved[0].outcome() == "time_up");
  CHECK(saved[0].started_at == "2026-12-01T09:00:00Z");
  CHECK(saved[1].position == 1);
  CHECK(saved[1].outcome() == "resolved");
  CHECK(classroom::list_live_journals((h.dir() / "class" / "results").string()).empty());
}

TEST_CASE("with feedback never the trainee sees no score, not even after pressing End") {
  test::Headless h("classroom-never");
  open_exercise(h.state, write_exercise(h.dir() / "class", "never"));
  h.state.wall_now = static_cast<double>(*scoring::parse_utc_timestamp("2026-12-01T09:05:00Z"));
  enter_name_and_begin(h, "Ville");
  REQUIRE(h.state.sessions.live);  // late: starts at once
  h.wait_for_customer();
  h.click("session.end");
  h.click("end.confirm");
  h.frames(2);
  CHECK(h.state.screen == Screen::exercise);  // not the review
  CHECK_FALSE(h.state.sessions.review);
  CHECK(h.state.classroom.exercise->run.phase() == classroom::RunPhase::between);
  CHECK_FALSE(h.visible("exercise.scores.0"));
  h.click("exercise.next");
  REQUIRE(h.state.sessions.live);
  h.click("session.end");
  h.click("end.confirm");
  h.frames(2);
  CHECK(h.state.classroom.exercise->run.phase() == classroom::RunPhase::done);
  CHECK_FALSE(h.visible("exercise.scores.0"));
  CHECK(results_in(h.dir() / "class" / "results").size() == 2);
}

TEST_CASE("an exercise with mistakes shows them instead of starting") {
  test::Headless h("classroom-invalid");
  const fs::path bad = h.dir() / "bad.json";
  std::ofstream(bad) << R"({"format": "chatdrill.exercise/1", "title": "x", "scenarios": ["nope-fi"]})";
  open_exercise(h.state, bad.string());
  h.frames(2);
  REQUIRE(h.state.classroom.exercise);
  CHECK_FALSE(h.state.classroom.exercise->run.problems().empty());
  CHECK_FALSE(h.visible("exercise.begin"));
  set_exercise_trainee(h.state, "Aino");
  CHECK_FALSE(h.state.sessions.live);
}

TEST_CASE("the trainer's dashboard fills up as results arrive and opens a trainee's review") {
  test::Headless h("classroom-trainer");
  const fs::path results = h.dir() / "results";
  auto make = [&](const std::string& trainee, const std::string& scenario, double score) {
    classroom::SessionResult r;
    r.trainee = trainee;
    r.exercise_title = "Luokka";
    r.scenario_id = scenario;
    r.transcript.language = "fi";
    r.transcript.outcome = "resolved";
    r.transcript.messages.push_back({"customer", "message", 1, "Hei!", {}});
    r.grade.overall = score;
    for (auto& d : r.grade.dimensions) d.score = score;
    const auto stem = classroom::result_file_stem(trainee, scenario, classroom::this_writer());
    REQUIRE(classroom::write_result(classroom::result_paths(results.string(), stem).result, r).empty());
    return classroom::result_paths(results.string(), stem).result;
  };
  const std::string first = make("Aino", "gift-card-fi", 80);
  open_results_folder(h.state, results.string());
  h.frames(2);
  CHECK(h.state.screen == Screen::trainer);
  REQUIRE(h.state.classroom.trainer);
  CHECK(h.state.classroom.trainer->table.trainees().size() == 1);
  CHECK(h.visible("trainer.cell.0.0"));
  make("Ville", "gift-card-fi", 40);
  h.advance(1);
  CHECK(h.state.classroom.trainer->table.trainees().size() == 1);  // not yet: polled every 2 s
  h.advance(1.5);
  CHECK(h.state.classroom.trainer->table.trainees().size() == 2);
  CHECK(h.state.classroom.trainer->table.stats()[0].mean == doctest::Approx(60));
  h.frame();
  CHECK(h.visible("trainer.cell.1.0"));
  CHECK(h.visible("trainer.progress.0"));  // "Aino 1/1"
  h.click("trainer.cell.0.0");
  REQUIRE(h.state.sessions.review);
  CHECK(h.state.screen == Screen::review);
  CHECK(h.state.sessions.review->path == first);
  // The review says whose session it is and leads back to the dashboard.
  h.frame();
  CHECK(h.visible("review.who"));
  CHECK_FALSE(h.visible("review.home"));
  h.click("review.back_dashboard");
  CHECK(h.state.screen == Screen::trainer);
}
