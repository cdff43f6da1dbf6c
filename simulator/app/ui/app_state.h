// AppState: everything the desktop app knows, owned by main (or a test) and passed by
// reference to every draw_* function. Screens read it and call the commands below; no
// screen changes engine internals. No GLFW or GL here, so tests run it headless.
#pragma once

#include "emoji.h"
#include "fonts.h"
#include "history.h"
#include "library.h"
#include "saved_replies.h"
#include "settings.h"
#include "strings.h"

#include "simulator/app/widgets/file_picker.h"
#include "simulator/app/widgets/text_edit.h"

#include "scoring/core/paths.h"
#include "simulator/app/widgets/customer_state.h"
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

namespace chatdrill::scoring {
class TextAnalyzer;
}

namespace chatdrill::app {

enum class Screen { home, session, review, settings, exercise, trainer };

// The reply box: the draft (emoji as EmojiKeeper stand-ins), the editor's caret, selection
// and undo (widgets/text_edit.h), and the text handed over on Enter or Send.
struct Composer {
  std::string draft;
  TextEditState edit;
  std::string outbox;  // text taken out of the box, waiting to be sent
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
  CustomerCue customer_cue;  // the live mood and patience cue's memory (widgets/customer_state.h)

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
  // The evidence item picked (dimension, item), for moving through evidence with Up/Down.
  std::optional<std::pair<std::size_t, std::size_t>> picked;
  bool scroll_to_picked = false;
  std::string export_message;
  bool from_dashboard = false;  // opened from the trainer's dashboard: leads back there
};

struct ExerciseView;  // ui/classroom_state.h
struct TrainerView;   // ui/classroom_state.h

struct ItemRect {
  ImVec2 min, max;
};

struct AppOptions {
  std::string drive_script;                // test-only: --drive FILE
  std::string screenshot_dir;              // where `screenshot` steps write (default: cwd)
  std::string exercise;                    // --exercise FILE (classroom flow)
  std::string start_scenario;              // --start ID: open straight into a session with this scenario
  std::vector<std::string> scenario_dirs;  // --scenarios DIR (extra, this run only)
  std::optional<std::uint64_t> seed;       // --seed N (fixed persona randomness)
  LocaleEnv locale;                        // the system's locale variables (main), for a first start
  int width = 1280, height = 800;
};

// [Parts] AppState in the parts each screen and layer owns.

// The trainee's settings, where they are kept and why they could not be read.
struct SettingsPart {
  Settings values;
  std::string path;   // settings.json
  std::string error;  // set when the file was unreadable (defaults in use)
};

// The scenario library and Home's view of it.
struct LibraryPart {
  Library scenarios;         // bundled + the trainer's folders, hot-reloaded
  double last_poll = -1e9;   // app time of the last reload check
  std::string search;        // Home's search box
  std::string folder_input;  // the scenario-folders dialog (For trainers): the folder being typed
};

// Free-practice sessions: the chat on the session screen, the review, the history.
struct SessionsPart {
  std::string folder;                 // results and live/ journals of free practice
  std::unique_ptr<LiveSession> live;  // the chat on the session screen (free practice or an exercise's)
  std::unique_ptr<ReviewView> review;
  std::vector<RecentSession> recent;
  std::vector<std::string> recent_skipped;  // files in the folder that are not results
  std::vector<std::string> journals;        // interrupted sessions to offer for recovery
  bool recovery_prompted = false;
};

// The classroom: a trainee's exercise and the trainer's dashboard (ui/classroom_state.h).
struct ClassroomPart {
  std::shared_ptr<ExerciseView> exercise;
  std::shared_ptr<TrainerView> trainer;
  std::string path_input;  // the path typed into the File/Trainer prompts
};

// The first-run welcome and the dialogs that ask for a path (one file picker, shared).
struct DialogsPart {
  bool welcome = false;      // no settings.json at start: the welcome shows until the trainee chooses
  bool folders = false;      // open the trainer's scenario-folders dialog (the top bar does)
  FilePicker picker;         // Browse… in the path prompts and the folders dialog
  std::string picker_for;    // which prompt opened the picker, so only it takes the pick
  bool focus_field = false;  // after a pick: the prompt's path field takes the keyboard
  float welcome_height = 0;  // the welcome's text as last drawn (it scrolls when taller than the window)
};

// What the window layer sets and the look follows: fonts, scale, theme, input, quitting.
struct PlatformPart {
  Fonts fonts;
  float content_scale = 1.0f;  // from the monitor (window layer)
  float scale = 1.0f;          // effective UI scale
  bool fonts_dirty = true;     // the window layer rebuilds the font atlas and texture
  bool dark = false;
  EmojiKeeper emoji;  // emoji-safe text input (window layer) and display
  bool quit = false;
  bool help = false;  // the F1 overlay of shortcuts is open
};

// For the test driver (--drive, headless tests): where labelled items were drawn.
struct DriverPart {
  std::unordered_map<std::string, ItemRect> items;
};

struct AppState {
  AppOptions options;  // the command line
  // The two clocks, owned by main (or a test) and set before every frame; nothing below
  // main reads a clock. `now`: app seconds (steady; virtual under --drive), drives chats.
  // `wall_now`: Unix seconds (virtual under --drive), for exercises and result times.
  double now = 0;
  double wall_now = 0;
  Screen screen = Screen::home;
  std::string status;                            // the status line
  Strings strings;                               // UI text in the chosen language
  scoring::Grader grader{scoring::data_root()};  // grades free practice and recovered journals (UI thread)

  SettingsPart settings;
  LibraryPart library;
  SessionsPart sessions;
  ClassroomPart classroom;
  DialogsPart dialogs;
  SavedRepliesPart replies;  // the session screen's saved replies (ui/saved_replies.h)
  PlatformPart platform;
  DriverPart driver;
};

// [Commands] screens call these; tests call them too.
// Loads settings, strings, the library, recent sessions and interrupted journals.
void init_state(AppState& state, AppOptions options);
// Loads the string table; `save` false keeps it unsaved (the welcome saves when it closes).
void set_language(AppState& state, const std::string& language, bool save = true);
// Closes the first-run welcome and saves the settings chosen there (so it is shown once);
// `start` opens the suggested scenario (may be null: Home, to browse the library).
void finish_welcome(AppState& state, std::shared_ptr<const engine::Scenario> start);
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
void end_session(AppState& state);          // the trainee ends it
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
