// UTF-8 helpers over the one decoder in utf8.h; see there.
#include "utf8.h"

#include <cstring>

namespace chatdrill::scoring {

std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  std::size_t next = i;
  return decode_utf8(text, next) < 0 ? 0 : next - i;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (i + 8 <= text.size()) {  // ASCII runs, 8 bytes at a time: most chat text
      std::uint64_t w = 0;
      std::memcpy(&w, text.data() + i, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    if (decode_utf8(text, i) < 0) return false;
  }
  return true;
}

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto n = utf8_sequence(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  char bytes[U8_MAX_LENGTH];
  std::int32_t n = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<std::uint8_t*>(bytes), n, U8_MAX_LENGTH, static_cast<UChar32>(cp), error);
  if (error) out += "\xEF\xBF\xBD";
  else out.append(bytes, static_cast<std::size_t>(n));
}

std::uint32_t next_code_point(std::string_view text, std::size_t& i) {
  std::size_t next = i;
  const auto c = decode_utf8(text, next);
  if (c < 0) {
    ++i;
    return 0xFFFD;
  }
  i = next;
  return static_cast<std::uint32_t>(c);
}

}  // namespace chatdrill::scoring
