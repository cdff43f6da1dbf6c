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

// Title, outcome and the buttons on one line when they fit; otherwise the buttons go first,
// right-aligned, and the title wraps under them (never under the buttons).
void header(AppState& s) {
  auto& r = *s.sessions.review;
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::string title =
      display_text(r.result.scenario_title.empty() ? r.result.scenario_id : r.result.scenario_title);
  const std::string outcome = outcome_text(s, r.scenario.get(), r.result.outcome());
  const char* back = r.from_dashboard ? "review.back_dashboard" : "review.home";
  const float buttons = ImGui::CalcTextSize(s.strings("review.export")).x + ImGui::CalcTextSize(s.strings(back)).x +
                        style.FramePadding.x * 4 + style.ItemSpacing.x;
  ImGui::PushFont(s.platform.fonts.title);
  const float title_w = ImGui::CalcTextSize(title.c_str()).x;
  ImGui::PopFont();
  const float chip_w = ImGui::CalcTextSize(outcome.c_str()).x + fs;
  const float width = ImGui::GetContentRegionAvail().x;
  const bool one_line = title_w + fs + chip_w + fs + buttons <= width;
  const float x0 = ImGui::GetCursorPosX();
  auto draw_buttons = [&] {
    ImGui::SetCursorPosX(x0 + std::max(0.0f, width - buttons));
    if (ImGui::Button(label(s, "review.export", "export").c_str())) export_review(s);
    track(s, "review.export");
    ImGui::SameLine();
    if (accent_button(label(s, back, "home").c_str(), p)) s.screen = r.from_dashboard ? Screen::trainer : Screen::home;
    track(s, r.from_dashboard ? "review.back_dashboard" : "review.home");
  };
  if (!one_line) draw_buttons();
  ImGui::PushFont(s.platform.fonts.title);
  ImGui::PushTextWrapPos(one_line ? 0.0f : x0 + width);
  ImGui::TextUnformatted(title.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  track(s, "review.title");
  if (one_line || ImGui::GetItemRectSize().x + fs + chip_w <= width) ImGui::SameLine(0, fs);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + fs * 0.25f);
  chip(outcome.c_str(), p.accent_soft, p.accent);
  if (one_line) {
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - fs * 0.25f);
    draw_buttons();
  }
  // Whose session it is, and in which exercise (a trainer reads many; a trainee's own free
  // practice needs no name).
  if ((r.from_dashboard && !r.result.trainee.empty()) || !r.result.exercise_title.empty()) {
    std::string who = display_text(r.result.trainee);
    if (!r.result.exercise_title.empty())
      who += (who.empty() ? "" : " · ") + s.strings.format("review.in_exercise", display_text(r.result.exercise_title));
    muted_text(who, p);
    track(s, "review.who");
  }
  if (!r.export_message.empty()) muted_text(display_text(r.export_message), p);
}

float label_column(const AppState& s) {
  float w = 0;
  for (std::size_t d = 0; d < scoring::k_dimensions.size(); ++d)
    w = std::max(w, ImGui::CalcTextSize(dim_label(s, d).c_str()).x);
  return w + ImGui::GetFontSize();
}

// The width the scores card needs with the bars beside the badge.
float scores_width(const AppState& s) {
  const float fs = ImGui::GetFontSize();
  return score_badge_width(s.strings("review.overall")) + fs * 1.2f + score_row_width(label_column(s)) + fs * 2.5f;
}

std::size_t graded_count(const AppState& s) {
  std::size_t n = 0;
  for (const auto& d : s.sessions.review->result.grade.dimensions) n += d.graded ? 1 : 0;
  return n;
}

// The scores card's height at `width`: bars beside the badge, or under it; each bar beside
// its label, or under it.
float scores_height(const AppState& s, float width) {
  const float fs = ImGui::GetFontSize();
  const float inner = width - fs * 2;  // begin_card's padding
  const bool beside = inner >= scores_width(s) - fs * 2.5f;
  const float bars_w = beside ? inner - score_badge_width(s.strings("review.overall")) - fs * 1.2f : inner;
  const float row_h = ImGui::GetFrameHeightWithSpacing() * (score_row_width(label_column(s)) <= bars_w ? 1.0f : 2.0f);
  const float rows = static_cast<float>(graded_count(s)) * row_h;
  const float content = beside ? std::max(fs * 5, rows) : fs * 5 + ImGui::GetStyle().ItemSpacing.y + rows;
  return content + fs * 2.0f;
}

// The overall badge and a bar per dimension, the bars beside the badge when the card is
// wide enough and under it otherwise. Each number's rectangle is tracked (the OCR test
// crops them from the screenshot).
void scores(AppState& s, float height) {
  auto& g = s.sessions.review->result.grade;
  const Palette& p = colors(s);
  const float fs = ImGui::GetFontSize();
  begin_card("##scores", ImVec2(0, height), p);
  const bool beside = ImGui::GetContentRegionAvail().x >= scores_width(s) - fs * 2.5f;
  const ScoreRect overall = score_badge(g.overall, s.strings("review.overall"), s.platform.fonts.title, p);
  if (ImGui::IsRectVisible(overall.min, overall.max))
    s.driver.items["review.score.overall"] = {overall.min, overall.max};
  if (beside) ImGui::SameLine(0, fs * 1.2f);
  ImGui::BeginGroup();
  const float label_w = label_column(s);
  for (std::size_t d = 0; d < g.dimensions.size(); ++d) {
    if (!g.dimensions[d].graded) continue;  // an old result without it, or switched off
    score_bar(dim_label(s, d), g.dimensions[d].score, label_w, p);
    track(s, std::string("review.score.") + scoring::k_dimensions[d]);  // the number, last in the row
  }
  ImGui::EndGroup();
  end_card();
  track(s, "review.scores");
}

void timeline(AppState& s, float height) {
  const Palette& p = colors(s);
  const auto& r = *s.sessions.review;
  begin_card("##timeline", ImVec2(0, height), p);
  s.driver.items["review.timeline.card"] = ItemRect{
      ImGui::GetWindowPos(),
      ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y)};
  ImGui::PushFont(s.platform.fonts.bold);
  ImGui::TextUnformatted(s.strings("review.timeline"));
  ImGui::PopFont();
  TimelineLabels labels;
  labels.patience = s.strings("review.legend.patience");
  labels.mood = s.strings("review.legend.mood");
  labels.replies = s.strings("review.replies");
  labels.nudges = s.strings("review.legend.nudges");
  labels.left = s.strings("review.left");
  labels.silence = s.strings("review.legend.silence");
  labels.patience_value = s.strings("review.tip.patience");
  labels.mood_value = s.strings("review.tip.mood");
  for (MoodBand b : {MoodBand::angry, MoodBand::annoyed, MoodBand::neutral, MoodBand::pleased})
    labels.mood_words[static_cast<std::size_t>(b)] = s.strings(mood_key(b));
  const std::string persona = r.scenario ? r.scenario->persona.name : std::string(s.strings("chat.customer"));
  labels.customer = display_text(persona.substr(0, persona.find(' ')));
  labels.you = s.strings("chat.you");
  labels.reply = s.strings("review.tip.reply");
  labels.nudge = s.strings("chat.nudge");
  const auto& transcript = r.result.transcript;
  const TimelineDrawn drawn =
      mood_timeline(timeline_of(transcript), transcript, labels, ImGui::GetContentRegionAvail().y, p);
  track(s, "review.timeline");
  s.driver.items["review.timeline.plot"] = ItemRect{drawn.plot_min, drawn.plot_max};
  for (std::size_t i = 0; i < drawn.replies.size(); ++i)
    s.driver.items["review.timeline.reply." + std::to_string(i)] =
        ItemRect{drawn.replies[i].first, drawn.replies[i].second};
  for (std::size_t i = 0; i < drawn.nudges.size(); ++i)
    s.driver.items["review.timeline.nudge." + std::to_string(i)] =
        ItemRect{drawn.nudges[i].first, drawn.nudges[i].second};
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
      ImGui::SameLine(ImGui::GetFontSize() * 4.3f);
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

// Two rows (scores beside the timeline, the conversation beside the evidence) when the
// window holds them; otherwise one page that scrolls as a whole, the cards stacked.
void draw_review(AppState& s) {
  if (!s.sessions.review) return;
  const float fs = ImGui::GetFontSize();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const auto& r = *s.sessions.review;
  const float top_h = std::max(scores_height(s, avail.x * 0.5f), fs * 10);
  const float header_h = fs * 3.2f + (r.result.trainee.empty() && r.result.exercise_title.empty() ? 0 : fs * 1.4f) +
                         (r.export_message.empty() ? 0 : fs * 1.4f);
  const bool two_rows = avail.x * 0.5f >= scores_width(s) && avail.y >= header_h + top_h + fs * 14;
  if (two_rows) {
    header(s);
    const float width = ImGui::GetContentRegionAvail().x;
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
    return;
  }
  ImGui::BeginChild("##review_page", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
  header(s);
  scores(s, scores_height(s, ImGui::GetContentRegionAvail().x));
  ImGui::Spacing();
  const float card_h = std::max(fs * 16, avail.y * 0.85f);
  ImGui::BeginChild("##review_timeline", ImVec2(0, fs * 13), false, ImGuiWindowFlags_NoBackground);
  timeline(s, 0);
  ImGui::EndChild();
  ImGui::Spacing();
  ImGui::BeginChild("##review_conv", ImVec2(0, card_h), false, ImGuiWindowFlags_NoBackground);
  conversation(s);
  ImGui::EndChild();
  ImGui::Spacing();
  ImGui::BeginChild("##review_evidence", ImVec2(0, card_h), false, ImGuiWindowFlags_NoBackground);
  evidence(s);
  ImGui::EndChild();
  ImGui::Dummy(ImVec2(0, fs * 0.5f));
  ImGui::EndChild();
}

}  // namespace chatdrill::app
