// Saved replies on the session screen, driven as a trainee would: the panel lists the
// scenario's and the trainee's own, a click or Alt+1..9 puts one at the end of the draft,
// the trainee adds, edits and deletes their own (kept in saved-replies.json, a broken file
// never written over), and a reply sent unchanged is on record and noted in the grade.
#include "headless.h"

#include "scoring/core/json_doc.h"
#include "simulator/app/ui/keys.h"
#include "simulator/app/ui/saved_replies.h"

#include <imgui.h>

#include <fstream>
#include <sstream>

using chatdrill::app::Composer;
using chatdrill::app::OwnReplies;
using chatdrill::app::Screen;
using chatdrill::app::test::Headless;
namespace app = chatdrill::app;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

fs::path own_file(const Headless& h) { return h.dir() / "data" / "chatdrill" / "saved-replies.json"; }

// Alt+n, as the keyboard gives it: the digit key down with Alt held, then up.
void press_alt(Headless& h, int n) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeyAlt = true;
  io.KeysDown[app::k_key_1 + n - 1] = true;
  h.frame();
  io.KeysDown[app::k_key_1 + n - 1] = false;
  io.KeyAlt = false;
  h.frame();
}

const chatdrill::scoring::Evidence* saved_note(const chatdrill::scoring::Grade& g) {
  for (const auto& e : g.dimension("engagement").evidence)
    if (e.rule == "engagement.saved_reply") return &e;
  return nullptr;
}

const std::string k_own = R"({"format": "chatdrill.saved-replies/1", "saved_replies": [
  {"id": "own-1", "title": "Oma kiitos", "text": "Kiitos odotuksesta, tilaus {case.order.number} on nyt matkalla."}]})";

}  // namespace

TEST_CASE("saved replies: the own file round-trips, written atomically") {
  Headless h("replies_round_trip");
  OwnReplies own;
  own.path = own_file(h).string();
  CHECK(app::add_own_reply(own, "", "  Hei! Kiitos viestistä, autan mielelläni kaikessa mitä tarvitsette.  ").empty());
  CHECK(app::add_own_reply(own, "Lopetus", "Jos tulee kysyttävää,\nkirjoittakaa rohkeasti.").empty());
  CHECK(app::add_own_reply(own, "Tyhjä", "   ") == "empty");
  CHECK(app::save_own_replies(own).empty());
  const OwnReplies back = app::load_own_replies(own.path);
  CHECK_FALSE(back.broken);
  REQUIRE(back.replies.size() == 2);
  CHECK(back.replies[0].id == "own-1");
  CHECK(back.replies[0].text == "Hei! Kiitos viestistä, autan mielelläni kaikessa mitä tarvitsette.");
  CHECK(back.replies[0].title == "Hei! Kiitos viestistä, autan mielelläni…");  // first words
  CHECK(back.replies[1].id == "own-2");
  CHECK(back.replies[1].text == "Jos tulee kysyttävää,\nkirjoittakaa rohkeasti.");
  for (const auto& entry : fs::directory_iterator(own_file(h).parent_path()))
    CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
  CHECK(app::load_own_replies((h.dir() / "none.json").string()).replies.empty());  // missing: empty, not broken
  CHECK_FALSE(app::load_own_replies((h.dir() / "none.json").string()).broken);
}

TEST_CASE("saved replies: a broken own file says so, is never written over, and is kept aside on saving") {
  Headless first("replies_broken");
  write(own_file(first), "{\"format\": \"chatdrill.saved-replies/1\", \"saved_replies\": [{\"id\": \"own-1\",");
  Headless h("replies_broken", true);
  CHECK(h.state.replies.own.broken);
  CHECK(h.state.status.find("saved-replies.json:1:") != std::string::npos);  // file:line:col of the fault
  CHECK(h.state.status.find("saved-replies.json.bak") != std::string::npos);
  const std::string broken = read(own_file(h));
  h.start("impatient-customer-fi");
  CHECK(read(own_file(h)) == broken);  // reading and drawing never write
  h.type("Kiitos odotuksesta!");
  h.click("replies.add_draft");
  CHECK(read(own_file(h).string() + ".bak") == broken);
  CHECK(h.state.status.find("saved-replies.json.bak") != std::string::npos);
  const OwnReplies now = app::load_own_replies(own_file(h).string());
  CHECK_FALSE(now.broken);
  REQUIRE(now.replies.size() == 1);
  CHECK(now.replies[0].text == "Kiitos odotuksesta!");
  // A second broken file goes beside the first backup, not over it.
  write(own_file(h), "[1, 2");
  h.state.replies.own = app::load_own_replies(own_file(h).string());
  CHECK(h.state.replies.own.broken);
  h.click("replies.add_draft");
  CHECK(read(own_file(h).string() + ".bak") == broken);
  CHECK(read(own_file(h).string() + ".bak.2") == "[1, 2");
}

TEST_CASE("saved replies: a file with one bad reply keeps the good ones and counts as broken") {
  Headless h("replies_partly_bad");
  write(own_file(h), R"({"format": "chatdrill.saved-replies/1", "saved_replies": [
    {"id": "own-1", "title": "Hyvä", "text": "Kiitos!"}, {"id": "own-2", "title": "Tyhjä", "text": ""}]})");
  const OwnReplies own = app::load_own_replies(own_file(h).string());
  CHECK(own.broken);
  CHECK(own.error.find("saved_replies[1].text") != std::string::npos);
  REQUIRE(own.replies.size() == 1);
  CHECK(own.replies[0].text == "Kiitos!");
}

TEST_CASE("saved replies: insert_into_draft adds at the end, after a space when needed") {
  Composer c;
  c.want_focus = false;
  app::insert_into_draft(c, "Hetkinen, tarkistan asian.");
  CHECK(c.draft == "Hetkinen, tarkistan asian.");
  CHECK(c.want_focus);
  c.draft = "Hei Markku!";
  app::insert_into_draft(c, "Kiitos.");
  CHECK(c.draft == "Hei Markku! Kiitos.");
  c.draft = "Hei!\n";
  app::insert_into_draft(c, "Kiitos.");
  CHECK(c.draft == "Hei!\nKiitos.");
}

TEST_CASE("saved replies: the panel lists the scenario's, then the trainee's own, each group headed") {
  Headless first("replies_panel");
  write(own_file(first), k_own);
  Headless h("replies_panel", true);
  h.start("impatient-customer-fi");
  h.frames(2);
  CHECK(h.visible("replies.heading"));
  CHECK(h.visible("replies.filter"));
  const auto replies = app::live_panel_replies(h.state);
  REQUIRE(replies.size() == 6);  // five of the scenario's, one own
  CHECK(replies[0].source == app::ReplySource::scenario);
  CHECK(replies[0].id == "greeting");
  CHECK(replies[5].source == app::ReplySource::own);
  CHECK(replies[5].text == "Kiitos odotuksesta, tilaus 48213 on nyt matkalla.");  // case data filled in
  CHECK(h.visible("replies.item.1"));
  // The filter narrows the list, in title and text, whatever the case.
  h.click("replies.filter");
  h.type("HETKI");
  h.frames(2);
  CHECK(h.visible("replies.item.2"));
  CHECK_FALSE(h.visible("replies.item.1"));
  for (int i = 0; i < 5; ++i) h.press(ImGuiKey_Backspace);
  h.frames(2);
  CHECK(h.visible("replies.item.1"));
}

TEST_CASE("saved replies: a click and Alt+1 put the reply at the end of the draft, the box takes the keyboard") {
  Headless h("replies_insert");
  h.start("impatient-customer-fi");
  h.wait_for_customer();
  const std::string greeting =
      "Hei, ja pahoittelen, että paketti viipyy! Kertoisitteko tilausnumeron, niin tarkistan tilanteen heti?";
  press_alt(h, 1);
  CHECK(h.draft() == greeting);
  press_alt(h, 2);  // after the draft, with a space between
  CHECK(h.draft() == greeting + " Hetkinen, tarkistan asian.");
  h.press(ImGuiKey_Enter);
  REQUIRE(h.trainee_messages().size() == 1);
  // A click while the trainee has started a reply of their own.
  h.type("Hei Markku!");
  h.click("replies.item.2");
  CHECK(h.draft() == "Hei Markku! Hetkinen, tarkistan asian.");
  h.frames(3);
  CHECK(ImGui::GetIO().WantTextInput);  // the reply box has the keyboard again
  h.press(ImGuiKey_Enter);
  REQUIRE(h.trainee_messages().size() == 2);
  CHECK(h.trainee_messages()[1] == "Hei Markku! Hetkinen, tarkistan asian.");
  // While typing in the box, Alt+2 still lands in the draft (the box lets go of its copy).
  h.frames(2);
  h.type("Kiitos!");
  press_alt(h, 2);
  h.frames(3);
  CHECK(h.draft() == "Kiitos! Hetkinen, tarkistan asian.");
  h.press(ImGuiKey_Enter);
  CHECK(h.draft().empty());
  press_alt(h, 9);  // no ninth reply: nothing happens
  CHECK(h.draft().empty());
}

TEST_CASE("saved replies: add from the draft, edit and delete the trainee's own") {
  Headless h("replies_own");
  h.start("impatient-customer-fi");
  h.type("Tilauksenne on nyt matkalla.");
  h.click("replies.add_draft");
  REQUIRE(h.state.replies.own.replies.size() == 1);
  CHECK(h.state.replies.own.replies[0].text == "Tilauksenne on nyt matkalla.");
  CHECK(app::load_own_replies(own_file(h).string()).replies.size() == 1);  // saved at once
  h.click("replies.filter");  // the list is longer than the column: find it by a word
  h.type("matkalla");
  h.frames(2);
  CHECK(h.visible("replies.item.6"));
  // Edit: a new title and text through the form.
  h.click("replies.item.6.edit");
  CHECK(h.state.replies.form_open);
  h.state.replies.form_title = "Matkalla";
  h.state.replies.form_text = "Paketti on matkalla ja perillä huomenna.";
  h.frames(1);
  h.click("replies.form.save");
  CHECK_FALSE(h.state.replies.form_open);
  auto back = app::load_own_replies(own_file(h).string());
  REQUIRE(back.replies.size() == 1);
  CHECK(back.replies[0].title == "Matkalla");
  CHECK(back.replies[0].text == "Paketti on matkalla ja perillä huomenna.");
  // A new one typed in the form.
  h.click("replies.add_new");
  h.click("replies.form.text");
  h.type("Kiitos, hyvää päivänjatkoa!");
  h.click("replies.form.save");
  REQUIRE(h.state.replies.own.replies.size() == 2);
  CHECK(h.state.replies.own.replies[1].title == "Kiitos, hyvää päivänjatkoa!");
  // Delete the first (the filter still shows it).
  h.frames(2);
  h.click("replies.item.6.delete");
  REQUIRE(h.state.replies.own.replies.size() == 1);
  CHECK(h.state.replies.own.replies[0].text == "Kiitos, hyvää päivänjatkoa!");
  CHECK(app::load_own_replies(own_file(h).string()).replies.size() == 1);
}

TEST_CASE("saved replies: sent unchanged it is on record and in the grade; edited it is not") {
  Headless h("replies_evidence");
  h.start("impatient-customer-fi");
  h.wait_for_customer();
  press_alt(h, 2);  // "Hetkinen" as it is
  h.frames(2);
  h.press(ImGuiKey_Enter);
  press_alt(h, 1);  // the greeting and the refund together: no longer either one
  press_alt(h, 4);
  h.frames(2);
  h.press(ImGuiKey_Enter);
  REQUIRE(h.trainee_messages().size() == 2);
  const auto& msgs = h.state.sessions.live->session().transcript().messages;
  std::vector<std::size_t> trainee;
  for (std::size_t i = 0; i < msgs.size(); ++i)
    if (msgs[i].is_trainee_message()) trainee.push_back(i);
  CHECK(msgs[trainee[0]].extra.value("saved_reply", "") == "hold");
  CHECK(msgs[trainee[0]].extra.value("saved_reply_title", "") == "Hetkinen");
  CHECK_FALSE(msgs[trainee[1]].extra.contains("saved_reply"));
  h.advance(5);
  h.state.sessions.live->record->end(h.state.now);
  chatdrill::app::open_review_of_live(h.state);
  REQUIRE(h.state.sessions.review);
  const auto& grade = h.state.sessions.review->result.grade;
  const auto* e = saved_note(grade);
  REQUIRE(e);
  CHECK(e->message == std::optional<std::size_t>(trainee[0]));
  CHECK(e->points == 0);
  CHECK(e->note == "Valmisvastaus lähetettiin sellaisenaan: «Hetkinen»");
  int notes = 0;
  for (const auto& ev : grade.dimension("engagement").evidence) notes += ev.rule == "engagement.saved_reply";
  CHECK(notes == 1);
  // The saved result carries it too, so `chatdrill grade` and the history see the same.
  const std::string saved = read(h.state.sessions.review->path);
  CHECK(saved.find("\"saved_reply\"") != std::string::npos);
  CHECK(saved.find("engagement.saved_reply") != std::string::npos);
}

TEST_CASE("saved replies: in a narrow window they are a strip over the reply box, all of them in a popup") {
  Headless h("replies_narrow");
  ImGui::GetIO().DisplaySize = ImVec2(800, 640);  // too narrow for the column beside the chat
  h.start("impatient-customer-fi");
  h.frames(2);
  CHECK_FALSE(h.visible("replies.heading"));  // no column of its own
  REQUIRE(h.visible("replies.all"));
  CHECK(h.visible("replies.quick.1"));  // the first ones by title, as many as fit
  h.click("replies.quick.1");
  CHECK(h.draft().rfind("Hei, ja pahoittelen", 0) == 0);
  h.frames(3);  // the reply box has the keyboard again: Enter sends
  h.press(ImGuiKey_Enter);
  REQUIRE(h.trainee_messages().size() == 1);
  h.click("replies.all");
  h.frames(2);
  REQUIRE(h.visible("replies.heading"));  // the whole panel, in a popup
  h.click("replies.item.2");
  CHECK(h.draft() == "Hetkinen, tarkistan asian.");
  h.frames(2);
  CHECK_FALSE(h.visible("replies.heading"));  // put in: the popup closes
}
