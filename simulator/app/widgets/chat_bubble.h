// Chat bubbles: a message as a rounded bubble, customer on the left and trainee on the
// right, wrapped, with a small meta line (name, time). Event lines (left the chat, went
// quiet) are centred notes. A bubble's text is the message as written: drawn legibly
// (display_text), selectable with the mouse and copied as written (text_edit.h).
#pragma once

#include "text_edit.h"

#include <imgui.h>

#include <string>

namespace chatdrill::app {

struct Palette;

struct BubbleLook {
  bool right = false;  // trainee side
  ImU32 background = 0, text = 0;
  bool highlighted = false;  // outlined (picked from review evidence)
  float max_width = 0.7f;    // fraction of the available width
  ImU32 selection = 0;       // behind selected text
};

struct BubbleRects {
  ImVec2 min, max;            // the bubble (screen space)
  ImVec2 text_min, text_max;  // its text
};

// Draws the bubble (text selectable, `menu` on a right-click) and its meta line.
BubbleRects chat_bubble(const std::string& text, const std::string& meta, const BubbleLook& look, const Palette& p,
                        ImFont* meta_font, const CopyMenu* menu = nullptr);
// A centred note between bubbles ("Raija left the chat").
void chat_event(const std::string& text, ImU32 color, ImFont* font);
// The "typing..." indicator: three dots in a small customer-side bubble plus a label.
void typing_indicator(const std::string& label, const Palette& p, ImFont* font);

}  // namespace chatdrill::app
