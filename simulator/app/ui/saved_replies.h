// Saved replies in the app (issue 15, part 4): the panel's list — the scenario's, the
// exercise's, then the trainee's own, each with its case data filled in — the trainee's own
// replies kept in $XDG_DATA_HOME/chatdrill/saved-replies.json, putting a reply into the
// draft, and noticing a reply sent unchanged. No ImGui here: screens draw, this decides.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scoring/core/json_doc.h"
#include "simulator/engine/scenario.h"

namespace chatdrill::app {

struct Composer;  // app_state.h
struct AppState;

inline constexpr const char* k_own_replies_format = "chatdrill.saved-replies/1";

// The trainee's own saved replies and the file they live in.
struct OwnReplies {
  std::string path;                         // saved-replies.json
  std::vector<engine::SavedReply> replies;  // in the order the trainee added them
  // The file was there but could not be read whole (`error` says why): it is never written
  // over; the first save moves it aside to `<path>.bak` (or .bak.2, ...) and says so.
  bool broken = false;
  std::string error;
};

// $XDG_DATA_HOME/chatdrill/saved-replies.json (settings.h data_dir()).
std::filesystem::path own_replies_path();

// Reads the trainee's file; a missing file is an empty list. A broken one keeps what could
// be read, with `broken` and `error` set (`file:line:col: path: message`).
OwnReplies load_own_replies(const std::string& path);
// Writes atomically; "" or why not. A broken file is first moved aside (`kept_as` says
// where) and `broken` cleared.
std::string save_own_replies(OwnReplies& own, std::string* kept_as = nullptr);

// Adds a reply (title: the given one, else the text's first words); "" or why not (blank
// or over-long text). Does not save.
std::string add_own_reply(OwnReplies& own, std::string title, std::string text);
// A title for a text: its first line, cut at a word near 40 characters, with "…".
std::string title_from_text(std::string_view text);

enum class ReplySource { scenario, exercise, own };

// One entry of the panel, its text as it goes into the reply box.
struct PanelReply {
  ReplySource source = ReplySource::scenario;
  std::string id, title, text;
  std::size_t own_index = 0;  // for ReplySource::own: index into OwnReplies::replies
};

// The panel's list: the scenario's, the exercise's (may be null), then the trainee's own;
// every text with the scenario's case data filled in (unknown references stay as written).
std::vector<PanelReply> panel_replies(const engine::Scenario& scenario, const std::vector<engine::SavedReply>* exercise,
                                      const OwnReplies& own);
// Whether `reply` matches the panel's filter (case-insensitive in title and text; "" matches all).
bool matches_filter(const PanelReply& reply, std::string_view filter);

// Puts `text` at the end of the draft (after a space when the draft does not end in white
// space) and gives the reply box the keyboard.
void insert_into_draft(Composer& composer, std::string_view text);

// The panel reply a sent text is, unchanged (both trimmed), if any.
const PanelReply* sent_unchanged(const std::vector<PanelReply>& replies, std::string_view sent);
// What the transcript records on a message sent as `reply`: {"saved_reply", "saved_reply_title"}.
scoring::Json saved_reply_note(const PanelReply& reply);

// The session screen's saved replies (AppState::replies): the trainee's own, the panel's
// filter, and the form that adds or edits one of the trainee's own.
struct SavedRepliesPart {
  OwnReplies own;
  std::string filter;
  bool form_open = false;  // adding (editing unset) or editing one of the own replies
  std::optional<std::size_t> editing;
  std::string form_title, form_text;
  float case_height = 0;  // the case card's content height last frame (the column sizes it)
};

// [Commands] the panel calls these; tests call them too. Each one that changes the trainee's
// own replies saves them at once, and state.status says what happened when it is news.
// The live session's panel list (the exercise's replies when it is an exercise's chat).
std::vector<PanelReply> live_panel_replies(const AppState& state);
// Puts a reply into the live session's draft (insert_into_draft).
void insert_saved_reply(AppState& state, const PanelReply& reply);
// Saves the draft as one of the trainee's own (the title from its first words).
void add_reply_from_draft(AppState& state);
// Adds one (editing unset) or replaces one's title and text, from the form.
bool save_reply_form(AppState& state);
void delete_own_reply(AppState& state, std::size_t index);

}  // namespace chatdrill::app
