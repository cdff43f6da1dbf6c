// Chat bubbles: a message as a rounded bubble, customer on the left and trainee on the
// right, wrapped, with a small meta line (name, time). Event lines (left the chat, went
// quiet) are centred notes. Drawing only: the caller supplies display-ready text.
#pragma once

#include <imgui.h>

#include <string>

namespace chatdrill::app {

struct Palette;

struct BubbleLook {
  bool right = false;  // trainee side
  ImU32 background = 0, text = 0;
  bool highlighted = false;  // outlined (picked from review evidence)
  float max_width = 0.7f;    // fraction of the available width
};

// Draws the bubble and its meta line; returns the bubble's rectangle (screen space).
ImVec2 chat_bubble(const std::string& text, const std::string& meta, const BubbleLook& look, const Palette& p,
                   ImFont* meta_font);
// A centred note between bubbles ("Raija left the chat").
void chat_event(const std::string& text, ImU32 color, ImFont* font);
// The "typing..." indicator: three dots in a small customer-side bubble plus a label.
void typing_indicator(const std::string& label, const Palette& p, ImFont* font);

}  // namespace chatdrill::app
