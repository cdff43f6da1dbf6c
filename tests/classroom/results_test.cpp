// Result files on a shared folder: names that never collide, nothing lost when many
// processes write at once, stray files reported and skipped, crashed sessions recoverable.
#include "simulator/classroom/results.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <set>

#include "helpers.h"
#include "simulator/engine/journal.h"

using namespace chatdrill;
using namespace classroom_test;

TEST_CASE("trainee names become safe file name parts") {
  CHECK(classroom::sanitize_name_part("Ville Äijälä") == "ville-aijala");
  CHECK(classroom::sanitize_name_part("Åsa Öhman-Šimić") == "asa-ohman-simic");
  CHECK(classroom::sanitize_name_part("../../etc/passwd") == "etc-passwd");
  CHECK(classroom::sanitize_name_part("<script>alert(1)</script>") == "script-alert-1-script");
  CHECK(classroom::sanitize_name_part("  ") == "x");
  CHECK(classroom::sanitize_name_part("日本語", "trainee") == "trainee");
  CHECK(classroom::sanitize_name_part(std::string(300, 'a')).size() == 40);
  CHECK(classroom::sanitize_name_part("bad\xff\xfe utf8") == "bad-utf8");
}

TEST_CASE("result names differ between trainees, machines, processes and sessions") {
  const classroom::WriterIdentity a{"pc-01", 100, 1}, b{"pc-02", 100, 1}, c{"pc-01", 101, 1}, d{"pc-01", 100, 2};
  std::set<std::string> stems;
  for (const auto& w : {a, b, c, d}) stems.insert(classroom::result_file_stem("Liisa", "gift-card-fi", w));
  CHECK(stems.size() == 4);
  // Same sanitized name (ä vs a) on the same machine and process still differs by the nonce.
  CHECK(classroom::result_file_stem("Mäki", "s", classroom::this_writer()) !=
        classroom::result_file_stem("Maki", "s", classroom::this_writer()));
  std::set<std::string> many;
  for (int i = 0; i < 5000; ++i) many.insert(classroom::result_file_stem("Liisa", "s", classroom::this_writer()));
  CHECK(many.size() == 5000);
  const auto stem = classroom::result_file_stem("Ville Äijälä", "order-status-fi", a);
  CHECK(stem == "ville-aijala_order-status-fi_pc-01-100-0000000000000001");
  const auto paths = classroom::result_paths("/share/results", stem);
  CHECK(paths.result == "/share/results/" + stem + ".json");
  CHECK(paths.journal == "/share/results/live/" + stem + ".journal");
}

TEST_CASE("a result survives a write and read round trip") {
  const std::string dir = scratch("results-roundtrip");
  auto r = make_result("Åsa Öhman", "gift-card-fi", 81, "time_up");
  r.position = 2;
  r.grade.dimensions[1].evidence.push_back({1, "politeness.greeting", 10, "Tervehdys"});
  const std::string path = (fs::path(dir) / "a.json").string();
  REQUIRE(classroom::write_result(path, r).empty());
  const auto load = classroom::load_result(path);
  REQUIRE(load.result);
  const auto& back = *load.result;
  CHECK(back.trainee == "Åsa Öhman");
  CHECK(back.scenario_id == "gift-card-fi");
  CHECK(back.position == 2);
  CHECK(back.outcome() == "time_up");
  CHECK(back.started_at == r.started_at);
  CHECK(back.exercise_title == "Testiharjoitus");
  CHECK(back.grade.overall == 81);
  CHECK(back.grade.dimensions[3].score == r.grade.dimensions[3].score);
  REQUIRE(back.grade.dimensions[1].evidence.size() == 1);
  CHECK(back.grade.dimensions[1].evidence[0].rule == "politeness.greeting");
  REQUIRE(back.transcript.messages.size() == 2);
  CHECK(back.transcript.messages[0].text == "Hei, tilaukseni on myöhässä.");
  // What a class table reads: the same scores and chat, without the grade's evidence.
  const auto scores = classroom::load_result(path, classroom::ResultDetail::scores);
  REQUIRE(scores.result);
  CHECK(scores.result->grade.dimensions[1].evidence.empty());
  CHECK(scores.result->grade.dimensions[1].score == r.grade.dimensions[1].score);
  CHECK(scores.result->grade.overall == 81);
  CHECK(scores.result->transcript.messages.size() == 2);
}

TEST_CASE("reading less of a result never touches text that only looks like the skipped parts") {
  const std::string dir = scratch("results-detail");
  auto r = make_result("evidence", "gift-card-fi", 70);
  r.transcript.messages.push_back({"trainee", "message", 20, "\"evidence\": [oops, \"messages\": {", {}});
  r.grade.dimensions[0].evidence.push_back({0, "speed.first_reply", -5, "\"messages\": ["});
  const std::string path = (fs::path(dir) / "r.json").string();
  REQUIRE(classroom::write_result(path, r).empty());
  const auto scores = classroom::load_result(path, classroom::ResultDetail::scores);
  REQUIRE(scores.result);
  CHECK(scores.result->trainee == "evidence");
  REQUIRE(scores.result->transcript.messages.size() == 3);
  CHECK(scores.result->transcript.messages[2].text == "\"evidence\": [oops, \"messages\": {");
  CHECK(scores.result->grade.dimensions[0].evidence.empty());
  const auto summary = classroom::load_result(path, classroom::ResultDetail::summary);
  REQUIRE(summary.result);
  CHECK(summary.result->transcript.messages.empty());
  CHECK(summary.result->outcome() == "resolved");
  CHECK(summary.result->grade.overall == 70);
  const auto full = classroom::load_result(path);
  REQUIRE(full.result);
  CHECK(full.result->grade.dimensions[0].evidence.size() == 1);
  // A broken file is still named with its line and column whatever is skipped.
  write_text(path, "{\"format\": \"chatdrill.result/1\", \"grade\": {\"evidence\": [1, 2}");
  const auto broken = classroom::load_result(path, classroom::ResultDetail::summary);
  REQUIRE_FALSE(broken.result);
  CHECK(broken.diagnostics[0].pos.line == 1);
  CHECK(broken.diagnostics[0].pos.col > 1);
}

TEST_CASE("sixteen processes writing into one folder at once lose no result") {
  const std::string dir = scratch("results-concurrent");
  constexpr int k_processes = 16, k_each = 20;
  std::vector<pid_t> children;
  for (int p = 0; p < k_processes; ++p) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int failures = 0;
      for (int i = 0; i < k_each; ++i) {
        // Every process uses the same trainee and scenario names: only pid and nonce differ.
        auto r = make_result("Sama Nimi", "gift-card-fi", (p * k_each + i) % 101);
        r.host = fmt::format("process-{}-{}", p, i);
        const auto stem = classroom::result_file_stem(r.trainee, r.scenario_id, classroom::this_writer());
        if (!classroom::write_result(classroom::result_paths(dir, stem).result, r).empty()) ++failures;
      }
      ::_exit(failures == 0 ? 0 : 1);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  }
  const auto loaded = classroom::load_results_folder(dir);
  CHECK(loaded.skipped.empty());
  REQUIRE(loaded.results.size() == k_processes * k_each);
  std::set<std::string> hosts;
  for (const auto& r : loaded.results) hosts.insert(r.result.host);
  CHECK(hosts.size() == k_processes * k_each);  // each write is there, whole, exactly once
  std::size_t leftovers = 0;
  for (const auto& e : fs::directory_iterator(dir)) leftovers += e.path().extension() == ".tmp";
  CHECK(leftovers == 0);
}

TEST_CASE("corrupt and foreign files in a results folder are reported and skipped") {
  const std::string dir = scratch("results-corrupt");
  REQUIRE(
      classroom::write_result((fs::path(dir) / "good.json").string(), make_result("Aino", "gift-card-fi", 90)).empty());
  write_text((fs::path(dir) / "torn.json").string(), "{\n  \"format\": \"chatdrill.result/1\",\n  \"trainee\": \"Ai");
  write_text((fs::path(dir) / "scenario.json").string(), "{\"format\": \"chatdrill.scenario/1\", \"id\": \"x\"}");
  write_text((fs::path(dir) / "list.json").string(), "[1, 2, 3]");
  write_text((fs::path(dir) / "binary.json").string(), std::string("\x00\xff\xfe garbage", 11));
  write_text((fs::path(dir) / "empty.json").string(), "");
  auto bad_grade = classroom::result_to_json(make_result("Bertta", "gift-card-fi", 50));
  bad_grade["grade"]["overall"] = "lots";
  write_text((fs::path(dir) / "badgrade.json").string(), bad_grade.dump(1));
  write_text((fs::path(dir) / "notes.txt").string(), "not json at all");  // not *.json: ignored
  write_text((fs::path(dir) / ".good.json.123.abc.tmp").string(), "{");   // an atomic write in progress
  const auto loaded = classroom::load_results_folder(dir);
  REQUIRE(loaded.results.size() == 1);
  CHECK(loaded.results[0].result.trainee == "Aino");
  std::string all;
  for (const auto& d : loaded.skipped) all += d.to_string() + "\n";
  INFO(all);
  CHECK(loaded.skipped.size() == 6);
  CHECK(all.find((fs::path(dir) / "torn.json").string() + ":3:") != std::string::npos);
  CHECK(all.find("scenario.json:1:12: format: not a chatdrill result (\"chatdrill.scenario/1\"") != std::string::npos);
  CHECK(all.find("list.json:1:1: not a chatdrill result") != std::string::npos);
  CHECK(all.find("binary.json") != std::string::npos);
  CHECK(all.find("empty.json") != std::string::npos);
  CHECK(all.find("badgrade.json:") != std::string::npos);
  CHECK(all.find("grade.overall: must be a score") != std::string::npos);
  CHECK(all.find("notes.txt") == std::string::npos);
  const auto missing = classroom::load_results_folder((fs::path(dir) / "nope").string());
  CHECK(missing.results.empty());
  CHECK(missing.skipped.size() == 1);
}

TEST_CASE("a session's journal beside the results recovers a crashed machine's chat") {
  const std::string dir = scratch("results-journal");
  const auto paths =
      classroom::result_paths(dir, classroom::result_file_stem("Aino", "gift-card-fi", classroom::this_writer()));
  fs::create_directories(fs::path(paths.journal).parent_path());
  scoring::Transcript header;
  header.scenario = "gift-card-fi";
  header.language = "fi";
  std::string error;
  {
    auto journal = engine::Journal::create(paths.journal, header, "Aino", error);
    REQUIRE(journal);
    CHECK(journal->append({"customer", "message", 1.5, "Hei! Myyttekö lahjakortteja?", {}}).empty());
    CHECK(journal->append({"trainee", "message", 9.0, "Hei! Kyllä myymme.", {}}).empty());
    // The machine dies here: no finish(), no result file.
  }
  CHECK(classroom::list_live_journals(dir) == std::vector<std::string>{paths.journal});
  CHECK(classroom::load_results_folder(dir).results.empty());  // live/ is not read as results
  const auto recovered = engine::recover_journal(paths.journal);
  REQUIRE(recovered.transcript);
  REQUIRE(recovered.transcript->messages.size() == 2);
  CHECK(recovered.transcript->messages[1].text == "Hei! Kyllä myymme.");
}

TEST_CASE("a result with wrong-typed fields names the field, the type it has and where it is") {
  auto j = classroom::result_to_json(make_result("Aino", "gift-card-fi", 90));
  j["trainee"] = 5;
  j["scenario"]["position"] = "first";
  j["scenario"]["title"] = "";  // an empty title is allowed (only the trainee must be named)
  j["scenario"].erase("id");
  const std::string text = j.dump(1);
  const auto load = classroom::result_from_text(text, "r.json");
  CHECK_FALSE(load.result);
  std::string all;
  for (const auto& d : load.diagnostics) all += d.to_string() + "\n";
  INFO(all);
  CHECK(load.diagnostics.size() == 3);
  const auto line_of = [&](const std::string& needle) {
    const auto at = text.find(needle);
    REQUIRE(at != std::string::npos);
    return std::to_string(1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  };
  CHECK(all.find("r.json:" + line_of("\"trainee\": 5") + ":") != std::string::npos);
  CHECK(all.find(": trainee: must be a string, not a number\n") != std::string::npos);
  CHECK(all.find(": scenario.position: must be a whole number >= 0, not a string\n") != std::string::npos);
  CHECK(all.find(": scenario: missing \"id\"\n") != std::string::npos);
}

TEST_CASE("a result too big for any reader is not written and the reason says so") {
  const std::string dir = scratch("results-too-big");
  auto r = make_result("big", "gift-card-fi", 70);
  const std::string chunk(16 * 1024, 'a');  // one reply at the reply box's limit
  for (int i = 0; i < 1100; ++i) r.transcript.messages.push_back({"trainee", "message", 20.0 + i, chunk, {}});
  const std::string path = (fs::path(dir) / "big.json").string();
  const auto err = classroom::write_result(path, r);
  CHECK(err.find("not saved: the result would be") != std::string::npos);
  CHECK(err.find("more than the 16 MiB limit for chatdrill files") != std::string::npos);
  CHECK_FALSE(fs::exists(path));
  r.transcript.messages.resize(10);
  CHECK(classroom::write_result(path, r).empty());
  CHECK(classroom::load_result(path).result);
}

TEST_CASE("symlinks folders and FIFOs in a results folder are named and never opened") {
  const std::string dir = scratch("results-non-files");
  REQUIRE(classroom::write_result((fs::path(dir) / "ok.json").string(), make_result("ok", "gift-card-fi", 70)).empty());
  fs::create_symlink(fs::path(dir) / "ok.json", fs::path(dir) / "link.json");
  fs::create_directory(fs::path(dir) / "folder.json");
  REQUIRE(::mkfifo((fs::path(dir) / "pipe.json").c_str(), 0644) == 0);
  const auto loaded = classroom::load_results_folder(dir);
  REQUIRE(loaded.results.size() == 1);
  std::string all;
  for (const auto& d : loaded.skipped) all += d.to_string() + "\n";
  CHECK(all.find("link.json: is a symbolic link: not followed") != std::string::npos);
  CHECK(all.find("folder.json: is a folder, not a result file") != std::string::npos);
  CHECK(all.find("pipe.json: is not a regular file (a FIFO, device or socket): not read") != std::string::npos);
  // Read directly, a link is refused too (a file swapped for a link after listing).
  CHECK(classroom::load_result((fs::path(dir) / "link.json").string()).diagnostics.at(0).message ==
        "is a symbolic link: not followed");
}
