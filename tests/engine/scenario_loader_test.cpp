// The scenario loader and validator: every class of finding a trainer can make, each
// reported at its exact line:col and JSON path, all gathered; valid files load fully.
#include "simulator/engine/scenario_loader.h"

#include <filesystem>
#include <fstream>

#include "engine_test_support.h"

#include "simulator/engine/validation.h"

using namespace chatdrill;
using namespace chatdrill::engine;
using namespace chatdrill::engine::test;

namespace {

// Loads `text`, finds the finding at `path`, checks it points at `needle` and says `words`.
void expect_finding(const std::string& text, const std::string& path, const std::string& needle,
                    const std::string& words, scoring::Severity severity = scoring::Severity::error) {
  const auto load = load_text(text);
  const auto d = diag_at(load, path);
  const auto want = pos_of(text, needle);
  CHECK_MESSAGE(d.pos.line == want.line, d.to_string());
  CHECK_MESSAGE(d.pos.col == want.col, d.to_string());
  CHECK_MESSAGE(contains(d.message, words), d.to_string());
  CHECK(d.severity == severity);
  CHECK(d.file == "t.json");
  if (severity == scoring::Severity::error) CHECK_FALSE(load.scenario);
}

}  // namespace

TEST_CASE("a valid scenario loads with no findings and fills the rubric") {
  const auto load = load_text(k_base_scenario);
  CHECK(load.diagnostics.empty());
  REQUIRE(load.scenario);
  const Scenario& s = *load.scenario;
  CHECK(s.id == "t");
  CHECK(s.nodes.size() == 2);
  CHECK(s.node_order == std::vector<std::string>{"start", "done"});
  CHECK(s.rubric.customer_name == "Raija");
  CHECK(s.node("done")->end->outcome == "resolved");
  CHECK(s.node("done")->end->label == "resolved");  // label defaults to the outcome
  // Finnish default nudges and leave lines when the persona gives none.
  CHECK(s.persona.nudges == std::vector<std::string>{"Haloo?", "Onko siellä ketään?"});
  CHECK_FALSE(s.persona.leave.empty());
}

TEST_CASE("the documented example location: unknown node in a goto, with a suggestion") {
  const std::string text = replaced(k_base_scenario, R"("goto": "done")", R"("goto": "dnoe")");
  expect_finding(text, "nodes.start.expect[0].goto", "\"dnoe\"", "unknown node \"dnoe\" (did you mean \"done\"?)");
  const auto d = diag_at(load_text(text), "nodes.start.expect[0].goto");
  CHECK(d.to_string() == "t.json:10:92: nodes.start.expect[0].goto: unknown node \"dnoe\" (did you mean \"done\"?)");
}

TEST_CASE("JSON syntax errors are located") {
  const std::string text = replaced(k_base_scenario, R"("title": "T",)", R"("title": "T",,)");
  const auto load = load_text(text);
  REQUIRE(load.diagnostics.size() == 1);
  const auto want = pos_of(text, ",,");
  CHECK(load.diagnostics[0].pos.line == want.line);
  CHECK(load.diagnostics[0].pos.col == want.col + 1);
  CHECK(contains(load.diagnostics[0].message, "JSON syntax"));
}

TEST_CASE("wrong types name what was expected") {
  expect_finding(replaced(k_base_scenario, R"("title": "T")", R"("title": 5)"), "title", "5",
                 "must be a string, not a number");
  expect_finding(replaced(k_base_scenario, R"("say": ["Hei."])", R"("say": "Hei.")"), "nodes.start.say", "\"Hei.\"",
                 "must be a list of strings");
  expect_finding(replaced(k_base_scenario, R"("nodes": {)", R"("nodes": [], "x_": {)"), "nodes", "[]",
                 "an object of nodes");
}

TEST_CASE("missing required fields are reported at the object that lacks them") {
  expect_finding(replaced(k_base_scenario, R"("fallback": ["Anteeksi?"],)", ""), "", "{", "missing \"fallback\"");
  expect_finding(replaced(k_base_scenario, R"({"say": ["Kiitos."], )", "{"), "nodes.done", R"({"end")",
                 "missing \"say\"");
  expect_finding(replaced(k_base_scenario, R"(, "goto": "done")", ""), "nodes.start.expect[0]", R"({"intent")",
                 "missing \"goto\"");
}

TEST_CASE("unknown fields are typos, pointed at the key, with a suggestion, $ and _ keys are free") {
  const std::string text =
      replaced(k_base_scenario, R"("archetype": "neutral")", R"("archetype": "neutral", "patiense": 30)");
  expect_finding(text, "persona.patiense", "\"patiense\"", "unknown field \"patiense\" (did you mean \"patience\"?)");
  const std::string free = replaced(k_base_scenario, R"("title": "T",)",
                                    R"("title": "T", "$schema": "schema/scenario.schema.json", "_comment": "x",)");
  CHECK(load_text(free).diagnostics.empty());
}

TEST_CASE("unknown references in start, back, model replies and tests") {
  expect_finding(replaced(k_base_scenario, R"("start": "start")", R"("start": "strat")"), "start", "\"strat\"",
                 "unknown node \"strat\" (did you mean \"start\"?)");
  const std::string text = replaced(k_base_scenario, R"("start": "start",)",
                                    R"("start": "start", "model_replies": [{"node": "nowhere", "text": "Hei"}],)");
  expect_finding(text, "model_replies[0].node", "\"nowhere\"", "unknown node \"nowhere\"");
}

TEST_CASE("unreachable nodes, nodes with no way out, and no reachable ending") {
  const std::string orphan =
      replaced(k_base_scenario, R"("done": {)", R"("orphan": {"say": ["?"], "end": {"outcome": "lost"}},
    "done": {)");
  expect_finding(orphan, "nodes.orphan", "\"orphan\"", "can never be reached from the start node \"start\"");

  const std::string stuck = replaced(k_base_scenario, R"("goto": "done")", R"("goto": "stuck")");
  const std::string stuck2 =
      replaced(stuck, R"("done": {)",
               R"("stuck": {"say": ["Hm."], "expect": [{"intent": "again", "any": true, "goto": "stuck"}]},
    "done": {)");
  // `done` is now unreachable too; the stuck node is reported on its own.
  expect_finding(stuck2, "nodes.stuck", "{\"say\": [\"Hm.\"]", "has no way out");
  expect_finding(stuck2, "start", "\"start\",", "no ending can be reached");
}

TEST_CASE("empty variant lists and empty strings") {
  expect_finding(replaced(k_base_scenario, R"("say": ["Hei."])", R"("say": [])"), "nodes.start.say", "[]",
                 "must not be an empty list");
  expect_finding(replaced(k_base_scenario, R"("say": ["Hei."])", R"("say": ["  "])"), "nodes.start.say[0]", "\"  \"",
                 "must not be an empty string");
  expect_finding(replaced(k_base_scenario, R"(["Anteeksi?"])", "[]"), "fallback", "[]", "must not be an empty list");
}

TEST_CASE("duplicate intent ids within a node, and intents that cannot match") {
  const std::string dup = replaced(k_base_scenario, R"("goto": "done"}])",
                                   R"("goto": "done"}, {"intent": "yes", "keywords": ["joo"], "goto": "done"}])");
  const auto load = load_text(dup);
  const auto d = diag_at(load, "nodes.start.expect[1].intent");
  CHECK(d.pos.line == pos_of(dup, "\"yes\"", 1).line);
  CHECK(d.pos.col == pos_of(dup, "\"yes\"", 1).col);
  CHECK(contains(d.message, "duplicate intent id \"yes\""));
  expect_finding(replaced(k_base_scenario, R"("keywords": ["kyllä"], )", ""), "nodes.start.expect[0]", R"({"intent")",
                 "needs at least one of keywords");
}

TEST_CASE("negative, zero and absurd times") {
  const std::string base =
      replaced(k_base_scenario, R"("start": {"say": ["Hei."],)", R"("start": {"say": ["Hei."], "patience": -5,)");
  expect_finding(base, "nodes.start.patience", "-5", "out of range (10..1800 seconds)");
  expect_finding(
      replaced(k_base_scenario, R"("start": "start",)", R"("start": "start", "scoring": {"reply_target": 5000},)"),
      "scoring.reply_target", "5000", "too long (at most 3600 s)");
  expect_finding(
      replaced(k_base_scenario, R"("start": "start",)", R"("start": "start", "scoring": {"reply_target": -1},)"),
      "scoring.reply_target", "-1", "must be more than 0");
}

TEST_CASE("silence windows must be a from-to pair, with the customer leaving after the window opens") {
  const std::string silent = replaced(k_base_scenario, R"("expect": [{"intent")",
                                      R"("silence": {"window": [100, 50], "back": "done"}, "expect": [{"intent")");
  expect_finding(silent, "nodes.start.silence.window", "[100, 50]", "the end must come after the start");
  const std::string late =
      replaced(k_base_scenario, R"("expect": [{"intent")",
               R"("silence": {"window": [300, 400], "back": "done", "leave_after": 200}, "expect": [{"intent")");
  expect_finding(late, "nodes.start.silence.leave_after", "200", "before the check-in window opens");
  const std::string early =
      replaced(k_base_scenario, R"("expect": [{"intent")",
               R"("silence": {"window": [20, 400], "back": "done", "leave_after": 200}, "expect": [{"intent")");
  expect_finding(early, "nodes.start.silence.leave_after", "200", "before the check-in window closes",
                 scoring::Severity::warning);
  CHECK(load_text(early).scenario);  // a warning does not stop loading
}

TEST_CASE("moods outside -1..1") {
  expect_finding(replaced(k_base_scenario, R"("archetype": "neutral")", R"("archetype": "neutral", "mood": 1.5)"),
                 "persona.mood", "1.5", "out of range (-1..1");
  expect_finding(replaced(k_base_scenario, R"("keywords": ["kyllä"],)", R"("keywords": ["kyllä"], "min_mood": -2,)"),
                 "nodes.start.expect[0].min_mood", "-2", "out of range");
}

TEST_CASE("ids, languages, archetypes and formats") {
  expect_finding(replaced(k_base_scenario, R"("id": "t")", R"("id": "Bad_ID")"), "id", "\"Bad_ID\"", "not a valid id");
  expect_finding(replaced(k_base_scenario, R"("language": "fi")", R"("language": "sv")"), "language", "\"sv\"",
                 "not a supported language (fi, en)");
  expect_finding(replaced(k_base_scenario, R"("archetype": "neutral")", R"("archetype": "impatiant")"),
                 "persona.archetype", "\"impatiant\"", "did you mean \"impatient\"?");
  expect_finding(replaced(k_base_scenario, R"("chatdrill.scenario/1")", R"("chatdrill.scenario/2")"), "format",
                 "\"chatdrill.scenario/2\"", "not a supported format");
  const auto other = load_text(replaced(k_base_scenario, R"("chatdrill.scenario/1")", R"("chatdrill.transcript/1")"));
  REQUIRE(other.diagnostics.size() == 1);  // a different kind of file is one clear finding
  CHECK(contains(other.diagnostics[0].message, "not a scenario file"));
  expect_finding(replaced(k_base_scenario, R"("outcome": "resolved")", R"("outcome": "Resolved!")"),
                 "nodes.done.end.outcome", "\"Resolved!\"", "not a valid outcome");
}

TEST_CASE("nudge fractions must rise and stay below 1") {
  expect_finding(
      replaced(k_base_scenario, R"("archetype": "neutral")", R"("archetype": "neutral", "nudge_at": [0.8, 0.5])"),
      "persona.nudge_at[1]", "0.5", "must go up");
  expect_finding(
      replaced(k_base_scenario, R"("archetype": "neutral")", R"("archetype": "neutral", "nudge_at": [0.5, 1])"),
      "persona.nudge_at[1]", "1]", "below 1");
}

TEST_CASE("all findings are gathered, in file order") {
  std::string text = replaced(k_base_scenario, R"("title": "T")", R"("title": 5)");
  text = replaced(text, R"("language": "fi")", R"("language": "xx")");
  text = replaced(text, R"("goto": "done")", R"("goto": "dnoe")");
  const auto load = load_text(text);
  REQUIRE(load.diagnostics.size() == 3);
  CHECK(load.diagnostics[0].path == "title");
  CHECK(load.diagnostics[1].path == "language");
  CHECK(load.diagnostics[2].path == "nodes.start.expect[0].goto");
}

TEST_CASE("self-tests are read and checked") {
  const std::string text = replaced(k_base_scenario, R"("start": "start",)", R"("start": "start",
  "tests": [{"name": "ok", "seed": 3, "replies": [{"at": 5, "text": "kyllä"}, {"at": 2, "text": "x"}],
             "expect": {"outcome": "resolved", "reaches": ["dne"]}}],)");
  const auto load = load_text(text);
  CHECK(contains(diag_at(load, "tests[0].replies[1].at").message, "earlier than the reply before it"));
  CHECK(contains(diag_at(load, "tests[0].expect.reaches[0]").message, "did you mean \"done\""));
  const auto good = must_load(replaced(k_base_scenario, R"("start": "start",)", R"("start": "start",
  "tests": [{"name": "ok", "seed": 3, "replies": [{"at": 5, "text": "kyllä"}], "expect": {"outcome": "resolved", "scores": {"overall": [10, 90]}}}],)"));
  REQUIRE(good->tests.size() == 1);
  CHECK(good->tests[0].seed == 3);
  CHECK(good->tests[0].replies[0].text == "kyllä");
  CHECK(good->tests[0].scores.at("overall") == std::pair(10.0, 90.0));
}

TEST_CASE("files: id must match the file name, missing files and folders are findings") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(CHATDRILL_TEST_TMP) / "loader";
  fs::remove_all(dir);
  fs::create_directories(dir / "schema");
  std::ofstream(dir / "t.json") << k_base_scenario;
  std::ofstream(dir / "other.json") << k_base_scenario;
  std::ofstream(dir / "notes.txt") << "not a scenario";
  std::ofstream(dir / "schema" / "x.json") << "{";
  const auto entries = check_scenarios({dir.string(), (dir / "missing.json").string()});
  REQUIRE(entries.size() == 3);  // sorted, *.json only, schema/ skipped
  CHECK(fs::path(entries[0].path).filename() == "missing.json");
  CHECK(contains(entries[0].diagnostics.at(0).to_string(), "missing.json"));
  CHECK(fs::path(entries[1].path).filename() == "other.json");
  CHECK(contains(diag_at(ScenarioLoad{nullptr, entries[1].diagnostics}, "id").message,
                 "does not match the file name \"other.json\""));
  CHECK(fs::path(entries[2].path).filename() == "t.json");
  CHECK(entries[2].scenario);
}

TEST_CASE("the bundled Finnish scenarios are valid and clean") {
  for (const char* id : {"impatient-customer-fi", "silent-customer-fi", "cancel-subscription-fi"}) {
    CAPTURE(id);
    const auto path = find_bundled_scenario(id);
    REQUIRE(path);
    const auto load = load_scenario(*path);
    for (const auto& d : load.diagnostics) MESSAGE(d.to_string());
    CHECK(load.diagnostics.empty());
    REQUIRE(load.scenario);
    CHECK(load.scenario->language == "fi");
    int endings = 0;
    for (const auto& [nid, node] : load.scenario->nodes) endings += node.end.has_value();
    CHECK(endings >= 3);
    CHECK_FALSE(load.scenario->tests.empty());
  }
  CHECK_FALSE(find_bundled_scenario("no-such-scenario"));
  CHECK_FALSE(find_bundled_scenario("../etc/passwd"));
}
