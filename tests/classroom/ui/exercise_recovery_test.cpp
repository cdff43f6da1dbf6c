// A trainee's app crashes mid-exercise and is started into the exercise again: the
// interrupted chat is offered, resumes where it stopped (or is saved as time_up when the
// time ran out meanwhile), lands in the exercise's results, and nobody else's journal is
// touched. Also: with after_each feedback a time_up shows its score before moving on.
#include <fstream>
#include <sstream>

#include "exercise_fixture.h"
#include "simulator/app/screens/classroom.h"
#include "simulator/engine/session.h"

using namespace chatdrill;
using namespace chatdrill::app;
using test::enter_name_and_begin;
using test::results_in;
using test::write_exercise;
namespace fs = std::filesystem;

namespace {

void set_wall(test::Headless& h, const char* utc) {
  h.state.wall_now = static_cast<double>(*scoring::parse_utc_timestamp(utc));
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Another trainee's session journalled into the same live/ folder (same seed, same scenario).
std::string other_trainee_journal(const classroom::ExerciseRun& run, const std::string& trainee) {
  const auto& scenario = run.scenarios()[1];
  const auto stem = classroom::result_file_stem(trainee, scenario->id, classroom::this_writer());
  const auto path = classroom::result_paths(run.exercise().results_dir, stem).journal;
  engine::Session session(scenario, engine::SessionOptions{run.exercise().seed, std::nullopt, path, trainee});
  session.advance(30);
  session.send(31, "Hei, tämä on toisen harjoittelijan viesti.");
  return path;
}

std::vector<std::string> trainee_lines(const scoring::Transcript& t) {
  std::vector<std::string> out;
  for (const auto& m : t.messages)
    if (m.is_trainee_message()) out.push_back(m.text);
  return out;
}

// Ville's first run of an exercise: one reply sent at 09:05, then the app is gone (the
// Headless ends mid-chat). The results folder and the journal left behind.
struct Crashed {
  fs::path results;
  std::string journal;
};

Crashed crashed_run(const char* name, const char* feedback, bool wait_before, bool wait_after) {
  test::Headless h(name);
  open_exercise(h.state, write_exercise(h.dir() / "class", feedback));
  set_wall(h, "2026-12-01T09:05:00Z");
  Crashed c{h.state.classroom.exercise->run.exercise().results_dir, {}};
  enter_name_and_begin(h, "Ville");
  REQUIRE(h.state.sessions.live);
  if (wait_before) h.wait_for_customer();
  h.frames(3);
  h.type("Hei! Tarkistan asian heti.");
  h.press_enter();
  if (wait_after) h.wait_for_customer();
  c.journal = h.state.sessions.live->record->paths().journal;
  return c;
}

}  // namespace

TEST_CASE("with after_each feedback a scenario cut by its time limit shows its score before the next one") {
  test::Headless h("classroom-after-each-time-up");
  open_exercise(h.state, write_exercise(h.dir() / "class", "after_each"));
  set_wall(h, "2026-12-01T09:05:00Z");
  enter_name_and_begin(h, "Aino");
  REQUIRE(h.state.sessions.live);
  h.wait_for_customer();
  h.frames(3);
  h.type("Hetkinen.");
  h.press_enter();
  h.advance(62);  // past the 60 s limit
  REQUIRE(h.state.classroom.exercise->run.done().size() == 1);
  CHECK(h.state.classroom.exercise->run.done()[0].outcome() == "time_up");
  CHECK_FALSE(h.state.sessions.live);  // not straight on: the score first, as after a normal ending
  CHECK(h.state.screen == Screen::exercise);
  CHECK(h.state.classroom.exercise->run.phase() == classroom::RunPhase::between);
  h.frames(2);
  CHECK(h.visible("exercise.scores.0"));
  REQUIRE(h.visible("exercise.next"));
  h.click("exercise.next");
  REQUIRE(h.state.sessions.live);
  CHECK(h.state.sessions.live->scenario->id == "gift-card-fi");
}

TEST_CASE("after a crash mid-exercise the trainee continues the same chat and others' journals stay") {
  const std::string name = "Aino Äijälä";
  std::string journal, namesake, other;
  std::vector<scoring::Message> before;
  fs::path results;
  {
    test::Headless h("classroom-crash");
    open_exercise(h.state, write_exercise(h.dir() / "class", "after_each"));
    set_wall(h, "2026-12-01T09:05:00Z");
    results = h.state.classroom.exercise->run.exercise().results_dir;
    enter_name_and_begin(h, name);
    REQUIRE(h.state.sessions.live);
    h.wait_for_customer();
    h.click("session.end");
    h.click("end.confirm");
    h.frames(2);
    h.click("exercise.next");  // the second task
    REQUIRE(h.state.sessions.live);
    h.wait_for_customer();
    h.frames(3);  // the reply box is active from the session screen's second or third frame
    h.type("Selvä.");
    h.press_enter();
    h.wait_for_customer();  // the customer asks again
    journal = h.state.sessions.live->record->paths().journal;
    before = h.state.sessions.live->session().transcript().messages;
    namesake = other_trainee_journal(h.state.classroom.exercise->run, "Aino Aijala");  // the same file-name prefix
    other = other_trainee_journal(h.state.classroom.exercise->run, "Ville");
    // The app crashes here: no result for the second task, its journal stays in live/.
  }
  REQUIRE(fs::exists(journal));
  const std::string namesake_text = slurp(namesake), other_text = slurp(other);
  test::Headless h("classroom-crash", true);
  open_exercise(h.state, write_exercise(h.dir() / "class", "after_each"));
  set_wall(h, "2026-12-01T09:08:00Z");
  enter_name_and_begin(h, name);
  REQUIRE(h.state.classroom.exercise->run.phase() == classroom::RunPhase::recovery);
  REQUIRE(h.state.classroom.exercise->run.journals().size() == 1);  // only this trainee's, not the namesake's
  CHECK(h.state.classroom.exercise->run.journals()[0].path == journal);
  CHECK(h.state.classroom.exercise->run.done().size() == 1);  // the first task's result counts: not played again
  h.frames(2);
  REQUIRE(h.visible("exercise.recover.0"));
  h.click("exercise.recover.0");
  REQUIRE(h.state.sessions.live);
  CHECK(h.state.screen == Screen::session);
  CHECK(h.state.sessions.live->scenario->id == "gift-card-fi");
  const auto& resumed = h.state.sessions.live->session().transcript().messages;
  REQUIRE(resumed.size() >= before.size());
  for (std::size_t i = 0; i < before.size(); ++i) CHECK(resumed[i].text == before[i].text);
  CHECK(session_time(h.state) == doctest::Approx(before.back().at).epsilon(0.01));  // the chat's clock goes on
  CHECK_FALSE(fs::exists(journal));                                                 // replayed into the new journal
  CHECK(fs::exists(h.state.sessions.live->record->paths().journal));
  h.frames(3);
  CHECK(h.visible("exercise.strip"));
  h.type("Kyllä, myymme lahjakortteja.");
  h.press_enter();
  h.advance(15);
  REQUIRE_FALSE(h.state.sessions.live);
  CHECK(h.state.classroom.exercise->run.phase() == classroom::RunPhase::done);
  const auto saved = results_in(results);
  REQUIRE(saved.size() == 2);
  CHECK(saved[1].trainee == name);
  CHECK(saved[1].exercise_id == "ui-test");
  CHECK(saved[1].position == 1);
  CHECK(saved[1].outcome() == "resolved");
  CHECK(trainee_lines(saved[1].transcript) == std::vector<std::string>{"Selvä.", "Kyllä, myymme lahjakortteja."});
  CHECK(slurp(namesake) == namesake_text);  // nobody else's journal was touched
  CHECK(slurp(other) == other_text);
  CHECK(classroom::list_live_journals(results.string()).size() == 2);
}

TEST_CASE("when the exercise time ran out while the app was down the chat is saved as time_up") {
  const auto [results, journal] = crashed_run("classroom-crash-late", "at_end", true, false);
  test::Headless h("classroom-crash-late", true);
  open_exercise(h.state, write_exercise(h.dir() / "class", "at_end"));
  set_wall(h, "2026-12-01T09:25:00Z");  // the 20 min exercise ended at 09:20
  enter_name_and_begin(h, "Ville");
  REQUIRE(h.state.classroom.exercise->run.phase() == classroom::RunPhase::recovery);
  h.frames(2);
  REQUIRE(h.visible("exercise.recover.0"));
  CHECK(exercise_journal_time_over(h.state, h.state.classroom.exercise->run.journals()[0]));
  h.click("exercise.recover.0");
  CHECK_FALSE(h.state.sessions.live);  // nothing more to play
  CHECK(h.state.classroom.exercise->run.phase() == classroom::RunPhase::done);
  CHECK_FALSE(fs::exists(journal));
  const auto saved = results_in(results);
  REQUIRE(saved.size() == 1);
  CHECK(saved[0].trainee == "Ville");
  CHECK(saved[0].position == 0);
  CHECK(saved[0].outcome() == "time_up");
  CHECK(trainee_lines(saved[0].transcript) == std::vector<std::string>{"Hei! Tarkistan asian heti."});
  CHECK_FALSE(saved[0].grade.dimensions[0].evidence.empty());  // graded from what was said
  h.frames(2);
  CHECK(h.visible("exercise.scores.0"));  // at_end: the done screen shows it
}

TEST_CASE("a journal the persona cannot replay is saved as it stands, not lost") {
  const auto [results, journal] = crashed_run("classroom-crash-replay", "after_each", false, true);
  // Something the persona would not say again (e.g. a journal from another app version).
  std::string text = slurp(journal);
  const auto at = text.find("Kiitos, odotan.");
  REQUIRE(at != std::string::npos);
  text.replace(at, 15, "Kiitos, odotan kärsivällisesti.");
  std::ofstream(journal, std::ios::binary | std::ios::trunc) << text;
  test::Headless h("classroom-crash-replay", true);
  open_exercise(h.state, write_exercise(h.dir() / "class", "after_each"));
  set_wall(h, "2026-12-01T09:06:00Z");
  enter_name_and_begin(h, "Ville");
  REQUIRE(h.state.classroom.exercise->run.phase() == classroom::RunPhase::recovery);
  h.frames(2);
  CHECK_FALSE(exercise_journal_time_over(h.state, h.state.classroom.exercise->run.journals()[0]));
  h.click("exercise.recover.0");
  CHECK_FALSE(h.state.sessions.live);
  CHECK(h.state.classroom.exercise->run.phase() == classroom::RunPhase::between);
  h.frames(2);
  CHECK(h.visible("exercise.scores.0"));  // after_each: its score, then the next customer
  CHECK(h.visible("exercise.next"));
  CHECK_FALSE(fs::exists(journal));
  const auto saved = results_in(results);
  REQUIRE(saved.size() == 1);
  CHECK(saved[0].outcome() == "interrupted");
  CHECK(trainee_lines(saved[0].transcript) == std::vector<std::string>{"Hei! Tarkistan asian heti."});
  CHECK(saved[0].transcript.messages.back().text == "Kiitos, odotan kärsivällisesti.");
  CHECK(classroom::list_live_journals(results.string()).empty());  // the failed replay's journal is gone too
}
