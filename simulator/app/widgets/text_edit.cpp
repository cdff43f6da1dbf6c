// Wrapping text: layout, the reply editor and selectable read-only text (see text_edit.h).
//
// [SECTION] Layout: units, line breaking, caret and word geometry
// [SECTION] Edits and the undo stack
// [SECTION] The editor: focus, keys, mouse, scrolling, drawing
// [SECTION] Read-only text: selection, Ctrl+C, the right-click menu
//
// The editor reads input as the GLFW backend and the test driver deliver it in ImGui 1.86:
// characters from io.InputQueueCharacters, keys from io.KeysDown through io.KeyMap. It holds
// ImGui's active id while it has the keyboard and declares the keys it reads (arrows,
// Home/End, Escape, Tab), so keyboard navigation does not take them.
#include "text_edit.h"

#include "simulator/app/ui/emoji.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

namespace chatdrill::app {

namespace {

// [SECTION] Layout

TextLayout::Kind kind_of(std::uint32_t cp) {
  if (cp == '\n') return TextLayout::newline;
  if (cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x3000) return TextLayout::space;
  if (cp < 0x80) {
    bool alnum = (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_';
    return alnum ? TextLayout::word : TextLayout::mark;
  }
  bool mark = (cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x2BFF) ||
              (cp >= 0xFDD0 && cp <= 0xFDEF) || cp == 0xFFFD || cp >= 0x1F000;
  return mark ? TextLayout::mark : TextLayout::word;
}

bool is_standin(std::uint32_t cp) { return cp >= 0xFDD0 && cp <= 0xFDEF; }

// What is drawn for one code point: the emoji's legible substitute, a space for a tab.
std::string shown_for(std::string_view piece, std::uint32_t cp, const EmojiKeeper* keeper) {
  if (cp >= 0x20 && cp < 0x7F) return std::string(piece);
  if (cp == '\t') return " ";
  if (keeper && is_standin(cp)) return display_text(keeper->decode(piece));
  return display_text(piece);
}

float advance(ImFont* font, float scale, std::string_view s) {
  float w = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t cp = next_code_point(s, i);
    w += font->GetCharAdvance(static_cast<ImWchar>(cp <= 0xFFFF ? cp : 0xFFFD)) * scale;
  }
  return w;
}

void break_lines(TextLayout& t, float wrap) {
  auto& u = t.units;
  std::size_t start = 0, after_space = 0;  // after_space: first unit after the line's last space
  bool has_break = false;
  float x = 0;
  int line = 0;
  auto new_line = [&](std::size_t at) {
    t.lines.push_back({start, at});
    ++line;
    start = at;
    x = 0;
    has_break = false;
  };
  for (std::size_t i = 0; i < u.size(); ++i) {
    if (u[i].kind == TextLayout::newline) {
      u[i].x = x, u[i].w = 0, u[i].line = line;
      new_line(i + 1);
      continue;
    }
    if (u[i].kind == TextLayout::space) {  // spaces hang at the line's end, never past it
      u[i].w = std::min(u[i].w, std::max(0.0f, wrap - x));
      u[i].x = x, u[i].line = line;
      x += u[i].w;
      after_space = i + 1, has_break = true;
      continue;
    }
    if (x + u[i].w > wrap && i > start) {
      if (has_break && after_space > start && after_space <= i) {  // move the word to the next line
        std::size_t from = after_space;
        new_line(from);
        for (std::size_t j = from; j < i; ++j) u[j].x = x, u[j].line = line, x += u[j].w;
      }
      if (x + u[i].w > wrap && i > start) new_line(i);  // a word longer than the line
    }
    u[i].x = x, u[i].line = line;
    x += u[i].w;
  }
  t.lines.push_back({start, u.size()});
  for (const auto& unit : u) t.width = std::max(t.width, unit.x + unit.w);
}

}  // namespace

TextLayout layout_text(std::string_view text, float wrap, ImFont* font, float size, const EmojiKeeper* keeper) {
  TextLayout t;
  t.size = text.size();
  t.line_height = size;
  const float scale = size / font->FontSize;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t begin = i;
    std::uint32_t cp = next_code_point(text, i);
    TextLayout::Unit u;
    u.begin = begin, u.end = i, u.kind = kind_of(cp);
    u.shown = u.shown_end = t.shown.size();
    if (cp != '\n') {
      std::string g = shown_for(text.substr(begin, i - begin), cp, keeper);
      // Joiners, variation selectors and skin tones belong to the character before them.
      if (g.empty() && !t.units.empty() && t.units.back().kind != TextLayout::newline) {
        t.units.back().end = i;
        continue;
      }
      t.shown += g;
      u.shown_end = t.shown.size();
      u.w = advance(font, scale, g);
    }
    t.units.push_back(u);
  }
  break_lines(t, std::max(wrap, size));
  return t;
}

std::size_t TextLayout::unit_at(std::size_t pos) const {
  return static_cast<std::size_t>(
      std::partition_point(units.begin(), units.end(), [&](const Unit& u) { return u.begin < pos; }) - units.begin());
}

int TextLayout::line_of(std::size_t pos) const {
  std::size_t k = unit_at(pos);
  if (k < units.size()) return units[k].line;
  if (units.empty()) return 0;
  return units.back().line + (units.back().kind == newline ? 1 : 0);
}

float TextLayout::x_of(std::size_t pos) const {
  std::size_t k = unit_at(pos);
  if (k < units.size()) return units[k].x;
  if (units.empty() || units.back().kind == newline) return 0;
  return units.back().x + units.back().w;
}

std::size_t TextLayout::hit(float x, float y) const {
  int l = std::clamp(static_cast<int>(std::floor(y / line_height)), 0, static_cast<int>(lines.size()) - 1);
  const Line& line = lines[l];
  for (std::size_t j = line.first; j < line.last; ++j) {
    const Unit& u = units[j];
    if (u.kind == newline || x < u.x + u.w * 0.5f) return u.begin;
  }
  if (l + 1 == static_cast<int>(lines.size()) || line.first == line.last) return size;
  return units[line.last - 1].begin;
}

std::size_t TextLayout::line_start(int l) const {
  const Line& line = lines[std::clamp(l, 0, static_cast<int>(lines.size()) - 1)];
  return line.first < units.size() ? units[line.first].begin : size;
}

std::size_t TextLayout::line_end(int l) const {
  l = std::clamp(l, 0, static_cast<int>(lines.size()) - 1);
  if (l + 1 == static_cast<int>(lines.size())) return size;
  const Line& line = lines[l];
  const Unit& last = units[line.last - 1];
  if (last.kind == newline || last.kind == space) return last.begin;
  return line.last < units.size() ? units[line.last].begin : size;
}

std::size_t TextLayout::word_left(std::size_t pos) const {
  std::size_t i = unit_at(pos);
  auto blank = [&](std::size_t k) { return units[k].kind == space || units[k].kind == newline; };
  while (i > 0 && blank(i - 1)) --i;
  if (i > 0) {
    Kind k = units[i - 1].kind;
    while (i > 0 && units[i - 1].kind == k) --i;
  }
  return i < units.size() ? units[i].begin : size;
}

std::size_t TextLayout::word_right(std::size_t pos) const {
  std::size_t i = unit_at(pos);
  auto blank = [&](std::size_t k) { return units[k].kind == space || units[k].kind == newline; };
  if (i < units.size() && !blank(i)) {
    Kind k = units[i].kind;
    while (i < units.size() && units[i].kind == k) ++i;
  }
  while (i < units.size() && blank(i)) ++i;
  return i < units.size() ? units[i].begin : size;
}

std::pair<std::size_t, std::size_t> TextLayout::word_under(float x, float y) const {
  int l = std::clamp(static_cast<int>(std::floor(y / line_height)), 0, static_cast<int>(lines.size()) - 1);
  const Line& line = lines[l];
  if (line.first == line.last) return {size, size};
  std::size_t j = line.last - 1;
  for (std::size_t k = line.first; k < line.last; ++k)
    if (x < units[k].x + units[k].w) {
      j = k;
      break;
    }
  if (units[j].kind == newline) return {units[j].begin, units[j].begin};
  std::size_t a = j, b = j + 1;
  while (a > 0 && units[a - 1].kind == units[j].kind) --a;
  while (b < units.size() && units[b].kind == units[j].kind) ++b;
  return {units[a].begin, units[b - 1].end};
}

namespace {

// [SECTION] Edits and the undo stack

constexpr std::size_t k_max_undo = 200;

// Who holds the one visible selection (the editor or a read-only text), kept in the storage
// of the outermost window (also from inside a popup the window opened), so that only one of
// them answers Ctrl+C.
ImGuiStorage& shared_storage() {
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  while (w->ParentWindow) w = w->ParentWindow;
  return w->StateStorage;
}

ImGuiID& selection_owner() {
  static const ImGuiID key = ImHashStr("chatdrill.selection.owner");
  return *reinterpret_cast<ImGuiID*>(shared_storage().GetIntRef(key, 0));
}

void push_undo(const std::string& text, TextEditState& st) {
  st.undo.push_back({text, st.caret, st.anchor});
  if (st.undo.size() > k_max_undo) st.undo.erase(st.undo.begin());
  st.redo.clear();
}

void replace(std::string& text, TextEditState& st, std::size_t b, std::size_t e, std::string_view with) {
  text.replace(b, e - b, with);
  st.caret = st.anchor = b + with.size();
  st.column = -1;
  st.follow_caret = true;
}

void type_char(std::string& text, TextEditState& st, std::uint32_t cp) {
  bool word_starts = cp == ' ' || cp == '\n';
  if (st.run != TextEditState::Run::typing || st.has_selection() || word_starts) push_undo(text, st);
  st.run = TextEditState::Run::typing;
  std::string s;
  append_utf8(s, cp);
  replace(text, st, st.sel_begin(), st.sel_end(), s);
}

void erase(std::string& text, TextEditState& st, std::size_t b, std::size_t e) {
  if (b >= e) return;
  if (st.run != TextEditState::Run::erasing || st.has_selection()) push_undo(text, st);
  st.run = TextEditState::Run::erasing;
  replace(text, st, b, e, {});
}

void step(std::string& text, TextEditState& st, std::vector<TextEditState::Step>& from,
          std::vector<TextEditState::Step>& to) {
  if (from.empty()) return;
  to.push_back({text, st.caret, st.anchor});
  TextEditState::Step s = std::move(from.back());
  from.pop_back();
  text = std::move(s.text);
  st.caret = std::min(s.caret, text.size());
  st.anchor = std::min(s.anchor, text.size());
  st.run = TextEditState::Run::none;
  st.column = -1;
  st.follow_caret = true;
}

// Pasted text as a draft may hold it: valid UTF-8, Unix newlines, no control characters.
std::string clean_paste(const char* clip) {
  std::string in = clean_input(clip ? clip : "");
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c == '\r') {
      if (i + 1 >= in.size() || in[i + 1] != '\n') out += '\n';
    } else if (c == '\t') {
      out += ' ';
    } else if (c >= 0x20 || c == '\n') {
      out += in[i];
    }
  }
  return out;
}

bool blank(const std::string& text) { return text.find_first_not_of(" \t\n") == std::string::npos; }

// A change made from outside (a restored draft, an inserted saved reply): one undo step,
// the caret at the end.
void adopt(std::string& text, TextEditState& st) {
  text = clean_input(text);
  if (text == st.seen) return;
  st.undo.push_back({st.seen, st.caret, st.anchor});
  st.redo.clear();
  st.caret = st.anchor = text.size();
  st.run = TextEditState::Run::none;
  st.follow_caret = true;
  st.seen = text;
}

// [SECTION] The editor

ImVec2 padding(float fs) { return ImVec2(fs * 0.6f, fs * 0.45f); }

int shown_lines(const TextLayout& t, const TextEditOptions& o) {
  return std::clamp(static_cast<int>(t.lines.size()), o.min_lines, std::max(o.min_lines, o.max_lines));
}

bool key_pressed(ImGuiKey k, bool repeat = true) { return ImGui::IsKeyPressed(ImGui::GetIO().KeyMap[k], repeat); }

void take_keyboard(ImGuiID id, ImGuiWindow* window) {
  ImGui::SetActiveID(id, window);
  ImGui::SetFocusID(id, window);
  ImGui::FocusWindow(window);
}

// The keys the editor reads, so that navigation leaves them alone (ImGui 1.86's masks).
void claim_keys(const TextEditState& st) {
  ImGuiContext& g = *GImGui;
  g.ActiveIdUsingNavDirMask |= (1 << ImGuiDir_Left) | (1 << ImGuiDir_Right) | (1 << ImGuiDir_Up) | (1 << ImGuiDir_Down);
  g.ActiveIdUsingNavInputMask |= (1 << ImGuiNavInput_Cancel);
  g.ActiveIdUsingKeyInputMask |= (ImU64(1) << ImGuiKey_Home) | (ImU64(1) << ImGuiKey_End) |
                                 (ImU64(1) << ImGuiKey_PageUp) | (ImU64(1) << ImGuiKey_PageDown) |
                                 (ImU64(1) << ImGuiKey_Tab);
  g.ActiveIdAllowOverlap = !st.dragging;  // buttons (Send) stay clickable
  g.WantTextInputNextFrame = 1;
}

struct Editor {
  std::string& text;
  TextEditState& st;
  const TextEditOptions& o;
  ImGuiID id;
  float wrap;
  TextLayout lay;
  std::string laid_out;

  void relayout() {
    if (text == laid_out) return;
    lay = layout_text(text, wrap, ImGui::GetFont(), ImGui::GetFontSize(), o.keeper);
    laid_out = text;
  }
  void move(std::size_t pos, bool extend, bool keep_column = false) {
    st.caret = std::min(pos, text.size());
    if (!extend) st.anchor = st.caret;
    if (!keep_column) st.column = -1;
    if (st.has_selection()) selection_owner() = id;
    st.run = TextEditState::Run::none;
    st.follow_caret = true;
  }
  std::size_t prev(std::size_t pos) const {
    std::size_t k = lay.unit_at(pos);
    return k > 0 ? lay.units[k - 1].begin : 0;
  }
  std::size_t next(std::size_t pos) const {
    std::size_t k = lay.unit_at(pos);
    return k < lay.units.size() ? lay.units[k].end : text.size();
  }
  std::string exported(std::size_t b, std::size_t e) const {
    std::string_view s = std::string_view(text).substr(b, e - b);
    return o.keeper ? o.keeper->decode(s) : std::string(s);
  }
  void vertical(int lines, bool shift) {
    relayout();
    int l = lay.line_of(st.caret) + lines;
    float x = st.column >= 0 ? st.column : lay.x_of(st.caret);
    if (l < 0) return move(0, shift);
    if (l >= static_cast<int>(lay.lines.size())) return move(text.size(), shift);
    move(lay.hit(x, (static_cast<float>(l) + 0.5f) * lay.line_height), shift, true);
    st.column = x;
  }
  void enter(TextEditResult& r, bool shift) {
    if (shift) return type_char(text, st, '\n');
    if (blank(text)) return;
    if (text.size() > o.max_submit) {
      r.refused = true;
      return;
    }
    r.submitted = true;
    r.sent = text;
    text_edit_clear(text, st);
  }
  void characters() {
    ImGuiIO& io = ImGui::GetIO();
    if (!(io.KeyCtrl && !io.KeyAlt))
      for (ImWchar c : io.InputQueueCharacters)
        if (c >= 0x20 && c != 0x7F && !(c >= 0xD800 && c <= 0xDFFF)) type_char(text, st, c);
    io.InputQueueCharacters.resize(0);
  }
  void select_all() {
    st.anchor = 0, st.caret = text.size();
    if (st.has_selection()) selection_owner() = id;
  }
  void copy() const {
    if (st.has_selection()) ImGui::SetClipboardText(exported(st.sel_begin(), st.sel_end()).c_str());
  }
  void cut() {
    if (!st.has_selection()) return;
    copy();
    push_undo(text, st);
    st.run = TextEditState::Run::none;
    replace(text, st, st.sel_begin(), st.sel_end(), {});
  }
  void paste() {
    std::string clip = clean_paste(ImGui::GetClipboardText());
    if (!clip.empty()) text_edit_insert(text, st, clip);
  }
  void keys(TextEditResult& r);
  void shortcuts();
  void mouse(const ImVec2& origin, bool clicked);
  void scroll(float view_h, bool hovered, bool active);
  void draw(const ImRect& bb, bool active) const;
  void context_menu(bool hovered);
};

void Editor::keys(TextEditResult& r) {
  const ImGuiIO& io = ImGui::GetIO();
  const bool shift = io.KeyShift, ctrl = io.KeyCtrl;
  // Enter first: what was typed in the same frame goes into the new draft.
  if (key_pressed(ImGuiKey_Enter, false) || key_pressed(ImGuiKey_KeyPadEnter, false)) enter(r, shift);
  characters();
  relayout();
  if (key_pressed(ImGuiKey_LeftArrow)) {
    if (st.has_selection() && !shift) move(st.sel_begin(), false);
    else move(ctrl ? lay.word_left(st.caret) : prev(st.caret), shift);
  }
  if (key_pressed(ImGuiKey_RightArrow)) {
    if (st.has_selection() && !shift) move(st.sel_end(), false);
    else move(ctrl ? lay.word_right(st.caret) : next(st.caret), shift);
  }
  if (key_pressed(ImGuiKey_UpArrow)) vertical(-1, shift);
  if (key_pressed(ImGuiKey_DownArrow)) vertical(1, shift);
  if (key_pressed(ImGuiKey_PageUp)) vertical(-std::max(1, o.max_lines - 1), shift);
  if (key_pressed(ImGuiKey_PageDown)) vertical(std::max(1, o.max_lines - 1), shift);
  relayout();
  if (key_pressed(ImGuiKey_Home)) move(ctrl ? 0 : lay.line_start(lay.line_of(st.caret)), shift);
  if (key_pressed(ImGuiKey_End)) move(ctrl ? text.size() : lay.line_end(lay.line_of(st.caret)), shift);
  if (key_pressed(ImGuiKey_Backspace)) {
    if (st.has_selection()) erase(text, st, st.sel_begin(), st.sel_end());
    else erase(text, st, ctrl ? lay.word_left(st.caret) : prev(st.caret), st.caret);
  }
  relayout();
  if (key_pressed(ImGuiKey_Delete)) {
    if (st.has_selection()) erase(text, st, st.sel_begin(), st.sel_end());
    else erase(text, st, st.caret, ctrl ? lay.word_right(st.caret) : next(st.caret));
  }
  if (key_pressed(ImGuiKey_Escape, false)) st.anchor = st.caret;  // never the draft
  if (ctrl) shortcuts();
  relayout();
}

void Editor::shortcuts() {
  const bool shift = ImGui::GetIO().KeyShift;
  if (key_pressed(ImGuiKey_A, false)) select_all();
  if (key_pressed(ImGuiKey_C, false)) copy();
  if (key_pressed(ImGuiKey_X, false)) cut();
  if (key_pressed(ImGuiKey_V)) paste();
  if (key_pressed(ImGuiKey_Z)) {
    if (shift) step(text, st, st.redo, st.undo);
    else step(text, st, st.undo, st.redo);
  }
  if (key_pressed(ImGuiKey_Y)) step(text, st, st.redo, st.undo);
}

void Editor::mouse(const ImVec2& origin, bool clicked) {
  const ImGuiIO& io = ImGui::GetIO();
  relayout();
  ImVec2 m(io.MousePos.x - origin.x, io.MousePos.y - origin.y);
  if (clicked) {
    if (io.MouseDoubleClicked[0]) {
      auto [a, b] = lay.word_under(m.x, m.y);
      st.anchor = a, st.caret = b;
      st.dragging = false;
    } else {
      st.caret = lay.hit(m.x, m.y);
      if (!io.KeyShift) st.anchor = st.caret;
      st.dragging = true;
    }
    selection_owner() = id;  // a selection elsewhere ends with a click here
    st.run = TextEditState::Run::none;
    st.column = -1;
  } else if (st.dragging && io.MouseDown[0]) {
    st.caret = lay.hit(m.x, m.y);
    if (st.has_selection()) selection_owner() = id;
    st.follow_caret = true;
  }
  if (!io.MouseDown[0]) st.dragging = false;
}

void draw_selection(ImDrawList* dl, const TextLayout& t, ImVec2 origin, std::size_t b, std::size_t e, ImU32 color) {
  if (b >= e) return;
  float x0 = 0, x1 = 0;
  int line = -1;
  auto flush = [&] {
    if (line >= 0)
      dl->AddRectFilled(ImVec2(origin.x + x0, origin.y + static_cast<float>(line) * t.line_height),
                        ImVec2(origin.x + x1, origin.y + static_cast<float>(line + 1) * t.line_height), color);
  };
  for (std::size_t k = t.unit_at(b); k < t.units.size() && t.units[k].begin < e; ++k) {
    const auto& u = t.units[k];
    float w = u.kind == TextLayout::newline ? t.line_height * 0.3f : u.w;
    if (u.line != line) {
      flush();
      line = u.line, x0 = u.x, x1 = u.x + w;
    } else {
      x1 = u.x + w;
    }
  }
  flush();
}

void draw_lines(ImDrawList* dl, const TextLayout& t, ImVec2 origin, ImU32 color, float clip_top, float clip_bottom) {
  ImFont* font = ImGui::GetFont();
  for (std::size_t l = 0; l < t.lines.size(); ++l) {
    const auto& line = t.lines[l];
    float y = origin.y + static_cast<float>(l) * t.line_height;
    if (line.first == line.last || y + t.line_height < clip_top || y > clip_bottom) continue;
    const char* s = t.shown.data();
    dl->AddText(font, t.line_height, ImVec2(origin.x, y), color, s + t.units[line.first].shown,
                s + t.units[line.last - 1].shown_end);
  }
}

// Scrolling: the wheel over the box, else the caret kept in view after a move or an edit.
void Editor::scroll(float view_h, bool hovered, bool active) {
  const ImGuiIO& io = ImGui::GetIO();
  const float fs = lay.line_height;
  const float max_scroll = std::max(0.0f, static_cast<float>(lay.lines.size()) * fs - view_h);
  if (hovered && io.MouseWheel != 0) st.scroll -= io.MouseWheel * fs * 3;
  if (st.follow_caret && active) {
    float cy = static_cast<float>(lay.line_of(st.caret)) * fs;
    if (cy < st.scroll) st.scroll = cy;
    if (cy + fs > st.scroll + view_h) st.scroll = cy + fs - view_h;
    st.follow_caret = false;
  }
  st.scroll = std::clamp(st.scroll, 0.0f, max_scroll);
}

// The frame, the selection, the text (or the placeholder), the caret and a scroll thumb.
void Editor::draw(const ImRect& bb, bool active) const {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float fs = lay.line_height;
  const ImVec2 pad = padding(fs);
  const ImVec2 origin(bb.Min.x + pad.x, bb.Min.y + pad.y - st.scroll);
  const float rounding = ImGui::GetStyle().FrameRounding;
  dl->AddRectFilled(bb.Min, bb.Max, o.background, rounding);
  dl->AddRect(bb.Min, bb.Max, active ? o.border_active : o.border, rounding, 0, active ? 2.0f : 1.0f);
  const ImVec2 clip_min(bb.Min.x + 1, bb.Min.y + pad.y), clip_max(bb.Max.x - 1, bb.Max.y - pad.y);
  dl->PushClipRect(clip_min, clip_max, true);
  if (st.has_selection()) draw_selection(dl, lay, origin, st.sel_begin(), st.sel_end(), o.selection);
  if (text.empty() && o.placeholder)
    dl->AddText(ImGui::GetFont(), fs, origin, o.placeholder_color, o.placeholder, nullptr, wrap);
  draw_lines(dl, lay, origin, o.text, clip_min.y, clip_max.y);
  if (active) {
    ImVec2 c(std::floor(origin.x + lay.x_of(st.caret)), origin.y + static_cast<float>(lay.line_of(st.caret)) * fs);
    dl->AddLine(c, ImVec2(c.x, c.y + fs), o.text, std::max(1.0f, std::floor(fs / 14)));
    GImGui->PlatformImePos = ImVec2(c.x - 1, c.y);
  }
  dl->PopClipRect();
  const float view_h = bb.GetHeight() - 2 * pad.y, content_h = static_cast<float>(lay.lines.size()) * fs;
  if (content_h > view_h) {
    float thumb_h = std::max(fs, view_h * view_h / content_h);
    float y = bb.Min.y + pad.y + (view_h - thumb_h) * st.scroll / (content_h - view_h);
    float x = bb.Max.x - pad.x * 0.5f;
    dl->AddRectFilled(ImVec2(x - fs * 0.12f, y), ImVec2(x + fs * 0.12f, y + thumb_h), o.border, fs * 0.12f);
  }
}

// Right-click: undo, redo, cut, copy, paste, select all, with their keys.
void Editor::context_menu(bool hovered) {
  const ImGuiID popup = ImHashStr("##edit_menu", 0, id);
  if (hovered && ImGui::GetIO().MouseClicked[1]) ImGui::OpenPopupEx(popup);
  if (!ImGui::BeginPopupEx(
          popup, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoSavedSettings))
    return;
  const EditMenu& m = o.menu;
  auto item = [&](const char* label, const char* keys, bool enabled, const char* key) {
    bool chosen = label && ImGui::MenuItem(label, keys, false, enabled);
    if (label && m.track) m.track(key);
    return chosen;
  };
  const bool sel = st.has_selection();
  if (item(m.undo, "Ctrl+Z", !st.undo.empty(), "edit.undo")) step(text, st, st.undo, st.redo);
  if (item(m.redo, "Ctrl+Y", !st.redo.empty(), "edit.redo")) step(text, st, st.redo, st.undo);
  ImGui::Separator();
  if (item(m.cut, "Ctrl+X", sel, "edit.cut")) cut();
  if (item(m.copy, "Ctrl+C", sel, "edit.copy")) copy();
  if (item(m.paste, "Ctrl+V", true, "edit.paste")) paste();
  ImGui::Separator();
  if (item(m.select_all, "Ctrl+A", !text.empty(), "edit.select_all")) select_all();
  ImGui::EndPopup();
}

}  // namespace

void text_edit_insert(std::string& text, TextEditState& st, std::string_view what) {
  push_undo(text, st);
  st.run = TextEditState::Run::none;
  replace(text, st, st.sel_begin(), std::min(st.sel_end(), text.size()), what);
  st.seen = text;
}

void text_edit_clear(std::string& text, TextEditState& st) {
  if (text.empty()) return;
  push_undo(text, st);
  text.clear();
  st.caret = st.anchor = 0;
  st.run = TextEditState::Run::none;
  st.scroll = 0;
  st.seen = text;
}

float text_edit_height(const std::string& text, float width, const TextEditOptions& o) {
  const float fs = ImGui::GetFontSize();
  const ImVec2 pad = padding(fs);
  TextLayout t = layout_text(text, width - 2 * pad.x, ImGui::GetFont(), fs, o.keeper);
  return static_cast<float>(shown_lines(t, o)) * fs + 2 * pad.y;
}

TextEditResult text_edit(const char* label, std::string& text, TextEditState& st, float width,
                         const TextEditOptions& o) {
  TextEditResult r;
  ImGuiContext& g = *GImGui;
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImGuiIO& io = ImGui::GetIO();
  const float fs = ImGui::GetFontSize();
  const ImVec2 pad = padding(fs);
  const ImGuiID id = window->GetID(label);
  if (text != st.seen) adopt(text, st);
  st.caret = std::min(st.caret, text.size()), st.anchor = std::min(st.anchor, text.size());
  Editor ed{text, st, o, id, width - 2 * pad.x, {}, {}};
  ed.lay = layout_text(text, ed.wrap, ImGui::GetFont(), fs, o.keeper);
  ed.laid_out = text;
  const float height = static_cast<float>(shown_lines(ed.lay, o)) * fs + 2 * pad.y;
  const ImRect bb(window->DC.CursorPos, ImVec2(window->DC.CursorPos.x + width, window->DC.CursorPos.y + height));
  ImGui::ItemSize(bb);
  if (!ImGui::ItemAdd(bb, id, nullptr, ImGuiItemFlags_Inputable)) return r;
  const bool hovered = ImGui::ItemHoverable(bb, id);
  if (hovered) g.MouseCursor = ImGuiMouseCursor_TextInput;
  const bool tabbed = (ImGui::GetItemStatusFlags() & ImGuiItemStatusFlags_FocusedByTabbing) ||
                      g.NavActivateInputId == id || g.NavActivateId == id;
  const bool clicked = hovered && io.MouseClicked[0];
  const bool nobody = g.ActiveId == 0 && !io.MouseDown[0] && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
  if (g.ActiveId != id && (clicked || tabbed || o.take_focus || (o.keep_focus && nobody))) take_keyboard(id, window);
  r.active = g.ActiveId == id;
  if (st.has_selection() && selection_owner() != id) st.anchor = st.caret;  // a read-only text took it
  const ImVec2 origin(bb.Min.x + pad.x, bb.Min.y + pad.y - st.scroll);
  if (r.active) {
    claim_keys(st);
    ed.keys(r);
    ed.mouse(origin, clicked);
    claim_keys(st);
  }
  ed.scroll(height - 2 * pad.y, hovered, r.active);
  ed.draw(bb, r.active);
  if (o.menu.copy) ed.context_menu(hovered);
  st.seen = text;
  return r;
}

// [SECTION] Read-only text

void selectable_text(ImGuiID id, const TextLayout& t, std::string_view source, ImVec2 pos, ImU32 color, ImU32 selection,
                     const CopyMenu* menu) {
  ImGuiContext& g = *GImGui;
  const ImGuiIO& io = ImGui::GetIO();
  ImGuiStorage& store = shared_storage();
  // Copies, written back below: a storage reference lasts only until the next key is added.
  static const ImGuiID k_anchor = ImHashStr("chatdrill.selection.anchor"),
                       k_caret = ImHashStr("chatdrill.selection.caret"),
                       k_dragging = ImHashStr("chatdrill.selection.dragging");
  ImGuiID owner = selection_owner();
  int anchor = store.GetInt(k_anchor), caret = store.GetInt(k_caret);
  bool dragging = store.GetBool(k_dragging);
  const ImRect bb(pos, ImVec2(pos.x + std::max(t.width, t.line_height),
                              pos.y + static_cast<float>(t.lines.size()) * t.line_height));
  const bool visible = ImGui::ItemAdd(bb, id, nullptr, ImGuiItemFlags_NoNav);
  const bool hovered = visible && ImGui::ItemHoverable(bb, id);
  if (hovered) g.MouseCursor = ImGuiMouseCursor_TextInput;
  const ImVec2 m(io.MousePos.x - pos.x, io.MousePos.y - pos.y);
  if (hovered && io.MouseClicked[0]) {
    owner = id;
    if (io.MouseDoubleClicked[0]) {
      auto [a, b] = t.word_under(m.x, m.y);
      anchor = static_cast<int>(a), caret = static_cast<int>(b);
      dragging = false;
    } else {
      anchor = caret = static_cast<int>(t.hit(m.x, m.y));
      dragging = true;
    }
  } else if (owner == id && dragging && io.MouseDown[0]) {
    caret = static_cast<int>(t.hit(m.x, m.y));
  } else if (owner == id && io.MouseClicked[0] && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) {
    owner = 0;  // a click anywhere else ends the selection
  }
  if (owner == id && !io.MouseDown[0]) dragging = false;
  if (owner == id || selection_owner() == id) {
    selection_owner() = owner;
    store.SetInt(k_anchor, anchor), store.SetInt(k_caret, caret), store.SetBool(k_dragging, dragging);
  }
  const std::size_t n = source.size();
  const std::size_t b = owner == id ? std::min<std::size_t>(std::min(anchor, caret), n) : 0;
  const std::size_t e = owner == id ? std::min<std::size_t>(std::max(anchor, caret), n) : 0;
  if (b < e && io.KeyCtrl && ImGui::IsKeyPressed(io.KeyMap[ImGuiKey_C], false))
    ImGui::SetClipboardText(std::string(source.substr(b, e - b)).c_str());
  if (!visible) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  draw_selection(dl, t, pos, b, e, selection);
  draw_lines(dl, t, pos, color, -1e9f, 1e9f);
  if (!menu || !menu->copy_message) return;
  const ImGuiID popup = ImHashStr("##copy_menu", 0, id);
  if (hovered && io.MouseClicked[1]) ImGui::OpenPopupEx(popup);
  if (ImGui::BeginPopupEx(
          popup, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoSavedSettings)) {
    if (b < e && menu->copy_selection) {
      if (ImGui::MenuItem(menu->copy_selection)) ImGui::SetClipboardText(std::string(source.substr(b, e - b)).c_str());
      if (menu->track) menu->track("copy.selection");
    }
    if (ImGui::MenuItem(menu->copy_message)) ImGui::SetClipboardText(std::string(source).c_str());
    if (menu->track) menu->track("copy.message");
    ImGui::EndPopup();
  }
}

void selectable_wrapped(const char* id, const std::string& source, ImU32 color, ImU32 selection, const CopyMenu* menu) {
  const float fs = ImGui::GetFontSize();
  float wrap = std::max(fs * 4, ImGui::GetContentRegionAvail().x);
  TextLayout t = layout_text(source, wrap, ImGui::GetFont(), fs);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::ItemSize(ImVec2(wrap, static_cast<float>(t.lines.size()) * fs));
  selectable_text(ImGui::GetID(id), t, source, pos, color, selection, menu);
}

}  // namespace chatdrill::app
