// Review: the overall and per-dimension scores, the patience/mood timeline, the
// conversation with the scenario's model replies beside the trainee's, and the evidence
// grouped by dimension; clicking evidence scrolls to and highlights its message.
#include "screens.h"

#include "simulator/app/ui/keys.h"
#include "simulator/app/ui/theme.h"
#include "simulator/app/widgets/chat_bubble.h"
#include "simulator/app/widgets/controls.h"
#include "simulator/app/widgets/mood_timeline.h"
#include "simulator/app/widgets/score_bar.h"

#include <fmt/format.h>

#include <set>

namespace chatdrill::app {

namespace kind = scoring::kind;
namespace sender = scoring::sender;

namespace {

std::string dim_label(const AppState& s, std::size_t d) {
  return s.strings(std::string("dim.") + scoring::k_dimensions[d]);
}

void header(AppState& s) {
  auto& r = *s.sessions.review;
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  ImGui::PushFont(s.platform.fonts.title);
  std::string title = r.result.scenario_title.empty() ? r.result.scenario_id : r.result.scenario_title;
  ImGui::TextUnformatted(display_text(title).c_str());
  ImGui::PopFont();
  ImGui::SameLine(0, fs);
  std::string outcome = outcome_text(s, r.scenario.get(), r.result.outcome());
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + fs * 0.25f);
  chip(outcome.c_str(), p.accent_soft, p.accent);
  const char* back = r.from_dashboard ? "review.back_dashboard" : "review.home";
  float buttons =
      ImGui::CalcTextSize(s.strings("review.export")).x + ImGui::CalcTextSize(s.strings(back)).x + fs * 4.5f;
  ImGui::SameLine(ImGui::GetWindowWidth() - buttons);
  if (ImGui::Button(label(s, "review.export", "export").c_str())) export_review(s);
  track(s, "review.export");
  ImGui::SameLine();
  if (accent_button(label(s, back, "home").c_str(), p)) s.screen = r.from_dashboard ? Screen::trainer : Screen::home;
  track(s, r.from_dashboard ? "review.back_dashboard" : "review.home");
  // Whose session it is, and in which exercise (a trainer reads many).
  if (!r.result.trainee.empty() || !r.result.exercise_title.empty()) {
    std::string who = display_text(r.result.trainee);
    if (!r.result.exercise_title.empty())
      who += (who.empty() ? "" : " · ") + s.strings.format("review.in_exercise", display_text(r.result.exercise_title));
    muted_text(who, p);
    track(s, "review.who");
  }
  if (!r.export_message.empty()) muted_text(display_text(r.export_message), p);
}

void scores(AppState& s, float height) {
  auto& g = s.sessions.review->result.grade;
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  begin_card("##scores", ImVec2(0, height), p);
  score_badge(g.overall, s.strings("review.overall"), s.platform.fonts.title, p);
  ImGui::SameLine(0, fs * 1.2f);
  ImGui::BeginGroup();
  float label_w = 0;
  for (std::size_t d = 0; d < g.dimensions.size(); ++d)
    label_w = std::max(label_w, ImGui::CalcTextSize(dim_label(s, d).c_str()).x);
  float x0 = ImGui::GetCursorPosX();
  for (std::size_t d = 0; d < g.dimensions.size(); ++d) {
    if (!g.dimensions[d].graded) continue;  // an old result without it, or switched off
    ImGui::SetCursorPosX(x0);
    score_bar(dim_label(s, d), g.dimensions[d].score, x0 + label_w + fs, p);
  }
  ImGui::EndGroup();
  end_card();
}

void timeline(AppState& s, float height) {
  const Palette& p = colors(s);
  begin_card("##timeline", ImVec2(0, height), p);
  ImGui::PushFont(s.platform.fonts.bold);
  ImGui::TextUnformatted(s.strings("review.timeline"));
  ImGui::PopFont();
  TimelineLabels labels{s.strings("review.patience"), s.strings("review.mood"), s.strings("review.replies"),
                        s.strings("review.left")};
  mood_timeline(timeline_of(s.sessions.review->result.transcript), labels, ImGui::GetContentRegionAvail().y, p);
  end_card();
}

}  // namespace

std::vector<const engine::ModelReply*> model_beside(const ReviewView& r) {
  const auto& msgs = r.result.transcript.messages;
  std::vector<const engine::ModelReply*> out(msgs.size(), nullptr);
  if (!r.scenario) return out;
  std::set<std::string> used;
  std::string node;
  for (std::size_t i = 0; i < msgs.size(); ++i) {
    const auto& x = msgs[i].extra;
    // Each event carries the node it happened at; a trainee line answers that node.
    if (x.is_object() && x.contains("node") && x["node"].is_string()) node = x["node"].get<std::string>();
    if (!msgs[i].is_trainee_message() || used.count(node)) continue;
    for (const auto& mr : r.scenario->model_replies)
      if (mr.node == node) {
        out[i] = &mr;
        used.insert(node);
        break;
      }
  }
  return out;
}

namespace {

// A bubble's right-click menu ("review.copy.message" for the driver).
CopyMenu copy_menu(AppState& s) {
  return CopyMenu{s.strings("copy.message"), s.strings("copy.selection"),
                  [&s](const char* item) { track(s, std::string("review.") + item); }};
}

void conversation(AppState& s) {
  auto& r = *s.sessions.review;
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  begin_card("##conversation", ImVec2(0, 0), p);
  ImGui::PushFont(s.platform.fonts.bold);
  ImGui::TextUnformatted(s.strings("review.conversation"));
  ImGui::PopFont();
  const auto& msgs = r.result.transcript.messages;
  auto models = model_beside(r);
  std::string persona = r.scenario ? r.scenario->persona.name : s.strings("chat.customer");
  bool has_models = r.scenario && !r.scenario->model_replies.empty();
  if (ImGui::BeginTable("##conv", has_models ? 2 : 1, ImGuiTableFlags_ScrollY | ImGuiTableFlags_PadOuterX)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(s.strings("review.your_chat"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    if (has_models) ImGui::TableSetupColumn(s.strings("review.model"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < msgs.size(); ++i) {
      const auto& m = msgs[i];
      bool line = m.kind == kind::message || m.kind == kind::nudge;
      if (!line && m.kind != kind::left && m.kind != kind::silent && m.kind != kind::returned) continue;
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::PushID(static_cast<int>(i));
      bool hl = r.highlight && *r.highlight == i;
      if (line) {
        BubbleLook look;
        look.right = m.from == sender::trainee;
        look.background = look.right ? p.trainee_bubble : p.customer_bubble;
        look.text = look.right ? p.on_accent : p.text;
        look.highlighted = hl;
        look.max_width = 0.82f;
        std::string who = look.right ? std::string(s.strings("chat.you")) : persona;
        look.selection = look.right ? IM_COL32(0, 0, 0, 90) : (p.accent & 0x00FFFFFF) | (90u << 24);
        CopyMenu menu = copy_menu(s);
        BubbleRects rects =
            chat_bubble(m.text, fmt::format("#{} · {} · {}", i + 1, display_text(who), clock_text(m.at)), look, p,
                        s.platform.fonts.small, &menu);
        s.driver.items["review.message." + std::to_string(i)] = ItemRect{rects.text_min, rects.text_max};
      } else {
        const char* key = m.kind == kind::left     ? "chat.left_named"
                          : m.kind == kind::silent ? "chat.silent_named"
                                                   : "chat.returned_named";
        chat_event(fmt::format("{} · {}", s.strings.format(key, display_text(persona)), clock_text(m.at)),
                   m.kind == kind::left ? p.danger : p.system_text, s.platform.fonts.small);
      }
      track(s, "review.msg." + std::to_string(i));
      if (hl && r.scroll_to_highlight) {
        ImGui::SetScrollHereY(0.3f);
        r.scroll_to_highlight = false;
      }
      if (has_models && models[i]) {
        ImGui::TableSetColumnIndex(1);
        BubbleLook look;
        look.background = p.model_bubble;
        look.text = p.text;
        look.max_width = 1.0f;
        look.selection = (p.accent & 0x00FFFFFF) | (90u << 24);
        CopyMenu menu = copy_menu(s);
        ImGui::PushID("model");
        chat_bubble(models[i]->text, s.strings("review.model_meta"), look, p, s.platform.fonts.small, &menu);
        ImGui::PopID();
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  (void)fs;
  end_card();
}

void evidence(AppState& s) {
  auto& r = *s.sessions.review;
  const Palette& p = colors(s);
  begin_card("##evidence", ImVec2(0, 0), p);
  ImGui::PushFont(s.platform.fonts.bold);
  ImGui::TextUnformatted(s.strings("review.evidence"));
  ImGui::PopFont();
  muted_text(s.strings("review.evidence_help"), p);
  // Up / Down: the previous / next item that cites a message, in the order shown.
  std::vector<std::pair<std::size_t, std::size_t>> citing;
  for (std::size_t d = 0; d < r.result.grade.dimensions.size(); ++d)
    if (r.result.grade.dimensions[d].graded)
      for (std::size_t i = 0; i < r.result.grade.dimensions[d].evidence.size(); ++i)
        if (r.result.grade.dimensions[d].evidence[i].message) citing.emplace_back(d, i);
  const int step = free_key_pressed(key(ImGuiKey_DownArrow)) ? 1 : free_key_pressed(key(ImGuiKey_UpArrow)) ? -1 : 0;
  if (step && !citing.empty()) {
    auto at = r.picked ? std::find(citing.begin(), citing.end(), *r.picked) : citing.end();
    std::size_t next = at == citing.end() ? (step > 0 ? 0 : citing.size() - 1)
                                          : std::clamp<std::ptrdiff_t>(at - citing.begin() + step, 0,
                                                                       static_cast<std::ptrdiff_t>(citing.size()) - 1);
    r.picked = citing[next];
    r.highlight = r.result.grade.dimensions[citing[next].first].evidence[citing[next].second].message;
    r.scroll_to_highlight = r.scroll_to_picked = true;
  }
  for (std::size_t d = 0; d < r.result.grade.dimensions.size(); ++d) {
    const auto& dim = r.result.grade.dimensions[d];
    if (!dim.graded) continue;
    std::string head = fmt::format("{} — {:.0f}###dim{}", dim_label(s, d), dim.score, d);
    ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    if (!ImGui::CollapsingHeader(head.c_str())) continue;
    if (dim.evidence.empty()) muted_text(s.strings("review.no_evidence"), p);
    for (std::size_t i = 0; i < dim.evidence.size(); ++i) {
      const auto& e = dim.evidence[i];
      ImGui::PushID(static_cast<int>(d * 1000 + i));
      ImGui::PushStyleColor(ImGuiCol_Text, e.points > 0 ? p.success_v : e.points < 0 ? p.danger_v : p.muted_v);
      ImGui::TextUnformatted(fmt::format("{:+.0f}", e.points).c_str());
      ImGui::PopStyleColor();
      ImGui::SameLine(ImGui::GetFontSize() * 3.8f);
      std::string note = display_text(e.note.empty() ? e.rule : e.note);
      if (e.message) note += fmt::format("  (#{})", *e.message + 1);
      bool selected = e.message && r.highlight == e.message;
      float w = ImGui::GetContentRegionAvail().x;
      ImVec2 ts = ImGui::CalcTextSize(note.c_str(), nullptr, false, w);
      if (ImGui::Selectable("##evidence", selected, 0, ImVec2(w, ts.y)) && e.message) {
        r.highlight = e.message;
        r.scroll_to_highlight = true;
        r.picked = std::pair{d, i};
      }
      if (r.scroll_to_picked && r.picked == std::pair{d, i}) {
        ImGui::SetScrollHereY(0.5f);
        r.scroll_to_picked = false;
      }
      ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImGui::GetItemRectMin(), p.text,
                                          note.c_str(), nullptr, w);
      track(s, fmt::format("review.evidence.{}.{}", scoring::k_dimensions[d], i));
      ImGui::PopID();
    }
  }
  end_card();
}

}  // namespace

void draw_review(AppState& s) {
  if (!s.sessions.review) return;
  const float fs = ImGui::GetFontSize();
  header(s);
  float width = ImGui::GetContentRegionAvail().x;
  std::size_t bars = 0;
  for (const auto& d : s.sessions.review->result.grade.dimensions) bars += d.graded ? 1 : 0;
  float top_h = static_cast<float>(std::max<std::size_t>(bars, 4)) * ImGui::GetFrameHeightWithSpacing() + fs * 2.0f;
  ImGui::BeginChild("##review_scores", ImVec2(width * 0.5f, top_h), false, ImGuiWindowFlags_NoBackground);
  scores(s, top_h);
  ImGui::EndChild();
  ImGui::SameLine(0, fs);
  ImGui::BeginChild("##review_timeline", ImVec2(0, top_h), false, ImGuiWindowFlags_NoBackground);
  timeline(s, top_h);
  ImGui::EndChild();
  ImGui::Dummy(ImVec2(0, fs * 0.2f));
  ImGui::BeginChild("##review_conv", ImVec2(width * 0.6f, 0), false, ImGuiWindowFlags_NoBackground);
  conversation(s);
  ImGui::EndChild();
  ImGui::SameLine(0, fs);
  ImGui::BeginChild("##review_evidence", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
  evidence(s);
  ImGui::EndChild();
}

}  // namespace chatdrill::app
