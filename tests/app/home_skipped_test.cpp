// Home's recent sessions with a broken, hostile or foreign file in the sessions folder:
// the file is listed with its message, the valid sessions still show, nothing crashes.
#include "headless.h"

#include <fstream>

using chatdrill::app::test::Headless;
namespace fs = std::filesystem;

TEST_CASE("Home lists hostile files in the sessions folder with their messages") {
  Headless h("home_skipped");
  h.frames(2);
  fs::create_directories(h.state.sessions.folder);
  std::ofstream(fs::path(h.state.sessions.folder) / "deep.json") << std::string(100'000, '[');
  std::ofstream(fs::path(h.state.sessions.folder) / "foreign.json") << "{\"format\": \"someone-else/9\"}";
  fs::create_symlink("/etc/passwd", fs::path(h.state.sessions.folder) / "link.json");
  chatdrill::app::refresh_lists(h.state);
  h.frames(2);
  REQUIRE(h.state.sessions.recent_skipped.size() == 3);
  std::string all;
  for (const auto& m : h.state.sessions.recent_skipped) all += m + "\n";
  CHECK(all.find("deep.json:1:66: JSON syntax: nesting deeper than 64 levels") != std::string::npos);
  CHECK(all.find("foreign.json:1:12: format: not a chatdrill result") != std::string::npos);
  CHECK(all.find("link.json: is a symbolic link: not followed") != std::string::npos);
  CHECK(all.find("root:") == std::string::npos);  // the link's target is never read
  CHECK(h.visible("home.skipped"));
  h.click("home.skipped");  // opens the list: every message drawn
  h.frames(2);
  CHECK(h.state.screen == chatdrill::app::Screen::home);
}
