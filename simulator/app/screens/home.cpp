// Home: the searchable scenario library (valid cards and invalid files with their
// diagnostics) under the learning path's suggestion, recent sessions with scores, the
// first-run welcome (screens/welcome.cpp) and the recovery prompt for interrupted sessions.
// The trainer's scenario folders are in the For trainers menu (screens/trainer.cpp).
#include "screens.h"

#include "simulator/app/ui/keys.h"
#include "simulator/app/ui/theme.h"
#include "simulator/app/widgets/controls.h"
#include "simulator/app/widgets/score_bar.h"
#include "simulator/classroom/learning_path.h"

#include <imgui_stdlib.h>

#include <fmt/format.h>

#include <filesystem>

namespace chatdrill::app {
namespace {

void scenario_meta(AppState& s, const engine::Scenario& sc) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  avatar(sc.persona.name, fs * 2.2f, avatar_color(sc.persona.name), s.platform.fonts.bold);
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::PushFont(s.platform.fonts.bold);
  ImGui::TextUnformatted(display_text(sc.persona.name).c_str());
  ImGui::PopFont();
  std::string arche = s.strings(std::string("archetype.") + sc.persona.archetype);
  std::string line = fmt::format("{} · {} · {}", arche, s.strings.format("home.difficulty", sc.difficulty),
                                 s.strings(std::string("lang.") + sc.language));
  ImGui::PushStyleColor(ImGuiCol_Text, p.muted_v);
  ImGui::TextUnformatted(line.c_str());
  ImGui::PopStyleColor();
  ImGui::EndGroup();
}

// A valid scenario's warnings (lints, twin drift) from the validation pipeline: shown, not blocking.
void card_warnings(AppState& s, const engine::ScenarioCheck& e) {
  const Palette& p = colors(s);
  const int shown = std::min<int>(static_cast<int>(e.diagnostics.size()), 3);
  for (int i = 0; i < shown; ++i) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning_v);
    wrapped_text(display_text(e.diagnostics[i].to_string()));
    ImGui::PopStyleColor();
    track(s, fmt::format("home.warning.{}.{}", e.scenario->id, i));
  }
  if (static_cast<int>(e.diagnostics.size()) > shown)
    muted_text(s.strings.format("home.more_warnings", e.diagnostics.size() - shown), p);
}

void scenario_card(AppState& s, const engine::ScenarioCheck& e, int index) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  const auto& sc = *e.scenario;
  ImGui::PushID(index);
  begin_panel(p);
  float button_w = ImGui::CalcTextSize(s.strings("home.start")).x + fs * 2.4f;
  ImGui::PushTextWrapPos(panel_right() - button_w - fs - ImGui::GetWindowPos().x);
  ImGui::PushFont(s.platform.fonts.title);
  wrapped_text(display_text(sc.title));
  ImGui::PopFont();
  ImGui::PopTextWrapPos();
  ImVec2 after_title = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(panel_right() - button_w, ImGui::GetItemRectMin().y));
  if (accent_button(label(s, "home.start", "start").c_str(), p, ImVec2(button_w, 0))) start_session(s, e.scenario);
  track(s, "home.start." + sc.id);
  ImGui::SetCursorScreenPos(after_title);
  scenario_meta(s, sc);
  ImGui::PushStyleColor(ImGuiCol_Text, p.muted_v);
  wrapped_text(display_text(sc.brief));
  ImGui::PopStyleColor();
  if (!sc.skills.empty()) {
    std::string skills;
    for (const auto& skill : sc.skills) skills += (skills.empty() ? "" : ", ") + std::string(s.strings("dim." + skill));
    ImGui::PushFont(s.platform.fonts.bold);
    wrapped_text(s.strings.format("home.skills", skills));
    ImGui::PopFont();
  }
  for (std::size_t i = 0; i < sc.tags.size(); ++i) {
    if (i) ImGui::SameLine(0, fs * 0.4f);
    chip(display_text(sc.tags[i]).c_str(), p.accent_soft, p.accent);
  }
  card_warnings(s, e);
  end_panel(p);
  ImGui::PopID();
}

void invalid_card(AppState& s, const engine::ScenarioCheck& e, int index) {
  const Palette& p = colors(s);
  ImGui::PushID(index);
  int shown = std::min<int>(static_cast<int>(e.diagnostics.size()), 6);
  begin_panel(p);
  ImGui::PushStyleColor(ImGuiCol_Text, p.danger_v);
  ImGui::PushFont(s.platform.fonts.bold);
  ImGui::TextUnformatted(s.strings("home.invalid"));
  ImGui::PopFont();
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::TextUnformatted(display_text(std::filesystem::path(e.path).filename().string()).c_str());
  for (int i = 0; i < shown; ++i) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted_v);
    wrapped_text(display_text(e.diagnostics[i].to_string()));
    ImGui::PopStyleColor();
  }
  if (static_cast<int>(e.diagnostics.size()) > shown)
    muted_text(s.strings.format("home.more_errors", e.diagnostics.size() - shown), p);
  end_panel(p);
  ImGui::PopID();
}

void suggestion_card(AppState& s) {
  const auto pick = suggested_scenario(s);
  if (!pick) return;
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  const auto& sc = pick->scenario;
  begin_panel(p);
  const float button_w = ImGui::CalcTextSize(s.strings("home.start")).x + fs * 2.4f;
  // Narrow (a small window or large text): the button goes under the text, not beside it.
  const bool beside = panel_right() - ImGui::GetCursorScreenPos().x > button_w + fs * 16;
  ImGui::PushTextWrapPos(beside ? panel_right() - button_w - fs - ImGui::GetWindowPos().x : 0.0f);
  ImGui::PushStyleColor(ImGuiCol_Text, p.accent_v);
  ImGui::PushFont(s.platform.fonts.bold);
  ImGui::TextUnformatted(s.strings(pick->first ? "home.suggest.first" : "home.suggest.next"));
  ImGui::PopFont();
  ImGui::PopStyleColor();
  const ImVec2 top = ImGui::GetItemRectMin();
  ImGui::PushFont(s.platform.fonts.title);
  wrapped_text(display_text(sc->title));
  ImGui::PopFont();
  muted_text(fmt::format("{} · {}", s.strings.format("home.difficulty", sc->difficulty), pick->reason), p);
  ImGui::PopTextWrapPos();
  const ImVec2 after = ImGui::GetCursorScreenPos();
  if (beside) ImGui::SetCursorScreenPos(ImVec2(panel_right() - button_w, top.y));
  const bool enter = free_key_pressed(key(ImGuiKey_Enter)) && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
  if (accent_button(label(s, "home.start", "suggested").c_str(), p, ImVec2(button_w, 0)) || enter) start_session(s, sc);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.strings("shortcut.start"));
  track(s, "home.suggested.start");
  if (beside) ImGui::SetCursorScreenPos(after);
  end_panel(p);
  ImGui::Dummy(ImVec2(0, fs * 0.1f));
}

// `scrolls`: the list scrolls in a child of its own (two columns); stacked, the page does.
void library_column(AppState& s, bool scrolls) {
  const float fs = ImGui::GetFontSize();
  ImGui::PushFont(s.platform.fonts.title);
  ImGui::TextUnformatted(s.strings("home.library"));
  ImGui::PopFont();
  ImGui::SetNextItemWidth(-1);
  std::string hint = s.strings("home.search");
  if (ImGui::InputTextWithHint("##search", hint.c_str(), &s.library.search))
    s.library.search = clean_input(s.library.search);
  track(s, "home.search");
  ImGui::Spacing();
  if (scrolls) ImGui::BeginChild("##library", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
  if (s.library.search.empty()) suggestion_card(s);  // first in the list, under the search box
  int shown = 0, index = 0;
  for (const auto& e : s.library.scenarios.entries()) {
    ++index;
    if (e.scenario) {
      if (!matches_search(*e.scenario, s.library.search)) continue;
      scenario_card(s, e, index);
    } else {
      if (!s.library.search.empty()) continue;
      invalid_card(s, e, index);
    }
    ImGui::Dummy(ImVec2(0, fs * 0.1f));
    ++shown;
  }
  if (shown == 0) muted_text(s.strings("home.no_scenarios"), colors(s));
  if (scrolls) ImGui::EndChild();
}

void recent_list(AppState& s) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  ImGui::PushFont(s.platform.fonts.bold);
  ImGui::TextUnformatted(s.strings("home.recent"));
  ImGui::PopFont();
  if (s.sessions.recent.empty()) muted_text(s.strings("home.no_recent"), p);
  for (std::size_t i = 0; i < s.sessions.recent.size() && i < 8; ++i) {
    const auto& r = s.sessions.recent[i];
    ImGui::PushID(static_cast<int>(i));
    ImVec2 start = ImGui::GetCursorScreenPos();
    std::string score = fmt::format("{:.0f}", r.overall);
    chip(score.c_str(), (score_color(r.overall, p) & 0x00FFFFFF) | (45u << 24), score_color(r.overall, p));
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetWindowWidth() - fs * 6.5f);
    wrapped_text(display_text(r.title));
    ImGui::PopTextWrapPos();
    ImGui::PushFont(s.platform.fonts.small);
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted_v);
    std::string when = r.ended_at.size() >= 16 ? r.ended_at.substr(0, 10) + " " + r.ended_at.substr(11, 5) : r.ended_at;
    ImGui::TextUnformatted(
        fmt::format("{} · {}", when, outcome_text(s, s.library.scenarios.find(r.scenario_id).get(), r.outcome))
            .c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::EndGroup();
    ImGui::SameLine(ImGui::GetWindowWidth() - fs * 5.5f);
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, start.y));
    if (ImGui::Button(label(s, "home.open", "open").c_str())) open_result(s, r.path);
    track(s, "home.recent." + std::to_string(i));
    ImGui::PopID();
    ImGui::Spacing();
  }
  // Broken or foreign files are named, not hidden: the trainee sees why a session is missing.
  if (!s.sessions.recent_skipped.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning_v);
    const bool open = ImGui::TreeNode("##recent_skipped", "%s",
                                      s.strings.format("trainer.skipped", s.sessions.recent_skipped.size()).c_str());
    track(s, "home.skipped");
    if (open) {
      for (std::size_t i = 0; i < std::min<std::size_t>(s.sessions.recent_skipped.size(), 20); ++i)
        wrapped_text(display_text(s.sessions.recent_skipped[i]));
      ImGui::TreePop();
    }
    ImGui::PopStyleColor();
  }
}

}  // namespace

// The learning path's pick for this trainee: the easiest scenario of the UI language at
// first, then the next one by difficulty and the weakest dimension of the recent sessions.
std::optional<SuggestedScenario> suggested_scenario(AppState& s) {
  std::vector<classroom::PathScenario> library;
  for (const auto& e : s.library.scenarios.entries())
    if (e.scenario)
      library.push_back({e.scenario->id, e.scenario->language, e.scenario->difficulty, e.scenario->skills});
  std::vector<classroom::PastResult> history;
  for (const auto& r : s.sessions.recent) history.push_back({r.scenario_id, r.overall, r.scores});
  auto pick = classroom::suggest_scenario(library, history, s.settings.values.language);
  if (!pick) return std::nullopt;
  auto scenario = s.library.scenarios.find(pick->scenario);
  if (!scenario) return std::nullopt;
  using Why = classroom::Suggestion::Why;
  std::string reason;
  switch (pick->why) {
    case Why::first: reason = s.strings("home.suggest.first_why"); break;
    case Why::weakest:
      reason = s.strings.format("home.suggest.weakest_why",
                                std::string(s.strings(std::string("dim.") + scoring::k_dimensions[*pick->dimension])),
                                pick->mean);
      break;
    case Why::next_level: reason = s.strings("home.suggest.next_level_why"); break;
    case Why::again: reason = s.strings("home.suggest.again_why"); break;
  }
  return SuggestedScenario{std::move(scenario), std::move(reason), pick->why == Why::first};
}

// Two columns (library | recent sessions) when there is room; on a narrow
// window or with large text, one column that scrolls as a whole.
void draw_home(AppState& s) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  float width = ImGui::GetContentRegionAvail().x;
  float side = std::max(fs * 18, width * 0.34f);
  if (width - side - fs < fs * 24) {
    ImGui::BeginChild("##home_page", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
    library_column(s, false);
    ImGui::Spacing();
    begin_card("##recent", ImVec2(0, fs * 14), p);
    recent_list(s);
    end_card();
    ImGui::EndChild();
    draw_welcome(s);
    return;
  }
  ImGui::BeginChild("##home_main", ImVec2(width - side - fs, 0), false, ImGuiWindowFlags_NoBackground);
  library_column(s, true);
  ImGui::EndChild();
  ImGui::SameLine(0, fs);
  ImGui::BeginChild("##home_side", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
  begin_card("##recent", ImVec2(0, 0), p);  // the scenario folders moved to the For trainers menu
  recent_list(s);
  end_card();
  ImGui::EndChild();
  draw_welcome(s);
}

void draw_recovery_popup(AppState& s) {
  if (s.sessions.journals.empty() || s.screen != Screen::home || s.dialogs.welcome) return;
  if (!s.sessions.recovery_prompted) {
    ImGui::OpenPopup("###recover");
    s.sessions.recovery_prompted = true;
  }
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowSize(ImVec2(fs * 30, 0));
  std::string title = label(s, "recover.title", "#recover");
  if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) return;
  wrapped_text(s.strings("recover.body"));
  ImGui::Spacing();
  std::string pick;
  bool recover = false;
  for (std::size_t i = 0; i < s.sessions.journals.size() && i < 5; ++i) {
    ImGui::PushID(static_cast<int>(i));
    muted_text(display_text(std::filesystem::path(s.sessions.journals[i]).stem().string()), p);
    if (accent_button(label(s, "recover.yes", "yes").c_str(), p)) pick = s.sessions.journals[i], recover = true;
    track(s, "recover.yes." + std::to_string(i));
    ImGui::SameLine();
    if (ImGui::Button(label(s, "recover.no", "no").c_str())) pick = s.sessions.journals[i];
    track(s, "recover.no." + std::to_string(i));
    ImGui::PopID();
  }
  if (ImGui::Button(label(s, "recover.later", "later").c_str())) ImGui::CloseCurrentPopup();
  track(s, "recover.later");
  if (!pick.empty()) {
    if (recover) recover_journal_file(s, pick);
    else discard_journal_file(s, pick);
    if (s.sessions.journals.empty() || recover) ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace chatdrill::app
