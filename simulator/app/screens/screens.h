// The app's screens, one file each, drawn inside the root window over AppState. They read
// engine state and call AppState commands; they never touch GLFW/GL or engine internals.
#pragma once

#include "scoring/core/timestamp.h"
#include "simulator/app/ui/app_state.h"

#include <memory>
#include <optional>
#include <string>

namespace chatdrill::app {

struct Palette;

void draw_home(AppState& state);
void draw_session(AppState& state);
void draw_review(AppState& state);
void draw_settings(AppState& state);
void draw_recovery_popup(AppState& state);
// The first-run welcome over Home (screens/welcome.cpp): shown while state.dialogs.welcome.
void draw_welcome(AppState& state);

// The learning path's pick for this trainee (classroom/learning_path.h) and why, in the UI
// language; none when the library has no scenario in it.
struct SuggestedScenario {
  std::shared_ptr<const engine::Scenario> scenario;
  std::string reason;
  bool first = false;  // the trainee's first in this language ("start here")
};
std::optional<SuggestedScenario> suggested_scenario(AppState& state);

// The root window: top bar, then the current screen. Call between NewFrame and Render.
void draw_app(AppState& state);

// For each transcript message, the scenario's model reply shown beside it: the first
// trainee message answering a node gets that node's model reply (else null).
std::vector<const engine::ModelReply*> model_beside(const ReviewView& review);

// "Label##id": translated label with an ID that does not change with the language.
std::string label(const AppState& state, const char* key, const std::string& id);
const Palette& colors(const AppState& state);
// An outcome for people: the string table's, else the scenario ending's label, else the id.
std::string outcome_text(const AppState& state, const engine::Scenario* scenario, const std::string& outcome);
// m:ss for a session clock (h:mm:ss past an hour): the one clock, scoring/core/timestamp.h.
using scoring::clock_text;

}  // namespace chatdrill::app
