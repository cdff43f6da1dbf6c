// Light and dark themes: ImGui style values plus the palette our widgets draw with
// (bubbles, accents, muted text). Sizes scale with the UI scale. No window, no engine.
#pragma once

#include <imgui.h>

namespace chatdrill::app {

struct Palette {
  ImU32 background, panel, panel_alt, border, text, muted, accent, accent_soft, on_accent;
  ImU32 customer_bubble, trainee_bubble, model_bubble, system_text, highlight;
  ImU32 danger, warning, success;
  ImU32 accent_fill, danger_fill;  // filled buttons under on_accent text (darker than the text colours in dark)
  ImVec4 text_v, muted_v, accent_v, danger_v, warning_v, success_v;
};

const Palette& palette(bool dark);
// `over` (with its alpha) drawn on the opaque `under`, as the screen shows it.
ImU32 blend(ImU32 over, ImU32 under);
// WCAG 2.1 contrast ratio of two opaque colours, 1..21 (AA asks 4.5 for text).
double contrast_ratio(ImU32 a, ImU32 b);
// Resets `style` and applies the theme at `scale`.
void apply_theme(ImGuiStyle& style, bool dark, float scale);

}  // namespace chatdrill::app
