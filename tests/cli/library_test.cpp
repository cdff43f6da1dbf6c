// `chatdrill validate` over the bundled library as a trainer runs it: the whole folder is
// clean, --run-tests passes every self-test, schema errors and lints come out located on
// stderr, and a failing self-test fails the command like a test runner would.
#include "cli_test_support.h"

#include <regex>

using namespace chatdrill::cli::test;

namespace {

// A valid scenario with one self-test; tests break parts of it.
const std::string k_small = R"({
  "$schema": "schema/scenario.schema.json",
  "format": "chatdrill.scenario/1",
  "id": "small",
  "title": "Small",
  "language": "en",
  "persona": {"name": "Sam Carter", "archetype": "neutral"},
  "fallback": ["Sorry?"],
  "start": "start",
  "nodes": {
    "start": {"say": ["Hi."], "expect": [{"intent": "yes", "keywords": ["yes"], "goto": "done"}]},
    "done": {"say": ["Thanks."], "end": {"outcome": "resolved"}}
  },
  "tests": [{"name": "yes resolves", "replies": [{"at": 5, "text": "Yes, of course."}], "expect": {"outcome": "resolved"}}]
})";

std::string with(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "test text lacks: " << from);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("library: `validate --library scenarios/` is clean: every self-test passes, every file meets the standard") {
  const auto r = run_chatdrill("validate --library scenarios/");
  CHECK(r.exit_code == 0);
  CHECK_MESSAGE(r.err.empty(), r.err);
  // Fourteen situations, each in Finnish and English.
  CHECK(contains(r.out, "28 files checked: 28 valid, 0 errors, 0 warnings\n"));
  CHECK(!contains(r.out, "FAIL "));
  CHECK(contains(r.out, "\nlibrary standard: 0 findings\n"));
  std::smatch m;
  const std::regex summary("\n(\\d+) passed, 0 failed\n");
  REQUIRE(std::regex_search(r.out, m, summary));
  CHECK(std::stoi(m[1]) >= 28 * 8);
  for (const char* situation :
       {"impatient-customer", "silent-customer", "cancel-subscription", "undecided-shopper", "angry-complaint",
        "bounced-customer", "confident-wrong", "refund-outside-policy", "two-issues", "card-number", "review-threat",
        "handover", "proactive-greeting", "business-order"})
    for (const char* lang : {"-fi/", "-en/"}) CHECK(contains(r.out, std::string("PASS ") + situation + lang));
}

TEST_CASE("library: schema errors are printed as file:line:col: path: message and exit 1") {
  const auto dir = scratch_dir("library-schema");
  const std::string text = with(with(k_small, R"("$schema": "schema/scenario.schema.json")", R"("$schema": 5)"),
                                R"("say": ["Thanks."])", R"("say": ["   "])");
  write_file(dir / "small.json", text);
  const auto r = run_chatdrill("validate " + quoted((dir / "small.json").string()));
  CHECK(r.exit_code == 1);
  const std::string file = (dir / "small.json").string();
  CHECK(contains(r.err, file + ":2:14: $schema: must be a string, not a number\n"));
  CHECK(contains(r.err, file + ":12:22: nodes.done.say[0]: "));  // the loader's message; the schema's is not repeated
  CHECK(contains(r.out, "1 file checked: 0 valid, 2 errors"));
}

TEST_CASE("library: lints are warnings on stderr and do not fail validation") {
  const auto dir = scratch_dir("library-lint");
  std::string text = with(
      k_small, R"([{"intent": "yes", "keywords": ["yes"], "goto": "done"}])",
      R"([{"intent": "yes", "keywords": ["yes"], "goto": "done"}, {"intent": "sure", "keywords": ["Yes"], "goto": "done"},)"
      R"( {"intent": "odd", "keywords": ["e-mail"], "prefixes": ["re-"], "goto": "done"}])");
  write_file(dir / "small.json", text);
  const auto r = run_chatdrill("validate " + quoted((dir / "small.json").string()));
  const std::string file = (dir / "small.json").string();
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, file + ":11:98: nodes.start.expect[1]: warning: intent \"sure\" can never match: \"yes\""));
  // A keyword of several words is a phrase (any order within a clause): no warning.
  CHECK_FALSE(contains(r.err, "nodes.start.expect[2].keywords[0]"));
  CHECK(contains(r.err, "nodes.start.expect[2].prefixes[0]: warning: prefix \"re-\" never matches"));
  CHECK(contains(r.out, "1 file checked: 1 valid, 0 errors, 2 warnings"));
}

TEST_CASE("library: a failing self-test prints FAIL with the reason and the run, and exits 1") {
  const auto dir = scratch_dir("library-selftest");
  write_file(dir / "small.json", with(k_small, R"("expect": {"outcome": "resolved"}})",
                                      R"("expect": {"outcome": "lost", "reaches": ["done"]}})"));
  const auto r = run_chatdrill("validate --run-tests " + quoted(dir.string()));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "FAIL small/yes resolves: expected outcome lost, got resolved\n"));
  CHECK(contains(r.out, "trainee [start]   Yes, of course."));
  CHECK(contains(r.out, "\n0 passed, 1 failed\n"));
  const auto plain = run_chatdrill("validate " + quoted(dir.string()));
  CHECK(plain.exit_code == 0);  // without --run-tests the tests are not played
  CHECK(!contains(plain.out, "FAIL"));
}

TEST_CASE("library: the guide's tutorial scenario and its first step validate as the guide says") {
  const auto finished = run_chatdrill("validate --run-tests docs/examples/shoe-exchange-en.json");
  CHECK(finished.exit_code == 0);
  CHECK(finished.err.empty());
  CHECK(contains(finished.out, "1 file checked: 1 valid, 0 errors, 0 warnings\n"));
  CHECK(contains(finished.out, "4 passed, 0 failed\n"));
  // Step 1 of docs/writing-scenarios.md is the first ```json block: valid, one warning (no tests).
  const std::string guide = slurp(std::filesystem::path(CHATDRILL_SOURCE_DIR) / "docs" / "writing-scenarios.md");
  const auto begin = guide.find("```json\n");
  REQUIRE(begin != std::string::npos);
  const auto end = guide.find("```", begin + 8);
  REQUIRE(end != std::string::npos);
  const auto dir = scratch_dir("library-guide");
  write_file(dir / "shoe-exchange-en.json", guide.substr(begin + 8, end - begin - 8));
  const auto step1 = run_chatdrill("validate " + quoted((dir / "shoe-exchange-en.json").string()));
  CHECK(step1.exit_code == 0);
  CHECK(step1.out == "1 file checked: 1 valid, 0 errors, 1 warning\n");
  CHECK(contains(step1.err, "warning: no \"tests\""));
}

TEST_CASE("library: --library holds a scenario to the library standard, each finding located") {
  // The guide's small tutorial scenario passes its tests but is no library scenario.
  const auto r = run_chatdrill("validate --library docs/examples/shoe-exchange-en.json");
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "4 passed, 0 failed\n"));
  const std::regex located("docs/examples/shoe-exchange-en\\.json:\\d+:\\d+: [^\n]*library standard: ");
  CHECK(std::regex_search(r.err, located));
  CHECK(contains(r.err, "library standard: say which dimensions the scenario trains in \"skills\""));
  CHECK(contains(r.err, "customer turns before the ending; the best path needs at least 6"));
  CHECK(contains(r.out, "library standard: "));
  // Without --library the same file is clean.
  CHECK(run_chatdrill("validate --run-tests docs/examples/shoe-exchange-en.json").exit_code == 0);
}
