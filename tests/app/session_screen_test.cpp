// The session screen driven through ImGuiIO as a trainee's keyboard would: what lands in
// the transcript, what stays in the reply box.
#include "headless.h"

#include "scoring/core/json_doc.h"

#include <imgui.h>

#include <fstream>

using chatdrill::app::Screen;
using chatdrill::app::test::Headless;

TEST_CASE("typing and Enter sends the reply and empties the box") {
  Headless h("typing_send");
  h.start("impatient-customer-fi");
  h.wait_for_customer();
  h.type("Hei! Kertoisitteko tilausnumeron?");
  CHECK(h.draft() == "Hei! Kertoisitteko tilausnumeron?");
  h.press_enter();
  REQUIRE(h.trainee_messages().size() == 1);
  CHECK(h.trainee_messages()[0] == "Hei! Kertoisitteko tilausnumeron?");
  CHECK(h.draft().empty());
  // The persona reacts to the matched intent (order number) after its typing delay.
  h.advance(15);
  const auto& messages = h.state.sessions.live->session().transcript().messages;
  CHECK(messages.back().text.find("48213") != std::string::npos);
}

TEST_CASE("Shift+Enter adds a line instead of sending") {
  Headless h("shift_enter");
  h.start("impatient-customer-fi");
  h.wait_for_customer();
  h.type("Pahoittelen viivästystä.");
  h.press_enter(true);
  h.type("Mikä on tilausnumeronne?");
  CHECK(h.trainee_messages().empty());
  CHECK(h.draft() == "Pahoittelen viivästystä.\nMikä on tilausnumeronne?");
  h.press_enter();
  REQUIRE(h.trainee_messages().size() == 1);
  CHECK(h.trainee_messages()[0] == "Pahoittelen viivästystä.\nMikä on tilausnumeronne?");
}

TEST_CASE("characters typed right after Enter stay in the box") {
  Headless h("fast_typing");
  h.start("impatient-customer-fi");
  h.wait_for_customer();
  h.type("Hei!");
  // Enter goes down in one frame; the next keystrokes arrive in the very next frame,
  // while Enter is still being released: nothing may be lost.
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[io.KeyMap[ImGuiKey_Enter]] = true;
  h.frame();
  io.KeysDown[io.KeyMap[ImGuiKey_Enter]] = false;
  io.AddInputCharactersUTF8("Mikä on");
  h.frame();
  h.type(" tilausnumeronne?");
  REQUIRE(h.trainee_messages().size() == 1);
  CHECK(h.trainee_messages()[0] == "Hei!");
  CHECK(h.draft() == "Mikä on tilausnumeronne?");
  h.press_enter();
  REQUIRE(h.trainee_messages().size() == 2);
  CHECK(h.trainee_messages()[1] == "Mikä on tilausnumeronne?");
}

TEST_CASE("the Send button sends and the box keeps taking keystrokes") {
  Headless h("send_button");
  h.start("impatient-customer-fi");
  h.wait_for_customer();
  h.type("Hetkinen, tarkistan.");
  h.click("session.send");
  REQUIRE(h.trainee_messages().size() == 1);
  CHECK(h.trainee_messages()[0] == "Hetkinen, tarkistan.");
  h.frames(2);  // the box takes focus back on the next frame
  h.type("Kiitos odotuksesta");
  CHECK(h.draft() == "Kiitos odotuksesta");
}

TEST_CASE("empty and whitespace-only replies are not sent") {
  Headless h("empty_reply");
  h.start("impatient-customer-fi");
  h.wait_for_customer();
  h.press_enter();
  h.type("   ");
  h.press_enter();
  CHECK(h.trainee_messages().empty());
}

TEST_CASE("End asks for confirmation, and confirming ends the session and opens the review") {
  Headless h("end_session");
  h.start("impatient-customer-fi");
  h.wait_for_customer();
  h.type("Hei, katson asiaa.");
  h.press_enter();
  h.click("session.end");
  h.frame();  // the confirmation opens on the next frame
  REQUIRE(h.visible("end.cancel"));
  h.click("end.cancel");
  CHECK(h.state.screen == Screen::session);
  CHECK_FALSE(h.state.sessions.live->session().finished());
  h.click("session.end");
  h.click("end.confirm");
  REQUIRE(h.state.screen == Screen::review);
  REQUIRE(h.state.sessions.review);
  CHECK(h.state.sessions.review->result.outcome() == "ended_by_trainee");
  CHECK(h.trainee_messages() == std::vector<std::string>{"Hei, katson asiaa."});
  // The result is on disk and its journal is gone, so nothing is offered for recovery.
  CHECK(std::filesystem::exists(h.state.sessions.review->path));
  CHECK(h.state.sessions.journals.empty());
}

TEST_CASE("a customer who is kept waiting nudges, leaves, and the review opens from the chat") {
  Headless h("customer_leaves");
  h.start("impatient-customer-fi");
  h.wait_for_customer();
  h.advance(90);
  REQUIRE(h.state.sessions.live->session().finished());
  CHECK(h.state.sessions.live->session().outcome() == "customer_left");
  bool nudged = false, left = false;
  for (const auto& m : h.state.sessions.live->session().transcript().messages) {
    nudged |= m.kind == "nudge";
    left |= m.kind == "left";
  }
  CHECK(nudged);
  CHECK(left);
  CHECK_FALSE(h.visible("session.reply"));  // no reply box once the customer has gone
  h.click("session.review.main");
  REQUIRE(h.state.screen == Screen::review);
  CHECK(h.state.sessions.review->result.outcome() == "customer_left");
  CHECK(h.state.sessions.review->result.transcript.messages.back().kind == "ended");
}

TEST_CASE("the case panel beside the chat shows the scenario's case data, section by section") {
  Headless h("case_panel");
  h.frames(2);
  std::shared_ptr<const chatdrill::engine::Scenario> with_case;
  for (const auto& e : h.state.library.scenarios.entries())
    if (e.scenario && !e.scenario->case_data.empty()) with_case = e.scenario;
  REQUIRE(with_case);
  h.start(with_case->id);
  h.wait_for_customer();
  CHECK(h.visible("session.case"));
  const auto& first = with_case->case_data.front();
  CHECK(h.visible("session.case." + first.id + "." + first.fields.front().id));
}

TEST_CASE("the silence hint follows the scenario's check-in window: wait, check in now, then hurry") {
  Headless h("silence_hint");
  const auto folder = h.dir() / "trainer";
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "quiet-fi.json") << R"({
    "format": "chatdrill.scenario/1", "id": "quiet-fi", "title": "Hiljainen", "language": "fi",
    "persona": {"name": "Testi Asiakas", "archetype": "silent"},
    "fallback": ["Anteeksi?"],
    "start": "start",
    "nodes": {
      "start": {"say": ["Hetki, katson."], "silence": {"after": 0, "window": [20, 60], "back": "back", "leave_after": 200}},
      "back": {"say": ["Täällä taas."], "expect": [{"intent": "ok", "any": true, "goto": "done"}]},
      "done": {"say": ["Kiitos."], "end": {"outcome": "resolved"}}
    }
  })";
  h.frames(2);
  h.add_scenario_folder(folder.string());
  h.start("quiet-fi");
  h.advance(5);
  CHECK(h.visible("session.hint.silent_wait"));  // a check-in now would come too early
  CHECK_FALSE(h.visible("session.hint.silent"));
  h.advance(25);
  CHECK(h.visible("session.hint.silent"));
  CHECK_FALSE(h.visible("session.hint.silent_wait"));
  h.advance(40);
  CHECK(h.visible("session.hint.silent_late"));
}
