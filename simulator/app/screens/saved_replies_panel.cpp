// Saved replies on the session screen: a click or Alt+1..9 puts one into the reply box (at
// the end of the draft, the box gets the keyboard); the trainee keeps their own, added from
// the draft or typed, edited and deleted here. What happens is ui/saved_replies.h's.
#include "saved_replies_panel.h"

#include "screens.h"

#include "simulator/app/ui/keys.h"
#include "simulator/app/ui/theme.h"
#include "simulator/app/widgets/controls.h"

#include <imgui_internal.h>  // ClearActiveID: a reply box being typed in takes the new draft
#include <imgui_stdlib.h>

#include <fmt/format.h>

#include <algorithm>

namespace chatdrill::app {

namespace {

const char* group_key(ReplySource source) {
  switch (source) {
    case ReplySource::scenario: return "replies.group_scenario";
    case ReplySource::exercise: return "replies.group_exercise";
    case ReplySource::own: return "replies.group_own";
  }
  return "replies.group_own";
}

// A one-paragraph preview of a reply's text: lines joined, cut near `limit` characters.
std::string preview(std::string_view text, std::size_t limit) {
  std::string out;
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i] == '\n' || text[i] == '\r' || text[i] == '\t' ? ' ' : text[i];
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++points > limit) {
      while (!out.empty() && out.back() != ' ') out.pop_back();
      return out + "…";
    }
    out += c;
  }
  return out;
}

void insert(AppState& s, const PanelReply& reply) {
  // A reply box being typed in keeps its own copy of the text: let go of it so the box
  // takes the new draft when it gets the keyboard back.
  if (ImGui::GetIO().WantTextInput) ImGui::ClearActiveID();
  insert_saved_reply(s, reply);
}

// One reply: its title, the start of its text and its key; true when clicked.
bool reply_item(AppState& s, const PanelReply& reply, std::size_t number) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  const float w = ImGui::GetContentRegionAvail().x;
  const ImVec2 pad(fs * 0.45f, fs * 0.35f);
  ImFont* bold = s.platform.fonts.bold ? s.platform.fonts.bold : ImGui::GetFont();
  ImFont* small = s.platform.fonts.small ? s.platform.fonts.small : ImGui::GetFont();
  const std::string key = number <= 9 ? fmt::format("Alt+{}", number) : std::string();
  const float key_w = key.empty() ? 0 : small->CalcTextSizeA(small->FontSize, 1e9f, 0, key.c_str()).x + fs * 0.4f;
  const std::string title = display_text(reply.title);
  const std::string body = display_text(preview(reply.text, 64));
  const float title_wrap = std::max(fs * 3, w - 2 * pad.x - key_w);
  const float body_wrap = std::max(fs * 3, w - 2 * pad.x);
  const ImVec2 ts = bold->CalcTextSizeA(bold->FontSize, 1e9f, title_wrap, title.c_str());
  const ImVec2 bs = small->CalcTextSizeA(small->FontSize, 1e9f, body_wrap, body.c_str());
  const ImVec2 size(w, ts.y + bs.y + 2 * pad.y + fs * 0.15f);
  const ImVec2 a = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::InvisibleButton("##reply", size);
  const bool hot = ImGui::IsItemHovered() || ImGui::IsItemFocused();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 b(a.x + size.x, a.y + size.y);
  if (hot) dl->AddRectFilled(a, b, p.accent_soft, fs * 0.3f);
  else dl->AddRect(a, b, p.border, fs * 0.3f);
  dl->AddText(bold, bold->FontSize, ImVec2(a.x + pad.x, a.y + pad.y), p.text, title.c_str(), nullptr, title_wrap);
  if (!key.empty())
    dl->AddText(small, small->FontSize, ImVec2(b.x - pad.x - key_w + fs * 0.4f, a.y + pad.y), p.accent, key.c_str());
  dl->AddText(small, small->FontSize, ImVec2(a.x + pad.x, a.y + pad.y + ts.y + fs * 0.15f), p.muted, body.c_str(),
              nullptr, body_wrap);
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(fs * 24);
    wrapped_text(display_text(reply.text));
    ImGui::PopTextWrapPos();
    muted_text(
        key.empty() ? std::string(s.strings("replies.insert_tip")) : s.strings.format("replies.insert_tip_key", key),
        p);
    ImGui::EndTooltip();
  }
  return clicked;
}

// Edit and Delete under one of the trainee's own replies; true when it was deleted.
bool own_actions(AppState& s, const PanelReply& reply, std::size_t number) {
  const float fs = ImGui::GetFontSize();
  ImGui::PushFont(s.platform.fonts.small);
  if (ImGui::SmallButton(label(s, "replies.edit", "edit").c_str())) {
    auto& part = s.replies;
    part.form_open = true;
    part.editing = reply.own_index;
    part.form_title = part.own.replies[reply.own_index].title;
    part.form_text = s.platform.emoji.encode(part.own.replies[reply.own_index].text);
  }
  track(s, fmt::format("replies.item.{}.edit", number));
  ImGui::SameLine(0, fs * 0.5f);
  const bool remove = ImGui::SmallButton(label(s, "replies.delete", "delete").c_str());
  track(s, fmt::format("replies.item.{}.delete", number));
  ImGui::PopFont();
  if (remove) delete_own_reply(s, reply.own_index);
  return remove;
}

// The form that adds a reply or edits one of the trainee's own.
void reply_form(AppState& s) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  auto& part = s.replies;
  ImGui::PushFont(s.platform.fonts.bold);
  ImGui::TextUnformatted(s.strings(part.editing ? "replies.form_edit" : "replies.form_new"));
  ImGui::PopFont();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##reply_title", s.strings("replies.title_hint"), &part.form_title);
  part.form_title = clean_input(part.form_title);
  track(s, "replies.form.title");
  ImGui::InputTextMultiline("##reply_text", &part.form_text, ImVec2(-1, fs * 4));
  part.form_text = clean_input(part.form_text);
  track(s, "replies.form.text");
  if (part.form_text.empty() && !ImGui::IsItemActive()) {
    const ImVec2 a = ImGui::GetItemRectMin();
    ImGui::GetWindowDrawList()->AddText(ImVec2(a.x + fs * 0.4f, a.y + fs * 0.3f), p.muted,
                                        s.strings("replies.text_hint"));
  }
  if (accent_button(label(s, "replies.save", "form_save").c_str(), p)) save_reply_form(s);
  track(s, "replies.form.save");
  ImGui::SameLine();
  if (ImGui::Button(label(s, "replies.cancel", "form_cancel").c_str())) {
    part.form_open = false;
    part.editing.reset();
  }
  track(s, "replies.form.cancel");
}

// Save the draft as a reply of one's own, or write a new one.
void own_buttons(AppState& s) {
  const float fs = ImGui::GetFontSize();
  const bool has_draft = s.sessions.live && !s.sessions.live->composer.draft.empty();
  if (!has_draft) ImGui::BeginDisabled();
  if (ImGui::Button(label(s, "replies.add_draft", "add_draft").c_str())) add_reply_from_draft(s);
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", s.strings(has_draft ? "replies.add_draft_tip" : "replies.draft_empty"));
  if (!has_draft) ImGui::EndDisabled();
  track(s, "replies.add_draft");
  const float new_w = ImGui::CalcTextSize(s.strings("replies.add_new")).x + ImGui::GetStyle().FramePadding.x * 2;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + fs * 0.5f + new_w <= right) ImGui::SameLine(0, fs * 0.5f);  // else below
  if (ImGui::Button(label(s, "replies.add_new", "add_new").c_str())) {
    s.replies.form_open = true;
    s.replies.editing.reset();
    s.replies.form_title.clear();
    s.replies.form_text.clear();
  }
  track(s, "replies.add_new");
}

}  // namespace

void saved_replies_panel(AppState& s, bool heading_large) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  if (heading_large) {
    // The column's title font when the word fits ("Valmisvastaukset" is long), else bold.
    ImFont* title = s.platform.fonts.title ? s.platform.fonts.title : ImGui::GetFont();
    const char* heading = s.strings("replies.heading");
    const bool fits = title->CalcTextSizeA(title->FontSize, 1e9f, 0, heading).x <= ImGui::GetContentRegionAvail().x;
    ImGui::PushFont(fits ? title : s.platform.fonts.bold);
    ImGui::TextUnformatted(s.strings("replies.heading"));
    ImGui::PopFont();
    track(s, "replies.heading");
  }
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##replies_filter", s.strings("replies.filter"), &s.replies.filter);
  s.replies.filter = clean_input(s.replies.filter);
  track(s, "replies.filter");
  // Adding one's own sits on top, where it is seen without scrolling the list.
  if (s.replies.form_open) reply_form(s);
  else own_buttons(s);
  const auto replies = live_panel_replies(s);
  std::optional<ReplySource> group;
  bool any = false;
  for (std::size_t i = 0; i < replies.size(); ++i) {
    const PanelReply& reply = replies[i];
    if (!matches_filter(reply, s.replies.filter)) continue;
    if (group != reply.source) {
      group = reply.source;
      ImGui::Dummy(ImVec2(0, fs * 0.15f));
      ImGui::PushFont(s.platform.fonts.small);
      ImGui::PushStyleColor(ImGuiCol_Text, p.muted_v);
      ImGui::TextUnformatted(s.strings(group_key(reply.source)));
      ImGui::PopStyleColor();
      ImGui::PopFont();
    }
    any = true;
    ImGui::PushID(static_cast<int>(i));
    if (reply_item(s, reply, i + 1)) insert(s, reply);
    track(s, fmt::format("replies.item.{}", i + 1));
    const bool deleted = reply.source == ReplySource::own && own_actions(s, reply, i + 1);
    ImGui::PopID();
    if (deleted) break;  // the list is shorter now: drawn again next frame
  }
  if (!any) muted_text(s.strings(replies.empty() ? "replies.none" : "replies.no_match"), p);
  if (!group || *group != ReplySource::own) {
    ImGui::Dummy(ImVec2(0, fs * 0.15f));
    ImGui::PushFont(s.platform.fonts.small);
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted_v);
    ImGui::TextUnformatted(s.strings("replies.group_own"));
    ImGui::PopStyleColor();
    ImGui::PopFont();
    if (s.replies.own.replies.empty()) muted_text(s.strings("replies.own_empty"), p);
  }
}

float saved_replies_strip_height() { return ImGui::GetFrameHeightWithSpacing(); }

void saved_replies_strip(AppState& s) {
  const float fs = ImGui::GetFontSize();
  const auto replies = live_panel_replies(s);
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  const bool open =
      ImGui::Button(fmt::format("{} ({})…###replies_all", s.strings("replies.heading"), replies.size()).c_str());
  const ImVec2 anchor = ImGui::GetItemRectMin();
  track(s, "replies.all");
  if (open) ImGui::OpenPopup("##replies_popup");
  for (std::size_t i = 0; i < replies.size() && i < 9; ++i) {
    const std::string title = fmt::format("{} {}", i + 1, display_text(replies[i].title));
    const float w = ImGui::CalcTextSize(title.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
    if (ImGui::GetItemRectMax().x + fs * 0.4f + w > right) break;  // the rest: in the popup, or Alt+n
    ImGui::SameLine(0, fs * 0.4f);
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Button(title.c_str())) insert(s, replies[i]);
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(fs * 24);
      wrapped_text(display_text(replies[i].text));
      ImGui::PopTextWrapPos();
      muted_text(s.strings.format("replies.insert_tip_key", fmt::format("Alt+{}", i + 1)), colors(s));
      ImGui::EndTooltip();
    }
    track(s, fmt::format("replies.quick.{}", i + 1));
    ImGui::PopID();
  }
  // Over the strip when there is room above it, else in the middle of the window; never
  // past its right edge.
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float w = std::min(fs * 24, display.x - fs);
  const bool above = anchor.y - fs * 0.5f >= fs * 14;
  const float h = above ? std::min(fs * 26, anchor.y - fs * 0.5f) : std::min(fs * 26, display.y - fs);
  if (above)
    ImGui::SetNextWindowPos(ImVec2(std::clamp(anchor.x, fs * 0.5f, display.x - w - fs * 0.5f), anchor.y),
                            ImGuiCond_Appearing, ImVec2(0, 1));
  else ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(w, h));
  if (ImGui::BeginPopup("##replies_popup")) {
    const std::string before = s.sessions.live ? s.sessions.live->composer.draft : std::string();
    saved_replies_panel(s, true);
    if (s.sessions.live && s.sessions.live->composer.draft != before) ImGui::CloseCurrentPopup();  // put in: done
    ImGui::EndPopup();
  }
}

void saved_reply_keys(AppState& s) {
  if (!s.sessions.live || s.sessions.live->session().finished() || !ImGui::GetIO().KeyAlt) return;
  for (int n = 1; n <= 9; ++n) {
    if (!ImGui::IsKeyPressed(k_key_1 + n - 1, false)) continue;
    const auto replies = live_panel_replies(s);
    if (static_cast<std::size_t>(n) <= replies.size()) insert(s, replies[static_cast<std::size_t>(n) - 1]);
    return;
  }
}

}  // namespace chatdrill::app
