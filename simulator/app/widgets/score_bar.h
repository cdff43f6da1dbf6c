// Score bars: a labelled 0..100 bar coloured by how good the score is. Drawing only.
#pragma once

#include <imgui.h>

#include <string>

namespace chatdrill::app {

struct Palette;

ImU32 score_color(double score, const Palette& p);
// One row: label, rounded bar, value. `label_width` (pixels, from the row's start) keeps
// rows aligned. The value always keeps its room: the bar gives way, and where even a short
// bar would not fit beside the label, the bar and value go on a line of their own.
void score_bar(const std::string& label, double score, float label_width, const Palette& p);
// A big ring-less badge: the overall score as a large number in a rounded square.
// Returns where the number was drawn (screen pixels), for the test driver.
struct ScoreRect {
  ImVec2 min, max;
};
ScoreRect score_badge(double score, const std::string& caption, ImFont* big, const Palette& p);
// The badge's width, and the width a row of bars needs beside a label column of
// `label_width` (label, shortest bar, value): with both, a screen chooses to put the bars
// beside the badge or under it.
float score_badge_width(const std::string& caption);
float score_row_width(float label_width);

}  // namespace chatdrill::app
