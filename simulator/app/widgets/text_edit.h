// Wrapping text for Debian's Dear ImGui 1.86, which has no wrapping multi-line input: a
// reply editor (wraps at word boundaries, grows then scrolls, undo, clipboard) and
// read-only text that the mouse selects and Ctrl+C copies. Drawn with ImDrawList; knows
// nothing of chats or sessions. Text is UTF-8; emoji are drawn as display_text() draws them.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace chatdrill::app {

class EmojiKeeper;

// Text laid out in lines: each unit is one visible character (a code point and the joiners
// or modifiers after it) with its bytes in the source and what is drawn for it.
struct TextLayout {
  enum Kind : std::uint8_t { space, word, mark, newline };
  struct Unit {
    std::size_t begin = 0, end = 0;        // bytes in the source
    std::size_t shown = 0, shown_end = 0;  // bytes in `shown`
    float x = 0, w = 0;
    int line = 0;
    Kind kind = word;
  };
  struct Line {
    std::size_t first = 0, last = 0;  // units [first, last)
  };
  std::vector<Unit> units;
  std::vector<Line> lines;  // never empty
  std::string shown;        // what is drawn, unit after unit
  std::size_t size = 0;     // source bytes
  float line_height = 0, width = 0;

  // The unit index at or after byte `pos`.
  std::size_t unit_at(std::size_t pos) const;
  // The line a caret at `pos` is drawn on, and its x.
  int line_of(std::size_t pos) const;
  float x_of(std::size_t pos) const;
  // The caret position nearest to (x, y) (relative to the text's top left).
  std::size_t hit(float x, float y) const;
  std::size_t line_start(int line) const;
  std::size_t line_end(int line) const;
  std::size_t word_left(std::size_t pos) const;
  std::size_t word_right(std::size_t pos) const;
  // The run of one kind (a word, spaces, punctuation) under (x, y): [first, second).
  std::pair<std::size_t, std::size_t> word_under(float x, float y) const;
};

// Lays `text` out at `wrap` pixels: lines break at spaces, a word longer than a line is
// broken, newlines end lines; no unit reaches past `wrap`. With `keeper`, emoji stand-ins
// in the text are drawn as the emoji they stand for.
TextLayout layout_text(std::string_view text, float wrap, ImFont* font, float size,
                       const EmojiKeeper* keeper = nullptr);

// What the reply editor keeps between frames (owned by the caller, e.g. the Composer).
struct TextEditState {
  std::size_t caret = 0, anchor = 0;  // bytes; a selection when they differ
  float scroll = 0;                   // pixels of text above the box
  float column = -1;                  // x kept by Up/Down
  bool dragging = false;
  bool follow_caret = true;  // scroll the caret into view next draw
  std::string seen;          // the text as the editor left it (to notice changes from outside)
  struct Step {
    std::string text;
    std::size_t caret = 0, anchor = 0;
  };
  std::vector<Step> undo, redo;
  enum class Run { none, typing, erasing } run = Run::none;  // typing coalesces into one undo step

  bool has_selection() const { return caret != anchor; }
  std::size_t sel_begin() const { return caret < anchor ? caret : anchor; }
  std::size_t sel_end() const { return caret < anchor ? anchor : caret; }
};

// The editor's right-click menu (labels in the UI language; no menu without them).
struct EditMenu {
  const char *undo = nullptr, *redo = nullptr, *cut = nullptr, *copy = nullptr, *paste = nullptr, *select_all = nullptr;
  std::function<void(const char* item)> track;  // after each item ("edit.undo", ..., "edit.select_all")
};

struct TextEditOptions {
  const char* placeholder = nullptr;  // drawn while the text is empty
  const EmojiKeeper* keeper = nullptr;
  int min_lines = 2, max_lines = 6;
  bool take_focus = false;  // take the keyboard now
  bool keep_focus = false;  // take it back whenever no other item holds it and no popup is open
  std::size_t max_submit = static_cast<std::size_t>(-1);
  ImU32 background = 0, border = 0, border_active = 0, text = 0, placeholder_color = 0, selection = 0;
  EditMenu menu;
};

struct TextEditResult {
  bool active = false;     // the editor has the keyboard
  bool submitted = false;  // Enter without Shift on a non-blank text: the box is empty (Ctrl+Z brings it back)
  bool refused = false;    // Enter on a text over max_submit: kept in the box
  std::string sent;        // the text as the box held it (emoji stand-ins kept: EmojiKeeper::decode)
};

// The box's height for `text` at `width` (as text_edit will draw it).
float text_edit_height(const std::string& text, float width, const TextEditOptions& options);
// The reply editor, `width` wide; `text` is edited in place (a change from outside is taken
// as one undo step). Enter submits (characters typed in the same frame start the next
// text), Shift+Enter adds a line, Escape drops a selection only, Tab inserts nothing and
// keeps the keyboard here: with keep_focus the editor is where typing goes while it is on
// screen, and shortcuts with Ctrl or F-keys still reach the rest of the app.
TextEditResult text_edit(const char* id, std::string& text, TextEditState& st, float width,
                         const TextEditOptions& options);
// `what` at the caret (replacing a selection), one undo step.
void text_edit_insert(std::string& text, TextEditState& st, std::string_view what);
// Empties the box as one undo step (sending does): Ctrl+Z in the empty box brings it back.
void text_edit_clear(std::string& text, TextEditState& st);

// Read-only text the mouse selects (drag, double-click a word) and Ctrl+C copies, with a
// right-click menu. The copied text is the source (emoji as themselves).
struct CopyMenu {
  const char* copy_message = nullptr;           // "Copy message"
  const char* copy_selection = nullptr;         // "Copy selection" (shown when part is selected)
  std::function<void(const char* item)> track;  // called after each menu item ("copy.message", "copy.selection")
};
// Draws `layout` of `source` with its top left at `pos` and handles selection and copying.
void selectable_text(ImGuiID id, const TextLayout& layout, std::string_view source, ImVec2 pos, ImU32 color,
                     ImU32 selection, const CopyMenu* menu);
// Wrapped selectable text at the cursor, the width available (a drop-in for wrapped text).
void selectable_wrapped(const char* id, const std::string& source, ImU32 color, ImU32 selection, const CopyMenu* menu);

}  // namespace chatdrill::app
