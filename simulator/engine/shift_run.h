// A shift being played: several engine::Sessions on one clock. Customers arrive at their
// times; with a concurrency limit, a customer arriving when the trainee already has that
// many chats open waits in the queue (their session runs: patience drains, the wait counts)
// and is picked up when a chat ends. Every persona acts whether or not the trainee is in
// its chat; the run tracks which chat the trainee is in (focus) for the multitasking grade.
// It journals the whole shift (`chatdrill.shift-journal/1`) so a crash recovers every chat.
// Time is an input (advance(now), shift seconds from 0); nothing here reads a clock.
// Deterministic for (shift, scenarios, seeds, inputs with times).
//
// The app drives it as it drives a Session: advance(now) each frame or wake-up, next_due()
// for the wait timeout, send/focus/end_chat as commands, chats() to draw the chat list.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scoring/shift_transcript.h"
#include "session.h"
#include "shift.h"

namespace chatdrill::engine {

inline constexpr const char* k_shift_journal_format = "chatdrill.shift-journal/1";

struct ShiftOptions {
  std::optional<std::uint64_t> seed;  // replaces every chat's seed by one derived from it (chat_seed)
  std::string journal_path;           // empty: no journal
  std::string trainee;
};

// The seed a chat plays with: its own, or with a shift seed one mixed from it and the chat's
// place, so `--seed N` changes every customer and keeps them apart.
std::uint64_t chat_seed(const ShiftChat& chat, std::size_t index, std::optional<std::uint64_t> shift_seed);

enum class ChatPhase {
  upcoming,  // not arrived yet
  queued,    // arrived, waiting for a free place (the trainee cannot answer yet)
  open,      // the trainee can answer
  ended,     // finished (customer left, an ending, ended by the trainee, shift over)
};
const char* phase_name(ChatPhase phase);

struct ShiftChatState {
  const ShiftChat* plan = nullptr;
  ChatPhase phase = ChatPhase::upcoming;
  std::optional<Seconds> picked_up_at;  // shift time it left the queue
  std::unique_ptr<Session> session;     // from arrival on; its clock is shift time - arrive_at
  CustomerFacts customer;
  // The chat's clock at shift time `now`.
  Seconds chat_time(Seconds now) const { return now - plan->arrive_at; }
};

class ShiftRun {
 public:
  // `scenarios` per chat, loaded without errors (load_shift_scenarios). Throws
  // std::invalid_argument when they do not match the shift, std::runtime_error when a
  // language's data is broken (as Session does).
  ShiftRun(Shift shift, std::vector<std::shared_ptr<const Scenario>> scenarios, ShiftOptions options);
  ~ShiftRun();
  ShiftRun(ShiftRun&&) noexcept;
  ShiftRun& operator=(ShiftRun&&) noexcept;

  // Moves every chat on to `now` (arrivals, customers' lines, nudges, leaving, the queue,
  // the shift's end), in time order. `now` never goes backwards.
  void advance(Seconds now);

  enum class Sent { sent, unknown_chat, not_arrived, queued, ended, empty };
  // The trainee's reply in chat `chat` (its id) at `now`; the trainee is then in that chat.
  Sent send(Seconds now, std::string_view chat, std::string_view text);
  // The trainee switches to chat `chat` (arrived and not queued); false otherwise.
  bool focus(Seconds now, std::string_view chat);
  // The trainee ends one chat (outcome "ended_by_trainee"); false if it is not open.
  bool end_chat(Seconds now, std::string_view chat);
  // Ends the shift: chats still running end with `outcome` ("shift_over"), upcoming ones
  // never arrive.
  void end(Seconds now, std::string outcome = "shift_over");

  // The next time something changes without input (an arrival, a customer's line, typing).
  std::optional<Seconds> next_due() const;
  bool finished() const;
  const std::string& outcome() const;  // "completed" (every chat ended), "shift_over", ...
  Seconds now() const;
  const Shift& shift() const;
  const std::vector<ShiftChatState>& chats() const;
  std::optional<std::size_t> chat_index(std::string_view chat) const;
  // The chat the trainee is in (none before the first arrival).
  std::optional<std::size_t> current() const;
  // How many chats are open / queued now.
  int open_count() const;
  // What happened so far (chats still running say "interrupted" until they end).
  scoring::ShiftTranscript transcript() const;
  // Empty while journaling works (or none was asked for); else why it stopped.
  const std::string& journal_error() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Reads a shift journal (possibly torn by a crash) into a shift transcript: every complete
// line kept, chats still running with outcome "interrupted". The shift itself is in the
// header, so no other file is needed. A journal without a complete header is a diagnostic.
scoring::ShiftTranscriptLoad recover_shift_journal(const std::string& path);
scoring::ShiftTranscriptLoad recover_shift_journal_text(std::string_view text, const std::string& file);

// Replays a recovered shift into a fresh run of the same shift and seeds: the trainee's
// switches and replies at their times, then up to just past the last event. True if every
// chat told the same story again and the shift can go on from there.
bool replay_shift_journal(ShiftRun& run, const scoring::ShiftTranscript& journalled);

// Scripted play (`chatdrill play SHIFT`): a reply {"at", "chat", "text"}; without text, a
// switch to the chat.
struct ShiftReply {
  Seconds at = 0;
  std::string chat;
  std::optional<std::string> text;
  int line = 0;  // in the replies file
};
struct ShiftRepliesLoad {
  std::vector<ShiftReply> replies;
  scoring::Diagnostics diagnostics;  // file:line:col; no replies when any is an error
};
// One JSON object per line; blank lines skipped; times not decreasing; chat ids checked
// against `shift` (with "did you mean") and against arrival times.
ShiftRepliesLoad parse_shift_replies(std::string_view text, const std::string& file, const Shift& shift);
ShiftRepliesLoad load_shift_replies(const std::string& path, const Shift& shift);

// Plays the replies; a reply the run could not take (its chat queued or ended) is a
// warning located at its line. The shift then runs until every chat ended or `horizon`
// after the last reply (then ended "shift_over"), or its duration.
scoring::Diagnostics play_shift(ShiftRun& run, const std::vector<ShiftReply>& replies, const std::string& file,
                                Seconds horizon = 4 * 3600.0);

}  // namespace chatdrill::engine
