// Which rubric grades a transcript, shared by `grade` and `calibrate` so both grade a chat
// the same way: a --scenario, else the transcript's own scenario, else the rubric for any
// chat; then the timing of --preset, else of the transcript's channel.
#pragma once

#include "scoring/grade.h"
#include "scoring/transcript.h"

#include <map>
#include <optional>
#include <string>

namespace chatdrill::cli {

// The rubric of a scenario file or bundled scenario id; nullopt (diagnostics printed) on failure.
std::optional<scoring::Rubric> scenario_rubric(const std::string& which);

class RubricChooser {
 public:
  explicit RubricChooser(std::string command) : command_(std::move(command)) {}

  std::optional<scoring::Rubric> chosen;  // --scenario: beats the transcript's scenario and channel
  std::string preset;                     // --preset: beats the transcript's channel

  // Takes --scenario FILE|ID or --preset chat|async at argv[i] (moving `i` past its value).
  // not_mine: another option; usage: a value missing or wrong (`error` says which);
  // failed: the scenario could not be read (its diagnostics printed).
  enum class Option { taken, not_mine, usage, failed };
  Option take_option(int argc, char** argv, int& i, std::string& error);

  // --scenario's rubric when given; else the scenario the transcript names, when it is a
  // scenario file beside the transcript (ID.json) or a bundled one — so the CLI grades a
  // session exactly as the app and exercise results did; else the rubric for any chat.
  // Its timing is then --preset's, or (without --scenario) the transcript's channel's.
  // Loaded scenarios are kept by file for the next transcript.
  const scoring::Rubric& rubric_for(const scoring::Transcript& t, const std::string& file);

 private:
  const scoring::Rubric& base_for(const scoring::Transcript& t, const std::string& file);

  std::string command_;
  scoring::Rubric any_chat_;
  scoring::Rubric timed_;  // the last rubric a preset was applied to
  std::map<std::string, scoring::Rubric> cache_;
};

}  // namespace chatdrill::cli
