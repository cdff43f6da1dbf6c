// UTF-8, decoded one way for the whole program: ICU's U8_NEXT (strict: no overlongs, no
// surrogates, nothing past U+10FFFF), wrapped so callers never see int32 offsets. Knows
// nothing of words or languages (that is scoring/text).
#pragma once

#include <unicode/utf8.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace chatdrill::scoring {

// The code point at text[i] (i < size), or a negative value if the bytes there are not
// valid UTF-8; moves i past it. An invalid sequence is skipped as ICU does (its longest
// valid-looking prefix, at least one byte). Inline: the word scanner calls it per letter.
inline std::int32_t decode_utf8(std::string_view text, std::size_t& i) {
  const auto b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) {
    ++i;
    return b;
  }
  // At most 4 bytes from i: offsets stay small whatever the size of the text.
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data() + i);
  const auto length = static_cast<std::int32_t>(std::min<std::size_t>(text.size() - i, 4));
  std::int32_t k = 0;
  UChar32 c = 0;
  U8_NEXT(s, k, length, c);
  i += static_cast<std::size_t>(k);
  return c;
}

// True if `text` is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view text);
// Length of the valid UTF-8 sequence at text[i] (i < size), or 0 if it is invalid.
std::size_t utf8_sequence(std::string_view text, std::size_t i);
// Replaces each invalid byte with U+FFFD so text from outside can be shown and stored.
std::string sanitize_utf8(std::string_view text);
// Decodes the code point at text[i] and moves i past it; an invalid sequence gives
// U+FFFD and moves one byte. Requires i < text.size().
std::uint32_t next_code_point(std::string_view text, std::size_t& i);
void append_utf8(std::string& out, std::uint32_t code_point);

}  // namespace chatdrill::scoring
