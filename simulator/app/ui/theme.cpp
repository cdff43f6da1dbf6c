// Theme colours: a calm chat-tool look (soft grey canvas, white cards, one blue accent).
#include "theme.h"

#include <algorithm>
#include <cmath>

namespace chatdrill::app {
namespace {

ImU32 rgb(unsigned hex, int alpha = 255) { return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, alpha); }
ImVec4 v(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

Palette make(bool dark) {
  Palette p{};
  if (dark) {
    p.background = rgb(0x17181C);
    p.panel = rgb(0x212329);
    p.panel_alt = rgb(0x2A2D35);
    p.border = rgb(0x363A44);
    p.text = rgb(0xE8EAEE);
    p.muted = rgb(0xA3AAB6);
    p.accent = rgb(0x7AAEFF);
    p.accent_soft = rgb(0x7AAEFF, 50);
    p.on_accent = rgb(0xFFFFFF);
    p.customer_bubble = rgb(0x2E3139);
    p.trainee_bubble = rgb(0x2F6FE4);
    p.model_bubble = rgb(0x1F3A2E);
    p.system_text = rgb(0xA9B0BC);
    p.highlight = rgb(0xF5B83D);
    p.danger = rgb(0xF58A91);
    p.warning = rgb(0xF5B83D);
    p.success = rgb(0x3FC380);
    p.accent_fill = rgb(0x2F6FE4);
    p.danger_fill = rgb(0xC42B36);
  } else {
    p.background = rgb(0xF3F4F7);
    p.panel = rgb(0xFFFFFF);
    p.panel_alt = rgb(0xF7F8FA);
    p.border = rgb(0xE1E4EA);
    p.text = rgb(0x1D2330);
    p.muted = rgb(0x5F6678);
    p.accent = rgb(0x1F5BCC);
    p.accent_soft = rgb(0x1F5BCC, 28);
    p.on_accent = rgb(0xFFFFFF);
    p.customer_bubble = rgb(0xECEEF2);
    p.trainee_bubble = rgb(0x2563D9);
    p.model_bubble = rgb(0xE3F5EA);
    p.system_text = rgb(0x5F6678);
    p.highlight = rgb(0xF0A20B);
    p.danger = rgb(0xB3242F);
    p.warning = rgb(0x8F5700);
    p.success = rgb(0x12703A);
    p.accent_fill = p.accent;
    p.danger_fill = p.danger;
  }
  p.text_v = v(p.text);
  p.muted_v = v(p.muted);
  p.accent_v = v(p.accent);
  p.danger_v = v(p.danger);
  p.warning_v = v(p.warning);
  p.success_v = v(p.success);
  return p;
}

}  // namespace

ImU32 blend(ImU32 over, ImU32 under) {
  const double a = ((over >> IM_COL32_A_SHIFT) & 0xFF) / 255.0;
  auto channel = [&](int shift) {
    const double o = (over >> shift) & 0xFF, u = (under >> shift) & 0xFF;
    return static_cast<ImU32>(o * a + u * (1 - a) + 0.5) << shift;
  };
  return channel(IM_COL32_R_SHIFT) | channel(IM_COL32_G_SHIFT) | channel(IM_COL32_B_SHIFT) | IM_COL32_A_MASK;
}

double contrast_ratio(ImU32 a, ImU32 b) {
  auto luminance = [](ImU32 c) {
    auto linear = [&](int shift) {
      const double v = ((c >> shift) & 0xFF) / 255.0;
      return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(IM_COL32_R_SHIFT) + 0.7152 * linear(IM_COL32_G_SHIFT) + 0.0722 * linear(IM_COL32_B_SHIFT);
  };
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

const Palette& palette(bool dark) {
  static const Palette light_palette = make(false), dark_palette = make(true);
  return dark ? dark_palette : light_palette;
}

void apply_theme(ImGuiStyle& style, bool dark, float scale) {
  style = ImGuiStyle();
  const Palette& p = palette(dark);
  style.WindowPadding = ImVec2(16, 14);
  style.FramePadding = ImVec2(10, 6);
  style.ItemSpacing = ImVec2(10, 8);
  style.ItemInnerSpacing = ImVec2(8, 6);
  style.ScrollbarSize = 12;
  style.WindowRounding = 0;
  style.ChildRounding = 10;
  style.FrameRounding = 7;
  style.PopupRounding = 10;
  style.GrabRounding = 7;
  style.ScrollbarRounding = 8;
  style.TabRounding = 7;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;
  style.PopupBorderSize = 1;
  style.FrameBorderSize = 0;
  style.ScaleAllSizes(scale);

  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = p.text_v;
  c[ImGuiCol_TextDisabled] = p.muted_v;
  c[ImGuiCol_WindowBg] = v(p.background);
  c[ImGuiCol_ChildBg] = v(p.panel);
  c[ImGuiCol_PopupBg] = v(p.panel);
  c[ImGuiCol_Border] = v(p.border);
  c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = v(p.panel_alt);
  c[ImGuiCol_FrameBgHovered] = v(dark ? rgb(0x323640) : rgb(0xEDEFF3));
  c[ImGuiCol_FrameBgActive] = v(dark ? rgb(0x383C47) : rgb(0xE6E9EF));
  c[ImGuiCol_TitleBg] = v(p.panel);
  c[ImGuiCol_TitleBgActive] = v(p.panel);
  c[ImGuiCol_MenuBarBg] = v(p.panel);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = v(dark ? rgb(0x454A55) : rgb(0xCDD1D9));
  c[ImGuiCol_ScrollbarGrabHovered] = v(dark ? rgb(0x555B67) : rgb(0xB8BDC7));
  c[ImGuiCol_ScrollbarGrabActive] = p.muted_v;
  c[ImGuiCol_CheckMark] = p.accent_v;
  c[ImGuiCol_SliderGrab] = p.accent_v;
  c[ImGuiCol_SliderGrabActive] = p.accent_v;
  c[ImGuiCol_Button] = v(dark ? rgb(0x2E3139) : rgb(0xE9ECF1));
  c[ImGuiCol_ButtonHovered] = v(dark ? rgb(0x3A3E48) : rgb(0xDDE1E8));
  c[ImGuiCol_ButtonActive] = v(dark ? rgb(0x454A55) : rgb(0xD2D7E0));
  c[ImGuiCol_Header] = v(p.accent_soft);
  c[ImGuiCol_HeaderHovered] = v(dark ? rgb(0x4C8DFF, 70) : rgb(0x2F6FED, 40));
  c[ImGuiCol_HeaderActive] = v(dark ? rgb(0x4C8DFF, 90) : rgb(0x2F6FED, 60));
  c[ImGuiCol_Separator] = v(p.border);
  c[ImGuiCol_TableHeaderBg] = v(p.panel_alt);
  c[ImGuiCol_TableBorderLight] = v(p.border);
  c[ImGuiCol_TableBorderStrong] = v(p.border);
  c[ImGuiCol_TextSelectedBg] = v(p.accent_soft);
  c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.05f, 0.07f, 0.1f, 0.45f);
  c[ImGuiCol_NavHighlight] = p.accent_v;
}

}  // namespace chatdrill::app
