// A live or replayed chat session: one trainee, one scenario, one seed. Owns the persona
// runtime and the transcript, and journals every event as it happens when asked to.
// Time is an input: whoever owns the clock calls advance(now); nothing here reads it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "scoring/transcript.h"

namespace chatdrill::engine {

using Seconds = double;
struct Scenario;  // scenario.h

struct SessionOptions {
  std::uint64_t seed = 1;
  std::optional<Seconds> time_limit;  // session ends with outcome "time_up" at this time
  std::string journal_path;           // empty: no journal
  std::string trainee;                // recorded in the transcript when set
};

// What the app shows about the customer right now.
struct CustomerState {
  bool typing = false;    // "typing..." indicator
  bool silent = false;    // went quiet; waiting for a check-in
  bool waiting = false;   // the customer waits for the trainee's answer
  Seconds waited = 0;     // how long it has waited so far
  double patience = 1.0;  // 1 full .. 0 leaves
  double mood = 0.0;      // -1 .. 1
  std::string node;       // current scenario node id
  bool on_hold = false;   // told "one moment": waiting for the agent, patience resting
  Seconds quiet_for = 0;  // while silent: seconds since it went quiet
};

class Session {
 public:
  // `scenario` must have loaded without errors (scenario_loader.h). Throws
  // std::invalid_argument without one, and std::runtime_error (with file:line:col) when
  // the language's lexicon file is broken: an install problem, not a scenario one.
  Session(std::shared_ptr<const Scenario> scenario, SessionOptions options);
  ~Session();
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;

  // Processes everything due up to `now` (customer lines, nudges, leaving, time limit).
  // `now` never goes backwards; the session starts at 0.
  void advance(Seconds now);
  // The trainee sends a reply at `now` (advances to `now` first). Ignored when finished
  // or when the text is empty after trimming. Text is stored as received (sanitized UTF-8).
  // `noted`: fields the caller records on the message (the app's "saved_reply"); the
  // session's own ("node", "intent", ...) win over them.
  void send(Seconds now, std::string_view text, const scoring::Json& noted = scoring::Json::object());
  // The trainee ends the session (outcome "ended_by_trainee" unless given).
  void end(Seconds now, std::string outcome = "ended_by_trainee");

  // The next time something will change without input (for the app's wait timeout).
  std::optional<Seconds> next_due() const;
  bool finished() const;
  const std::string& outcome() const;  // empty while running
  CustomerState customer() const;
  const scoring::Transcript& transcript() const;
  const Scenario& scenario() const;
  // Empty while journaling works (or no journal was asked for); else why it stopped.
  const std::string& journal_error() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chatdrill::engine
