// The customer's state, live (issue 15, part 5): the cue on the persona card follows the
// scenario's "show_customer_state" and the exercise's override, and moves with the chat in
// virtual time; the review's timeline has ticks for every length of chat, maps the mouse to
// the mark under it and names the message that moved the customer.
#include "headless.h"

#include "simulator/app/ui/classroom_state.h"
#include "simulator/app/ui/keys.h"
#include "simulator/app/widgets/customer_state.h"
#include "simulator/app/widgets/mood_timeline.h"

#include <fmt/format.h>
#include <imgui_internal.h>

#include <cmath>
#include <fstream>

using namespace chatdrill;
using namespace chatdrill::app;
using chatdrill::app::test::Headless;

namespace {

scoring::Message line(const char* from, double at, const char* text, double patience, double mood,
                      std::string_view kind = scoring::kind::message) {
  scoring::Message m;
  m.from = from;
  m.kind = kind;
  m.at = at;
  m.text = text;
  m.patience = patience;
  m.mood = mood;
  return m;
}

// A customer, a slow reply, a nudge, a better reply, the customer leaves.
scoring::Transcript sample() {
  scoring::Transcript t;
  t.messages = {line("customer", 0, "Where is my parcel?", 1, 0),
                line("trainee", 50, "Hello, what is the order number?", 0.6, -0.1),
                line("customer", 60, "It is 48213.", 1, -0.1),
                line("customer", 100, "Hello? Still there?", 0.5, -0.2, scoring::kind::nudge),
                line("trainee", 110, "Sorry for the wait! It arrives tomorrow.", 0.4, 0.2),
                line("customer", 150, "", 0, -0.5, scoring::kind::left)};
  return t;
}

TimelineLabels labels() {
  TimelineLabels l;
  l.patience_value = "Patience {} %";
  l.mood_value = "Mood: {}";
  l.mood_words = {"Angry", "Annoyed", "Neutral", "Pleased"};
  l.customer = "Markku";
  l.you = "You";
  l.reply = "your reply";
  l.nudge = "nudge";
  return l;
}

std::string write_exercise(const std::filesystem::path& dir, const std::string& scenario, bool show) {
  std::filesystem::create_directories(dir);
  const auto path = dir / "exercise.json";
  std::ofstream(path) << fmt::format(R"({{"format": "chatdrill.exercise/1", "title": "Tila", "scenarios": ["{}"],
    "show_customer_state": {}, "results": "results"}})",
                                     scenario, show ? "true" : "false");
  return path.string();
}

void begin_exercise(Headless& h, const std::string& path) {
  open_exercise(h.state, path);
  REQUIRE(h.state.classroom.exercise);
  REQUIRE(h.state.classroom.exercise->run.problems().empty());
  h.frame();
  h.click("exercise.name");
  h.type("Aino");
  h.click("exercise.begin");
  h.advance(2);
  REQUIRE(h.state.sessions.live);
  REQUIRE(h.state.screen == Screen::session);
}

}  // namespace

TEST_CASE("customer state: the cue shows when the scenario turns it on, and not otherwise") {
  Headless on("cue_on");
  on.start("undecided-shopper-fi");
  on.wait_for_customer();
  CHECK(on.visible("session.customer_state"));
  Headless off("cue_off");
  off.start("impatient-customer-fi");
  off.wait_for_customer();
  CHECK_FALSE(off.visible("session.customer_state"));
}

TEST_CASE("customer state: an exercise's show_customer_state overrides its scenarios' own") {
  Headless shown("cue_exercise_on");
  begin_exercise(shown, write_exercise(shown.dir() / "class", "impatient-customer-fi", true));
  shown.frames(2);
  CHECK(shown.visible("session.customer_state"));  // the scenario says no; the exercise says yes
  Headless hidden("cue_exercise_off");
  begin_exercise(hidden, write_exercise(hidden.dir() / "class", "undecided-shopper-fi", false));
  hidden.frames(2);
  CHECK_FALSE(hidden.visible("session.customer_state"));  // and the other way round
}

TEST_CASE("customer state: the cue follows the customer's patience down while they wait, then up after a reply") {
  Headless h("cue_patience");
  h.start("undecided-shopper-fi");
  h.wait_for_customer();
  const auto& cue = h.state.sessions.live->customer_cue;
  REQUIRE(cue.patience_at);
  const int before = *cue.patience_at;
  CHECK_FALSE(h.visible("session.customer_state.patience_down"));
  bool noted = false;
  for (int i = 0; i < 30; ++i) {  // the customer waits: patience drains a tenth every 15 s or so
    h.advance(1);
    noted |= h.visible("session.customer_state.patience_down");
  }
  CHECK(noted);
  const double patience = h.state.sessions.live->session().customer().patience;
  CHECK(patience < 0.9);
  CHECK(*cue.patience_at < before);
  CHECK(*cue.patience_at == static_cast<int>(std::ceil(patience * 10)));
  h.type("Hei Mikko! Kiitos yhteydenotosta. Mihin käyttäisitte televisiota?");
  h.press_enter();
  h.frame();  // answered: the wait is over and patience comes back
  CHECK(h.state.sessions.live->session().customer().patience > patience);
  CHECK(h.visible("session.customer_state.patience_up"));
  CHECK_FALSE(h.visible("session.customer_state.patience_down"));
}

TEST_CASE("customer state: the change notes are pure: a tenth of patience down, two up, a mood step; they fade") {
  using Keys = std::vector<std::string>;
  CustomerCue cue;
  update_cue(cue, 1.0, 0.0, 0);
  CHECK(cue_keys(cue, 0).empty());  // the first look notes nothing
  update_cue(cue, 0.95, 0.0, 1);
  CHECK(cue_keys(cue, 1).empty());  // the same tenth
  update_cue(cue, 0.89, 0.0, 2);
  CHECK(cue_keys(cue, 2) == Keys{"customer_state.patience_down"});
  CHECK(cue_keys(cue, 2 + k_cue_seconds).empty());
  update_cue(cue, 0.95, 0.0, 20);
  CHECK(cue_keys(cue, 20).empty());  // one tenth back up is noise
  update_cue(cue, 0.81, 0.0, 21);
  CHECK(cue_keys(cue, 21).empty());  // and down again to the same tenth too
  update_cue(cue, 0.65, 0.0, 22);
  CHECK(cue_keys(cue, 22) == Keys{"customer_state.patience_down"});
  update_cue(cue, 0.9, 0.2, 30);  // a kind reply ended the wait: both notes
  CHECK(cue_keys(cue, 30) == Keys{"customer_state.patience_up", "customer_state.mood_up"});
  update_cue(cue, 0.9, 0.17, 40);
  CHECK(cue_keys(cue, 40).empty());  // a small step is not a change
  update_cue(cue, 0.9, -0.2, 41);
  CHECK(cue_keys(cue, 41) == Keys{"customer_state.mood_down"});
  CHECK(mood_band(0.5) == MoodBand::pleased);
  CHECK(mood_band(0.0) == MoodBand::neutral);
  CHECK(mood_band(-0.4) == MoodBand::annoyed);
  CHECK(mood_band(-0.9) == MoodBand::angry);
}

TEST_CASE("timeline: time axis ticks and labels for chats of 30 s to 30 min") {
  struct Case {
    double end;
    double step;
    const char* last;
  };
  for (const Case& c : {Case{30, 5, "0:30"}, Case{90, 15, "1:30"}, Case{300, 60, "5:00"}, Case{720, 120, "12:00"},
                        Case{1800, 300, "30:00"}, Case{47, 10, "0:40"}}) {
    INFO(c.end);
    CHECK(tick_step(c.end, 6) == c.step);
    const auto ticks = time_ticks(c.end, 6);
    REQUIRE(ticks.size() >= 2);
    CHECK(ticks.size() <= 7);
    CHECK(ticks.front() == 0);
    CHECK(tick_label(ticks.front()) == "0:00");
    CHECK(tick_label(ticks.back()) == c.last);
  }
  CHECK(tick_step(1800, 3) == 600);  // fewer labels fit: a coarser step
  CHECK(tick_label(75) == "1:15");
}

TEST_CASE("timeline: the transcript becomes points, reply ticks, nudge dots and the moment the customer left") {
  const auto t = sample();
  const Timeline tl = timeline_of(t);
  CHECK(tl.end == 150);
  REQUIRE(tl.replies.size() == 2);
  CHECK(tl.replies[1].message == 4);
  REQUIRE(tl.nudges.size() == 1);
  CHECK(tl.nudges[0].message == 3);
  CHECK(tl.left_at == 150);
  REQUIRE(tl.points.size() == 7);  // the start and one per message
  CHECK(tl.points[6].line == 4);   // leaving: the last line before it, the trainee's reply
}

TEST_CASE("timeline: a silence is a span from going quiet to coming back, or to the end") {
  scoring::Transcript t;
  t.messages = {line("customer", 0, "Hetki.", 1, 0), line("customer", 5, "", 1, 0, scoring::kind::silent),
                line("customer", 40, "", 0.8, 0, scoring::kind::returned),
                line("customer", 60, "", 0.8, 0, scoring::kind::silent),
                line("trainee", 90, "Oletteko vielä linjoilla?", 1, 0)};
  const Timeline tl = timeline_of(t);
  REQUIRE(tl.silences.size() == 2);
  CHECK(tl.silences[0].from == 5);
  CHECK(tl.silences[0].to == 40);
  CHECK(tl.silences[1].from == 60);
  CHECK(tl.silences[1].to == 90);  // still quiet when the transcript ends
}

TEST_CASE("timeline: hit-testing maps the mouse's x to the mark under it and the message that moved it") {
  const auto t = sample();
  const Timeline tl = timeline_of(t);
  // The plot spans x 100..400: 2 px a second.
  auto hit = [&](float x, TimelineRow row) { return timeline_hit(tl, 100, 400, x, row, 8); };
  CHECK(timeline_row(50, 150, 55, 10) == TimelineRow::nudges);
  CHECK(timeline_row(50, 150, 100, 10) == TimelineRow::lines);
  CHECK(timeline_row(50, 150, 145, 10) == TimelineRow::replies);
  // A reply tick at 110 s (x 320), on the reply row.
  auto r = hit(322, TimelineRow::replies);
  CHECK(r.kind == TimelineHit::Kind::reply);
  CHECK(r.index == 1);
  auto tip = timeline_tooltip(tl, t, r, labels());
  REQUIRE(tip.size() == 2);
  CHECK(tip[0] == "1:50 · your reply");
  CHECK(tip[1] == "You: Sorry for the wait! It arrives tomorrow.");
  // The nudge dot at 100 s (x 300), on the nudge row.
  auto n = hit(299, TimelineRow::nudges);
  CHECK(n.kind == TimelineHit::Kind::nudge);
  tip = timeline_tooltip(tl, t, n, labels());
  CHECK(tip.back() == "Markku: Hello? Still there?");
  // Near the point at 50 s (x 200) on the lines: time, patience, mood, and the reply that moved it.
  auto p = hit(203, TimelineRow::lines);
  REQUIRE(p.kind == TimelineHit::Kind::point);
  tip = timeline_tooltip(tl, t, p, labels());
  REQUIRE(tip.size() == 4);
  CHECK(tip[0] == "0:50");
  CHECK(tip[1] == "Patience 60 %");
  CHECK(tip[2] == "Mood: Neutral");
  CHECK(tip[3] == "You: Hello, what is the order number?");
  // Between points: the point before, whose state the lines show there.
  auto between = hit(250, TimelineRow::lines);  // 75 s: after the customer's 60 s line
  REQUIRE(between.kind == TimelineHit::Kind::point);
  CHECK(tl.points[between.index].at == 60);
  CHECK(timeline_tooltip(tl, t, between, labels()).back() == "Markku: It is 48213.");
  // Away from any reply tick the reply row falls back to the lines; off the plot, nothing.
  CHECK(hit(150, TimelineRow::replies).kind == TimelineHit::Kind::point);
  CHECK(hit(50, TimelineRow::lines).kind == TimelineHit::Kind::none);
}

TEST_CASE("timeline: long messages are shortened on one line, UTF-8 intact") {
  CHECK(shortened("Hei\nmaailma", 20) == "Hei maailma");
  CHECK(shortened("Pahoittelen äärimmäisen pitkää odotusta", 11) == "Pahoittelen…");
  CHECK(shortened("ääää", 2) == "ää…");
}

TEST_CASE("timeline: the review draws it with a legend, tracked marks and a tooltip, at 1024x640 too") {
  Headless h("timeline_review");
  ImGui::GetIO().DisplaySize = ImVec2(1024, 640);
  h.start("impatient-customer-fi");
  h.wait_for_customer();
  h.advance(40);
  h.type("Hei Markku, pahoittelen viivästystä! Kertoisitteko tilausnumeron?");
  h.press_enter();
  h.wait_for_customer();
  h.press_index(k_key_e, true);
  h.frame();
  h.press_enter();
  h.frames(2);
  REQUIRE(h.state.screen == Screen::review);
  REQUIRE(h.visible("review.timeline.plot"));
  REQUIRE(h.visible("review.timeline.reply.0"));
  CHECK(h.visible("review.timeline.nudge.0"));  // the 40 s wait made the customer nudge
  const auto plot = h.state.driver.items.at("review.timeline.plot");
  const auto card = h.state.driver.items.at("review.timeline.card");
  CHECK(plot.max.x - plot.min.x > ImGui::GetFontSize() * 8);
  CHECK(plot.max.y - plot.min.y >= ImGui::GetFontSize() * 3);
  CHECK(plot.min.y > card.min.y);  // the legend, the plot and its time labels stay inside the card
  CHECK(plot.max.y + ImGui::GetFontSize() * 1.4f <= card.max.y);
  const auto tick = h.state.driver.items.at("review.timeline.reply.0");
  ImGui::GetIO().MousePos = ImVec2((tick.min.x + tick.max.x) / 2, (tick.min.y + tick.max.y) / 2);
  h.frames(2);
  ImGuiWindow* tip = nullptr;
  for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
    if (std::string_view(w->Name).rfind("##Tooltip", 0) == 0 && w->Active) tip = w;
  CHECK(tip);
}
