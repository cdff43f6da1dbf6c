// Pieces of text analysis shared between text.cpp, questions.cpp and markers.cpp.
// Internal to scoring/; callers outside use text.h.
#pragma once

#include "lexicon.h"
#include "text.h"

#include <cstdint>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>
#include "core/paths.h"

namespace chatdrill::scoring::detail {

// A bundled data file of a language, read once per process and shared: analysers are
// made per thread and per session, the files do not change while we run. `relative` is a
// format string for the language code ("scoring/lexicons/{}.json").
template <typename T, typename LoadFile>
std::shared_ptr<const T> once_per_language(Language language, const char* relative, LoadFile load_file) {
  static std::mutex mutex;
  static std::map<Language, std::shared_ptr<const T>> cache;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(language); it != cache.end()) return it->second;
  const auto path = data_path(fmt::format(fmt::runtime(relative), language_code(language))).string();
  return cache[language] = load_file(language, path);
}

// Reads a language data file (lexicon, concepts) with an analyser that has neither
// markers nor concepts of its own, so reading one never needs the other. Throws
// std::runtime_error with `file:line:col: path: message` on a broken file.
// `morphology` null: the bundled one.
template <typename T, typename FromDoc>
std::shared_ptr<const T> read_language_data(Language language, const std::string& path, FromDoc from_doc,
                                            std::shared_ptr<const Morphology> morphology = nullptr) {
  auto parsed = parse_json_file(path);
  if (!parsed.doc) throw std::runtime_error(parsed.error->to_string());
  auto no_markers = std::make_shared<Lexicon>();
  no_markers->language = language;
  TextAnalyzer plain(language, no_markers, no_concepts(), std::move(morphology));
  Diagnostics diagnostics;
  auto value = std::make_shared<const T>(from_doc(*parsed.doc, language, plain, diagnostics));
  throw_if_errors(diagnostics);
  return value;
}

// Case folding (ICU full folding, plus U+2019 -> ') appended to `out`.
void fold_append(std::string_view text, std::string& out);

// Words of `text` split by a UTF-8 scanner (see text.cpp for why not a BreakIterator);
// fills surface, begin, end and all_caps. Invalid UTF-8 bytes separate words. Returns
// whether the whole text is valid UTF-8. `marks` (if given) gets the offsets, outside
// words, of the bytes that may end a sentence: . ! ? a line break and the first of '…'.
bool scan_words(std::string_view text, std::vector<Token>& out, std::vector<std::uint32_t>* marks = nullptr);

// Sentence ranges of `text` (into `out`, emptied first); each holds at least one of `tokens`.
// Sets tokens' sentence. `marks` are scan_words' sentence-ending candidates.
void split_sentences(std::string_view text, std::vector<Token>& tokens, const std::vector<std::uint32_t>& marks,
                     std::vector<Sentence>& out);

// What a word can do in a question (bits below), worked out once per distinct word.
enum : unsigned {
  k_word_fi_clitic = 1u << 0,         // onko, voisitteko (the -ko/-kö clitic)
  k_word_fi_interrogative = 1u << 1,  // mikä, miksi, kuinka...
  k_word_fi_what_about = 1u << 2,     // entä
  k_word_fi_tag = 1u << 3,            // ", eikö niin"
  k_word_fi_or = 1u << 4,             // vai
  k_word_fi_so = 1u << 5,             // niin ("vai niin" is not a question)
  k_word_en_wh = 1u << 6,
  k_word_en_aux = 1u << 7,
  k_word_en_subject = 1u << 8,
  k_word_en_pronoun = 1u << 9,
  k_word_en_article = 1u << 10,
  k_word_lead = 1u << 11,          // particles before a question: no, ja, so, well
  k_word_interjection = 1u << 12,  // what a lead-in before a comma may hold: hei, thanks
};
unsigned question_word_class(Language language, std::string_view folded);

// Whether one sentence reads as a question (its '?' is passed in as `has_question_mark`);
// `words[k]` is match_word() of tokens[k].
bool is_question_sentence(Language language, std::string_view text, const std::vector<Token>& tokens,
                          const std::vector<const WordMatches*>& words, const Sentence& sentence,
                          bool has_question_mark);

// Lexicon markers (words, stems, affixes, phrases) in analysed tokens, de-duplicated
// per marker id, in text order.
// `matches[k]` is match_word() of tokens[k].
void find_lexicon_markers(const Lexicon& lexicon, const std::vector<Token>& tokens,
                          const std::vector<const WordMatches*>& matches, std::vector<MarkerHit>& out);

}  // namespace chatdrill::scoring::detail
