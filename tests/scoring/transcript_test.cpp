// The transcript's typed event data (mood, patience) and its named kinds and senders:
// what the session writes reads back the same, byte for byte, and a wrong value is
// located like every other reader error.
#include <doctest/doctest.h>

#include <string>

#include "scoring/transcript.h"
#include "transcript_support.h"

using namespace chatdrill::scoring;
using namespace chatdrill::scoring::test;

namespace {

// As the session and its journal write it (compact): node, then mood and patience last.
const std::string k_written =
    R"({"format":"chatdrill.transcript/1","scenario":"s","language":"fi","seed":7,"outcome":"customer_left","messages":[)"
    R"({"from":"customer","at":0.0,"text":"Hei.","node":"start","mood":-0.2,"patience":1.0},)"
    R"({"from":"trainee","at":12.5,"text":"Moi!","intent":"greet","node":"start","mood":0.0,"patience":0.875},)"
    R"({"from":"customer","kind":"left","at":200.0,"text":"","node":"start","mood":-1.0,"patience":0.0},)"
    R"({"from":"system","kind":"ended","at":200.0,"text":"customer_left","outcome":"customer_left"}]})";

}  // namespace

TEST_CASE("mood and patience are read into typed fields, not left in extra") {
  const auto l = load(k_written);
  REQUIRE_MESSAGE(l.transcript, errors(l));
  const auto& m = l.transcript->messages;
  REQUIRE(m.size() == 4);
  CHECK(m[0].mood == -0.2);
  CHECK(m[0].patience == 1.0);
  CHECK(m[1].patience == 0.875);
  CHECK(m[2].mood == -1.0);
  CHECK(m[2].patience == 0.0);
  CHECK_FALSE(m[3].mood);  // an event without them has none
  CHECK_FALSE(m[3].patience);
  for (const auto& x : m) {
    CHECK_FALSE(x.extra.contains("mood"));
    CHECK_FALSE(x.extra.contains("patience"));
  }
  CHECK(m[1].extra["node"] == "start");  // other fields stay in extra, as read
  CHECK(m[1].extra["intent"] == "greet");
}

TEST_CASE("a transcript read and written again is byte-identical") {
  const auto l = load(k_written);
  REQUIRE_MESSAGE(l.transcript, errors(l));
  CHECK(transcript_to_json(*l.transcript).dump() == k_written);
}

TEST_CASE("typed mood and patience are written as the JSON fields \"mood\" and \"patience\", after extra") {
  Message m;
  m.from = sender::customer;
  m.kind = kind::nudge;
  m.at = 30.25;
  m.text = "Haloo?";
  m.extra["node"] = "order";
  m.mood = -0.35;
  m.patience = 0.5;
  CHECK(message_to_json(m).dump() ==
        R"({"from":"customer","kind":"nudge","at":30.25,"text":"Haloo?","node":"order","mood":-0.35,"patience":0.5})");
  m.mood.reset();
  m.patience.reset();
  CHECK(message_to_json(m).dump() == R"({"from":"customer","kind":"nudge","at":30.25,"text":"Haloo?","node":"order"})");
}

TEST_CASE("a wrong mood or patience is an error at its place in the file") {
  const auto chat = [](const std::string& fields) {
    return "{\"format\": \"chatdrill.transcript/1\", \"language\": \"en\", \"messages\": [\n"
           "  {\"from\": \"customer\", \"at\": 0, \"text\": \"Hi\"},\n"
           "  {\"from\": \"customer\", \"at\": 1, \"text\": \"Hello?\", " +
           fields + "}]}";
  };
  const auto wrong_type = load(chat(R"("mood": "angry")"));
  CHECK_FALSE(wrong_type.transcript);
  CHECK(errors(wrong_type) == "t.json:3:59: messages[1].mood: must be a number from -1 to 1, not a string\n");
  const auto null_patience = load(chat(R"("patience": null)"));
  CHECK_FALSE(null_patience.transcript);
  CHECK(errors(null_patience) == "t.json:3:63: messages[1].patience: must be a number from 0 to 1, not null\n");
  const auto too_low = load(chat(R"("mood": -1.5, "patience": 1.25)"));
  CHECK_FALSE(too_low.transcript);
  CHECK(errors(too_low) ==
        "t.json:3:59: messages[1].mood: -1.5 is not a mood (-1 to 1)\n"
        "t.json:3:77: messages[1].patience: 1.25 is not a share of patience left (0 to 1)\n");
  const auto ends = load(chat(R"("mood": 1, "patience": 0)"));  // the ends of the ranges are fine
  REQUIRE_MESSAGE(ends.transcript, errors(ends));
  CHECK(ends.transcript->messages[1].mood == 1.0);
  CHECK(ends.transcript->messages[1].patience == 0.0);
}

TEST_CASE("kinds and senders are named constants; the message predicates are built on them") {
  Message m;
  CHECK(m.kind == kind::message);
  m.from = sender::customer;
  CHECK(m.is_customer_message());
  m.kind = kind::nudge;
  CHECK(m.is_customer_message());  // a nudge is something the customer wrote
  CHECK(m.is_customer_event(kind::nudge));
  m.kind = kind::left;
  CHECK_FALSE(m.is_customer_message());
  CHECK(m.is_customer_event(kind::left));
  CHECK(m.is_customer_event("left"));  // the constants are the strings on disk
  m.from = sender::trainee;
  m.kind = kind::message;
  CHECK(m.is_trainee_message());
  CHECK_FALSE(m.is_customer_event(kind::message));
  CHECK(sender::system == "system");
  CHECK(kind::ended == "ended");
  CHECK(kind::silent == "silent");
  CHECK(kind::returned == "returned");
  CHECK(kind::typing == "typing");
}
