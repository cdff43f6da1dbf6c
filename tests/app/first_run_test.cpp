// The first start (issue 15, part 9): the language follows the system locale, a welcome
// says what chatdrill is and offers the learning path's first scenario; choosing saves the
// settings, so the next start goes straight to Home. Mouse and keyboard-only.
#include "headless.h"

#include "simulator/app/ui/keys.h"
#include "simulator/app/ui/settings.h"

#include <filesystem>

using chatdrill::app::language_from_locale;
using chatdrill::app::LocaleEnv;
using chatdrill::app::Screen;
using chatdrill::app::test::Headless;

namespace {

std::string settings_language(const Headless& h) {
  std::string error;
  auto saved = chatdrill::app::load_settings(h.state.settings.path, error);
  REQUIRE(error.empty());
  return saved.language;
}

}  // namespace

TEST_CASE("first run: the locale picks the language, LC_ALL before LC_MESSAGES before LANG") {
  CHECK(language_from_locale({}) == "fi");  // nothing set: the primary language
  CHECK(language_from_locale({"", "", "fi_FI.UTF-8"}) == "fi");
  CHECK(language_from_locale({"", "", "fi_FI@euro"}) == "fi");
  CHECK(language_from_locale({"", "", "fi"}) == "fi");
  CHECK(language_from_locale({"", "", "en_US.UTF-8"}) == "en");
  CHECK(language_from_locale({"", "", "sv_FI.UTF-8"}) == "en");  // no Swedish table: English
  CHECK(language_from_locale({"", "", "de_DE"}) == "en");
  CHECK(language_from_locale({"", "", "C"}) == "fi");
  CHECK(language_from_locale({"", "", "C.UTF-8"}) == "fi");
  CHECK(language_from_locale({"", "", "POSIX"}) == "fi");
  CHECK(language_from_locale({"en_GB.UTF-8", "", "fi_FI.UTF-8"}) == "en");
  CHECK(language_from_locale({"", "fi_FI.UTF-8", "en_US.UTF-8"}) == "fi");
  CHECK(language_from_locale({"C", "en_US.UTF-8", "en_US.UTF-8"}) == "fi");  // LC_ALL wins, even as C
}

TEST_CASE("first run: the welcome shows on the first start only") {
  {
    Headless h("first_run_once", false, true);
    h.frames(3);
    CHECK(h.state.dialogs.welcome);
    CHECK(h.visible("welcome.start"));
    CHECK(h.visible("welcome.browse"));
    CHECK(std::string(h.state.strings("welcome.title")) == "Tervetuloa chatdrilliin");
    CHECK_FALSE(std::filesystem::exists(h.state.settings.path));  // nothing chosen yet
    h.click("welcome.browse");
    CHECK_FALSE(h.state.dialogs.welcome);
    CHECK(h.state.screen == Screen::home);
    h.frames(2);
    CHECK_FALSE(h.visible("welcome.start"));
    CHECK(h.visible("home.suggested.start"));  // Home, with the library
    CHECK(std::filesystem::exists(h.state.settings.path));
  }
  Headless again("first_run_once", true, true);
  again.frames(3);
  CHECK_FALSE(again.state.dialogs.welcome);
  CHECK_FALSE(again.visible("welcome.start"));
}

TEST_CASE("first run: an English system opens in English") {
  Headless h("first_run_en_locale", false, true, LocaleEnv{"", "", "en_US.UTF-8"});
  h.frames(3);
  CHECK(h.state.strings.language() == "en");
  CHECK(std::string(h.state.strings("welcome.start")) == "Start");
  const auto pick = chatdrill::app::suggested_scenario(h.state);
  REQUIRE(pick);
  CHECK(pick->scenario->language == "en");
  CHECK(h.visible("welcome.suggested." + pick->scenario->id));
}

TEST_CASE("first run: choosing English relabels the welcome, suggests an English scenario and is saved") {
  Headless h("first_run_choose_en", false, true);
  h.frames(3);
  REQUIRE(h.state.strings.language() == "fi");
  const auto fi_pick = chatdrill::app::suggested_scenario(h.state);
  REQUIRE(fi_pick);
  CHECK(fi_pick->scenario->language == "fi");
  h.click("welcome.lang.en");
  CHECK(h.state.strings.language() == "en");
  CHECK(std::string(h.state.strings("nav.home")) == "Scenarios");
  CHECK_FALSE(std::filesystem::exists(h.state.settings.path));  // saved when the welcome closes
  const auto en_pick = chatdrill::app::suggested_scenario(h.state);
  REQUIRE(en_pick);
  CHECK(en_pick->scenario->language == "en");
  h.frames(2);
  CHECK(h.visible("welcome.suggested." + en_pick->scenario->id));
  h.click("welcome.browse");
  CHECK(settings_language(h) == "en");
  Headless again("first_run_choose_en", true, true);
  CHECK(again.state.strings.language() == "en");
}

TEST_CASE("first run: Start opens the suggested scenario with the name given") {
  Headless h("first_run_start", false, true);
  h.frames(3);
  const auto pick = chatdrill::app::suggested_scenario(h.state);
  REQUIRE(pick);
  h.click("welcome.name");
  h.type("Aino Virtanen");
  h.click("welcome.start");
  REQUIRE(h.state.screen == Screen::session);
  REQUIRE(h.state.sessions.live);
  CHECK(h.state.sessions.live->scenario->id == pick->scenario->id);
  CHECK(h.state.sessions.live->session().transcript().extra.value("trainee", "") == "Aino Virtanen");
  std::string error;
  CHECK(chatdrill::app::load_settings(h.state.settings.path, error).trainee == "Aino Virtanen");
}

TEST_CASE("first run: keyboard only: arrows and Space pick English, Tab reaches the name, Enter starts") {
  Headless h("first_run_keyboard", false, true);
  h.frames(3);
  REQUIRE(h.visible("welcome.start"));
  h.press(ImGuiKey_RightArrow);  // keyboard navigation: from Suomi (first) to English
  h.press(ImGuiKey_Space);
  CHECK(h.state.strings.language() == "en");
  h.press(ImGuiKey_Tab);  // the name field
  h.frames(1);
  h.type("Alex");
  h.press_enter();
  REQUIRE(h.state.screen == Screen::session);
  CHECK(h.state.sessions.live->scenario->language == "en");
  CHECK(h.state.settings.values.trainee == "Alex");
  CHECK(settings_language(h) == "en");
}

TEST_CASE("first run: Escape browses the library, Enter on the welcome starts") {
  {
    Headless h("first_run_escape", false, true);
    h.frames(3);
    h.press(ImGuiKey_Escape);
    CHECK_FALSE(h.state.dialogs.welcome);
    CHECK(h.state.screen == Screen::home);
    CHECK_FALSE(h.state.sessions.live);
  }
  Headless h("first_run_enter", false, true);
  h.frames(3);
  h.press_enter();
  CHECK_FALSE(h.state.dialogs.welcome);
  CHECK(h.state.screen == Screen::session);
}

TEST_CASE("first run: F1's help shows over the welcome, and the welcome comes back after") {
  Headless h("first_run_help", false, true);
  h.frames(3);
  h.press_index(chatdrill::app::k_key_f1);
  h.frames(2);
  CHECK(h.visible("help.close"));
  CHECK_FALSE(h.visible("welcome.start"));
  CHECK(h.state.dialogs.welcome);
  h.press(ImGuiKey_Escape);  // closes the help only
  h.frames(3);
  CHECK_FALSE(h.visible("help.close"));
  CHECK(h.visible("welcome.start"));
  CHECK(h.state.dialogs.welcome);
}
