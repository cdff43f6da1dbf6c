// The trainee's timed exercise, drawn: name entry, the offer to resume interrupted chats, a
// waiting screen until the synchronized start, scores between scenarios only as the
// exercise's feedback policy allows, a final "done" screen, and the countdown strip above
// every screen. Chats run on the app's own session screen. The rules (order, limits, what
// happens when a chat ends) are the classroom's ExerciseRun; this file only calls the
// commands in ui/classroom_state.h.
#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

#include "classroom.h"
#include "scoring/text.h"
#include "screens.h"
#include "simulator/app/ui/theme.h"
#include "simulator/app/widgets/controls.h"
#include "simulator/app/widgets/score_bar.h"
#include "simulator/engine/replay.h"
#include "simulator/engine/scenario.h"

namespace chatdrill::app {

// ---------------------------------------------------------------------------------------
// [Drawing]

namespace {

void heading(AppState& s, const std::string& text) {
  ImGui::PushFont(s.platform.fonts.title);
  wrapped_text(display_text(text));
  ImGui::PopFont();
}

void scores_card(AppState& s, const classroom::SessionResult& r, int index) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  ImGui::PushID(index);
  float label_w = 0;
  float rows = 0;
  for (std::size_t d = 0; d < scoring::k_dimensions.size(); ++d) {
    if (!r.grade.dimensions[d].graded) continue;
    label_w = std::max(label_w, ImGui::CalcTextSize(s.strings(std::string("dim.") + scoring::k_dimensions[d])).x);
    rows += 1;
  }
  label_w += fs;
  // The bars beside the badge when the card is wide enough, under it otherwise.
  const float badge_w = score_badge_width(s.strings("review.overall"));
  const float inner = ImGui::GetContentRegionAvail().x - fs * 2;
  const bool beside = inner >= badge_w + fs + score_row_width(label_w);
  const float bars_w = beside ? inner - badge_w - fs : inner;
  const float row_h = ImGui::GetFrameHeightWithSpacing() * (score_row_width(label_w) <= bars_w ? 1.0f : 2.0f);
  const float content = beside ? std::max(fs * 5, rows * row_h) : fs * 5 + rows * row_h;
  const float height = ImGui::GetTextLineHeightWithSpacing() * 1.5f + content + fs * 2.2f;
  begin_card("##score", ImVec2(0, height), p);
  ImGui::PushFont(s.platform.fonts.bold);
  ImGui::TextUnformatted(display_text(r.scenario_title.empty() ? r.scenario_id : r.scenario_title).c_str());
  ImGui::PopFont();
  ImGui::SameLine(0, fs);
  chip(outcome_text(s, nullptr, r.outcome()).c_str(), p.accent_soft, p.accent);
  score_badge(r.grade.overall, s.strings("review.overall"), s.platform.fonts.title, p);
  if (beside) ImGui::SameLine(0, fs);
  ImGui::BeginGroup();
  for (std::size_t d = 0; d < scoring::k_dimensions.size(); ++d) {
    if (!r.grade.dimensions[d].graded) continue;
    score_bar(s.strings(std::string("dim.") + scoring::k_dimensions[d]), r.grade.dimensions[d].score, label_w, p);
  }
  ImGui::EndGroup();
  end_card();
  track(s, fmt::format("exercise.scores.{}", index));
  ImGui::PopID();
}

void name_entry(AppState& s, ExerciseView& view) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  muted_text(s.strings("exercise.name_prompt"), p);
  ImGui::SetNextItemWidth(fs * 20);
  bool enter = ImGui::InputText("##trainee_name", &view.name_input, ImGuiInputTextFlags_EnterReturnsTrue);
  track(s, "exercise.name");
  ImGui::SameLine();
  const bool ready = !clean_input(view.name_input).empty();
  if (!ready) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.45f);
  bool go = accent_button(label(s, "exercise.begin", "begin").c_str(), p);
  if (!ready) ImGui::PopStyleVar();
  track(s, "exercise.begin");
  if ((go || enter) && ready) set_exercise_trainee(s, view.name_input);
}

void waiting(AppState& s, const classroom::ExerciseRun& run) {
  const Palette& p = colors(s);
  const double left = run.start_in(s.wall_now).value_or(0);
  muted_text(s.strings.format("exercise.hello", display_text(run.trainee())), p);
  ImGui::Spacing();
  ImGui::TextUnformatted(s.strings.format("exercise.starts_at", *run.exercise().start_at).c_str());
  ImGui::PushFont(s.platform.fonts.title);
  ImGui::PushStyleColor(ImGuiCol_Text, p.accent_v);
  ImGui::TextUnformatted(clock_text(std::ceil(left)).c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  muted_text(s.strings("exercise.waiting_help"), p);
}

void between(AppState& s, const classroom::ExerciseRun& run) {
  const Palette& p = colors(s);
  if (!run.done().empty()) {
    const auto& last = run.done().back();
    ImGui::TextUnformatted(s.strings
                               .format("exercise.scenario_done", run.done().size(), run.order().size(),
                                       outcome_text(s, nullptr, last.outcome()))
                               .c_str());
    if (run.exercise().feedback == classroom::FeedbackPolicy::after_each) scores_card(s, last, 0);
    else
      muted_text(s.strings(run.exercise().feedback == classroom::FeedbackPolicy::at_end ? "exercise.scores_at_end"
                                                                                        : "exercise.scores_never"),
                 p);
  }
  ImGui::Spacing();
  if (accent_button(label(s, "exercise.next", "next").c_str(), p)) start_next_scenario(s);
  track(s, "exercise.next");
}

void done(AppState& s, const classroom::ExerciseRun& run) {
  const Palette& p = colors(s);
  heading(s, s.strings("exercise.done_title"));
  muted_text(s.strings.format("exercise.done_body", run.done().size(), run.order().size()), p);
  if (run.exercise().feedback == classroom::FeedbackPolicy::never) {
    muted_text(s.strings("exercise.scores_never"), p);
  } else {
    ImGui::BeginChild("##done_scores", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() * 1.5f), false);
    for (std::size_t i = 0; i < run.done().size(); ++i) scores_card(s, run.done()[i], static_cast<int>(i));
    ImGui::EndChild();
  }
  if (ImGui::Button(label(s, "exercise.close", "close").c_str())) close_exercise(s);
  track(s, "exercise.close");
}

// The offer to resume (or save) this trainee's interrupted chats.
void recovery(AppState& s, const classroom::ExerciseRun& run) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  ImGui::PushFont(s.platform.fonts.bold);
  wrapped_text(s.strings("exercise.recover_title"));
  ImGui::PopFont();
  muted_text(s.strings("exercise.recover_body"), p);
  ImGui::Spacing();
  std::optional<std::size_t> pick;
  for (std::size_t i = 0; i < run.journals().size(); ++i) {
    const auto& j = run.journals()[i];
    const auto& scenario = run.scenario_at(j.position);
    const bool over = run.journal_time_over(j, s.wall_now);
    const auto said = std::count_if(j.transcript.messages.begin(), j.transcript.messages.end(),
                                    [](const auto& m) { return m.is_trainee_message(); });
    ImGui::PushID(static_cast<int>(i));
    begin_card("##journal", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 3.2f), p);
    ImGui::PushFont(s.platform.fonts.bold);
    ImGui::TextUnformatted(display_text(scenario.title.empty() ? scenario.id : scenario.title).c_str());
    ImGui::PopFont();
    muted_text(
        s.strings.format(over ? "exercise.recover_over" : "exercise.recover_stopped", j.position + 1,
                         run.order().size(), said, clock_text(std::floor(engine::last_event_time(j.transcript)))),
        p);
    if (accent_button(label(s, over ? "exercise.recover_save" : "exercise.recover_resume", "go").c_str(), p)) pick = i;
    track(s, fmt::format("exercise.recover.{}", i));
    end_card();
    ImGui::PopID();
    ImGui::Dummy(ImVec2(0, fs * 0.3f));
  }
  if (pick) recover_exercise_journal(s, *pick);
}

}  // namespace

void draw_exercise(AppState& s) {
  const Palette& p = colors(s);
  if (!s.classroom.exercise) {
    muted_text(s.strings("exercise.none"), p);
    return;
  }
  auto& run = s.classroom.exercise->run;
  heading(s, run.exercise().title.empty() ? run.path() : run.exercise().title);
  if (!run.runnable()) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.danger_v);
    wrapped_text(s.strings("exercise.invalid"));
    for (const auto& problem : run.problems()) wrapped_text(display_text(problem));
    ImGui::PopStyleColor();
    if (ImGui::Button(label(s, "exercise.close", "close").c_str())) close_exercise(s);
    return;
  }
  if (run.phase() != classroom::RunPhase::done && !run.exercise().instructions.empty()) {
    wrapped_text(display_text(run.exercise().instructions));
    ImGui::Spacing();
  }
  switch (run.phase()) {
    case classroom::RunPhase::name_entry: name_entry(s, *s.classroom.exercise); break;
    case classroom::RunPhase::recovery: recovery(s, run); break;
    case classroom::RunPhase::waiting: waiting(s, run); break;
    case classroom::RunPhase::playing:  // shown when the trainee looks here mid-chat
    case classroom::RunPhase::between: between(s, run); break;
    case classroom::RunPhase::done: done(s, run); break;
  }
}

void draw_exercise_strip(AppState& s) {
  if (!s.classroom.exercise || s.classroom.exercise->run.trainee().empty() || !s.classroom.exercise->run.runnable())
    return;
  const auto& run = s.classroom.exercise->run;
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  std::string text = fmt::format("{} · {}", display_text(run.exercise().title), display_text(run.trainee()));
  if (run.phase() == classroom::RunPhase::waiting) {
    const double left = run.start_in(s.wall_now).value_or(0);
    text += " · " + s.strings.format("exercise.strip_waiting", clock_text(std::ceil(left)));
  } else if (run.phase() != classroom::RunPhase::done) {
    text += " · " + s.strings.format("exercise.strip_progress", run.progress(), run.order().size());
  }
  const auto scenario_left = scenario_time_left(s);
  const auto total_left = exercise_time_left(s);
  if (scenario_left) text += " · " + s.strings.format("exercise.strip_left", clock_text(std::ceil(*scenario_left)));
  if (total_left && run.phase() != classroom::RunPhase::done)
    text += " · " + s.strings.format("exercise.strip_total", clock_text(std::ceil(*total_left)));
  const bool urgent = scenario_left && *scenario_left < 60;
  const ImU32 bg = urgent ? p.danger : p.accent;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4((bg & 0x00FFFFFF) | (40u << 24)));
  ImGui::BeginChild("##exercise_strip", ImVec2(0, ImGui::GetFrameHeight() * 1.3f), false);
  ImGui::SetCursorPos(ImVec2(fs * 0.6f, (ImGui::GetFrameHeight() * 1.3f - fs) / 2));
  ImGui::PushFont(s.platform.fonts.bold);
  ImGui::PushStyleColor(ImGuiCol_Text, urgent ? p.danger_v : p.accent_v);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::EndChild();
  ImGui::PopStyleColor();
  track(s, "exercise.strip");
}

}  // namespace chatdrill::app
