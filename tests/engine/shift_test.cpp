// Shifts (engine/shift.h, shift_run.h): the format's located findings, and the runtime in
// virtual time — patience drains in a chat the trainee is not in, a queued customer's wait
// counts, the journal recovers every chat, the same seed plays the same shift.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "engine_test_support.h"
#include "scoring/core/paths.h"
#include "simulator/engine/shift_run.h"
#include "simulator/engine/validation.h"
#include "support/format_agreement.h"

using namespace chatdrill;
using namespace chatdrill::engine;
using chatdrill::engine::test::all_of;
using chatdrill::engine::test::pos_of;

namespace {

const scoring::Diagnostic* finding_at(const scoring::Diagnostics& ds, const std::string& path) {
  for (const auto& d : ds)
    if (d.path == path) return &d;
  return nullptr;
}

ShiftLoad read_shift(const std::string& text, const std::string& file = "shift.json") {
  auto parsed = scoring::parse_json(text, file);
  REQUIRE(parsed.doc);
  return shift_from_doc(*parsed.doc);
}

// A shift of the bundled scenarios, loaded with its scenarios.
struct Loaded {
  Shift shift;
  std::vector<std::shared_ptr<const Scenario>> scenarios;
};

Loaded loaded(const std::string& text) {
  auto load = read_shift(text);
  INFO(all_of(load.diagnostics));
  REQUIRE(load.shift);
  auto scenarios = load_shift_scenarios(*load.shift);
  INFO(all_of(scenarios.diagnostics));
  REQUIRE(!scoring::has_errors(scenarios.diagnostics));
  return {*load.shift, scenarios.scenarios};
}

// c1: a patient subscriber at 0, c2: an impatient customer (60 s of patience) at 10 s.
const std::string k_two = R"({
  "format": "chatdrill.shift/1", "id": "t", "title": "Two", "language": "fi",
  "chats": [
    {"id": "c1", "scenario": "cancel-subscription-fi", "arrive_at": 0, "seed": 1},
    {"id": "c2", "scenario": "impatient-customer-fi", "arrive_at": 10, "seed": 2}
  ]
})";

std::string with_concurrency(const std::string& text, int n) {
  std::string out = text;
  out.replace(out.find("\"language\": \"fi\","), 17,
              "\"language\": \"fi\", \"concurrency\": " + std::to_string(n) + ",");
  return out;
}

std::string dumped(const ShiftRun& run) { return scoring::shift_transcript_to_json(run.transcript()).dump(); }

}  // namespace

TEST_CASE("shift format: findings are located and say what to write instead") {
  const std::string text = R"({
  "format": "chatdrill.shift/1",
  "title": "Bad",
  "language": "fi",
  "concurrency": 0,
  "duraton": 600,
  "chats": [
    {"id": "c1", "scenario": "impatient-customer-fj", "arrive_at": 0},
    {"id": "c1", "scenario": "silent-customer-fi", "arrive_at": -5},
    {"id": "c3", "scenario": "silent-customer-fi"}
  ]
})";
  const auto load = read_shift(text);
  CHECK_FALSE(load.shift);
  INFO(all_of(load.diagnostics));
  const auto* unknown = finding_at(load.diagnostics, "chats[0].scenario");
  REQUIRE(unknown);
  CHECK(unknown->pos.line == pos_of(text, "\"impatient-customer-fj\"").line);
  CHECK(unknown->message.find("did you mean \"impatient-customer-fi\"") != std::string::npos);
  const auto* twice = finding_at(load.diagnostics, "chats[1].id");
  REQUIRE(twice);
  CHECK(twice->message.find("duplicate chat id \"c1\" (also chats[0])") != std::string::npos);
  CHECK(twice->pos.line == pos_of(text, "\"c1\"", 1).line);
  const auto* negative = finding_at(load.diagnostics, "chats[1].arrive_at");
  REQUIRE(negative);
  CHECK(negative->pos.line == pos_of(text, "-5").line);
  const auto* concurrency = finding_at(load.diagnostics, "concurrency");
  REQUIRE(concurrency);
  CHECK(concurrency->pos.line == 5);
  CHECK(concurrency->pos.col == 18);
  const auto* typo = finding_at(load.diagnostics, "duraton");
  REQUIRE(typo);
  CHECK(typo->message.find("did you mean \"duration\"") != std::string::npos);
  const auto* missing = finding_at(load.diagnostics, "chats[2]");
  REQUIRE(missing);
  CHECK(missing->message.find("missing \"arrive_at\"") != std::string::npos);
}

TEST_CASE("shift format: the schema and the reader agree, scenarios must speak the shift's language") {
  const std::string text = R"({
  "format": "chatdrill.shift/1", "title": "Mixed", "language": "fi", "duration": 100,
  "chats": [
    {"id": "c1", "scenario": "impatient-customer-en", "arrive_at": 0},
    {"id": "c2", "scenario": "silent-customer-fi", "arrive_at": 100}
  ]
})";
  const auto check = check_shift_text(text, "mixed.json");
  CHECK_FALSE(check.shift);
  INFO(all_of(check.diagnostics));
  const auto* late = finding_at(check.diagnostics, "chats[1].arrive_at");
  REQUIRE(late);
  CHECK(late->message.find("not before the end of the shift") != std::string::npos);
  // Every bundled shift is valid and plays in its language.
  for (const auto& file : json_files_in(scoring::data_path("scenarios/shifts").string())) {
    CAPTURE(file);
    const auto bundled = check_parsed_shift(file, scoring::parse_json_file(file));
    INFO(all_of(bundled.diagnostics));
    CHECK(bundled.diagnostics.empty());
    REQUIRE(bundled.shift);
    for (const auto& sc : bundled.scenarios) CHECK(sc->language == bundled.shift->language);
  }
  const auto language = check_shift_text(
      R"({"format": "chatdrill.shift/1", "title": "L", "language": "fi", "chats": [{"id": "c1", "scenario": "impatient-customer-en", "arrive_at": 0}]})",
      "l.json");
  const auto* wrong = finding_at(language.diagnostics, "chats[0].scenario");
  REQUIRE(wrong);
  CHECK(wrong->message.find("is in \"en\", the shift in \"fi\"") != std::string::npos);
}

TEST_CASE("shift run: patience drains in a chat the trainee is not in") {
  auto [shift, scenarios] = loaded(k_two);
  ShiftRun run(shift, scenarios, {});
  CHECK(run.current() == 0u);  // the first customer to arrive is where the trainee starts
  CHECK(run.send(5, "c1", "Hei Raija, kiitos että olette lukeneet lehteä niin kauan! Mikä saa teidät lopettamaan?") ==
        ShiftRun::Sent::sent);
  run.advance(40);
  const auto& c2 = run.chats()[1];
  CHECK(c2.phase == ChatPhase::open);
  CHECK(run.current() == 0u);
  const CustomerState waiting = c2.session->customer();
  CHECK(waiting.waiting);
  CHECK(waiting.waited == doctest::Approx(30).epsilon(0.05));
  CHECK(waiting.patience < 0.6);
  run.advance(200);
  CHECK(c2.phase == ChatPhase::ended);
  CHECK(c2.session->outcome() == "customer_left");
  CHECK(run.chats()[0].phase == ChatPhase::open);  // the patient one still waits its turn
  // The shift transcript places each chat on the shift's clock.
  const auto t = run.transcript();
  REQUIRE(t.chats.size() == 2);
  CHECK(t.chats[1].arrived_at == 10);
  CHECK(t.chats[1].transcript.outcome == "customer_left");
  CHECK(t.chats[0].transcript.outcome == "interrupted");
  CHECK(t.outcome == "interrupted");
  REQUIRE(t.focus.size() == 1);
  CHECK(t.chats[1].customer == "Markku Laine");
}

TEST_CASE("shift run: a queued customer cannot be answered, and their wait counts") {
  auto [shift, scenarios] = loaded(with_concurrency(k_two, 1));
  ShiftRun run(shift, scenarios, {});
  run.advance(20);
  CHECK(run.chats()[1].phase == ChatPhase::queued);
  CHECK(run.send(20, "c2", "Hei!") == ShiftRun::Sent::queued);
  CHECK_FALSE(run.focus(20, "c2"));
  CHECK(run.open_count() == 1);
  CHECK(run.end_chat(40, "c1"));
  const auto& c2 = run.chats()[1];
  CHECK(c2.phase == ChatPhase::open);
  REQUIRE(c2.picked_up_at);
  CHECK(*c2.picked_up_at == 40);
  // The customer wrote at arrival and has waited since, in the queue.
  CHECK(c2.session->customer().waited == doctest::Approx(30).epsilon(0.05));
  CHECK(run.send(41, "c2", "Hei Markku, pahoittelen odotusta! Kertoisitteko tilausnumeron?") == ShiftRun::Sent::sent);
  CHECK(run.current() == 1u);
  const auto t = run.transcript();
  REQUIRE(t.chats[1].picked_up_at);
  CHECK(*t.chats[1].picked_up_at == 40);
  // The first reply came 31 s after the customer wrote (chat time).
  const auto& ms = t.chats[1].transcript.messages;
  const auto reply = std::find_if(ms.begin(), ms.end(), [](const auto& m) { return m.is_trainee_message(); });
  REQUIRE(reply != ms.end());
  CHECK(reply->at == doctest::Approx(31));
}

TEST_CASE("shift run: the journal recovers every chat, and a replay goes on from there") {
  auto [shift, scenarios] = loaded(k_two);
  const auto dir = std::filesystem::path(CHATDRILL_TEST_TMP) / "shift-journal";
  std::filesystem::create_directories(dir);
  const std::string journal = (dir / "shift.journal").string();
  std::string before;
  {
    ShiftOptions options;
    options.journal_path = journal;
    options.trainee = "Testi";
    ShiftRun run(shift, scenarios, options);
    run.send(5, "c1", "Hei Raija! Mikä saa teidät lopettamaan?");
    run.send(20, "c2", "Hei Markku, hetkinen, tarkistan tilauksenne.");
    run.focus(30, "c1");
    run.advance(50);
    CHECK(run.journal_error().empty());
    before = dumped(run);
  }  // the app is killed here: nothing ends the shift
  // A torn last line, as a crash mid-write leaves.
  std::ofstream(journal, std::ios::app) << "{\"chat\": \"c1\", \"mess";
  const auto recovered = recover_shift_journal(journal);
  INFO(all_of(recovered.diagnostics));
  REQUIRE(recovered.shift);
  const auto& s = *recovered.shift;
  CHECK(s.outcome == "interrupted");
  CHECK(s.trainee == "Testi");
  REQUIRE(s.chats.size() == 2);
  const auto original = scoring::parse_json(before, "before");
  REQUIRE(original.doc);
  const auto want = scoring::shift_transcript_from_doc(*original.doc);
  REQUIRE(want.shift);
  for (std::size_t c = 0; c < 2; ++c) {
    CAPTURE(c);
    CHECK(s.chats[c].transcript.messages.size() == want.shift->chats[c].transcript.messages.size());
    CHECK(s.chats[c].transcript.outcome == "interrupted");
    CHECK(s.chats[c].customer == want.shift->chats[c].customer);
  }
  CHECK(s.focus.size() == 3);
  // The same shift and seeds tell the same story again, and the shift goes on.
  ShiftRun again(shift, scenarios, {});
  CHECK(replay_shift_journal(again, s));
  CHECK(again.current() == 0u);
  CHECK(again.send(60, "c1", "Kiitos, että kerroitte.") == ShiftRun::Sent::sent);
}

TEST_CASE("shift run: the same seed plays the same shift, another seed other lines") {
  auto [shift, scenarios] = loaded(k_two);
  auto play = [&, &shift = shift, &scenarios = scenarios](std::optional<std::uint64_t> seed) {
    ShiftOptions options;
    options.seed = seed;
    ShiftRun run(shift, scenarios, options);
    run.send(5, "c1", "Hei! Miten voin auttaa?");
    run.send(25, "c2", "Hei, kertoisitteko tilausnumeron?");
    run.advance(600);
    return dumped(run);
  };
  CHECK(play(std::nullopt) == play(std::nullopt));
  CHECK(play(7) == play(7));
  CHECK(chat_seed(shift.chats[0], 0, 7) != chat_seed(shift.chats[1], 1, 7));
  CHECK(chat_seed(shift.chats[0], 0, 7) != chat_seed(shift.chats[0], 0, 8));
  CHECK(chat_seed(shift.chats[1], 1, std::nullopt) == 2);
}

TEST_CASE("shift run: the duration ends the shift, replies name their chat with located errors") {
  auto [shift, scenarios] = loaded(k_two);
  shift.duration = 30;
  ShiftRun run(shift, scenarios, {});
  run.advance(100);
  CHECK(run.finished());
  CHECK(run.outcome() == "shift_over");
  CHECK(run.now() == 30);
  for (const auto& c : run.chats()) CHECK(c.session->outcome() == "shift_over");
  const auto replies = parse_shift_replies(
      "{\"at\": 1, \"chat\": \"c1\", \"text\": \"Hei\"}\n\n{\"at\": 2, \"chat\": \"c3\", \"text\": \"x\"}\n"
      "{\"at\": 3, \"chat\": \"c2\", \"text\": \"y\"}\n{\"at\": 0.5, \"chat\": \"c1\"}\n",
      "r.jsonl", shift);
  INFO(all_of(replies.diagnostics));
  CHECK(replies.replies.empty());
  REQUIRE(replies.diagnostics.size() == 3);
  CHECK(replies.diagnostics[0].pos.line == 3);
  CHECK(replies.diagnostics[0].message.find("did you mean \"c1\"") != std::string::npos);
  CHECK(replies.diagnostics[1].pos.line == 4);
  CHECK(replies.diagnostics[1].message.find("before chat \"c2\" arrives") != std::string::npos);
  CHECK(replies.diagnostics[2].pos.line == 5);
  CHECK(replies.diagnostics[2].message.find("time order") != std::string::npos);
}

TEST_CASE("shift format: the reader reads exactly the fields shift.schema.json lists") {
  const auto files = chatdrill::test::format::json_files(scoring::data_path("scenarios/shifts"));
  const auto met = chatdrill::test::format::check_agreement(
      shift_schema_path(), files, [](const scoring::JsonDoc& doc) { return shift_from_doc(doc).diagnostics; });
  CHECK(met.size() >= 2);
}
