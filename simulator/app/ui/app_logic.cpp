// AppState commands: starting, feeding and ending sessions (through their
// classroom::SessionRecord, which grades and saves them), opening reviews, recovery of
// interrupted journals, settings changes. Screens call these; so do tests.
#include "app_state.h"

#include "classroom_state.h"
#include "theme.h"

#include "scoring/core/limits.h"
#include "scoring/core/paths.h"
#include "scoring/text.h"
#include "simulator/classroom/recovery.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <random>

namespace chatdrill::app {
namespace fs = std::filesystem;

LiveSession::LiveSession() = default;
LiveSession::~LiveSession() = default;

namespace {

std::vector<std::string> library_sources(const AppState& s) {
  std::vector<std::string> sources = {scoring::data_path("scenarios").string()};
  for (const auto& f : s.settings.values.folders) sources.push_back(f);
  for (const auto& f : s.options.scenario_dirs) sources.push_back(f);
  return sources;
}

// Results need a name: the one from Settings, else the login name.
std::string trainee_name(const AppState& s) {
  if (!s.settings.values.trainee.empty()) return s.settings.values.trainee;
  const char* user = std::getenv("USER");
  return user && *user ? user : "trainee";
}

void show_review(AppState& s, classroom::SessionResult result, std::shared_ptr<const engine::Scenario> scenario,
                 std::string path) {
  auto view = std::make_unique<ReviewView>();
  view->result = std::move(result);
  view->scenario = scenario ? scenario : s.library.scenarios.find(view->result.scenario_id);
  view->path = std::move(path);
  s.sessions.review = std::move(view);
  s.screen = Screen::review;
}

// Saves the finished free-practice session once (an exercise's run saves its own).
void save_finished(AppState& s) {
  auto& record = *s.sessions.live->record;
  if (s.sessions.live->in_exercise || record.saved() || !record.session().finished()) return;
  if (auto err = record.save(static_cast<std::int64_t>(s.wall_now), s.grader); !err.empty()) s.status = err;
  refresh_lists(s);
}

}  // namespace

void refresh_lists(AppState& s) {
  s.sessions.recent = recent_sessions(s.sessions.folder, 30, &s.sessions.recent_skipped);
  s.sessions.journals.clear();
  for (const auto& j : classroom::list_live_journals(s.sessions.folder))
    if (!s.sessions.live || j != s.sessions.live->record->paths().journal) s.sessions.journals.push_back(j);
}

void init_state(AppState& s, AppOptions options) {
  s.options = std::move(options);
  s.settings.path = (config_dir() / "settings.json").string();
  std::error_code ec;
  const bool first_start = !fs::exists(s.settings.path, ec) && !ec;
  s.settings.values = load_settings(s.settings.path, s.settings.error);
  if (first_start) s.settings.values.language = language_from_locale(s.options.locale);
  // The welcome waits for a plain start: --exercise and --start already say what to open.
  s.dialogs.welcome = first_start && s.options.exercise.empty() && s.options.start_scenario.empty();
  s.sessions.folder = sessions_dir();
  if (auto err = s.strings.load(strings_path(s.settings.values.language)); !err.empty()) s.status = err;
  s.library.scenarios.set_sources(library_sources(s));
  s.library.last_poll = s.now;
  refresh_lists(s);
  s.platform.dark = s.settings.values.theme == "dark";
  s.replies.own = load_own_replies(own_replies_path().string());
  if (s.replies.own.broken)
    s.status = s.strings.format("replies.broken", s.replies.own.error, s.replies.own.path + ".bak");
  if (!s.options.exercise.empty()) open_exercise(s, s.options.exercise);  // chatdrill --exercise FILE
  if (!s.options.start_scenario.empty()) {
    if (auto scenario = s.library.scenarios.find(s.options.start_scenario)) start_session(s, scenario);
    else s.status = "no scenario with id \"" + s.options.start_scenario + "\"";
  }
}

void save_settings_now(AppState& s) {
  if (auto err = save_settings(s.settings.path, s.settings.values); !err.empty()) s.status = err;
}

void apply_settings(AppState& s) {
  s.platform.scale = effective_scale(s.settings.values, s.platform.content_scale);
  s.platform.dark = s.settings.values.theme == "dark";
  apply_theme(ImGui::GetStyle(), s.platform.dark, s.platform.scale);
  s.platform.fonts_dirty = true;
}

void set_language(AppState& s, const std::string& language, bool save) {
  if (auto err = s.strings.load(strings_path(language)); !err.empty()) {
    s.status = err;
    return;
  }
  s.settings.values.language = language;
  if (save) save_settings_now(s);
}

void finish_welcome(AppState& s, std::shared_ptr<const engine::Scenario> start) {
  s.dialogs.welcome = false;
  s.settings.values.trainee = clean_input(s.settings.values.trainee);
  save_settings_now(s);
  if (start) start_session(s, std::move(start));
}

std::unique_ptr<LiveSession> make_live_session(std::shared_ptr<classroom::SessionRecord> record, bool in_exercise,
                                               std::string* status) {
  auto live = std::make_unique<LiveSession>();
  live->scenario = record->setup().scenario;
  live->record = std::move(record);
  live->in_exercise = in_exercise;
  try {
    live->analyzer = std::make_unique<scoring::TextAnalyzer>(live->scenario->lang);
  } catch (const std::exception& e) {
    if (status) *status = e.what();  // no tone hints, the session still runs
  }
  return live;
}

void start_session(AppState& s, std::shared_ptr<const engine::Scenario> scenario) {
  if (!scenario) return;
  classroom::SessionSetup setup;
  setup.scenario = std::move(scenario);
  setup.results_dir = s.sessions.folder;
  setup.trainee = trainee_name(s);
  setup.journal_trainee = s.settings.values.trainee;  // only a name the trainee gave
  setup.seed = s.options.seed ? *s.options.seed : std::random_device{}();
  std::string error;  // a broken lexicon stops the session before it starts, with its message
  auto record = classroom::SessionRecord::start(std::move(setup), s.now, static_cast<std::int64_t>(s.wall_now), error);
  if (!record) {
    s.status = error;
    return;
  }
  s.sessions.live = make_live_session(std::move(record), false, &s.status);
  s.screen = Screen::session;
}

double session_time(const AppState& s) { return s.sessions.live ? s.sessions.live->record->time(s.now) : 0.0; }

std::string reply_too_long(const AppState& s, std::size_t bytes) {
  return s.strings.format("session.too_long", bytes, scoring::k_max_reply_text);
}

bool send_reply(AppState& s, const std::string& text) {
  if (!s.sessions.live || s.sessions.live->session().finished()) return true;
  std::string reply = clean_input(s.platform.emoji.decode(text));
  if (reply.size() > scoring::k_max_reply_bytes) {  // what the transcript readers accept
    s.status = reply_too_long(s, reply.size());
    return false;
  }
  // A saved reply sent as it is goes on record, so the review can say so.
  const auto replies = live_panel_replies(s);
  const PanelReply* saved = sent_unchanged(replies, reply);
  const scoring::Json noted = saved ? saved_reply_note(*saved) : scoring::Json::object();
  if (auto err = s.sessions.live->record->send(s.now, reply, noted); !err.empty()) {  // broken language data
    s.status = err;
    return false;
  }
  save_finished(s);
  return true;
}

void end_session(AppState& s) {
  if (!s.sessions.live) return;
  if (s.sessions.live->in_exercise) return end_exercise_chat(s);  // the exercise moves on; no review now
  s.sessions.live->record->end(s.now);
  save_finished(s);
  open_review_of_live(s);
}

void open_review_of_live(AppState& s) {
  if (!s.sessions.live || s.sessions.live->in_exercise || !s.sessions.live->session().finished()) return;
  save_finished(s);
  const auto& record = *s.sessions.live->record;
  auto result =
      record.saved() ? *record.saved_result() : record.result(static_cast<std::int64_t>(s.wall_now), s.grader);
  show_review(s, std::move(result), s.sessions.live->scenario, record.paths().result);
  s.sessions.live.reset();
}

void open_result(AppState& s, const std::string& path) {
  auto load = classroom::load_result(path);
  if (!load.result) {
    s.status = load.diagnostics.empty() ? path : load.diagnostics.front().to_string();
    return;
  }
  show_review(s, std::move(*load.result), nullptr, path);
}

void recover_journal_file(AppState& s, const std::string& path) {
  const std::string out = (fs::path(s.sessions.folder) / fs::path(path).stem()).string() + ".json";
  classroom::RecoverySetup setup;
  setup.find_scenario = [&](const std::string& id) { return s.library.scenarios.find(id); };
  setup.trainee = trainee_name(s);
  setup.wall_now = static_cast<std::int64_t>(s.wall_now);
  std::string error;
  auto rec = classroom::save_recovered_journal(path, out, setup, s.grader, error);
  if (!rec) s.status = error;
  refresh_lists(s);
  if (rec) show_review(s, std::move(rec->result), rec->scenario, out);
}

void discard_journal_file(AppState& s, const std::string& path) {
  std::error_code ec;
  fs::rename(path, path + ".discarded", ec);
  refresh_lists(s);
}

void add_folder(AppState& s, const std::string& folder) {
  std::string f = clean_input(folder);
  while (!f.empty() && (f.back() == ' ' || f.back() == '/')) f.pop_back();
  if (f.empty() || std::find(s.settings.values.folders.begin(), s.settings.values.folders.end(), f) !=
                       s.settings.values.folders.end())
    return;
  s.settings.values.folders.push_back(f);
  save_settings_now(s);
  s.library.scenarios.set_sources(library_sources(s));
}

void remove_folder(AppState& s, const std::string& folder) {
  std::erase(s.settings.values.folders, folder);
  save_settings_now(s);
  s.library.scenarios.set_sources(library_sources(s));
}

void export_review(AppState& s) {
  if (!s.sessions.review) return;
  std::string stem = fs::path(s.sessions.review->path).stem().string();
  if (stem.empty()) stem = "session";
  auto p = export_result(s.sessions.review->result, (fs::path(s.sessions.folder).parent_path() / "exports").string(),
                         stem, s.strings, s.sessions.review->scenario.get());
  s.sessions.review->export_message =
      p.error.empty() ? s.strings.format("review.exported", p.json, p.summary) : p.error;
}

bool tick(AppState& s) {
  bool changed = false;
  if (s.now - s.library.last_poll >= 0.9) {
    s.library.last_poll = s.now;
    changed |= s.library.scenarios.poll();
  }
  if (s.sessions.live && !s.sessions.live->in_exercise) {  // an exercise's chat is the run's to advance
    changed |= s.sessions.live->record->advance(s.now);
    save_finished(s);
  }
  changed = tick_classroom(s) || changed;  // exercise clock, dashboard polling
  return changed;
}

double seconds_until_wake(const AppState& s) {
  double wait = std::max(0.0, s.library.last_poll + 1.0 - s.now);
  if (s.sessions.live && !s.sessions.live->session().finished()) {
    // One wake a second, on the clock's tick; the library poll rides on the same wake.
    double t = session_time(s);
    wait = std::floor(t) + 1.0 - t;
    if (auto due = s.sessions.live->session().next_due()) wait = std::min(wait, std::max(0.0, *due - t));
  }
  wait = std::min(wait, classroom_wake(s));
  return std::clamp(wait, 0.002, 1.0);
}

void track(AppState& s, const std::string& key) {
  if (!ImGui::IsItemVisible()) return;  // scrolled away or clipped: not clickable now
  s.driver.items[key] = {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
}

}  // namespace chatdrill::app
