// Text analysis: words, case folding (ICU), Snowball stems, sentences, and the markers
// analysis itself detects (customer's name, SHOUTING, !!!). No UI, no engine, no clock.
//
// Why a word scanner and not ICU's word BreakIterator: chat replies are short Latin-script
// text where UAX #29 reduces to "runs of letters, digits and marks, joined by an apostrophe
// between letters or a '.'/',' between digits" — exactly what scan_words does, using ICU's
// character properties (u_isalnum, marks). It gives the same words as the BreakIterator on
// Finnish and English chat (don't, i'll, 12.50, sähköposti-osoite -> two words) at a
// fraction of the cost, with no iterator state to clone per analyser, and it treats invalid
// UTF-8 bytes as separators instead of needing the text sanitised first.
#include "text_internal.h"

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

namespace chatdrill::scoring {

std::optional<Language> parse_language(std::string_view code) {
  if (code == "fi") return Language::fi;
  if (code == "en") return Language::en;
  return std::nullopt;
}

const char* language_code(Language language) { return language == Language::fi ? "fi" : "en"; }

bool Analysis::has(std::string_view marker_id) const {
  for (const auto& m : markers)
    if (m.id == marker_id) return true;
  return false;
}

int Analysis::count(std::string_view prefix) const {
  int n = 0;
  for (const auto& m : markers) n += std::string_view(m.id).starts_with(prefix) ? 1 : 0;
  return n;
}

int Analysis::count_in_sentence(int sentence, std::string_view prefix) const {
  int n = 0;
  for (const auto& m : markers) n += (m.sentence == sentence && std::string_view(m.id).starts_with(prefix)) ? 1 : 0;
  return n;
}

namespace detail {

namespace {

void append_utf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, c, error);
  if (!error) out.append(buf, static_cast<std::size_t>(n));
}

// Full case folding of one code point. Latin letters up to U+024F fold to one code point
// (simple folding), except ß, İ, ŉ and ǰ, which full folding expands.
void fold_code_point(UChar32 c, std::string& out) {
  if (c < 0x250 && c != 0xDF && c != 0x130 && c != 0x149 && c != 0x1F0) {
    append_utf8(out, c == 0x2019 ? '\'' : u_foldCase(c, U_FOLD_CASE_DEFAULT));
    return;
  }
  if (c == 0x2019) { out += '\''; return; }
  UChar in[2], folded[8];
  int32_t len = 0;
  UBool error = false;
  U16_APPEND(in, len, 2, c, error);
  if (error) { append_utf8(out, c); return; }
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = u_strFoldCase(folded, 8, in, len, U_FOLD_CASE_DEFAULT, &status);
  if (U_FAILURE(status)) { append_utf8(out, c); return; }
  for (int32_t k = 0; k < n;) {
    UChar32 f = 0;
    U16_NEXT(folded, k, n, f);
    append_utf8(out, f);
  }
}

}  // namespace

void fold_append(std::string_view text, std::string& out) {
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out += (b >= 'A' && b <= 'Z') ? static_cast<char>(b - 'A' + 'a') : static_cast<char>(b);
      ++i;
      continue;
    }
    int32_t k = static_cast<int32_t>(i);
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), k, static_cast<int32_t>(text.size()), c);
    if (c < 0) c = 0xFFFD;
    fold_code_point(c, out);
    i = static_cast<std::size_t>(k);
  }
}

namespace {

bool is_word_char_non_ascii(UChar32 c) {
  const auto mask = U_GET_GC_MASK(c);
  return u_isalnum(c) || (mask & U_GC_M_MASK) != 0;
}

// Inlined for ASCII, which is most of the text scanned.
inline bool is_word_char(UChar32 c) {
  if (c < 0) return false;
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return is_word_char_non_ascii(c);
}

bool is_digit(UChar32 c) { return c >= 0 && u_isdigit(c); }

// Code point at byte `i` (negative for an invalid sequence) and the index after it.
inline UChar32 decode_at(std::string_view s, std::size_t i, std::size_t& next) {
  if (const auto b = static_cast<unsigned char>(s[i]); b < 0x80) {  // what U8_NEXT does for ASCII
    next = i + 1;
    return b;
  }
  int32_t k = static_cast<int32_t>(i);
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), k, static_cast<int32_t>(s.size()), c);
  next = static_cast<std::size_t>(k);
  return c;
}

}  // namespace

void scan_words(std::string_view text, std::vector<Token>& out) {
  // std::string_view sizes beyond int32 cannot be decoded by U8_NEXT: cut them off.
  if (text.size() > 0x7FFFFFF0u) text = text.substr(0, 0x7FFFFFF0u);
  out.reserve(out.size() + std::min<std::size_t>(text.size() / 5 + 2, 1u << 16));  // words average 5+ bytes
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80 && !is_word_char(b)) { ++i; continue; }  // spaces and punctuation, fast
    std::size_t next = 0;
    UChar32 c = decode_at(text, i, next);
    if (!is_word_char(c)) { i = next; continue; }
    Token t;
    t.begin = i;
    int letters = 0, upper = 0, lower = 0;
    UChar32 prev = -1;
    for (;;) {
      if (c < 0x80) {
        const bool up = c >= 'A' && c <= 'Z', low = c >= 'a' && c <= 'z';
        letters += (up || low) ? 1 : 0;
        upper += up ? 1 : 0;
        lower += low ? 1 : 0;
      } else if (u_isalpha(c)) {
        ++letters;
        upper += u_isUUppercase(c) ? 1 : 0;
        lower += u_isULowercase(c) ? 1 : 0;
      }
      prev = c;
      i = next;
      if (i >= text.size()) break;
      c = decode_at(text, i, next);
      if (is_word_char(c)) continue;
      // A joiner keeps the word going only with word characters on both sides.
      const bool apostrophe = c == '\'' || c == 0x2019;
      const bool digit_joiner = (c == '.' || c == ',') && is_digit(prev);
      if (!apostrophe && !digit_joiner) break;
      std::size_t after = 0;
      const UChar32 d = next < text.size() ? decode_at(text, next, after) : -1;
      if (apostrophe ? !(u_isalpha(prev) && u_isalpha(d)) : !is_digit(d)) break;
      i = next;  // consume the joiner; `d` is handled as the next character
      c = d;
      next = after;
    }
    t.end = i;
    t.surface.assign(text.substr(t.begin, t.end - t.begin));
    t.all_caps = letters >= 2 && lower == 0 && upper >= 2;
    out.push_back(std::move(t));
  }
}

}  // namespace detail

// ---------------------------------------------------------------------------------------
// TextAnalyzer

struct TextAnalyzer::Impl {
  Language language = Language::fi;
  std::shared_ptr<const Lexicon> lexicon;
  sb_stemmer* stemmer = nullptr;
  struct Word {
    std::string stem;
    WordMatches matches;
  };
  // Chat vocabulary repeats: each distinct folded word is stemmed and matched once.
  mutable std::unordered_map<std::string, Word> words;
  std::vector<std::string> name_parts;  // folded words of the customer's name
  mutable std::vector<const WordMatches*> matches;  // analyze()'s scratch, kept for its capacity

  ~Impl() {
    if (stemmer) sb_stemmer_delete(stemmer);
  }

  // Bounds memory on odd input; called before a text is analysed, so the Word pointers
  // handed out while analysing it stay valid (unordered_map nodes never move).
  void trim() const {
    if (words.size() > 200000) words.clear();
  }

  const Word& word(const std::string& folded) const {
    auto it = words.find(folded);
    if (it != words.end()) return it->second;
    Word w;
    if (!folded.empty()) {
      const sb_symbol* s = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(folded.data()),
                                           static_cast<int>(folded.size()));
      w.stem = s ? std::string(reinterpret_cast<const char*>(s), static_cast<std::size_t>(sb_stemmer_length(stemmer)))
                 : folded;
    }
    w.matches = match_word(*lexicon, folded, w.stem);
    return words.emplace(folded, std::move(w)).first->second;
  }

  void tokenize(std::string_view text, std::vector<Token>& tokens, std::vector<const WordMatches*>* matches) const {
    trim();
    detail::scan_words(text, tokens);
    if (matches) matches->reserve(tokens.size());
    for (auto& t : tokens) {
      detail::fold_append(t.surface, t.folded);
      const Word& w = word(t.folded);
      t.stem = w.stem;
      if (matches) matches->push_back(&w.matches);
    }
  }

  bool is_name(const Token& t) const;
  void add_analysis_markers(std::string_view text, Analysis& a) const;
};

TextAnalyzer::TextAnalyzer(Language language, std::shared_ptr<const Lexicon> lexicon)
    : impl_(std::make_unique<Impl>()) {
  impl_->language = language;
  impl_->stemmer = sb_stemmer_new(language == Language::fi ? "finnish" : "english", "UTF_8");
  if (!impl_->stemmer) throw std::runtime_error("libstemmer has no stemmer for this language");
  impl_->lexicon = lexicon ? std::move(lexicon) : load_lexicon(language);
  impl_->words.reserve(4096);
}

TextAnalyzer::~TextAnalyzer() = default;
TextAnalyzer::TextAnalyzer(TextAnalyzer&&) noexcept = default;
TextAnalyzer& TextAnalyzer::operator=(TextAnalyzer&&) noexcept = default;

Language TextAnalyzer::language() const { return impl_->language; }

std::string TextAnalyzer::fold(std::string_view text) const {
  std::string out;
  out.reserve(text.size());
  detail::fold_append(text, out);
  return out;
}

std::string TextAnalyzer::stem(std::string_view folded_word) const {
  impl_->trim();
  return impl_->word(std::string(folded_word)).stem;
}

std::vector<Token> TextAnalyzer::tokenize(std::string_view text) const {
  std::vector<Token> tokens;
  impl_->tokenize(text, tokens, nullptr);
  return tokens;
}

void TextAnalyzer::set_customer_name(std::string_view name) {
  impl_->name_parts.clear();
  std::vector<Token> words;
  detail::scan_words(name, words);
  for (auto& w : words) {
    std::string folded;
    detail::fold_append(w.surface, folded);
    if (folded.size() >= 2) impl_->name_parts.push_back(std::move(folded));
  }
}

// A name word written with a capital; in Finnish with up to 6 bytes of case ending
// (Raija, Raijan, Raijalle).
bool TextAnalyzer::Impl::is_name(const Token& t) const {
  if (name_parts.empty() || t.surface.empty()) return false;
  std::size_t next = 0;
  const UChar32 first = detail::decode_at(t.surface, 0, next);
  if (!u_isUUppercase(first)) return false;
  for (const auto& part : name_parts) {
    if (t.folded == part) return true;
    if (language == Language::fi && t.folded.starts_with(part) && t.folded.size() <= part.size() + 6) return true;
  }
  return false;
}

// Letters of a token: how many, and how many in capitals.
static void count_letters(const Token& t, int& letters, int& capitals) {
  for (std::size_t i = 0; i < t.surface.size();) {
    std::size_t next = 0;
    const UChar32 c = detail::decode_at(t.surface, i, next);
    i = next;
    if (!u_isalpha(c)) continue;
    ++letters;
    capitals += u_isUUppercase(c) ? 1 : 0;
  }
}

// SHOUTING is judged per sentence, so one shouted sentence in a long reply still counts:
// at least two words in capitals, six capital letters, and 60% of the sentence's letters.
void TextAnalyzer::Impl::add_analysis_markers(std::string_view text, Analysis& a) const {
  for (const auto& t : a.tokens)
    if (is_name(t)) a.markers.push_back({"courtesy.name", t.begin, t.end, t.sentence});
  for (std::size_t s = 0; s < a.sentences.size(); ++s) {
    const Sentence& sentence = a.sentences[s];
    int caps_words = 0, letters = 0, capitals = 0;
    std::size_t caps_begin = 0, caps_end = 0;
    const std::size_t first = sentence.first_token, end = first + sentence.token_count;
    for (std::size_t k = first; k < end; ++k) caps_words += a.tokens[k].all_caps ? 1 : 0;
    if (caps_words < 2) continue;
    caps_words = 0;
    for (std::size_t k = first; k < end; ++k) {
      const Token& t = a.tokens[k];
      count_letters(t, letters, capitals);
      if (!t.all_caps) continue;
      if (caps_words++ == 0) caps_begin = t.begin;
      caps_end = t.end;
    }
    if (caps_words >= 2 && capitals >= 6 && capitals * 10 >= letters * 6) {
      a.shouting = true;
      a.markers.push_back({"negative.shouting", caps_begin, caps_end, static_cast<int>(s)});
    }
  }

  std::size_t run_begin = 0, best_begin = 0;
  int run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '!') { run = 0; continue; }
    if (run++ == 0) run_begin = i;
    if (run > a.longest_exclamation_run) a.longest_exclamation_run = run, best_begin = run_begin;
  }
  if (a.longest_exclamation_run >= k_exclamation_run_negative) {
    int sentence = 0;
    for (std::size_t s = 0; s < a.sentences.size(); ++s)
      if (a.sentences[s].begin <= best_begin) sentence = static_cast<int>(s);
    a.markers.push_back({"negative.exclamations", best_begin,
                         best_begin + static_cast<std::size_t>(a.longest_exclamation_run), sentence});
  }
}

Analysis TextAnalyzer::analyze(std::string_view text) const {
  Analysis a;
  std::vector<const WordMatches*>& matches = impl_->matches;  // reused: no allocation per text
  matches.clear();
  impl_->tokenize(text, a.tokens, &matches);
  a.sentences = detail::split_sentences(text, a.tokens);
  for (auto& s : a.sentences) {
    const bool mark = text.substr(s.begin, s.end - s.begin).find('?') != std::string_view::npos;
    s.is_question = detail::is_question_sentence(impl_->language, text, a.tokens, matches, s, mark);
    a.is_question = a.is_question || s.is_question;
  }
  detail::find_lexicon_markers(*impl_->lexicon, a.tokens, matches, a.markers);
  const std::size_t from_lexicon = a.markers.size();  // already in text order
  impl_->add_analysis_markers(text, a);
  if (a.markers.size() > from_lexicon)  // rare (names, SHOUTING, !!!): keep text order, ties stable
    std::stable_sort(a.markers.begin(), a.markers.end(),
                     [](const MarkerHit& x, const MarkerHit& y) { return x.begin < y.begin; });
  return a;
}

}  // namespace chatdrill::scoring
