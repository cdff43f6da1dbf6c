// The reply editor and selectable text (issue 15, parts 1 and 3), driven through ImGuiIO as
// a trainee's keys and mouse would: wrapping, growth and scrolling, every editing key,
// undo, Enter and Send, emoji, and copying from the chat's bubbles and the case panel.
#include "headless.h"

#include "simulator/app/widgets/text_edit.h"

#include <imgui.h>

#include <cfloat>
#include <fstream>

using chatdrill::app::layout_text;
using chatdrill::app::TextLayout;
using chatdrill::app::test::Headless;

namespace {

ImFont* body(Headless& h) { return h.state.platform.fonts.body; }

chatdrill::app::TextEditState& edit(Headless& h) { return h.state.sessions.live->composer.edit; }

void start_chat(Headless& h) {
  h.start("impatient-customer-fi");
  h.wait_for_customer();
}

// A scenario whose customer gives an order number (with an emoji) and whose case panel has one.
void start_copy_chat(Headless& h) {
  const auto folder = h.dir() / "trainer";
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "copy-fi.json") << R"({
    "format": "chatdrill.scenario/1", "id": "copy-fi", "title": "Kopiointi", "language": "fi",
    "persona": {"name": "Testi Asiakas", "archetype": "silent"},
    "fallback": ["Anteeksi?"],
    "start": "start",
    "case": [{"id": "order", "title": "Tilaus",
              "fields": [{"id": "number", "label": "Tilausnumero", "value": "Tilaus 87654321 toimitettu"}]}],
    "nodes": {
      "start": {"say": ["Tilausnumero on 12345678 🙂 kiitos."],
                "expect": [{"intent": "ok", "any": true, "goto": "done"}]},
      "done": {"say": ["Kiitos."], "end": {"outcome": "resolved"}}
    }
  })";
  h.frames(2);
  h.add_scenario_folder(folder.string());
  h.start("copy-fi");
  h.wait_for_customer();
}

float text_width(Headless& h, const char* text) {
  ImFont* f = body(h);
  return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, text).x;
}

std::size_t first_customer_line(Headless& h) {
  const auto& msgs = h.state.sessions.live->session().transcript().messages;
  for (std::size_t i = 0; i < msgs.size(); ++i)
    if (msgs[i].from == "customer" && msgs[i].kind == "message") return i;
  FAIL("no customer message");
  return 0;
}

}  // namespace

TEST_CASE("layout: lines break at spaces, a long word is broken, no unit reaches past the width") {
  Headless h("layout_wrap");
  h.frame();
  ImFont* f = body(h);
  const float wrap = f->FontSize * 12;
  const std::string text =
      "Hei! Pahoittelen viivästystä, tarkistan tilanteen heti. "
      "Superpitkäsanaeikoskaanlopumitäänvaanjatkuujajatkuujatkuu\nuusi rivi";
  TextLayout t = layout_text(text, wrap, f, f->FontSize);
  CHECK(t.lines.size() >= 5);
  CHECK(t.width <= wrap);
  for (const auto& u : t.units) CHECK(u.x + u.w <= wrap + 0.01f);
  // Lines start at words, not inside them, except where a word is longer than the line.
  const std::size_t long_word = text.find("Superpitkä");
  const int first_long = t.line_of(long_word);
  CHECK(t.x_of(long_word) == 0);
  CHECK(t.line_of(text.find("jatkuu\n")) > first_long);  // broken over lines
  CHECK(t.line_of(text.find("uusi")) == t.line_of(text.find("rivi")));
  CHECK(t.x_of(text.find("uusi")) == 0);  // the newline starts a line
  // Words: Ctrl+Left/Right stops and the word under a double-click.
  CHECK(t.word_right(0) == text.find("Pahoittelen") - 2);  // "Hei" then "!" then the space
  CHECK(t.word_left(text.find("tarkistan") + 3) == text.find("tarkistan"));
  auto [a, b] = t.word_under(t.x_of(text.find("tilanteen")) + 2, t.line_of(text.find("tilanteen")) * t.line_height + 2);
  CHECK(text.substr(a, b - a) == "tilanteen");
}

TEST_CASE("the editor grows to about six lines, then scrolls and keeps the caret in view") {
  Headless h("composer_grow");
  start_chat(h);
  const float one_line = h.rect("session.reply").max.y - h.rect("session.reply").min.y;
  h.type("Ensimmäinen rivi");
  float prev = one_line;
  for (int i = 2; i <= 9; ++i) {
    h.press_enter(true);
    h.type("Rivi numero " + std::to_string(i));
    h.frame();
    const float now = h.rect("session.reply").max.y - h.rect("session.reply").min.y;
    CHECK(now >= prev);
    prev = now;
  }
  const float fs = body(h)->FontSize;
  const float grown = h.rect("session.reply").max.y - h.rect("session.reply").min.y;
  CHECK(grown == doctest::Approx(one_line + 4 * fs));  // two lines to six
  CHECK(h.rect("session.key_hint").max.y <= 800);      // the key hint stays on screen
  auto& e = edit(h);
  CHECK(e.scroll == doctest::Approx(3 * fs));  // nine lines, six in view: the last one shows
  h.press_ctrl(ImGuiKey_Home);
  CHECK(e.caret == 0);
  CHECK(e.scroll == 0);
  CHECK(h.draft().rfind("Ensimmäinen rivi\nRivi numero 2", 0) == 0);
}

TEST_CASE("editing keys: arrows, Home/End, Ctrl+arrows by word, Backspace/Delete, Shift selection") {
  Headless h("composer_keys");
  start_chat(h);
  h.type("Hei maailma");
  h.press(ImGuiKey_LeftArrow);
  h.press(ImGuiKey_LeftArrow);
  h.type("X");
  CHECK(h.draft() == "Hei maailXma");
  h.press(ImGuiKey_Backspace);
  h.press(ImGuiKey_Delete);
  CHECK(h.draft() == "Hei maaila");
  h.press(ImGuiKey_Home);
  h.type("> ");
  h.press(ImGuiKey_End);
  h.type("!");
  CHECK(h.draft() == "> Hei maaila!");
  h.press_ctrl(ImGuiKey_LeftArrow);  // before "!"
  h.press_ctrl(ImGuiKey_LeftArrow);  // before "maaila"
  h.type("koko ");
  CHECK(h.draft() == "> Hei koko maaila!");
  h.press_ctrl(ImGuiKey_RightArrow);  // after "maaila"
  h.press(ImGuiKey_LeftArrow, true);  // Shift: select "la"
  h.press(ImGuiKey_LeftArrow, true);
  h.type("ö");
  CHECK(h.draft() == "> Hei koko maaiö!");
  h.press_ctrl(ImGuiKey_Backspace);  // a word at a time
  CHECK(h.draft() == "> Hei koko !");
  // Up and Down move between lines.
  h.press(ImGuiKey_End);
  h.press_enter(true);
  h.type("toinen");
  h.press(ImGuiKey_Home);
  h.press(ImGuiKey_UpArrow);
  h.type("|");
  CHECK(h.draft() == "|> Hei koko !\ntoinen");
  h.press(ImGuiKey_DownArrow);
  h.press(ImGuiKey_End);
  h.type(".");
  CHECK(h.draft() == "|> Hei koko !\ntoinen.");
  // Tab inserts nothing and leaves the keyboard with the editor.
  h.press(ImGuiKey_Tab);
  h.type("?");
  CHECK(h.draft() == "|> Hei koko !\ntoinen.?");
}

TEST_CASE("mouse: a click places the caret, a drag selects, a double-click selects a word") {
  Headless h("composer_mouse");
  start_chat(h);
  h.type("Hei maailma ja kaikki");
  const auto r = h.rect("session.reply");
  const float fs = body(h)->FontSize;
  const ImVec2 text(r.min.x + fs * 0.6f, r.min.y + fs * 0.45f + fs * 0.5f);  // the first line's middle
  h.click_at(ImVec2(text.x + text_width(h, "Hei") + 1, text.y));
  h.type(",");
  CHECK(h.draft() == "Hei, maailma ja kaikki");
  h.double_click_at(ImVec2(text.x + text_width(h, "Hei, maa"), text.y));
  h.type("Suomi");
  CHECK(h.draft() == "Hei, Suomi ja kaikki");
  h.drag(ImVec2(text.x + text_width(h, "Hei, Suomi ") + 1, text.y),
         ImVec2(text.x + text_width(h, "Hei, Suomi ja "), text.y));
  h.press(ImGuiKey_Delete);
  CHECK(h.draft() == "Hei, Suomi kaikki");
}

TEST_CASE("clipboard: Ctrl+A, Ctrl+C, Ctrl+X and Ctrl+V") {
  Headless h("composer_clipboard");
  start_chat(h);
  h.type("Tilausnumero 48213");
  h.press(ImGuiKey_LeftArrow, true);
  h.press(ImGuiKey_LeftArrow, true);
  h.press_ctrl(ImGuiKey_C);
  CHECK(h.clipboard == "13");
  h.press_ctrl(ImGuiKey_X);
  CHECK(h.draft() == "Tilausnumero 482");
  h.press_ctrl(ImGuiKey_V);
  h.press_ctrl(ImGuiKey_V);
  CHECK(h.draft() == "Tilausnumero 4821313");
  h.press_ctrl(ImGuiKey_A);
  h.press_ctrl(ImGuiKey_C);
  CHECK(h.clipboard == "Tilausnumero 4821313");
  h.clipboard = "rivi\r\ntoinen\tsarake";  // pasted from Windows: Unix newlines, no tabs
  h.press_ctrl(ImGuiKey_V);
  CHECK(h.draft() == "rivi\ntoinen sarake");
}

TEST_CASE("the editor's right-click menu: select all, cut, paste, undo") {
  Headless h("composer_menu");
  start_chat(h);
  h.type("Hetkinen, tarkistan.");
  const auto r = h.rect("session.reply");
  const ImVec2 inside((r.min.x + r.max.x) / 2, (r.min.y + r.max.y) / 2);
  auto choose = [&](const char* item) {
    h.click_at(inside, 1);
    h.frame();
    h.click(item);
  };
  choose("session.edit.select_all");
  choose("session.edit.cut");
  CHECK(h.draft().empty());
  CHECK(h.clipboard == "Hetkinen, tarkistan.");
  choose("session.edit.paste");
  choose("session.edit.paste");
  CHECK(h.draft() == "Hetkinen, tarkistan.Hetkinen, tarkistan.");
  choose("session.edit.undo");
  CHECK(h.draft() == "Hetkinen, tarkistan.");
  h.frames(2);
  h.type("!");  // the editor has the keyboard again
  CHECK(h.draft() == "Hetkinen, tarkistan.!");
}

TEST_CASE("undo and redo: Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y") {
  Headless h("composer_undo");
  start_chat(h);
  h.type("Hei");
  h.type(" maailma");
  h.press(ImGuiKey_Backspace);
  CHECK(h.draft() == "Hei maailm");
  h.press_ctrl(ImGuiKey_Z);
  CHECK(h.draft() == "Hei maailma");
  h.press_ctrl(ImGuiKey_Z);
  CHECK(h.draft() == "Hei");
  h.press_ctrl(ImGuiKey_Z, true);
  CHECK(h.draft() == "Hei maailma");
  h.press_ctrl(ImGuiKey_Z);
  h.press_ctrl(ImGuiKey_Y);
  CHECK(h.draft() == "Hei maailma");
  h.press_ctrl(ImGuiKey_A);
  h.press(ImGuiKey_Backspace);
  CHECK(h.draft().empty());
  h.press_ctrl(ImGuiKey_Z);
  CHECK(h.draft() == "Hei maailma");
}

TEST_CASE("Escape keeps the draft and the keyboard; it only drops a selection") {
  Headless h("composer_escape");
  start_chat(h);
  h.type("Tämä ei saa kadota");
  h.press_ctrl(ImGuiKey_A);
  h.press(ImGuiKey_Escape);
  CHECK(h.draft() == "Tämä ei saa kadota");
  CHECK_FALSE(edit(h).has_selection());
  h.press(ImGuiKey_Escape);
  h.type("!");
  CHECK(h.draft() == "Tämä ei saa kadota!");
}

TEST_CASE("Enter sends exactly the draft; Ctrl+Z in the empty box brings it back") {
  Headless h("composer_send_undo");
  start_chat(h);
  const std::string reply = "Hei!\n  Kertoisitteko tilausnumeron?  ";
  h.type("Hei!");
  h.press_enter(true);
  h.type("  Kertoisitteko tilausnumeron?  ");
  h.press_enter();
  REQUIRE(h.trainee_messages().size() == 1);
  CHECK(h.trainee_messages()[0].find("Kertoisitteko tilausnumeron?") != std::string::npos);
  CHECK(h.draft().empty());
  h.press_ctrl(ImGuiKey_Z);
  CHECK(h.draft() == reply);
  // The Send button's clear is undoable too.
  h.press_ctrl(ImGuiKey_A);
  h.type("Hetkinen, tarkistan.");
  h.click("session.send");
  REQUIRE(h.trainee_messages().size() == 2);
  CHECK(h.draft().empty());
  h.frames(2);
  h.press_ctrl(ImGuiKey_Z);
  CHECK(h.draft() == "Hetkinen, tarkistan.");
}

TEST_CASE("characters typed in the same frame as Enter go into the new draft") {
  Headless h("composer_same_frame");
  start_chat(h);
  h.type("Hei!");
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[io.KeyMap[ImGuiKey_Enter]] = true;
  io.AddInputCharactersUTF8("Mi");
  h.frame();
  io.KeysDown[io.KeyMap[ImGuiKey_Enter]] = false;
  h.type("kä");
  REQUIRE(h.trainee_messages().size() == 1);
  CHECK(h.trainee_messages()[0] == "Hei!");
  CHECK(h.draft() == "Mikä");
}

TEST_CASE("emoji typed or pasted show as the bubbles' substitutes and are sent as typed") {
  Headless h("composer_emoji");
  start_chat(h);
  const std::string typed = "Kiitos \xF0\x9F\x98\x8A";  // 😊
  h.type_with_emoji_keeper(typed);
  h.clipboard = " ja \xF0\x9F\x91\x8D";  // 👍 pasted
  h.press_ctrl(ImGuiKey_V);
  ImFont* f = body(h);
  TextLayout shown = layout_text(h.draft(), 1000, f, f->FontSize, &h.state.platform.emoji);
  CHECK(shown.shown == "Kiitos :) ja (y)");
  h.press_ctrl(ImGuiKey_A);
  h.press_ctrl(ImGuiKey_C);
  CHECK(h.clipboard == typed + " ja \xF0\x9F\x91\x8D");  // copied as the emoji themselves
  h.press(ImGuiKey_End);
  h.press_enter();
  REQUIRE(h.trainee_messages().size() == 1);
  CHECK(h.trainee_messages()[0] == typed + " ja \xF0\x9F\x91\x8D");
}

TEST_CASE("copy from a customer's bubble: a double-clicked order number, a dragged part, the whole message") {
  Headless h("copy_bubble");
  start_copy_chat(h);
  const std::size_t i = first_customer_line(h);
  const std::string message = h.state.sessions.live->session().transcript().messages[i].text;
  const auto r = h.rect("session.message." + std::to_string(i));
  const float y = (r.min.y + r.max.y) / 2;
  h.double_click_at(ImVec2(r.min.x + text_width(h, "Tilausnumero on 1234"), y));
  h.press_ctrl(ImGuiKey_C);
  CHECK(h.clipboard == "12345678");
  // The reply editor kept the keyboard meanwhile.
  h.type("Kiitos");
  CHECK(h.draft() == "Kiitos");
  h.drag(ImVec2(r.min.x + 1, y), ImVec2(r.min.x + text_width(h, "Tilausnumero"), y));
  h.press_ctrl(ImGuiKey_C);
  CHECK(h.clipboard == "Tilausnumero");
  // The right-click menu copies the message as it was written, emoji included.
  h.click_at(ImVec2(r.min.x + 2, y), 1);
  h.frame();
  h.click("session.copy.message");
  CHECK(h.clipboard == message);
  CHECK(message.find("\xF0\x9F\x99\x82") != std::string::npos);
  // A click elsewhere (here: the reply box) ends the bubble's selection.
  h.drag(ImVec2(r.min.x + 1, y), ImVec2(r.min.x + text_width(h, "Tilausnumero"), y));
  h.click("session.reply");
  h.clipboard.clear();
  h.press_ctrl(ImGuiKey_C);
  CHECK(h.clipboard.empty());
}

TEST_CASE("copy from the case panel: a double-click and Ctrl+C") {
  Headless h("copy_case");
  start_copy_chat(h);
  REQUIRE(h.visible("session.case.order.number"));
  const auto r = h.rect("session.case.order.number");
  h.double_click_at(ImVec2(r.min.x + text_width(h, "Tilaus 8765"), (r.min.y + r.max.y) / 2));
  h.press_ctrl(ImGuiKey_C);
  CHECK(h.clipboard == "87654321");
}

TEST_CASE("copy from the review's conversation: a double-click and Ctrl+C, the menu for the whole message") {
  Headless h("copy_review");
  start_copy_chat(h);
  const std::size_t i = first_customer_line(h);
  const std::string message = h.state.sessions.live->session().transcript().messages[i].text;
  h.type("Kiitos, katson asiaa.");
  h.press_enter();
  h.click("session.end");
  h.click("end.confirm");
  REQUIRE(h.state.screen == chatdrill::app::Screen::review);
  h.frames(2);
  REQUIRE(h.visible("review.message." + std::to_string(i)));
  const auto r = h.rect("review.message." + std::to_string(i));
  const float y = (r.min.y + r.max.y) / 2;
  h.double_click_at(ImVec2(r.min.x + text_width(h, "Tilausnumero on 1234"), y));
  h.press_ctrl(ImGuiKey_C);
  CHECK(h.clipboard == "12345678");
  h.click_at(ImVec2(r.min.x + 2, y), 1);
  h.frame();
  h.click("review.copy.selection");
  CHECK(h.clipboard == "12345678");
  h.click_at(ImVec2(r.min.x + 2, y), 1);
  h.frame();
  h.click("review.copy.message");
  CHECK(h.clipboard == message);
}
