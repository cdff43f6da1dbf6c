// An exercise's saved replies in the app: listed after the scenario's own in every chat of
// the exercise, and a reply sent unchanged recorded on the message the run saves.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "exercise_fixture.h"
#include "scoring/core/timestamp.h"
#include "simulator/app/ui/classroom_state.h"
#include "simulator/app/ui/saved_replies.h"

using namespace chatdrill;
using namespace chatdrill::app;

TEST_CASE("an exercise's saved replies are offered in its chats and noted when sent unchanged") {
  test::Headless h("classroom-saved-replies");
  const std::string path = test::write_exercise(h.dir() / "class", "after_each");
  {  // the fixture's exercise, with saved replies of its own
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = text.rfind('}');
    text.insert(
        at,
        R"(, "saved_replies": [{"id": "class-hold", "title": "Luokan hetkinen", "text": "Hetkinen, katson asiaa."}])");
    std::ofstream(path) << text;
  }
  open_exercise(h.state, path);
  REQUIRE(h.state.classroom.exercise);
  REQUIRE(h.state.classroom.exercise->run.problems().empty());
  REQUIRE(h.state.classroom.exercise->run.exercise().saved_replies.size() == 1);
  h.state.wall_now = static_cast<double>(*scoring::parse_utc_timestamp("2026-12-01T09:05:00Z"));
  test::enter_name_and_begin(h, "Ville");
  REQUIRE(h.state.sessions.live);
  h.wait_for_customer();
  const auto replies = live_panel_replies(h.state);
  REQUIRE_FALSE(replies.empty());
  CHECK(replies.back().source == ReplySource::exercise);
  CHECK(replies.back().id == "class-hold");
  insert_saved_reply(h.state, replies.back());
  h.frames(3);
  h.press_enter();
  const auto& msgs = h.state.sessions.live->session().transcript().messages;
  const auto sent = std::find_if(msgs.begin(), msgs.end(), [](const auto& m) { return m.is_trainee_message(); });
  REQUIRE(sent != msgs.end());
  CHECK(sent->text == "Hetkinen, katson asiaa.");
  CHECK(sent->extra.value("saved_reply", "") == "class-hold");
}
