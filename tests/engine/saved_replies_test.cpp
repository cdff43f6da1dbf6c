// Saved replies in a scenario (`saved_replies`): read in file order with their case data
// filled in, and every mistake a located finding at its field.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "engine_test_support.h"
#include "scoring/core/limits.h"
#include "simulator/engine/saved_replies.h"
#include "simulator/engine/validation.h"

using namespace chatdrill;
using namespace chatdrill::engine;
using namespace chatdrill::engine::test;
namespace fs = std::filesystem;

namespace {

const std::string k_replies = R"({
  "format": "chatdrill.scenario/1", "id": "t", "title": "T", "language": "fi",
  "case": [{"id": "order", "title": "Tilaus", "fields": [{"id": "number", "label": "Tilausnumero", "value": "48213"}]}],
  "saved_replies": [
    {"id": "greeting", "title": "Tervehdys", "text": "Hei, kiitos viestistä!"},
    {"id": "order", "title": "Tilaus", "text": "Tarkistan tilauksen {case.order.number} heti."}
  ],
  "persona": {"name": "Pirjo Heikkinen", "archetype": "neutral"},
  "fallback": ["Anteeksi?"],
  "start": "start",
  "nodes": {
    "start": {"say": ["Hei."], "expect": [{"intent": "yes", "keywords": ["tarkistaa"], "goto": "done"}]},
    "done": {"say": ["Kiitos."], "end": {"outcome": "resolved"}}
  }
})";

}  // namespace

TEST_CASE("saved replies: read in file order, case references filled in") {
  const auto s = must_load(k_replies);
  REQUIRE(s->saved_replies.size() == 2);
  CHECK(s->saved_replies[0].id == "greeting");
  CHECK(s->saved_replies[0].title == "Tervehdys");
  CHECK(s->saved_replies[1].text == "Tarkistan tilauksen 48213 heti.");
  CHECK(s->saved_replies[1].at.line == pos_of(k_replies, "\"Tarkistan tilauksen").line);
}

TEST_CASE("saved replies: a duplicate id is an error at the second one, with file:line:col") {
  const std::string text = replaced(k_replies, R"("id": "order", "title": "Tilaus", "text")",
                                    R"("id": "greeting", "title": "Tilaus", "text")");
  const auto load = load_text(text);
  CHECK_FALSE(load.scenario);
  const auto d = diag_at(load, "saved_replies[1].id");
  CHECK(d.message.find("saved reply \"greeting\" appears twice") != std::string::npos);
  CHECK(d.pos.line == pos_of(text, "\"greeting\"", 1).line);
  CHECK(d.file == "t.json");
}

TEST_CASE("saved replies: an empty text, a blank title and a bad id are errors where they are") {
  auto text = replaced(k_replies, R"("text": "Hei, kiitos viestistä!")", R"("text": "")");
  CHECK(count_at(load_text(text).diagnostics, "saved_replies[0].text") == 1);
  text = replaced(k_replies, R"("title": "Tervehdys")", R"("title": "  ")");
  CHECK(count_at(load_text(text).diagnostics, "saved_replies[0].title") == 1);
  text = replaced(k_replies, R"("id": "greeting")", R"("id": "Hello World")");
  const auto load = load_text(text);
  CHECK(diag_at(load, "saved_replies[0].id").message.find("not a valid saved reply id") != std::string::npos);
  text = replaced(k_replies, R"("title": "Tervehdys", "text")", R"("title": "Tervehdys", "txt": "x", "text")");
  CHECK(count_at(load_text(text).diagnostics, "saved_replies[0].txt") == 1);
}

TEST_CASE("saved replies: a text longer than one reply may be is an error") {
  const std::string long_text(scoring::k_max_reply_bytes + 1, 'a');
  const auto text = replaced(k_replies, "Hei, kiitos viestistä!", long_text);
  const auto load = load_text(text);
  CHECK_FALSE(load.scenario);
  CHECK(diag_at(load, "saved_replies[0].text").message.find("more than the 16 KiB") != std::string::npos);
}

TEST_CASE("saved replies: an unknown case reference is an error at the text, with a suggestion") {
  const auto text = replaced(k_replies, "{case.order.number} heti", "{case.order.numbr} heti");
  const auto load = load_text(text);
  CHECK_FALSE(load.scenario);
  const auto d = diag_at(load, "saved_replies[1].text");
  CHECK(d.message.find("unknown case reference \"{case.order.numbr}\"") != std::string::npos);
  CHECK(d.message.find("order.number") != std::string::npos);
}

TEST_CASE("saved replies: not a list, or an item not an object, says what is wanted") {
  auto load = load_text(replaced(k_replies, R"("saved_replies": [)", R"("saved_replies": {"x": [)"));
  CHECK_FALSE(load.scenario);
  load = load_text(replaced(k_replies, R"({"id": "greeting", "title": "Tervehdys", "text": "Hei, kiitos viestistä!"},)",
                            R"("Hei!",)"));
  CHECK(diag_at(load, "saved_replies[0]").message.find("saved reply") != std::string::npos);
}

TEST_CASE("saved replies: the schema agrees (valid file clean, bad id reported once)") {
  auto check = check_scenario_text(k_replies, "t.json");
  for (const auto& d : check.diagnostics) MESSAGE(d.to_string());
  CHECK(check.scenario);
  check = check_scenario_text(replaced(k_replies, R"("id": "greeting")", R"("id": "Hello")"), "t.json");
  CHECK(count_at(check.diagnostics, "saved_replies[0].id") == 1);
}

TEST_CASE("saved replies: fill_case_refs fills known fields and lists unknown ones") {
  const auto s = must_load(k_replies);
  std::vector<std::string> unknown;
  CHECK(fill_case_refs(*s, "Tilaus {case.order.number}, {case.order.date}.", &unknown) ==
        "Tilaus 48213, {case.order.date}.");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0] == "order.date");
  CHECK(fill_case_refs(*s, "ei viitteitä") == "ei viitteitä");
}

TEST_CASE("saved replies: twins with different reply ids drift (a warning)") {
  const auto dir = fs::path(CHATDRILL_TEST_TMP) / "saved_replies_twins";
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto fi = replaced(k_replies, R"("id": "t")", R"("id": "t-fi", "twin": "t-en")");
  auto en = replaced(replaced(replaced(k_replies, R"("id": "t")", R"("id": "t-en", "twin": "t-fi")"),
                              R"("language": "fi")", R"("language": "en")"),
                     R"("id": "greeting")", R"("id": "hello")");
  std::ofstream(dir / "t-fi.json") << fi;
  std::ofstream(dir / "t-en.json") << en;
  const auto checks = check_scenarios({dir.string()});
  bool drift = false;
  for (const auto& c : checks)
    for (const auto& d : c.diagnostics)
      drift |= d.path == "saved_replies" && d.message.find("twin drift: saved replies") != std::string::npos;
  CHECK(drift);
}
