// `chatdrill play`: the bundled Finnish scenarios played from the replies files in
// replies/ reach each of their endings; output, --out, --seed, --time-limit, exit codes.
#include <tuple>
#include "cli_test_support.h"
#include "scoring/core/json_doc.h"
#include "scoring/transcript.h"

using namespace chatdrill;
using namespace chatdrill::cli::test;

namespace {

std::string replies(const std::string& name) { return quoted(std::string(CHATDRILL_TEST_DATA) + "/replies/" + name); }

// Parses stdout as a transcript; fails the test if it is not a valid one.
scoring::Transcript transcript_of(const std::string& json) {
  auto parsed = scoring::parse_json(json, "stdout");
  REQUIRE_MESSAGE(parsed.doc, (parsed.error ? parsed.error->to_string() : ""));
  auto load = scoring::transcript_from_doc(*parsed.doc);
  for (const auto& d : load.diagnostics) MESSAGE(d.to_string());
  REQUIRE(load.transcript);
  return *load.transcript;
}

}  // namespace

TEST_CASE("play: every ending of the three Finnish scenarios is reached from the command line") {
  // tests/cli/replies/ holds, per ending, the replies of the scenario's own self-test for it.
  const std::tuple<const char*, const char*, const char*> runs[] = {
      {"impatient-customer-fi", "impatient-resolved", "resolved"},
      {"impatient-customer-fi", "impatient-partly-resolved", "partly_resolved"},
      {"impatient-customer-fi", "impatient-cancelled", "cancelled"},
      {"impatient-customer-fi", "impatient-lost", "lost"},
      {"impatient-customer-fi", "impatient-left", "customer_left"},
      {"silent-customer-fi", "silent-resolved", "resolved"},
      {"silent-customer-fi", "silent-resolved-partly", "resolved_partly"},
      {"silent-customer-fi", "silent-escalated", "escalated"},
      {"silent-customer-fi", "silent-bounced", "bounced"},
      {"silent-customer-fi", "silent-left", "customer_left"},
      {"cancel-subscription-fi", "cancel-retained", "retained"},
      {"cancel-subscription-fi", "cancel-cancelled", "cancelled"},
      {"cancel-subscription-fi", "cancel-lost", "lost"},
      {"cancel-subscription-fi", "cancel-left", "customer_left"},
  };
  for (const auto& run : runs) {  // no binding: CAPTURE is a lambda, clang 14 cannot capture one
    const std::string scenario = std::get<0>(run), file = std::get<1>(run), expected = std::get<2>(run);
    CAPTURE(file);
    const auto r = run_chatdrill("play " + scenario + " --replies " + replies(file + ".jsonl"));
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    const auto t = transcript_of(r.out);
    CHECK(t.outcome == expected);
    CHECK(t.scenario == scenario);
    CHECK(t.language == "fi");
    CHECK(t.messages.front().from == "customer");
  }
}

TEST_CASE("play: a scenario path works like its id, --out writes the file and nothing to stdout") {
  const auto by_id = run_chatdrill("play cancel-subscription-fi --replies " + replies("cancel-retained.jsonl"));
  const auto by_path =
      run_chatdrill("play scenarios/cancel-subscription-fi.json --replies " + replies("cancel-retained.jsonl"));
  REQUIRE(by_id.exit_code == 0);
  CHECK(by_path.out == by_id.out);
  const auto out = scratch_dir("play") / "transcript.json";
  std::filesystem::remove(out);
  const auto written = run_chatdrill("play cancel-subscription-fi --out " + quoted(out.string()) + " --replies " +
                                     replies("cancel-retained.jsonl"));
  CHECK(written.exit_code == 0);
  CHECK(written.out.empty());
  CHECK(slurp(out) == by_id.out);
}

TEST_CASE("play: the same seed gives the same transcript, the seed is recorded") {
  const std::string args = "play impatient-customer-fi --replies " + replies("impatient-resolved.jsonl");
  const auto a = run_chatdrill(args + " --seed 11"), b = run_chatdrill(args + " --seed 11");
  REQUIRE(a.exit_code == 0);
  CHECK(a.out == b.out);
  CHECK(transcript_of(a.out).seed == 11u);
}

TEST_CASE("play: --time-limit ends the session with time_up") {
  const auto r = run_chatdrill("play silent-customer-fi --time-limit 60 --replies " + replies("silent-resolved.jsonl"));
  REQUIRE(r.exit_code == 0);
  const auto t = transcript_of(r.out);
  CHECK(t.outcome == "time_up");
  CHECK(t.messages.back().at == doctest::Approx(60));
}

TEST_CASE("play: bad replies files are findings with file:line:col, exit 1") {
  const auto dir = scratch_dir("play-bad");
  write_file(dir / "r.jsonl",
             "{\"at\": 10, \"text\": \"Hei\"}\n{\"at\": 4, \"text\": \"Moi\"}\n{\"text\": \"x\"}\nnot json\n");
  const auto r = run_chatdrill("play cancel-subscription-fi --replies " + quoted((dir / "r.jsonl").string()));
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  const std::string file = (dir / "r.jsonl").string();
  CHECK(contains(r.err, file + ":2:8: at: 4 s is earlier than the reply before it"));
  CHECK(contains(r.err, file + ":3:1: missing \"at\""));
  CHECK(contains(r.err, file + ":4:1: JSON syntax"));
  const auto missing = run_chatdrill("play cancel-subscription-fi --replies /no/such/replies.jsonl");
  CHECK(missing.exit_code == 1);
  CHECK(contains(missing.err, "/no/such/replies.jsonl"));
}

TEST_CASE("play: invalid or unknown scenarios exit 1 with the findings") {
  const auto dir = scratch_dir("play-invalid");
  write_file(dir / "x.json", "{\"format\": \"chatdrill.scenario/1\", \"id\": \"x\"}\n");
  write_file(dir / "r.jsonl", "");
  const auto r =
      run_chatdrill("play " + quoted((dir / "x.json").string()) + " --replies " + quoted((dir / "r.jsonl").string()));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "x.json:1:1: missing \"title\""));
  const auto unknown = run_chatdrill("play no-such-scenario --replies " + quoted((dir / "r.jsonl").string()));
  CHECK(unknown.exit_code == 1);
  CHECK(contains(unknown.err, "no-such-scenario: no such scenario file or bundled scenario id"));
}

TEST_CASE("play: usage errors exit 2, --help exits 0") {
  CHECK(run_chatdrill("play").exit_code == 2);
  const auto no_replies = run_chatdrill("play cancel-subscription-fi");
  CHECK(no_replies.exit_code == 2);
  CHECK(contains(no_replies.err, "--replies FILE is required"));
  CHECK(run_chatdrill("play cancel-subscription-fi --replies").exit_code == 2);
  CHECK(run_chatdrill("play cancel-subscription-fi --replies x --seed -3").exit_code == 2);
  CHECK(run_chatdrill("play cancel-subscription-fi --replies x --time-limit 0").exit_code == 2);
  CHECK(run_chatdrill("play cancel-subscription-fi --replies x --bogus").exit_code == 2);
  const auto help = run_chatdrill("play --help");
  CHECK(help.exit_code == 0);
  CHECK(contains(help.out, "usage: chatdrill play SCENARIO --replies FILE"));
}

TEST_CASE("play: a broken lexicon file is reported with its location, not a crash") {
  const auto root = scratch_dir("play-lexicon");
  std::filesystem::create_directories(root / "scoring" / "lexicons");
  std::filesystem::create_directories(root / "assets");
  std::filesystem::create_directories(root / "scenarios");
  std::filesystem::copy_file(std::string(CHATDRILL_SOURCE_DIR) + "/scenarios/cancel-subscription-fi.json",
                             root / "scenarios" / "cancel-subscription-fi.json",
                             std::filesystem::copy_options::overwrite_existing);
  for (const char* data : {"scenarios/concepts", "scenarios/behaviour"})  // the language layer's data
    std::filesystem::copy(std::string(CHATDRILL_SOURCE_DIR) + "/" + data, root / data,
                          std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
  write_file(root / "scoring" / "lexicons" / "fi.json", "{\"format\": \n");
  const auto r = run_chatdrill("play cancel-subscription-fi --replies " + replies("cancel-lost.jsonl"),
                               "CHATDRILL_DATA=" + quoted(root.string()));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, (root / "scoring" / "lexicons" / "fi.json").string() + ":2:1: JSON syntax"));
  CHECK(r.out.empty());
}
