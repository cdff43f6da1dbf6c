// Real chat logs: `at` as ISO-8601 timestamps (relative to the first message, zones,
// fractions), threads longer than a week, and the async preset that grades email and
// social media against targets in hours.
#include <doctest/doctest.h>

#include <string>

#include "scoring/core/timestamp.h"
#include "scoring/grade.h"
#include "scoring/transcript.h"
#include "support/grader.h"
#include "transcript_support.h"

using namespace chatdrill::scoring;
using namespace chatdrill::scoring::test;

namespace {

std::string chat(const std::string& messages, const std::string& top = "") {
  return R"({"format": "chatdrill.transcript/1", "language": "en", )" + top + R"("messages": [)" + messages + "]}";
}

bool has(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("ISO timestamps become seconds after the first message") {
  const auto l = load(chat(R"({"from": "customer", "at": "2026-03-04T09:15:02Z", "text": "Hi, where is my order 4821?"},
    {"from": "trainee", "at": "2026-03-04T09:15:32.250Z", "text": "Hello! Let me check order 4821."},
    {"from": "trainee", "at": "2026-03-04 09:16:02", "text": "It left today."})"));
  REQUIRE_MESSAGE(l.transcript, errors(l));
  const auto& m = l.transcript->messages;
  CHECK(m[0].at == 0);
  CHECK(m[1].at == doctest::Approx(30.25));
  CHECK(m[2].at == doctest::Approx(60));  // no zone: the zone of the others (UTC)
}

TEST_CASE("offsets are honoured and a time without one takes the zone of the others") {
  const auto l = load(chat(R"({"from": "customer", "at": "2026-03-04T09:00:00+02:00", "text": "Hi"},
    {"from": "trainee", "at": "2026-03-04T07:01:00Z", "text": "Hello"},
    {"from": "customer", "at": "2026-03-04T09:02:00", "text": "Thanks"},
    {"from": "trainee", "at": "2026-03-04T03:03:00-0400", "text": "Bye"})"));
  REQUIRE_MESSAGE(l.transcript, errors(l));
  const auto& m = l.transcript->messages;
  CHECK(m[1].at == doctest::Approx(60));
  CHECK(m[2].at == doctest::Approx(120));  // read in +02:00
  CHECK(m[3].at == doctest::Approx(180));
}

TEST_CASE("timestamp parsing: dates checked by the calendar, fractions, shapes") {
  std::string why;
  CHECK(parse_timestamp("2024-02-29T12:00:00Z", why));  // a leap year
  CHECK_FALSE(parse_timestamp("2026-02-29T12:00:00Z", why));
  CHECK(why == "\"2026-02-29T12:00:00Z\": February 2026 has 28 days");
  CHECK_FALSE(parse_timestamp("2026-13-01T00:00:00Z", why));
  CHECK(has(why, "no month 13"));
  CHECK_FALSE(parse_timestamp("2026-03-04T24:00:00Z", why));
  CHECK_FALSE(parse_timestamp("2026-03-04", why));
  CHECK(has(why, "no time of day"));
  CHECK_FALSE(parse_timestamp("2026-03-04T09:15:02+15:00", why));
  auto t = parse_timestamp("1970-01-02T00:00:01.5+01:00", why);
  REQUIRE(t);
  CHECK(t->utc_seconds() == doctest::Approx(86400 + 1.5 - 3600));
  CHECK(parse_timestamp("2026-03-04T09:15Z", why));  // seconds may be left out
}

TEST_CASE("invalid timestamps and mixed kinds are errors with the field's location") {
  const auto bad =
      load(chat("{\"from\": \"customer\", \"at\": \"2026-02-30T10:00:00Z\", \"text\": \"Hi\"},\n"
                "{\"from\": \"trainee\", \"at\": \"yesterday\", \"text\": \"Hello\"}"));
  CHECK_FALSE(bad.transcript);
  const std::string e = errors(bad);
  CHECK(has(e, "t.json:1:"));
  CHECK(has(e, "messages[0].at: \"2026-02-30T10:00:00Z\": February 2026 has 30 days") ==
        false);  // February never has 30
  CHECK(has(e, "messages[0].at: \"2026-02-30T10:00:00Z\": February 2026 has 28 days"));
  CHECK(has(e, "t.json:2:"));
  CHECK(has(e, "messages[1].at: \"yesterday\" is not an ISO-8601 timestamp"));
  const auto mixed = load(chat(R"({"from": "customer", "at": 0, "text": "Hi"},
    {"from": "trainee", "at": "2026-03-04T09:15:02Z", "text": "Hello"})"));
  CHECK_FALSE(mixed.transcript);
  CHECK(has(errors(mixed), ":2:"));
  CHECK(has(errors(mixed), "messages[1].at: a timestamp, but messages[0].at is a number of seconds"));
  const auto backwards = load(chat(R"({"from": "customer", "at": "2026-03-04T09:15:02Z", "text": "Hi"},
    {"from": "trainee", "at": "2026-03-04T09:15:01Z", "text": "Hello"})"));
  CHECK(has(errors(backwards), "messages[1].at: time -1 is earlier than the message before it"));
  const auto too_long = load(chat(R"({"from": "customer", "at": "2016-03-04T09:15:02Z", "text": "Hi"},
    {"from": "trainee", "at": "2026-03-05T09:15:01Z", "text": "Hello"})"));
  CHECK(
      has(errors(too_long), "messages[1].at: 3653 days after the first message; a transcript spans at most 10 years"));
  const auto infinite = load(chat(R"({"from": "customer", "at": 1e300, "text": "Hi"})"));
  CHECK(has(errors(infinite), "messages[0].at: 1e+300 is not a time in seconds since the start (0 to 10 years)"));
}

TEST_CASE("a three-month thread and seconds beyond a week load and grade") {
  const auto months =
      load(chat(R"({"from": "customer", "at": "2026-01-05T08:00:00+02:00", "text": "Hello, my invoice 5521 is wrong."},
    {"from": "trainee", "at": "2026-01-05T08:40:00+02:00", "text": "Hello, thank you for writing. I corrected invoice 5521. Is there anything else?"},
    {"from": "customer", "at": "2026-04-07T10:00:00+03:00", "text": "Invoice 5521 is wrong again."},
    {"from": "trainee", "at": "2026-04-07T11:00:00+03:00", "text": "I am sorry about invoice 5521. I fixed it and sent a new one today."})",
                R"("channel": "email", )"));
  REQUIRE_MESSAGE(months.transcript, errors(months));
  CHECK(months.transcript->channel == "email");
  CHECK(months.transcript->messages.back().at > 90 * 86400.0);
  Rubric async;
  REQUIRE(apply_preset(async, "async"));
  const Grade g = grade_transcript(*months.transcript, async, test_grader());
  CHECK(g.dimension("speed").score == doctest::Approx(100));
  const auto week = load(
      chat(R"({"from": "customer", "at": 700000, "text": "Hi"}, {"from": "trainee", "at": 700020, "text": "Hello"})"));
  CHECK_MESSAGE(week.transcript, errors(week));
}

TEST_CASE("an unknown channel is an error listing the channels") {
  const auto l = load(chat(R"({"from": "customer", "at": 0, "text": "Hi"})", R"("channel": "fax", )"));
  CHECK(has(errors(l), "channel: \"fax\" is not a channel (chat, email, social)"));
  CHECK(preset_for_channel("social") == "async");
  CHECK(preset_for_channel("chat") == "chat");
  CHECK(preset_for_channel("fax").empty());
}

TEST_CASE("a two-hour email reply is good with the async preset and bad in a chat") {
  const auto l =
      load(chat(R"({"from": "customer", "at": "2026-03-04T09:00:00Z", "text": "Hi, my order 4821 has not arrived."},
    {"from": "trainee", "at": "2026-03-04T10:10:00Z", "text": "Hello, thank you for writing. Order 4821 left today and arrives tomorrow."},
    {"from": "customer", "at": "2026-03-04T10:30:00Z", "text": "Can I change the address of order 4821?"},
    {"from": "trainee", "at": "2026-03-04T12:30:00Z", "text": "Yes, I changed the address of order 4821 for you."})"));
  REQUIRE_MESSAGE(l.transcript, errors(l));
  Rubric async;
  REQUIRE(apply_preset(async, "async"));
  const auto fast = grade_speed(*l.transcript, async, test_grader());
  const auto slow = grade_speed(*l.transcript, Rubric{}, test_grader());
  CHECK(fast.score > 90);
  CHECK(slow.score < 10);
  std::string notes;
  for (const auto& e : fast.evidence) notes += e.note + "\n";
  CHECK_MESSAGE(has(notes, "Reply in 2 h, target 4 h."), notes);
  CHECK_MESSAGE(has(notes, "First reply took 1 h 10 min, target 1 h."), notes);
  CHECK(duration_text(12000, false) == "3 h 20 min");
  CHECK(duration_text(45, false) == "45 s");
  CHECK(duration_text(3 * 86400 + 5 * 3600, true) == "3 vrk 5 h");
}
