// Settings: switching the UI language through the screen changes every label and is
// remembered by the next start; theme and name persist the same way.
#include "headless.h"

#include "simulator/app/ui/settings.h"

#include <fstream>

using chatdrill::app::Screen;
using chatdrill::app::test::Headless;

TEST_CASE("switching the language to English relabels the app and is saved") {
  {
    Headless h("language_switch");
    h.frames(2);
    CHECK(std::string(h.state.strings("nav.home")) == "Harjoitukset");
    h.click("nav.settings");
    REQUIRE(h.state.screen == Screen::settings);
    h.click("settings.lang.en");
    CHECK(h.state.settings.values.language == "en");
    CHECK(h.state.strings.language() == "en");
    CHECK(std::string(h.state.strings("nav.home")) == "Scenarios");
    h.click("settings.theme.dark");
    CHECK(h.state.platform.dark);
  }
  Headless again("language_switch", true);  // same config folder: a new start
  CHECK(again.state.settings.values.language == "en");
  CHECK(again.state.settings.values.theme == "dark");
  CHECK(std::string(again.state.strings("session.send")) == "Send");
}

TEST_CASE("the trainee name typed in Settings is recorded in the next session") {
  Headless h("trainee_name");
  h.frames(2);
  h.click("nav.settings");
  h.click("settings.trainee");
  h.type("Maija Meikäläinen");
  h.press(ImGuiKey_Tab);  // leave the field: saved on deactivation
  h.frames(2);
  CHECK(h.state.settings.values.trainee == "Maija Meikäläinen");
  std::string error;
  auto saved = chatdrill::app::load_settings(h.state.settings.path, error);
  CHECK(error.empty());
  CHECK(saved.trainee == "Maija Meikäläinen");
  h.click("nav.home");
  h.start("impatient-customer-fi");
  CHECK(h.state.sessions.live->session().transcript().extra.value("trainee", "") == "Maija Meikäläinen");
}

TEST_CASE("fi and en string tables have the same keys and load cleanly") {
  chatdrill::app::Strings fi, en;
  REQUIRE(fi.load(chatdrill::app::strings_path("fi")) == "");
  REQUIRE(en.load(chatdrill::app::strings_path("en")) == "");
  CHECK(fi.size() == en.size());
  CHECK(fi.size() > 100);
  // A missing key shows itself (visible, never a crash).
  CHECK(std::string(fi("no.such.key")) == "no.such.key");
}

TEST_CASE("a broken settings file gives defaults and a located message") {
  auto dir = std::filesystem::path(CHATDRILL_TEST_TMP) / "broken_settings";
  std::filesystem::create_directories(dir);
  auto file = dir / "settings.json";
  {
    std::ofstream out(file);
    out << "{\n  \"language\": \"en\",\n  \"font_size\": oops\n}\n";
  }
  std::string error;
  auto s = chatdrill::app::load_settings(file, error);
  CHECK(s.language == "fi");
  CHECK(error.find("settings.json:3:") != std::string::npos);
}

TEST_CASE("a new text size or scale rebuilds the fonts at that size") {
  Headless h("font_size");
  h.frames(2);
  CHECK(h.state.platform.fonts.body->FontSize == doctest::Approx(17.0f));
  h.state.settings.values.font_size = 22;
  chatdrill::app::apply_settings(h.state);
  h.frames(2);
  CHECK(h.state.platform.fonts.body->FontSize == doctest::Approx(22.0f));
  CHECK(ImGui::GetFontSize() == doctest::Approx(22.0f));
  // The scale multiplies the text size (HiDPI); CHATDRILL_SCALE wins over the setting.
  setenv("CHATDRILL_SCALE", "2", 1);
  chatdrill::app::apply_settings(h.state);
  h.frames(2);
  CHECK(h.state.platform.scale == doctest::Approx(2.0f));
  CHECK(h.state.platform.fonts.body->FontSize == doctest::Approx(44.0f));
  CHECK(ImGui::GetStyle().FramePadding.x == doctest::Approx(20.0f));
  setenv("CHATDRILL_SCALE", "1", 1);
}
