// Patience/mood chart drawn with ImDrawList (no plotting library in Debian's ImGui).
//
// [SECTION] Model: the transcript as points, marks and spans
// [SECTION] Axis: time ticks
// [SECTION] Hit-testing and tooltips
// [SECTION] Drawing: legend, plot, axes, marks, hover
#include "mood_timeline.h"

#include "simulator/app/ui/emoji.h"
#include "simulator/app/ui/theme.h"
#include "simulator/app/widgets/customer_state.h"

#include "scoring/core/timestamp.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace chatdrill::app {

namespace kind = scoring::kind;

// ---------------------------------------------------------------------------------------
// [SECTION] Model

Timeline timeline_of(const scoring::Transcript& t) {
  Timeline out;
  out.points.push_back({0, 1, 0, std::nullopt});
  bool first = true;
  std::optional<std::size_t> line;  // the latest customer or trainee line so far
  double silent_from = -1;          // when the customer went quiet, while quiet
  for (std::size_t i = 0; i < t.messages.size(); ++i) {
    const auto& m = t.messages[i];
    out.end = std::max(out.end, m.at);
    if (m.is_trainee_message() || m.is_customer_message()) line = i;
    if (m.is_trainee_message()) out.replies.push_back({m.at, i});
    if (m.kind == kind::nudge) out.nudges.push_back({m.at, i});
    if (m.kind == kind::left && out.left_at < 0) out.left_at = m.at;
    if (m.kind == kind::silent && silent_from < 0) silent_from = m.at;
    if ((m.kind == kind::returned || m.kind == kind::left) && silent_from >= 0) {
      out.silences.push_back({silent_from, m.at});
      silent_from = -1;
    }
    if (m.patience && m.mood) {
      // Clamped still: a Message built in code has no reader checking its range.
      TimelinePoint p{m.at, std::clamp(*m.patience, 0.0, 1.0), std::clamp(*m.mood, -1.0, 1.0), line};
      if (first) out.points.front().mood = p.mood;
      first = false;
      out.points.push_back(p);
    }
  }
  if (out.end <= 0) out.end = 1;
  if (silent_from >= 0) out.silences.push_back({silent_from, out.end});
  return out;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Axis

double tick_step(double end, int max_ticks) {
  static const double steps[] = {5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200};
  const double span = std::isfinite(end) && end > 0 ? end : 1;
  const int most = std::max(1, max_ticks);
  for (double s : steps)
    if (span / s <= most) return s;
  return std::ceil(span / most / 43200) * 43200;
}

std::vector<double> time_ticks(double end, int max_ticks) {
  const double step = tick_step(end, max_ticks);
  std::vector<double> out;
  for (int i = 0; i * step <= end + 1e-9 && i <= max_ticks + 1; ++i) out.push_back(i * step);
  return out;
}

std::string tick_label(double seconds) { return scoring::clock_text(seconds); }

// ---------------------------------------------------------------------------------------
// [SECTION] Hit-testing and tooltips

TimelineRow timeline_row(float top, float bottom, float y, float row_height) {
  if (y < top + row_height) return TimelineRow::nudges;
  if (y > bottom - row_height) return TimelineRow::replies;
  return TimelineRow::lines;
}

TimelineHit timeline_hit(const Timeline& tl, float left, float right, float x, TimelineRow row, float radius) {
  auto x_of = [&](double t) { return left + static_cast<float>(t / tl.end) * (right - left); };
  auto nearest = [&](auto&& items, TimelineHit::Kind kind) {
    TimelineHit hit;
    float best = radius;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const float d = std::abs(x_of(items[i].at) - x);
      if (d <= best) best = d, hit = {kind, i};  // the later of two equally near: "at or just before"
    }
    return hit;
  };
  TimelineHit hit;
  if (row == TimelineRow::replies) hit = nearest(tl.replies, TimelineHit::Kind::reply);
  if (row == TimelineRow::nudges) hit = nearest(tl.nudges, TimelineHit::Kind::nudge);
  if (hit.kind == TimelineHit::Kind::none) hit = nearest(tl.points, TimelineHit::Kind::point);
  // Between points the lines show the state the last point left: that point.
  for (std::size_t i = 0; hit.kind == TimelineHit::Kind::none && i < tl.points.size(); ++i)
    if (x >= left && x <= right && (i + 1 == tl.points.size() || x_of(tl.points[i + 1].at) > x) &&
        x_of(tl.points[i].at) <= x)
      hit = {TimelineHit::Kind::point, i};
  return hit;
}

std::string shortened(const std::string& text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80 && chars++ == max_chars) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      return out + "\xE2\x80\xA6";  // …
    }
    out += c == '\n' || c == '\r' || c == '\t' ? ' ' : text[i];
  }
  return out;
}

std::vector<std::string> timeline_tooltip(const Timeline& tl, const scoring::Transcript& t, const TimelineHit& hit,
                                          const TimelineLabels& labels) {
  constexpr std::size_t k_chars = 90;
  auto said = [&](std::size_t i) {
    const auto& m = t.messages[i];
    return fmt::format("{}: {}", m.is_trainee_message() ? labels.you : labels.customer,
                       shortened(display_text(m.text), k_chars));
  };
  std::vector<std::string> out;
  switch (hit.kind) {
    case TimelineHit::Kind::none: break;
    case TimelineHit::Kind::point: {
      const TimelinePoint& p = tl.points.at(hit.index);
      out.push_back(tick_label(p.at));
      out.push_back(fmt::format(fmt::runtime(labels.patience_value), static_cast<int>(std::lround(p.patience * 100))));
      out.push_back(
          fmt::format(fmt::runtime(labels.mood_value), labels.mood_words[static_cast<std::size_t>(mood_band(p.mood))]));
      if (p.line && *p.line < t.messages.size()) out.push_back(said(*p.line));
      break;
    }
    case TimelineHit::Kind::reply:
    case TimelineHit::Kind::nudge: {
      const bool reply = hit.kind == TimelineHit::Kind::reply;
      const TimelineMark& m = (reply ? tl.replies : tl.nudges).at(hit.index);
      out.push_back(fmt::format("{} · {}", tick_label(m.at), reply ? labels.reply : labels.nudge));
      if (m.message < t.messages.size()) out.push_back(said(m.message));
      break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Drawing

ImU32 timeline_patience_color(const Palette& p) { return p.accent; }

ImU32 timeline_mood_color(const Palette& p) {
  const bool dark = ((p.panel >> IM_COL32_R_SHIFT) & 0xFF) < 128;
  return dark ? IM_COL32(0xD3, 0x9B, 0xF0, 255) : IM_COL32(0x8A, 0x35, 0xB5, 255);
}

namespace {

enum class Swatch { line, tick, dot, band, left };
struct LegendEntry {
  Swatch swatch;
  ImU32 color;
  const std::string* label;
};

void draw_swatch(ImDrawList* dl, ImVec2 at, const LegendEntry& e, float fs) {
  const float mid = at.y + fs * 0.5f;
  switch (e.swatch) {
    case Swatch::line: dl->AddLine(ImVec2(at.x, mid), ImVec2(at.x + fs * 1.2f, mid), e.color, fs * 0.18f); break;
    case Swatch::tick:
      dl->AddLine(ImVec2(at.x + fs * 0.6f, at.y + fs * 0.2f), ImVec2(at.x + fs * 0.6f, at.y + fs * 0.85f), e.color, 2);
      break;
    case Swatch::dot: dl->AddCircleFilled(ImVec2(at.x + fs * 0.6f, mid), fs * 0.22f, e.color); break;
    case Swatch::band:
      dl->AddRectFilled(ImVec2(at.x, at.y + fs * 0.15f), ImVec2(at.x + fs * 1.2f, at.y + fs * 0.9f), e.color, 2);
      break;
    case Swatch::left:
      dl->AddLine(ImVec2(at.x + fs * 0.6f, at.y + fs * 0.05f), ImVec2(at.x + fs * 0.6f, at.y + fs), e.color, 2);
      break;
  }
}

// Lays the legend out in lines across `width`; draws it when `dl` is set. Returns its height.
float legend(ImDrawList* dl, ImVec2 o, float width, const std::vector<LegendEntry>& entries, ImU32 text) {
  const float fs = ImGui::GetFontSize(), line_h = fs * 1.25f;
  float x = 0, y = 0;
  for (const auto& e : entries) {
    const float w = fs * 1.6f + ImGui::CalcTextSize(e.label->c_str()).x;
    if (x > 0 && x + w > width) x = 0, y += line_h;
    if (dl) {
      draw_swatch(dl, ImVec2(o.x + x, o.y + y), e, fs);
      dl->AddText(ImVec2(o.x + x + fs * 1.6f, o.y + y), text, e.label->c_str());
    }
    x += w + fs * 1.1f;
  }
  return y + line_h;
}

struct Plot {
  ImVec2 a, b;  // plot rectangle
  const Timeline* tl;
  float x_of(double t) const { return a.x + static_cast<float>(std::clamp(t / tl->end, 0.0, 1.0)) * (b.x - a.x); }
  float y_of(double v01) const { return b.y - static_cast<float>(v01) * (b.y - a.y); }
};

// Value axis (patience % at the left, mood –/+ at the right, in their lines' colours) and
// the time axis under the plot, with faint grid lines at the ticks.
void axes(ImDrawList* dl, const Plot& pl, const Palette& p) {
  const float fs = ImGui::GetFontSize();
  const ImU32 pat = timeline_patience_color(p), mood = timeline_mood_color(p);
  const char* values[] = {"0 %", "50 %", "100 %"};
  const char* moods[] = {"\xE2\x80\x93", "0", "+"};
  for (int i = 0; i < 3; ++i) {
    const float y = pl.y_of(i / 2.0);
    if (i == 1) dl->AddLine(ImVec2(pl.a.x, y), ImVec2(pl.b.x, y), p.border);
    // The ends' labels sit inside the plot's height, clear of the time labels under it.
    const ImVec2 vs = ImGui::CalcTextSize(values[i]);
    const float ty = i == 0 ? y - vs.y : i == 1 ? y - vs.y / 2 : y;
    dl->AddText(ImVec2(pl.a.x - vs.x - fs * 0.3f, ty), pat, values[i]);
    dl->AddText(ImVec2(pl.b.x + fs * 0.3f, ty), mood, moods[i]);
  }
  const float label_w = ImGui::CalcTextSize("00:00").x + fs * 0.8f;
  const int max_ticks = std::max(1, static_cast<int>((pl.b.x - pl.a.x) / label_w));
  for (double t : time_ticks(pl.tl->end, max_ticks)) {
    const float x = pl.x_of(t);
    dl->AddLine(ImVec2(x, pl.a.y), ImVec2(x, pl.b.y), (p.border & 0x00FFFFFF) | (120u << 24));
    dl->AddLine(ImVec2(x, pl.b.y), ImVec2(x, pl.b.y + fs * 0.25f), p.muted, 1);
    const std::string text = tick_label(t);
    const float w = ImGui::CalcTextSize(text.c_str()).x;
    dl->AddText(ImVec2(std::clamp(x - w / 2, pl.a.x - fs, pl.b.x + fs - w), pl.b.y + fs * 0.3f), p.muted, text.c_str());
  }
}

void marks(ImDrawList* dl, const Plot& pl, const TimelineLabels& labels, const Palette& p) {
  const float fs = ImGui::GetFontSize();
  const Timeline& tl = *pl.tl;
  for (const auto& s : tl.silences)
    dl->AddRectFilled(ImVec2(pl.x_of(s.from), pl.a.y), ImVec2(pl.x_of(s.to), pl.b.y),
                      (p.muted & 0x00FFFFFF) | (40u << 24));
  std::vector<ImVec2> pat, mood;
  auto add = [](std::vector<ImVec2>& line, ImVec2 v) {  // a repeated point would draw a blot
    if (line.empty() || std::abs(line.back().x - v.x) > 0.25f || std::abs(line.back().y - v.y) > 0.25f)
      line.push_back(v);
  };
  for (const auto& pt : tl.points) {
    add(pat, ImVec2(pl.x_of(pt.at), pl.y_of(pt.patience)));
    add(mood, ImVec2(pl.x_of(pt.at), pl.y_of((pt.mood + 1) / 2)));
  }
  if (pat.size() >= 2)
    dl->AddPolyline(pat.data(), static_cast<int>(pat.size()), timeline_patience_color(p), 0, fs * 0.16f);
  if (mood.size() >= 2)
    dl->AddPolyline(mood.data(), static_cast<int>(mood.size()), timeline_mood_color(p), 0, fs * 0.16f);
  for (const auto& r : tl.replies)
    dl->AddLine(ImVec2(pl.x_of(r.at), pl.b.y - fs * 0.6f), ImVec2(pl.x_of(r.at), pl.b.y), p.muted, 2);
  for (const auto& n : tl.nudges) dl->AddCircleFilled(ImVec2(pl.x_of(n.at), pl.a.y + fs * 0.4f), fs * 0.22f, p.warning);
  if (tl.left_at >= 0) {
    const float x = pl.x_of(tl.left_at);
    dl->AddLine(ImVec2(x, pl.a.y), ImVec2(x, pl.b.y), p.danger, 2);
    const float w = ImGui::CalcTextSize(labels.left.c_str()).x;
    dl->AddText(ImVec2(x + fs * 0.3f + w > pl.b.x ? x - fs * 0.3f - w : x + fs * 0.3f, pl.a.y + fs * 0.8f), p.danger,
                labels.left.c_str());
  }
}

// The hovered mark highlighted and its tooltip.
void hover(ImDrawList* dl, const Plot& pl, const scoring::Transcript& t, const TimelineLabels& labels,
           const Palette& p) {
  const float fs = ImGui::GetFontSize();
  const ImVec2 m = ImGui::GetMousePos();
  if (!ImGui::IsWindowHovered() ||
      !ImGui::IsMouseHoveringRect(ImVec2(pl.a.x - fs * 0.5f, pl.a.y), ImVec2(pl.b.x + fs * 0.5f, pl.b.y), false))
    return;
  const Timeline& tl = *pl.tl;
  const TimelineHit hit =
      timeline_hit(tl, pl.a.x, pl.b.x, m.x, timeline_row(pl.a.y, pl.b.y, m.y, fs * 0.9f), fs * 0.8f);
  if (hit.kind == TimelineHit::Kind::none) return;
  const double at = hit.kind == TimelineHit::Kind::point   ? tl.points[hit.index].at
                    : hit.kind == TimelineHit::Kind::reply ? tl.replies[hit.index].at
                                                           : tl.nudges[hit.index].at;
  const float x = pl.x_of(at);
  dl->AddLine(ImVec2(x, pl.a.y), ImVec2(x, pl.b.y), p.text, 1);
  if (hit.kind == TimelineHit::Kind::point) {
    const TimelinePoint& pt = tl.points[hit.index];
    dl->AddCircleFilled(ImVec2(x, pl.y_of(pt.patience)), fs * 0.28f, timeline_patience_color(p));
    dl->AddCircleFilled(ImVec2(x, pl.y_of((pt.mood + 1) / 2)), fs * 0.28f, timeline_mood_color(p));
  }
  const auto lines = timeline_tooltip(tl, t, hit, labels);
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(fs * 22);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i == 0) ImGui::PushStyleColor(ImGuiCol_Text, p.muted_v);
    ImGui::TextWrapped("%s", lines[i].c_str());
    if (i == 0) ImGui::PopStyleColor();
  }
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

}  // namespace

TimelineDrawn mood_timeline(const Timeline& tl, const scoring::Transcript& transcript, const TimelineLabels& labels,
                            float height, const Palette& p) {
  const float fs = ImGui::GetFontSize();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  std::vector<LegendEntry> entries = {{Swatch::line, timeline_patience_color(p), &labels.patience},
                                      {Swatch::line, timeline_mood_color(p), &labels.mood},
                                      {Swatch::tick, p.muted, &labels.replies}};
  if (!tl.nudges.empty()) entries.push_back({Swatch::dot, p.warning, &labels.nudges});
  if (!tl.silences.empty()) entries.push_back({Swatch::band, (p.muted & 0x00FFFFFF) | (40u << 24), &labels.silence});
  if (tl.left_at >= 0) entries.push_back({Swatch::left, p.danger, &labels.left});
  const float legend_h = legend(dl, o, width, entries, p.text);
  const float left_w = ImGui::CalcTextSize("100 %").x + fs * 0.5f, right_w = ImGui::CalcTextSize("+").x + fs * 0.7f;
  Plot pl{ImVec2(o.x + left_w, o.y + legend_h + fs * 0.5f), ImVec2(o.x + width - right_w, o.y + height - fs * 1.4f),
          &tl};
  pl.b.y = std::max(pl.b.y, pl.a.y + fs * 3);  // a box too small still gets a readable plot
  dl->AddRectFilled(pl.a, pl.b, p.panel_alt, fs * 0.2f);
  axes(dl, pl, p);
  marks(dl, pl, labels, p);
  ImGui::Dummy(ImVec2(width, std::max(height, pl.b.y + fs * 1.4f - o.y)));
  hover(dl, pl, transcript, labels, p);
  TimelineDrawn drawn{pl.a, pl.b, {}, {}};
  for (const auto& r : tl.replies)
    drawn.replies.push_back(
        {ImVec2(pl.x_of(r.at) - fs * 0.2f, pl.b.y - fs * 0.6f), ImVec2(pl.x_of(r.at) + fs * 0.2f, pl.b.y)});
  for (const auto& n : tl.nudges)
    drawn.nudges.push_back({ImVec2(pl.x_of(n.at) - fs * 0.22f, pl.a.y + fs * 0.18f),
                            ImVec2(pl.x_of(n.at) + fs * 0.22f, pl.a.y + fs * 0.62f)});
  return drawn;
}

}  // namespace chatdrill::app
