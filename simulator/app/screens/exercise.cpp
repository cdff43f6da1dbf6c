// The trainee's timed exercise: name entry, a waiting screen until the synchronized start,
// each scenario in turn under a countdown that is always visible (the strip above every
// screen), time_up moving straight on to the next scenario, scores only as the exercise's
// feedback policy allows, and a final "done" screen. Sessions run on the app's own session
// screen; this file starts them and takes over when they end.
#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>

#include "classroom.h"
#include "scoring/text.h"
#include "screens.h"
#include "simulator/app/ui/theme.h"
#include "simulator/app/widgets/controls.h"
#include "simulator/app/widgets/score_bar.h"
#include "simulator/engine/files.h"

namespace chatdrill::app {
namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------
// [Commands]

double exercise_wall_time(const AppState& s) {
  if (!s.exercise) return 0;
  return s.exercise->wall_at_open + (s.now - s.exercise->app_at_open);
}

void open_exercise(AppState& s, const std::string& path) {
  auto run = std::make_shared<ExerciseRun>();
  run->path = path;
  run->wall_at_open =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  run->app_at_open = s.now;
  run->name_input = s.settings.trainee;
  auto load = engine::load_exercise(path);
  for (const auto& d : load.diagnostics) run->problems.push_back(d.to_string());
  if (load.exercise) {
    run->exercise = std::move(*load.exercise);
    auto scenarios = engine::load_exercise_scenarios(run->exercise);
    for (const auto& d : scenarios.diagnostics)
      if (d.severity == scoring::Severity::error) run->problems.push_back(d.to_string());
    if (!scoring::has_errors(scenarios.diagnostics)) run->scenarios = std::move(scenarios.scenarios);
    run->order = engine::play_order(run->exercise);
  }
  if (!load.exercise || run->scenarios.empty()) run->problems.insert(run->problems.begin(), path);
  s.exercise = std::move(run);
  s.screen = Screen::exercise;
}

void close_exercise(AppState& s) {
  if (s.live && s.exercise && s.live->result_path == s.exercise->current_result) return;  // never mid-session
  s.exercise.reset();
  if (s.screen == Screen::exercise) s.screen = Screen::home;
}

namespace {

void begin_exercise(AppState& s) {
  auto& run = *s.exercise;
  const double now = exercise_wall_time(s);
  const double start = run.exercise.start_at_unix ? static_cast<double>(*run.exercise.start_at_unix) : now;
  if (run.exercise.total_time_limit) run.total_end = std::max(start, 0.0) + *run.exercise.total_time_limit;
  if (find_exercise_progress(s)) {  // this trainee's app crashed mid-session: offer to go on
    run.phase = ExercisePhase::recovery;
    return;
  }
  if (run.exercise.start_at_unix && now < start) {
    run.phase = ExercisePhase::waiting;
    return;
  }
  start_next_scenario(s);
}

std::unique_ptr<LiveSession> exercise_session(AppState& s, const ExerciseRun& run, std::size_t position,
                                              std::optional<double> limit) {
  const auto& scenario = run.scenarios[run.order[position]];
  auto live = std::make_unique<LiveSession>();
  live->scenario = scenario;
  live->stem = engine::result_file_stem(run.trainee, scenario->id, engine::this_writer());
  const auto paths = engine::result_paths(run.exercise.results_dir, live->stem);
  live->result_path = paths.result;
  live->journal_path = paths.journal;
  if (auto err = engine::ensure_directory(fs::path(paths.journal).parent_path().string()); !err.empty())
    s.status = err;
  engine::SessionResult base;
  base.trainee = run.trainee;
  base.exercise_id = run.exercise.id;
  base.exercise_title = run.exercise.title;
  base.position = static_cast<int>(position);
  live->result_base = std::move(base);
  scoring::Rubric rubric = scenario->rubric;
  if (run.exercise.weights) rubric.weights = *run.exercise.weights;
  live->rubric = rubric;
  engine::SessionOptions opts{run.exercise.seed, limit, paths.journal, run.trainee};
  try {  // broken language data: the message, not an abort
    live->session = std::make_unique<engine::Session>(scenario, opts);
  } catch (const std::exception& e) {
    s.status = e.what();
    return nullptr;
  }
  live->started_at = s.now;
  live->started_wall = engine::format_utc_timestamp(static_cast<std::int64_t>(exercise_wall_time(s)));
  try {
    live->analyzer = std::make_unique<scoring::TextAnalyzer>(scenario->lang);
  } catch (const std::exception& e) {
    s.status = e.what();  // no tone hints; the session still runs
  }
  live->session->advance(0);
  return live;
}

engine::SessionResult saved_result(const std::string& path, const LiveSession* live) {
  auto load = engine::load_result(path);
  if (load.result) return std::move(*load.result);
  engine::SessionResult r;  // the file could not be read back: keep what the screen knows
  if (live) r.transcript = live->session->transcript(), r.scenario_id = live->scenario->id;
  return r;
}

}  // namespace

std::optional<std::size_t> next_open_position(const ExerciseRun& run) {
  for (std::size_t p = 0; p < run.order.size(); ++p)
    if (std::none_of(run.done.begin(), run.done.end(),
                     [&](const auto& r) { return r.position == static_cast<int>(p); }))
      return p;
  return std::nullopt;
}

void start_exercise_session(AppState& s, std::size_t position, std::optional<double> limit) {
  auto& run = *s.exercise;
  s.live = exercise_session(s, run, position, limit);
  if (!s.live) return;  // s.status says why
  run.current_result = s.live->result_path;
  run.next = position + 1;             // scenario_time_left() reads the one in progress from here
  run.phase = ExercisePhase::between;  // shown again when this session ends
  s.screen = Screen::session;
}

// The session in progress ended (by itself, or the trainee pressed End): keep its result.
void take_finished(AppState& s, engine::SessionResult result) {
  auto& run = *s.exercise;
  run.done.push_back(std::move(result));
  run.current_result.clear();
  // With feedback after each scenario, one cut by its time limit shows its score first too.
  const bool move_on =
      run.done.back().outcome() == "time_up" && run.exercise.feedback != engine::FeedbackPolicy::after_each;
  const bool out_of_time = run.total_end && exercise_wall_time(s) >= *run.total_end - 1;
  s.screen = Screen::exercise;
  if (!next_open_position(run) || out_of_time)
    run.phase = ExercisePhase::done;
  else if (!run.journals.empty())
    run.phase = ExercisePhase::recovery;  // another interrupted chat is still waiting
  else if (move_on)
    start_next_scenario(s);  // the limit ends it; the next one starts
  else
    run.phase = ExercisePhase::between;
}

void set_exercise_trainee(AppState& s, const std::string& name) {
  if (!s.exercise || !s.exercise->problems.empty()) return;
  std::string clean = clean_input(name);
  while (!clean.empty() && (clean.back() == ' ' || clean.back() == '\n')) clean.pop_back();
  while (!clean.empty() && clean.front() == ' ') clean.erase(0, 1);
  if (clean.empty()) return;
  s.exercise->trainee = clean;
  begin_exercise(s);
}

void start_next_scenario(AppState& s) {
  if (!s.exercise || s.live) return;
  auto& run = *s.exercise;
  const auto position = next_open_position(run);
  if (!position) {
    run.phase = ExercisePhase::done;
    return;
  }
  auto limit = run.exercise.limit_for(run.order[*position]);
  if (run.total_end) {
    const double left = *run.total_end - exercise_wall_time(s);
    if (left < 1) {
      run.phase = ExercisePhase::done;
      return;
    }
    limit = limit ? std::min(*limit, left) : left;
  }
  start_exercise_session(s, *position, limit);
}

std::optional<double> scenario_time_left(const AppState& s) {
  if (!s.exercise || !s.live || s.live->result_path != s.exercise->current_result) return std::nullopt;
  const std::size_t index = s.exercise->order[s.exercise->next - 1];
  auto limit = s.exercise->exercise.limit_for(index);
  std::optional<double> left;
  if (limit) left = *limit - session_time(s);
  if (auto total = exercise_time_left(s)) left = left ? std::min(*left, *total) : *total;
  if (left) left = std::max(0.0, *left);
  return left;
}

std::optional<double> exercise_time_left(const AppState& s) {
  if (!s.exercise || !s.exercise->total_end) return std::nullopt;
  return std::max(0.0, *s.exercise->total_end - exercise_wall_time(s));
}

bool tick_exercise(AppState& s) {
  if (!s.exercise || s.exercise->trainee.empty()) return false;
  auto& run = *s.exercise;
  if (run.phase == ExercisePhase::waiting) {
    if (exercise_wall_time(s) < static_cast<double>(*run.exercise.start_at_unix)) return false;
    start_next_scenario(s);
    return true;
  }
  if (run.current_result.empty()) {
    if (run.phase == ExercisePhase::between && run.total_end && exercise_wall_time(s) >= *run.total_end) {
      run.phase = ExercisePhase::done;
      return true;
    }
    return false;
  }
  if (s.live && s.live->result_path == run.current_result) {
    if (!s.live->session->finished() || !s.live->saved) return false;
    auto result = saved_result(run.current_result, s.live.get());
    s.live.reset();
    take_finished(s, std::move(result));
    return true;
  }
  if (s.review && s.review->path == run.current_result) {  // ended with End: the review is not for now
    auto result = std::move(s.review->result);
    s.review.reset();
    take_finished(s, std::move(result));
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// [Drawing]

namespace {

void heading(AppState& s, const std::string& text) {
  ImGui::PushFont(s.fonts.title);
  wrapped_text(display_text(text));
  ImGui::PopFont();
}

void scores_card(AppState& s, const engine::SessionResult& r, int index) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  ImGui::PushID(index);
  const float height =
      ImGui::GetTextLineHeightWithSpacing() + ImGui::GetFrameHeightWithSpacing() * 4 + fs * 2.2f;
  begin_card("##score", ImVec2(0, height), p);
  ImGui::PushFont(s.fonts.bold);
  ImGui::TextUnformatted(display_text(r.scenario_title.empty() ? r.scenario_id : r.scenario_title).c_str());
  ImGui::PopFont();
  ImGui::SameLine(0, fs);
  chip(outcome_text(s, nullptr, r.outcome()).c_str(), p.accent_soft, p.accent);
  score_badge(r.grade.overall, s.strings("review.overall"), s.fonts.title, p);
  ImGui::SameLine(0, fs);
  ImGui::BeginGroup();
  const float x0 = ImGui::GetCursorPosX();
  for (std::size_t d = 0; d < scoring::k_dimensions.size(); ++d) {
    if (!r.grade.dimensions[d].graded) continue;
    ImGui::SetCursorPosX(x0);
    score_bar(s.strings(std::string("dim.") + scoring::k_dimensions[d]), r.grade.dimensions[d].score,
              x0 + fs * 9, p);
  }
  ImGui::EndGroup();
  end_card();
  track(s, fmt::format("exercise.scores.{}", index));
  ImGui::PopID();
}

void name_entry(AppState& s, ExerciseRun& run) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  muted_text(s.strings("exercise.name_prompt"), p);
  ImGui::SetNextItemWidth(fs * 20);
  bool enter = ImGui::InputText("##trainee_name", &run.name_input, ImGuiInputTextFlags_EnterReturnsTrue);
  track(s, "exercise.name");
  ImGui::SameLine();
  const bool ready = !clean_input(run.name_input).empty();
  if (!ready) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.45f);
  bool go = accent_button(label(s, "exercise.begin", "begin").c_str(), p);
  if (!ready) ImGui::PopStyleVar();
  track(s, "exercise.begin");
  if ((go || enter) && ready) set_exercise_trainee(s, run.name_input);
}

void waiting(AppState& s, ExerciseRun& run) {
  const Palette& p = colors(s);
  const double left = static_cast<double>(*run.exercise.start_at_unix) - exercise_wall_time(s);
  muted_text(s.strings.format("exercise.hello", display_text(run.trainee)), p);
  ImGui::Spacing();
  ImGui::TextUnformatted(s.strings.format("exercise.starts_at", *run.exercise.start_at).c_str());
  ImGui::PushFont(s.fonts.title);
  ImGui::PushStyleColor(ImGuiCol_Text, p.accent_v);
  ImGui::TextUnformatted(clock_text(std::ceil(left)).c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  muted_text(s.strings("exercise.waiting_help"), p);
}

void between(AppState& s, ExerciseRun& run) {
  const Palette& p = colors(s);
  if (!run.done.empty()) {
    const auto& last = run.done.back();
    ImGui::TextUnformatted(s.strings
                               .format("exercise.scenario_done", run.done.size(), run.order.size(),
                                       outcome_text(s, nullptr, last.outcome()))
                               .c_str());
    if (run.exercise.feedback == engine::FeedbackPolicy::after_each)
      scores_card(s, last, 0);
    else
      muted_text(s.strings(run.exercise.feedback == engine::FeedbackPolicy::at_end ? "exercise.scores_at_end"
                                                                                   : "exercise.scores_never"),
                 p);
  }
  ImGui::Spacing();
  if (accent_button(label(s, "exercise.next", "next").c_str(), p)) start_next_scenario(s);
  track(s, "exercise.next");
}

void done(AppState& s, ExerciseRun& run) {
  const Palette& p = colors(s);
  heading(s, s.strings("exercise.done_title"));
  muted_text(s.strings.format("exercise.done_body", run.done.size(), run.order.size()), p);
  if (run.exercise.feedback == engine::FeedbackPolicy::never) {
    muted_text(s.strings("exercise.scores_never"), p);
  } else {
    ImGui::BeginChild("##done_scores", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() * 1.5f), false);
    for (std::size_t i = 0; i < run.done.size(); ++i) scores_card(s, run.done[i], static_cast<int>(i));
    ImGui::EndChild();
  }
  if (ImGui::Button(label(s, "exercise.close", "close").c_str())) close_exercise(s);
  track(s, "exercise.close");
}

}  // namespace

void draw_exercise(AppState& s) {
  const Palette& p = colors(s);
  if (!s.exercise) {
    muted_text(s.strings("exercise.none"), p);
    return;
  }
  auto& run = *s.exercise;
  heading(s, run.exercise.title.empty() ? run.path : run.exercise.title);
  if (!run.problems.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.danger_v);
    wrapped_text(s.strings("exercise.invalid"));
    for (const auto& problem : run.problems) wrapped_text(display_text(problem));
    ImGui::PopStyleColor();
    if (ImGui::Button(label(s, "exercise.close", "close").c_str())) close_exercise(s);
    return;
  }
  if (run.phase != ExercisePhase::done && !run.exercise.instructions.empty()) {
    wrapped_text(display_text(run.exercise.instructions));
    ImGui::Spacing();
  }
  if (run.trainee.empty()) return name_entry(s, run);
  switch (run.phase) {
    case ExercisePhase::name_entry:
      name_entry(s, run);
      break;
    case ExercisePhase::recovery:
      draw_exercise_recovery(s);
      break;
    case ExercisePhase::waiting:
      waiting(s, run);
      break;
    case ExercisePhase::between:
      between(s, run);
      break;
    case ExercisePhase::done:
      done(s, run);
      break;
  }
}

void draw_exercise_strip(AppState& s) {
  if (!s.exercise || s.exercise->trainee.empty() || !s.exercise->problems.empty()) return;
  const auto& run = *s.exercise;
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  std::string text = fmt::format("{} · {}", display_text(run.exercise.title), display_text(run.trainee));
  if (run.phase == ExercisePhase::waiting) {
    const double left = static_cast<double>(*run.exercise.start_at_unix) - exercise_wall_time(s);
    text += " · " + s.strings.format("exercise.strip_waiting", clock_text(std::ceil(left)));
  } else if (run.phase != ExercisePhase::done) {
    text += " · " +
            s.strings.format("exercise.strip_progress", std::max<std::size_t>(run.next, 1), run.order.size());
  }
  const auto scenario_left = scenario_time_left(s);
  const auto total_left = exercise_time_left(s);
  if (scenario_left)
    text += " · " + s.strings.format("exercise.strip_left", clock_text(std::ceil(*scenario_left)));
  if (total_left && run.phase != ExercisePhase::done)
    text += " · " + s.strings.format("exercise.strip_total", clock_text(std::ceil(*total_left)));
  const bool urgent = scenario_left && *scenario_left < 60;
  const ImU32 bg = urgent ? p.danger : p.accent;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4((bg & 0x00FFFFFF) | (40u << 24)));
  ImGui::BeginChild("##exercise_strip", ImVec2(0, ImGui::GetFrameHeight() * 1.3f), false);
  ImGui::SetCursorPos(ImVec2(fs * 0.6f, (ImGui::GetFrameHeight() * 1.3f - fs) / 2));
  ImGui::PushFont(s.fonts.bold);
  ImGui::PushStyleColor(ImGuiCol_Text, urgent ? p.danger_v : p.accent_v);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::EndChild();
  ImGui::PopStyleColor();
  track(s, "exercise.strip");
}

}  // namespace chatdrill::app
