// Small building blocks the screens share: cards, avatar circles, tag chips, accent
// buttons, section headings. Pure ImGui drawing; text always comes in from the caller.
#pragma once

#include <imgui.h>

#include <string>

namespace chatdrill::app {

struct Palette;

// Initials of a name ("Raija Virtanen" -> "RV"), UTF-8 aware.
std::string initials(const std::string& name);
// A filled circle with initials, `diameter` in pixels; advances the cursor.
void avatar(const std::string& name, float diameter, ImU32 color, ImFont* font);
// A stable colour for a name (so each persona keeps its colour).
// Avatar circles under white initials (each at least 4.5:1 against white).
inline constexpr ImU32 k_avatar_colors[] = {IM_COL32(0x2F, 0x62, 0xC8, 255), IM_COL32(0xB8, 0x43, 0x4D, 255),
                                            IM_COL32(0x1F, 0x7A, 0x5E, 255), IM_COL32(0x99, 0x60, 0x0F, 255),
                                            IM_COL32(0x74, 0x46, 0xB0, 255), IM_COL32(0x1E, 0x71, 0x87, 255)};
ImU32 avatar_color(const std::string& name);
// A small rounded label; stays on the current line.
void chip(const char* text, ImU32 bg, ImU32 fg);
// A button drawn in the accent colour. Same semantics as ImGui::Button.
bool accent_button(const char* label, const Palette& p, const ImVec2& size = ImVec2(0, 0));
bool danger_button(const char* label, const Palette& p, const ImVec2& size = ImVec2(0, 0));
// Muted small text, wrapped.
void muted_text(const std::string& text, const Palette& p);
// Wrapped text of any length (TextWrapped cuts at 3 KB in 1.86).
void wrapped_text(const std::string& text);
// Starts a bordered, padded card (BeginChild, always pair with end_card).
void begin_card(const char* id, const ImVec2& size, const Palette& p);
void end_card();
// A card that grows with its content (no child window, no scrollbar): the background is
// drawn behind the content with a draw-list splitter. Do not nest panels.
void begin_panel(const Palette& p);
void end_panel(const Palette& p);
// Right edge of the current panel's content area (for right-aligned buttons).
float panel_right();

}  // namespace chatdrill::app
