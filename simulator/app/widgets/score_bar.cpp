// Score bar drawing.
#include "score_bar.h"

#include "simulator/app/ui/theme.h"

#include <fmt/format.h>

#include <algorithm>

namespace chatdrill::app {

namespace {

float value_width() { return ImGui::CalcTextSize("100").x; }  // the widest score
float shortest_bar() { return ImGui::GetFontSize() * 3; }

}  // namespace

ImU32 score_color(double score, const Palette& p) {
  return score >= 75 ? p.success : score >= 50 ? p.warning : p.danger;
}

float score_badge_width(const std::string& caption) {
  return std::max(ImGui::GetFontSize() * 6, ImGui::CalcTextSize(caption.c_str()).x + ImGui::GetFontSize());
}

float score_row_width(float label_width) {
  return label_width + shortest_bar() + ImGui::GetStyle().ItemSpacing.x + value_width();
}

void score_bar(const std::string& label, double score, float label_width, const Palette& p) {
  const float fs = ImGui::GetFontSize();
  const float row_x = ImGui::GetCursorPosX();  // window-local, so groups do not shift it
  const bool beside = score_row_width(label_width) <= ImGui::GetContentRegionAvail().x;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label.c_str());
  if (beside) {
    ImGui::SameLine();
    ImGui::SetCursorPosX(row_x + label_width);
  } else {
    ImGui::SetCursorPosX(row_x + fs * 0.5f);
  }
  ImVec2 o = ImGui::GetCursorScreenPos();
  float width = std::max(fs * 2, ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x - value_width());
  float h = fs * 0.6f, y = o.y + (ImGui::GetFrameHeight() - h) / 2;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(o.x, y), ImVec2(o.x + width, y + h), p.border, h / 2);
  float fill = width * static_cast<float>(std::clamp(score, 0.0, 100.0) / 100.0);
  if (fill > 0) dl->AddRectFilled(ImVec2(o.x, y), ImVec2(o.x + std::max(fill, h), y + h), score_color(score, p), h / 2);
  ImGui::Dummy(ImVec2(width, ImGui::GetFrameHeight()));
  ImGui::SameLine();
  std::string value = fmt::format("{:.0f}", score);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(value.c_str());
}

ScoreRect score_badge(double score, const std::string& caption, ImFont* big, const Palette& p) {
  const float fs = ImGui::GetFontSize();
  ImVec2 o = ImGui::GetCursorScreenPos();
  ImVec2 size(score_badge_width(caption), fs * 5);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImU32 c = score_color(score, p);
  dl->AddRectFilled(o, ImVec2(o.x + size.x, o.y + size.y), (c & 0x00FFFFFF) | (40u << 24), fs * 0.8f);
  std::string value = fmt::format("{:.0f}", score);
  ImFont* f = big ? big : ImGui::GetFont();
  float big_size = f->FontSize * 1.6f;
  ImVec2 vs = f->CalcTextSizeA(big_size, 1e9f, 0, value.c_str());
  const ImVec2 at(o.x + (size.x - vs.x) / 2, o.y + size.y * 0.14f);
  dl->AddText(f, big_size, at, c, value.c_str());
  ImVec2 cs = ImGui::CalcTextSize(caption.c_str());
  dl->AddText(ImVec2(o.x + (size.x - cs.x) / 2, o.y + size.y * 0.66f), p.muted, caption.c_str());
  ImGui::Dummy(size);
  return {at, ImVec2(at.x + vs.x, at.y + vs.y)};
}

}  // namespace chatdrill::app
