// Shifts from the command line: `play` of a bundled shift from a replies file naming each
// line's chat, `grade` of the shift transcript (text and --json), `validate` of shift
// files, and bad input as located findings, never a crash.
#include "cli_test_support.h"
#include "scoring/core/json_doc.h"
#include "scoring/shift_transcript.h"

using namespace chatdrill;
using namespace chatdrill::cli::test;

namespace {

std::string replies(const std::string& name) { return quoted(std::string(CHATDRILL_TEST_DATA) + "/replies/" + name); }

scoring::ShiftTranscript shift_of(const std::string& json) {
  auto parsed = scoring::parse_json(json, "stdout");
  REQUIRE_MESSAGE(parsed.doc, (parsed.error ? parsed.error->to_string() : ""));
  auto load = scoring::shift_transcript_from_doc(*parsed.doc);
  for (const auto& d : load.diagnostics) MESSAGE(d.to_string());
  REQUIRE(load.shift);
  return *load.shift;
}

}  // namespace

TEST_CASE("play: a bundled two-chat shift from replies that name their chat, then grade it") {
  const auto r = run_chatdrill("play two-chats-fi --replies " + replies("shift-two-chats-fi.jsonl"));
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  const auto s = shift_of(r.out);
  CHECK(s.id == "two-chats-fi");
  CHECK(s.language == "fi");
  CHECK(s.outcome == "completed");
  REQUIRE(s.chats.size() == 2);
  CHECK(s.chats[0].transcript.outcome == "resolved");
  CHECK(s.chats[1].transcript.outcome == "retained");
  CHECK(s.chats[1].arrived_at == 45);
  CHECK(s.chats[1].transcript.scenario == "cancel-subscription-fi");
  CHECK(s.focus.size() > 4);
  // The same replies play the same shift; --out writes it and prints nothing.
  const auto dir = scratch_dir("shift-play");
  const auto out = dir / "shift.json";
  const auto again = run_chatdrill("play two-chats-fi --replies " + replies("shift-two-chats-fi.jsonl") + " --out " +
                                   quoted(out.string()));
  REQUIRE(again.exit_code == 0);
  CHECK(again.out.empty());
  CHECK(slurp(out) == r.out);

  const auto graded = run_chatdrill("grade " + quoted(out.string()));
  INFO(graded.err);
  REQUIRE(graded.exit_code == 0);
  CHECK(contains(graded.out, "Chat c1: Markku Laine (impatient-customer-fi, resolved)"));
  CHECK(contains(graded.out, "Chat c2: Raija Virtanen (cancel-subscription-fi, retained)"));
  CHECK(contains(graded.out, "Monen chatin hallinta (multitasking):"));
  CHECK(contains(graded.out, "multitasking.longest_wait"));
  CHECK(contains(graded.out, "multitasking.resolved_per_hour"));
  const auto json = run_chatdrill("grade --json " + quoted(out.string()));
  REQUIRE(json.exit_code == 0);
  auto parsed = scoring::parse_json(json.out, "stdout");
  REQUIRE(parsed.doc);
  const auto& j = parsed.doc->root;
  CHECK(j["format"] == "chatdrill.shift-grade/1");
  REQUIRE(j["chats"].size() == 2);
  CHECK(j["chats"][0]["chat"] == "c1");
  CHECK(j["chats"][0]["format"] == "chatdrill.grade/2");
  CHECK(j["multitasking"]["score"].is_number());
  CHECK(j["multitasking"]["figures"]["resolved"] == 2);
}

TEST_CASE("play: --seed changes every chat's seed, a four-chat shift with nobody answering loses them all") {
  const auto dir = scratch_dir("shift-seed");
  write_file(dir / "none.jsonl", "");
  const auto a = run_chatdrill("play busy-hour-en --replies " + quoted((dir / "none.jsonl").string()) + " --seed 9");
  REQUIRE(a.exit_code == 0);
  const auto s = shift_of(a.out);
  REQUIRE(s.seed);
  CHECK(*s.seed == 9);
  REQUIRE(s.chats.size() == 4);
  for (const auto& c : s.chats) {
    CHECK(c.transcript.outcome == "customer_left");
    REQUIRE(c.transcript.seed);
    CHECK(*c.transcript.seed != 1);
  }
  write_file(dir / "busy.json", a.out);
  const auto summary = run_chatdrill("grade " + quoted((dir / "busy.json").string()));
  REQUIRE(summary.exit_code == 0);
  CHECK(contains(summary.out, "multitasking.left_unattended"));
  CHECK(contains(summary.out, "Multitasking (multitasking):"));
}

TEST_CASE("play: bad shift replies are located findings; replies to a chat that cannot take them are warnings") {
  const auto dir = scratch_dir("shift-bad");
  write_file(dir / "bad.jsonl",
             "{\"at\": 5, \"chat\": \"c1\", \"text\": \"Hei!\"}\n{\"at\": 6, \"chat\": \"c3\", \"text\": \"x\"}\n"
             "{\"at\": 7, \"chat\": \"c2\", \"text\": \"too early\"}\n");
  const auto bad = run_chatdrill("play two-chats-fi --replies " + quoted((dir / "bad.jsonl").string()));
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.empty());
  CHECK(contains(bad.err, "bad.jsonl:2:"));
  CHECK(contains(bad.err, "did you mean \"c1\""));
  CHECK(contains(bad.err, "bad.jsonl:3:"));
  CHECK(contains(bad.err, "before chat \"c2\" arrives (45 s)"));
  // A shift whose chats ended before a reply: the reply is not sent, and the line says so.
  write_file(dir / "late.jsonl", "{\"at\": 3000, \"chat\": \"c1\", \"text\": \"Oletteko vielä siellä?\"}\n");
  const auto late = run_chatdrill("play two-chats-fi --replies " + quoted((dir / "late.jsonl").string()));
  CHECK(late.exit_code == 0);
  CHECK(contains(late.err, "late.jsonl:1:1: warning:"));
  const auto limit =
      run_chatdrill("play two-chats-fi --replies " + quoted((dir / "late.jsonl").string()) + " --time-limit 60");
  CHECK(limit.exit_code == 2);
  write_file(dir / "broken-shift.json",
             "{\"format\": \"chatdrill.shift-transcript/1\", \"language\": \"fi\",\n"
             " \"chats\": [{\"id\": \"c1\", \"arrived_at\": -1}]}\n");
  const auto graded = run_chatdrill("grade " + quoted((dir / "broken-shift.json").string()));
  CHECK(graded.exit_code == 1);
  CHECK(contains(graded.err, "broken-shift.json:2:"));
  CHECK(contains(graded.err, "chats[0].arrived_at"));
}

TEST_CASE("validate: the bundled shifts are clean, a broken one is told where") {
  const auto ok = run_chatdrill("validate scenarios/shifts");
  CHECK(ok.exit_code == 0);
  CHECK(contains(ok.out, "4 files checked: 4 valid, 0 errors, 0 warnings"));
  const auto dir = scratch_dir("shift-validate");
  write_file(dir / "bad-shift.json", R"({
  "format": "chatdrill.shift/1",
  "title": "Broken",
  "language": "fi",
  "concurrency": 0,
  "chats": [
    {"id": "c1", "scenario": "silent-customer-fy", "arrive_at": 0},
    {"id": "c1", "scenario": "silent-customer-fi", "arrive_at": -3}
  ]
})");
  const auto bad = run_chatdrill("validate " + quoted((dir / "bad-shift.json").string()));
  CHECK(bad.exit_code == 1);
  CHECK(contains(bad.err, "bad-shift.json:5:18: concurrency:"));
  CHECK(contains(bad.err,
                 "bad-shift.json:7:30: chats[0].scenario: unknown scenario id \"silent-customer-fy\" (did "
                 "you mean \"silent-customer-fi\"?)"));
  CHECK(contains(bad.err, "bad-shift.json:8:12: chats[1].id: duplicate chat id \"c1\""));
  CHECK(contains(bad.err, "chats[1].arrive_at"));
}

TEST_CASE("play: the busy hour, three chats played well; the fourth customer waits in the queue and leaves") {
  // tests/cli/replies/shift-busy-hour-fi.jsonl: the brisk skilled self-test runs of c1-c3,
  // each moved to its chat's arrival; c4 arrives while three chats are open.
  const auto r = run_chatdrill("play busy-hour-fi --replies " + replies("shift-busy-hour-fi.jsonl"));
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  const auto s = shift_of(r.out);
  REQUIRE(s.chats.size() == 4);
  for (std::size_t c = 0; c < 3; ++c) CHECK(s.chats[c].transcript.outcome == "resolved");
  CHECK(s.chats[3].arrived_at == 150);
  CHECK_FALSE(s.chats[3].picked_up_at);  // never left the queue
  CHECK(s.chats[3].transcript.outcome == "customer_left");
  const auto dir = scratch_dir("shift-busy");
  write_file(dir / "busy.json", r.out);
  const auto graded = run_chatdrill("grade " + quoted((dir / "busy.json").string()));
  REQUIRE(graded.exit_code == 0);
  CHECK(contains(graded.out, "multitasking.left_unattended: Jere Nieminen (chat c4) lähti jonosta"));
  CHECK(contains(graded.out, "3 / 4 chattia ratkaistu"));
}
