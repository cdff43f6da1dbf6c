// Pieces of text analysis shared between text.cpp, questions.cpp and markers.cpp.
// Internal to scoring/; callers outside use text.h.
#pragma once

#include "lexicon.h"
#include "text.h"

#include <string>
#include <string_view>
#include <vector>

namespace chatdrill::scoring::detail {

// Case folding (ICU full folding, plus U+2019 -> ') appended to `out`.
void fold_append(std::string_view text, std::string& out);

// Words of `text` split by a UTF-8 scanner (see text.cpp for why not a BreakIterator);
// fills surface, begin, end and all_caps. Invalid UTF-8 bytes separate words.
void scan_words(std::string_view text, std::vector<Token>& out);

// Sentence ranges of `text`; each holds at least one of `tokens`. Sets tokens' sentence.
std::vector<Sentence> split_sentences(std::string_view text, std::vector<Token>& tokens);

// Whether one sentence reads as a question (its '?' is passed in as `has_question_mark`).
bool is_question_sentence(Language language, std::string_view text, const std::vector<Token>& tokens,
                          const Sentence& sentence, bool has_question_mark);

// Lexicon markers (words, stems, affixes, phrases) in analysed tokens, de-duplicated
// per marker id, in text order.
// `matches[k]` is match_word() of tokens[k].
void find_lexicon_markers(const Lexicon& lexicon, const std::vector<Token>& tokens,
                          const std::vector<const WordMatches*>& matches, std::vector<MarkerHit>& out);

}  // namespace chatdrill::scoring::detail
