// Case data (`case`: the facts of the case panel, referred to as {case.section.field}),
// trained `skills` and the weights they give, a persona that never repeats a line word
// for word, and the library standard a bundled scenario's self-tests must meet.
#include <fmt/format.h>

#include <set>

#include "engine_test_support.h"
#include "simulator/engine/library_standard.h"
#include "simulator/engine/session.h"
#include "support/grader.h"

using namespace chatdrill;
using namespace chatdrill::engine;
using namespace chatdrill::engine::test;

namespace {

const std::string k_case = R"({
  "format": "chatdrill.scenario/1", "id": "t", "title": "T", "language": "fi",
  "case": [
    {"id": "customer", "title": "Asiakas", "fields": [{"id": "name", "label": "Nimi", "value": "Pirjo Heikkinen"}]},
    {"id": "order", "title": "Tilaus", "fields": [
      {"id": "number", "label": "Tilausnumero", "value": "48213"},
      {"id": "due", "label": "Toimitus", "value": "ti 24.11."}]}
  ],
  "persona": {"name": "Pirjo Heikkinen", "archetype": "neutral"},
  "fallback": ["Anteeksi?"],
  "start": "start",
  "nodes": {
    "start": {"say": ["Tilaus {case.order.number} ei ole tullut."],
              "expect": [{"intent": "yes", "keywords": ["tarkistaa"], "goto": "done",
                          "examples": ["Tarkistan tilauksen {case.order.number} heti."]}]},
    "done": {"say": ["Kiitos."], "end": {"outcome": "resolved"}}
  },
  "model_replies": [{"node": "start", "text": "Tarkistan tilauksen {case.order.number}, jonka piti tulla {case.order.due}."}]
})";

}  // namespace

TEST_CASE("case data: sections and fields load in file order, references become the facts") {
  const auto s = must_load(k_case);
  REQUIRE(s->case_data.size() == 2);
  CHECK(s->case_data[0].id == "customer");
  CHECK(s->case_data[1].title == "Tilaus");
  REQUIRE(s->case_data[1].fields.size() == 2);
  CHECK(s->case_data[1].fields[1].label == "Toimitus");
  CHECK(s->nodes.at("start").say[0] == "Tilaus 48213 ei ole tullut.");
  CHECK(s->nodes.at("start").expect[0].examples[0] == "Tarkistan tilauksen 48213 heti.");
  CHECK(s->model_replies[0].text == "Tarkistan tilauksen 48213, jonka piti tulla ti 24.11..");
  // The facts a customer line names are words the writing grader accepts.
  CHECK(std::find(s->rubric.vocabulary.begin(), s->rubric.vocabulary.end(), "48213") != s->rubric.vocabulary.end());
}

TEST_CASE("case data: an unknown reference is an error where it is written, with a suggestion") {
  const std::string text = replaced(k_case, "Tilaus {case.order.number} ei", "Tilaus {case.order.numbr} ei");
  const auto load = load_text(text);
  CHECK_FALSE(load.scenario);
  const auto d = diag_at(load, "nodes.start.say[0]");
  CHECK(contains(d.message, "unknown case reference \"{case.order.numbr}\""));
  CHECK(contains(d.message, "did you mean \"order.number\""));
  CHECK(d.pos.line == pos_of(text, "\"Tilaus {case.order.numbr}").line);
  CHECK(d.pos.col == pos_of(text, "\"Tilaus {case.order.numbr}").col);
}

TEST_CASE("case data: bad sections and fields are located errors") {
  CHECK(contains(diag_at(load_text(replaced(k_case, R"("id": "order")", R"("id": "Order!")")), "case[1].id").message,
                 "not a valid section id"));
  CHECK(contains(diag_at(load_text(replaced(k_case, R"("id": "order")", R"("id": "customer")")), "case[1].id").message,
                 "appears twice"));
  CHECK(contains(
      diag_at(load_text(replaced(k_case, R"("id": "due")", R"("id": "number")")), "case[1].fields[1].id").message,
      "appears twice in section \"order\""));
  CHECK(count_at(load_text(replaced(k_case, R"("value": "48213")", R"("valu": "48213")")).diagnostics,
                 "case[1].fields[0].valu") == 1);
  CHECK_FALSE(load_text(replaced(k_case, R"("value": "48213")", R"("value": "{case.customer.name}")")).scenario);
  CHECK(count_at(load_text(replaced(k_case, R"("case": [)", R"("case": 3, "_x": [)")).diagnostics, "case") == 1);
}

TEST_CASE("skills: trained dimensions weigh 2 unless the file gives weights; unknown skills are errors") {
  const auto trained =
      must_load(replaced(k_case, R"("case": [)", R"("skills": ["politeness", "resolution"], "case": [)"));
  CHECK(trained->skills == std::vector<std::string>{"politeness", "resolution"});
  CHECK(trained->rubric.weights == scoring::Weights{1, 2, 1, 1, 2, 1});
  const auto given = must_load(
      replaced(k_case, R"("case": [)", R"("skills": ["politeness"], "scoring": {"weights": {"speed": 3}}, "case": [)"));
  CHECK(given->rubric.weights == scoring::Weights{3, 1, 1, 1, 1, 1});
  const auto load = load_text(replaced(k_case, R"("case": [)", R"("skills": ["politenes"], "case": [)"));
  CHECK(contains(diag_at(load, "skills[0]").message, "did you mean \"politeness\""));
}

TEST_CASE("a persona never repeats a line word for word: unused variants first, then a marked repeat") {
  // The customer comes back to the same node again and again.
  const auto s = must_load(R"({
    "format": "chatdrill.scenario/1", "id": "t", "title": "T", "language": "fi",
    "persona": {"name": "Testi Asiakas", "archetype": "neutral", "typing_cps": 30},
    "fallback": ["En ymmärrä.", "Mitä tarkoitatte?"],
    "start": "start",
    "nodes": {
      "start": {"say": ["Missä paketti on?", "Paketti ei ole tullut."],
                "expect": [{"intent": "again", "keywords": ["uudestaan"], "goto": "start"},
                           {"intent": "done", "keywords": ["valmis"], "goto": "done"}]},
      "done": {"say": ["Kiitos."], "end": {"outcome": "resolved"}}
    }
  })");
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    SessionOptions options;
    options.seed = seed;
    Session session(s, options);
    double t = 10;
    for (int i = 0; i < 3; ++i, t += 20) session.send(t, "Kerro uudestaan.");
    session.send(t, "Hmm, asdf.");
    session.send(t + 20, "Qwerty zxcv.");
    session.send(t + 40, "Blah blah.");
    session.advance(t + 100);
    std::set<std::string> lines;
    std::vector<std::string> said;
    for (const auto& m : session.transcript().messages)
      if (m.is_customer_message()) said.push_back(m.text);
    std::string run;
    for (const auto& m : session.transcript().messages) run += "\n  " + m.from + " " + m.kind + ": " + m.text;
    INFO(run);
    for (const auto& line : said)
      CHECK_MESSAGE(lines.insert(line).second, "repeated: " << line << " (seed " << seed << ")");
    // Both variants came first, then the repeats are marked.
    REQUIRE(said.size() >= 6);
    CHECK(std::set<std::string>{said[0], said[1]} ==
          std::set<std::string>{"Missä paketti on?", "Paketti ei ole tullut."});
    CHECK(said[2].rfind("Kuten sanoin: ", 0) == 0);
    CHECK(said[3].rfind("Sanoin jo: ", 0) == 0);
  }
}

namespace {

// A scenario with `tests` (a JSON list) and a best path of `turns` customer turns.
std::string standard_scenario(int turns, const std::string& tests, bool two_variants = true) {
  std::string nodes;
  for (int i = 0; i < turns; ++i)
    nodes += fmt::format(
        R"("n{0}": {{"say": ["Kysymys {0}?"{1}], "expect": [{{"intent": "ok", "keywords": ["vastaus"], "goto": "{2}"}},
           {{"intent": "bad", "keywords": ["sähköposti"], "mood": -0.2, "goto": "n{0}"}},
           {{"intent": "quit", "keywords": ["lopettaa"], "goto": "gone"}}]}},)",
        i, two_variants ? fmt::format(R"(, "Entä {}?")", i) : "", i + 1 == turns ? "done" : fmt::format("n{}", i + 1));
  std::string models;
  for (int i = 0; i < turns; ++i)
    models += fmt::format(R"({}{{"node": "n{}", "text": "Tässä vastaus."}})", i ? "," : "", i);
  return fmt::format(R"({{
    "format": "chatdrill.scenario/1", "id": "t", "title": "T", "language": "fi", "skills": ["resolution"],
    "persona": {{"name": "Testi Asiakas", "archetype": "neutral", "typing_cps": 30, "patience": 300}},
    "fallback": ["En ymmärrä.", "Mitä?"],
    "start": "n0",
    "nodes": {{ {}
      "done": {{"say": ["Kiitos.", "Kiitos paljon."], "end": {{"outcome": "resolved", "rating": 100}}}},
      "gone": {{"say": ["Hei."], "end": {{"outcome": "lost", "rating": 10}}}}
    }},
    "model_replies": [{}],
    "tests": {}
  }})",
                     nodes, models, tests);
}

std::string replies(int answers, const std::string& first = "") {
  std::string out = "[";
  double at = 10;
  if (!first.empty()) out += fmt::format(R"({{"at": {}, "text": "{}"}},)", at, first), at += 20;
  for (int i = 0; i < answers; ++i, at += 20)
    out += fmt::format(R"({}{{"at": {}, "text": "Tässä vastaus."}})", i ? "," : "", at);
  return out + "]";
}

scoring::Diagnostics standard_of(const std::string& text) {
  const auto s = must_load(text);
  return check_library_standard(*s, run_scenario_tests(s, test_grader()), nullptr);
}

std::string messages(const scoring::Diagnostics& ds) {
  std::string out;
  for (const auto& d : ds) out += d.path + ": " + d.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("library standard: a scenario whose tests prove skilled and careless runs apart meets it") {
  const std::string tests = fmt::format(
      R"([{{"name": "a", "replies": {0}, "expect": {{"outcome": "resolved", "scores": {{"overall": [0, 100]}}}}}},
          {{"name": "b", "replies": {0}, "expect": {{"outcome": "resolved", "scores": {{"overall": [0, 100]}}}}}},
          {{"name": "c", "replies": {1}, "expect": {{"outcome": "resolved", "scores": {{"overall": [0, 100]}}}}}},
          {{"name": "d", "replies": [], "expect": {{"not_outcome": ["resolved"], "scores": {{"overall": [0, 0]}}}}}},
          {{"name": "e", "replies": [], "expect": {{"not_outcome": "resolved", "scores": {{"overall": [0, 0]}}}}}}])",
      replies(6), replies(6, "Lähettäkää sähköposti."));
  // Ranges overlap (a careless run may get 0, a skilled one 0): the standard says so.
  auto found = standard_of(standard_scenario(6, tests));
  CHECK(contains(messages(found), "do not separate"));
  CHECK(contains(messages(found), "no self-test reaches this ending"));  // "gone" is never reached
  // Fix the ranges: only the unreached ending is left.
  std::string fixed = tests;
  for (int i = 0; i < 3; ++i) fixed = replaced(fixed, R"("overall": [0, 100])", R"("overall": [1, 100])");
  found = standard_of(standard_scenario(6, fixed));
  REQUIRE(found.size() == 1);
  CHECK(found[0].path == "nodes.gone");
}

TEST_CASE("library standard: too short, too few runs, single variants, no recovery and no model reply are named") {
  const std::string tests = fmt::format(
      R"([{{"name": "a", "replies": {0}, "expect": {{"outcome": "resolved"}}}},
          {{"name": "b", "replies": {0}, "expect": {{"outcome": "lost"}}}}])",
      replies(4));
  std::string text = standard_scenario(4, tests, false);
  text = replaced(text, R"({"node": "n3", "text": "Tässä vastaus."})", R"({"node": "n2", "text": "Toinen."})");
  text = replaced(text, R"("outcome": "lost", "rating": 10)", R"("outcome": "lost")");
  text = replaced(text, R"("skills": ["resolution"],)", "");
  const auto found = messages(standard_of(text));
  CHECK(contains(found, ": say which dimensions the scenario trains"));
  CHECK(contains(found, "nodes.gone.end: library standard: give the ending a \"rating\""));
  CHECK(contains(found, "tests[0].expect: library standard: a skilled run needs an \"overall\" score range"));
  CHECK(contains(found, "tests[0]: library standard: this skilled run has 4 customer turns before the ending"));
  CHECK(contains(found, "1 skilled run reaches the best ending \"resolved\""));
  CHECK(contains(found, "0 careless runs"));
  CHECK(contains(found, "no run recovers from a mistake"));
  CHECK(contains(found, "no run sends no reply at all"));
  CHECK(contains(found, "nodes.n1.say: library standard: a node on the best path needs at least two variant lines"));
  CHECK(contains(found, "nodes.n3: library standard: a node on the best path needs a model reply"));
  CHECK_FALSE(contains(found, "nodes.done.say"));  // the ending has two variants
}

TEST_CASE("a line with a blank line in it comes as messages in a row, each typed after the one before") {
  const auto s = must_load(R"({
    "format": "chatdrill.scenario/1", "id": "t", "title": "T", "language": "fi",
    "persona": {"name": "Testi Asiakas", "archetype": "neutral", "typing_cps": 10},
    "fallback": ["Anteeksi?"],
    "start": "start",
    "nodes": {
      "start": {"say": ["Hei.\n\nLasku tuli kahteen kertaan."],
                "expect": [{"intent": "ok", "keywords": ["tarkistaa"], "goto": "done"}]},
      "done": {"say": ["Kiitos!\n\nHyvää päivänjatkoa."], "end": {"outcome": "resolved"}}
    }
  })");
  Session session(s, {});
  session.advance(60);
  std::vector<scoring::Message> lines;
  for (const auto& m : session.transcript().messages)
    if (m.is_customer_message()) lines.push_back(m);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].text == "Hei.");
  CHECK(lines[0].at == 0);
  CHECK(lines[1].text == "Lasku tuli kahteen kertaan.");
  CHECK(lines[1].at == doctest::Approx(2.7));  // its 27 characters at 10 per second
  session.send(70, "Tarkistan laskun heti.");
  session.advance(200);
  REQUIRE(session.finished());
  CHECK(session.outcome() == "resolved");
  const auto& m = session.transcript().messages;
  REQUIRE(m.size() >= 3);
  CHECK(m[m.size() - 3].text == "Kiitos!");
  CHECK(m[m.size() - 2].text == "Hyvää päivänjatkoa.");
  CHECK(m.back().kind == "ended");
  CHECK(m.back().at == m[m.size() - 2].at);  // the session ends with the last of them
}
