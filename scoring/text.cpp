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
//
// [SECTION] analyses  languages, the Analysis of one text and its marker queries
// [SECTION] scanner   case folding (ICU) and the word and sentence scanner
// [SECTION] analyser  TextAnalyzer: the per-word cache, stems, readings, concepts
// [SECTION] markers   what the analysis itself finds: the customer's name, SHOUTING
#include "core/utf8.h"
#include "text/moves.h"
#include "text/terms.h"
#include "text_internal.h"

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <deque>
#include <stdexcept>

namespace chatdrill::scoring {

// ---------------------------------------------------------------------------------------
// [SECTION] analyses

std::optional<Language> parse_language(std::string_view code) {
  if (code == "fi") return Language::fi;
  if (code == "en") return Language::en;
  return std::nullopt;
}

const char* language_code(Language language) { return language == Language::fi ? "fi" : "en"; }

namespace {

// Marker ids share their first bytes ("courtesy."), so most differ in size or last byte:
// checked before the bytes are compared.
bool same_id(std::string_view id, std::string_view wanted) {
  return id.size() == wanted.size() && !id.empty() && id.back() == wanted.back() && id == wanted;
}

// The ids' first bytes tell the families apart (courtesy, negative, engagement...).
bool id_starts_with(std::string_view id, std::string_view prefix) {
  return prefix.empty() || (id.size() >= prefix.size() && id.front() == prefix.front() && id.starts_with(prefix));
}

}  // namespace

bool Analysis::has(std::string_view marker_id) const {
  for (const auto& m : markers)
    if (same_id(m.id, marker_id)) return true;
  return false;
}

void Analysis::clear() {
  tokens.clear();  // storage stays: the next analysis into this one may reuse it
  sentences.clear();
  markers.clear();
  words.clear();
  clauses.clear();
  concepts.clear();
  moves.clear();
  is_question = shouting = false;
  valid_utf8 = true;
  longest_exclamation_run = 0;
}

int Analysis::count(std::string_view prefix) const {
  int n = 0;
  for (const auto& m : markers) n += id_starts_with(m.id, prefix) ? 1 : 0;
  return n;
}

int Analysis::count_in_sentence(int sentence, std::string_view prefix) const {
  int n = 0;
  for (const auto& m : markers) n += (m.sentence == sentence && id_starts_with(m.id, prefix)) ? 1 : 0;
  return n;
}

// ---------------------------------------------------------------------------------------
// [SECTION] scanner

namespace detail {

namespace {

// Folded code points are always valid: core's encoder (scoring/core/utf8.h) never fails here.
void append_utf8(std::string& out, UChar32 c) { scoring::append_utf8(out, static_cast<std::uint32_t>(c)); }

// Simple case folding of U+0000-U+024F, asked of ICU once (ä, ö, å are in most Finnish words).
const std::array<UChar32, 0x250>& latin_folding() {
  static const std::array<UChar32, 0x250> table = [] {
    std::array<UChar32, 0x250> t{};
    for (UChar32 c = 0; c < 0x250; ++c) t[static_cast<std::size_t>(c)] = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    return t;
  }();
  return table;
}

// Full case folding of one code point. Latin letters up to U+024F fold to one code point
// (simple folding), except ß, İ, ŉ and ǰ, which full folding expands.
void fold_code_point(UChar32 c, std::string& out) {
  if (c < 0x250 && c != 0xDF && c != 0x130 && c != 0x149 && c != 0x1F0) {
    append_utf8(out, latin_folding()[static_cast<std::size_t>(c)]);
    return;
  }
  if (c == 0x2019) {
    out += '\'';
    return;
  }
  UChar in[2], folded[8];
  int32_t len = 0;
  UBool error = false;
  U16_APPEND(in, len, 2, c, error);
  if (error) {
    append_utf8(out, c);
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = u_strFoldCase(folded, 8, in, len, U_FOLD_CASE_DEFAULT, &status);
  if (U_FAILURE(status)) {
    append_utf8(out, c);
    return;
  }
  for (int32_t k = 0; k < n;) {
    UChar32 f = 0;
    U16_NEXT(folded, k, n, f);
    append_utf8(out, f);
  }
}

}  // namespace

void fold_append(std::string_view text, std::string& out) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {  // a run of ASCII, lower-cased in one go
      std::size_t end = i;
      while (end < text.size() && static_cast<unsigned char>(text[end]) < 0x80) ++end;
      const std::size_t at = out.size();
      out.resize(at + (end - i));
      for (std::size_t k = i; k < end; ++k) {
        const char b = text[k];
        out[at + (k - i)] = (b >= 'A' && b <= 'Z') ? static_cast<char>(b - 'A' + 'a') : b;
      }
      i = end;
      continue;
    }
    UChar32 c = decode_utf8(text, i);
    if (c < 0) c = 0xFFFD;
    fold_code_point(c, out);
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
  next = i;
  return decode_utf8(s, next);
}

}  // namespace

// What an ASCII byte is to the scanner; bytes from 0x80 up start a multi-byte character.
enum : unsigned char { k_sep, k_lower, k_upper, k_digit, k_wide };
constexpr std::array<unsigned char, 256> k_byte_class = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = k_lower;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = k_upper;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = k_digit;
  for (int c = 0x80; c < 0x100; ++c) t[static_cast<std::size_t>(c)] = k_wide;
  return t;
}();

inline unsigned char byte_class(char c) { return k_byte_class[static_cast<unsigned char>(c)]; }

// Bytes that may end a sentence: . ! ? a line break, and the first byte of '…'.
constexpr std::array<bool, 256> k_may_end_sentence = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {'.', '!', '?', '\n', '\xE2'}) t[c] = true;
  return t;
}();

bool scan_words(std::string_view text, std::vector<Token>& out, std::vector<std::uint32_t>* marks) {
  // std::string_view sizes beyond int32 cannot be decoded by U8_NEXT: cut them off (and the
  // rest is not known to be valid).
  bool valid = true;
  if (text.size() > 0x7FFFFFF0u) text = text.substr(0, 0x7FFFFFF0u), valid = false;
  out.reserve(out.size() + std::min<std::size_t>(text.size() / 5 + 2, 1u << 16));  // words average 5+ bytes
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char cls = byte_class(text[i]);
    if (cls == k_sep) {  // spaces and punctuation, fast
      if (marks && k_may_end_sentence[static_cast<unsigned char>(text[i])])
        marks->push_back(static_cast<std::uint32_t>(i));
      ++i;
      continue;
    }
    std::size_t next = i + 1;
    UChar32 c = static_cast<unsigned char>(text[i]);
    if (cls == k_wide) {
      c = decode_at(text, i, next);
      if (!is_word_char(c)) {
        valid = valid && c >= 0;
        if (marks && text[i] == '\xE2') marks->push_back(static_cast<std::uint32_t>(i));
        i = next;
        continue;
      }
    }
    const std::size_t begin = i;
    int upper = 0, lower = 0;  // all_caps: at least two capitals and no small letters
    UChar32 prev = -1;
    const char* p = text.data();
    for (;;) {
      if (c < 0x80) {
        const unsigned char k = byte_class(static_cast<char>(c));
        upper += k == k_upper ? 1 : 0;
        lower += k == k_lower ? 1 : 0;
      } else if (u_isalpha(c)) {
        upper += u_isUUppercase(c) ? 1 : 0;
        lower += u_isULowercase(c) ? 1 : 0;
      }
      prev = c;
      i = next;
      // The rest of a run of ASCII letters and digits, without decoding.
      std::size_t j = i;
      for (unsigned char k; j < n && (k = byte_class(p[j])) != k_sep && k != k_wide; ++j) {
        upper += k == k_upper ? 1 : 0;
        lower += k == k_lower ? 1 : 0;
      }
      if (j > i) prev = static_cast<unsigned char>(p[j - 1]), i = j;
      if (i >= n) break;
      if (const char b = text[i]; byte_class(b) == k_sep && b != '\'' && b != '.' && b != ',') break;  // a space...
      c = decode_at(text, i, next);
      if (is_word_char(c)) continue;
      // A joiner keeps the word going only with word characters on both sides.
      const bool apostrophe = c == '\'' || c == 0x2019;
      const bool digit_joiner = (c == '.' || c == ',') && is_digit(prev);
      if (!apostrophe && !digit_joiner) break;
      std::size_t after = 0;
      const UChar32 d = next < n ? decode_at(text, next, after) : -1;
      if (apostrophe ? !(u_isalpha(prev) && u_isalpha(d)) : !is_digit(d)) break;
      i = next;  // consume the joiner; `d` is handled as the next character
      c = d;
      next = after;
    }
    Token& t = out.emplace_back();
    t.begin = begin;
    t.end = i;
    t.surface = text.substr(begin, i - begin);
    t.all_caps = lower == 0 && upper >= 2;
  }
  return valid;
}

}  // namespace detail

// ---------------------------------------------------------------------------------------
// [SECTION] analyser

namespace {

// Most words are at most 8 bytes: those are their own 64-bit key (bytes in order, zero
// padded), hashed by one multiply and compared in one instruction. Longer ones: FNV-1a.
constexpr std::size_t k_short_word = 8;

std::uint64_t short_key(std::string_view w) {  // w.size() <= k_short_word
  std::uint64_t key = 0;
  for (std::size_t k = 0; k < w.size(); ++k)
    key |= static_cast<std::uint64_t>(static_cast<unsigned char>(w[k])) << (8 * k);
  return key;
}

std::uint64_t word_hash(std::string_view w, std::uint64_t key) {
  if (w.size() <= k_short_word) {  // MurmurHash3's finaliser: every input bit reaches the low (index) bits
    std::uint64_t h = key ^ (w.size() * 0x9E3779B97F4A7C15ull);
    h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDull;
    h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 33);
  }
  std::uint64_t h = 1469598103934665603ull;
  for (const char c : w) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

// True if the folded form of a word is the word itself: ASCII without capitals.
bool folds_to_itself(std::string_view w) {
  for (const char c : w)
    if (static_cast<unsigned char>(c) >= 0x80 || (c >= 'A' && c <= 'Z')) return false;
  return true;
}

bool all_digits(std::string_view w) {
  for (const char c : w)
    if (c < '0' || c > '9') return false;
  return !w.empty();
}

// See TextAnalyzer::Impl::plain_numbers.
bool numbers_are_plain(const Lexicon& lex, sb_stemmer* stemmer) {
  if (lex.has_digit_entry) return false;
  for (const std::string_view probe : {"0", "42", "2026", "0123456789", "112233445566"}) {
    const sb_symbol* s =
        sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(probe.data()), static_cast<int>(probe.size()));
    if (!s || std::string_view(reinterpret_cast<const char*>(s),
                               static_cast<std::size_t>(sb_stemmer_length(stemmer))) != probe)
      return false;
  }
  return true;
}

// Where a token's folded form and stem sit while a text is analysed: offsets into the
// scratch bytes, which become the analysis's storage at the end.
struct Span {
  std::uint32_t at, size;
};

}  // namespace

struct TextAnalyzer::Impl {
  Language language = Language::fi;
  std::shared_ptr<const Lexicon> lexicon;
  std::shared_ptr<const Morphology> morphology;
  std::shared_ptr<const ConceptSet> concepts;
  sb_stemmer* stemmer = nullptr;
  struct Word {
    std::string folded, stem;
    std::uint64_t hash = 0;
    std::uint64_t key = 0;  // short_key(folded) for short words
    WordMatches matches;
    std::shared_ptr<const WordInfo> info;  // shared with the analyses that hold the word
    std::vector<int> concept_terms;        // concept terms the word may take part in
  };
  // Chat vocabulary repeats: each distinct folded word is stemmed and matched once. An
  // open-addressing table of pointers into a deque (whose elements never move).
  mutable std::deque<Word> words;
  struct Slot {
    std::uint64_t hash = 0;
    const Word* word = nullptr;  // nullptr: empty
  };
  mutable std::vector<Slot> slots;      // the hash beside the pointer: a probe reads one line
  std::vector<std::string> name_parts;  // folded words of the customer's name
  // analyze()'s scratch, kept for its capacity: no allocation per text but the result's.
  mutable std::vector<const WordMatches*> matches;
  mutable std::vector<const std::vector<int>*> concept_terms;  // per token, from the word cache
  mutable std::string scratch;
  mutable std::vector<Span> folded_spans, stem_spans;
  mutable std::vector<std::uint32_t> marks;
  // Numbers (all ASCII digits) are their own stem and match nothing when the lexicon has no
  // entry with a digit and the stemmer leaves digits alone (checked when made): they skip
  // the word cache, which they would only fill.
  bool plain_numbers = false;
  WordMatches no_matches;
  std::shared_ptr<const WordInfo> number_info;  // what a plain number is to morphology

  ~Impl() {
    if (stemmer) sb_stemmer_delete(stemmer);
  }

  // Bounds memory on odd input; called before a text is analysed, so the Word pointers
  // handed out while analysing it stay valid.
  void trim() const {
    if (words.size() > 200000) words.clear(), slots.clear();
  }

  void rehash(std::size_t size) const {
    slots.assign(size, Slot{});
    for (const Word& w : words) {
      std::size_t at = w.hash & (size - 1);
      while (slots[at].word) at = (at + 1) & (size - 1);
      slots[at] = {w.hash, &w};
    }
  }

  const Word& word(std::string_view folded) const {
    const bool is_short = folded.size() <= k_short_word;
    const std::uint64_t key = is_short ? short_key(folded) : 0;
    const std::uint64_t hash = word_hash(folded, key);
    if (!slots.empty()) {
      for (std::size_t at = hash & (slots.size() - 1); slots[at].word; at = (at + 1) & (slots.size() - 1)) {
        if (slots[at].hash != hash) continue;
        const Word& w = *slots[at].word;
        if (w.folded.size() == folded.size() && (is_short ? w.key == key : w.folded == folded)) return w;
      }
    }
    Word w;
    w.folded = folded;
    w.hash = hash;
    w.key = key;
    if (!folded.empty()) {
      const sb_symbol* s =
          sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(folded.data()), static_cast<int>(folded.size()));
      w.stem = s ? std::string(reinterpret_cast<const char*>(s), static_cast<std::size_t>(sb_stemmer_length(stemmer)))
                 : w.folded;
    }
    w.matches = match_word(*lexicon, w.folded, w.stem);
    w.info = std::make_shared<const WordInfo>(morphology->analyze(w.folded, w.stem));
    concepts->terms.word_candidates(w.folded, *w.info, w.concept_terms);
    words.push_back(std::move(w));
    if (words.size() * 2 > slots.size()) rehash(std::max<std::size_t>(4096, slots.size() * 2));
    else {
      std::size_t at = hash & (slots.size() - 1);
      while (slots[at].word) at = (at + 1) & (slots.size() - 1);
      slots[at] = {hash, &words.back()};
    }
    return words.back();
  }

  // Words of `text` with their folded forms and stems in `storage` (reused when no copy
  // shares it), which starts with a copy of the text; `matches` (if given) gets each
  // token's lexicon matches.
  // Returns whether the text is valid UTF-8; fills `marks` (sentence-ending candidates).
  bool tokenize(std::string_view text, TextStorage& storage, std::vector<Token>& tokens,
                std::vector<const WordMatches*>* matches, std::vector<std::shared_ptr<const WordInfo>>* infos = nullptr,
                std::vector<const std::vector<int>*>* concept_terms = nullptr) const;

  bool is_name(const Token& t) const;
  void add_analysis_markers(std::string_view text, Analysis& a) const;
};

namespace {

// Storage starts with its capacity, so an analysis reused for the next text (and not
// shared with a copy) rewrites its own block instead of allocating one per message.
constexpr std::size_t k_storage_header = sizeof(std::uint64_t);

char* writable_storage(TextStorage& storage, std::size_t size) {
  std::uint64_t capacity = 0;
  if (storage && storage.use_count() == 1) {
    std::memcpy(&capacity, storage.get(), sizeof capacity);
    // Made by make_shared_for_overwrite<char[]> below: the chars are not const objects.
    if (capacity >= size) return const_cast<char*>(storage.get()) + k_storage_header;
  }
  capacity = std::max<std::size_t>(size, 256);  // most chat messages fit the first block
  auto fresh = std::make_shared_for_overwrite<char[]>(k_storage_header + capacity);
  std::memcpy(fresh.get(), &capacity, sizeof capacity);
  storage = std::move(fresh);
  return const_cast<char*>(storage.get()) + k_storage_header;
}

}  // namespace

bool TextAnalyzer::Impl::tokenize(std::string_view text, TextStorage& storage, std::vector<Token>& tokens,
                                  std::vector<const WordMatches*>* matches,
                                  std::vector<std::shared_ptr<const WordInfo>>* infos,
                                  std::vector<const std::vector<int>*>* concept_terms) const {
  trim();
  if (text.size() > 0x7FFFFFF0u) text = text.substr(0, 0x7FFFFFF0u);  // as scan_words does; offsets stay 32-bit
  marks.clear();
  const bool valid = detail::scan_words(text, tokens, &marks);
  if (matches) matches->reserve(tokens.size());
  // The storage is the text, then `scratch`: folded forms and stems that differ from the
  // bytes before them. Spans count from the start of the storage.
  scratch.clear();
  folded_spans.clear();
  stem_spans.clear();
  const auto after_text = static_cast<std::uint32_t>(text.size());
  auto append = [&](std::string_view bytes) {
    const Span span{after_text + static_cast<std::uint32_t>(scratch.size()), static_cast<std::uint32_t>(bytes.size())};
    scratch.append(bytes);
    return span;
  };
  for (const Token& t : tokens) {
    Span folded{static_cast<std::uint32_t>(t.begin), static_cast<std::uint32_t>(t.end - t.begin)};
    std::string_view folded_bytes = t.surface;
    if (!folds_to_itself(t.surface)) {
      const std::size_t at = scratch.size();
      detail::fold_append(t.surface, scratch);
      folded = {after_text + static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(scratch.size() - at)};
      folded_bytes = std::string_view(scratch).substr(at);
    }
    folded_spans.push_back(folded);
    if (plain_numbers && all_digits(t.surface)) {  // order numbers, phone numbers: seldom seen twice
      stem_spans.push_back(folded);
      if (matches) matches->push_back(&no_matches);
      if (infos) infos->push_back(number_info);
      if (concept_terms) concept_terms->push_back(nullptr);  // numbers: looked up as they come
      continue;
    }
    const Word& w = word(folded_bytes);
    stem_spans.push_back(w.stem == w.folded ? folded : append(w.stem));
    if (matches) matches->push_back(&w.matches);
    if (infos) infos->push_back(w.info);
    if (concept_terms) concept_terms->push_back(&w.concept_terms);
  }
  char* base = writable_storage(storage, text.size() + scratch.size());
  std::copy(text.begin(), text.end(), base);
  std::copy(scratch.begin(), scratch.end(), base + text.size());
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    Token& t = tokens[k];
    t.surface = std::string_view(base + t.begin, t.end - t.begin);
    t.folded = std::string_view(base + folded_spans[k].at, folded_spans[k].size);
    t.stem = std::string_view(base + stem_spans[k].at, stem_spans[k].size);
  }
  return valid;
}

TextAnalyzer::TextAnalyzer(Language language, std::shared_ptr<const Lexicon> lexicon,
                           std::shared_ptr<const ConceptSet> concepts, std::shared_ptr<const Morphology> morphology)
    : impl_(std::make_unique<Impl>()) {
  impl_->language = language;
  impl_->stemmer = sb_stemmer_new(language == Language::fi ? "finnish" : "english", "UTF_8");
  if (!impl_->stemmer) throw std::runtime_error("libstemmer has no stemmer for this language");
  impl_->lexicon = lexicon ? std::move(lexicon) : load_lexicon(language);
  impl_->plain_numbers = numbers_are_plain(*impl_->lexicon, impl_->stemmer);
  impl_->morphology = morphology ? std::move(morphology) : Morphology::get(language);
  impl_->concepts = concepts ? std::move(concepts) : load_concepts(language);
  WordInfo number;
  number.is_number = number.known = true;
  number.readings.push_back(Reading{});
  number.readings.back().word_class = WordClass::numeral;
  impl_->number_info = std::make_shared<const WordInfo>(std::move(number));
}

std::shared_ptr<const WordInfo> TextAnalyzer::word_info(std::string_view word) const {
  impl_->trim();
  return impl_->word(fold(word)).info;
}

const Morphology& TextAnalyzer::morphology() const { return *impl_->morphology; }
const ConceptSet& TextAnalyzer::concepts() const { return *impl_->concepts; }

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
  return impl_->word(folded_word).stem;
}

TokenList TextAnalyzer::tokenize(std::string_view text) const {
  TokenList list;
  impl_->tokenize(text, list.storage, list.tokens, nullptr);
  return list;
}

void TextAnalyzer::set_customer_name(std::string_view name) {
  impl_->name_parts.clear();
  if (name.empty()) return;
  std::vector<Token> words;
  detail::scan_words(name, words);
  for (auto& w : words) {
    std::string folded;
    detail::fold_append(w.surface, folded);
    if (folded.size() >= 2) impl_->name_parts.push_back(std::move(folded));
  }
}

// ---------------------------------------------------------------------------------------
// [SECTION] markers

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
  if (!name_parts.empty())
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
  std::size_t first_bang = text.size();  // '!' is never inside a word: the scan's marks hold them all
  for (const std::uint32_t m : marks)
    if (text[m] == '!') {
      first_bang = m;
      break;
    }
  for (std::size_t i = first_bang; i < text.size(); ++i) {
    if (text[i] != '!') {
      run = 0;
      continue;
    }
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
  analyze(text, a);
  return a;
}

void TextAnalyzer::analyze(std::string_view text, Analysis& a) const {
  a.clear();
  std::vector<const WordMatches*>& matches = impl_->matches;  // reused: no allocation per text
  matches.clear();
  impl_->concept_terms.clear();
  a.valid_utf8 = impl_->tokenize(text, a.storage, a.tokens, &matches, &a.words, &impl_->concept_terms);
  detail::split_sentences(text, a.tokens, impl_->marks, a.sentences);
  const auto& marks = impl_->marks;  // in text order, as the sentences are
  std::size_t next_mark = 0;
  for (auto& s : a.sentences) {
    bool mark = false;  // a '?' in the sentence: never inside a word, so one of the scan's marks
    while (next_mark < marks.size() && marks[next_mark] < s.begin) ++next_mark;
    for (std::size_t m = next_mark; m < marks.size() && marks[m] < s.end && !mark; ++m) mark = text[marks[m]] == '?';
    s.is_question = detail::is_question_sentence(impl_->language, text, a.tokens, matches, s, mark);
    a.is_question = a.is_question || s.is_question;
  }
  detail::find_lexicon_markers(*impl_->lexicon, a.tokens, matches, a.markers);
  const std::size_t from_lexicon = a.markers.size();  // already in text order
  impl_->add_analysis_markers(text, a);
  if (a.markers.size() > from_lexicon)  // rare (names, SHOUTING, !!!): keep text order, ties stable
    std::stable_sort(a.markers.begin(), a.markers.end(),
                     [](const MarkerHit& x, const MarkerHit& y) { return x.begin < y.begin; });
  // The language layer: clauses, concepts and moves.
  detail::split_clauses(text, impl_->language, a);
  impl_->concepts->find(a, a.concepts, &impl_->concept_terms);
  detail::detect_moves(impl_->language, *impl_->morphology, a);
}

}  // namespace chatdrill::scoring
