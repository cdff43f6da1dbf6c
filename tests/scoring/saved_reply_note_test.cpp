// A saved reply sent unchanged (the app writes "saved_reply" and "saved_reply_title" on the
// message): engagement notes it, 0 points, citing the message, in the chat's language, read
// from the transcript alone; the same chat without the note grades exactly the same.
#include "scoring/grade.h"
#include "support/grader.h"

#include <doctest/doctest.h>

#include <string>
#include <tuple>

using namespace chatdrill::scoring;

namespace {

Transcript chat(const std::string& language, const std::string& hello, const std::string& reply) {
  Transcript t;
  t.language = language;
  t.messages.push_back({"customer", "message", 0, hello, Json::object()});
  t.messages.push_back({"trainee", "message", 12, reply, Json::object()});
  return t;
}

const Evidence* saved_note(const Grade& g) {
  for (const auto& e : g.dimension("engagement").evidence)
    if (e.rule == "engagement.saved_reply") return &e;
  return nullptr;
}

}  // namespace

TEST_CASE("saved reply note: cites the message, says the title, costs nothing (fi, en)") {
  for (const auto& [lang, hello, reply, title, note] :
       {std::tuple{"fi", "Hei, missä tilaukseni on?", "Hetkinen, tarkistan asian.", "Hetkinen",
                   "Valmisvastaus lähetettiin sellaisenaan: «Hetkinen»"},
        std::tuple{"en", "Hi, where is my order?", "One moment, I'll check that.", "One moment",
                   "Saved reply sent unchanged: «One moment»"}}) {
    Transcript plain = chat(lang, hello, reply);
    Transcript saved = plain;
    saved.messages[1].extra["saved_reply"] = "hold";
    saved.messages[1].extra["saved_reply_title"] = title;
    const Grade a = grade_transcript(plain, Rubric{}, test_grader());
    const Grade b = grade_transcript(saved, Rubric{}, test_grader());
    CHECK_FALSE(saved_note(a));
    const Evidence* e = saved_note(b);
    REQUIRE(e);
    CHECK(e->message == std::optional<std::size_t>(1));
    CHECK(e->points == 0);
    CHECK(e->note == note);
    CHECK(b.overall == a.overall);
    CHECK(b.dimension("engagement").score == a.dimension("engagement").score);
  }
}

TEST_CASE("saved reply note: no title names the id; a hostile title is cut and kept valid UTF-8") {
  Transcript t = chat("en", "Hi, where is my order?", "One moment, I'll check that.");
  t.messages[1].extra["saved_reply"] = "hold";
  Grade g = grade_transcript(t, Rubric{}, test_grader());
  const Evidence* e = saved_note(g);
  REQUIRE(e);
  CHECK(e->note == "Saved reply sent unchanged: «hold»");
  std::string title;
  for (int i = 0; i < 100; ++i) title += "ä";  // 200 bytes: cut at 120, between letters
  t.messages[1].extra["saved_reply_title"] = title;
  g = grade_transcript(t, Rubric{}, test_grader());
  e = saved_note(g);
  REQUIRE(e);
  CHECK(e->note == "Saved reply sent unchanged: «" + title.substr(0, 120) + "»");
  t.messages[1].extra["saved_reply"] = 5;  // not a string: nothing to note
  g = grade_transcript(t, Rubric{}, test_grader());
  CHECK_FALSE(saved_note(g));
}
