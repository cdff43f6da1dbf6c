// The root window and top bar; dispatches to the current screen.
#include "screens.h"

#include "simulator/app/ui/keys.h"

#include "classroom.h"

#include "simulator/app/ui/theme.h"
#include "simulator/app/widgets/controls.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace chatdrill::app {

std::string label(const AppState& s, const char* key, const std::string& id) {
  return std::string(s.strings(key)) + "##" + id;
}

const Palette& colors(const AppState& s) { return palette(s.platform.dark); }

std::string outcome_text(const AppState& s, const engine::Scenario* scenario, const std::string& outcome) {
  std::string key = "outcome." + outcome;
  if (s.strings.has(key)) return s.strings(key);
  if (!scenario)
    scenario = s.library.scenarios.find(s.sessions.review ? s.sessions.review->result.scenario_id : "").get();
  if (scenario)
    for (const auto& [id, node] : scenario->nodes)
      if (node.end && node.end->outcome == outcome && !node.end->label.empty()) return display_text(node.end->label);
  return display_text(outcome);
}

namespace {

void nav_button(AppState& s, const char* key, const char* id, Screen target, bool enabled) {
  const Palette& p = colors(s);
  bool active = s.screen == target;
  ImGui::PushStyleColor(ImGuiCol_Button, active ? ImGui::ColorConvertU32ToFloat4(p.accent_soft) : ImVec4(0, 0, 0, 0));
  ImGui::PushStyleColor(ImGuiCol_Text, active ? p.accent_v : p.text_v);
  if (!enabled) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.45f);
  if (ImGui::Button(label(s, key, id).c_str()) && enabled) s.screen = target;
  if (!enabled) ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
  track(s, id);
}

struct NavItem {
  const char* key;
  Screen target;
  bool enabled;
};

float button_width(const char* text) { return ImGui::CalcTextSize(text).x + ImGui::GetStyle().FramePadding.x * 2; }

// The brand, the File and Trainer menus and the nav. The nav sits right-aligned on the same
// line when everything fits; otherwise (a narrow window, scale 2, large text) it moves to
// rows of its own under the menus, so no button is ever cut off.
void top_bar(AppState& s) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();
  const bool in_session = s.sessions.live && !s.sessions.live->session().finished();
  std::vector<NavItem> nav{{"nav.home", Screen::home, !in_session}};
  if (s.sessions.live) nav.push_back({"nav.session", Screen::session, true});
  if (s.sessions.review) nav.push_back({"nav.review", Screen::review, !in_session});
  nav.push_back({"nav.settings", Screen::settings, !in_session});

  const ImVec2 pad(fs * 1.2f, fs * 0.55f);
  const float d = ImGui::GetFrameHeight() * 1.1f;
  const float inner = ImGui::GetContentRegionAvail().x - pad.x * 2;
  ImGui::PushFont(s.platform.fonts.bold);
  const float brand_w = d + style.ItemSpacing.x + ImGui::CalcTextSize(s.strings("app.name")).x;
  ImGui::PopFont();
  const float menus_w =
      button_width(s.strings("menu.file")) + style.ItemSpacing.x + button_width(s.strings("menu.trainer"));
  const bool tagline = inner > fs * 72;  // the tagline gives way on narrow or scaled-up windows
  const float left_w =
      brand_w + fs * 1.5f + menus_w + (tagline ? fs * 0.6f + ImGui::CalcTextSize(s.strings("app.tagline")).x : 0);
  // Lay the nav out: one row beside the menus, or as many rows under them as it needs.
  float nav_w = 0;
  for (const auto& n : nav) nav_w += button_width(s.strings(n.key)) + style.ItemSpacing.x;
  nav_w -= style.ItemSpacing.x;
  const bool nav_inline = left_w + fs + nav_w <= inner;
  std::vector<int> row_of(nav.size(), 0);
  std::vector<float> row_w(1, 0);
  if (!nav_inline) {
    for (std::size_t i = 0; i < nav.size(); ++i) {
      const float w = button_width(s.strings(nav[i].key));
      if (row_w.back() > 0 && row_w.back() + style.ItemSpacing.x + w > inner) row_w.push_back(0);
      row_w.back() += (row_w.back() > 0 ? style.ItemSpacing.x : 0) + w;
      row_of[i] = static_cast<int>(row_w.size()) - 1;
    }
  }
  const float row_h = ImGui::GetFrameHeight() + style.ItemSpacing.y;
  const float height = nav_inline ? fs * 3.0f : pad.y * 2 + d + fs * 0.3f + row_h * static_cast<float>(row_w.size());

  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(p.panel));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, pad);
  ImGui::BeginChild("##topbar", ImVec2(0, height), false,
                    ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 o = ImGui::GetCursorScreenPos();
  const float bar_y = ImGui::GetCursorPosY();
  dl->AddRectFilled(o, ImVec2(o.x + d, o.y + d), p.accent_fill, d * 0.3f);
  dl->AddText(s.platform.fonts.bold, fs * 0.95f, ImVec2(o.x + d * 0.2f, o.y + d * 0.2f), p.on_accent, "cd");
  ImGui::Dummy(ImVec2(d, d));
  ImGui::SameLine();
  ImGui::PushFont(s.platform.fonts.bold);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (d - fs) / 2);
  ImGui::TextUnformatted(s.strings("app.name"));
  ImGui::PopFont();
  if (tagline) {
    ImGui::SameLine(0, fs * 0.6f);
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted_v);
    ImGui::TextUnformatted(s.strings("app.tagline"));
    ImGui::PopStyleColor();
  }
  ImGui::SameLine(0, fs * 1.5f);
  ImGui::SetCursorPosY(bar_y + (d - ImGui::GetFrameHeight()) / 2);
  draw_classroom_menus(s);
  // Right-aligned by the buttons' real width (it changes with language and scale). Positions
  // are absolute: the menus before may shift the line.
  const float right = pad.x + inner;
  for (std::size_t i = 0; i < nav.size(); ++i) {
    if (nav_inline) {
      if (i == 0) {
        ImGui::SameLine();
        ImGui::SetCursorPosX(right - nav_w);
        ImGui::SetCursorPosY(bar_y + (d - ImGui::GetFrameHeight()) / 2);
      } else {
        ImGui::SameLine();
      }
    } else {
      const int row = row_of[i];
      if (i == 0 || row != row_of[i - 1]) {
        ImGui::SetCursorPosX(right - row_w[static_cast<std::size_t>(row)]);
        ImGui::SetCursorPosY(bar_y + d + fs * 0.3f + row_h * static_cast<float>(row));
      } else {
        ImGui::SameLine();
      }
    }
    nav_button(s, nav[i].key, nav[i].key, nav[i].target, nav[i].enabled);
  }
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
  ImGui::GetWindowDrawList()->AddLine(ImVec2(lo.x, hi.y), ImVec2(hi.x, hi.y), p.border);
}

// Shortcuts that work on every screen: F1 help, Ctrl+, settings (not during a chat).
void global_shortcuts(AppState& s) {
  if (ImGui::IsKeyPressed(k_key_f1, false)) s.platform.help = !s.platform.help;
  const bool in_chat = s.screen == Screen::session && s.sessions.live && !s.sessions.live->session().finished();
  if (ctrl_pressed(k_key_comma) && !in_chat) s.screen = Screen::settings;
}

// The F1 overlay: every shortcut, in the UI language; F1, Escape or the button closes it.
void help_overlay(AppState& s) {
  if (s.platform.help && !ImGui::IsPopupOpen("###help")) ImGui::OpenPopup("###help");
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowSize(ImVec2(std::min(fs * 34, ImGui::GetIO().DisplaySize.x * 0.9f), 0));
  if (!ImGui::BeginPopupModal(label(s, "help.title", "#help").c_str(), nullptr,
                              ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove))
    return;
  const Palette& p = colors(s);
  if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("key", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch);
    for (const char* key : {"help.tab", "help.home", "help.send", "help.undo", "help.copy", "help.end",
                            "help.saved_reply", "help.dialog", "help.review", "help.settings", "help.f1"}) {
      const std::string line = s.strings(key);
      const auto tab = line.find('\t');
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::PushFont(s.platform.fonts.bold);
      ImGui::TextUnformatted(line.substr(0, tab).c_str());
      ImGui::PopFont();
      ImGui::TableSetColumnIndex(1);
      ImGui::PushStyleColor(ImGuiCol_Text, p.muted_v);
      wrapped_text(tab == std::string::npos ? "" : line.substr(tab + 1));
      ImGui::PopStyleColor();
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  const bool close = ImGui::Button(label(s, "help.close", "close").c_str()) ||
                     ImGui::IsKeyPressed(key(ImGuiKey_Escape), false) || !s.platform.help;
  track(s, "help.close");
  if (close) {
    s.platform.help = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace

void draw_app(AppState& s) {
  s.driver.items.clear();
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // Tab and Space reach every button
  global_shortcuts(s);
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                           ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                           ImGuiWindowFlags_NoBackground;  // the window layer clears to the same colour
  ImGui::Begin("##root", nullptr, flags);
  ImGui::PopStyleVar();
  top_bar(s);
  const float fs = ImGui::GetFontSize();
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(fs * 1.2f, fs));
  ImGui::BeginChild(
      "##screen", ImVec2(0, 0), false,
      ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBackground);
  ImGui::PopStyleVar();
  if (!s.status.empty()) {
    const Palette& p = colors(s);
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning_v);
    ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - fs * 6);
    ImGui::TextUnformatted(display_text(s.status).c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::SameLine(ImGui::GetContentRegionAvail().x - fs * 4);
    if (ImGui::SmallButton(label(s, "app.dismiss", "dismiss").c_str())) s.status.clear();
    track(s, "app.dismiss");
  }
  if (s.screen == Screen::session && !s.sessions.live) s.screen = Screen::home;
  if (s.screen == Screen::review && !s.sessions.review) s.screen = Screen::home;
  draw_exercise_strip(s);  // the exercise's countdown stays visible over every screen
  switch (s.screen) {
    case Screen::exercise: draw_exercise(s); break;
    case Screen::trainer: draw_trainer(s); break;
    case Screen::home: draw_home(s); break;
    case Screen::session: draw_session(s); break;
    case Screen::review: draw_review(s); break;
    case Screen::settings: draw_settings(s); break;
  }
  draw_recovery_popup(s);
  help_overlay(s);
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace chatdrill::app
