// WCAG AA for what the screens draw (issue 15, part 6): every text colour on every
// background it is drawn on, in both themes, at least 4.5:1 — chips and score badges
// included, whose background is their text colour at low alpha over the card.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "simulator/app/ui/theme.h"
#include "simulator/app/widgets/controls.h"
#include "simulator/app/widgets/customer_state.h"
#include "simulator/app/widgets/mood_timeline.h"

using chatdrill::app::blend;
using chatdrill::app::contrast_ratio;
using chatdrill::app::Palette;
using chatdrill::app::palette;

namespace {

struct Pair {
  const char* what;
  ImU32 text, background;
};

// The pairs the widgets use (controls.cpp, chat_bubble.cpp, session.cpp, home.cpp, review.cpp).
std::vector<Pair> pairs(const Palette& p) {
  std::vector<Pair> out = {
      {"text on a card", p.text, p.panel},
      {"text on the canvas", p.text, p.background},
      {"muted text on a card", p.muted, p.panel},
      {"muted text on the canvas", p.muted, p.background},
      {"muted text on a soft panel", p.muted, p.panel_alt},
      {"accent text on a card", p.accent, p.panel},
      {"button text on an accent button", p.on_accent, p.accent_fill},
      {"button text on a danger button", p.on_accent, p.danger_fill},
      {"customer bubble", p.text, p.customer_bubble},
      {"trainee bubble", p.on_accent, p.trainee_bubble},
      {"model reply bubble", p.text, p.model_bubble},
      {"system line on a card", p.system_text, p.panel},
      {"warning text on a card", p.warning, p.panel},
      {"danger text on a card", p.danger, p.panel},
      {"success text on a card", p.success, p.panel},
  };
  // Chips and score badges: the colour as text on itself at alpha 38 (hints) / 45 (scores)
  // / 28 (accent_soft) over a card.
  for (ImU32 c : {p.warning, p.danger, p.success, p.accent, p.muted})
    for (unsigned alpha : {28u, 38u, 45u})
      out.push_back({"chip", c, blend((c & 0x00FFFFFFu) | (alpha << 24), p.panel)});
  out.push_back({"accent chip", p.accent, blend(p.accent_soft, p.panel)});
  // The timeline's value axis: patience % and mood –/+ labels in their lines' colours.
  out.push_back({"timeline patience axis label", chatdrill::app::timeline_patience_color(p), p.panel});
  out.push_back({"timeline mood axis label", chatdrill::app::timeline_mood_color(p), p.panel});
  out.push_back({"timeline tick label", p.muted, p.panel});
  for (ImU32 c : chatdrill::app::k_avatar_colors) out.push_back({"avatar initials", p.on_accent, c});
  return out;
}

}  // namespace

TEST_CASE("contrast: the ratio is WCAG's (black on white 21, a colour on itself 1)") {
  CHECK(contrast_ratio(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)) == doctest::Approx(21));
  CHECK(contrast_ratio(IM_COL32(120, 40, 200, 255), IM_COL32(120, 40, 200, 255)) == doctest::Approx(1));
  CHECK(contrast_ratio(IM_COL32(0x76, 0x76, 0x76, 255), IM_COL32(255, 255, 255, 255)) ==
        doctest::Approx(4.54).epsilon(0.01));
  CHECK(blend(IM_COL32(0, 0, 0, 128), IM_COL32(255, 255, 255, 255)) == IM_COL32(127, 127, 127, 255));
}

TEST_CASE("contrast: every text the screens draw meets WCAG AA (4.5:1) in the light and the dark theme") {
  for (const bool dark : {false, true}) {
    for (const auto& pair : pairs(palette(dark))) {
      const double ratio = contrast_ratio(pair.text, pair.background);
      const std::string what = std::string(dark ? "dark: " : "light: ") + pair.what + " is " + std::to_string(ratio);
      CHECK_MESSAGE(ratio >= 4.5, what);
    }
  }
}

// Graphics that carry meaning (WCAG 1.4.11, 3:1): the live patience bar's fill on the card
// and on its track, the timeline's lines and marks on the plot, in both themes.
TEST_CASE("contrast: the customer-state bar and the timeline's lines and marks stand out (3:1)") {
  for (const bool dark : {false, true}) {
    const Palette& p = palette(dark);
    struct Mark {
      const char* what;
      ImU32 color, background;
    };
    std::vector<Mark> marks;
    for (double patience : {1.0, 0.5, 0.1}) {
      marks.push_back({"patience bar on the card", chatdrill::app::patience_color(patience, p), p.panel});
      marks.push_back({"patience bar on its track", chatdrill::app::patience_color(patience, p), p.border});
    }
    for (ImU32 c : {chatdrill::app::timeline_patience_color(p), chatdrill::app::timeline_mood_color(p), p.muted,
                    p.warning, p.danger})
      marks.push_back({"timeline mark on the plot", c, p.panel_alt});
    marks.push_back({"the change note's arrow", p.danger, p.panel});
    marks.push_back({"the change note's arrow", p.success, p.panel});
    for (const auto& m : marks) {
      const double ratio = contrast_ratio(m.color, m.background);
      CHECK_MESSAGE(ratio >= 3.0, (dark ? "dark: " : "light: ") << m.what << " is " << ratio);
    }
  }
}
