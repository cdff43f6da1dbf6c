// Schema patterns (engine/schema_pattern.h) against std::regex on short texts, and on a
// text std::regex could not take (it recursed per character and crashed at ~30k).
#include <doctest/doctest.h>

#include <chrono>
#include <regex>
#include <string>

#include "simulator/engine/field_reader.h"
#include "simulator/engine/schema_pattern.h"

using chatdrill::engine::SchemaPattern;

TEST_CASE("schema patterns match as ECMAScript search does") {
  const char* patterns[] = {
      "^[a-z0-9-]+$",
      "^[A-Za-z0-9_-]+$",
      "\\S",
      "^[$_]",
      "^[a-z_]+$",
      "a|b|^c$",
      "(ab)+c?$",
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$",
      "x{2,3}",
      "^[^a-c]*$",
      "\\d\\w\\s.",
      "^$"};
  const char* texts[] = {"",
                         "abc",
                         "ABC",
                         "a-b_c",
                         "$x",
                         "_y",
                         " \t",
                         "2026-12-01T09:00:00Z",
                         "2026-12-01 09:00:00.5+02:00",
                         "2026-12-01T09:00Z",
                         "xx",
                         "xxxx",
                         "x",
                         "ababc",
                         "dd",
                         "1a x",
                         "c",
                         "äö",
                         "a\nb"};
  for (const char* p : patterns) {
    std::string error;
    const auto mine = SchemaPattern::compile(p, error);
    REQUIRE_MESSAGE(mine, p << ": " << error);
    const std::regex theirs(p, std::regex::ECMAScript);
    for (const char* t : texts) {
      CAPTURE(p);
      CAPTURE(t);
      CHECK(mine->search(t) == std::regex_search(std::string(t), theirs));
    }
  }
}

TEST_CASE("schema patterns check a 1 MB id in linear time and unsupported syntax is an error") {
  std::string error;
  const auto id = SchemaPattern::compile("^[a-z0-9-]+$", error);
  REQUIRE(id);
  const std::string long_id(1'000'000, 'a');
  const auto start = std::chrono::steady_clock::now();
  CHECK(id->search(long_id));
  CHECK_FALSE(id->search(long_id + "A"));
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 4);
  CHECK_FALSE(SchemaPattern::compile("(?=a)", error));
  CHECK(error == "lookarounds are not supported");
  CHECK_FALSE(SchemaPattern::compile("a{2", error));
}

TEST_CASE("did-you-mean still finds typos and skips words no one types") {
  using chatdrill::engine::did_you_mean;
  CHECK(did_you_mean("ofer", {"offer", "start", "end"}) == " (did you mean \"offer\"?)");
  CHECK(did_you_mean("strat", {"offer", "start"}) == " (did you mean \"start\"?)");  // a swap
  CHECK(did_you_mean("zzzzzz", {"offer", "start"}).empty());
  const std::string long_word(30'000, 'a');
  CHECK(did_you_mean(long_word, {long_word + "b"}).empty());
}
