// The one UTF-8 decoder (scoring/core/utf8.h) and the helpers built on it.
#include <doctest/doctest.h>

#include <string>

#include "scoring/core/utf8.h"

using namespace chatdrill::scoring;

namespace {

// Code points of `text` as decode_utf8 sees them, with the byte after each.
std::string steps(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = decode_utf8(text, i);
    out += (c < 0 ? std::string("!") : std::to_string(c)) + "@" + std::to_string(i) + " ";
  }
  return out;
}

}  // namespace

TEST_CASE("decode_utf8 reads valid sequences of one to four bytes") {
  CHECK(steps("a") == "97@1 ");
  CHECK(steps("\xC3\xA4") == "228@2 ");              // ä
  CHECK(steps("\xE2\x82\xAC") == "8364@3 ");         // €
  CHECK(steps("\xF0\x9F\x98\x80") == "128512@4 ");   // 😀
  CHECK(steps("\xF4\x8F\xBF\xBF") == "1114111@4 ");  // U+10FFFF
  CHECK(steps("k\xC3\xA4y") == "107@1 228@3 121@4 ");
}

TEST_CASE("decode_utf8 rejects overlongs, surrogates, values past U+10FFFF and stray bytes") {
  CHECK(steps("\xC0\xAF") == "!@1 !@2 ");          // overlong '/'
  CHECK(steps("\xE0\x80\xAF") == "!@1 !@2 !@3 ");  // overlong, three bytes
  CHECK(steps("\xED\xA0\x80") == "!@1 !@2 !@3 ");  // a surrogate
  CHECK(steps("\xF4\x90\x80\x80").find_first_not_of("!@0123456789 ") == std::string::npos);
  CHECK(steps("\xF4\x90\x80\x80").find("!@1 ") == 0);  // past U+10FFFF
  CHECK(steps("\x80") == "!@1 ");
  CHECK(steps("\xFF") == "!@1 ");
}

TEST_CASE("a truncated sequence is skipped as one and the next character still reads") {
  CHECK(steps("\xE2\x82") == "!@2 ");
  CHECK(steps("\xE2\x82"
              "a") == "!@2 97@3 ");
  CHECK(steps("\xF0\x9F\x98") == "!@3 ");
}

TEST_CASE("the helpers keep one U+FFFD per invalid byte") {
  CHECK(is_valid_utf8("Hyvää päivää, 😀"));
  CHECK_FALSE(is_valid_utf8("abcdefgh\xE2\x82"));
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));
  CHECK(utf8_sequence("\xC3\xA4", 0) == 2);
  CHECK(utf8_sequence("\xE2\x82", 0) == 0);
  CHECK(sanitize_utf8("a\xE2\x82"
                      "b") ==
        "a\xEF\xBF\xBD\xEF\xBF\xBD"
        "b");
  CHECK(sanitize_utf8("ok ä") == "ok ä");
  std::string s = "\xC3\xA4\xFF";
  std::size_t i = 0;
  CHECK(next_code_point(s, i) == 0xE4);
  CHECK(next_code_point(s, i) == 0xFFFD);
  CHECK(i == 3);
  std::string out;
  for (std::uint32_t cp : {0x41u, 0xE4u, 0x20ACu, 0x1F600u}) append_utf8(out, cp);
  CHECK(out == "A\xC3\xA4\xE2\x82\xAC\xF0\x9F\x98\x80");
  out.clear();
  append_utf8(out, 0xD800);  // a lone surrogate cannot be written: the replacement is
  CHECK(out == "\xEF\xBF\xBD");
}
