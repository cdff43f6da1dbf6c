// Exercise files: what a trainer gets told about mistakes (with line and column), how scenario
// references resolve, and that the shuffled order is the same everywhere for a seed.
#include "simulator/classroom/exercise.h"

#include <algorithm>
#include <map>
#include <set>

#include "helpers.h"

using namespace chatdrill;
using namespace classroom_test;

namespace {

// "line:col" of the first occurrence of `needle` in `text` (1-based, bytes = code points here).
std::string line_col_of(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  REQUIRE(at != std::string::npos);
  int line = 1, col = 1;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') ++line, col = 1;
    else ++col;
  }
  return fmt::format("{}:{}", line, col);
}

std::string all_messages(const scoring::Diagnostics& ds) {
  std::string out;
  for (const auto& d : ds) out += d.to_string() + "\n";
  return out;
}

std::string data(const std::string& name) { return (fs::path(CHATDRILL_TEST_DATA) / "data" / name).string(); }

classroom::ExerciseLoad load_text(const std::string& dir, const std::string& text) {
  const std::string path = (fs::path(dir) / "exercise.json").string();
  write_text(path, text);
  return classroom::load_exercise(path);
}

}  // namespace

TEST_CASE("an exercise's mistakes are reported with file, line, column and path, all at once") {
  const std::string dir = scratch("exercise-errors");
  const std::string text = R"({
  "format": "chatdrill.exercise/1",
  "title": "Virheellinen",
  "scenarios": ["bounced-customer-fi", "no-such-scenario", "missing/file.json"],
  "time_limt": 60,
  "time_limit": 5,
  "total_time_limit": 1e9,
  "feedback": "sometimes",
  "order": 3,
  "start_at": "tomorrow at nine",
  "weights": {"speed": -1, "politenes": 2}
}
)";
  const auto load = load_text(dir, text);
  CHECK_FALSE(load.exercise);
  const std::string file = (fs::path(dir) / "exercise.json").string();
  const std::string msgs = all_messages(load.diagnostics);
  INFO(msgs);
  auto has = [&](const std::string& needle, const std::string& path, const std::string& words) {
    const std::string prefix = fmt::format("{}:{}: {}: ", file, line_col_of(text, needle), path);
    bool found = false;
    for (const auto& d : load.diagnostics)
      if (d.to_string().rfind(prefix, 0) == 0 && d.message.find(words) != std::string::npos) found = true;
    const std::string wanted = prefix + "..." + words;
    CHECK_MESSAGE(found, wanted);
  };
  has("\"no-such-scenario\"", "scenarios[1]", "unknown scenario id \"no-such-scenario\"");
  has("\"missing/file.json\"", "scenarios[2]", "not found");
  has("\"time_limt\"", "time_limt", "did you mean \"time_limit\"");
  has("5,", "time_limit", "not a sensible time limit");
  has("1e9", "total_time_limit", "not a sensible time limit");
  has("\"sometimes\"", "feedback", "\"sometimes\" is not");
  has("3,", "order", "must be a string");
  has("\"tomorrow at nine\"", "start_at", "ISO 8601");
  has("-1", "weights.speed", "not a weight");
  has("\"politenes\"", "weights.politenes", "did you mean \"politeness\"");
}

TEST_CASE("broken JSON and a missing file are diagnostics, not crashes") {
  const std::string dir = scratch("exercise-broken");
  auto load =
      load_text(dir, "{\n  \"format\": \"chatdrill.exercise/1\",\n  \"title\": \"x\"\n  \"scenarios\": []\n}\n");
  REQUIRE(load.diagnostics.size() == 1);
  CHECK(load.diagnostics[0].pos.line == 4);
  CHECK_FALSE(load.exercise);
  auto missing = classroom::load_exercise((fs::path(dir) / "nope.json").string());
  REQUIRE(missing.diagnostics.size() == 1);
  CHECK(missing.diagnostics[0].to_string().find("nope.json") != std::string::npos);
  auto wrong_root = load_text(dir, "[1, 2]");
  REQUIRE_FALSE(wrong_root.diagnostics.empty());
  CHECK(wrong_root.diagnostics[0].message.find("must be an object") != std::string::npos);
  auto other_format = load_text(dir, R"({"format": "chatdrill.scenario/1", "title": "x", "scenarios": ["gift"]})");
  CHECK(all_messages(other_format.diagnostics).find("is not \"chatdrill.exercise/1\"") != std::string::npos);
}

TEST_CASE("a valid exercise resolves bundled ids and relative paths, and keeps its settings") {
  const std::string dir = scratch("exercise-valid");
  fs::create_directories(fs::path(dir) / "mine");
  fs::copy_file(data("gift-card-fi.json"), fs::path(dir) / "mine" / "gift-card-fi.json");
  const auto load = load_text(dir, R"({
  "$schema": "../schema/exercise.schema.json",
  "format": "chatdrill.exercise/1",
  "title": "Perusteet",
  "instructions": "Palvele asiakkaita.",
  "scenarios": ["bounced-customer-fi", {"scenario": "mine/gift-card-fi.json", "time_limit": 120}],
  "order": "shuffled", "seed": 7, "time_limit": 300, "total_time_limit": 900,
  "start_at": "2026-12-01T11:00:00+02:00", "feedback": "never",
  "weights": {"clarifying": 2}, "results": "out/class-a", "_comment": "ok"
})");
  INFO(all_messages(load.diagnostics));
  REQUIRE(load.exercise);
  const auto& ex = *load.exercise;
  CHECK(ex.id == "exercise");  // the file name stem when no id is given
  CHECK(ex.scenarios.size() == 2);
  CHECK(fs::equivalent(ex.scenarios[1].path, fs::path(dir) / "mine" / "gift-card-fi.json"));
  CHECK(fs::path(ex.scenarios[0].path).filename() == "bounced-customer-fi.json");
  CHECK(ex.limit_for(0) == 300);
  CHECK(ex.limit_for(1) == 120);
  CHECK(ex.total_time_limit == 900);
  CHECK(ex.start_at_unix == scoring::parse_utc_timestamp("2026-12-01T09:00:00Z"));
  CHECK(ex.feedback == classroom::FeedbackPolicy::never);
  REQUIRE(ex.weights);
  CHECK((*ex.weights)[2] == 2);
  CHECK((*ex.weights)[0] == 1);
  CHECK(fs::path(ex.results_dir) == (fs::path(dir) / "out/class-a").lexically_normal());
  CHECK(ex.order_seed == 7);
  const auto scenarios = classroom::load_exercise_scenarios(ex);
  CHECK_FALSE(scoring::has_errors(scenarios.diagnostics));
  CHECK(scenarios.scenarios.size() == 2);
}

TEST_CASE("a scenario listed twice and a limit longer than the whole exercise are reported") {
  const std::string dir = scratch("exercise-twice");
  const auto load = load_text(dir, R"({"format": "chatdrill.exercise/1", "title": "x",
  "scenarios": ["gift-card-fi.json", "./gift-card-fi.json"], "time_limit": 600, "total_time_limit": 300})");
  fs::copy_file(data("gift-card-fi.json"), fs::path(dir) / "gift-card-fi.json");
  const auto again = classroom::load_exercise((fs::path(dir) / "exercise.json").string());
  const std::string msgs = all_messages(again.diagnostics);
  INFO(msgs);
  CHECK(msgs.find("listed twice") != std::string::npos);
  CHECK(msgs.find("warning: 600 s is longer than the whole exercise") != std::string::npos);
  CHECK_FALSE(load.exercise);  // before the copy the file did not exist
}

TEST_CASE("the bundled example exercise is valid") {
  const auto load = classroom::load_exercise(
      (fs::path(CHATDRILL_TEST_DATA) / ".." / ".." / "scenarios" / "exercises" / "basics-fi.json").string());
  INFO(all_messages(load.diagnostics));
  REQUIRE(load.exercise);
  CHECK(load.exercise->scenarios.size() == 3);
  CHECK_FALSE(scoring::has_errors(classroom::load_exercise_scenarios(*load.exercise).diagnostics));
}

TEST_CASE("shuffled order is a permutation fixed by the seed, the same on every platform") {
  // mt19937_64 and our bounded draw are fully specified, so this order is portable; it was
  // cross-checked with an independent Python implementation of both.
  const auto order = classroom::shuffled_indices(10, 42);
  std::vector<std::size_t> sorted = order;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) CHECK(sorted[i] == i);
  CHECK(order == classroom::shuffled_indices(10, 42));
  CHECK(order == std::vector<std::size_t>{1, 7, 9, 0, 3, 8, 4, 2, 5, 6});
  std::set<std::vector<std::size_t>> distinct;
  for (std::uint64_t seed = 0; seed < 20; ++seed) distinct.insert(classroom::shuffled_indices(10, seed));
  CHECK(distinct.size() == 20);
  // Every order of three scenarios appears about equally often over many seeds.
  std::map<std::vector<std::size_t>, int> counts;
  for (std::uint64_t seed = 0; seed < 6000; ++seed) ++counts[classroom::shuffled_indices(3, seed)];
  CHECK(counts.size() == 6);
  for (const auto& [perm, n] : counts) CHECK((n > 850 && n < 1150));
  CHECK(classroom::shuffled_indices(0, 1).empty());
  CHECK(classroom::shuffled_indices(1, 1) == std::vector<std::size_t>{0});
}

TEST_CASE("fixed order plays the scenarios as listed") {
  classroom::Exercise ex;
  ex.scenarios.resize(4);
  CHECK(classroom::play_order(ex) == std::vector<std::size_t>{0, 1, 2, 3});
  ex.order = classroom::ExerciseOrder::shuffled;
  ex.order_seed = 3;
  CHECK(classroom::play_order(ex) == classroom::shuffled_indices(4, 3));
}

TEST_CASE("ISO 8601 times parse with zones and print back in UTC") {
  CHECK(scoring::parse_utc_timestamp("1970-01-01T00:00:00Z") == 0);
  CHECK(scoring::parse_utc_timestamp("2026-12-01T09:00:00Z") == 1796115600);
  CHECK(scoring::parse_utc_timestamp("2026-12-01T11:00:00+02:00") == 1796115600);
  CHECK(scoring::parse_utc_timestamp("2026-12-01T09:00:00.750Z") == 1796115600);
  CHECK(scoring::parse_utc_timestamp("2024-02-29T12:00:00Z"));
  CHECK_FALSE(scoring::parse_utc_timestamp("2023-02-29T12:00:00Z"));
  CHECK_FALSE(scoring::parse_utc_timestamp("2026-12-01T09:00:00"));  // no zone: ambiguous
  CHECK_FALSE(scoring::parse_utc_timestamp("2026-13-01T09:00:00Z"));
  CHECK_FALSE(scoring::parse_utc_timestamp("2026-12-01T24:00:00Z"));
  CHECK_FALSE(scoring::parse_utc_timestamp("2026-12-01T09:00:00Zjunk"));
  CHECK_FALSE(scoring::parse_utc_timestamp(""));
  CHECK(scoring::format_utc_timestamp(1796115600) == "2026-12-01T09:00:00Z");
  CHECK(scoring::format_utc_timestamp(0) == "1970-01-01T00:00:00Z");
  for (std::int64_t t : {951782400LL, 1709208000LL, 4102444799LL})
    CHECK(scoring::parse_utc_timestamp(scoring::format_utc_timestamp(t)) == t);
}

TEST_CASE("chatdrill validate checks exercise files, alone or in a folder, beside scenarios") {
  const std::string dir = scratch("validate-exercise");
  const std::string example = (fs::path(CHATDRILL_TEST_DATA) / ".." / ".." / "scenarios" / "exercises").string();
  const auto ok = run_chatdrill("validate " + quote(example) + " " + quote(data("gift-card-fi.json")), dir);
  INFO(ok.err);
  CHECK(ok.status == 0);
  CHECK(ok.out.find("2 files checked: 2 valid, 0 errors") != std::string::npos);
  const std::string bad = (fs::path(dir) / "bad.json").string();
  write_text(bad, "{\"format\": \"chatdrill.exercise/1\", \"title\": \"x\",\n \"scenarios\": [\"nope-fi\"]}\n");
  const auto found = run_chatdrill("validate " + quote(bad), dir);
  CHECK(found.status == 1);
  CHECK(found.err.find(bad + ":2:16: scenarios[0]: unknown scenario id \"nope-fi\"") != std::string::npos);
}

TEST_CASE("chatdrill exercise says what is wrong with its arguments and its exercise") {
  const std::string dir = scratch("exercise-usage");
  CHECK(run_chatdrill("exercise", dir).status == 2);
  CHECK(run_chatdrill("exercise x.json --trainee", dir).status == 2);
  CHECK(run_chatdrill("exercise x.json --trainee A --replies-dir d --bogus", dir).status == 2);
  CHECK(run_chatdrill("exercise --help", dir).status == 0);
  const auto missing = run_chatdrill("exercise " + quote(dir + "/none.json") + " --trainee A --replies-dir d", dir);
  CHECK(missing.status == 1);
  CHECK(missing.err.find("none.json") != std::string::npos);
  const std::string ex = (fs::path(dir) / "ex.json").string();
  fs::copy_file(data("gift-card-fi.json"), fs::path(dir) / "gift-card-fi.json");
  write_text(ex, R"({"format": "chatdrill.exercise/1", "title": "x", "scenarios": ["gift-card-fi.json"]})");
  const auto bad_now = run_chatdrill("exercise " + quote(ex) + " --trainee A --replies-dir d --now yesterday", dir);
  CHECK(bad_now.status == 2);
  // No replies: the trainee writes nothing, the session still ends and is saved.
  const auto silent = run_chatdrill(
      "exercise " + quote(ex) + " --trainee A --replies-dir " + quote(dir) + " --now 2026-12-01T09:00:00Z", dir);
  INFO(silent.err);
  CHECK(silent.status == 0);
  CHECK(silent.err.find("no replies for gift-card-fi") != std::string::npos);
  CHECK(classroom::list_result_files((fs::path(dir) / "results").string()).size() == 1);
  // The same trainee again: the result counts as done (as in the app), nothing is played twice.
  const auto again = run_chatdrill(
      "exercise " + quote(ex) + " --trainee A --replies-dir " + quote(dir) + " --now 2026-12-01T10:00:00Z", dir);
  CHECK(again.status == 0);
  CHECK(again.out.find("done: 1 of 1 scenarios (1 from earlier runs)") != std::string::npos);
  CHECK(classroom::list_result_files((fs::path(dir) / "results").string()).size() == 1);
  // A broken replies file is named with its line, and nothing is saved for it.
  write_text((fs::path(dir) / "replies" / "gift-card-fi.jsonl").string(),
             "{\"at\": 5, \"text\": \"Hei\"}\n{\"at\": oops}\n");
  const auto broken =
      run_chatdrill("exercise " + quote(ex) + " --trainee B --replies-dir " + quote(dir + "/replies"), dir);
  CHECK(broken.status == 1);
  CHECK(broken.err.find("gift-card-fi.jsonl:2:") != std::string::npos);
  CHECK(classroom::list_result_files((fs::path(dir) / "results").string()).size() == 1);
}
