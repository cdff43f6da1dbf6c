// Score bars: a labelled 0..100 bar coloured by how good the score is. Drawing only.
#pragma once

#include <imgui.h>

#include <string>

namespace chatdrill::app {

struct Palette;

ImU32 score_color(double score, const Palette& p);
// One row: label, rounded bar, value. `label_width` in pixels keeps rows aligned.
void score_bar(const std::string& label, double score, float label_width, const Palette& p);
// A big ring-less badge: the overall score as a large number in a rounded square.
void score_badge(double score, const std::string& caption, ImFont* big, const Palette& p);

}  // namespace chatdrill::app
