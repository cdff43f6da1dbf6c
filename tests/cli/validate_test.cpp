// `chatdrill validate`: exit codes 0 clean / 1 findings / 2 usage, every finding on stderr
// as file:line:col: path: message, one summary line on stdout.
#include "cli_test_support.h"
#include "support/fixture_scenarios.h"

using namespace chatdrill::cli::test;

namespace {

using chatdrill::test::replaced;

// The shared small scenario with id `id` and one scenario test, so `validate` also runs tests.
std::string with_id(const std::string& id) {
  const std::string with_test =
      replaced(chatdrill::test::k_base_scenario, "\n  }\n}",
               "\n  },\n  \"tests\": [{\"name\": \"yes\", \"replies\": [{\"at\": 5, \"text\": \"kyllä\"}], "
               "\"expect\": {\"outcome\": \"resolved\"}}]\n}");
  return replaced(with_test, "\"id\": \"t\"", "\"id\": \"" + id + "\"");
}

}  // namespace

TEST_CASE("validate: usage errors exit 2, --help exits 0") {
  const auto none = run_chatdrill("validate");
  CHECK(none.exit_code == 2);
  CHECK(contains(none.err, "usage: chatdrill validate"));
  const auto flag = run_chatdrill("validate --frobnicate scenarios");
  CHECK(flag.exit_code == 2);
  CHECK(contains(flag.err, "unknown option --frobnicate"));
  const auto help = run_chatdrill("validate --help");
  CHECK(help.exit_code == 0);
  CHECK(contains(help.out, "usage: chatdrill validate"));
}

TEST_CASE("validate: the bundled Finnish scenarios are clean") {
  const auto r = run_chatdrill(
      "validate scenarios/impatient-customer-fi.json scenarios/silent-customer-fi.json "
      "scenarios/cancel-subscription-fi.json");
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "3 files checked: 3 valid, 0 errors, 0 warnings\n");
}

TEST_CASE("validate: findings name file, line, column and path, and exit 1") {
  const auto dir = scratch_dir("validate-bad");
  std::string text = with_id("bad");
  text.replace(text.find("\"goto\": \"done\""), 14, "\"goto\": \"dnoe\"");
  write_file(dir / "bad.json", text);
  const auto r = run_chatdrill("validate " + quoted((dir / "bad.json").string()));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, (dir / "bad.json").string() +
                            ":10:92: nodes.start.expect[0].goto: unknown node \"dnoe\" (did you mean \"done\"?)\n"));
  CHECK(r.out == "1 file checked: 0 valid, 1 error, 0 warnings\n");
}

TEST_CASE("validate: folders are scanned, all findings of all files are printed") {
  const auto dir = scratch_dir("validate-folder");
  write_file(dir / "ok.json", with_id("ok"));
  write_file(dir / "broken.json", "{\"format\": \"chatdrill.scenario/1\",\n  \"id\": 5,}\n");
  std::string typo = with_id("typo");
  typo.replace(typo.find("\"title\""), 7, "\"titel\"");
  write_file(dir / "typo.json", typo);
  const auto r = run_chatdrill("validate " + quoted(dir.string()));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "broken.json:2:11: JSON syntax: trailing comma"));
  CHECK(contains(r.err, "typo.json:4:3: titel: unknown field \"titel\" (did you mean \"title\"?)"));
  CHECK(contains(r.err, "typo.json:1:1: missing \"title\""));
  CHECK(contains(r.out, "3 files checked: 1 valid"));
}

TEST_CASE("validate: warnings alone exit 0 but are printed") {
  const auto dir = scratch_dir("validate-warn");
  std::string text = with_id("warn");
  text.replace(text.find("\"end\": {"), 8, "\"expect\": [], \"end\": {");
  write_file(dir / "warn.json", text);
  const auto r = run_chatdrill("validate " + quoted((dir / "warn.json").string()));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, "nodes.done.expect: warning: an ending node never uses \"expect\""));
  CHECK(r.out == "1 file checked: 1 valid, 0 errors, 1 warning\n");
}

TEST_CASE("validate: missing files and duplicate ids across folders are findings") {
  const auto missing = run_chatdrill("validate /no/such/file.json");
  CHECK(missing.exit_code == 1);
  CHECK(contains(missing.err, "/no/such/file.json"));
  const auto a = scratch_dir("validate-dup/a"), b = scratch_dir("validate-dup/b");
  write_file(a / "same.json", with_id("same"));
  write_file(b / "same.json", with_id("same"));
  const auto dup = run_chatdrill("validate " + quoted(a.string()) + " " + quoted(b.string()));
  CHECK(dup.exit_code == 1);
  CHECK(contains(dup.err, "scenario id \"same\" is also used by"));
}

TEST_CASE("validate: an exercise file gets its schema check, findings located as file:line:col: path: message") {
  const auto dir = scratch_dir("validate-exercise-schema");
  write_file(dir / "ex.json",
             "{\"$schema\": 5, \"format\": \"chatdrill.exercise/1\", \"title\": \"x\",\n"
             " \"scenarios\": [\"impatient-customer-fi\"], \"sede\": 3}\n");
  const std::string file = (dir / "ex.json").string();
  for (const auto& target : {file, dir.string()}) {  // alone or in a folder
    const auto r = run_chatdrill("validate " + quoted(target));
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, file + ":1:13: $schema: must be a string, not a number\n"));
    CHECK(contains(r.err, file + ":2:42: sede: unknown field \"sede\" (did you mean \"seed\"?)\n"));
    CHECK(r.err.find("sede:") == r.err.rfind("sede:"));  // once: the loader's words, not the schema's too
    CHECK(r.out == "1 file checked: 0 valid, 2 errors, 0 warnings\n");
  }
}
