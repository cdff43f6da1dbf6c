// Emoji stand-ins and the smiley table used before drawing.
#include "emoji.h"

#include "scoring/core/json_doc.h"

#include <algorithm>
#include <utility>

namespace chatdrill::app {
namespace {

constexpr std::uint32_t k_first_standin = 0xFDD0, k_standins = 32;

bool in_font(std::uint32_t cp) {
  return (cp >= 0x20 && cp <= 0x17F) || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x20AC || cp == 0xFFFD || cp == '\n' ||
         cp == '\t';
}

const char* smiley(std::uint32_t cp) {
  static const std::pair<std::uint32_t, const char*> table[] = {
      {0x263A, ":)"},   {0x2639, ":("},  {0x2764, "<3"},        {0x1F600, ":D"},  {0x1F601, ":D"},  {0x1F602, ":'D"},
      {0x1F603, ":D"},  {0x1F604, ":D"}, {0x1F605, ":)"},       {0x1F606, "XD"},  {0x1F609, ";)"},  {0x1F60A, ":)"},
      {0x1F60B, ":P"},  {0x1F60D, "<3"}, {0x1F610, ":|"},       {0x1F611, ":|"},  {0x1F612, ":/"},  {0x1F615, ":/"},
      {0x1F61B, ":P"},  {0x1F61C, ";P"}, {0x1F61E, ":("},       {0x1F620, ">:("}, {0x1F621, ">:("}, {0x1F622, ":'("},
      {0x1F62D, ":'("}, {0x1F62E, ":O"}, {0x1F631, ":O"},       {0x1F641, ":("},  {0x1F642, ":)"},  {0x1F643, "(:"},
      {0x1F644, ":/"},  {0x1F60E, "B)"}, {0x1F618, ":*"},       {0x1F917, ":)"},  {0x1F923, "XD"},  {0x1F44D, "(y)"},
      {0x1F44E, "(n)"}, {0x1F44B, "o/"}, {0x1F64F, "(kiitos)"}, {0x1F494, "</3"}, {0x1F495, "<3"},  {0x1F496, "<3"},
      {0x1F499, "<3"},  {0x1F49A, "<3"},
  };
  for (const auto& [c, s] : table)
    if (c == cp) return s;
  return nullptr;
}

bool invisible(std::uint32_t cp) {
  return cp == 0xFE0F || cp == 0xFE0E || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF);
}

}  // namespace

std::uint32_t EmojiKeeper::to_input(std::uint32_t cp) {
  if (cp <= 0xFFFF) return cp;
  auto it = std::find(slots_.begin(), slots_.end(), cp);
  if (it != slots_.end()) return k_first_standin + static_cast<std::uint32_t>(it - slots_.begin());
  if (slots_.size() >= k_standins) return 0xFFFD;  // more distinct emoji than stand-ins
  slots_.push_back(cp);
  return k_first_standin + static_cast<std::uint32_t>(slots_.size() - 1);
}

std::string EmojiKeeper::encode(std::string_view utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    std::uint32_t cp = next_code_point(utf8, i);
    if (cp != 0) append_utf8(out, to_input(cp));
  }
  return out;
}

std::string EmojiKeeper::decode(std::string_view utf8) const {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    std::uint32_t cp = next_code_point(utf8, i);
    if (cp >= k_first_standin && cp < k_first_standin + slots_.size()) cp = slots_[cp - k_first_standin];
    if (cp != 0) append_utf8(out, cp);
  }
  return out;
}

std::string display_text(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    std::uint32_t cp = next_code_point(utf8, i);
    if (in_font(cp)) {
      append_utf8(out, cp);
    } else if (invisible(cp) || cp < 0x20) {
      continue;
    } else if (const char* s = smiley(cp)) {
      out += s;
    } else if (cp >= 0x1F000 || (cp >= 0x2600 && cp <= 0x27BF)) {
      out += "[emoji]";
    } else {
      append_utf8(out, 0xFFFD);  // a letter outside our glyph ranges: the font's visible fallback
    }
  }
  return out;
}

std::string clean_input(std::string_view utf8) {
  std::string s(utf8.substr(0, utf8.find('\0')));
  return scoring::is_valid_utf8(s) ? s : scoring::sanitize_utf8(s);
}

}  // namespace chatdrill::app
