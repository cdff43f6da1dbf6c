// The shift summary (scoring/shift_grade.h): wrong-chat evidence for another customer's name
// and case details, customers left unattended, the longest wait while the trainee was
// elsewhere, hold messages that kept a customer informed; the shift transcript's located
// findings; the identifiers a reply can carry over.
#include <doctest/doctest.h>

#include "scoring/core/paths.h"
#include "scoring/shift_grade.h"

using namespace chatdrill::scoring;

namespace {

Message says(const char* from, double at, const char* text, std::string_view kind = kind::message) {
  Message m;
  m.from = from;
  m.kind = std::string(kind);
  m.at = at;
  m.text = text;
  return m;
}

// c1 (Pirjo, order 48213) from 0 s, c2 (Jukka, customer 88120) from 10 s; the trainee
// tells Pirjo to wait, answers Jukka with Pirjo's name and order number, then goes back to
// Pirjo while Jukka's question waits until he leaves.
ShiftTranscript juggled() {
  ShiftTranscript s;
  s.id = "t";
  s.language = "fi";
  s.outcome = "completed";
  ShiftChatRecord c1;
  c1.id = "c1";
  c1.arrived_at = 0;
  c1.picked_up_at = 0;
  c1.customer = "Pirjo Heikkinen";
  c1.details = {"48213", "040 718 2291"};
  c1.transcript.language = "fi";
  c1.transcript.outcome = "resolved";
  c1.transcript.messages = {
      says("customer", 0, "Hei, tilaamani sohva ei tullut vieläkään."),
      says("trainee", 5, "Hei Pirjo, pahoittelen! Hetkinen, tarkistan tilauksen tiedot."),
      says("trainee", 100, "Tilauksenne on viivästynyt, ja uusi toimituspäivä on torstaina."),
      says("customer", 110, "Kiitos tiedosta."),
      says("system", 120, "resolved", kind::ended),
  };
  ShiftChatRecord c2;
  c2.id = "c2";
  c2.arrived_at = 10;
  c2.picked_up_at = 10;
  c2.customer = "Jukka Nieminen";
  c2.details = {"88120", "jukka.nieminen@example.fi"};
  c2.transcript.language = "fi";
  c2.transcript.outcome = "customer_left";
  c2.transcript.messages = {
      says("customer", 0, "Hei, minulta veloitettiin lasku kahdesti."),
      says("trainee", 20, "Hei Pirjo! Tarkistan laskun heti."),
      says("trainee", 40, "Tilauksenne 48213 on nyt käsittelyssä."),
      says("customer", 45, "Mikä tilaus? Kysyin laskusta."),
      says("customer", 200, "No, soitan sitten.", kind::left),
      says("system", 200, "customer_left", kind::ended),
  };
  s.chats = {c1, c2};
  s.focus = {{0, 0}, {30, 1}, {70, 0}};
  s.ended_at = 210;
  return s;
}

std::vector<const ShiftEvidence*> with_rule(const ShiftGrade& g, std::string_view rule) {
  std::vector<const ShiftEvidence*> out;
  for (const auto& e : g.evidence)
    if (e.rule == rule) out.push_back(&e);
  return out;
}

double sum(const ShiftGrade& g) {
  double total = 0;
  for (const auto& e : g.evidence) total += e.points;
  return total;
}

}  // namespace

TEST_CASE("shift grade: a reply naming another chat's customer or case is a wrong chat, cited by chat and message") {
  Grader grader(data_root());
  const auto s = juggled();
  const auto g = grade_shift(s, {}, grader);
  REQUIRE(g.chats.size() == 2);
  const auto wrong = with_rule(g, "multitasking.wrong_chat");
  REQUIRE(wrong.size() == 2);
  CHECK(wrong[0]->chat == 1u);
  CHECK(wrong[0]->message == 1u);
  CHECK(wrong[0]->note.find("Pirjo Heikkinen") != std::string::npos);
  CHECK(wrong[1]->chat == 1u);
  CHECK(wrong[1]->message == 2u);
  CHECK(wrong[1]->note.find("48213") != std::string::npos);
  CHECK(wrong[0]->points == -15);
  CHECK(g.figures.wrong_chat == 2);
  // Pirjo's own chat naming her is no wrong chat.
  for (const auto* e : wrong) CHECK(e->chat != 0u);
}

TEST_CASE("shift grade: customers left unattended, the longest wait elsewhere, hold messages that kept one informed") {
  Grader grader(data_root());
  const auto s = juggled();
  const auto g = grade_shift(s, {}, grader);
  const auto left = with_rule(g, "multitasking.left_unattended");
  REQUIRE(left.size() == 1);
  CHECK(left[0]->chat == 1u);
  CHECK(left[0]->message == 4u);
  CHECK(left[0]->points == -20);
  // Jukka asked at 55 s (shift time) and waited while the trainee was in c1 from 70 s to
  // his leaving at 210 s: 140 s elsewhere.
  const auto longest = with_rule(g, "multitasking.longest_wait");
  REQUIRE(longest.size() == 1);
  CHECK(longest[0]->chat == 1u);
  CHECK(longest[0]->message == 3u);
  CHECK(g.figures.longest_wait == doctest::Approx(140));
  CHECK(longest[0]->points == doctest::Approx(-(140 - 60) * 0.25));
  // "Hetkinen, tarkistan" to Pirjo, then 40 s with Jukka before coming back.
  const auto informed = with_rule(g, "multitasking.kept_informed");
  REQUIRE(informed.size() == 1);
  CHECK(informed[0]->chat == 0u);
  CHECK(informed[0]->message == 1u);
  CHECK(informed[0]->points == 5);
  CHECK(g.figures.resolved == 1);
  REQUIRE(g.figures.resolved_per_hour);
  CHECK(*g.figures.resolved_per_hour == doctest::Approx(3600.0 / 210));
  CHECK(g.multitasking == doctest::Approx(sum(g)));
  CHECK(g.multitasking == doctest::Approx(85 - 20 - 20 - 2 * 15 + 5));
  const Json j = shift_grade_to_json(g, s);
  CHECK(j["format"] == k_shift_grade_format);
  CHECK(j["chats"].size() == 2);
  CHECK(j["multitasking"]["figures"]["longest_wait_chat"] == "c2");
}

TEST_CASE("shift grade: a shift handled in turn has no waits elsewhere and no penalties") {
  Grader grader(data_root());
  auto s = juggled();
  s.chats.pop_back();
  s.focus = {{0, 0}};
  s.chats[0].transcript.messages[1].text = "Hei Pirjo, pahoittelen! Tarkistan tilauksen tiedot.";
  const auto g = grade_shift(s, {}, grader);
  CHECK(with_rule(g, "multitasking.wrong_chat").empty());
  CHECK(with_rule(g, "multitasking.left_unattended").empty());
  CHECK(g.multitasking == 85);
}

TEST_CASE("shift transcript: written and read back, its findings located inside the chats") {
  const auto s = juggled();
  const std::string text = shift_transcript_to_json(s).dump(2);
  const auto parsed = parse_json(text, "s.json");
  REQUIRE(parsed.doc);
  const auto back = shift_transcript_from_doc(*parsed.doc);
  REQUIRE(back.shift);
  REQUIRE(back.shift->chats.size() == 2);
  CHECK(back.shift->chats[1].arrived_at == 10);
  CHECK(back.shift->chats[1].details == s.chats[1].details);
  CHECK(back.shift->focus.size() == 3);
  CHECK(back.shift->focus[1].chat == 1u);
  Json broken = shift_transcript_to_json(s);
  broken["chats"][1]["transcript"]["messages"][2]["at"] = "later";
  broken["chats"][1]["id"] = "c1";
  broken["focus"][1]["chat"] = "c9";
  const auto bad = parse_json(broken.dump(2), "bad.json");
  REQUIRE(bad.doc);
  const auto load = shift_transcript_from_doc(*bad.doc);
  CHECK_FALSE(load.shift);
  std::vector<std::string> paths;
  for (const auto& d : load.diagnostics) {
    paths.push_back(d.path);
    CHECK(d.pos.line > 1);
  }
  CHECK(std::find(paths.begin(), paths.end(), "chats[1].transcript.messages[2].at") != paths.end());
  CHECK(std::find(paths.begin(), paths.end(), "chats[1].id") != paths.end());
  CHECK(std::find(paths.begin(), paths.end(), "focus[1].chat") != paths.end());
}

TEST_CASE("identifiers: numbers and e-mails a reply can carry over, not prices, dates or years") {
  const auto ids = identifiers_in(
      "Tilaus 48213, puh. 040 718 2291, hinta 1 290 €, toimitus 12.11.2026, asiakas vuodesta 2006, "
      "numero A-204 118 ja sähköposti raija.virtanen@kotiposti.fi. Seuranta JJFI 6420 1188 3302, £649, 10 %.");
  const std::vector<std::string> want = {"48213", "040 718 2291", "A-204 118", "raija.virtanen@kotiposti.fi",
                                         "6420 1188 3302"};
  CHECK(ids == want);
  CHECK(identifier_key("A-204 118") == "a-204118");
}
