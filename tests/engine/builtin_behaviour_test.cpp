// Built-in customer behaviour that no scenario has to script: hold, channel bounce, blame,
// rudeness, courtesy only, several intents in one message, misunderstanding, switches per
// scenario and node, matching on meaning. Virtual time, one small scenario.
#include "simulator/engine/session.h"

#include "engine_test_support.h"
#include "simulator/engine/reply_reader.h"
#include "simulator/engine/scenario_lint.h"
#include "simulator/engine/scenario_tests.h"

using namespace chatdrill;
using namespace chatdrill::engine;
using namespace chatdrill::engine::test;

namespace {

const std::string k_shop = R"({
  "format": "chatdrill.scenario/1", "id": "t", "title": "S", "language": "fi",
  "persona": {"name": "Testi Asiakas", "archetype": "neutral", "typing_cps": 10, "patience": 100,
              "nudges": ["Haloo?"], "nudge_at": [0.5], "leave": ["Hei sitten."]},
  "fallback": ["En ymmärrä.", "Mitä tarkoitatte?"],
  "start": "start",
  "nodes": {
    "start": {"say": ["Paketti ei ole tullut."], "expect": [
      {"intent": "ask_order", "question": true, "concepts": ["case.order_number"], "mood": 0.1, "goto": "order"},
      {"intent": "offer", "keywords": ["hyvitys"], "mood": 0.2, "goto": "done"}]},
    "order": {"say": ["Se on 4412."], "expect": [
      {"intent": "ask_address", "question": true, "keywords": ["osoite"], "goto": "address"},
      {"intent": "own", "keywords": ["lähettää uusi"], "mood": 0.2, "goto": "done"}]},
    "address": {"say": ["Kotikatu 1."], "expect": [{"intent": "own", "keywords": ["lähettää"], "goto": "done"}]},
    "done": {"say": ["Kiitos, hei."], "end": {"outcome": "resolved", "label": "Valmis"}}
  }
})";

std::shared_ptr<const Scenario> shop(const std::string& from = "", const std::string& to = "") {
  return must_load(from.empty() ? k_shop : replaced(k_shop, from, to));
}

std::vector<scoring::Message> customer_lines(const Session& s) {
  std::vector<scoring::Message> out;
  for (const auto& m : s.transcript().messages)
    if (m.from == "customer" && (m.kind == "message" || m.kind == "nudge")) out.push_back(m);
  return out;
}

std::string intent_of_last_reply(const Session& s) {
  for (auto it = s.transcript().messages.rbegin(); it != s.transcript().messages.rend(); ++it)
    if (it->from == "trainee") return it->extra.value("intent", std::string());
  return {};
}

}  // namespace

TEST_CASE("matching on meaning: a concept in any inflection, a base-form keyword in any form") {
  Session s(shop(), {});
  s.send(5, "Kertoisitteko tilauksenne numeron?");  // case.order_number, the compound written apart
  CHECK(intent_of_last_reply(s) == "ask_order");
  Session offer(shop(), {});
  offer.send(5, "Teen teille hyvityksen heti.");
  CHECK(intent_of_last_reply(offer) == "offer");
  Session negated(shop(), {});
  negated.send(5, "En voi luvata hyvitystä.");  // a negated clause is no offer
  CHECK(intent_of_last_reply(negated) == "fallback");
}

TEST_CASE("hold: the customer waits without losing patience, asks once, and the next reply is read at the same node") {
  Session s(shop(), {});
  s.send(5, "Hetkinen, tarkistan asian.");
  CHECK(intent_of_last_reply(s) == "hold");
  CHECK(s.customer().on_hold);
  s.advance(80);  // patience is 100 s and the nudge would come at 50 s of waiting
  CHECK(customer_lines(s).size() == 1);
  CHECK(s.customer().patience == doctest::Approx(1.0));
  s.advance(5 + 90);  // the default hold time (data: 90 s for a neutral persona)
  const auto lines = customer_lines(s);
  REQUIRE(lines.size() == 2);
  CHECK(lines[1].kind == "nudge");
  CHECK(lines[1].at == doctest::Approx(95));
  CHECK(s.customer().waiting);
  s.send(100, "Kiitos odotuksesta. Teen teille hyvityksen.");
  CHECK(intent_of_last_reply(s) == "offer");

  Session stated(shop(), {});
  stated.send(5, "Pieni hetki, katson asiaa. Palaan parin minuutin päästä.");
  stated.advance(5 + 119);
  CHECK(customer_lines(stated).size() == 1);
  stated.advance(5 + 121);
  CHECK(customer_lines(stated).size() == 2);
}

TEST_CASE("channel bounce: pushback and lower mood, never a positive intent, in every wording") {
  Session s(shop(), {});
  const double before = s.customer().mood;
  s.send(5, "Voitte lähettää hyvityspyynnön sähköpostilla asiakaspalveluumme.");
  CHECK(intent_of_last_reply(s) == "bounce");
  CHECK(s.customer().mood < before - 0.2);
  s.advance(40);
  CHECK(customer_lines(s).back().text.find("asiakaspalvelu") != std::string::npos);
  CHECK(s.customer().node == "start");
  // The agent's own first-person action is ownership, not a bounce.
  Session own(shop(), {});
  own.send(5, "Lähetän hyvityksen vahvistuksen teille sähköpostiin.");
  CHECK(intent_of_last_reply(own) == "offer");
}

TEST_CASE("blame, rudeness and dismissal cool the customer and get a reaction, not a fallback") {
  for (const auto& [reply, label] :
       {std::pair{"Se on teidän oma vikanne.", "blame"}, std::pair{"Se ei ole meidän ongelmamme.", "dismissal"},
        std::pair{"Olet idiootti.", "rudeness"}}) {
    Session s(shop(), {});
    s.send(5, reply);
    CHECK_MESSAGE(intent_of_last_reply(s) == label, reply);
    CHECK(s.customer().mood < -0.25);
    s.advance(40);
    const auto text = customer_lines(s).back().text;
    CHECK(text != "En ymmärrä.");
    CHECK(text != "Mitä tarkoitatte?");
  }
}

TEST_CASE("a greeting or thanks alone gets no fallback: the customer keeps waiting") {
  Session s(shop(), {});
  s.send(5, "Hei! Kiitos viestistä.");
  CHECK(intent_of_last_reply(s) == "wait");
  s.advance(30);
  CHECK(customer_lines(s).size() == 1);
  CHECK(s.customer().waiting);
  CHECK(s.customer().waited == doctest::Approx(30));  // still the wait that began at the opening line
}

TEST_CASE("several questions in one message are answered in turn") {
  Session s(shop(), {});
  s.send(5, "Mikä on tilausnumeronne? Entä mihin osoitteeseen paketti lähti?");
  s.advance(30);
  const auto lines = customer_lines(s);
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].text == "Se on 4412.");
  CHECK(lines[2].text == "Kotikatu 1.");
  CHECK(s.customer().node == "address");
  // One question answered by one step: the same sentence is not read twice.
  Session one(shop(), {});
  one.send(5, "Mikä on tilausnumeronne ja osoitteenne?");
  one.advance(30);
  CHECK(customer_lines(one).size() == 2);
}

TEST_CASE("misunderstanding: never the same fallback twice in a row, and after three the customer leaves") {
  Session s(shop(), {});
  double at = 5;
  for (const char* reply : {"Banaani.", "Kurkku.", "Tomaatti."}) {
    s.send(at, reply);
    at += 25;
    s.advance(at);
  }
  const auto lines = customer_lines(s);
  REQUIRE(lines.size() >= 3);
  CHECK(lines[1].text != lines[2].text);
  CHECK(s.finished());
  CHECK(s.outcome() == "customer_left");
}

TEST_CASE("built-in behaviour is switched per scenario and per node, lines overridden") {
  Session off(shop(R"("fallback": ["En ymmärrä.", "Mitä tarkoitatte?"],)",
                   R"("fallback": ["En ymmärrä.", "Mitä tarkoitatte?"], "behaviour": {"hold": false},)"),
              {});
  off.send(5, "Hetkinen, tarkistan asian.");
  CHECK(intent_of_last_reply(off) == "fallback");
  Session lines(shop(R"("start": {"say": ["Paketti ei ole tullut."],)",
                     R"("start": {"say": ["Paketti ei ole tullut."], "behaviour": {"bounce": {"say": ["Ei käy."]}},)"),
                {});
  lines.send(5, "Soittakaa asiakaspalveluun.");
  lines.advance(40);
  CHECK(customer_lines(lines).back().text == "Ei käy.");
  const auto bad = load_text(replaced(k_shop, R"("fallback": ["En ymmärrä.", "Mitä tarkoitatte?"],)",
                                      R"("fallback": ["En ymmärrä."], "behaviour": {"hold": {"secs": 3}},)"));
  CHECK_FALSE(bad.scenario);
  CHECK(diag_at(bad, "behaviour.hold.secs").message.find("secs") != std::string::npos);
}

TEST_CASE("unknown concepts and moves are located errors with a hint") {
  const auto load =
      load_text(replaced(k_shop, R"("concepts": ["case.order_number"])", R"("concepts": ["case.order_nmber"])"));
  CHECK_FALSE(load.scenario);
  const auto d = diag_at(load, "nodes.start.expect[0].concepts[0]");
  CHECK(d.message.find("did you mean \"case.order_number\"") != std::string::npos);
  const auto moves = load_text(replaced(k_shop, R"("keywords": ["hyvitys"])", R"("moves": ["bouncing"])"));
  CHECK(diag_at(moves, "nodes.start.expect[1].moves[0]").message.find("is not a move") != std::string::npos);
}

TEST_CASE("intent examples are self-tests: a wrong reading fails with the reply named") {
  auto sc = shop(R"("keywords": ["hyvitys"], "mood": 0.2,)",
                 R"("keywords": ["hyvitys"], "examples": ["Hyvitän summan.", "Banaani."], "mood": 0.2,)");
  const auto results = run_intent_examples(sc);
  REQUIRE(results.size() == 1);
  CHECK_FALSE(results[0].passed);
  REQUIRE(results[0].failures.size() == 1);
  CHECK(results[0].failures[0].find("\"Banaani.\" reads as fallback") != std::string::npos);
}

TEST_CASE("the validator suggests the base form of an inflected keyword") {
  const std::string text = replaced(k_shop, R"("keywords": ["hyvitys"])", R"("keywords": ["hyvityksen"])");
  auto parsed = scoring::parse_json(text, "t.json");
  REQUIRE(parsed.doc);
  const auto load = load_scenario_doc(*parsed.doc);
  REQUIRE(load.scenario);
  const auto lints = lint_scenario(*load.scenario, *parsed.doc);
  bool found = false;
  for (const auto& d : lints)
    found = found || (d.path == "nodes.start.expect[1].keywords[0]" &&
                      d.message.find("write the base form \"hyvitys\"") != std::string::npos);
  CHECK(found);
}
