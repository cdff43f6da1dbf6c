// Light and dark themes: ImGui style values plus the palette our widgets draw with
// (bubbles, accents, muted text). Sizes scale with the UI scale. No window, no engine.
#pragma once

#include <imgui.h>

namespace chatdrill::app {

struct Palette {
  ImU32 background, panel, panel_alt, border, text, muted, accent, accent_soft, on_accent;
  ImU32 customer_bubble, trainee_bubble, model_bubble, system_text, highlight;
  ImU32 danger, warning, success;
  ImVec4 text_v, muted_v, accent_v, danger_v, warning_v, success_v;
};

const Palette& palette(bool dark);
// Resets `style` and applies the theme at `scale`.
void apply_theme(ImGuiStyle& style, bool dark, float scale);

}  // namespace chatdrill::app
