// The first-run welcome over Home: what chatdrill is, the UI language (defaulted from the
// system locale by init_state), the trainee's name and the learning path's first scenario.
// Enter starts it, Escape browses the library; either saves the settings, so it shows once.
#include "screens.h"

#include "simulator/app/ui/keys.h"
#include "simulator/app/ui/theme.h"
#include "simulator/app/widgets/controls.h"

#include <imgui_stdlib.h>

#include <fmt/format.h>

namespace chatdrill::app {
namespace {

void heading(AppState& s, const char* key) {
  ImGui::Spacing();
  ImGui::PushFont(s.platform.fonts.bold);
  ImGui::TextUnformatted(s.strings(key));
  ImGui::PopFont();
}

void language_choice(AppState& s) {
  heading(s, "welcome.language");
  for (const char* lang : {"fi", "en"}) {
    // Each language in its own name, so either reader finds theirs.
    if (ImGui::RadioButton(label(s, (std::string("lang.") + lang).c_str(), std::string("welcome_") + lang).c_str(),
                           s.settings.values.language == lang) &&
        s.settings.values.language != lang)
      set_language(s, lang, false);  // saved when the welcome closes
    track(s, std::string("welcome.lang.") + lang);
    ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
  }
  ImGui::NewLine();
}

// True when Enter was pressed in the name field (starts, as Enter does elsewhere).
bool name_field(AppState& s) {
  const Palette& p = colors(s);
  heading(s, "welcome.name");
  ImGui::SetNextItemWidth(std::min(ImGui::GetFontSize() * 18, ImGui::GetContentRegionAvail().x));
  const bool enter = ImGui::InputTextWithHint("##welcome_name", s.strings("welcome.name_hint"),
                                              &s.settings.values.trainee, ImGuiInputTextFlags_EnterReturnsTrue);
  track(s, "welcome.name");
  muted_text(s.strings("welcome.name_help"), p);
  return enter;
}

void suggestion(AppState& s, const std::optional<SuggestedScenario>& pick) {
  const Palette& p = colors(s);
  ImGui::Spacing();
  if (!pick) {
    muted_text(s.strings("welcome.no_scenario"), p);
    return;
  }
  begin_panel(p);
  ImGui::PushStyleColor(ImGuiCol_Text, p.accent_v);
  ImGui::PushFont(s.platform.fonts.bold);
  ImGui::TextUnformatted(s.strings("welcome.suggested"));
  ImGui::PopFont();
  ImGui::PopStyleColor();
  const auto& sc = *pick->scenario;
  ImGui::PushFont(s.platform.fonts.title);
  wrapped_text(display_text(sc.title));
  ImGui::PopFont();
  muted_text(fmt::format("{} · {} · {}", display_text(sc.persona.name),
                         s.strings.format("home.difficulty", sc.difficulty), pick->reason),
             p);
  track(s, "welcome.suggested." + sc.id);
  end_panel(p);
}

}  // namespace

void draw_welcome(AppState& s) {
  if (!s.dialogs.welcome || s.screen != Screen::home) return;
  // F1's help replaces the welcome while it shows; the welcome comes back after.
  if (!ImGui::IsPopupOpen("###welcome") && !s.platform.help) ImGui::OpenPopup("###welcome");
  const ImGuiIO& io = ImGui::GetIO();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float fs = ImGui::GetFontSize();
  const float width = std::min(fs * 36, io.DisplaySize.x * 0.94f);
  // The text scrolls when the window is short (small window, scale 2); the buttons stay.
  const float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetTextLineHeightWithSpacing() * 2.5f;
  const float most = io.DisplaySize.y * 0.94f - footer - style.WindowPadding.y * 2;
  const float body = s.dialogs.welcome_height > 0 ? std::min(s.dialogs.welcome_height, most) : most;
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  if (!ImGui::BeginPopupModal("###welcome", nullptr,
                              ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove))
    return;
  const Palette& p = colors(s);
  ImGui::BeginChild("##welcome_body", ImVec2(0, std::max(body, fs * 4)), false,
                    ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NavFlattened);  // arrows cross into it
  ImGui::PushFont(s.platform.fonts.title);
  wrapped_text(s.strings("welcome.title"));
  ImGui::PopFont();
  wrapped_text(s.strings("welcome.body"));
  language_choice(s);
  bool start = name_field(s);
  const auto pick = suggested_scenario(s);
  suggestion(s, pick);
  s.dialogs.welcome_height = ImGui::GetCursorPosY();  // the content, scrolled or not
  ImGui::EndChild();
  ImGui::Spacing();
  if (pick) {
    start = accent_button(label(s, "welcome.start", "welcome_start").c_str(), p) || start;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.strings("shortcut.start"));
    track(s, "welcome.start");
    ImGui::SameLine();
  }
  bool browse = ImGui::Button(label(s, "welcome.browse", "welcome_browse").c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.strings("shortcut.browse"));
  track(s, "welcome.browse");
  muted_text(s.strings("welcome.keys"), p);
  // Enter and Escape once the name field is left (in it, Escape only leaves the field).
  start = start || free_key_pressed(key(ImGuiKey_Enter)) || free_key_pressed(key(ImGuiKey_KeyPadEnter));
  browse = browse || free_key_pressed(key(ImGuiKey_Escape));
  if (start || browse) {
    ImGui::CloseCurrentPopup();
    finish_welcome(s, start && pick ? pick->scenario : nullptr);
  }
  ImGui::EndPopup();
}

}  // namespace chatdrill::app
