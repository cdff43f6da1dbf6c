// The trainer's dashboard over a results folder: a live table of trainees x scenarios
// (score and outcome; a click opens that session's transcript and review), the class
// averages and one score distribution per dimension, drawn with ImGui. The folder is
// re-read every k_trainer_poll_seconds through the classroom's incremental class table
// (ui/classroom_state.cpp).
// Also the "File" and "For trainers" menus that open an exercise, a results folder or the
// scenario folders, each path typed or browsed with the file picker (widgets/file_picker.h).
#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <utility>

#include "classroom.h"
#include "screens.h"
#include "simulator/app/ui/keys.h"
#include "simulator/app/ui/theme.h"
#include "simulator/app/widgets/controls.h"
#include "simulator/app/widgets/file_picker.h"
#include "simulator/app/widgets/score_bar.h"

namespace chatdrill::app {

// ---------------------------------------------------------------------------------------
// [Drawing]

namespace {

using classroom::score_text;  // the report rounds the same way

void header(AppState& s, TrainerView& v) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  const auto& t = v.table;
  ImGui::PushFont(s.platform.fonts.title);
  const std::string title = t.exercise_title().empty() ? s.strings("trainer.title") : t.exercise_title();
  wrapped_text(display_text(title));
  ImGui::PopFont();
  muted_text(s.strings.format("trainer.summary", display_text(v.folder), t.result_count(), t.trainees().size(),
                              t.scenarios().size(), t.live_journals().size()),
             p);
  const auto skipped = t.skipped();
  if (!skipped.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning_v);
    if (ImGui::TreeNode("##skipped", "%s", s.strings.format("trainer.skipped", skipped.size()).c_str())) {
      for (std::size_t i = 0; i < std::min<std::size_t>(skipped.size(), 20); ++i)
        wrapped_text(display_text(skipped[i].to_string()));
      ImGui::TreePop();
    }
    ImGui::PopStyleColor();
  }
  ImGui::Dummy(ImVec2(0, fs * 0.2f));
}

void result_cell(AppState& s, const classroom::ClassCell& cell, int row, int column) {
  const Palette& p = colors(s);
  if (!cell.latest) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted_v);
    ImGui::TextUnformatted("–");
    ImGui::PopStyleColor();
    return;
  }
  const auto& r = cell.latest->result;
  std::string text = fmt::format("{}  {}", score_text(r.grade.overall), outcome_text(s, nullptr, r.outcome()));
  if (cell.attempts > 1) text += fmt::format(" ×{}", cell.attempts);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(score_color(r.grade.overall, p)));
  const bool open = ImGui::Selectable(fmt::format("{}##cell{}_{}", text, row, column).c_str());
  ImGui::PopStyleColor();
  track(s, fmt::format("trainer.cell.{}.{}", row, column));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", display_text(cell.latest->file).c_str());
  if (open) {  // the transcript and evidence, in the review screen, which leads back here
    open_result(s, cell.latest->file);
    if (s.sessions.review) s.sessions.review->from_dashboard = true;
  }
}

void class_table(AppState& s, TrainerView& v, float height) {
  const auto& t = v.table;
  const Palette& p = colors(s);
  const int columns = static_cast<int>(t.scenarios().size()) + 2;
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Borders |
                                ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("##class", columns, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn(s.strings("trainer.trainee"));
  for (const auto& c : t.scenarios()) ImGui::TableSetupColumn(display_text(c.title.empty() ? c.id : c.title).c_str());
  ImGui::TableSetupColumn(s.strings("trainer.mean"));
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;  // a class of a thousand draws only the rows on screen
  clipper.Begin(static_cast<int>(t.trainees().size()) + 1);
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (row == static_cast<int>(t.trainees().size())) {  // the class means, last
        ImGui::PushFont(s.platform.fonts.bold);
        ImGui::TextUnformatted(s.strings("trainer.class_mean"));
        for (const auto& c : t.scenarios()) {
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(c.count ? score_text(c.mean_overall).c_str() : "–");
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(t.stats()[0].count ? score_text(t.stats()[0].mean).c_str() : "–");
        ImGui::PopFont();
        continue;
      }
      const auto& trainee = t.trainees()[static_cast<std::size_t>(row)];
      // The trainee and their progress through the exercise ("Aino  1/3").
      std::size_t done = 0;
      for (const auto& cell : trainee.cells) done += cell.latest ? 1 : 0;
      ImGui::TextUnformatted(display_text(trainee.name).c_str());
      ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_Text, p.muted_v);
      ImGui::TextUnformatted(fmt::format("{}/{}", done, trainee.cells.size()).c_str());
      ImGui::PopStyleColor();
      track(s, fmt::format("trainer.progress.{}", row));
      for (std::size_t c = 0; c < trainee.cells.size(); ++c) {
        ImGui::TableNextColumn();
        result_cell(s, trainee.cells[c], row, static_cast<int>(c));
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(trainee.done ? score_text(trainee.mean_overall).c_str() : "–");
    }
  }
  ImGui::EndTable();
}

std::string measure_label(const AppState& s, std::size_t m) {
  return m == 0 ? s.strings("review.overall") : s.strings(std::string("dim.") + classroom::k_measures[m]);
}

// One measure's distribution: ten bars of ten points, counts above, mean in the title.
void histogram(AppState& s, std::size_t m, const classroom::MeasureStats& stats, ImVec2 size) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  ImGui::PushID(static_cast<int>(m));
  begin_card("##hist", size, p);
  ImGui::PushFont(s.platform.fonts.bold);
  ImGui::TextUnformatted(measure_label(s, m).c_str());
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_Text, p.muted_v);
  ImGui::TextUnformatted(stats.count ? s.strings.format("trainer.mean_n", score_text(stats.mean), stats.count).c_str()
                                     : "–");
  ImGui::PopStyleColor();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float h = std::max(fs * 2, avail.y - fs * 1.3f),
              bar = avail.x / static_cast<float>(classroom::k_histogram_bins);
  std::size_t peak = 1;
  for (auto n : stats.histogram) peak = std::max(peak, n);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (std::size_t i = 0; i < classroom::k_histogram_bins; ++i) {
    const float x = o.x + bar * static_cast<float>(i);
    const float bh = (h - fs) * static_cast<float>(stats.histogram[i]) / static_cast<float>(peak);
    const ImVec2 lo(x + bar * 0.1f, o.y + h - bh), hi(x + bar * 0.9f, o.y + h);
    if (bh > 0) dl->AddRectFilled(lo, hi, score_color(static_cast<double>(i) * 10 + 5, p), fs * 0.15f);
    if (stats.histogram[i]) {
      const std::string n = fmt::format("{}", stats.histogram[i]);
      dl->AddText(ImVec2(x + (bar - ImGui::CalcTextSize(n.c_str()).x) / 2, lo.y - fs), p.text, n.c_str());
    }
    if (i % 2 == 0) dl->AddText(ImVec2(x, o.y + h + fs * 0.1f), p.muted, fmt::format("{}", i * 10).c_str());
  }
  dl->AddLine(ImVec2(o.x, o.y + h), ImVec2(o.x + avail.x, o.y + h), p.border);
  ImGui::Dummy(ImVec2(avail.x, h + fs * 1.2f));
  end_card();
  ImGui::PopID();
}

// One histogram per measure, as many to a row as stay at least ~11 em wide, the rows even
// and sharing the height left; rows that do not fit (8 em at least) scroll with the page.
void charts(AppState& s, TrainerView& v) {
  const float fs = ImGui::GetFontSize();
  const std::size_t n = classroom::k_measures.size();
  const float gap = fs * 0.6f, avail = ImGui::GetContentRegionAvail().x;
  const std::size_t most = std::clamp<std::size_t>(static_cast<std::size_t>((avail + gap) / (fs * 11 + gap)), 1, n);
  const std::size_t rows = (n + most - 1) / most, per_row = (n + rows - 1) / rows;  // 4 + 3, not 6 + 1
  const float w = (avail - gap * static_cast<float>(per_row - 1)) / static_cast<float>(per_row);
  const float spacing = ImGui::GetStyle().ItemSpacing.y * static_cast<float>(rows - 1);
  const float h = std::max(fs * 8, (ImGui::GetContentRegionAvail().y - spacing) / static_cast<float>(rows));
  for (std::size_t m = 0; m < n; ++m) {
    if (m % per_row) ImGui::SameLine(0, gap);
    histogram(s, m, v.table.stats()[m], ImVec2(w, h));
  }
}

}  // namespace

// The header, the class table and the charts; the page scrolls when they do not fit.
void draw_trainer(AppState& s) {
  const Palette& p = colors(s);
  if (!s.classroom.trainer) {
    muted_text(s.strings("trainer.none"), p);
    return;
  }
  auto& v = *s.classroom.trainer;
  const float fs = ImGui::GetFontSize();
  const float page_h = ImGui::GetContentRegionAvail().y;
  ImGui::BeginChild("##trainer_page", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
  header(s, v);
  if (v.table.result_count() == 0) {
    muted_text(s.strings("trainer.empty"), p);
  } else {
    const float rows_h =
        static_cast<float>(v.table.trainees().size() + 2) * (ImGui::GetTextLineHeightWithSpacing() + fs * 0.15f) + fs;
    class_table(s, v, std::clamp(rows_h, fs * 5, std::max(fs * 14, page_h * 0.58f)));
    ImGui::Spacing();
    charts(s, v);
  }
  ImGui::EndChild();
}

// ---------------------------------------------------------------------------------------
// [Menus]

namespace {

struct PathPrompt {
  const char* popup;
  const char* title_key;
  const char* hint_key;
  FilePicker::Mode mode;
};

// "Browse…" beside a path field: opens the shared file picker for `owner` (a popup id);
// true when the picker, drawn here, picked a path (then in `path`).
bool browse_button(AppState& s, const std::string& owner, FilePicker::Mode mode, std::string& path) {
  auto& picker = s.dialogs.picker;
  if (ImGui::Button(label(s, "menu.browse", "browse").c_str())) {
    open_picker(picker, mode, clean_input(path));
    s.dialogs.picker_for = owner;
  }
  track(s, owner + ".browse");
  if (s.dialogs.picker_for != owner) return false;
  if (!draw_file_picker(picker, s.strings, colors(s), [&](const std::string& key) { track(s, key); })) return false;
  path = picker.picked;
  s.dialogs.focus_field = true;  // Enter in the filled field then confirms
  return true;
}

// The width a "Browse…" button takes after a field on the same line.
float browse_width(const AppState& s) {
  const ImGuiStyle& style = ImGui::GetStyle();
  return ImGui::CalcTextSize(s.strings("menu.browse")).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
}

// A small modal asking for a path, typed or browsed; true (and `path` set) when confirmed.
bool path_prompt(AppState& s, const PathPrompt& prompt, std::string& path) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowSize(ImVec2(std::min(fs * 30, ImGui::GetIO().DisplaySize.x * 0.94f), 0));
  if (!ImGui::BeginPopupModal(prompt.popup, nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) return false;
  const bool picker_was_open = s.dialogs.picker.open;  // its Escape is the picker's
  wrapped_text(s.strings(prompt.title_key));
  ImGui::SetNextItemWidth(-browse_width(s));
  if (ImGui::IsWindowAppearing() || std::exchange(s.dialogs.focus_field, false)) ImGui::SetKeyboardFocusHere();
  bool ok = ImGui::InputTextWithHint("##path", s.strings(prompt.hint_key), &path, ImGuiInputTextFlags_EnterReturnsTrue);
  track(s, std::string(prompt.popup) + ".path");
  ImGui::SameLine();
  browse_button(s, prompt.popup, prompt.mode, path);  // fills the field; Open confirms
  ok = accent_button(label(s, "menu.open", "open").c_str(), p) || ok;
  track(s, std::string(prompt.popup) + ".open");
  ImGui::SameLine();
  bool cancel = ImGui::Button(label(s, "menu.cancel", "cancel").c_str());
  track(s, std::string(prompt.popup) + ".cancel");
  cancel = cancel || (!picker_was_open && ImGui::IsKeyPressed(key(ImGuiKey_Escape), false));
  ok = ok && !clean_input(path).empty() && !cancel;
  if (ok || cancel) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
  return ok;
}

// The trainer's own scenario folders: listed, removed, added by path or with the picker.
void folders_dialog(AppState& s) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowSize(ImVec2(std::min(fs * 34, ImGui::GetIO().DisplaySize.x * 0.94f), 0));
  if (!ImGui::BeginPopupModal(label(s, "home.folders", "#folders").c_str(), nullptr,
                              ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove))
    return;
  const bool picker_was_open = s.dialogs.picker.open;
  muted_text(s.strings("home.folders_help"), p);
  for (std::size_t i = 0; i < s.settings.values.folders.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    const std::string folder = s.settings.values.folders[i];
    if (ImGui::SmallButton(label(s, "home.remove", "rm").c_str())) remove_folder(s, folder);
    track(s, fmt::format("home.folder.remove.{}", i));
    ImGui::SameLine();
    ImGui::TextUnformatted(display_text(folder).c_str());
    ImGui::PopID();
  }
  const ImGuiStyle& style = ImGui::GetStyle();
  const float add_w = ImGui::CalcTextSize(s.strings("home.add")).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
  ImGui::SetNextItemWidth(-browse_width(s) - add_w);
  if (std::exchange(s.dialogs.focus_field, false)) ImGui::SetKeyboardFocusHere();
  bool add = ImGui::InputTextWithHint("##folder", s.strings("home.folder_hint"), &s.library.folder_input,
                                      ImGuiInputTextFlags_EnterReturnsTrue);
  track(s, "home.folder.input");
  ImGui::SameLine();
  browse_button(s, "###folders", FilePicker::Mode::folder, s.library.folder_input);
  ImGui::SameLine();
  add = ImGui::Button(label(s, "home.add", "add").c_str()) || add;
  track(s, "home.folder.add");
  if (add) {
    add_folder(s, s.library.folder_input);
    s.library.folder_input.clear();
  }
  ImGui::Spacing();
  const bool close = ImGui::Button(label(s, "menu.close", "close").c_str()) ||
                     (!picker_was_open && ImGui::IsKeyPressed(key(ImGuiKey_Escape), false));
  track(s, "folders.close");
  if (close) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace

void draw_classroom_menus(AppState& s) {
  static constexpr PathPrompt k_exercise{"###open_exercise", "menu.open_exercise_help", "menu.exercise_hint",
                                         FilePicker::Mode::file};
  static constexpr PathPrompt k_results{"###open_results", "menu.open_results_help", "menu.results_hint",
                                        FilePicker::Mode::folder};
  const bool in_session = s.sessions.live && !s.sessions.live->session().finished();
  if (ImGui::Button(label(s, "menu.file", "menu_file").c_str())) ImGui::OpenPopup("##file_menu");
  track(s, "menu.file");
  ImGui::SameLine();
  // Everything only a trainer needs, behind one entry: a trainee's Home stays the library.
  if (ImGui::Button(label(s, "menu.trainer", "menu_trainer").c_str())) ImGui::OpenPopup("##trainer_menu");
  track(s, "menu.trainer");
  bool ask_exercise = false, ask_results = false;
  if (ImGui::BeginPopup("##file_menu")) {
    ask_exercise =
        ImGui::MenuItem(label(s, "menu.open_exercise", "open_exercise").c_str(), nullptr, false, !in_session);
    track(s, "menu.open_exercise");
    if (s.classroom.exercise && ImGui::MenuItem(label(s, "menu.show_exercise", "show_exercise").c_str()))
      s.screen = Screen::exercise;
    ImGui::EndPopup();
  }
  if (ImGui::BeginPopup("##trainer_menu")) {
    ask_results = ImGui::MenuItem(label(s, "menu.open_results", "open_results").c_str(), nullptr, false, !in_session);
    track(s, "menu.open_results");
    if (s.classroom.trainer && ImGui::MenuItem(label(s, "menu.show_dashboard", "show_dashboard").c_str()))
      s.screen = Screen::trainer;
    track(s, "menu.show_dashboard");
    if (ImGui::MenuItem(label(s, "menu.folders", "folders").c_str())) s.dialogs.folders = true;
    track(s, "menu.folders");
    ImGui::EndPopup();
  }
  if (ask_exercise) ImGui::OpenPopup(k_exercise.popup);
  if (ask_results) ImGui::OpenPopup(k_results.popup);
  if (ask_exercise || ask_results) s.classroom.path_input.clear();
  if (s.dialogs.folders) ImGui::OpenPopup(label(s, "home.folders", "#folders").c_str()), s.dialogs.folders = false;
  if (path_prompt(s, k_exercise, s.classroom.path_input)) open_exercise(s, clean_input(s.classroom.path_input));
  if (path_prompt(s, k_results, s.classroom.path_input)) open_results_folder(s, s.classroom.path_input);
  folders_dialog(s);
}

}  // namespace chatdrill::app
