// AppState commands: starting, feeding, ending and saving sessions, opening reviews,
// recovery of interrupted journals, settings changes. Screens call these; so do tests.
#include "app_state.h"

#include "theme.h"

#include "scoring/grade.h"
#include "scoring/core/limits.h"
#include "scoring/core/paths.h"
#include "scoring/text.h"
#include "simulator/engine/files.h"
#include "simulator/app/screens/classroom.h"
#include "simulator/engine/journal.h"

#include <algorithm>
#include <cstdlib>
#include <cmath>
#include <filesystem>
#include <random>

namespace chatdrill::app {
namespace fs = std::filesystem;

LiveSession::LiveSession() = default;
LiveSession::~LiveSession() = default;

namespace {

std::vector<std::string> library_sources(const AppState& s) {
  std::vector<std::string> sources = {scoring::data_path("scenarios").string()};
  for (const auto& f : s.settings.folders) sources.push_back(f);
  for (const auto& f : s.options.scenario_dirs) sources.push_back(f);
  return sources;
}


// Results need a name: the one from Settings, else the login name.
std::string trainee_name(const AppState& s) {
  if (!s.settings.trainee.empty()) return s.settings.trainee;
  const char* user = std::getenv("USER");
  return user && *user ? user : "trainee";
}

engine::SessionResult make_result(AppState& s, const LiveSession& live) {
  engine::SessionResult r;
  r.trainee = trainee_name(s);
  r.scenario_id = live.scenario->id;
  r.scenario_title = live.scenario->title;
  r.started_at = live.started_wall;
  r.ended_at = iso_now();
  r.app_version = CHATDRILL_VERSION;
  if (live.result_base) {  // a classroom exercise: its trainee, exercise and place in the order
    r.trainee = live.result_base->trainee;
    r.exercise_id = live.result_base->exercise_id;
    r.exercise_title = live.result_base->exercise_title;
    r.position = live.result_base->position;
  }
  r.transcript = live.session->transcript();
  try {
    r.grade = scoring::grade_transcript(r.transcript, live.rubric ? *live.rubric : live.scenario->rubric);
  } catch (const std::exception& e) {  // the chat is still saved, ungraded
    s.status = e.what();
  }
  return r;
}

void show_review(AppState& s, engine::SessionResult result, std::shared_ptr<const engine::Scenario> scenario,
                 std::string path) {
  auto view = std::make_unique<ReviewView>();
  view->result = std::move(result);
  view->scenario = scenario ? scenario : s.library.find(view->result.scenario_id);
  view->path = std::move(path);
  s.review = std::move(view);
  s.screen = Screen::review;
}

// Saves the finished live session once: result file written, journal removed.
void save_finished(AppState& s) {
  auto& live = *s.live;
  if (live.saved || !live.session->finished()) return;
  auto result = make_result(s, live);
  if (auto err = engine::write_result(live.result_path, result); !err.empty()) s.status = err;
  std::error_code ec;
  fs::remove(live.journal_path, ec);
  live.saved = true;
  refresh_lists(s);
}

}  // namespace

void refresh_lists(AppState& s) {
  s.recent = recent_sessions(s.sessions_dir, 30, &s.recent_skipped);
  s.journals.clear();
  for (const auto& j : engine::list_live_journals(s.sessions_dir))
    if (!s.live || j != s.live->journal_path) s.journals.push_back(j);
}

void init_state(AppState& s, AppOptions options) {
  s.options = std::move(options);
  s.settings_path = (config_dir() / "settings.json").string();
  s.settings = load_settings(s.settings_path, s.settings_error);
  s.sessions_dir = sessions_dir();
  if (auto err = s.strings.load(strings_path(s.settings.language)); !err.empty()) s.status = err;
  s.library.set_sources(library_sources(s));
  s.last_library_poll = s.now;
  refresh_lists(s);
  s.dark = s.settings.theme == "dark";
  if (!s.options.exercise.empty()) open_exercise(s, s.options.exercise);  // chatdrill --exercise FILE
  if (!s.options.start_scenario.empty()) {
    if (auto scenario = s.library.find(s.options.start_scenario)) start_session(s, scenario);
    else s.status = "no scenario with id \"" + s.options.start_scenario + "\"";
  }
}

void save_settings_now(AppState& s) {
  if (auto err = save_settings(s.settings_path, s.settings); !err.empty()) s.status = err;
}

void apply_settings(AppState& s) {
  s.scale = effective_scale(s.settings, s.content_scale);
  s.dark = s.settings.theme == "dark";
  apply_theme(ImGui::GetStyle(), s.dark, s.scale);
  s.fonts_dirty = true;
}

void set_language(AppState& s, const std::string& language) {
  if (auto err = s.strings.load(strings_path(language)); !err.empty()) {
    s.status = err;
    return;
  }
  s.settings.language = language;
  save_settings_now(s);
}

void start_session(AppState& s, std::shared_ptr<const engine::Scenario> scenario) {
  if (!scenario) return;
  auto live = std::make_unique<LiveSession>();
  live->scenario = scenario;
  live->stem = engine::result_file_stem(trainee_name(s), scenario->id, engine::this_writer());
  auto paths = engine::result_paths(s.sessions_dir, live->stem);
  live->result_path = paths.result;
  live->journal_path = paths.journal;
  engine::ensure_directory(fs::path(paths.journal).parent_path().string());
  engine::SessionOptions opts;
  opts.seed = s.options.seed ? *s.options.seed : std::random_device{}();
  opts.journal_path = paths.journal;
  opts.trainee = s.settings.trainee;
  try {  // a broken lexicon stops the session before it starts, with its message
    live->session = std::make_unique<engine::Session>(scenario, opts);
  } catch (const std::exception& e) {
    s.status = e.what();
    return;
  }
  live->started_at = s.now;
  live->started_wall = iso_now();
  try {
    live->analyzer = std::make_unique<scoring::TextAnalyzer>(scenario->lang);
  } catch (const std::exception& e) {
    s.status = e.what();  // no tone hints, the session still runs
  }
  live->session->advance(0);
  s.live = std::move(live);
  s.screen = Screen::session;
}

double session_time(const AppState& s) { return s.live ? std::max(0.0, s.now - s.live->started_at) : 0.0; }

std::string reply_too_long(const AppState& s, std::size_t bytes) {
  return s.strings.format("session.too_long", bytes, scoring::k_max_reply_text);
}

bool send_reply(AppState& s, const std::string& text) {
  if (!s.live || s.live->session->finished()) return true;
  std::string reply = clean_input(s.emoji.decode(text));
  if (reply.size() > scoring::k_max_reply_bytes) {  // what the transcript readers accept
    s.status = reply_too_long(s, reply.size());
    return false;
  }
  try {
    s.live->session->send(session_time(s), std::move(reply));
  } catch (const std::exception& e) {  // broken language data: say so, keep the app running
    s.status = e.what();
    return false;
  }
  save_finished(s);
  return true;
}

void end_session(AppState& s) {
  if (!s.live) return;
  if (!s.live->session->finished()) s.live->session->end(session_time(s));
  save_finished(s);
  open_review_of_live(s);
}

void open_review_of_live(AppState& s) {
  if (!s.live || !s.live->session->finished()) return;
  save_finished(s);
  auto load = engine::load_result(s.live->result_path);
  auto result = load.result ? std::move(*load.result) : make_result(s, *s.live);
  show_review(s, std::move(result), s.live->scenario, s.live->result_path);
  s.live.reset();
}

void open_result(AppState& s, const std::string& path) {
  auto load = engine::load_result(path);
  if (!load.result) {
    s.status = load.diagnostics.empty() ? path : load.diagnostics.front().to_string();
    return;
  }
  show_review(s, std::move(*load.result), nullptr, path);
}

std::optional<RecoveredResult> save_recovered_journal(AppState& s, const std::string& journal, const std::string& out,
                                                     std::shared_ptr<const engine::Scenario> scenario,
                                                     const RecoveryAdjust& adjust) {
  auto load = engine::recover_journal(journal);
  if (!load.transcript) {
    s.status = load.diagnostics.empty() ? journal : load.diagnostics.front().to_string();
    return std::nullopt;
  }
  RecoveredResult rec;
  auto& r = rec.result;
  r.transcript = std::move(*load.transcript);
  if (r.transcript.outcome.empty()) r.transcript.outcome = "interrupted";
  r.scenario_id = r.transcript.scenario;
  rec.scenario = scenario ? scenario : s.library.find(r.scenario_id);
  r.scenario_title = rec.scenario ? rec.scenario->title : r.scenario_id;
  r.trainee = trainee_name(s);
  r.ended_at = iso_now();
  r.app_version = CHATDRILL_VERSION;
  scoring::Rubric rubric = rec.scenario ? rec.scenario->rubric : scoring::Rubric{};
  if (adjust) adjust(r, rubric);
  try {
    r.grade = scoring::grade_transcript(r.transcript, rubric);
  } catch (const std::exception& e) {  // broken language data: the journal stays
    s.status = e.what();
    return std::nullopt;
  }
  if (auto err = engine::write_result(out, r); !err.empty()) {
    s.status = err;  // the journal stays: nothing the trainee wrote is lost
    return std::nullopt;
  }
  std::error_code ec;
  fs::remove(journal, ec);
  return rec;
}

void recover_journal_file(AppState& s, const std::string& path) {
  std::string out = (fs::path(s.sessions_dir) / fs::path(path).stem()).string() + ".json";
  auto rec = save_recovered_journal(s, path, out);
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
  if (f.empty() || std::find(s.settings.folders.begin(), s.settings.folders.end(), f) != s.settings.folders.end())
    return;
  s.settings.folders.push_back(f);
  save_settings_now(s);
  s.library.set_sources(library_sources(s));
}

void remove_folder(AppState& s, const std::string& folder) {
  std::erase(s.settings.folders, folder);
  save_settings_now(s);
  s.library.set_sources(library_sources(s));
}

void export_review(AppState& s) {
  if (!s.review) return;
  std::string stem = fs::path(s.review->path).stem().string();
  if (stem.empty()) stem = "session";
  auto p = export_result(s.review->result, (fs::path(s.sessions_dir).parent_path() / "exports").string(), stem,
                         s.strings, s.review->scenario.get());
  s.review->export_message = p.error.empty() ? s.strings.format("review.exported", p.json, p.summary) : p.error;
}

bool tick(AppState& s) {
  bool changed = false;
  if (s.now - s.last_library_poll >= 0.9) {
    s.last_library_poll = s.now;
    changed |= s.library.poll();
  }
  if (s.live && !s.live->session->finished()) {
    auto& session = *s.live->session;
    auto before = session.transcript().messages.size();
    bool typing = session.customer().typing;
    session.advance(session_time(s));
    changed |= session.transcript().messages.size() != before || session.customer().typing != typing ||
               session.finished();
    save_finished(s);
  }
  changed = tick_classroom(s) || changed;  // exercise clock, dashboard polling
  return changed;
}

double seconds_until_wake(const AppState& s) {
  double wait = std::max(0.0, s.last_library_poll + 1.0 - s.now);
  if (s.live && !s.live->session->finished()) {
    // One wake a second, on the clock's tick; the library poll rides on the same wake.
    double t = session_time(s);
    wait = std::floor(t) + 1.0 - t;
    if (auto due = s.live->session->next_due()) wait = std::min(wait, std::max(0.0, *due - t));
  }
  wait = std::min(wait, classroom_wake(s));
  return std::clamp(wait, 0.002, 1.0);
}

void track(AppState& s, const std::string& key) {
  if (!ImGui::IsItemVisible()) return;  // scrolled away or clipped: not clickable now
  s.items[key] = {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
}

}  // namespace chatdrill::app
