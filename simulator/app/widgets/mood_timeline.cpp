// Patience/mood chart drawn with ImDrawList (no plotting library in Debian's ImGui).
#include "mood_timeline.h"

#include "simulator/app/ui/theme.h"

#include <algorithm>

namespace chatdrill::app {

Timeline timeline_of(const scoring::Transcript& t) {
  Timeline out;
  out.points.push_back({0, 1, 0});
  bool first = true;
  for (const auto& m : t.messages) {
    out.end = std::max(out.end, m.at);
    if (m.is_trainee_message()) out.replies.push_back(m.at);
    if (m.kind == scoring::kind::nudge) out.nudges.push_back(m.at);
    if (m.kind == scoring::kind::left && out.left_at < 0) out.left_at = m.at;
    if (m.patience && m.mood) {
      // Clamped still: a Message built in code has no reader checking its range.
      TimelinePoint p{m.at, std::clamp(*m.patience, 0.0, 1.0), std::clamp(*m.mood, -1.0, 1.0)};
      if (first) out.points.front().mood = p.mood;
      first = false;
      out.points.push_back(p);
    }
  }
  if (out.end <= 0) out.end = 1;
  return out;
}

namespace {

void legend(ImDrawList* dl, ImVec2 at, ImU32 color, const std::string& label, float fs, ImU32 text) {
  dl->AddRectFilled(ImVec2(at.x, at.y + fs * 0.35f), ImVec2(at.x + fs * 1.2f, at.y + fs * 0.6f), color, 2);
  dl->AddText(ImVec2(at.x + fs * 1.5f, at.y), text, label.c_str());
}

}  // namespace

void mood_timeline(const Timeline& tl, const TimelineLabels& labels, float height, const Palette& p) {
  const float fs = ImGui::GetFontSize();
  ImVec2 o = ImGui::GetCursorScreenPos();
  float width = ImGui::GetContentRegionAvail().x;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 a(o.x, o.y + fs * 1.4f), b(o.x + width, o.y + height - fs * 0.6f);
  dl->AddRectFilled(a, b, p.panel_alt, fs * 0.4f);
  float mid = (a.y + b.y) / 2;
  dl->AddLine(ImVec2(a.x, mid), ImVec2(b.x, mid), p.border);
  auto x_of = [&](double t) { return a.x + static_cast<float>(t / tl.end) * (b.x - a.x); };
  auto y_of = [&](double v01) { return b.y - static_cast<float>(v01) * (b.y - a.y); };
  ImU32 patience_color = p.accent, mood_color = IM_COL32(0xC0, 0x5C, 0xD6, 255);
  std::vector<ImVec2> pat, mood;
  for (const auto& pt : tl.points) {
    pat.emplace_back(x_of(pt.at), y_of(pt.patience));
    mood.emplace_back(x_of(pt.at), y_of((pt.mood + 1) / 2));
  }
  if (pat.size() >= 2) {
    dl->AddPolyline(pat.data(), static_cast<int>(pat.size()), patience_color, 0, 2.5f);
    dl->AddPolyline(mood.data(), static_cast<int>(mood.size()), mood_color, 0, 2.5f);
  }
  for (double r : tl.replies) dl->AddLine(ImVec2(x_of(r), b.y - fs * 0.5f), ImVec2(x_of(r), b.y), p.muted, 2);
  for (double n : tl.nudges) dl->AddCircleFilled(ImVec2(x_of(n), a.y + fs * 0.4f), fs * 0.2f, p.warning);
  if (tl.left_at >= 0) {
    float x = x_of(tl.left_at);
    dl->AddLine(ImVec2(x, a.y), ImVec2(x, b.y), p.danger, 2);
    dl->AddText(ImVec2(std::min(x + fs * 0.3f, b.x - fs * 6), a.y + fs * 0.2f), p.danger, labels.left.c_str());
  }
  float lx = o.x;
  legend(dl, ImVec2(lx, o.y), patience_color, labels.patience, fs, p.text);
  lx += ImGui::CalcTextSize(labels.patience.c_str()).x + fs * 3;
  legend(dl, ImVec2(lx, o.y), mood_color, labels.mood, fs, p.text);
  lx += ImGui::CalcTextSize(labels.mood.c_str()).x + fs * 3;
  dl->AddLine(ImVec2(lx, o.y + fs * 0.2f), ImVec2(lx, o.y + fs * 0.8f), p.muted, 2);
  dl->AddText(ImVec2(lx + fs * 0.5f, o.y), p.text, labels.replies.c_str());
  ImGui::Dummy(ImVec2(width, height));
}

}  // namespace chatdrill::app
