// Parts of file names made from people's and scenarios' names: lower-case ASCII letters,
// digits and '-', so a results folder reads the same on every file system and shell.
#pragma once

#include <string>
#include <string_view>

namespace chatdrill::scoring {

// `text` as a file-name part: Latin letters transliterated to ASCII by ICU's Latin-ASCII
// (ä -> a, ß -> ss, Š -> s), lower-cased; anything else (spaces, punctuation, other
// scripts, emoji, invalid bytes) becomes one '-' between words. At most 40 characters,
// never empty: `fallback` when nothing is left.
std::string file_name_part(std::string_view text, std::string_view fallback = "x");

}  // namespace chatdrill::scoring
