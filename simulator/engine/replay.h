// Playing a session from scripted replies in virtual time (`chatdrill play`, `chatdrill
// exercise`, scenario self-tests): the replies file format (JSON lines {"at": 12.5, "text":
// "..."}) and the run itself; and replaying a crashed session's journal into a new session
// (recovery). No clock: time jumps from event to event, so ten minutes take milliseconds.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "scenario.h"
#include "scoring/core/diagnostic.h"
#include "scoring/transcript.h"
#include "session.h"

namespace chatdrill::engine {

struct RepliesLoad {
  std::vector<TestReply> replies;
  scoring::Diagnostics diagnostics;  // file:line:col per line; no replies when any is an error
};

// One JSON object per line; blank lines are skipped. Times in seconds, not decreasing.
RepliesLoad parse_replies(std::string_view text, const std::string& file);
RepliesLoad load_replies(const std::string& path);

// How long after the last reply the run keeps going for the customer to answer or leave.
inline constexpr Seconds k_replay_horizon = 4 * 3600.0;

// Sends each reply at its time and lets the session run until it finishes (the customer
// ends or leaves, the time limit) or `horizon` after the last reply, when it is ended.
scoring::Transcript replay(std::shared_ptr<const Scenario> scenario, const std::vector<TestReply>& replies,
                           SessionOptions options, Seconds horizon = k_replay_horizon);
// The same on a session the caller made (and keeps: its journal, its result).
void replay_into(Session& session, const std::vector<TestReply>& replies, Seconds horizon = k_replay_horizon);

// Journals keep times to the millisecond (scoring::transcript_to_json).
inline constexpr Seconds k_journal_time_step = 0.001;
// The time of a transcript's last message (0 when empty).
Seconds last_event_time(const scoring::Transcript& transcript);
// Where a journalled chat's clock resumes: just past its last event.
Seconds resume_time(const scoring::Transcript& journalled);
// Replays a journalled chat into a fresh `session` of the same scenario and seed: the
// trainee's lines at their times, then up to resume_time(). True if the persona told the
// same story again (same messages, same times) and the chat can go on from there.
bool replay_journal(Session& session, const scoring::Transcript& journalled);

}  // namespace chatdrill::engine
