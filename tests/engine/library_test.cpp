// The bundled scenario library and the trainer's tools around it: every scenario passes the
// loader, the JSON Schema and the lints; its self-tests reach every ending; schema errors are
// located; each lint fires on a small bad example; self-test failures say what went wrong.
//
// [SECTION] library     the bundled scenarios: count, twins, schema, lints, self-tests
// [SECTION] schema      the JSON Schema subset and its located findings
// [SECTION] lint        each lint on a small bad example
// [SECTION] self-tests  failures that explain themselves, determinism
// [SECTION] robustness  mutated scenarios never crash the loader, schema check or lints
#include "engine_test_support.h"
#include "support/grader.h"

#include "simulator/engine/scenario_lint.h"
#include "simulator/engine/scenario_tests.h"
#include "simulator/engine/schema_check.h"
#include "simulator/engine/validation.h"

#include <filesystem>
#include <fstream>
#include <set>

using namespace chatdrill;
using namespace chatdrill::engine;
using namespace chatdrill::engine::test;

namespace {

namespace fs = std::filesystem;

const fs::path k_library = fs::path(CHATDRILL_SOURCE_DIR) / "scenarios";

std::vector<fs::path> bundled_files() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(k_library))
    if (e.path().extension() == ".json") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

scoring::JsonDoc parse_text(const std::string& text, const std::string& file = "t.json") {
  auto parsed = scoring::parse_json(text, file);
  REQUIRE_MESSAGE(parsed.doc, (parsed.error ? parsed.error->to_string() : ""));
  return *parsed.doc;
}

scoring::Diagnostics schema_findings(const std::string& text) {
  return check_schema(parse_text(text), scenario_schema_path());
}

// The one finding whose path is `path` and whose message contains `words`.
scoring::Diagnostic finding(const scoring::Diagnostics& ds, const std::string& path, const std::string& words) {
  for (const auto& d : ds)
    if (d.path == path && contains(d.message, words)) return d;
  FAIL("no finding at " << path << " saying \"" << words << "\"; got:" << all_of(ds));
  return {};
}

fs::path scratch(const std::string& name) {
  const auto dir = fs::path(CHATDRILL_TEST_TMP) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

struct Loaded {
  scoring::JsonDoc doc;
  std::shared_ptr<const Scenario> scenario;
};

Loaded load_file(const fs::path& p) {
  auto parsed = scoring::parse_json_file(p.string());
  REQUIRE(parsed.doc);
  auto load = load_scenario_doc(*parsed.doc);
  REQUIRE_MESSAGE(load.scenario, all_of(load.diagnostics));
  return {*parsed.doc, load.scenario};
}

Loaded load_inline(const std::string& text) {
  const auto doc = parse_text(text);
  auto load = load_scenario_doc(doc);
  REQUIRE_MESSAGE(load.scenario, all_of(load.diagnostics));
  return {doc, load.scenario};
}

}  // namespace

// ---------------------------------------------------------------------------------------
// The bundled library

// ---------------------------------------------------------------------------------------
// [SECTION] library

TEST_CASE("library: twelve scenarios, six situations in Finnish and English, each a twin of the other") {
  const auto files = bundled_files();
  REQUIRE(files.size() >= 12);
  std::set<std::string> ids;
  for (const auto& f : files) ids.insert(f.stem().string());
  for (const char* situation : {"impatient-customer", "silent-customer", "cancel-subscription", "undecided-shopper",
                                "angry-complaint", "bounced-customer"}) {
    CAPTURE(situation);
    CHECK(ids.count(std::string(situation) + "-fi"));
    CHECK(ids.count(std::string(situation) + "-en"));
  }
}

TEST_CASE("library: every bundled scenario loads, matches the schema and lints clean") {
  for (const auto& f : bundled_files()) {
    CAPTURE(f.filename().string());
    auto parsed = scoring::parse_json_file(f.string());
    REQUIRE(parsed.doc);
    const auto load = load_scenario_doc(*parsed.doc);
    CHECK_MESSAGE(load.diagnostics.empty(), all_of(load.diagnostics));
    REQUIRE(load.scenario);
    const auto schema = check_schema(*parsed.doc, scenario_schema_path());
    CHECK_MESSAGE(schema.empty(), all_of(schema));
    const auto lints = lint_scenario(*load.scenario, *parsed.doc);
    CHECK_MESSAGE(lints.empty(), all_of(lints));
    CHECK(parsed.doc->root.value("$schema", "") == "schema/scenario.schema.json");
  }
  for (const auto& check : check_scenarios({k_library.string()})) {  // the same, twins included
    CAPTURE(check.path);
    CHECK_MESSAGE(check.diagnostics.empty(), all_of(check.diagnostics));
    CHECK(check.scenario);
  }
}

TEST_CASE("library: each scenario has difficulty, tags, brief, model replies, slots and at least three endings") {
  for (const auto& f : bundled_files()) {
    CAPTURE(f.filename().string());
    const auto l = load_file(f);
    const Scenario& s = *l.scenario;
    CHECK(l.doc.root.contains("difficulty"));
    CHECK(!s.tags.empty());
    CHECK(s.brief.size() > 80);
    CHECK(!s.model_replies.empty());
    CHECK(!s.rubric.slots.empty());
    int endings = 0;
    for (const auto& [id, node] : s.nodes) endings += node.end.has_value();
    CHECK(endings >= 3);
  }
}

TEST_CASE("library: every self-test passes and together they reach every ending of every scenario") {
  int tests = 0;
  for (const auto& f : bundled_files()) {
    CAPTURE(f.filename().string());
    const auto l = load_file(f);
    std::set<std::string> reached;
    for (const auto& r : run_scenario_tests(l.scenario, test_grader())) {
      ++tests;
      CHECK_MESSAGE(r.passed, describe_test_result(r));
      if (r.passed) reached.insert(r.reached.begin(), r.reached.end());
    }
    for (const auto& entry : l.scenario->nodes)  // no binding: doctest's macro is a lambda for clang
      if (entry.second.end)
        CHECK_MESSAGE(reached.count(entry.first), "no passing test reaches the ending " << entry.first);
  }
  CHECK(tests >= 36);
}

// ---------------------------------------------------------------------------------------
// Schema checking

// ---------------------------------------------------------------------------------------
// [SECTION] schema

TEST_CASE("schema: errors are located at the offending value, unknown members at their key") {
  const std::string text = replaced(
      replaced(replaced(k_base_scenario, R"("title": "T",)", R"("title": "T", "difficulty": 7, "tittle": "x",)"),
               R"("language": "fi")", R"("language": "sv")"),
      R"("say": ["Kiitos."])", R"("say": "Kiitos.")");
  const auto ds = schema_findings(text);
  const auto difficulty = finding(ds, "difficulty", "7 is above the maximum 5");
  CHECK(difficulty.pos.line == pos_of(text, "7").line);
  CHECK(difficulty.pos.col == pos_of(text, "7").col);
  const auto unknown = finding(ds, "tittle", "unknown member \"tittle\" (did you mean \"title\"?)");
  CHECK(unknown.pos.line == pos_of(text, "\"tittle\"").line);
  CHECK(unknown.pos.col == pos_of(text, "\"tittle\"").col);
  const auto lang = finding(ds, "language", "\"sv\" is not one of \"fi\", \"en\"");
  CHECK(lang.pos.col == pos_of(text, "\"sv\"").col);
  const auto say = finding(ds, "nodes.done.say", "must be a list, not a string");
  CHECK(say.pos.line == pos_of(text, "\"Kiitos.\"").line);
  for (const auto& d : ds) CHECK(d.severity == scoring::Severity::error);
  CHECK(contains(difficulty.to_string(), "t.json:" + std::to_string(difficulty.pos.line) + ":"));
}

TEST_CASE("schema: required members, patterns through $ref, and comment keys") {
  const std::string text = replaced(
      replaced(replaced(k_base_scenario, R"("id": "t",)", R"("id": "Bad Id", "_comment": "ok", "$schema": 5,)"),
               R"(, "goto": "done"})", "}"),
      R"("start": "start",)", R"("start": "start", "nodes_": 1,)");
  const auto ds = schema_findings(text);
  finding(ds, "id", "\"Bad Id\" is not allowed here: Scenario id");
  finding(ds, "nodes.start.expect[0]", "missing required member \"goto\": Node the conversation moves to");
  finding(ds, "$schema", "must be a string, not a number");
  finding(ds, "nodes_", "unknown member");
  for (const auto& d : ds) CHECK(d.path != "_comment");
}

TEST_CASE("schema: the generic keywords of the supported 2020-12 subset") {
  const auto dir = scratch("schema-generic");
  write(dir / "s.json", R"({
    "$defs": {"pair": {"type": "array", "minItems": 2, "maxItems": 2,
                       "prefixItems": [{"type": "integer"}, {"type": "string", "minLength": 2}], "items": {"const": 0}},
              "pos": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10}},
    "type": "object",
    "properties": {
      "pair": {"$ref": "#/$defs/pair"},
      "pos": {"$ref": "#/$defs/pos"},
      "either": {"oneOf": [{"type": "string"}, {"type": "number", "minimum": 5}]},
      "some": {"anyOf": [{"type": "null"}, {"type": "boolean"}]},
      "map": {"type": "object", "propertyNames": {"pattern": "^[a-z]+$"}, "additionalProperties": {"type": "integer"}},
      "nullable": {"type": ["object", "null"], "required": ["x"]}
    },
    "patternProperties": {"^x-": {"type": "string"}},
    "additionalProperties": false
  })");
  const std::string schema = (dir / "s.json").string();
  auto check = [&](const std::string& json) { return check_schema(parse_text(json), schema); };
  CHECK(
      check(
          R"({"pair": [1, "ab"], "pos": 5, "either": "s", "some": null, "map": {"a": 1}, "nullable": null, "x-y": "z"})")
          .empty());
  CHECK(check(R"({"nullable": {"x": 1}, "either": 7, "some": true})").empty());
  const auto ds = check(
      R"({"pair": [1.5, "a", 3], "pos": 0, "either": 2, "some": 1, "map": {"B": 1.5}, "nullable": {}, "x-y": 1, "q": 0})");
  finding(ds, "pair", "has 3 items, at most 2 allowed");
  finding(ds, "pair[0]", "must be a whole number, not 1.5");
  finding(ds, "pair[1]", "at least 2 characters");
  finding(ds, "pair[2]", "must be 0");
  finding(ds, "pos", "0 must be more than 0");
  finding(ds, "either", "2 is below the minimum 5");
  finding(ds, "some", "must be null, not a number");
  finding(ds, "map.B", "\"B\" is not an allowed name here");
  finding(ds, "map.B", "must be a whole number");
  finding(ds, "nullable", "missing required member \"x\"");
  finding(ds, "x-y", "must be a string");
  finding(ds, "q", "unknown member \"q\"");
  CHECK(check(R"({"pos": 10})").size() == 1);
}

TEST_CASE("schema: a missing schema file is one warning, not a crash or an error per member") {
  const auto ds =
      check_schema(parse_text(k_base_scenario), (fs::path(CHATDRILL_TEST_TMP) / "no-such-schema.json").string());
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].severity == scoring::Severity::warning);
  CHECK(contains(ds[0].message, "schema:"));
}

TEST_CASE("schema: loader and schema findings at the same path are reported once") {
  const std::string text = replaced(k_base_scenario, R"("title": "T",)", R"("title": "T", "difficulty": 9,)");
  const auto check = check_scenario_text(text, "t.json");
  int at_difficulty = 0;
  for (const auto& d : check.diagnostics) at_difficulty += d.path == "difficulty";
  CHECK(at_difficulty == 1);
}

// ---------------------------------------------------------------------------------------
// Lints

// ---------------------------------------------------------------------------------------
// [SECTION] lint

TEST_CASE("lint: an intent caught first by an earlier one is reported, a stricter earlier one is not") {
  const std::string text = replaced(k_base_scenario, R"([{"intent": "yes", "keywords": ["kyllä"], "goto": "done"}])",
                                    R"([{"intent": "yes", "keywords": ["kyllä"], "prefixes": ["sopi"], "goto": "done"},
      {"intent": "sure", "keywords": ["Kyllä", "sopii"], "phrases": ["kyllä kiitos"], "goto": "done"},
      {"intent": "asked", "question": true, "keywords": ["joo"], "goto": "done"},
      {"intent": "maybe", "keywords": ["joo"], "goto": "done"},
      {"intent": "rest", "any": true, "goto": "done"},
      {"intent": "never", "keywords": ["ei"], "goto": "done"}])");
  const auto l = load_inline(text);
  const auto ds = lint_shadowed_intents(*l.scenario, l.doc);
  const auto sure = finding(ds, "nodes.start.expect[1]", "intent \"sure\" can never match: \"yes\" before it");
  CHECK(sure.severity == scoring::Severity::warning);
  CHECK(sure.pos.line == pos_of(text, "{\"intent\": \"sure\"").line);
  finding(ds, "nodes.start.expect[5]", "intent \"never\" can never match: \"rest\"");
  CHECK(ds.size() == 2);  // "maybe" still matches replies that are not questions
}

TEST_CASE("lint: keywords, prefixes and stems that can never match as written") {
  const std::string text = replaced(
      replaced(
          k_base_scenario, R"("keywords": ["kyllä"])",
          R"("keywords": ["kyllä", "!!", "hyvä päivä", "KIITOS"], "prefixes": ["hdmi-", "tilaus nro"], "stems": ["syy tapa"])"),
      R"("start": "start",)", R"("slots": [{"id": "s", "label": "s", "prefixes": ["42-"]}], "start": "start",)");
  const auto l = load_inline(text);
  const auto ds = lint_dead_words(*l.scenario, l.doc);
  finding(ds, "nodes.start.expect[0].keywords[1]", "no letters or digits");
  // "hyvä päivä" is a phrase in base form (any order in a clause): no finding.
  finding(ds, "nodes.start.expect[0].prefixes[0]", "prefix \"hdmi-\" never matches");
  finding(ds, "nodes.start.expect[0].prefixes[1]", "(try \"tilaus\")");
  finding(ds, "nodes.start.expect[0].stems[0]", "is 2 words");
  finding(ds, "slots[0].prefixes[0]", "never matches");
  CHECK(ds.size() == 5);  // "KIITOS" is case-folded, so it is fine
  const auto prefix = finding(ds, "nodes.start.expect[0].prefixes[0]", "hdmi-");
  CHECK(prefix.pos.col == pos_of(text, "\"hdmi-\"").col);
}

TEST_CASE("lint: endings no test reaches, and a scenario without tests") {
  const std::string three_endings =
      replaced(replaced(k_base_scenario, R"([{"intent": "yes", "keywords": ["kyllä"], "goto": "done"}])",
                        R"([{"intent": "yes", "keywords": ["kyllä"], "goto": "done"},
      {"intent": "no", "keywords": ["ei"], "goto": "lost"}, {"intent": "maybe", "keywords": ["ehkä"], "goto": "later"}])"),
               R"("done": {"say": ["Kiitos."], "end": {"outcome": "resolved"}})",
               R"("done": {"say": ["Kiitos."], "end": {"outcome": "resolved"}},
    "lost": {"say": ["Hei."], "end": {"outcome": "lost"}},
    "later": {"say": ["Palaan."], "end": {"outcome": "lost"}})");
  {
    const auto l = load_inline(three_endings);
    const auto ds = lint_untested_endings(*l.scenario, l.doc);
    REQUIRE(ds.size() == 1);
    CHECK(contains(ds[0].message, "no \"tests\""));
  }
  const std::string with_tests = replaced(three_endings, R"("start": "start",)", R"("tests": [
    {"name": "a", "replies": [{"at": 5, "text": "kyllä"}], "expect": {"outcome": "resolved"}},
    {"name": "b", "replies": [{"at": 5, "text": "ei"}], "expect": {"outcome": "lost"}}],
  "start": "start",)");
  const auto l = load_inline(with_tests);
  const auto ds = lint_untested_endings(*l.scenario, l.doc);
  // "done" is the only ending with outcome resolved; two endings share "lost", so neither counts.
  finding(ds, "nodes.lost", "no test reaches the ending \"lost\"");
  finding(ds, "nodes.later", "no test reaches the ending \"later\"");
  CHECK(ds.size() == 2);
}

TEST_CASE("lint: twins whose node graphs drift apart are named node by node") {
  const auto dir = scratch("twins");
  const std::string fi = replaced(
      replaced(k_base_scenario, R"("id": "t",)", R"("id": "pair-fi", "twin": "pair-en",)"), R"("start": "start",)",
      R"("tests": [{"name": "a", "replies": [{"at": 5, "text": "kyllä"}], "expect": {"reaches": ["done"]}}], "start": "start",)");
  std::string en =
      replaced(replaced(fi, R"("id": "pair-fi", "twin": "pair-en",)", R"("id": "pair-en", "twin": "pair-fi",)"),
               R"("language": "fi")", R"("language": "en")");
  write(dir / "pair-fi.json", fi);
  write(dir / "pair-en.json", en);
  {
    const auto l = load_file(dir / "pair-fi.json"), t = load_file(dir / "pair-en.json");
    CHECK_MESSAGE(lint_twin_drift(*l.scenario, l.doc, t.scenario.get()).empty(),
                  all_of(lint_twin_drift(*l.scenario, l.doc, t.scenario.get())));
  }
  en = replaced(en, R"("goto": "done"}]},)", R"("goto": "extra"}]},
    "extra": {"say": ["Hm."], "expect": [{"intent": "ok", "any": true, "goto": "done"}]},)");
  write(dir / "pair-en.json", en);
  const auto l = load_file(dir / "pair-fi.json"), t = load_file(dir / "pair-en.json");
  const auto ds = lint_twin_drift(*l.scenario, l.doc, t.scenario.get());
  finding(ds, "nodes.start", "twin drift: node \"start\" leads to done here but to extra in \"pair-en\"");
  finding(ds, "nodes", "\"pair-en\" has a node \"extra\" that this file lacks");
  CHECK(ds.size() == 2);
  // The pipeline finds the twin beside the file, whether or not it is checked too.
  for (const auto& paths :
       {std::vector<std::string>{dir.string()}, std::vector<std::string>{(dir / "pair-fi.json").string()}}) {
    const auto checks = check_scenarios(paths);
    REQUIRE(!checks.empty());
    int drift = 0;
    for (const auto& d : checks.back().diagnostics) drift += contains(d.message, "twin drift");
    CHECK(drift == 2);
  }
  fs::remove(dir / "pair-en.json");
  const auto missing = lint_twin_drift(*l.scenario, l.doc, nullptr);
  REQUIRE(missing.size() == 1);
  CHECK(contains(missing[0].message, "is not in this folder"));
  const auto alone = check_scenarios({(dir / "pair-fi.json").string()});
  REQUIRE(alone.size() == 1);
  finding(alone[0].diagnostics, "twin", "is not in this folder");
}

// ---------------------------------------------------------------------------------------
// Self-tests

// ---------------------------------------------------------------------------------------
// [SECTION] self-tests

TEST_CASE("self-tests: a failing expectation says what was expected, what happened, and shows the run") {
  const std::string text = replaced(k_base_scenario, R"("start": "start",)", R"("tests": [
    {"name": "passes", "replies": [{"at": 5, "text": "Kyllä, kiitos!"}], "expect": {"outcome": "resolved", "reaches": ["done"]}},
    {"name": "wrong outcome", "replies": [{"at": 5, "text": "Kyllä"}], "expect": {"outcome": "lost"}},
    {"name": "never answered", "replies": [], "expect": {"outcome": "resolved", "reaches": ["done"]}},
    {"name": "score too low", "replies": [{"at": 5, "text": "Hei Raija, kyllä, kiitos!"}], "expect": {"scores": {"overall": [0, 0.001]}}}],
  "start": "start",)");
  const auto l = load_inline(text);
  const auto results = run_scenario_tests(l.scenario, test_grader());
  REQUIRE(results.size() == 4);
  CHECK(results[0].passed);
  CHECK(describe_test_result(results[0]) == "PASS t/passes");
  CHECK(!results[1].passed);
  CHECK(contains(describe_test_result(results[1]), "FAIL t/wrong outcome: expected outcome lost, got resolved"));
  CHECK(contains(describe_test_result(results[1]), "trainee [start]"));
  CHECK(!results[2].passed);
  CHECK(results[2].outcome == "customer_left");
  CHECK(contains(describe_test_result(results[2]),
                 "expected outcome resolved, got customer_left; expected to reach done, reached start"));
  CHECK(!results[3].passed);
  CHECK(contains(describe_test_result(results[3]), "expected overall score in [0, 0.001], got"));
}

TEST_CASE("self-tests: runs are deterministic and replies after the end are noted") {
  const std::string text = replaced(k_base_scenario, R"("start": "start",)", R"("tests": [
    {"name": "late", "replies": [{"at": 5, "text": "kyllä"}, {"at": 60, "text": "vielä"}], "expect": {"outcome": "lost"}}],
  "start": "start",)");
  const auto l = load_inline(text);
  const auto a = run_scenario_tests(l.scenario, test_grader()), b = run_scenario_tests(l.scenario, test_grader());
  REQUIRE(a.size() == 1);
  CHECK(describe_test_result(a[0]) == describe_test_result(b[0]));
  CHECK(contains(describe_test_result(a[0]), "1 scripted reply came after the session had ended"));
}

// ---------------------------------------------------------------------------------------
// [SECTION] robustness

TEST_CASE(
    "library: 250 mutations of the bundled scenarios are reported and never crash the loader, schema check or lints") {
  // Deterministic mutations: each replaces one value somewhere in a bundled file with a
  // value of another kind. Every mutant must give diagnostics (or load), never throw.
  const std::vector<scoring::Json> values = {
      nullptr, true, -5, 0, 0.5, 99999, "", "Bad Id", scoring::Json::array(), scoring::Json::object()};
  std::uint64_t state = 12345;
  auto next = [&state](std::size_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((state >> 33) % n);
  };
  const auto files = bundled_files();
  int mutants = 0, rejected = 0, linted = 0;
  for (int k = 0; k < 250; ++k) {
    const auto file = files[next(files.size())].string();
    auto parsed = scoring::parse_json_file(file);
    REQUIRE(parsed.doc);
    std::vector<scoring::Json::json_pointer> pointers;
    const auto flat = parsed.doc->root.flatten();
    for (const auto& [key, unused] : flat.items()) pointers.emplace_back(key);
    auto target = pointers[next(pointers.size())];
    for (int up = static_cast<int>(next(3)); up > 0 && !target.empty(); --up) target = target.parent_pointer();
    if (target.empty()) continue;
    parsed.doc->root[target] = values[next(values.size())];
    const auto text = parsed.doc->root.dump(2);
    CAPTURE(text);
    const auto doc = parse_text(text, file);  // its own name, so its twin is found
    ScenarioLoad load;
    REQUIRE_NOTHROW(load = load_scenario_doc(doc));
    scoring::Diagnostics schema;
    REQUIRE_NOTHROW(schema = check_schema(doc, scenario_schema_path()));
    if (load.scenario) {
      REQUIRE_NOTHROW(lint_scenario(*load.scenario, doc));
      ++linted;
    }
    ++mutants;
    rejected += !load.scenario || !schema.empty();
  }
  CHECK(mutants > 180);
  CHECK(rejected > mutants / 2);
  CHECK(linted > 5);  // with examples and careless runs, more mutations land where they break loading
}

TEST_CASE("library: a \"start\" that is not a node name is one finding, not a crash") {
  for (const char* start : {"5", "[1, 2]", "null"}) {
    CAPTURE(start);
    const auto load =
        load_text(replaced(k_base_scenario, R"("start": "start",)", std::string(R"("start": )") + start + ","));
    CHECK(!load.scenario);
    CHECK(contains(diag_at(load, "start").message, "must be"));
  }
}
