// The customer's state, live (issue 15, part 5): patience as a bar with its percentage,
// mood as a word on a small –..+ scale, and a short note when either changes. The model
// (bands, the change note) is pure and clock-free: the caller passes the app time it keeps.
#pragma once

#include <imgui.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chatdrill::app {

struct Palette;

enum class MoodBand { angry, annoyed, neutral, pleased };
// -1..1 to a word's band; "annoyed" starts where the personas switch to their upset lines.
MoodBand mood_band(double mood);
const char* mood_key(MoodBand band);  // string key: "customer_state.mood.pleased" ...

// Patience 0..1: success from 60 %, warning from 30 %, danger below.
ImU32 patience_color(double patience, const Palette& p);

// What changed lately, as string keys ("customer_state.patience_down"...), each kept for
// k_cue_seconds of app time: one note for patience, one for mood.
inline constexpr double k_cue_seconds = 6;
struct CueNote {
  std::string key;  // empty: nothing to say
  double until = 0;
};
struct CustomerCue {
  std::optional<double> mood;      // the mood last noted
  std::optional<int> patience_at;  // patience in tenths (rounded up), last noted
  CueNote patience_note, mood_note;
};
// Notes a change of `patience` (a tenth down, or two up: a reply that ended the wait) or
// of `mood` (by 0.05 or more) at app time `now`.
void update_cue(CustomerCue& cue, double patience, double mood, double now);
// The notes to show at `now`: patience's first, then mood's (none, one or two).
std::vector<std::string> cue_keys(const CustomerCue& cue, double now);

struct CustomerStateLabels {
  std::string heading, patience, mood, mood_word;
  std::vector<std::pair<std::string, bool>> changes;  // each note's text and whether it is a fall
};

// Draws the cue across the available width: heading, patience bar + "64 %", mood scale +
// word, the change notes (finished chats pass none).
void customer_state_cue(double patience, double mood, const CustomerStateLabels& labels, const Palette& p,
                        ImFont* small);

}  // namespace chatdrill::app
