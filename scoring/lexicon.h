// Marker lexicon (`chatdrill.lexicon/1`): which words, stems, prefixes, suffixes and
// phrases make up each marker (courtesy.gratitude, negative.rude, ...) of one language.
// Internal to scoring/: text.cpp matches tokens against it; nothing here knows about grades.
#pragma once

#include "core/diagnostic.h"
#include "core/json_doc.h"
#include "text.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace chatdrill::scoring {

inline constexpr const char* k_lexicon_format = "chatdrill.lexicon/1";

// One word of a phrase: matched whole, or as a prefix when written with a trailing '*'.
struct PhraseWord {
  std::string text;  // folded
  bool prefix = false;
  int id = -1;  // for whole words: the word's number in Lexicon::phrase_words
};

struct Phrase {
  int marker = 0;  // index into Lexicon::ids
  std::vector<PhraseWord> words;
};

// Affix entries keyed by their text, with the set of lengths present so a token is
// checked with one hash lookup per distinct length.
struct AffixIndex {
  std::unordered_map<std::string, std::vector<int>> by_text;
  std::vector<std::size_t> lengths;  // ascending, unique
  void add(const std::string& text, int marker);
};

// In a marker's "unless_after": the marker does not count right after a number.
inline constexpr const char* k_unless_number = "#number";

class Lexicon {
 public:
  Language language = Language::fi;
  std::string file;
  std::vector<std::string_view> ids;  // marker ids (interned), index = marker number
  // Per marker: words that, right before a match, cancel it ("I'll call the courier" is
  // ownership, "call the courier" a bounce).
  std::vector<std::vector<std::string>> unless_after;       // k_unless_number: after any number
  std::unordered_map<std::string, std::vector<int>> words;  // folded word -> markers
  std::unordered_map<std::string, std::vector<int>> stems;  // stem -> markers
  AffixIndex prefixes, suffixes;                            // folded affix -> markers
  std::vector<Phrase> phrases;
  std::unordered_map<std::string, std::vector<int>> phrases_by_first;  // first word -> phrase indexes
  AffixIndex phrases_by_first_prefix;                                  // phrases whose first word is a prefix
  std::unordered_map<std::string, int> phrase_words;                   // whole words used in phrases -> number
  bool has_digit_entry = false;  // some word, stem, affix or phrase word holds a digit

  // Every literal string of the lexicon (words, phrases without '*', prefixes...), folded:
  // what `grep -F -f` would be given to match the same markers.
  std::vector<std::string> literal_patterns() const;
};

// What one word is or starts, by itself: computed once per distinct word and cached by
// the analyser, so a token costs one hash lookup however large the lexicon.
// A phrase a word can start, with what its second word must be: most candidates fail
// there, so they are rejected without reading the phrase.
struct PhraseStart {
  int phrase = 0;   // index into Lexicon::phrases
  int second = -1;  // Lexicon::phrase_words number of the second word; -1: a prefix, or none
};

struct WordMatches {
  std::vector<int> markers;          // single-word entries: words, stems, prefixes, suffixes
  std::vector<PhraseStart> phrases;  // phrases whose first word this can be
  int phrase_word = -1;              // Lexicon::phrase_words number, so phrases compare numbers
  unsigned word_class = 0;           // question-word bits (text_internal.h), for Lexicon::language
};
WordMatches match_word(const Lexicon& lexicon, const std::string& folded, const std::string& stem);

// Builds a lexicon from a parsed document; `fold_word` and `stem_word` come from a
// TextAnalyzer of the same language. Problems are gathered in `diagnostics`.
Lexicon lexicon_from_doc(const JsonDoc& doc, Language language, const TextAnalyzer& analyzer, Diagnostics& diagnostics);

}  // namespace chatdrill::scoring
