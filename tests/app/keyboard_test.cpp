// A whole session from the keyboard (issue 15, part 2): Home's Enter starts the suggested
// scenario, Enter sends, Ctrl+E ends with Enter to confirm (Escape cancels), the review's
// evidence is walked with Up/Down, Ctrl+, opens the settings and F1 the help.
#include "headless.h"
#include "simulator/app/ui/keys.h"

using chatdrill::app::k_key_comma;
using chatdrill::app::k_key_e;
using chatdrill::app::k_key_f1;
using chatdrill::app::Screen;
using chatdrill::app::test::Headless;

TEST_CASE("keyboard: a whole session without the mouse") {
  Headless h("keyboard_session");
  h.frames(3);
  REQUIRE(h.visible("home.suggested.start"));
  h.press_enter();  // Home: start the suggested scenario
  REQUIRE(h.state.screen == Screen::session);
  REQUIRE(h.state.sessions.live);
  h.frames(2);  // the reply box takes focus on the next frame
  h.wait_for_customer();
  h.type("Hei! Kiitos viestistä, miten voin auttaa?");
  h.press_enter();
  CHECK(h.trainee_messages() == std::vector<std::string>{"Hei! Kiitos viestistä, miten voin auttaa?"});
  h.advance(10);
  // Ctrl+E asks, Escape cancels and the chat goes on.
  h.press_index(k_key_e, true);
  h.frame();
  REQUIRE(h.visible("end.confirm"));
  h.press(ImGuiKey_Escape);
  h.frame();
  CHECK_FALSE(h.visible("end.confirm"));
  CHECK(h.state.screen == Screen::session);
  CHECK_FALSE(h.state.sessions.live->session().finished());
  // Ctrl+E, then Enter confirms: the review opens.
  h.press_index(k_key_e, true);
  h.frame();
  REQUIRE(h.visible("end.confirm"));
  h.press_enter();
  h.frames(2);
  REQUIRE(h.state.screen == Screen::review);
  REQUIRE(h.state.sessions.review);
  // Down walks the evidence that cites a message; Up goes back.
  CHECK_FALSE(h.state.sessions.review->highlight);
  h.press(ImGuiKey_DownArrow);
  REQUIRE(h.state.sessions.review->highlight);
  const auto first = *h.state.sessions.review->picked;
  h.press(ImGuiKey_DownArrow);
  const auto second = *h.state.sessions.review->picked;
  CHECK(second != first);
  h.press(ImGuiKey_UpArrow);
  CHECK(*h.state.sessions.review->picked == first);
  // Ctrl+, opens the settings; F1 shows the help and F1 (or Escape) hides it.
  h.press_index(k_key_comma, true);
  CHECK(h.state.screen == Screen::settings);
  h.press_index(k_key_f1);
  h.frame();
  CHECK(h.visible("help.close"));
  h.press(ImGuiKey_Escape);
  h.frame();
  CHECK_FALSE(h.visible("help.close"));
  h.press_index(k_key_f1);
  h.frame();
  CHECK(h.visible("help.close"));
  h.press_index(k_key_f1);
  h.frame();
  CHECK_FALSE(h.visible("help.close"));
}

TEST_CASE("keyboard: Ctrl+, does not leave a chat in progress") {
  Headless h("keyboard_settings_in_chat");
  h.start("impatient-customer-fi");
  h.wait_for_customer();
  h.press_index(k_key_comma, true);
  CHECK(h.state.screen == Screen::session);
}
