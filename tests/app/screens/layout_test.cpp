// Readable at any size, headless: at the window sizes, scales and the largest text size of
// issue 15 part 6, the nav and the review's title, buttons and scores are laid out inside
// the window (the Xvfb screen matrix and its OCR test look at the pixels; this checks the
// rectangles in every build, the sanitizer build too).
#include "../headless.h"

#include <cstdlib>

using chatdrill::app::ItemRect;
using chatdrill::app::Screen;
using chatdrill::app::test::Headless;

namespace {

struct Size {
  float w, h, scale, font;
};

bool inside(const ItemRect& r, const ImVec2& display) {
  return r.min.x >= 0 && r.min.y >= 0 && r.max.x <= display.x + 0.5f && r.max.y <= display.y + 0.5f;
}

bool overlap(const ItemRect& a, const ItemRect& b) {
  return a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y;
}

void resize(Headless& h, const Size& size) {
  setenv("CHATDRILL_SCALE", std::to_string(size.scale).c_str(), 1);
  h.state.settings.values.font_size = size.font;
  apply_settings(h.state);
  ImGui::GetIO().DisplaySize = ImVec2(size.w, size.h);
  h.frames(3);
}

void check_nav(const Headless& h, const std::vector<std::string>& items) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  for (const auto& item : items) {
    INFO(item);
    REQUIRE(h.visible(item));
    CHECK(inside(h.state.driver.items.at(item), display));
  }
}

}  // namespace

TEST_CASE("the nav and the review's title, buttons and scores stay inside the window at every size") {
  const Size sizes[] = {{1024, 640, 1, 17},  {1024, 640, 1.5f, 17}, {1024, 640, 2, 17}, {1280, 800, 2, 17},
                        {1920, 1080, 2, 17}, {1024, 640, 1, 32},    {1920, 1080, 1, 32}};
  Headless h("layout_sizes");
  h.frames(2);
  h.start("impatient-customer-fi");
  h.wait_for_customer();
  h.type("Hei Markku, pahoittelen viivästystä! Kertoisitteko tilausnumeron?");
  h.press_enter();
  h.wait_for_customer();
  h.click("session.end");
  h.click("end.confirm");
  REQUIRE(h.state.screen == Screen::review);
  for (const auto& size : sizes) {
    CAPTURE(size.w);
    CAPTURE(size.h);
    CAPTURE(size.scale);
    CAPTURE(size.font);
    resize(h, size);
    check_nav(h, {"nav.home", "nav.review", "nav.settings", "menu.file", "menu.trainer"});
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const auto& items = h.state.driver.items;
    for (const char* item : {"review.title", "review.export", "review.home"}) {
      INFO(item);
      REQUIRE(h.visible(item));
      CHECK(inside(items.at(item), display));
    }
    CHECK_FALSE(overlap(items.at("review.title"), items.at("review.export")));
    CHECK_FALSE(overlap(items.at("review.title"), items.at("review.home")));
    // Every score is drawn whole inside its card; on a window of less than ~32 lines the
    // page scrolls, so the scores may start under the fold, never beside or past the edge.
    REQUIRE(h.visible("review.scores"));
    const ItemRect card = items.at("review.scores");
    for (const char* d : {"overall", "speed", "politeness", "clarifying", "engagement", "resolution", "writing"}) {
      const std::string item = std::string("review.score.") + d;
      INFO(item);
      if (display.y / ImGui::GetFontSize() < 32 && !h.visible(item)) continue;  // under the fold
      REQUIRE(h.visible(item));
      const ItemRect r = items.at(item);
      CHECK(r.min.x >= card.min.x);
      CHECK(r.max.x <= card.max.x);
      CHECK(r.max.x <= display.x);
    }
  }
}

TEST_CASE("at scale 2 on 1024x640 the nav leaves no button out on Home, in a chat and in Settings") {
  Headless h("layout_nav");
  resize(h, {1024, 640, 2, 17});
  check_nav(h, {"nav.home", "nav.settings", "menu.file", "menu.trainer"});
  h.start("impatient-customer-fi");
  h.frames(2);
  check_nav(h, {"nav.home", "nav.session", "nav.settings"});
}

TEST_CASE("in a chat at every size End, the clock, the reply box and Send are in view, and the brief is reachable") {
  const Size sizes[] = {{1024, 640, 1, 17},  {1024, 640, 1.5f, 17}, {1024, 640, 2, 17},
                        {1280, 800, 1, 17},  {1280, 800, 2, 17},    {1920, 1080, 1, 17},
                        {1920, 1080, 2, 17}, {1024, 640, 1, 32},    {1920, 1080, 1, 32}};
  Headless h("layout_session");
  h.frames(2);
  h.start("impatient-customer-fi");
  h.wait_for_customer();
  for (const auto& size : sizes) {
    CAPTURE(size.w);
    CAPTURE(size.h);
    CAPTURE(size.scale);
    CAPTURE(size.font);
    resize(h, size);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const auto& items = h.state.driver.items;
    for (const char* item : {"session.end", "session.clock", "session.reply", "session.send"}) {
      INFO(item);
      REQUIRE(h.visible(item));
      CHECK(inside(items.at(item), display));
    }
    CHECK_FALSE(overlap(items.at("session.end"), items.at("session.reply")));
    CHECK_FALSE(overlap(items.at("session.reply"), items.at("session.send")));
    // Narrow: the brief and the case data are one click away on the persona bar.
    if (h.visible("session.brief_button")) {
      CHECK(inside(items.at("session.brief_button"), display));
      CHECK_FALSE(overlap(items.at("session.brief_button"), items.at("session.end")));
    } else {
      CHECK(h.visible("session.case"));  // beside the chat or on the persona card
    }
  }
  // The popup shows the brief and the case data.
  resize(h, {1024, 640, 2, 17});
  h.click("session.brief_button");
  h.frames(2);
  CHECK(h.visible("session.case"));
}
