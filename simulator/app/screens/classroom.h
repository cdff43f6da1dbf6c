// The classroom's screens: the trainee's timed exercise (screens/exercise.cpp) and the
// trainer's live results dashboard (screens/trainer.cpp). They draw; their state and
// commands are in ui/classroom_state.h, the rules in simulator/classroom/. No GLFW or GL.
#pragma once

#include "simulator/app/ui/classroom_state.h"

namespace chatdrill::app {

void draw_exercise(AppState& state);
void draw_trainer(AppState& state);
// The countdown strip shown above every screen while an exercise runs.
void draw_exercise_strip(AppState& state);
// "File" and "For trainers" menus for the top bar, with their path prompts, the file
// picker behind Browse… and the scenario-folders dialog.
void draw_classroom_menus(AppState& state);

}  // namespace chatdrill::app
