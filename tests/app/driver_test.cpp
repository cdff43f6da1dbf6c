// The --drive script machine: parsing, and steps carried out in a headless context.
#include "headless.h"

#include "simulator/app/ui/args.h"
#include "simulator/app/ui/driver.h"

#include <nlohmann/json.hpp>

#include <fstream>

using chatdrill::app::Driver;
using chatdrill::app::parse_drive_script;
using chatdrill::app::Screen;
using chatdrill::app::test::Headless;

TEST_CASE("drive scripts report unknown steps with their line") {
  std::string error;
  auto steps = parse_drive_script("# comment\nwait-frames 2\nclik home.search\n", "s.drive", error);
  CHECK(steps.empty());
  CHECK(error == "s.drive:3: unknown step \"clik\"");
}

TEST_CASE("a drive script plays a session: click, type, keys, virtual time, expectations") {
  Headless h("driver_play");
  std::string error;
  auto steps = parse_drive_script(
      "wait-frames 2\nclick home.search\ntype impatient-customer-fi\nwait-frames 2\nclick "
      "home.start.impatient-customer-fi\nadvance 20\nclick session.reply\n"
      "type Hei! Mikä on tilausnumeronne?\nkey enter\nexpect-min-messages 1\nexpect-screen session\n",
      "t.drive", error);
  REQUIRE(error.empty());
  Driver driver(steps);
  for (int i = 0; i < 200 && !driver.done(); ++i) {
    driver.before_frame(h.state, ImGui::GetIO());
    h.state.now = driver.now();
    h.frame();
  }
  CHECK(driver.error() == "");
  CHECK(driver.done());
  CHECK(h.state.screen == Screen::session);
  CHECK(h.trainee_messages() == std::vector<std::string>{"Hei! Mikä on tilausnumeronne?"});
}

TEST_CASE("a failed expectation stops the script with a message") {
  Headless h("driver_fail");
  std::string error;
  Driver driver(parse_drive_script("expect-screen review\n", "f.drive", error));
  driver.before_frame(h.state, ImGui::GetIO());
  CHECK(driver.done());
  CHECK(driver.error().find("screen is home") != std::string::npos);
}

TEST_CASE("app options parse and reject bad usage") {
  const char* ok[] = {"chatdrill", "--drive", "x.drive",    "--screenshot-dir=/tmp/s",
                      "--seed",    "7",       "--exercise", "e.json"};
  auto a = chatdrill::app::parse_args(8, const_cast<char**>(ok));
  CHECK(a.error.empty());
  CHECK(a.options.drive_script == "x.drive");
  CHECK(a.options.screenshot_dir == "/tmp/s");
  CHECK(a.options.seed == 7u);
  CHECK(a.options.exercise == "e.json");
  const char* bad[] = {"chatdrill", "--sed", "7"};
  CHECK(chatdrill::app::parse_args(3, const_cast<char**>(bad)).error.find("--sed") != std::string::npos);
  const char* missing[] = {"chatdrill", "--drive"};
  CHECK_FALSE(chatdrill::app::parse_args(2, const_cast<char**>(missing)).error.empty());
}

TEST_CASE("the rects step saves where every tracked item of the last frame was drawn") {
  Headless h("driver_rects");
  std::string error;
  Driver driver(parse_drive_script("wait-frames 2\nrects items.json\n", "r.drive", error), h.dir().string());
  REQUIRE(error.empty());
  for (int i = 0; i < 10 && !driver.done(); ++i) {
    driver.before_frame(h.state, ImGui::GetIO());
    h.frame();
  }
  REQUIRE(driver.error() == "");
  std::ifstream in(h.dir() / "items.json");
  const auto doc = nlohmann::json::parse(in, nullptr, false);
  REQUIRE(doc.is_object());
  CHECK(doc["display"][0].get<float>() == ImGui::GetIO().DisplaySize.x);
  const auto search = doc["items"]["home.search"];
  REQUIRE(search.is_array());
  CHECK(search[2].get<float>() > search[0].get<float>());
}

TEST_CASE("hover rests the mouse on an item, at its centre or at fractions of its size, without a click") {
  Headless h("drive_hover");
  std::string error;
  auto steps = parse_drive_script("hover target\nhover target 0.25 1\nhover missing\n", "h.drive", error);
  REQUIRE(error.empty());
  REQUIRE(steps.size() == 3);
  CHECK(steps[1].arg == "target 0.25 1");
  Driver driver(steps);
  h.state.driver.items["target"] = {ImVec2(100, 200), ImVec2(140, 220)};
  ImGuiIO& io = ImGui::GetIO();
  driver.before_frame(h.state, io);
  CHECK(io.MousePos.x == doctest::Approx(120));
  CHECK(io.MousePos.y == doctest::Approx(210));
  CHECK_FALSE(io.MouseDown[0]);
  driver.before_frame(h.state, io);
  CHECK(io.MousePos.x == doctest::Approx(110));
  CHECK(io.MousePos.y == doctest::Approx(220));
  for (int i = 0; i < 300 && !driver.done(); ++i) driver.before_frame(h.state, io);
  CHECK(driver.error().find("no such item") != std::string::npos);
  CHECK(io.MousePos.x == doctest::Approx(110));  // the mouse stays where it rested
}
