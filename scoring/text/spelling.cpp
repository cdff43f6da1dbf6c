// Spelling and grammar of chat text (see spelling.h). Chat is not an essay: what follows
// is never an error, found by testing real service-chat sentences against Voikko 4.3 and
// Hunspell en_US 2020.12:
// - emoji, emoticons (":)", ":D", "xD") and symbols (€, %): no letters, or an emoticon;
// - URLs, e-mail addresses and domains ("www.x.fi", "x@y.fi", "verkkokauppa.fi");
// - words with digits: order numbers, codes, dates, prices ("AB-12345", "12.3.", "QE55Q80C");
// - words in capitals ("TV", "HDMI", "OK") and a hyphenated word with such a part ("HDMI-kaapeli");
// - a capitalised word not at a sentence start (a name: "kysyn Mattilta");
// - a word the dictionary knows in other capitals ("ok" -> "OK", "tv", "samsung", "alv"):
//   chat writes case loosely; an abbreviation the dictionary knows with its dot ("esim");
// - the chat's own words (Tolerance: the customer's words, the scenario's vocabulary, the
//   customer's name), in Finnish also inflected ("Häkkiläinen" -> "Häkkiläiselle");
// - chat interjections and units after a number (k_chat_words, k_units below), and the
//   colloquial forms of the word-form table ("oon", "sulle", "mä": spoken Finnish);
// - the grammar checker's style findings chat writing does not follow (k_ignored_codes).
//
// [SECTION] words      splitting text into words with what the tolerance needs to know
// [SECTION] dictionary Voikko / Hunspell verdicts, cached per word
// [SECTION] grammar    Voikko's grammar checker, paragraph by paragraph (Finnish), findings
//                      cached per paragraph
// [SECTION] check      the tolerance and the public API
#include "spelling.h"

#include <hunspell/hunspell.h>
#include <libvoikko/voikko.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <list>
#include <map>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "scoring/core/limits.h"
#include "scoring/text.h"
#include "scoring/text_internal.h"

namespace chatdrill::scoring {

// ---------------------------------------------------------------------------------------
// [SECTION] words

namespace {

// Chat interjections and abbreviations written without their dot that Voikko or Hunspell
// reject but service chat writes as standard ("okei", "kiitti", "moi", "hei" Voikko knows).
constexpr std::string_view k_chat_words_fi[] = {"ok",     "okki", "jep",   "aha", "ahaa", "hmm", "hm",  "öö",
                                                "moikka", "moro", "heips", "xd",  "esim", "jne", "yms", "tms",
                                                "ym",     "pvm",  "puh",   "ks",  "vrt",  "alv", "sis"};
constexpr std::string_view k_chat_words_en[] = {"ok", "hmm", "hm", "umm", "xd"};
// Units and their abbreviations, accepted right after a number ("10 min", "2 kpl", "5 pcs").
constexpr std::string_view k_units[] = {"min", "mins", "h",   "s",   "t",    "pv",  "vrk", "kk", "v",   "vk",  "kpl",
                                        "mm",  "cm",   "m",   "km",  "kg",   "g",   "l",   "ml", "dl",  "gb",  "mb",
                                        "tb",  "kb",   "hz",  "w",   "kw",   "kwh", "mah", "e",  "eur", "snt", "x",
                                        "pcs", "hr",   "hrs", "sec", "secs", "lbs", "oz",  "ft", "pm",  "am"};

// Grammar checker codes (libvoikko grammar/error.hpp) that are style in chat, not errors:
//  1 invalid spelling: the speller reports spelling (never counted twice);
//  2 extra whitespace: a double space, invisible in a chat bubble;
//  5 invalid sentence starter: fires on "!!" and "?!" (politeness grades exclamation runs);
//  6 consider lower case (a capitalised word mid-sentence): names and product words;
//  7 write first letter upper case: chat starts messages and sentences in lower case;
//  9 terminating punctuation missing: chat messages end without a full stop (or with an emoji);
// 10 punctuation at the end of a quotation, 11 "foreign" quotation marks (“ ” from a phone keyboard);
// 17 missing main verb: chat answers in fragments ("Joo, selvä.", "Hetkinen...").
// Kept: 3 space before punctuation, 4 extra comma, 8 repeated word (but not "hei hei",
// "kiitos kiitos"), 12 misplaced parenthesis (but not ":)"), 13 negative verb mismatch
// ("ei tulee"), 14/15 infinitive required ("pyrimme lähettää"), 16 sentence ends with a
// conjunction, and any code a later Voikko adds. Voikko checks no missing commas, so comma
// rules are not noisy here.
constexpr int k_ignored_codes[] = {1, 2, 5, 6, 7, 9, 10, 11, 17};
// Words doubled on purpose ("Hei hei!", "Kiitos kiitos", "joo joo").
constexpr std::string_view k_doubled_ok[] = {"hei",  "moi",  "kiitos", "kiitti", "joo",    "juu", "jaa", "no",
                                             "niin", "okei", "ok",     "heippa", "moikka", "hui", "voi", "hyvä"};

template <std::size_t N>
bool in_list(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

UChar32 decode(std::string_view text, std::size_t& i) {
  int32_t k = static_cast<int32_t>(i);
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), k, static_cast<int32_t>(text.size()), c);
  i = static_cast<std::size_t>(k);
  return c;
}

bool is_space(UChar32 c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || u_isUWhiteSpace(c); }
bool is_word_char(UChar32 c) { return c >= 0 && (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0); }
bool ends_sentence(UChar32 c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }

struct Word {
  std::size_t begin = 0, end = 0;
  bool sentence_start = false;  // first word of the text, or after . ! ? … or a line break
  bool after_number = false;    // the word before it has digits ("10 min")
  bool dot_after = false;       // a '.' right after it ("esim.")
  bool hyphen = false;          // joined with '-' ("HDMI-kaapeli")
  bool colon = false;           // an ending after ':' ("HDMI:n")
  int digits = 0, upper = 0, lower = 0;
  bool first_upper = false;
};

// A URL, e-mail address or bare domain ("verkkokauppa.fi", "x.com/abc"): not words.
bool is_address(std::string_view chunk) {
  if (chunk.find("://") != std::string_view::npos || chunk.starts_with("www.") || chunk.starts_with("WWW."))
    return true;
  const auto at = chunk.find('@');
  if (at != std::string_view::npos && at > 0 && chunk.find('.', at) != std::string_view::npos) return true;
  // A '.' between letters followed by 2..6 lower-case ASCII letters and then the end or '/'.
  for (std::size_t i = 1; i + 2 < chunk.size(); ++i) {
    if (chunk[i] != '.' || !std::isalpha(static_cast<unsigned char>(chunk[i - 1]))) continue;
    std::size_t j = i + 1;
    while (j < chunk.size() && chunk[j] >= 'a' && chunk[j] <= 'z') ++j;
    const std::size_t n = j - i - 1;
    if (n >= 2 && n <= 6 && (j == chunk.size() || chunk[j] == '/' || (chunk[j] == '.' && j + 1 == chunk.size())))
      return true;
  }
  return false;
}

// ":D", ";P", ":-p", "xD", "XD", "8D": letters that are faces.
bool is_emoticon(std::string_view chunk) {
  while (!chunk.empty() && (chunk.back() == ',' || chunk.back() == '.' || chunk.back() == '!')) chunk.remove_suffix(1);
  if (chunk == "xD" || chunk == "XD" || chunk == "xd" || chunk == "xDD" || chunk == "XDD") return true;
  if (chunk.size() < 2 || chunk.size() > 4) return false;
  std::size_t i = 0;
  if (chunk[i] != ':' && chunk[i] != ';' && chunk[i] != '=') return false;
  ++i;
  if (i < chunk.size() && (chunk[i] == '-' || chunk[i] == '\'')) ++i;
  if (i >= chunk.size()) return false;
  for (; i < chunk.size(); ++i)
    if (std::string_view("DPpOoSsXx3Dd").find(chunk[i]) == std::string_view::npos) return false;
  return true;
}

// The words of `text` (letters and digits joined by - ' ’, and . , between digits),
// skipping addresses and emoticons. Invalid UTF-8 bytes separate words.
void split_words(std::string_view text, std::vector<Word>& out) {
  out.clear();
  bool sentence_start = true, after_number = false;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t next = i;
    const UChar32 c = decode(text, next);
    if (is_space(c)) {
      if (c == '\n') sentence_start = true;
      i = next;
      continue;
    }
    std::size_t chunk_end = next;  // the run of non-space characters
    for (std::size_t k = next; k < text.size();) {
      std::size_t after = k;
      if (is_space(decode(text, after))) break;
      chunk_end = k = after;
    }
    const std::string_view chunk = text.substr(i, chunk_end - i);
    if (is_address(chunk) || is_emoticon(chunk)) {
      after_number = false;
      i = chunk_end;
      continue;
    }
    std::size_t k = i;
    while (k < chunk_end) {
      std::size_t after = k;
      const UChar32 d = decode(text, after);
      if (!is_word_char(d)) {
        if (ends_sentence(d)) sentence_start = true;
        k = after;
        continue;
      }
      Word w;
      w.begin = k;
      w.sentence_start = sentence_start;
      w.after_number = after_number;
      UChar32 prev = -1;
      UChar32 cur = d;
      std::size_t pos = after;
      for (;;) {
        if (u_isdigit(cur)) ++w.digits;
        else if (u_isUUppercase(cur)) w.upper += 1, w.first_upper = w.first_upper || (w.upper + w.lower == 1);
        else if (u_isULowercase(cur)) ++w.lower;
        prev = cur;
        w.end = pos;
        if (pos >= chunk_end) break;
        std::size_t p2 = pos;
        const UChar32 e = decode(text, p2);
        if (is_word_char(e)) {
          cur = e, pos = p2;
          continue;
        }
        // "12:30", "TV:n", "HDMI:n" (a Finnish ending on an abbreviation) hold their ':'.
        const bool joiner = e == '-' || e == '\'' || e == 0x2019 || ((e == '.' || e == ',') && u_isdigit(prev)) ||
                            (e == ':' && (u_isdigit(prev) || u_isUUppercase(prev)));
        w.colon = w.colon || e == ':';
        if (!joiner || p2 >= chunk_end) break;
        std::size_t p3 = p2;
        const UChar32 f = decode(text, p3);
        if (!is_word_char(f)) break;
        w.hyphen = w.hyphen || e == '-';
        cur = f, pos = p3;
      }
      w.dot_after = w.end < text.size() && text[w.end] == '.';
      after_number = w.digits > 0;
      sentence_start = false;
      out.push_back(w);
      k = w.end;
    }
    i = chunk_end;
  }
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();)
    if (decode(s, i) < 0) return false;
  return true;
}

// The letters of text[begin, end) counted for shape_accepts (a part of a hyphenated word).
Word measure(std::string_view text, std::size_t begin, std::size_t end) {
  Word w;
  w.begin = begin, w.end = end;
  for (std::size_t i = begin; i < end;) {
    const UChar32 c = decode(text, i);
    if (u_isdigit(c)) ++w.digits;
    else if (u_isUUppercase(c)) w.first_upper = w.first_upper || w.upper + w.lower == 0, ++w.upper;
    else if (u_isULowercase(c)) ++w.lower;
  }
  return w;
}

std::string folded(std::string_view word) {
  std::string f;
  detail::fold_append(word, f);
  return f;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::size_t common_prefix_chars(std::string_view a, std::string_view b) {
  std::size_t bytes = 0;
  while (bytes < a.size() && bytes < b.size() && a[bytes] == b[bytes]) ++bytes;
  while (bytes > 0 && bytes < a.size() && (static_cast<unsigned char>(a[bytes]) & 0xC0) == 0x80) --bytes;
  return code_points(a.substr(0, bytes));
}

}  // namespace

void Tolerance::add_words(std::string_view text) {
  std::vector<Word> list;
  split_words(text, list);
  for (const Word& w : list) {
    if (w.digits > 0) continue;  // codes are accepted for their digits anyway
    const std::string f = folded(text.substr(w.begin, w.end - w.begin));
    if (w.hyphen)  // "Frobnitz-laitteen": "frobnitz" is the chat's word in any compound
      for (std::size_t from = 0; from < f.size();) {
        const std::size_t to = std::min(f.find('-', from), f.size());
        if (to > from) words.insert(f.substr(from, to - from));
        from = to + 1;
      }
    words.insert(f);
  }
}

// ---------------------------------------------------------------------------------------
// [SECTION] dictionary

namespace {

// British spellings are not errors (the bundled English scenarios write "apologise" and
// "cancelling"), but en_US is the only English dictionary we depend on: a word is also
// correct when one of its American forms is (apologise -> apologize, colour -> color,
// cancelling -> canceling, centre -> center, catalogue -> catalog, licence -> license).
std::vector<std::string> american_forms(std::string_view word) {
  static constexpr std::pair<std::string_view, std::string_view> k_rules[] = {
      {"ise", "ize"},  {"isi", "izi"},    {"isa", "iza"},  {"yse", "yze"}, {"ysi", "yzi"}, {"our", "or"},
      {"lled", "led"}, {"lling", "ling"}, {"ller", "ler"}, {"tre", "ter"}, {"ogue", "og"}, {"ence", "ense"}};
  std::vector<std::string> out;
  for (const auto& [from, to] : k_rules)
    for (std::size_t at = word.find(from, 1); at != std::string_view::npos; at = word.find(from, at + 1))
      out.push_back(std::string(word.substr(0, at)) + std::string(to) + std::string(word.substr(at + from.size())));
  return out;
}

// Hunspell's suggestions take 10-20 ms a word: they get a process-wide handle of their own,
// opened on the first misspelt English word, so they never hold the lock of Morphology's
// handle that every thread's analysis of a new word needs.
std::string english_suggestion(const std::string& word) {
  static std::mutex mutex;
  static Hunhandle* handle = nullptr;
  static bool opened = false;
  std::lock_guard lock(mutex);
  if (!opened) {
    opened = true;
    const std::filesystem::path dir = "/usr/share/hunspell";
    std::error_code ec;
    if (std::filesystem::exists(dir / "en_US.dic", ec))
      handle =
          Hunspell_create((dir / "en_US.aff").c_str(), (dir / "en_US.dic").c_str());  // lives as long as the process
  }
  if (!handle) return {};
  char** list = nullptr;
  const int n = Hunspell_suggest(handle, &list, word.c_str());
  std::string first = n > 0 && list && list[0] ? list[0] : "";
  if (list) Hunspell_free_list(handle, &list, n);
  return first;
}

// The first suggestion for a misspelt English word found the cheap way, before Hunspell's
// own search (~30 ms a word, nearly all of grading time on chats with typos): the word in
// other capitals, else every word one edit away (two letters swapped, one missing, a
// neighbouring key, one too many, another letter), each checked with `spell`, ranked by
// how often people make that slip and whether the word is one of the most common English
// words ("frm" -> "from", not "firm"). Empty when no such word exists: then Hunspell's full
// search decides. A typo is nearly always one edit from its word.
template <class Spell>
std::string quick_english_suggestion(std::string_view word, const Spell& spell) {
  if (word.size() < 2 || word.size() > 30) return {};
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!std::all_of(word.begin(), word.end(), [&](char c) { return letter(c) || c == '\''; })) return {};
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  const auto upper = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; };
  std::string low(word), title, caps;
  std::transform(low.begin(), low.end(), low.begin(), lower);
  title = low, title[0] = upper(title[0]);
  caps = low, std::transform(caps.begin(), caps.end(), caps.begin(), upper);
  for (const std::string* variant : {&low, &title, &caps})
    if (*variant != word && spell(*variant) == 1) return *variant;
  const bool titled = word[0] >= 'A' && word[0] <= 'Z';
  const auto give = [&](std::string w) {
    if (titled) w[0] = upper(w[0]);
    return w;
  };
  // The most frequent words of written English and of service chats: among several words
  // one edit away, the common one is what was meant.
  static const std::unordered_set<std::string_view> k_common = {
      "the",    "be",       "to",        "of",      "and",     "a",        "in",      "that",    "have",    "it",
      "for",    "not",      "on",        "with",    "he",      "as",       "you",     "do",      "at",      "this",
      "but",    "his",      "by",        "from",    "they",    "we",       "say",     "her",     "she",     "or",
      "an",     "will",     "my",        "one",     "all",     "would",    "there",   "their",   "what",    "so",
      "up",     "out",      "if",        "about",   "who",     "get",      "which",   "go",      "me",      "when",
      "make",   "can",      "like",      "time",    "no",      "just",     "him",     "know",    "take",    "people",
      "into",   "year",     "your",      "good",    "some",    "could",    "them",    "see",     "other",   "than",
      "then",   "now",      "look",      "only",    "come",    "its",      "over",    "think",   "also",    "back",
      "after",  "use",      "two",       "how",     "our",     "work",     "first",   "well",    "way",     "even",
      "new",    "want",     "because",   "any",     "these",   "give",     "day",     "most",    "us",      "is",
      "are",    "was",      "were",      "has",     "had",     "been",     "am",      "did",     "does",    "here",
      "where",  "why",      "still",     "sorry",   "thanks",  "thank",    "please",  "help",    "order",   "week",
      "today",  "tomorrow", "yesterday", "check",   "send",    "sent",     "again",   "right",   "sure",    "hello",
      "hi",     "yes",      "okay",      "number",  "problem", "issue",    "account", "payment", "refund",  "delivery",
      "parcel", "should",   "soon",      "moment",  "minute",  "email",    "phone",   "call",    "price",   "same",
      "very",   "much",     "more",      "with",    "store",   "shop",     "receipt", "return",  "replace", "working",
      "works",  "work",     "wait",      "waiting", "hour",    "hours",    "let",     "got",     "need",    "great",
      "happy",  "glad",     "fix",       "fixed",   "router",  "internet", "reply",   "answer"};
  static constexpr std::string_view k_try = "esianrtolcdugmfphbyvkwzqjx";
  // Keys next to each letter on a QWERTY keyboard (the usual slip of a finger).
  static constexpr std::array<std::string_view, 26> k_near = {
      "qwsz", "vghn", "xdfv", "serfcx", "wsdr", "drtgvc", "ftyhbv", "gyujnb", "ujko", "huikmn", "jiolm", "kop",  "njk",
      "bhjm", "iklp", "ol",   "wa",     "edft", "awedxz", "rfgy",   "yhji",   "cfgb", "qase",   "zsdc",  "tghu", "asx"};
  std::string best;
  int best_rank = 1 << 20;
  int order = 0;  // candidates in the order tried break ties
  const auto consider = [&](const std::string& c, int slip) {
    ++order;
    if (c.size() < 3 && low.size() >= 3) return;  // "ht", "wk": abbreviations nobody meant
    const int rank = (k_common.count(c) ? 0 : 100000) + slip * 10000 + order;
    if (rank >= best_rank || spell(give(c)) != 1) return;
    best = c, best_rank = rank;
  };
  std::string c;
  for (std::size_t k = 0; k + 1 < low.size(); ++k) {  // swapped
    c = low, std::swap(c[k], c[k + 1]);
    if (c != low) consider(c, 0);
  }
  for (std::size_t k = 0; k <= low.size(); ++k)  // a letter missing
    for (char n : k_try) {
      c = low, c.insert(c.begin() + static_cast<std::ptrdiff_t>(k), n);
      consider(c, 1);
    }
  for (std::size_t k = 0; k < low.size(); ++k) {  // a neighbouring key
    if (low[k] < 'a' || low[k] > 'z') continue;
    for (char n : k_near[static_cast<std::size_t>(low[k] - 'a')]) {
      c = low, c[k] = n;
      consider(c, 2);
    }
  }
  for (std::size_t k = 0; k < low.size(); ++k) {  // one letter too many
    c = low, c.erase(k, 1);
    consider(c, 3);
  }
  for (std::size_t k = 0; k < low.size(); ++k)  // another letter
    for (char n : k_try)
      if (n != low[k]) {
        c = low, c[k] = n;
        consider(c, 4);
      }
  return best.empty() ? best : give(best);
}

// Strings looked up by view, without building a key string per word.
struct ViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Grammar findings of recent paragraphs, offsets relative to the paragraph, least recently
// used out first. The findings are a pure function of the paragraph's text (the checker's
// Voikko options never change), so a hit is what Voikko would have found.
class GrammarMemo {
 public:
  explicit GrammarMemo(std::size_t capacity) : capacity_(capacity) {}
  const std::vector<WritingError>* find(std::string_view paragraph) {
    auto it = index_.find(paragraph);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);  // now the most recent
    return &it->second->findings;
  }
  // Keeps the findings (capacity > 0) and returns them as kept.
  const std::vector<WritingError>& insert(std::string_view paragraph, std::vector<WritingError> findings) {
    if (index_.size() >= capacity_) {
      index_.erase(order_.back().paragraph);
      order_.pop_back();
    }
    order_.push_front(Entry{std::string(paragraph), std::move(findings)});
    index_.emplace(order_.front().paragraph, order_.begin());  // the view lives in the list node
    return order_.front().findings;
  }
  std::size_t size() const { return index_.size(); }

 private:
  struct Entry {
    std::string paragraph;
    std::vector<WritingError> findings;
  };
  std::size_t capacity_;
  std::list<Entry> order_;  // most recent first
  std::unordered_map<std::string_view, std::list<Entry>::iterator, ViewHash> index_;
};

}  // namespace

struct WritingChecker::Impl {
  explicit Impl(WritingCacheLimits l) : limits(l), grammar(l.paragraphs) {}
  Language language;
  WritingCacheLimits limits;
  VoikkoHandle* voikko = nullptr;            // Finnish: this checker's own (spelling and grammar)
  std::shared_ptr<const Morphology> shared;  // English: Morphology's Hunspell, under its lock; both: chat forms
  bool available = false;
  struct Verdict {
    bool ok = false;
    bool suggested = false;  // `suggestion` asked for (and `ok` revised by it)
    std::string suggestion;
  };
  std::unordered_map<std::string, Verdict, ViewHash, std::equal_to<>> cache;  // by the word as written
  GrammarMemo grammar;                                                        // by the paragraph's text
  std::map<int, std::string> descriptions;                                    // grammar code -> short description
  std::vector<Word> words;                                                    // scratch
  std::vector<std::string> inflected;  // scratch: tolerance words the dictionary rejects

  // Grammar findings of one paragraph (at byte `at` of the text) appended to `out`.
  void grammar_of(std::string_view para, std::size_t at, std::vector<WritingError>& out);

  ~Impl() {
    if (voikko) voikkoTerminate(voikko);
  }

  int raw_spell(const std::string& w) const {
    if (voikko) return voikkoSpellCstr(voikko, w.c_str()) == VOIKKO_SPELL_OK ? 1 : 0;
    return shared ? shared->spell(w) : -1;
  }
  std::string raw_suggest(const std::string& w) const {
    if (!voikko) {
      std::string quick = quick_english_suggestion(w, [&](const std::string& c) { return raw_spell(c); });
      return quick.empty() ? english_suggestion(w) : quick;
    }
    std::string first;
    if (char** list = voikkoSuggestCstr(voikko, w.c_str())) {
      if (list[0]) first = list[0];
      voikkoFreeCstrArray(list);
    }
    return first;
  }

  // The dictionary's verdict on a word as written; a word it knows in other capitals
  // ("ok" -> "OK") is correct. Cached; the cache is emptied when it grows past a class's
  // vocabulary (a stream of generated text must not grow it without end).
  Verdict& lookup(std::string_view word) {
    if (auto it = cache.find(word); it != cache.end()) return it->second;
    if (cache.size() > limits.words) cache.clear();
    std::string key(word);
    Verdict v;
    v.ok = raw_spell(key) != 0;  // no dictionary (-1): nothing is an error
    if (!v.ok && language == Language::en)
      for (const auto& us : american_forms(key))
        if ((v.ok = raw_spell(us) == 1)) break;
    v.suggested = v.ok;
    return cache.emplace(std::move(key), std::move(v)).first->second;
  }
  // Spelled as the dictionary has it, without asking for suggestions (they are slow).
  bool known(std::string_view word) { return lookup(word).ok; }
  const Verdict& verdict(std::string_view word) {
    Verdict& v = lookup(word);
    if (!v.suggested) {
      v.suggested = true;
      v.suggestion = raw_suggest(std::string(word));
      if (code_points(v.suggestion) < 2 && code_points(word) > 1) v.suggestion.clear();  // "Mä" -> "Ä" helps nobody
      v.ok = !v.suggestion.empty() && folded(v.suggestion) == folded(word);
    }
    return v;
  }
};

// ---------------------------------------------------------------------------------------
// [SECTION] grammar

namespace {

bool ignored_code(int code) {
  return std::find(std::begin(k_ignored_codes), std::end(k_ignored_codes), code) != std::end(k_ignored_codes);
}

// Byte offset of every code point of `s`, plus s.size() at the end.
std::vector<std::size_t> char_offsets(std::string_view s) {
  std::vector<std::size_t> out;
  out.reserve(s.size() + 1);
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
  out.push_back(s.size());
  return out;
}

bool doubled_on_purpose(std::string_view phrase) {
  const auto space = phrase.find(' ');
  return space != std::string_view::npos && in_list(k_doubled_ok, folded(phrase.substr(0, space)));
}

}  // namespace

namespace {

// Voikko's grammar findings in text[at, end) (a paragraph: valid UTF-8, no line break),
// with offsets in bytes of the whole text.
void grammar_paragraph(VoikkoHandle* voikko, std::map<int, std::string>& descriptions, std::string_view text,
                       std::size_t at, std::size_t end, std::vector<WritingError>& out) {
  const std::string_view para = text.substr(at, end - at);
  std::vector<std::size_t> offsets;
  for (int skip = 0; skip < 64; ++skip) {
    VoikkoGrammarError* e = voikkoNextGrammarErrorCstr(voikko, para.data(), para.size(), 0, skip);
    if (!e) break;
    const int code = voikkoGetGrammarErrorCode(e);
    if (ignored_code(code)) {
      voikkoFreeGrammarError(e);
      continue;
    }
    if (offsets.empty()) offsets = char_offsets(para);
    const std::size_t from = std::min(voikkoGetGrammarErrorStartPos(e), offsets.size() - 1);
    const std::size_t to = std::min(from + voikkoGetGrammarErrorLength(e), offsets.size() - 1);
    WritingError w;
    w.kind = WritingErrorKind::grammar;
    w.code = code;
    w.begin = at + offsets[from];
    w.end = at + offsets[to];
    w.text = std::string(text.substr(w.begin, w.end - w.begin));
    const char** suggestions = voikkoGetGrammarErrorSuggestions(e);
    if (suggestions && suggestions[0]) w.suggestion = suggestions[0];
    auto d = descriptions.find(code);
    if (d == descriptions.end()) {
      char* text_fi = voikkoGetGrammarErrorShortDescription(e, "fi");
      d = descriptions.emplace(code, text_fi ? text_fi : "").first;
      if (text_fi) voikkoFreeErrorMessageCstr(text_fi);
    }
    w.description = d->second;
    voikkoFreeGrammarError(e);
    const bool smiley =
        code == 12 && w.begin > 0 && std::string_view(":;=-").find(text[w.begin - 1]) != std::string_view::npos;
    if (smiley || (code == 8 && doubled_on_purpose(w.text))) continue;
    out.push_back(std::move(w));
  }
}

}  // namespace

// The findings in paragraph `para` (at byte `at` of the checked text) appended to `out`:
// remembered, or from Voikko. Offsets are kept relative to the paragraph; a finding never
// looks outside it (the smiley test sees '\n' before a paragraph, which is no face).
void WritingChecker::Impl::grammar_of(std::string_view para, std::size_t at, std::vector<WritingError>& out) {
  const std::vector<WritingError>* found = grammar.find(para);
  std::vector<WritingError> fresh;
  if (!found) {
    grammar_paragraph(voikko, descriptions, para, 0, para.size(), fresh);
    found = &fresh;
    if (limits.paragraphs > 0 && para.size() <= limits.paragraph_bytes) found = &grammar.insert(para, std::move(fresh));
  }
  for (const WritingError& e : *found) {
    out.push_back(e);
    out.back().begin += at, out.back().end += at;
  }
}

// ---------------------------------------------------------------------------------------
// [SECTION] check

WritingChecker::WritingChecker(Language language, WritingCacheLimits limits,
                               std::shared_ptr<const Morphology> morphology)
    : impl_(std::make_unique<Impl>(limits)) {
  impl_->language = language;
  if (language == Language::fi) {
    const char* error = nullptr;
    impl_->voikko = voikkoInit(&error, "fi", nullptr);
    if (impl_->voikko) {
      // Chat lines are often unfinished sentences; the codes above filter the rest.
      voikkoSetBooleanOption(impl_->voikko, VOIKKO_OPT_ACCEPT_UNFINISHED_PARAGRAPHS_IN_GC, 1);
      voikkoSetBooleanOption(impl_->voikko, VOIKKO_OPT_IGNORE_NONWORDS, 1);
    }
    impl_->available = impl_->voikko != nullptr;
    impl_->shared = morphology ? std::move(morphology) : Morphology::get(language);  // its chat forms
  } else {
    impl_->shared = morphology ? std::move(morphology) : Morphology::get(language);
    impl_->available = impl_->shared->spell("the") == 1;
  }
}

WritingChecker::~WritingChecker() = default;
WritingChecker::WritingChecker(WritingChecker&&) noexcept = default;
WritingChecker& WritingChecker::operator=(WritingChecker&&) noexcept = default;

Language WritingChecker::language() const { return impl_->language; }
bool WritingChecker::available() const { return impl_->available; }
std::size_t WritingChecker::cached_words() const { return impl_->cache.size(); }
std::size_t WritingChecker::cached_paragraphs() const { return impl_->grammar.size(); }

std::vector<WritingError> WritingChecker::check(std::string_view text, const Tolerance& tolerance) {
  std::vector<WritingError> out;
  check(text, tolerance, out);
  return out;
}

namespace {

constexpr std::size_t k_longest_checked_word = 120;  // bytes; Voikko stops at 255 characters

// Whether the shape of a word alone makes it acceptable (digits, capitals, a name's capital).
bool shape_accepts(const Word& w) {
  if (w.digits > 0 || w.upper + w.lower == 0) return true;
  if (w.upper >= 2 && w.lower == 0) return true;        // TV, HDMI, OK
  if (w.first_upper && !w.sentence_start) return true;  // a name mid-sentence
  return w.end - w.begin > k_longest_checked_word;
}

}  // namespace

// One check() call: the text, the chat's tolerance and the checker's cache.
struct WritingChecker::Pass {
  Impl& m;
  std::string_view text;
  const Tolerance& tolerance;
  bool fi;
  bool inflected_ready = false;

  // A word of the chat's own: exactly, or in Finnish inflected (a tolerance word the
  // dictionary rejects, or a part of the customer's name, sharing all but its last three
  // letters: "Häkkiläinen" -> "Häkkiläiselle").
  bool tolerated(std::string_view word) {
    const std::string f = folded(word);
    if (tolerance.words.count(f) || (fi ? in_list(k_chat_words_fi, f) : in_list(k_chat_words_en, f))) return true;
    if (m.shared && m.shared->is_chat_form(f)) return true;  // "oon", "sulle": chat, not typos
    // Spoken Finnish drops the last vowel of -ksi: "viikoks", "huomiseks".
    if (fi && f.size() > 4 && f.ends_with("ks") && m.known(f + "i")) return true;
    if (!fi) {  // "Samsung's": the chat's word with a possessive
      for (std::string_view s : {std::string_view("'s"), std::string_view("\u2019s")})
        if (f.ends_with(s) && tolerance.words.count(f.substr(0, f.size() - s.size()))) return true;
      return false;
    }
    if (!inflected_ready) {
      inflected_ready = true;
      m.inflected.clear();
      for (const auto& t : tolerance.words)
        if (code_points(t) >= 4 && !m.known(t)) m.inflected.push_back(t);
      std::vector<Word> name;
      split_words(tolerance.customer_name, name);
      for (const Word& n : name)
        m.inflected.push_back(folded(tolerance.customer_name.substr(n.begin, n.end - n.begin)));
    }
    const std::size_t chars = code_points(f);
    for (const auto& t : m.inflected) {
      const std::size_t n = code_points(t), need = n <= 4 ? n : std::max<std::size_t>(4, n - 3);
      if (f == t || (chars >= need && common_prefix_chars(f, t) >= need)) return true;
    }
    return false;
  }

  bool accepted(const Word& w) {
    if (shape_accepts(w)) return true;
    const std::string_view word = text.substr(w.begin, w.end - w.begin);
    if (m.verdict(word).ok) return true;
    if (w.dot_after && m.verdict(std::string(word) + ".").ok) return true;  // "esim."
    if (w.after_number && in_list(k_units, folded(word))) return true;
    if (tolerated(word)) return true;
    if (w.colon) {  // "HDMI:n", "QE55:n": the abbreviation or code decides
      const std::size_t colon = text.find(':', w.begin);
      Word base = measure(text, w.begin, colon);
      base.sentence_start = w.sentence_start;
      if (shape_accepts(base) || tolerated(text.substr(w.begin, colon - w.begin))) return true;
    }
    return w.hyphen && parts_accepted(w);
  }

  // "HDMI-kaapeli": fine when a part is one the chat accepts for its shape or as its own
  // word and the others are dictionary words; "sähköposti-osoite" (all parts dictionary
  // words, the whole not) stays an error.
  bool parts_accepted(const Word& w) {
    bool special = false;
    for (std::size_t from = w.begin; from <= w.end;) {
      const std::size_t to = std::min(text.find('-', from), w.end);
      if (to == from) return false;
      Word part = measure(text, from, to);
      part.sentence_start = w.sentence_start && from == w.begin;
      const std::string_view p = text.substr(from, to - from);
      const bool by_shape = shape_accepts(part) || tolerated(p);
      if (!by_shape && !m.verdict(p).ok) return false;
      special = special || by_shape;
      from = to + 1;
    }
    return special;
  }
};

void WritingChecker::check(std::string_view text, const Tolerance& tolerance, std::vector<WritingError>& out) {
  out.clear();
  if (!impl_->available || text.empty()) return;
  Impl& m = *impl_;
  Pass pass{m, text, tolerance, m.language == Language::fi};
  split_words(text, m.words);
  for (const Word& w : m.words) {
    if (pass.accepted(w)) continue;
    WritingError e;
    e.begin = w.begin, e.end = w.end;
    e.kind = WritingErrorKind::spelling;
    e.text = std::string(text.substr(w.begin, w.end - w.begin));
    e.suggestion = m.verdict(e.text).suggestion;
    e.description = pass.fi ? "Kirjoitusvirhe" : "Spelling error";
    out.push_back(std::move(e));
  }
  if (!m.voikko) return;
  const std::size_t spelling = out.size();
  for (std::size_t at = 0; at < text.size();) {  // paragraph by paragraph
    const std::size_t nl = std::min(text.find('\n', at), text.size());
    const std::string_view para = text.substr(at, nl - at);
    // A paragraph longer than any reply (an imported log's paste) gets spelling only.
    if (para.size() <= k_max_reply_bytes && valid_utf8(para) &&
        std::any_of(para.begin(), para.end(), [](char c) { return c != ' ' && c != '\r' && c != '\t'; }))
      m.grammar_of(para, at, out);
    at = nl + 1;
  }
  std::inplace_merge(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(spelling), out.end(),
                     [](const WritingError& a, const WritingError& b) { return a.begin < b.begin; });
}

}  // namespace chatdrill::scoring
