// Session: the chat pane (bubbles to select and copy, typing indicator, nudges, "left the
// chat"), the reply editor (widgets/text_edit.h: wraps and grows, Enter sends, Shift+Enter
// adds a line, Ctrl+Z undoes, keeps the keyboard), the clock, the live hint strip, the
// persona card, the case data and saved replies beside the chat (when the window is narrow:
// the case data on the persona card, the saved replies a strip over the reply box), and End
// with confirmation.
#include "screens.h"

#include "saved_replies_panel.h"

#include "simulator/app/ui/classroom_state.h"
#include "simulator/app/ui/keys.h"
#include "simulator/app/ui/theme.h"
#include "simulator/app/widgets/chat_bubble.h"
#include "simulator/app/widgets/controls.h"

#include "scoring/core/limits.h"
#include "scoring/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace chatdrill::app {

namespace kind = scoring::kind;
namespace sender = scoring::sender;

namespace {

std::string speaker(const AppState& s, const scoring::Message& m) {
  if (m.from == sender::trainee)
    return s.settings.values.trainee.empty() ? s.strings("chat.you") : s.settings.values.trainee;
  return s.sessions.live ? s.sessions.live->scenario->persona.name : s.strings("chat.customer");
}

// The right-click menu of a chat line or a case value ("session.copy.message" for the driver).
CopyMenu copy_menu(AppState& s, const char* whole) {
  return CopyMenu{s.strings(whole), s.strings("copy.selection"),
                  [&s](const char* item) { track(s, std::string("session.") + item); }};
}

void message_row(AppState& s, const scoring::Message& m, const std::string& persona, std::size_t index) {
  const Palette& p = colors(s);
  if (m.kind == kind::message || m.kind == kind::nudge) {
    BubbleLook look;
    look.right = m.from == sender::trainee;
    look.background = look.right ? p.trainee_bubble : p.customer_bubble;
    look.text = look.right ? p.on_accent : p.text;
    look.selection = look.right ? IM_COL32(0, 0, 0, 90) : (p.accent & 0x00FFFFFF) | (90u << 24);
    std::string meta = fmt::format("{} · {}", display_text(speaker(s, m)), clock_text(m.at));
    if (m.kind == kind::nudge) meta += " · " + std::string(s.strings("chat.nudge"));
    CopyMenu menu = copy_menu(s, "copy.message");
    BubbleRects r = chat_bubble(m.text, meta, look, p, s.platform.fonts.small, &menu);
    s.driver.items["session.message." + std::to_string(index)] = ItemRect{r.text_min, r.text_max};
    return;
  }
  std::string text;
  ImU32 color = p.system_text;
  if (m.kind == kind::left) text = s.strings.format("chat.left_named", persona), color = p.danger;
  else if (m.kind == kind::silent) text = s.strings.format("chat.silent_named", persona);
  else if (m.kind == kind::returned) text = s.strings.format("chat.returned_named", persona);
  else if (m.kind == kind::ended) text = s.strings("chat.ended");
  else return;  // typing and other bookkeeping events are not chat lines
  chat_event(fmt::format("{} · {}", display_text(text), clock_text(m.at)), color, s.platform.fonts.small);
}

void chat_pane(AppState& s, float height) {
  auto& live = *s.sessions.live;
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  const auto& messages = live.session().transcript().messages;
  auto customer = live.session().customer();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(p.panel));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(fs * 1.2f, fs));
  ImGui::BeginChild("##chat", ImVec2(0, height), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
  std::string persona = display_text(live.scenario->persona.name);
  for (std::size_t i = 0; i < messages.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    message_row(s, messages[i], persona, i);
    ImGui::PopID();
  }
  if (customer.typing && !live.session().finished())
    typing_indicator(s.strings.format("chat.typing", persona), p, s.platform.fonts.small);
  bool grew = messages.size() != live.seen_messages;
  if (grew || customer.typing) {
    if (grew || ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - fs * 4) ImGui::SetScrollHereY(1.0f);
    live.seen_messages = messages.size();
  }
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

void hint_chips(AppState& s) {
  auto& live = *s.sessions.live;
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  if (!live.scenario->hints || !s.settings.values.hints || live.session().finished()) return;
  auto c = live.session().customer();
  bool any = false;
  auto add = [&](const std::string& text, ImU32 color, std::string_view key = {}) {
    if (any) ImGui::SameLine(0, fs * 0.4f);
    chip(text.c_str(), (color & 0x00FFFFFF) | (38u << 24), color);
    if (!key.empty()) track(s, "session." + std::string(key));
    any = true;
  };
  if (c.silent) {
    // As the scenario counts check-ins: in its window they count, before it they come too
    // early (kept until it opens), after it the customer may leave.
    const engine::Node* node = live.scenario->node(c.node);
    const double quiet_for = c.quiet_for;
    if (node && node->silence && quiet_for < node->silence->window_from)
      add(s.strings.format("hint.silent_wait", static_cast<int>(std::ceil(node->silence->window_from - quiet_for))),
          p.muted, "hint.silent_wait");
    else if (node && node->silence && quiet_for > node->silence->window_to)
      add(s.strings("hint.silent_late"), p.danger, "hint.silent_late");
    else add(s.strings("hint.silent"), p.warning, "hint.silent");
  } else if (c.waiting && c.waited >= 10)
    add(s.strings.format("hint.waiting", static_cast<int>(c.waited)), c.patience < 0.4 ? p.danger : p.warning);
  if (live.analyzer && live.analyzed_draft != live.composer.draft &&
      live.composer.draft.size() <= scoring::k_max_reply_bytes) {
    live.analyzed_draft = live.composer.draft;
    live.draft_markers.clear();
    auto analysis = live.analyzer->analyze(s.platform.emoji.decode(live.composer.draft));
    for (const auto& m : analysis.markers) live.draft_markers.emplace_back(m.id);
    if (analysis.shouting) live.draft_markers.push_back("negative.shouting");
    if (analysis.is_question) live.draft_markers.push_back("question");
  }
  bool courteous = false;
  for (const auto& id : live.draft_markers) {
    if (id.rfind("courtesy.", 0) == 0) courteous = true;
    else if (id.rfind("negative.", 0) == 0) {
      std::string key = "hint.marker." + id;
      std::string text = s.strings(key);
      add(text == key ? s.strings("hint.tone_negative") : text, p.danger);
    }
  }
  if (courteous) add(s.strings("hint.tone_polite"), p.success);
  for (const auto& id : live.draft_markers)
    if (id == "question") add(s.strings("hint.question"), p.accent);
  if (!any) add(s.strings("hint.idle"), p.muted);
}

// The reply editor's look and behaviour: it keeps the keyboard while the chat runs (it takes
// it back after a click elsewhere or a closed dialog); emoji show as the bubbles show them.
TextEditOptions composer_options(AppState& s) {
  const Palette& p = colors(s);
  TextEditOptions o;
  o.placeholder = s.strings("session.reply_placeholder");
  o.keeper = &s.platform.emoji;
  o.keep_focus = true;
  o.max_submit = scoring::k_max_reply_bytes;
  // About six lines, fewer when the window is short, so the chat keeps most of the column.
  o.max_lines = std::clamp(static_cast<int>(ImGui::GetWindowHeight() * 0.3f / ImGui::GetFontSize()), 2, 6);
  o.background = p.panel, o.border = p.border, o.border_active = p.accent;
  o.text = p.text, o.placeholder_color = p.muted;
  o.selection = (p.accent & 0x00FFFFFF) | (90u << 24);  // as the bubbles show a selection
  o.menu = EditMenu{s.strings("edit.undo"),
                    s.strings("edit.redo"),
                    s.strings("edit.cut"),
                    s.strings("edit.copy"),
                    s.strings("edit.paste"),
                    s.strings("edit.select_all"),
                    [&s](const char* item) { track(s, std::string("session.") + item); }};
  return o;
}

float send_width(AppState& s) { return ImGui::CalcTextSize(s.strings("session.send")).x + ImGui::GetFontSize() * 2.5f; }

float reply_width(AppState& s) {
  return ImGui::GetContentRegionAvail().x - send_width(s) - ImGui::GetFontSize() * 0.6f;
}

// The reply area under the chat: the hint chips, the editor (it grows with the draft) and
// the key hint, so the chat pane above gives up what the editor takes.
float composer_height(AppState& s) {
  const auto& c = s.sessions.live->composer;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float box = text_edit_height(c.draft, reply_width(s), composer_options(s));
  ImFont* small = s.platform.fonts.small ? s.platform.fonts.small : ImGui::GetFont();
  const float hint =
      small->CalcTextSizeA(small->FontSize, FLT_MAX, ImGui::GetContentRegionAvail().x, s.strings("session.key_hint")).y;
  return ImGui::GetFrameHeightWithSpacing() + box + style.ItemSpacing.y + hint + style.ItemSpacing.y * 2;
}

void composer_box(AppState& s) {
  auto& live = *s.sessions.live;
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  auto& c = live.composer;
  const float send_w = send_width(s);
  TextEditOptions options = composer_options(s);
  options.take_focus = c.want_focus;
  c.want_focus = false;
  TextEditResult r = text_edit("##reply", c.draft, c.edit, reply_width(s), options);
  track(s, "session.reply");
  const ImVec2 box_min = ImGui::GetItemRectMin(), box_max = ImGui::GetItemRectMax();
  if (r.refused) c.refused = true;
  if (r.submitted) c.outbox = r.sent;
  // Send sits at the editor's bottom edge; the line below starts under both.
  const float send_h = std::min(box_max.y - box_min.y, ImGui::GetFrameHeight() * 1.6f);
  ImGui::SetCursorScreenPos(ImVec2(box_max.x + fs * 0.6f, box_max.y - send_h));
  bool clicked = accent_button(label(s, "session.send", "send").c_str(), p, ImVec2(send_w, send_h));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Enter");
  track(s, "session.send");
  const bool blank = c.draft.find_first_not_of(" \t\n") == std::string::npos;
  if (clicked && c.draft.size() > scoring::k_max_reply_bytes) {
    c.refused = true;
  } else if (clicked && !blank) {
    c.outbox = c.draft;
    text_edit_clear(c.draft, c.edit);  // Ctrl+Z in the empty box brings it back
    c.want_focus = true;
  }
  ImGui::PushFont(s.platform.fonts.small);
  ImGui::PushStyleColor(ImGuiCol_Text, p.muted_v);
  wrapped_text(s.strings("session.key_hint"));  // always in view: the keys are not obvious
  ImGui::PopStyleColor();
  ImGui::PopFont();
  track(s, "session.key_hint");
  if (c.refused) {
    c.refused = false;
    s.status = reply_too_long(s, c.draft.size());
  }
  if (!c.outbox.empty()) {
    if (!send_reply(s, c.outbox)) c.draft = c.outbox + c.draft;  // keep what was typed meanwhile
    c.outbox.clear();
  }
}

void end_popup(AppState& s) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowSize(ImVec2(fs * 24, 0));
  if (!ImGui::BeginPopupModal(label(s, "end.title", "#end_confirm").c_str(), nullptr,
                              ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove))
    return;
  wrapped_text(s.strings("end.body"));
  ImGui::Spacing();
  // Enter confirms, Escape cancels (shown on the buttons' tooltips).
  bool end =
      danger_button(label(s, "end.confirm", "yes").c_str(), p) || ImGui::IsKeyPressed(key(ImGuiKey_Enter), false);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Enter");
  track(s, "end.confirm");
  ImGui::SameLine();
  if (ImGui::Button(label(s, "end.cancel", "no").c_str()) || ImGui::IsKeyPressed(key(ImGuiKey_Escape), false)) {
    ImGui::CloseCurrentPopup();
    s.sessions.live->composer.want_focus = true;
  }
  track(s, "end.cancel");
  if (end) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
  if (end) end_session(s);
}

// The case data (customer, order, product, policy...), which the trainee looks up here
// instead of reading it in the brief: a panel of its own beside the chat when the window is
// wide enough, else under the brief on the persona card.
void case_sections(AppState& s, const engine::Scenario& sc, bool heading_large) {
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  ImGui::PushFont(heading_large ? s.platform.fonts.title : s.platform.fonts.bold);
  ImGui::TextUnformatted(s.strings("session.case"));
  ImGui::PopFont();
  track(s, "session.case");
  for (const auto& section : sc.case_data) {
    ImGui::Dummy(ImVec2(0, fs * 0.2f));
    ImGui::PushFont(s.platform.fonts.bold);
    wrapped_text(display_text(section.title));
    ImGui::PopFont();
    for (const auto& field : section.fields) {
      ImGui::PushFont(s.platform.fonts.small);
      muted_text(display_text(field.label), p);
      ImGui::PopFont();
      // Selectable, so an order number is one double-click and Ctrl+C away.
      CopyMenu menu = copy_menu(s, "copy.text");
      selectable_wrapped((section.id + "." + field.id).c_str(), field.value, p.text,
                         (p.accent & 0x00FFFFFF) | (90u << 24), &menu);
      track(s, "session.case." + section.id + "." + field.id);
    }
  }
}

// The column beside the chat: the case data on top (as tall as it is, up to under half the
// column, then it scrolls), the saved replies below it.
void side_column(AppState& s, const engine::Scenario& sc) {
  const float fs = ImGui::GetFontSize();
  if (!sc.case_data.empty()) {
    const float avail = ImGui::GetContentRegionAvail().y;
    const float wanted = s.replies.case_height > 0 ? s.replies.case_height : avail;
    begin_card("##case", ImVec2(0, std::max(fs * 4, std::min(wanted, avail * 0.45f))), colors(s));
    case_sections(s, sc, true);
    s.replies.case_height = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;
    end_card();
    ImGui::Dummy(ImVec2(0, fs * 0.2f));
  }
  begin_card("##replies", ImVec2(0, 0), colors(s));
  saved_replies_panel(s, true);
  end_card();
}

// Trainers decide: the scenario's "show_customer_state", or the exercise's for all of its scenarios.
bool customer_state_shown(const AppState& s) {
  const auto& live = *s.sessions.live;
  if (live.in_exercise && s.classroom.exercise)
    return s.classroom.exercise->run.exercise().shows_customer_state(*live.scenario);
  return live.scenario->show_customer_state;
}

// Patience and mood under the status chip, with a note when either just changed.
void customer_state(AppState& s, const engine::CustomerState& c, bool done) {
  auto& live = *s.sessions.live;
  update_cue(live.customer_cue, c.patience, c.mood, s.now);
  CustomerStateLabels labels{s.strings("customer_state.heading"),
                             s.strings("customer_state.patience"),
                             s.strings("customer_state.mood"),
                             s.strings(mood_key(mood_band(c.mood))),
                             {}};
  const std::vector<std::string> changes = done ? std::vector<std::string>{} : cue_keys(live.customer_cue, s.now);
  for (const auto& key : changes) labels.changes.emplace_back(s.strings(key), key.find("_down") != std::string::npos);
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.1f));
  ImGui::BeginGroup();
  customer_state_cue(c.patience, c.mood, labels, colors(s), s.platform.fonts.small);
  ImGui::EndGroup();
  track(s, "session.customer_state");
  for (const auto& key : changes) track(s, "session." + key);
}

std::string status_text(const AppState& s, const engine::CustomerState& c, bool done) {
  return done        ? s.strings("status.offline")
         : c.typing  ? s.strings("status.typing")
         : c.silent  ? s.strings("status.silent")
         : c.waiting ? s.strings("status.waiting")
                     : s.strings("status.online");
}

double shown_clock(const AppState& s) {
  const auto& live = *s.sessions.live;
  if (!live.session().finished()) return session_time(s);
  const auto& messages = live.session().transcript().messages;
  return messages.empty() ? 0.0 : messages.back().at;
}

// The brief, then the case data when it has no column of its own.
void brief_text(AppState& s, const engine::Scenario& sc, bool with_case) {
  const Palette& p = colors(s);
  ImGui::PushFont(s.platform.fonts.bold);
  wrapped_text(display_text(sc.title));
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_Text, p.muted_v);
  wrapped_text(display_text(sc.brief));
  ImGui::PopStyleColor();
  if (with_case) {
    ImGui::Separator();
    case_sections(s, sc, false);
  }
}

// End (with its confirmation), or Review once the chat is over. False when the session
// was handed over to the review this frame.
bool end_or_review(AppState& s, const ImVec2& size) {
  const Palette& p = colors(s);
  if (!s.sessions.live->session().finished()) {
    if (danger_button(label(s, "session.end", "end").c_str(), p, size) || ctrl_pressed(k_key_e))
      ImGui::OpenPopup("###end_confirm");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.strings("shortcut.end"));
    track(s, "session.end");
  } else {
    if (accent_button(label(s, "session.review", "review").c_str(), p, size)) open_review_of_live(s);
    track(s, "session.review");
  }
  if (s.sessions.live) end_popup(s);
  return s.sessions.live != nullptr;
}

// The persona card: who the customer is and how they are, the brief (scrolling on its own
// when long) and, pinned to the bottom so they are always in view, the clock and End.
void persona_card(AppState& s, bool with_case) {
  auto& live = *s.sessions.live;
  const auto& sc = *live.scenario;
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  begin_card("##persona", ImVec2(0, 0), p);
  avatar(sc.persona.name, fs * 3.6f, avatar_color(sc.persona.name), s.platform.fonts.title);
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::PushFont(s.platform.fonts.bold);
  ImGui::TextUnformatted(display_text(sc.persona.name).c_str());
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_Text, p.muted_v);
  ImGui::TextUnformatted(s.strings(std::string("archetype.") + sc.persona.archetype));
  ImGui::PopStyleColor();
  auto c = live.session().customer();
  bool done = live.session().finished();
  chip(status_text(s, c, done).c_str(), done ? p.border : p.accent_soft, done ? p.muted : p.accent);
  ImGui::EndGroup();
  if (customer_state_shown(s)) customer_state(s, c, done);
  ImGui::Separator();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float footer = ImGui::GetTextLineHeightWithSpacing() + s.platform.fonts.title->FontSize +
                       ImGui::GetFrameHeight() + style.ItemSpacing.y * 3 + fs * 0.4f;
  ImGui::BeginChild("##persona_brief", ImVec2(0, std::max(fs * 2, ImGui::GetContentRegionAvail().y - footer)), false,
                    ImGuiWindowFlags_NoBackground);
  brief_text(s, sc, with_case);
  ImGui::EndChild();
  ImGui::Separator();
  muted_text(s.strings("session.clock"), p);
  ImGui::PushFont(s.platform.fonts.title);
  ImGui::TextUnformatted(clock_text(shown_clock(s)).c_str());
  ImGui::PopFont();
  track(s, "session.clock");
  end_or_review(s, ImVec2(-1, 0));
  end_card();
}

// A narrow window (a small screen, a large scale): the chat gets the whole width and the
// persona card shrinks to one bar over it; the brief and the case data open from it.
void persona_bar(AppState& s) {
  auto& live = *s.sessions.live;
  const auto& sc = *live.scenario;
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  const auto c = live.session().customer();
  const bool done = live.session().finished();
  begin_panel(p);
  ImGui::BeginGroup();
  ImGui::PushFont(s.platform.fonts.bold);
  ImGui::TextUnformatted(display_text(sc.persona.name).c_str());
  ImGui::PopFont();
  ImGui::SameLine();
  chip(status_text(s, c, done).c_str(), done ? p.border : p.accent_soft, done ? p.muted : p.accent);
  ImGui::SameLine();
  ImGui::TextUnformatted(clock_text(shown_clock(s)).c_str());
  track(s, "session.clock");
  ImGui::EndGroup();
  const float who = ImGui::GetItemRectSize().x;
  const std::string brief = label(s, "session.brief_button", "brief");
  const std::string end = s.strings(done ? "session.review" : "session.end");
  const float buttons = ImGui::CalcTextSize(brief.c_str(), nullptr, true).x +
                        ImGui::CalcTextSize(end.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 4 +
                        ImGui::GetStyle().ItemSpacing.x;
  // The buttons at the right of the same line when they fit beside the name, else under it.
  if (who + fs + buttons <= panel_right() - ImGui::GetItemRectMin().x) {
    ImGui::SameLine(0, 0);
    ImGui::SetCursorScreenPos(ImVec2(panel_right() - buttons, ImGui::GetCursorScreenPos().y));
  }
  if (ImGui::Button(brief.c_str())) ImGui::OpenPopup("###session_brief");
  track(s, "session.brief_button");
  ImGui::SameLine();
  if (!end_or_review(s, ImVec2(0, 0))) {
    end_panel(p);
    return;
  }
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowSize(ImVec2(std::min(display.x * 0.9f, fs * 30), std::min(display.y * 0.8f, fs * 26)));
  if (ImGui::BeginPopup("###session_brief")) {
    if (customer_state_shown(s)) customer_state(s, c, done);
    brief_text(s, sc, !sc.case_data.empty());
    ImGui::EndPopup();
  }
  end_panel(p);
}

}  // namespace

void draw_session(AppState& s) {
  if (!s.sessions.live) return;
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  float width = ImGui::GetContentRegionAvail().x;
  float side = std::max(fs * 16, width * 0.25f);
  // Held here: the chat column may hand the session over to the review this frame.
  const std::shared_ptr<const engine::Scenario> scenario = s.sessions.live->scenario;
  // Beside the chat when the window is wide enough; else the case data is on the persona
  // card and the saved replies are a strip over the reply box.
  const bool case_column = width >= fs * 50;
  // Too narrow for a persona column beside a readable chat: the card becomes a bar.
  const bool compact = width - side - fs < fs * 22;
  saved_reply_keys(s);
  if (compact) {
    persona_bar(s);
    if (!s.sessions.live) return;  // ended from the bar: the review takes over next frame
  } else {
    ImGui::BeginChild("##session_side", ImVec2(side, 0), false, ImGuiWindowFlags_NoBackground);
    persona_card(s, !scenario->case_data.empty() && !case_column);
    ImGui::EndChild();
    if (!s.sessions.live) return;  // ended from the card: the review takes over next frame
    ImGui::SameLine(0, fs);
  }
  const float case_w = case_column ? std::max(fs * 14, width * 0.22f) : 0;
  ImGui::BeginChild("##session_main", ImVec2(case_column ? -(case_w + fs) : 0, 0), false,
                    ImGuiWindowFlags_NoBackground);
  bool done = s.sessions.live->session().finished();
  float composer_h = done ? fs * 4.2f + ImGui::GetFrameHeightWithSpacing() + fs * 1.2f : composer_height(s);
  // The strip of saved replies over the reply box, unless the window is so short that it
  // would leave the chat no room (Alt+1..9 still insert them).
  const float avail_h = ImGui::GetContentRegionAvail().y;
  const bool strip = !case_column && !done && avail_h - composer_h - saved_replies_strip_height() >= fs * 5;
  if (strip) composer_h += saved_replies_strip_height();
  chat_pane(s, std::max(fs * 3, avail_h - composer_h));
  if (done) {
    std::string text = s.strings.format(
        "session.finished", outcome_text(s, s.sessions.live->scenario.get(), s.sessions.live->session().outcome()));
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent_v);
    ImGui::PushFont(s.platform.fonts.bold);
    wrapped_text(text);
    ImGui::PopFont();
    ImGui::PopStyleColor();
    if (accent_button(label(s, "session.review", "review_main").c_str(), p)) open_review_of_live(s);
    track(s, "session.review.main");
  } else {
    if (strip) saved_replies_strip(s);
    hint_chips(s);
    composer_box(s);
    // A window too short for all of it: the column scrolls, the reply box stays in view.
    if (ImGui::GetScrollMaxY() > 0) ImGui::SetScrollHereY(1.0f);
  }
  ImGui::EndChild();
  if (case_column) {
    ImGui::SameLine(0, fs);
    ImGui::BeginChild("##session_case", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
    side_column(s, *scenario);
    ImGui::EndChild();
  }
}

}  // namespace chatdrill::app
