// `chatdrill grade` on asynchronous channels: a transcript's "channel" or --preset picks
// targets in hours, and the report says hours.
#include "cli_test_support.h"

using namespace chatdrill::cli::test;

TEST_CASE("grade: a two-hour email reply is on time by channel or --preset async, late in a chat") {
  const auto dir = scratch_dir("grade-async");
  const std::string messages =
      R"("messages": [{"from": "customer", "at": "2026-03-04T09:00:00Z", "text": "Hi, my order 4821 has not arrived."},
        {"from": "trainee", "at": "2026-03-04T09:40:00Z", "text": "Hello, thank you for writing. Order 4821 left today."},
        {"from": "customer", "at": "2026-03-04T10:00:00Z", "text": "Can I change the address of order 4821?"},
        {"from": "trainee", "at": "2026-03-04T12:00:00Z", "text": "Yes, I changed the address of order 4821."}]})";
  const auto email = dir / "email.json", plain = dir / "plain.json";
  write_file(email, R"({"format": "chatdrill.transcript/1", "language": "en", "channel": "email", )" + messages);
  write_file(plain, R"({"format": "chatdrill.transcript/1", "language": "en", )" + messages);
  const Run by_channel = run_chatdrill("grade " + quoted(email.string()));
  REQUIRE_MESSAGE(by_channel.exit_code == 0, by_channel.err);
  CHECK(contains(by_channel.out, "Speed (speed): 100.0"));
  CHECK(contains(by_channel.out, "Reply in 2 h, target 4 h."));
  CHECK(contains(by_channel.out, "#4 trainee 3:00:00:"));  // times past an hour read h:mm:ss
  CHECK(contains(run_chatdrill("grade --preset async " + quoted(plain.string())).out, "Speed (speed): 100.0"));
  const Run chat = run_chatdrill("grade " + quoted(plain.string()));
  CHECK(contains(chat.out, "Speed (speed): 0.0"));
  CHECK(contains(chat.out, "Reply took 2 h, target 60 s."));
  CHECK(contains(run_chatdrill("grade --preset chat " + quoted(email.string())).out, "Speed (speed): 0.0"));
  CHECK(run_chatdrill("grade --preset weekly " + quoted(email.string())).exit_code == 2);
}
