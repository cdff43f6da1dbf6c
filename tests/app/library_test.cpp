// The Home library: search, invalid files listed with their errors, hot reload of an
// edited, broken or added file without a crash.
#include "headless.h"

#include <fstream>
#include <thread>

#include "scoring/core/paths.h"

using chatdrill::app::test::Headless;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& p, const std::string& text) {
  std::ofstream out(p);
  out << text;
}

std::string bundled(const std::string& id) {
  std::ifstream in(chatdrill::scoring::data_path("scenarios/" + id + ".json"));
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const chatdrill::engine::ScenarioCheck* entry(const Headless& h, const std::string& file) {
  for (const auto& e : h.state.library.scenarios.entries())
    if (fs::path(e.path).filename() == file) return &e;
  return nullptr;
}

}  // namespace

TEST_CASE("search narrows the library by title, persona or tag, Finnish letters folded") {
  Headless h("library_search");
  h.frames(2);
  h.click("home.search");
  h.type("markku");  // persona name, any case
  h.frames(2);
  CHECK(h.visible("home.start.impatient-customer-fi"));
  CHECK_FALSE(h.visible("home.start.silent-customer-fi"));
  for (int i = 0; i < 6; ++i) h.press(ImGuiKey_Backspace);
  h.type("KÄRSIMÄTÖN");
  h.frames(2);
  CHECK(h.visible("home.start.impatient-customer-fi"));
  CHECK_FALSE(h.visible("home.start.silent-customer-en"));
  CHECK_FALSE(h.visible("home.start.silent-customer-fi"));
}

TEST_CASE("a trainer folder is remembered and hot-reloaded, broken files show their errors") {
  Headless h("library_reload");
  fs::path folder = h.dir() / "trainer";
  fs::create_directories(folder);
  write(folder / "impatient-customer-fi.json", bundled("impatient-customer-fi"));
  h.frames(2);
  h.add_scenario_folder(folder.string());
  REQUIRE(h.state.settings.values.folders == std::vector<std::string>{folder.string()});
  REQUIRE(entry(h, "impatient-customer-fi.json"));

  // Break the file: after the next poll (about a second) it is listed with a diagnostic.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  write(folder / "impatient-customer-fi.json", "{\n  \"format\": \"chatdrill.scenario/1\",\n  \"id\": 5\n}\n");
  int generation = h.state.library.scenarios.generation();
  h.advance(1.5);
  CHECK(h.state.library.scenarios.generation() > generation);
  bool listed_broken = false;
  for (const auto& e : h.state.library.scenarios.entries())
    if (e.path.find("trainer") != std::string::npos) {
      listed_broken = !e.scenario && !e.diagnostics.empty();
      if (!e.diagnostics.empty())
        CHECK(e.diagnostics[0].to_string().find("trainer/impatient-customer-fi.json:") != std::string::npos);
    }
  CHECK(listed_broken);

  // A new file appears on its own.
  write(folder / "silent-customer-fi.json", bundled("silent-customer-fi"));
  h.advance(1.5);
  int copies = 0;
  for (const auto& e : h.state.library.scenarios.entries()) copies += e.path.find("trainer") != std::string::npos;
  CHECK(copies == 2);

  Headless again("library_reload", true);
  CHECK(again.state.settings.values.folders == std::vector<std::string>{folder.string()});
}

TEST_CASE("Home shows a scenario's lint warnings from the full validation pipeline, and it can still be started") {
  Headless h("library_warnings");
  fs::path folder = h.dir() / "trainer";
  fs::create_directories(folder);
  // Valid, but without self-tests: a lint warning, not an error.
  write(folder / "lint-me.json", R"({
  "format": "chatdrill.scenario/1", "id": "lint-me", "title": "Lint me", "language": "fi",
  "persona": {"name": "Raija Virtanen", "archetype": "neutral"}, "fallback": ["Anteeksi?"],
  "start": "start",
  "nodes": {
    "start": {"say": ["Hei."], "expect": [{"intent": "yes", "keywords": ["kyllä"], "goto": "done"}]},
    "done": {"say": ["Kiitos."], "end": {"outcome": "resolved"}}
  }
})");
  h.frames(2);
  h.add_scenario_folder(folder.string());
  const auto* e = entry(h, "lint-me.json");
  REQUIRE(e);
  REQUIRE(e->scenario);
  REQUIRE(!e->diagnostics.empty());
  CHECK(e->diagnostics[0].severity == chatdrill::scoring::Severity::warning);
  CHECK(e->diagnostics[0].message.find("no \"tests\"") != std::string::npos);
  h.frames(2);
  CHECK(h.visible("home.start.lint-me"));
  CHECK(h.visible("home.warning.lint-me.0"));
  CHECK_FALSE(h.visible("home.warning.impatient-customer-fi.0"));  // the bundled ones are clean
}

TEST_CASE("Home suggests the easiest scenario to a new trainee, and the next one after a session") {
  Headless h("suggest");
  h.frames(2);
  REQUIRE(h.visible("home.suggested.start"));
  int easiest = 6;
  for (const auto& e : h.state.library.scenarios.entries())
    if (e.scenario && e.scenario->language == "fi") easiest = std::min(easiest, e.scenario->difficulty);
  h.click("home.suggested.start");
  REQUIRE(h.state.sessions.live);
  const auto& first = h.state.sessions.live->session().scenario();
  CHECK(first.language == "fi");
  CHECK(first.difficulty == easiest);
  const std::string first_id = first.id;
  // A careless session: the trainee ends it at once.
  h.wait_for_customer();
  h.type("Moi.");
  h.press_enter();
  h.click("session.end");
  h.frame();
  h.click("end.confirm");
  REQUIRE(h.state.screen == chatdrill::app::Screen::review);
  h.click("nav.home");
  h.frames(2);
  REQUIRE(h.visible("home.suggested.start"));
  h.click("home.suggested.start");
  REQUIRE(h.state.sessions.live);
  const auto& next = h.state.sessions.live->session().scenario();
  // Not passed: the next suggestion stays within one level of the easiest, in the same language.
  CHECK(next.language == "fi");
  CHECK(next.difficulty <= easiest + 1);
  CHECK(next.id != "");
}
