// Crash recovery inside a classroom exercise: when the app starts into an exercise and its
// results/live/ folder holds an unfinished journal of this trainee for this exercise, the
// trainee resumes that chat where it stopped, or (time over) it is saved as a time_up
// result graded from what was said. Earlier results count as done, so nothing is played
// twice. Never touches another trainee's journal or a session still running elsewhere.
#include <fmt/format.h>
#include <imgui.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <filesystem>

#include "classroom.h"
#include "screens.h"
#include "simulator/app/ui/theme.h"
#include "simulator/app/widgets/controls.h"
#include "simulator/engine/journal.h"

namespace chatdrill::app {
namespace fs = std::filesystem;

namespace {

// A journal last written this long ago by another machine is taken as abandoned (its
// trainee moved to this machine); a fresher one may be a namesake's session running now.
constexpr double k_foreign_journal_idle_seconds = 120;

// Stems are "<trainee>_<scenario>_<host>-<pid>-<nonce>" (engine::result_file_stem).
bool journal_abandoned(const std::string& path, std::string_view writer) {
  const auto host = engine::sanitize_name_part(engine::this_writer().host, "host") + "-";
  if (writer.starts_with(host)) {  // this machine: abandoned unless its process still runs
    const long pid = std::strtol(std::string(writer.substr(host.size())).c_str(), nullptr, 10);
    return pid <= 0 || pid == static_cast<long>(::getpid()) ||
           (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH);
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return false;
  const double age =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count() -
      static_cast<double>(st.st_mtime);
  return age >= k_foreign_journal_idle_seconds;
}

double last_event_time(const scoring::Transcript& t) {
  double last = 0;
  for (const auto& m : t.messages) last = std::max(last, m.at);
  return last;
}

// This trainee's earlier results in this exercise, one per place in the order (the last).
void load_earlier_results(ExerciseRun& run) {
  const auto prefix = engine::sanitize_name_part(run.trainee, "trainee") + "_";
  for (const auto& file : engine::list_result_files(run.exercise.results_dir)) {
    if (!fs::path(file).filename().string().starts_with(prefix)) continue;
    auto load = engine::load_result(file);
    if (!load.result) continue;
    auto& r = *load.result;
    const auto p = static_cast<std::size_t>(r.position);
    if (r.trainee != run.trainee || r.exercise_id != run.exercise.id || r.position < 0 ||
        p >= run.order.size() || run.scenarios[run.order[p]]->id != r.scenario_id)
      continue;
    auto same = std::find_if(run.done.begin(), run.done.end(),
                             [&](const auto& d) { return d.position == r.position; });
    if (same == run.done.end())
      run.done.push_back(std::move(r));
    else if (same->ended_at < r.ended_at)
      *same = std::move(r);
  }
  std::sort(run.done.begin(), run.done.end(),
            [](const auto& a, const auto& b) { return a.position < b.position; });
}

// The place in the order a journal belongs to: its scenario, trainee and seed must match.
std::optional<std::size_t> journal_position(const ExerciseRun& run, const scoring::Transcript& t) {
  const auto trainee = t.extra.is_object() ? t.extra.find("trainee") : t.extra.end();
  if (trainee == t.extra.end() || !trainee->is_string() || *trainee != run.trainee ||
      t.seed != run.exercise.seed)
    return std::nullopt;
  for (std::size_t p = 0; p < run.order.size(); ++p) {
    const bool taken =
        std::any_of(run.done.begin(), run.done.end(),
                    [&](const auto& d) { return d.position == static_cast<int>(p); }) ||
        std::any_of(run.journals.begin(), run.journals.end(), [&](const auto& j) { return j.position == p; });
    if (!taken && run.scenarios[run.order[p]]->id == t.scenario) return p;
  }
  return std::nullopt;
}

void find_journals(ExerciseRun& run) {
  for (const auto& path : engine::list_live_journals(run.exercise.results_dir)) {
    const auto stem = fs::path(path).stem().string();
    const auto trainee = engine::sanitize_name_part(run.trainee, "trainee") + "_";
    for (const auto& scenario : run.scenarios) {
      const auto prefix = trainee + engine::sanitize_name_part(scenario->id, "scenario") + "_";
      if (!stem.starts_with(prefix) || !journal_abandoned(path, std::string_view(stem).substr(prefix.size())))
        continue;
      auto load = engine::recover_journal(path);
      if (!load.transcript) break;
      if (auto p = journal_position(run, *load.transcript))
        run.journals.push_back(ExerciseJournal{path, *p, std::move(*load.transcript)});
      break;
    }
  }
  std::sort(run.journals.begin(), run.journals.end(),
            [](const auto& a, const auto& b) { return a.position < b.position; });
}

// Journals keep times to the millisecond (scoring::transcript_to_json).
constexpr double k_journal_time_step = 0.001;

// Where the chat's clock resumes: just past the last journalled event.
double resume_time(const scoring::Transcript& t) {
  return last_event_time(t) + k_journal_time_step;
}

// Replays the journalled chat into `session`: the trainee's lines at their times, then up
// to the last event. True if the persona told the same story again and the chat goes on.
bool replay_journal(engine::Session& session, const scoring::Transcript& journalled) {
  for (const auto& m : journalled.messages)
    if (m.is_trainee_message()) session.send(m.at, m.text);
  session.advance(resume_time(journalled));
  const auto& got = session.transcript().messages;
  if (session.finished() || got.size() < journalled.messages.size()) return false;
  for (std::size_t i = 0; i < journalled.messages.size(); ++i) {
    const auto& a = got[i];
    const auto& b = journalled.messages[i];
    if (a.from != b.from || a.kind != b.kind || a.text != b.text ||
        std::abs(a.at - b.at) > k_journal_time_step)
      return false;
  }
  return true;
}

// Saves the journal as a result where the exercise's results go (same stem, so the name
// stays unique), then moves the exercise on as if the session had just ended.
void save_exercise_journal(AppState& s, const ExerciseJournal& j, bool time_over) {
  auto& run = *s.exercise;
  const auto out = engine::result_paths(run.exercise.results_dir, fs::path(j.path).stem().string()).result;
  const auto& scenario = run.scenarios[run.order[j.position]];
  const auto wall = static_cast<std::int64_t>(exercise_wall_time(s));
  auto rec = save_recovered_journal(s, j.path, out, scenario,
                                    [&](engine::SessionResult& r, scoring::Rubric& rubric) {
                                      r.trainee = run.trainee;
                                      r.exercise_id = run.exercise.id;
                                      r.exercise_title = run.exercise.title;
                                      r.position = static_cast<int>(j.position);
                                      r.ended_at = engine::format_utc_timestamp(wall);
                                      if (time_over && r.transcript.outcome == "interrupted")
                                        r.transcript.outcome = "time_up";
                                      if (run.exercise.weights) rubric.weights = *run.exercise.weights;
                                    });
  if (rec)
    take_finished(s, std::move(rec->result));
  else if (run.journals.empty())
    run.phase = ExercisePhase::between;  // status says why; go on
}

}  // namespace

bool find_exercise_progress(AppState& s) {
  if (!s.exercise) return false;
  auto& run = *s.exercise;
  run.done.clear();
  run.journals.clear();
  load_earlier_results(run);
  find_journals(run);
  return !run.journals.empty();
}

bool exercise_journal_time_over(const AppState& s, const ExerciseJournal& j) {
  if (auto total = exercise_time_left(s); total && *total < 1) return true;
  const auto limit = s.exercise->exercise.limit_for(s.exercise->order[j.position]);
  return limit && last_event_time(j.transcript) >= *limit - 1;
}

void recover_exercise_journal(AppState& s, std::size_t i) {
  if (!s.exercise || s.live || i >= s.exercise->journals.size()) return;
  auto& run = *s.exercise;
  const ExerciseJournal j = run.journals[i];
  run.journals.erase(run.journals.begin() + static_cast<std::ptrdiff_t>(i));
  const bool time_over = exercise_journal_time_over(s, j) || j.transcript.outcome != "interrupted";
  if (time_over) return save_exercise_journal(s, j, true);
  // The chat's clock goes on from its last event: the scenario's limit counts chat time,
  // the whole exercise's limit the wall clock.
  const double at = resume_time(j.transcript);
  auto limit = run.exercise.limit_for(run.order[j.position]);
  if (auto total = exercise_time_left(s)) limit = limit ? std::min(*limit, at + *total) : at + *total;
  start_exercise_session(s, j.position, limit);
  if (!replay_journal(*s.live->session, j.transcript)) {
    std::error_code ec;  // the replay's journal is not the trainee's chat: keep the original
    fs::remove(s.live->journal_path, ec);
    s.live.reset();
    run.current_result.clear();
    return save_exercise_journal(s, j, false);
  }
  s.live->started_at = s.now - at;
  s.live->seen_messages = 0;
  std::error_code ec;
  fs::remove(j.path, ec);  // everything in it is in the new journal now
}

void draw_exercise_recovery(AppState& s) {
  auto& run = *s.exercise;
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  ImGui::PushFont(s.fonts.bold);
  wrapped_text(s.strings("exercise.recover_title"));
  ImGui::PopFont();
  muted_text(s.strings("exercise.recover_body"), p);
  ImGui::Spacing();
  std::optional<std::size_t> pick;
  for (std::size_t i = 0; i < run.journals.size(); ++i) {
    const auto& j = run.journals[i];
    const auto& scenario = *run.scenarios[run.order[j.position]];
    const bool over = exercise_journal_time_over(s, j);
    const auto said = std::count_if(j.transcript.messages.begin(), j.transcript.messages.end(),
                                    [](const auto& m) { return m.is_trainee_message(); });
    ImGui::PushID(static_cast<int>(i));
    begin_card("##journal", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 3.2f), p);
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(display_text(scenario.title.empty() ? scenario.id : scenario.title).c_str());
    ImGui::PopFont();
    muted_text(
        s.strings.format(over ? "exercise.recover_over" : "exercise.recover_stopped", j.position + 1,
                         run.order.size(), said, clock_text(std::floor(last_event_time(j.transcript)))),
        p);
    if (accent_button(label(s, over ? "exercise.recover_save" : "exercise.recover_resume", "go").c_str(), p))
      pick = i;
    track(s, fmt::format("exercise.recover.{}", i));
    end_card();
    ImGui::PopID();
    ImGui::Dummy(ImVec2(0, fs * 0.3f));
  }
  if (pick) recover_exercise_journal(s, *pick);
}

}  // namespace chatdrill::app
