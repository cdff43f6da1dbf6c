// The live customer-state cue on the persona card; see customer_state.h. ImDrawList
// shapes (no icon font): the bar, the mood scale, the arrows of the change note.
#include "customer_state.h"

#include "simulator/app/ui/theme.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace chatdrill::app {

MoodBand mood_band(double mood) {
  if (mood >= 0.3) return MoodBand::pleased;
  if (mood >= -0.3) return MoodBand::neutral;
  if (mood > -0.65) return MoodBand::annoyed;
  return MoodBand::angry;
}

const char* mood_key(MoodBand band) {
  switch (band) {
    case MoodBand::pleased: return "customer_state.mood.pleased";
    case MoodBand::neutral: return "customer_state.mood.neutral";
    case MoodBand::annoyed: return "customer_state.mood.annoyed";
    case MoodBand::angry: return "customer_state.mood.angry";
  }
  return "customer_state.mood.neutral";
}

ImU32 patience_color(double patience, const Palette& p) {
  return patience >= 0.6 ? p.success : patience >= 0.3 ? p.warning : p.danger;
}

void update_cue(CustomerCue& cue, double patience, double mood, double now) {
  const int tenths = static_cast<int>(std::ceil(std::clamp(patience, 0.0, 1.0) * 10 - 1e-9));  // 0.95 -> 10
  auto note = [&](CueNote& n, const char* key) { n = {key, now + k_cue_seconds}; };
  if (!cue.patience_at) {
    cue.patience_at = tenths;
  } else if (tenths < *cue.patience_at || tenths >= *cue.patience_at + 2) {
    note(cue.patience_note, tenths < *cue.patience_at ? "customer_state.patience_down" : "customer_state.patience_up");
    cue.patience_at = tenths;
  }
  if (!cue.mood) {
    cue.mood = mood;
  } else if (std::abs(mood - *cue.mood) >= 0.05) {
    note(cue.mood_note, mood > *cue.mood ? "customer_state.mood_up" : "customer_state.mood_down");
    cue.mood = mood;
  }
}

std::vector<std::string> cue_keys(const CustomerCue& cue, double now) {
  std::vector<std::string> out;
  for (const CueNote* n : {&cue.patience_note, &cue.mood_note})
    if (!n->key.empty() && now < n->until) out.push_back(n->key);
  return out;
}

namespace {

// A small triangle pointing down or up, one text line high, at the cursor.
void arrow(bool down, ImU32 color) {
  const float fs = ImGui::GetFontSize();
  ImVec2 o = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float w = fs * 0.6f, top = o.y + fs * 0.25f, bottom = o.y + fs * 0.8f;
  if (down) dl->AddTriangleFilled(ImVec2(o.x, top), ImVec2(o.x + w, top), ImVec2(o.x + w / 2, bottom), color);
  else dl->AddTriangleFilled(ImVec2(o.x + w / 2, top), ImVec2(o.x + w, bottom), ImVec2(o.x, bottom), color);
  ImGui::Dummy(ImVec2(w, fs));
}

// The mood on a –..+ line with a dot where it is, `width` wide.
void mood_scale(double mood, float width, const Palette& p) {
  const float fs = ImGui::GetFontSize();
  ImVec2 o = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const char* minus = "\xE2\x80\x93";  // en dash: the font has it (U+2212 it has not)
  const float sign_w = ImGui::CalcTextSize("+").x;
  dl->AddText(o, p.muted, minus);
  dl->AddText(ImVec2(o.x + width - sign_w, o.y), p.muted, "+");
  const float x0 = o.x + sign_w + fs * 0.4f, x1 = o.x + width - sign_w - fs * 0.4f, y = o.y + fs * 0.55f;
  dl->AddLine(ImVec2(x0, y), ImVec2(x1, y), p.muted, std::max(1.0f, fs * 0.08f));
  dl->AddLine(ImVec2((x0 + x1) / 2, y - fs * 0.2f), ImVec2((x0 + x1) / 2, y + fs * 0.2f), p.muted, 1.0f);
  const float x = x0 + static_cast<float>((std::clamp(mood, -1.0, 1.0) + 1) / 2) * (x1 - x0);
  dl->AddCircleFilled(ImVec2(x, y), fs * 0.3f, p.text);
  ImGui::Dummy(ImVec2(width, fs));
}

}  // namespace

void customer_state_cue(double patience, double mood, const CustomerStateLabels& labels, const Palette& p,
                        ImFont* small) {
  const float fs = ImGui::GetFontSize();
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::PushFont(small);
  ImGui::PushStyleColor(ImGuiCol_Text, p.muted_v);
  ImGui::TextUnformatted(labels.heading.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  // Patience: the word, the value at the right, the bar under them.
  const std::string value = fmt::format("{:.0f} %", std::clamp(patience, 0.0, 1.0) * 100);
  const float x_start = ImGui::GetCursorPosX();
  ImGui::TextUnformatted(labels.patience.c_str());
  ImGui::SameLine();
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), x_start + width - ImGui::CalcTextSize(value.c_str()).x));
  ImGui::TextUnformatted(value.c_str());
  ImVec2 o = ImGui::GetCursorScreenPos();
  const float h = fs * 0.55f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(o, ImVec2(o.x + width, o.y + h), p.border, h / 2);
  const float fill = width * static_cast<float>(std::clamp(patience, 0.0, 1.0));
  if (fill > 0) dl->AddRectFilled(o, ImVec2(o.x + std::max(fill, h), o.y + h), patience_color(patience, p), h / 2);
  ImGui::Dummy(ImVec2(width, h));
  // Mood: its word, and the scale beside it when there is room (else under it).
  const float x_mood = ImGui::GetCursorPosX();
  ImGui::TextUnformatted(labels.mood.c_str());
  ImGui::SameLine();
  ImGui::TextUnformatted(labels.mood_word.c_str());
  const float used = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + ImGui::GetScrollX() - x_mood;
  if (width - used - fs >= fs * 5) {
    ImGui::SameLine(0, fs);
    mood_scale(mood, std::min(width - used - fs, fs * 8), p);
  } else {
    mood_scale(mood, std::min(width, fs * 10), p);
  }
  // One line kept for the notes, so the card below does not jump when one comes and goes.
  if (labels.changes.empty()) ImGui::Dummy(ImVec2(width, fs));
  for (const auto& [text, down] : labels.changes) {
    const ImU32 color = down ? p.danger : p.success;
    arrow(down, color);
    ImGui::SameLine(0, fs * 0.3f);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace chatdrill::app
