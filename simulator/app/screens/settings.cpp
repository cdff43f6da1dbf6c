// Settings: UI language, font size and scale, theme, trainee name, live hints. Every
// change is saved at once; font changes rebuild the atlas between frames.
#include "screens.h"

#include "simulator/app/ui/theme.h"
#include "simulator/app/widgets/controls.h"

#include <imgui_stdlib.h>

#include <fmt/format.h>

namespace chatdrill::app {
namespace {

void section(AppState& s, const char* key) {
  ImGui::Spacing();
  ImGui::PushFont(s.platform.fonts.bold);
  ImGui::TextUnformatted(s.strings(key));
  ImGui::PopFont();
}

void language_and_theme(AppState& s) {
  section(s, "settings.language");
  for (const char* lang : {"fi", "en"}) {
    if (ImGui::RadioButton(label(s, (std::string("lang.") + lang).c_str(), lang).c_str(),
                           s.settings.values.language == lang))
      set_language(s, lang);
    track(s, std::string("settings.lang.") + lang);
    ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
  }
  ImGui::NewLine();
  section(s, "settings.theme");
  for (const char* theme : {"light", "dark"}) {
    if (ImGui::RadioButton(label(s, (std::string("settings.theme.") + theme).c_str(), theme).c_str(),
                           s.settings.values.theme == theme)) {
      s.settings.values.theme = theme;
      save_settings_now(s);
      apply_settings(s);
    }
    track(s, std::string("settings.theme.") + theme);
    ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
  }
  ImGui::NewLine();
}

void text_size(AppState& s) {
  const Palette& p = colors(s);
  section(s, "settings.font_size");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  ImGui::SliderFloat("##font_size", &s.settings.values.font_size, 12.0f, 28.0f, "%.0f px");
  track(s, "settings.font_size");
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    save_settings_now(s);
    apply_settings(s);
  }
  section(s, "settings.scale");
  bool automatic = s.settings.values.scale == 0.0f;
  if (ImGui::Checkbox(label(s, "settings.scale_auto", "scale_auto").c_str(), &automatic)) {
    s.settings.values.scale = automatic ? 0.0f : s.platform.scale;
    save_settings_now(s);
    apply_settings(s);
  }
  track(s, "settings.scale_auto");
  if (!automatic) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    ImGui::SliderFloat("##scale", &s.settings.values.scale, 0.75f, 3.0f, "%.2f x");
    if (ImGui::IsItemDeactivatedAfterEdit()) {
      save_settings_now(s);
      apply_settings(s);
    }
  }
  muted_text(s.strings.format("settings.scale_now", fmt::format("{:.2f}", s.platform.scale),
                              fmt::format("{:.2f}", s.platform.content_scale)),
             p);
}

void trainee_and_hints(AppState& s) {
  section(s, "settings.trainee");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  std::string hint = s.strings("settings.trainee_hint");
  if (ImGui::InputTextWithHint("##trainee", hint.c_str(), &s.settings.values.trainee))
    s.settings.values.trainee = clean_input(s.settings.values.trainee);
  track(s, "settings.trainee");
  if (ImGui::IsItemDeactivatedAfterEdit()) save_settings_now(s);
  section(s, "settings.hints");
  if (ImGui::Checkbox(label(s, "settings.hints_toggle", "hints").c_str(), &s.settings.values.hints))
    save_settings_now(s);
  track(s, "settings.hints");
}

}  // namespace

void draw_settings(AppState& s) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  float width = std::min(ImGui::GetContentRegionAvail().x, fs * 40);
  ImGui::SetCursorPosX((ImGui::GetContentRegionAvail().x - width) / 2 + ImGui::GetCursorPosX());
  begin_card("##settings", ImVec2(width, 0), p);
  ImGui::PushFont(s.platform.fonts.title);
  ImGui::TextUnformatted(s.strings("settings.title"));
  ImGui::PopFont();
  muted_text(s.strings.format("settings.saved_to", display_text(s.settings.path)), p);
  language_and_theme(s);
  text_size(s);
  trainee_and_hints(s);
  if (!s.settings.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.danger_v);
    wrapped_text(display_text(s.settings.error));
    ImGui::PopStyleColor();
  }
  end_card();
}

}  // namespace chatdrill::app
