// AppState: everything the desktop app knows, owned by main (or a test) and passed by
// reference to every draw_* function. Screens read it and call the commands below; no
// screen changes engine internals. No GLFW or GL here, so tests run it headless.
#pragma once

#include "fonts.h"
#include "history.h"
#include "library.h"
#include "settings.h"
#include "strings.h"
#include "emoji.h"

#include "scoring/core/paths.h"
#include "simulator/classroom/results.h"
#include "simulator/classroom/session_record.h"
#include "simulator/engine/scenario.h"
#include "simulator/engine/session.h"

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace chatdrill::scoring { class TextAnalyzer; }

namespace chatdrill::app {

enum class Screen { home, session, review, settings, exercise, trainer };

// The reply box: the draft, and what the input callbacks hand over on Enter.
struct Composer {
  std::string draft;
  bool send_pending = false;  // Enter without Shift seen by the char filter this frame
  std::string outbox;         // text taken out of the box, waiting to be sent
  bool want_focus = true;
  bool refused = false;  // a reply over scoring::k_max_reply_bytes was kept in the box
};

// The session screen's view of a chat: the record (the engine session, its journal and
// the result it becomes; classroom/session_record.h), and what only the screen needs.
struct LiveSession {
  std::shared_ptr<classroom::SessionRecord> record;  // shared with the exercise run in an exercise
  std::shared_ptr<const engine::Scenario> scenario;
  bool in_exercise = false;  // the exercise run saves it and moves on (ui/classroom_state.h)
  Composer composer;
  std::size_t seen_messages = 0;  // transcript size at the last draw (scroll on growth)
  std::string analyzed_draft;     // draft tone cache
  std::vector<std::string> draft_markers;
  std::unique_ptr<scoring::TextAnalyzer> analyzer;

  engine::Session& session() { return record->session(); }
  const engine::Session& session() const { return record->session(); }
  LiveSession();
  ~LiveSession();
};

struct ReviewView {
  classroom::SessionResult result;
  std::shared_ptr<const engine::Scenario> scenario;  // null when the scenario is gone
  std::string path;                                  // the result file
  std::optional<std::size_t> highlight;              // message index picked from evidence
  bool scroll_to_highlight = false;
  std::string export_message;
};

struct ExerciseView;  // ui/classroom_state.h
struct TrainerView;   // ui/classroom_state.h

struct ItemRect {
  ImVec2 min, max;
};

struct AppOptions {
  std::string drive_script;     // test-only: --drive FILE
  std::string screenshot_dir;   // where `screenshot` steps write (default: cwd)
  std::string exercise;         // --exercise FILE (classroom flow)
  std::string start_scenario;   // --start ID: open straight into a session with this scenario
  std::vector<std::string> scenario_dirs;  // --scenarios DIR (extra, this run only)
  std::optional<std::uint64_t> seed;       // --seed N (fixed persona randomness)
  int width = 1280, height = 800;
};

struct AppState {
  AppOptions options;
  Settings settings;
  std::string settings_path, settings_error;
  std::string sessions_dir;
  Strings strings;
  Library library;
  Fonts fonts;
  float content_scale = 1.0f;  // from the monitor (window layer)
  float scale = 1.0f;          // effective UI scale
  bool fonts_dirty = true;     // the window layer rebuilds the font atlas and texture
  bool dark = false;

  double now = 0;       // app time in seconds (steady clock, or virtual under --drive)
  double wall_now = 0;  // wall clock, Unix seconds (set by main with `now`; virtual under --drive)
  double last_library_poll = -1e9;
  Screen screen = Screen::home;
  std::unique_ptr<LiveSession> live;
  std::unique_ptr<ReviewView> review;
  std::vector<RecentSession> recent;
  std::vector<std::string> recent_skipped;  // files in the sessions folder that are not results
  std::vector<std::string> journals;  // interrupted sessions to offer for recovery
  bool recovery_prompted = false;
  scoring::Grader grader{scoring::data_root()};  // grades free practice and recovered journals (UI thread)

  std::shared_ptr<ExerciseView> exercise;  // a classroom exercise in progress (ui/classroom_state.h)
  std::shared_ptr<TrainerView> trainer;    // the trainer's results dashboard (ui/classroom_state.h)
  std::string classroom_path_input;       // UI-only: the path typed into File/Trainer prompts

  std::string search, folder_input, status;
  EmojiKeeper emoji;
  std::unordered_map<std::string, ItemRect> items;  // labelled items, for the test driver
  int redraw_frames = 3;       // frames still to draw before idling
  bool quit = false;
};

// [Commands] screens call these; tests call them too.
// Loads settings, strings, the library, recent sessions and interrupted journals.
void init_state(AppState& state, AppOptions options);
void set_language(AppState& state, const std::string& language);
void save_settings_now(AppState& state);
void apply_settings(AppState& state);  // theme/scale/fonts after a change
void start_session(AppState& state, std::shared_ptr<const engine::Scenario> scenario);
// The session screen's view of `record` (with a tone analyser when the language data loads).
std::unique_ptr<LiveSession> make_live_session(std::shared_ptr<classroom::SessionRecord> record, bool in_exercise,
                                               std::string* status = nullptr);
// Re-reads the recent sessions (and the files skipped there) and interrupted journals.
void refresh_lists(AppState& state);
// False (and state.status says why) when the reply is over scoring::k_max_reply_bytes.
bool send_reply(AppState& state, const std::string& text);
// The message for a reply of `bytes` that is too long to send.
std::string reply_too_long(const AppState& state, std::size_t bytes);
void end_session(AppState& state);      // the trainee ends it
void open_review_of_live(AppState& state);  // grade, save, show review
void open_result(AppState& state, const std::string& path);
// Saves an interrupted free-practice journal as a result (classroom::save_recovered_journal)
// and opens its review; state.status says why when it cannot.
void recover_journal_file(AppState& state, const std::string& path);
void discard_journal_file(AppState& state, const std::string& path);
void add_folder(AppState& state, const std::string& folder);
void remove_folder(AppState& state, const std::string& folder);
void export_review(AppState& state);

// Seconds of the live session's clock (0 without a session).
double session_time(const AppState& state);
// Advances the live session and polls the library; true if anything visible changed.
bool tick(AppState& state);
// Seconds until the next frame is needed without input (persona event, clock second,
// library poll), capped at 1 s.
double seconds_until_wake(const AppState& state);

// Records the last item's rectangle under `key` for the test driver.
void track(AppState& state, const std::string& key);

}  // namespace chatdrill::app
