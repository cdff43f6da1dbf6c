// The review screen: evidence that points at a message highlights and scrolls to it;
// exports write the transcript + grade JSON and a printable summary.
#include "headless.h"

#include "scoring/core/json_doc.h"

#include <fstream>
#include <sstream>

using chatdrill::app::Screen;
using chatdrill::app::test::Headless;

namespace {

void finish_a_session(Headless& h) {
  h.start("impatient-customer-fi");
  h.wait_for_customer();
  h.advance(3);
  h.type("Hei Markku, pahoittelen viivästystä! Kertoisitteko tilausnumeron?");
  h.press_enter();
  h.wait_for_customer();
  h.type("Kiitos! Paketti on perillä huomenna.");
  h.press_enter();
  h.wait_for_customer();
  h.click("session.end");
  h.click("end.confirm");
  REQUIRE(h.state.screen == Screen::review);
  h.frames(2);
}

}  // namespace

TEST_CASE("clicking evidence highlights the message it cites") {
  Headless h("review_evidence");
  finish_a_session(h);
  const auto& grade = h.state.sessions.review->result.grade;
  std::string item;
  std::size_t cited = 0;
  for (std::size_t d = 0; d < 4 && item.empty(); ++d)
    for (std::size_t i = 0; i < grade.dimensions[d].evidence.size(); ++i)
      if (auto m = grade.dimensions[d].evidence[i].message) {
        item = "review.evidence." + std::string(chatdrill::scoring::k_dimensions[d]) + "." + std::to_string(i);
        cited = *m;
        break;
      }
  REQUIRE_MESSAGE(!item.empty(), "the grade cites no message");
  CHECK_FALSE(h.state.sessions.review->highlight);
  h.click(item);
  REQUIRE(h.state.sessions.review->highlight);
  CHECK(*h.state.sessions.review->highlight == cited);
  h.frame();
  CHECK(h.visible("review.msg." + std::to_string(cited)));
  CHECK_FALSE(h.state.sessions.review->scroll_to_highlight);  // the scroll request was carried out
}

TEST_CASE("export writes the result JSON and a printable HTML summary") {
  Headless h("review_export");
  finish_a_session(h);
  h.click("review.export");
  auto exports = h.dir() / "data" / "chatdrill" / "exports";
  std::filesystem::path json, html;
  for (const auto& e : std::filesystem::directory_iterator(exports)) {
    if (e.path().extension() == ".json") json = e.path();
    if (e.path().extension() == ".html") html = e.path();
  }
  REQUIRE(!json.empty());
  REQUIRE(!html.empty());
  auto parsed = chatdrill::scoring::parse_json_file(json.string());
  REQUIRE(parsed.doc);
  CHECK(parsed.doc->root["transcript"]["messages"].size() >= 4);
  CHECK(parsed.doc->root["grade"].contains("overall"));
  std::ifstream in(html);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str().find("Kiitos! Paketti on perillä huomenna.") != std::string::npos);
  CHECK(text.str().find("Nopeus") != std::string::npos);
}

TEST_CASE("a finished session shows in recent sessions and reopens its review") {
  Headless h("recent_reopen");
  finish_a_session(h);
  double overall = h.state.sessions.review->result.grade.overall;
  h.click("review.home");
  REQUIRE(h.state.screen == Screen::home);
  REQUIRE(h.state.sessions.recent.size() == 1);
  CHECK(h.state.sessions.recent[0].overall == doctest::Approx(overall));
  h.state.sessions.review.reset();
  h.frame();
  h.click("home.recent.0");
  REQUIRE(h.state.screen == Screen::review);
  CHECK(h.trainee_messages().size() == 2);
}

TEST_CASE("model replies sit beside the trainee reply that answered the same node") {
  Headless h("review_models");
  finish_a_session(h);
  REQUIRE(h.state.sessions.review->scenario);
  auto beside = chatdrill::app::model_beside(*h.state.sessions.review);
  const auto& msgs = h.state.sessions.review->result.transcript.messages;
  std::vector<std::string> nodes;
  for (std::size_t i = 0; i < msgs.size(); ++i) {
    if (!beside[i]) continue;
    CHECK(msgs[i].is_trainee_message());
    nodes.push_back(beside[i]->node);
  }
  // First reply answered the opening line, the second the order number.
  CHECK(nodes == std::vector<std::string>{"start", "order_number"});
}
