// The bounded JSON reader (scoring/core/json_doc.h): positions found by path through the shared
// table, each limit refused with a message naming it, lines counted as editors count them.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "scoring/core/json_doc.h"

using namespace chatdrill::scoring;

namespace {

std::string error_of(std::string_view text, JsonLimits limits = {}) {
  auto parsed = parse_json(text, "f.json", limits);
  REQUIRE_FALSE(parsed.doc);
  return parsed.error->to_string();
}

}  // namespace

TEST_CASE("positions are found for every kind of path a loader builds") {
  const std::string text =
      "{\n  \"nodes\": {\n    \"start\": {\"expect\": [1, {\"goto\": \"x\"}]},\n"
      "    \"odd \\\"key\\\" [0].x\": [true]\n  }\n}\n";
  auto parsed = parse_json(text, "f.json");
  REQUIRE(parsed.doc);
  const JsonDoc& doc = *parsed.doc;
  const std::string go = member_path(element_path("nodes.start.expect", 1), "goto");
  CHECK(doc.pos(go).line == 3);
  CHECK(doc.pos(go).col == 38);
  CHECK(doc.key_pos(go).col == 30);
  const std::string odd = element_path(member_path("nodes", "odd \"key\" [0].x"), 0);
  CHECK(odd == "nodes[\"odd \\\"key\\\" [0].x\"][0]");
  CHECK(doc.pos(odd).line == 4);
  CHECK(doc.pos(odd).col == 27);
  // Unknown paths fall back to the nearest known parent.
  CHECK(doc.pos("nodes.start.expect[7].goto").col == doc.pos("nodes.start.expect").col);
  CHECK(doc.pos("nodes.nowhere").line == 2);
  CHECK(doc.pos("").line == 1);
}

TEST_CASE("lines end at LF CRLF and a lone CR") {
  for (const char* eol : {"\n", "\r\n", "\r"}) {
    const std::string e = eol;
    const auto err = error_of("{" + e + "\"a\": 1," + e + e + "\"b\": }");
    CAPTURE(err);
    CHECK(err == "f.json:4:6: JSON syntax: expected a value, found '}'");
  }
}

TEST_CASE("a NUL byte is named as such not as the end of the file") {
  CHECK(error_of(std::string("\0[]", 3)) ==
        "f.json:1:1: JSON syntax: expected a value, found a NUL byte (0x00; is this a binary file?)");
  CHECK(error_of("[1") == "f.json:1:1: JSON syntax: this array is never closed with ']'");
}

TEST_CASE("each limit is refused with a message naming it") {
  JsonLimits small;
  small.max_depth = 3;
  small.max_string_bytes = 8;
  small.max_object_keys = 2;
  small.max_bytes = 64;
  CHECK(error_of("[[[[[1]]]]]", small) ==
        "f.json:1:5: JSON syntax: nesting deeper than 3 levels (the limit for chatdrill files, see limits.h)");
  CHECK(error_of("[\"123456789\"]", small) ==
        "f.json:1:2: JSON syntax: a string longer than 8 bytes (the limit for chatdrill files, see limits.h)");
  CHECK(error_of("{\"a\":1,\"b\":2,\"c\":3}", small) ==
        "f.json:1:1: JSON syntax: more than 2 members in one object (the limit for chatdrill files, see limits.h)");
  CHECK(error_of(std::string(65, ' '), small) ==
        "f.json: file is 65 bytes, more than the 64 bytes limit for chatdrill files");
  CHECK(error_of("{\"a\":1,\"a\":2}") == "f.json:1:8: JSON syntax: duplicate key \"a\"");
}

TEST_CASE("the fast parse without positions reads the same values") {
  const std::string text =
      R"({"a": [1, -2, 18446744073709551615, 2.5e3, "x\u00e4\ud83d\ude00"], "b": {"c": null, "d": true}})";
  JsonLimits fast;
  fast.positions = false;
  auto quick = parse_json(text, "f.json", fast);
  auto located = parse_json(text, "f.json");
  REQUIRE(quick.doc);
  REQUIRE(located.doc);
  CHECK(quick.doc->root == located.doc->root);
  CHECK(quick.doc->root == Json::parse(text));  // as nlohmann reads it, number kinds included
  CHECK(quick.doc->root["a"][0].is_number_unsigned());
  CHECK(quick.doc->pos("a[1]").line == 1);  // no positions: the start of the file
}

TEST_CASE("duplicate keys are found by hash in big objects in linear time") {
  std::string text = "{";
  for (int i = 0; i < 100'000; ++i) text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
  const auto start = std::chrono::steady_clock::now();
  auto parsed = parse_json(text + "}", "f.json");
  REQUIRE(parsed.doc);
  CHECK(parsed.doc->pos("k99999").col > 1);
  const auto dup = error_of(text + ",\"k5\":2}");
  CHECK(dup.find("duplicate key \"k5\"") != std::string::npos);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 8);  // it was 28 s; ~0.1 s here, generous for sanitizers
}
