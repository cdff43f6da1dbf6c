// The session screen's saved replies (screens/saved_replies_panel.cpp): the panel beside
// the chat or, in a narrow window, a strip over the reply box; and Alt+1..Alt+9. Drawn by
// session.cpp.
#pragma once

#include "simulator/app/ui/app_state.h"

namespace chatdrill::app {

// Heading, filter box, the list by group (the scenario's, the exercise's, the trainee's
// own) and the trainee's add / edit / delete. `heading_large`: the panel's own column.
void saved_replies_panel(AppState& state, bool heading_large);
// A narrow window's one line over the reply box: the first replies that fit, by title, and
// a button that opens the whole panel in a popup.
void saved_replies_strip(AppState& state);
float saved_replies_strip_height();  // what the strip takes of the column's height
// Alt+1..Alt+9 put the first nine replies of the list into the draft. Once a frame.
void saved_reply_keys(AppState& state);

}  // namespace chatdrill::app
