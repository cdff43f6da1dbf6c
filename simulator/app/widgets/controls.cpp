// Shared widgets: cards, avatars, chips, accent buttons.
#include "controls.h"

#include "simulator/app/ui/emoji.h"
#include "simulator/app/ui/theme.h"

#include <imgui_internal.h>

namespace chatdrill::app {

std::string initials(const std::string& name) {
  std::string out;
  bool at_start = true;
  for (std::size_t i = 0; i < name.size();) {
    std::size_t begin = i;
    std::uint32_t cp = next_code_point(name, i);
    if (cp == ' ' || cp == '-') {
      at_start = true;
      continue;
    }
    if (at_start && out.size() < 8) out += name.substr(begin, i - begin);
    at_start = false;
  }
  // Upper-case ASCII and Latin-1 initials (ä -> Ä).
  std::string upper;
  for (std::size_t i = 0; i < out.size();) {
    std::uint32_t cp = next_code_point(out, i);
    if (cp >= 'a' && cp <= 'z') cp -= 32;
    else if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) cp -= 32;
    append_utf8(upper, cp);
  }
  return display_text(upper.empty() ? "?" : upper);
}

ImU32 avatar_color(const std::string& name) {
  unsigned h = 2166136261u;
  for (unsigned char c : name) h = (h ^ c) * 16777619u;
  return k_avatar_colors[h % std::size(k_avatar_colors)];
}

void avatar(const std::string& name, float diameter, ImU32 color, ImFont* font) {
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 c(p.x + diameter / 2, p.y + diameter / 2);
  dl->AddCircleFilled(c, diameter / 2, color, 32);
  std::string text = initials(name);
  if (!font) font = ImGui::GetFont();
  float size = diameter * 0.42f;
  ImVec2 ts = font->CalcTextSizeA(size, 1e9f, 0, text.c_str());
  dl->AddText(font, size, ImVec2(c.x - ts.x / 2, c.y - ts.y / 2), IM_COL32_WHITE, text.c_str());
  ImGui::Dummy(ImVec2(diameter, diameter));
}

void chip(const char* text, ImU32 bg, ImU32 fg) {
  ImVec2 ts = ImGui::CalcTextSize(text);
  float pad_x = ImGui::GetFontSize() * 0.5f, pad_y = ImGui::GetFontSize() * 0.18f;
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImVec2 size(ts.x + 2 * pad_x, ts.y + 2 * pad_y);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), bg, size.y / 2);
  dl->AddText(ImVec2(p.x + pad_x, p.y + pad_y), fg, text);
  ImGui::Dummy(size);
}

namespace {

bool colored_button(const char* label, ImU32 base, ImU32 text, const ImVec2& size) {
  ImVec4 b = ImGui::ColorConvertU32ToFloat4(base);
  ImGui::PushStyleColor(ImGuiCol_Button, b);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(b.x * 0.9f, b.y * 0.9f, b.z * 0.9f, b.w));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(b.x * 0.8f, b.y * 0.8f, b.z * 0.8f, b.w));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(text));
  bool pressed = ImGui::Button(label, size);
  ImGui::PopStyleColor(4);
  return pressed;
}

}  // namespace

bool accent_button(const char* label, const Palette& p, const ImVec2& size) {
  return colored_button(label, p.accent_fill, p.on_accent, size);
}

bool danger_button(const char* label, const Palette& p, const ImVec2& size) {
  return colored_button(label, p.danger_fill, p.on_accent, size);
}

void muted_text(const std::string& text, const Palette& p) {
  ImGui::PushStyleColor(ImGuiCol_Text, p.muted_v);
  wrapped_text(text);
  ImGui::PopStyleColor();
}

void wrapped_text(const std::string& text) {
  // Keep a wrap position the caller set (panels wrap before their border).
  bool own = ImGui::GetCurrentWindow()->DC.TextWrapPos < 0.0f;
  if (own) ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
  if (own) ImGui::PopTextWrapPos();
}

void begin_card(const char* id, const ImVec2& size, const Palette& p) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(p.panel));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ImGui::GetFontSize(), ImGui::GetFontSize() * 0.8f));
  ImGui::BeginChild(id, size, true, ImGuiWindowFlags_AlwaysUseWindowPadding);
}

namespace {
struct PanelFrame {
  ImVec2 start;
  float width = 0;
};
PanelFrame g_panel;  // panels do not nest, so one frame record is enough
}  // namespace

void begin_panel(const Palette&) {
  const float fs = ImGui::GetFontSize();
  ImGui::GetWindowDrawList()->ChannelsSplit(2);
  ImGui::GetWindowDrawList()->ChannelsSetCurrent(1);
  g_panel.start = ImGui::GetCursorScreenPos();
  g_panel.width = ImGui::GetContentRegionAvail().x;
  ImGui::Dummy(ImVec2(0, fs * 0.5f));
  ImGui::Indent(fs);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + g_panel.width - 2 * fs);
  ImGui::BeginGroup();
}

float panel_right() { return g_panel.start.x + g_panel.width - ImGui::GetFontSize(); }

void end_panel(const Palette& p) {
  const float fs = ImGui::GetFontSize();
  ImGui::EndGroup();
  ImGui::PopTextWrapPos();
  ImGui::Unindent(fs);
  ImGui::Dummy(ImVec2(0, fs * 0.3f));
  ImVec2 end(g_panel.start.x + g_panel.width, ImGui::GetItemRectMax().y);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(g_panel.start, end, p.panel, fs * 0.6f);
  dl->AddRect(g_panel.start, end, p.border, fs * 0.6f);
  dl->ChannelsMerge();
}

void end_card() {
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

}  // namespace chatdrill::app
