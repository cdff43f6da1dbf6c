// Emoji and Debian's 16-bit ImGui: characters outside the BMP cannot enter an ImGui input
// buffer, so while they sit in the draft they are stood in for by Unicode noncharacters
// (U+FDD0..U+FDEF, made for internal use) and put back when the text leaves the box.
// For drawing, emoji become ASCII smileys or a visible placeholder. No ImGui here.
#pragma once

#include "scoring/core/json_doc.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chatdrill::app {

class EmojiKeeper {
 public:
  // The code point to give ImGui for `cp`: itself for BMP text, a stand-in for emoji.
  std::uint32_t to_input(std::uint32_t cp);
  // UTF-8 text with emoji replaced by stand-ins (for pasted text or a restored draft).
  std::string encode(std::string_view utf8);
  // Text with stand-ins turned back into the emoji they stand for.
  std::string decode(std::string_view utf8) const;

 private:
  std::vector<std::uint32_t> slots_;  // slots_[i] is what U+FDD0+i stands for
};

// Text ready to draw with our glyph ranges: common smileys as :) ;) :D :( <3, other emoji
// and symbols outside the font as "[emoji]"; joiners and variation selectors dropped.
// Keeps everything else (ä, ö, €, –, “ ”) untouched. Never changes stored text.
std::string display_text(std::string_view utf8);

// Text safe to hand to an ImGui input buffer: valid UTF-8, no NUL bytes.
std::string clean_input(std::string_view utf8);

// UTF-8 helpers shared with the loaders (scoring/core/json_doc.h): decode one code point at `i`
// (advancing it; invalid bytes give U+FFFD), append one.
using scoring::append_utf8;
using scoring::next_code_point;

}  // namespace chatdrill::app
