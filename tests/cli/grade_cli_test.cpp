// `chatdrill grade` as a QA lead uses it: the text report quotes the messages it cites,
// --json is the library's chatdrill.grade/1, malformed transcripts get located errors.
#include "scoring/golden_support.h"
#include "support/grader.h"

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <unistd.h>

using namespace chatdrill::scoring;

namespace {

struct Run {
  int status = -1;
  std::string out, err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Run run(const std::string& args, const std::string& env = "") {
  std::filesystem::create_directories(CHATDRILL_TEST_TMP);
  // One file per test process: ctest runs the cases of this file in parallel.
  const std::string err_file =
      std::string(CHATDRILL_TEST_TMP) + "/grade_cli_stderr." + std::to_string(::getpid()) + ".txt";
  const std::string cmd = env + " '" + CHATDRILL_BINARY + "' grade " + args + " 2>'" + err_file + "'";
  Run r;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = slurp(err_file);
  return r;
}

std::string golden_path(const std::string& name) {
  return std::string(CHATDRILL_SOURCE_DIR) + "/tests/scoring/golden/" + name + ".json";
}

std::string write_tmp(const std::string& name, const std::string& content) {
  std::filesystem::create_directories(CHATDRILL_TEST_TMP);
  const std::string path = std::string(CHATDRILL_TEST_TMP) + "/" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

}  // namespace

TEST_CASE("grade prints a report that quotes the messages behind each point") {
  const Run r = run("'" + golden_path("fi_cancel_bounce") + "'");
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("Kokonaisarvosana 49.7") != std::string::npos);  // with its own scenario's rubric (skills weigh 2)
  CHECK(r.out.find("Nopeus (speed): 74.5") != std::string::npos);
  CHECK(r.out.find("-15.0  engagement.channel_bounce") != std::string::npos);
  CHECK(r.out.find("\"Valitettavasti en voi mitään. Soittakaa asiakaspalveluun.\"") != std::string::npos);
  const Run en = run("'" + golden_path("en_slow_shouting") + "'");
  CHECK(en.status == 0);
  CHECK(en.out.find("Overall 29.2") != std::string::npos);
  CHECK(en.out.find("\"YOU SHOULD HAVE READ THE INSTRUCTIONS!!!\"") != std::string::npos);
}

TEST_CASE("grade --json prints the same chatdrill.grade/2 as the library") {
  for (const auto& c : golden::load_all()) {
    if (!c.rubric.slots.empty() || !c.rubric.customer_name.empty()) continue;  // the CLI grades with the default rubric
    if (c.transcript.scenario == "cancel-subscription-fi") continue;  // a bundled scenario: graded with its rubric
    CAPTURE(c.name);
    const Run r = run("--json '" + golden_path(c.name) + "'");
    REQUIRE(r.status == 0);
    const auto parsed = parse_json(r.out, "stdout");
    REQUIRE(parsed.doc);
    CHECK(parsed.doc->root == grade_to_json(grade_transcript(c.transcript, {}, test_grader())));
  }
  const Run two = run("--json '" + golden_path("fi_delivery_good") + "' '" + golden_path("en_refund_good") + "'");
  CHECK(two.status == 0);
  std::istringstream lines(two.out);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    const auto parsed = parse_json(line, "line");
    REQUIRE(parsed.doc);
    CHECK(parsed.doc->root["format"] == "chatdrill.grade/2");
    CHECK(parsed.doc->root["file"].get<std::string>().ends_with(count == 0 ? "fi_delivery_good.json"
                                                                           : "en_refund_good.json"));
    ++count;
  }
  CHECK(count == 2);
}

TEST_CASE("malformed transcripts are reported as file:line:col: path: message with exit 1") {
  const std::string bad =
      write_tmp("bad_transcript.json",
                "{\"format\": \"chatdrill.transcript/1\", \"language\": \"fi\",\n"
                " \"messages\": [{\"from\": \"customer\", \"at\": \"soon\", \"text\": \"Hei\"}]}\n");
  const Run r = run("'" + bad + "'");
  CHECK(r.status == 1);
  // A string `at` is a timestamp now (real logs), so "soon" is a bad one.
  CHECK(r.err.find("bad_transcript.json:2:42: messages[0].at: \"soon\" is not an ISO-8601 timestamp") !=
        std::string::npos);
  const std::string broken =
      write_tmp("broken_transcript.json", "{\"format\": \"chatdrill.transcript/1\",\n  \"messages\": [}\n");
  const Run b = run("'" + broken + "'");
  CHECK(b.status == 1);
  CHECK(b.err.find("broken_transcript.json:2:") != std::string::npos);
  const Run missing = run("/nonexistent/transcript.json");
  CHECK(missing.status == 1);
  CHECK(missing.err.find("/nonexistent/transcript.json") != std::string::npos);
  // One bad file does not stop the others from being graded.
  const Run mixed = run("'" + bad + "' '" + golden_path("en_refund_good") + "'");
  CHECK(mixed.status == 1);
  CHECK(mixed.out.find("Overall 84.9") != std::string::npos);
}

TEST_CASE("grade --scenario grades with the scenario's rubric") {
  const std::string file = "'" + golden_path("fi_cancel_bounce") + "'";
  const Run plain = run(file);
  const Run with = run("--scenario cancel-subscription-fi " + file);
  CHECK(with.status == 0);
  // The transcript names the bundled scenario: without --scenario it is graded the same way.
  CHECK(plain.out == with.out);
  CHECK(with.out.find("clarifying.slot_missed: Ei kysynyt: syy irtisanomiseen.") != std::string::npos);
  const Run missing = run("--scenario /nonexistent/scenario.json " + file);
  CHECK(missing.status == 1);
  CHECK(missing.err.find("/nonexistent/scenario.json") != std::string::npos);
  CHECK(run(file + " --scenario").status == 2);
}

TEST_CASE("a broken lexicon file is reported with its location, not a crash") {
  const std::string root = std::string(CHATDRILL_TEST_TMP) + "/broken_data";
  std::filesystem::create_directories(root + "/scoring/lexicons");
  write_tmp("broken_data/scoring/lexicons/fi.json",
            "{\"format\": \"chatdrill.lexicon/1\", \"language\": \"fi\",\n \"markers\": {\"kiitos\": {}}}\n");
  const Run r = run("'" + golden_path("fi_cancel_bounce") + "'", "CHATDRILL_DATA='" + root + "'");
  CHECK(r.status == 1);
  CHECK(r.err.find("scoring/lexicons/fi.json:2:14: markers.kiitos: marker id \"kiitos\" must look like") !=
        std::string::npos);
}

TEST_CASE("grade usage: --help, no file, unknown option") {
  const Run help = run("--help");
  CHECK(help.status == 0);
  CHECK(help.out.find("usage: chatdrill grade FILE... [--json] [--scenario FILE|ID]") != std::string::npos);
  CHECK(run("").status == 2);
  const Run unknown = run("--jsn x.json");
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("unknown option --jsn") != std::string::npos);
}
