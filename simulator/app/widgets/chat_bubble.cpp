// Chat bubble drawing with ImDrawList: rounded rectangles sized to wrapped text.
#include "chat_bubble.h"

#include "simulator/app/ui/theme.h"

#include <algorithm>

namespace chatdrill::app {

BubbleRects chat_bubble(const std::string& text, const std::string& meta, const BubbleLook& look, const Palette& p,
                        ImFont* meta_font, const CopyMenu* menu) {
  const float fs = ImGui::GetFontSize();
  const float avail = ImGui::GetContentRegionAvail().x;
  const ImVec2 pad(fs * 0.8f, fs * 0.55f);
  const float wrap = std::max(fs * 6, avail * look.max_width - 2 * pad.x);
  TextLayout layout = layout_text(text, wrap, ImGui::GetFont(), fs);
  ImVec2 ts(layout.width, static_cast<float>(layout.lines.size()) * fs);
  ImVec2 size(std::max(ts.x, fs) + 2 * pad.x, ts.y + 2 * pad.y);
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float x = look.right ? origin.x + avail - size.x : origin.x;
  ImVec2 a(x, origin.y), b(x + size.x, origin.y + size.y);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float r = fs * 0.9f;
  dl->AddRectFilled(a, b, look.background, r);
  // A squarer corner at the speaker's side, as chat tools draw the bubble's "tail".
  ImVec2 ca = look.right ? ImVec2(b.x - r, b.y - r) : ImVec2(a.x, b.y - r);
  dl->AddRectFilled(ca, ImVec2(ca.x + r, b.y), look.background, fs * 0.2f);
  if (look.highlighted) dl->AddRect(ImVec2(a.x - 3, a.y - 3), ImVec2(b.x + 3, b.y + 3), p.highlight, r + 3, 0, 3.0f);
  const ImVec2 tp(a.x + pad.x, a.y + pad.y);
  selectable_text(ImGui::GetID("##bubble"), layout, text, tp, look.text, look.selection, menu);
  BubbleRects rects{a, b, tp, ImVec2(tp.x + ts.x, tp.y + ts.y)};
  ImGui::Dummy(ImVec2(avail, size.y));
  if (!meta.empty()) {
    ImFont* f = meta_font ? meta_font : ImGui::GetFont();
    ImVec2 ms = f->CalcTextSizeA(f->FontSize, 1e9f, 0, meta.c_str());
    ImVec2 mp = ImGui::GetCursorScreenPos();
    float mx = look.right ? mp.x + avail - ms.x - fs * 0.3f : mp.x + fs * 0.3f;
    dl->AddText(f, f->FontSize, ImVec2(mx, mp.y + fs * 0.1f), p.muted, meta.c_str());
    ImGui::Dummy(ImVec2(avail, ms.y + fs * 0.35f));
  }
  return rects;
}

void chat_event(const std::string& text, ImU32 color, ImFont* font) {
  ImFont* f = font ? font : ImGui::GetFont();
  const float avail = ImGui::GetContentRegionAvail().x;
  ImVec2 ts = f->CalcTextSizeA(f->FontSize, 1e9f, avail, text.c_str());
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float y = p.y + ts.y / 2 + ImGui::GetFontSize() * 0.3f;
  float gap = ImGui::GetFontSize() * 0.8f;
  float x0 = p.x + (avail - ts.x) / 2;
  if (x0 - gap > p.x) {
    ImU32 line = (color & 0x00FFFFFF) | (60u << 24);
    dl->AddLine(ImVec2(p.x + avail * 0.1f, y), ImVec2(x0 - gap, y), line);
    dl->AddLine(ImVec2(x0 + ts.x + gap, y), ImVec2(p.x + avail * 0.9f, y), line);
  }
  dl->AddText(f, f->FontSize, ImVec2(std::max(p.x, x0), p.y + ImGui::GetFontSize() * 0.3f), color, text.c_str(),
              nullptr, avail);
  ImGui::Dummy(ImVec2(avail, ts.y + ImGui::GetFontSize() * 0.6f));
}

void typing_indicator(const std::string& label, const Palette& p, ImFont* font) {
  const float fs = ImGui::GetFontSize();
  ImVec2 o = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 size(fs * 3.2f, fs * 1.8f);
  dl->AddRectFilled(o, ImVec2(o.x + size.x, o.y + size.y), p.customer_bubble, fs * 0.9f);
  for (int i = 0; i < 3; ++i)
    dl->AddCircleFilled(ImVec2(o.x + fs * (0.9f + 0.7f * i), o.y + size.y / 2), fs * 0.17f, p.muted, 12);
  ImFont* f = font ? font : ImGui::GetFont();
  dl->AddText(f, f->FontSize, ImVec2(o.x + size.x + fs * 0.5f, o.y + (size.y - f->FontSize) / 2), p.muted,
              label.c_str());
  ImGui::Dummy(ImVec2(ImGui::GetContentRegionAvail().x, size.y + fs * 0.3f));
}

}  // namespace chatdrill::app
