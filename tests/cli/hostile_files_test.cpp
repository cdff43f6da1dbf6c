// Hostile, huge and foreign files given to every command: each gets a clear error (exit 1,
// the file named) or is skipped with a message, in bounded time and memory (measured on
// the child process). Limits: scoring/core/limits.h.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <utime.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "cli_test_support.h"
#include "scoring/core/limits.h"
#include "scoring/grade.h"
#include "simulator/classroom/results.h"
#include "support/bounded_run.h"
#include "support/grader.h"

namespace fs = std::filesystem;
using chatdrill::cli::test::contains;
using chatdrill::cli::test::scratch_dir;
using chatdrill::cli::test::write_file;
using chatdrill::test::BoundedRun;
using chatdrill::test::k_cost_scale;
using chatdrill::test::k_time_scale;
using chatdrill::test::run_bounded;

namespace {

// Generous: a 1 MB input in under 2 s and 200 MB (scaled under sanitizers). The behaviour
// these replace took 13-28 s, gigabytes, or crashed.
void check_bounded(const BoundedRun& r, double seconds = 2, double mb = 200) {
  INFO("took " << r.seconds << " s, peak " << r.peak_mb << " MB; stderr: " << r.err.substr(0, 2000));
  CHECK(r.exit_code >= 0);  // not killed by a signal or the timeout
  CHECK(r.seconds < seconds * k_time_scale);
  CHECK(r.peak_mb < mb * k_cost_scale);
}

std::string scenario_with(const std::string& start, const std::string& nodes, const std::string& id = "hostile") {
  return R"({"format": "chatdrill.scenario/1", "id": ")" + id +
         R"(", "title": "t", "language": "fi", "persona": {"name": "Aino", "archetype": "neutral"},
  "fallback": ["Anteeksi?"], "start": ")" +
         start + R"(", "nodes": {)" + nodes + "}}";
}

// A valid result, as a session writes it.
void write_valid_result(const fs::path& path, const std::string& trainee) {
  chatdrill::classroom::SessionResult r;
  r.trainee = trainee;
  r.scenario_id = "gift-card-fi";
  r.scenario_title = "Lahjakortti";
  r.transcript.language = "fi";
  r.transcript.outcome = "resolved";
  r.transcript.messages.push_back({"customer", "message", 0, "Hei", {}});
  r.transcript.messages.push_back({"trainee", "message", 10, "Hei, miten voin auttaa?", {}});
  r.grade = chatdrill::scoring::grade_transcript(r.transcript, {}, test_grader());
  REQUIRE(chatdrill::classroom::write_result(path.string(), r).empty());
}

}  // namespace

TEST_CASE("hostile: 100k nested brackets are refused at the depth limit by validate grade and report") {
  const auto dir = scratch_dir("hostile-deep");
  const auto file = dir / "deep.json";
  write_file(file, std::string(100'000, '['));
  for (const char* command : {"validate", "grade"}) {
    const auto r = run_bounded({command, file.string()});
    check_bounded(r);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, file.string() + ":1:66: JSON syntax: nesting deeper than 64 levels"));
  }
  // In a class's results folder: skipped with its message, the class still reported.
  const auto results = dir / "results";
  fs::create_directories(results);
  fs::copy_file(file, results / "deep.json", fs::copy_options::overwrite_existing);
  write_valid_result(results / "aino.json", "Aino");
  const auto r = run_bounded({"report", results.string()});
  check_bounded(r);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, "deep.json:1:66: JSON syntax: nesting deeper than 64 levels"));
  CHECK(contains(r.err, "(skipped)"));
  CHECK(contains(r.out, "1 results, 1 trainees"));
}

TEST_CASE("hostile: ids of 30k characters get errors quickly with no did-you-mean") {
  const auto dir = scratch_dir("hostile-long-id");
  const std::string a(30'000, 'a'), b(30'000, 'b');
  const auto file = dir / "long.json";
  write_file(file, scenario_with(b, "\"" + a + R"(": {"say": ["Hei"], "end": {"outcome": "resolved"}})"));
  const auto r = run_bounded({"validate", file.string()});
  check_bounded(r);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "start: unknown node \"bbbb"));
  CHECK_FALSE(contains(r.err, "did you mean"));
}

TEST_CASE("hostile: an object with 100k keys is read fast and one more than the limit is refused") {
  const auto dir = scratch_dir("hostile-keys");
  std::string text = "{";
  for (std::size_t i = 0; i < chatdrill::scoring::k_max_object_keys; ++i)
    text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
  const auto file = dir / "keys.json";
  write_file(file, text + "}");
  auto r = run_bounded({"grade", file.string()});
  check_bounded(r);
  CHECK(r.exit_code == 1);  // parsed whole, then not a transcript
  CHECK(contains(r.err, file.string() + ":1:1: "));
  CHECK_FALSE(contains(r.err, "JSON syntax"));
  write_file(file, text + ",\"one-more\":1}");
  r = run_bounded({"grade", file.string()});
  check_bounded(r);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, file.string() + ":1:1: JSON syntax: more than 100000 members in one object"));
}

TEST_CASE("hostile: a chain of 8k nodes validates in linear time") {
  const auto dir = scratch_dir("hostile-chain");
  std::string nodes;
  constexpr int k_nodes = 8000;
  for (int i = 0; i < k_nodes - 1; ++i)
    nodes += "\"n" + std::to_string(i) +
             R"(": {"say": ["Hei"], "expect": [{"intent": "kiitos", "keywords": ["kiitos"], "goto": "n)" +
             std::to_string(i + 1) + "\"}]},";
  nodes += "\"n" + std::to_string(k_nodes - 1) + R"(": {"say": ["Kiitos"], "end": {"outcome": "resolved"}})";
  const auto file = dir / "chain.json";
  write_file(file, scenario_with("n0", nodes, "chain"));
  const auto r = run_bounded({"validate", file.string()});
  check_bounded(r);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "1 file checked: 1 valid, 0 errors"));
}

TEST_CASE("hostile: a long key with many values below it costs memory linear in the file") {
  // Each value's path used to be a copy of the key: this 1.1 MB file needed gigabytes.
  const auto dir = scratch_dir("hostile-paths");
  std::string text = "{\"" + std::string(100'000, 'k') + "\": [";
  for (int i = 0; i < 500'000; ++i) text += i ? ",1" : "1";
  const auto file = dir / "paths.json";
  write_file(file, text + "]}");
  const auto r = run_bounded({"validate", file.string()});
  check_bounded(r);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, file.string() + ":1:1: missing \"format\""));
}

TEST_CASE("hostile: a broken lexicon is a located error in validate grade play and exercise") {
  const auto root = scratch_dir("hostile-lexicon");
  fs::create_directories(root / "scoring" / "lexicons");
  fs::copy(std::string(CHATDRILL_SOURCE_DIR) + "/scenarios", root / "scenarios",
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  fs::copy(std::string(CHATDRILL_SOURCE_DIR) + "/assets", root / "assets",
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  const auto lexicon = root / "scoring" / "lexicons" / "fi.json";
  write_file(lexicon, "{\"format\": \n");
  const std::string env = "CHATDRILL_DATA=" + root.string();
  const std::string src = CHATDRILL_SOURCE_DIR;
  const std::vector<std::vector<std::string>> commands = {
      {"validate", (root / "scenarios" / "cancel-subscription-fi.json").string()},
      {"grade", src + "/tests/scoring/golden/fi_delivery_good.json"},
      {"play", "cancel-subscription-fi", "--replies", src + "/tests/cli/replies/cancel-lost.jsonl"},
      {"exercise", (root / "scenarios" / "exercises" / "basics-fi.json").string(), "--trainee", "Aino", "--replies-dir",
       src + "/tests/cli/replies", "--results", (root / "results").string(), "--now", "2026-01-01T09:00:00Z"},
  };
  for (const auto& args : commands) {
    const auto r = run_bounded(args, {env});
    INFO(args[0] << ": " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, lexicon.string() + ":2:1: JSON syntax"));
  }
}

TEST_CASE("hostile: a FIFO given as a file is refused at once by every reader") {
  const auto dir = scratch_dir("hostile-fifo");
  const auto fifo = dir / "pipe.json";
  fs::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  const std::string src = CHATDRILL_SOURCE_DIR;
  const std::vector<std::vector<std::string>> commands = {
      {"validate", fifo.string()},
      {"grade", fifo.string()},
      {"play", fifo.string(), "--replies", src + "/tests/cli/replies/cancel-lost.jsonl"},
      {"play", "cancel-subscription-fi", "--replies", fifo.string()},
  };
  for (const auto& args : commands) {
    const auto r = run_bounded(args, {}, {}, 20);
    INFO(args[0] << " " << args[1] << ": " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.seconds < 5 * k_time_scale);
    CHECK(contains(r.err, fifo.string() + ": is a FIFO (named pipe), not a regular file: not read"));
  }
}

TEST_CASE("hostile: a folder given as a file says it is a folder") {
  const auto dir = scratch_dir("hostile-folder");
  const auto r = run_bounded({"grade", dir.string()});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, dir.string() + ": is a folder, not a file"));
  CHECK_FALSE(contains(r.err, "9223372036854775807"));
}

TEST_CASE("hostile: a NUL before the document and errors in a CR-only file are named as they are") {
  const auto dir = scratch_dir("hostile-bytes");
  const auto nul = dir / "nul.json";
  write_file(nul, std::string("\0{\"format\": 1}", 15));
  auto r = run_bounded({"grade", nul.string()});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, nul.string() + ":1:1: JSON syntax: expected a value, found a NUL byte"));
  const auto cr = dir / "cr.json";
  write_file(cr, "{\r  \"format\": \"chatdrill.transcript/1\",\r  \"language\": \"fi\",\r  \"messages\": [,]\r}\r");
  r = run_bounded({"grade", cr.string()});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, cr.string() + ":4:16: JSON syntax: expected a value, found ','"));
}

TEST_CASE("hostile: files over the size limit are refused by readers and replies over the reply limit by play") {
  const auto dir = scratch_dir("hostile-size");
  const auto big = dir / "big.json";
  {
    std::ofstream out(big, std::ios::binary | std::ios::trunc);
    out << "{\"format\": \"chatdrill.transcript/1\", \"language\": \"fi\", \"messages\": [], \"x\": \"";
    out << std::string(chatdrill::scoring::k_max_file_bytes, 'x') << "\"}";
  }
  auto r = run_bounded({"grade", big.string()});
  check_bounded(r);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, big.string() + ": file is "));
  CHECK(contains(r.err, "more than the 16 MiB limit for chatdrill files"));
  // The reply box's limit holds for scripted replies too, so play never writes a transcript
  // that grade would refuse.
  const auto replies = dir / "long.jsonl";
  write_file(replies,
             "{\"at\": 5, \"text\": \"" + std::string(chatdrill::scoring::k_max_reply_bytes + 1, 'a') + "\"}\n");
  r = run_bounded({"play", "cancel-subscription-fi", "--replies", replies.string()});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, replies.string() + ":1:"));
  CHECK(contains(r.err, "more than the 16 KiB a trainee can send in one reply"));
  CHECK(r.out.empty());
}

TEST_CASE("hostile: report on a folder it cannot read is an error naming the folder") {
  const auto dir = scratch_dir("hostile-unreadable") / "results";
  fs::create_directories(dir);
  write_valid_result(dir / "aino.json", "Aino");
  ::chmod(dir.c_str(), 0);
  // As root (CI containers), drop the capabilities that ignore file permissions.
  std::vector<std::string> prefix;
  if (::geteuid() == 0)
    prefix = {"setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search",
              "--"};
  const auto r = run_bounded({"report", dir.string()}, {}, prefix);
  const auto file = run_bounded({"grade", (dir / "aino.json").string()}, {}, prefix);
  const auto validate = run_bounded({"validate", dir.string()}, {}, prefix);
  ::chmod(dir.c_str(), 0755);
  CHECK(validate.exit_code == 1);
  CHECK(contains(validate.err, dir.string() + ": cannot read the folder: Permission denied"));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, dir.string() + ": cannot read the folder: Permission denied"));
  CHECK_FALSE(contains(r.out, "0 results"));
  CHECK(file.exit_code == 1);
  CHECK(contains(file.err, "aino.json: cannot open file: Permission denied"));
}

TEST_CASE("hostile: a symlink in a results folder is not followed and its target never shown") {
  const auto dir = scratch_dir("hostile-symlink");
  const auto results = dir / "results";
  fs::remove_all(results);
  fs::create_directories(results);
  write_valid_result(results / "aino.json", "Aino");
  write_file(dir / "secret.txt", "TOP-SECRET-CONTENT {");
  fs::create_symlink(dir / "secret.txt", results / "link.json");
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"report", results.string()}, {"report", results.string(), "--html", (dir / "r.html").string()}}) {
    const auto r = run_bounded(args);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.err, (results / "link.json").string() + ": is a symbolic link: not followed"));
    CHECK_FALSE(contains(r.err + r.out, "TOP-SECRET"));
  }
  CHECK_FALSE(contains(chatdrill::cli::test::slurp(dir / "r.html"), "TOP-SECRET"));
  // Nor is a foreign file's "format" echoed.
  write_file(results / "foreign.json", "{\"format\": \"<script>alert(1)</script>\"}");
  const auto r = run_bounded({"report", results.string()});
  CHECK(contains(r.err, "foreign.json:1:12: format: not a chatdrill result (its \"format\" is another program's"));
  CHECK_FALSE(contains(r.err, "<script>"));
}

TEST_CASE("hostile: a temp file left by a writer killed mid-write is removed on the next load") {
  const auto results = scratch_dir("hostile-torn") / "results";
  fs::remove_all(results);
  fs::create_directories(results);
  write_valid_result(results / "aino.json", "Aino");
  const auto stale = results / ".bea.json.4242.0badf00d.tmp", fresh = results / ".cid.json.4243.0000beef.tmp";
  write_file(stale, "{\"format\": \"chatdrill.result/1\", \"trai");
  write_file(fresh, "{\"format\": \"chatdrill.result/1\", \"trai");
  const auto old_time = fs::last_write_time(results) - std::chrono::hours(2);
  fs::last_write_time(stale, old_time);
  const auto r = run_bounded({"report", results.string()});
  CHECK(r.exit_code == 0);
  CHECK_FALSE(fs::exists(stale));
  CHECK(fs::exists(fresh));  // a writer may be in the middle of it
  CHECK(contains(r.out, "1 results"));
  // The next write cleans up too.
  fs::last_write_time(fresh, old_time);
  write_valid_result(results / "cid.json", "Cid");
  CHECK_FALSE(fs::exists(fresh));
}

TEST_CASE("hostile: a result whose evidence is not valid JSON is not counted by report") {
  const auto results = scratch_dir("hostile-evidence") / "results";
  fs::remove_all(results);
  fs::create_directories(results);
  write_valid_result(results / "aino.json", "Aino");
  write_valid_result(results / "bea.json", "Bea");
  std::string text = chatdrill::cli::test::slurp(results / "bea.json");
  const auto at = text.find("\"evidence\":[");
  REQUIRE(at != std::string::npos);
  text.insert(at + 12, "oops,");
  write_file(results / "bea.json", text);
  const auto r = run_bounded({"report", results.string()});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, "bea.json:1:"));
  CHECK(contains(r.err, "JSON syntax: expected a value, found 'o'"));
  CHECK(contains(r.out, "1 results, 1 trainees"));
}
