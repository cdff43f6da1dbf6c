// The customer's patience and mood over a session: two lines on a time axis (ticks, m:ss)
// and a value axis (patience 0–100 %, mood –/+), the trainee's replies as ticks, nudges as
// dots, silences shaded, the moment the customer left marked, a legend for every mark and
// tooltips naming the message that moved the customer. Drawing, plus the pure pieces
// (axis ticks, hit-testing, tooltip text) that tests check without a window.
#pragma once

#include "scoring/transcript.h"

#include <imgui.h>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chatdrill::app {

struct Palette;

struct TimelinePoint {
  double at = 0;
  double patience = 1, mood = 0;
  std::optional<std::size_t> line;  // the customer's or trainee's line at or just before it (message index)
};
struct TimelineMark {
  double at = 0;
  std::size_t message = 0;  // index into the transcript
};
struct TimelineSpan {
  double from = 0, to = 0;
};

struct Timeline {
  std::vector<TimelinePoint> points;  // from messages' patience and mood
  std::vector<TimelineMark> replies;  // trainee replies
  std::vector<TimelineMark> nudges;   // customer nudges
  std::vector<TimelineSpan> silences;
  double left_at = -1;  // customer left (or -1)
  double end = 0;       // last time in the transcript
};

Timeline timeline_of(const scoring::Transcript& transcript);

// [Axis] Time ticks: the smallest step of 5 s, 10 s, 15 s, 30 s, 1, 2, 5, 10, 15, 30 min,
// 1 h... that gives at most `max_ticks` steps over [0, end]; ticks from 0 at that step.
double tick_step(double end, int max_ticks);
std::vector<double> time_ticks(double end, int max_ticks);
std::string tick_label(double seconds);  // "0:30", "12:00" (as the chat's times)

// [Hit-testing] Which mark the mouse is on: the plot's row for the mouse's height (nudge
// dots along the top, reply ticks along the bottom, the lines between), then the nearest
// mark of that row within `radius` pixels of x; else the point of the lines nearest within
// `radius`; else (between points) the last point at or before x.
enum class TimelineRow { nudges, lines, replies };
TimelineRow timeline_row(float plot_top, float plot_bottom, float mouse_y, float row_height);
struct TimelineHit {
  enum class Kind { none, point, reply, nudge } kind = Kind::none;
  std::size_t index = 0;  // into points, replies or nudges
};
TimelineHit timeline_hit(const Timeline& timeline, float plot_left, float plot_right, float mouse_x, TimelineRow row,
                         float radius);

struct TimelineLabels {
  std::string patience, mood, replies, nudges, left, silence;  // legend
  std::string patience_value;                                  // "Kärsivällisyys {} %"
  std::string mood_value;                                      // "Mieliala: {} ({})"
  std::array<std::string, 4> mood_words;                       // by MoodBand (widgets/customer_state.h)
  std::string customer, you, reply, nudge;                     // who said it, what a mark is
};

// [Tooltip] The lines a hover shows: time, patience and mood, and the (shortened) message.
std::vector<std::string> timeline_tooltip(const Timeline& timeline, const scoring::Transcript& transcript,
                                          const TimelineHit& hit, const TimelineLabels& labels);
// `text` on one line and at most `max_chars` code points ("…" when cut).
std::string shortened(const std::string& text, std::size_t max_chars);

// Where the chart drew its plot and marks (screen rectangles), for the test driver.
struct TimelineDrawn {
  ImVec2 plot_min, plot_max;
  std::vector<std::pair<ImVec2, ImVec2>> replies, nudges;  // min, max of each mark
};

// Draws the chart in a box `height` pixels tall across the available width (taller when
// the box is too small for a readable plot); shows the tooltip of what the mouse is over.
TimelineDrawn mood_timeline(const Timeline& timeline, const scoring::Transcript& transcript,
                            const TimelineLabels& labels, float height, const Palette& p);

// The line colours (the patience line is the accent colour; mood its own), also used for
// the value axis' labels, so they are checked as text in tests/app/contrast_test.cpp.
ImU32 timeline_patience_color(const Palette& p);
ImU32 timeline_mood_color(const Palette& p);

}  // namespace chatdrill::app
