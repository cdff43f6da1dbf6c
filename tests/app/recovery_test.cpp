// Crash safety: a session that dies mid-chat leaves a journal; the next start offers to
// recover it, and recovering turns it into a reviewed result.
#include "headless.h"

using chatdrill::app::Screen;
using chatdrill::app::test::Headless;

TEST_CASE("an interrupted session is offered for recovery at the next start and reviewed") {
  std::string journal;
  {
    Headless h("recovery");
    h.start("impatient-customer-fi");
    h.wait_for_customer();
    h.type("Hei! Kertoisitteko tilausnumeron?");
    h.press_enter();
    journal = h.state.sessions.live->record->paths().journal;
    REQUIRE(std::filesystem::exists(journal));
    // The app "crashes" here: no end, no result file; the journal stays on disk.
  }
  Headless h("recovery", true);
  REQUIRE(h.state.sessions.journals == std::vector<std::string>{journal});
  h.frames(2);
  REQUIRE(h.visible("recover.yes.0"));
  h.click("recover.yes.0");
  REQUIRE(h.state.screen == Screen::review);
  CHECK(h.state.sessions.review->result.outcome() == "interrupted");
  CHECK(h.trainee_messages() == std::vector<std::string>{"Hei! Kertoisitteko tilausnumeron?"});
  CHECK_FALSE(std::filesystem::exists(journal));
  CHECK(h.state.sessions.recent.size() == 1);
}

TEST_CASE("discarding an interrupted session keeps it out of the prompt") {
  {
    Headless h("recovery_discard");
    h.start("silent-customer-fi");
    h.wait_for_customer();
  }
  Headless h("recovery_discard", true);
  REQUIRE(h.state.sessions.journals.size() == 1);
  h.frames(2);
  h.click("recover.no.0");
  CHECK(h.state.sessions.journals.empty());
  CHECK(h.state.screen == Screen::home);
}

TEST_CASE("a recovery whose result cannot be written keeps the journal and says why") {
  std::string journal;
  {
    Headless h("recovery_unwritable");
    h.start("silent-customer-fi");
    h.wait_for_customer();
    h.type("Hei!");
    h.press_enter();
    journal = h.state.sessions.live->record->paths().journal;
  }
  Headless h("recovery_unwritable", true);
  // A folder where the result file would go: the write fails.
  const auto out =
      std::filesystem::path(h.state.sessions.folder) / (std::filesystem::path(journal).stem().string() + ".json");
  std::filesystem::create_directories(out / "blocker");
  h.frames(2);
  h.click("recover.yes.0");
  CHECK(h.state.screen == Screen::home);
  CHECK_FALSE(h.state.status.empty());
  CHECK(std::filesystem::exists(journal));  // nothing the trainee wrote is lost
  CHECK(h.state.sessions.journals == std::vector<std::string>{journal});
}
