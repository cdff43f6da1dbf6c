// The customer's patience and mood over a session, as two lines over time with the
// trainee's replies as ticks and the moment the customer left marked. Drawing only.
#pragma once

#include "scoring/transcript.h"

#include <imgui.h>

#include <string>
#include <vector>

namespace chatdrill::app {

struct Palette;

struct TimelinePoint {
  double at = 0;
  double patience = 1, mood = 0;
};

struct Timeline {
  std::vector<TimelinePoint> points;  // from messages' patience and mood
  std::vector<double> replies;        // trainee reply times
  std::vector<double> nudges;         // customer nudge times
  double left_at = -1;                // customer left (or -1)
  double end = 0;                     // last time in the transcript
};

Timeline timeline_of(const scoring::Transcript& transcript);

struct TimelineLabels {
  std::string patience, mood, replies, left;
};

// Draws the chart in a box `height` pixels tall across the available width.
void mood_timeline(const Timeline& timeline, const TimelineLabels& labels, float height, const Palette& p);

}  // namespace chatdrill::app
