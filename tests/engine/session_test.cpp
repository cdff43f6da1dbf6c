// The persona runtime in virtual time: typing delays, nudges and leaving on patience,
// silence and check-ins, mood, intent matching, fallbacks, endings, seeds, time limits.
#include "simulator/engine/session.h"

#include <set>

#include "engine_test_support.h"
#include "simulator/engine/persona.h"

using namespace chatdrill;
using namespace chatdrill::engine;
using namespace chatdrill::engine::test;

namespace {

const std::string k_behaviour = R"({
  "format": "chatdrill.scenario/1", "id": "t", "title": "S", "language": "fi",
  "persona": {"name": "Testi Asiakas", "archetype": "neutral", "typing_cps": 10, "patience": 100,
              "nudges": ["Haloo?", "Onko siellä ketään?"], "nudge_at": [0.5, 0.8], "leave": ["Hei sitten."]},
  "fallback": ["En ymmärrä."],
  "start": "start",
  "nodes": {
    "start": {"say": ["Hei."], "say_upset": ["Hei!!"], "expect": [
      {"intent": "reason", "question": true, "keywords": ["miksi"], "stems": ["kaapeli"], "goto": "quiet"},
      {"intent": "cancel", "prefixes": ["irtisano"], "goto": "done"},
      {"intent": "phrase", "phrases": ["hyvä on"], "goto": "done"},
      {"intent": "vip", "keywords": ["vip"], "min_mood": 0.5, "goto": "done"}]},
    "quiet": {"say": ["Hetki, katson."],
              "silence": {"after": 5, "window": [20, 100], "checkin": {"phrases": ["löytyikö se"]},
                          "back": "back", "leave_after": 150}},
    "back": {"say": ["Nyt löytyi."], "expect": [{"intent": "ok", "any": true, "goto": "done"}]},
    "done": {"say": ["Kiitos, hei."], "end": {"outcome": "resolved", "label": "Valmis"}}
  }
})";

std::shared_ptr<const Scenario> behaviour(const std::string& from = "", const std::string& to = "") {
  return must_load(from.empty() ? k_behaviour : replaced(k_behaviour, from, to));
}

const scoring::Message& last(const Session& s) { return s.transcript().messages.back(); }

// Messages of one kind from one side, e.g. customer nudges.
std::vector<scoring::Message> of_kind(const Session& s, const std::string& from, const std::string& kind) {
  std::vector<scoring::Message> out;
  for (const auto& m : s.transcript().messages)
    if (m.from == from && m.kind == kind) out.push_back(m);
  return out;
}

// When the customer's answer to `reply` (its line being `line`) appears, if sent at `at`.
double answer_time(double at, const std::string& reply, const std::string& line, double cps = 10) {
  return at + reading_delay(reply) + static_cast<double>(text_length(line)) / cps;
}

}  // namespace

TEST_CASE("the customer opens at 0 and then waits") {
  Session s(behaviour(), {});
  REQUIRE(s.transcript().messages.size() == 1);
  CHECK(last(s).from == "customer");
  CHECK(last(s).text == "Hei.");
  CHECK(last(s).at == 0);
  CHECK(s.customer().waiting);
  CHECK(s.customer().patience == doctest::Approx(1.0));
  CHECK_FALSE(s.finished());
}

TEST_CASE("kept waiting, the customer nudges at the thresholds and leaves when patience runs out") {
  Session s(behaviour(), {});
  CHECK(*s.next_due() == doctest::Approx(50));
  s.advance(49.9);
  CHECK(of_kind(s, "customer", "nudge").empty());
  CHECK(s.customer().patience == doctest::Approx(0.501));
  s.advance(50);
  REQUIRE(of_kind(s, "customer", "nudge").size() == 1);
  CHECK(*s.next_due() == doctest::Approx(80));
  s.advance(99);
  const auto nudges = of_kind(s, "customer", "nudge");
  REQUIRE(nudges.size() == 2);
  CHECK(nudges[1].at == doctest::Approx(80));
  CHECK(nudges[0].text != nudges[1].text);  // consecutive nudges differ
  CHECK_FALSE(s.finished());
  s.advance(100);
  CHECK(s.finished());
  CHECK(s.outcome() == "customer_left");
  const auto left = of_kind(s, "customer", "left");
  REQUIRE(left.size() == 1);
  CHECK(left[0].at == doctest::Approx(100));
  CHECK(left[0].text == "Hei sitten.");
  CHECK(last(s).kind == "ended");
}

TEST_CASE("one big jump processes every event at its own time") {
  Session s(behaviour(), {});
  s.advance(10000);
  const auto& m = s.transcript().messages;
  REQUIRE(m.size() == 5);  // opener, two nudges, left, ended
  CHECK(m[1].at == doctest::Approx(50));
  CHECK(m[2].at == doctest::Approx(80));
  CHECK(m[3].at == doctest::Approx(100));
  CHECK(s.transcript().outcome == "customer_left");
}

TEST_CASE("a reply resets the wait, a bad mood shortens patience") {
  Session s(behaviour(), {});
  s.send(40, "Banaani");  // fallback, the customer answers and waits again
  const double answered = answer_time(40, "Banaani", "En ymmärrä.");
  s.advance(answered + 49);
  CHECK(of_kind(s, "customer", "nudge").empty());
  s.advance(answered + 50);
  CHECK(of_kind(s, "customer", "nudge").size() == 1);

  Session upset(behaviour(R"("patience": 100,)", R"("patience": 100, "mood": -0.5,)"), {});
  CHECK(upset.transcript().messages[0].text == "Hei!!");  // say_upset below -0.3
  upset.advance(74.9);
  CHECK_FALSE(upset.finished());
  upset.advance(75);  // 100 * (1 + 0.5 * -0.5)
  CHECK(upset.outcome() == "customer_left");
}

TEST_CASE("typing delay: reading plus typing, with the typing state in between") {
  Session s(behaviour(), {});
  const std::string reply = "Hoidan irtisanomisen.";
  s.send(10, reply);
  const double typing_from = 10 + reading_delay(reply);
  const double shown = answer_time(10, reply, "Kiitos, hei.");
  CHECK(*s.next_due() == doctest::Approx(typing_from));
  CHECK_FALSE(s.customer().typing);
  CHECK_FALSE(s.customer().waiting);
  s.advance(typing_from + 0.01);
  CHECK(s.customer().typing);
  CHECK(*s.next_due() == doctest::Approx(shown));
  s.advance(shown - 0.01);
  CHECK(last(s).from == "trainee");
  s.advance(shown);
  CHECK(s.finished());
  CHECK(s.outcome() == "resolved");
  const auto& m = s.transcript().messages;
  CHECK(m[m.size() - 2].text == "Kiitos, hei.");
  CHECK(m[m.size() - 2].at == doctest::Approx(shown));
  CHECK(last(s).text == "Valmis");
  CHECK_FALSE(s.next_due());
}

TEST_CASE("intent matching: folded keywords, stems, phrases, prefixes, question and mood conditions") {
  auto outcome_intent = [](const std::string& reply) {
    Session s(behaviour(), {});
    s.send(5, reply);
    return of_kind(s, "trainee", "message").at(0).extra.value("intent", std::string());
  };
  CHECK(outcome_intent("MIKSI haluatte lopettaa?") == "reason");      // case folding
  CHECK(outcome_intent("Entä kaapelin laita?") == "reason");          // Snowball stem of a word form
  CHECK(outcome_intent("Kerron teille miksi.") == "fallback");        // must be a question
  CHECK(outcome_intent("Hoidan irtisanomisenne heti.") == "cancel");  // compound by prefix
  CHECK(outcome_intent("No HYVÄ ON sitten") == "phrase");             // folded word sequence
  CHECK(outcome_intent("hyvä, on se") == "fallback");                 // a phrase stays inside one clause
  CHECK(outcome_intent("on se hyvä") == "phrase");                    // any word order, a word between
  CHECK(outcome_intent("Olette VIP-asiakas") == "fallback");          // min_mood 0.5 not reached
  Session glad(behaviour(R"("patience": 100,)", R"("patience": 100, "mood": 0.6,)"), {});
  glad.send(5, "Olette vip");
  CHECK(glad.transcript().messages.at(1).extra["intent"] == "vip");
}

TEST_CASE("an unmatched reply gets a fallback line and the node stays") {
  Session s(behaviour(), {});
  s.send(5, "Banaani");
  s.advance(30);
  const auto lines = of_kind(s, "customer", "message");
  REQUIRE(lines.size() == 2);
  CHECK(lines[1].text == "En ymmärrä.");
  CHECK(s.customer().node == "start");
  CHECK(s.customer().waiting);

  // A node fallback with its own lines and a move.
  Session moved(behaviour(R"("say_upset": ["Hei!!"],)",
                          R"("say_upset": ["Hei!!"], "fallback": {"say": ["Mitä?"], "goto": "back"},)"),
                {});
  moved.send(5, "Banaani");
  moved.advance(30);
  CHECK(of_kind(moved, "customer", "message").at(1).text == "Mitä?");
  CHECK(moved.customer().node == "back");
}

TEST_CASE("silence: the customer goes quiet and a timely check-in brings it back") {
  Session s(behaviour(), {});
  s.send(5, "Miksi?");
  const double said = answer_time(5, "Miksi?", "Hetki, katson.");
  s.advance(said + 5);
  CHECK(s.customer().silent);
  REQUIRE(of_kind(s, "customer", "silent").size() == 1);
  CHECK(of_kind(s, "customer", "silent")[0].at == doctest::Approx(said + 5));
  CHECK_FALSE(s.customer().waiting);  // no nudges while quiet

  s.send(said + 5 + 8, "Selvä.");  // not a check-in
  CHECK(of_kind(s, "trainee", "message").back().extra["intent"] == "ignored");
  CHECK(s.customer().silent);
  // Too early, before the window: not lost, the customer comes back when the window opens.
  s.send(said + 5 + 10, "Oletteko vielä linjoilla?");
  CHECK(of_kind(s, "trainee", "message").back().extra["intent"] == "checkin");
  CHECK(s.customer().silent);
  const double checkin_at = said + 5 + 20;  // the window opens 20 s into the silence
  s.advance(checkin_at);
  CHECK_FALSE(s.customer().silent);
  const auto back = of_kind(s, "customer", "returned");
  REQUIRE(back.size() == 1);
  CHECK(back[0].at == doctest::Approx(checkin_at));
  s.advance(checkin_at + 20);
  CHECK(of_kind(s, "customer", "message").back().text == "Nyt löytyi.");
  CHECK(s.customer().node == "back");
}

TEST_CASE("silence: the node's own check-in words count too") {
  Session s(behaviour(), {});
  s.send(5, "Miksi?");
  const double quiet_at = answer_time(5, "Miksi?", "Hetki, katson.") + 5;
  s.send(quiet_at + 25, "Löytyikö se?");
  CHECK(of_kind(s, "customer", "returned").size() == 1);
}

TEST_CASE("silence: without a check-in the customer leaves after leave_after") {
  Session s(behaviour(), {});
  s.send(5, "Miksi?");
  const double quiet_at = answer_time(5, "Miksi?", "Hetki, katson.") + 5;
  s.advance(quiet_at + 149);
  CHECK_FALSE(s.finished());
  CHECK(s.customer().patience == doctest::Approx(1.0 / 150).epsilon(0.01));
  s.advance(quiet_at + 150);
  CHECK(s.outcome() == "customer_left");
  CHECK(of_kind(s, "customer", "left").at(0).at == doctest::Approx(quiet_at + 150));
}

TEST_CASE("mood follows tone: courtesy raises it, rudeness lowers it, at -1 the customer leaves") {
  Session kind(behaviour(), {});
  kind.send(5, "Kiitos paljon, ymmärrän hyvin.");
  CHECK(kind.customer().mood > 0);
  CHECK(kind.customer().mood <= 0.15 + 1e-9);

  Session rude(behaviour(), {});
  rude.send(5, "Olet idiootti.");
  // The rude word's tone (-0.25) and the built-in reaction to rudeness (-0.4, data).
  CHECK(rude.customer().mood == doctest::Approx(-0.65));

  Session gone(behaviour(R"("patience": 100,)", R"("patience": 100, "mood": -0.9,)"), {});
  gone.send(5, "Olet idiootti.");
  gone.advance(60);
  CHECK(gone.outcome() == "customer_left");
  CHECK(of_kind(gone, "customer", "left").at(0).text == "Hei sitten.");
}

TEST_CASE("time limit, ending by the trainee, and replies after the end") {
  SessionOptions limited;
  limited.time_limit = 30;
  Session s(behaviour(), limited);
  CHECK(*s.next_due() == doctest::Approx(30));
  s.advance(1000);
  CHECK(s.outcome() == "time_up");
  CHECK(last(s).at == doctest::Approx(30));
  CHECK(of_kind(s, "customer", "nudge").empty());

  Session e(behaviour(), {});
  e.end(20);
  CHECK(e.outcome() == "ended_by_trainee");
  const auto count = e.transcript().messages.size();
  e.send(25, "Hoidan irtisanomisen.");
  e.advance(500);
  CHECK(e.transcript().messages.size() == count);
}

TEST_CASE("empty replies are ignored, invalid UTF-8 is stored sanitized") {
  Session s(behaviour(), {});
  s.send(3, "   \n ");
  CHECK(s.transcript().messages.size() == 1);
  s.send(4, "Banaani \xFF");
  CHECK(last(s).text == "Banaani \xEF\xBF\xBD");
  CHECK(scoring::is_valid_utf8(last(s).text));
}

TEST_CASE("every message carries node, mood and patience for the review's timeline") {
  Session s(behaviour(), {});
  s.send(20, "Miksi?");
  s.advance(1000);
  for (const auto& m : s.transcript().messages) {
    CAPTURE(m.text);
    CHECK(m.extra.contains("node"));
    REQUIRE(m.mood);
    REQUIRE(m.patience);
    CHECK(*m.patience >= 0);
    CHECK(*m.patience <= 1);
  }
  // The reply is recorded at the node it answered, with the wait it ended.
  const auto reply = of_kind(s, "trainee", "message").at(0);
  CHECK(reply.extra["node"] == "start");
  CHECK(*reply.patience == doctest::Approx(0.8));
}

TEST_CASE("the same seed gives the same transcript, other seeds pick other variants") {
  const auto many = behaviour(R"("say": ["Hei."], "say_upset")",
                              R"("say": ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"], "say_upset")");
  auto run = [&](std::uint64_t seed) {
    SessionOptions o;
    o.seed = seed;
    Session s(many, o);
    s.send(12, "Banaani");
    s.send(40, "Miksi?");
    s.advance(2000);
    return scoring::transcript_to_json(s.transcript()).dump();
  };
  CHECK(run(7) == run(7));
  std::set<std::string> openers;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    SessionOptions o;
    o.seed = seed;
    openers.insert(Session(many, o).transcript().messages[0].text);
  }
  CHECK(openers.size() > 1);
}

TEST_CASE("variant choice uses the raw mt19937_64 output only, so it is the same everywhere") {
  VariantPicker picker(42);
  std::mt19937_64 reference(42);
  for (int i = 0; i < 100; ++i) CHECK(picker.index(7) == reference() % 7);
}
