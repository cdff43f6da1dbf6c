// Sentences and question detection for Finnish and English chat. Finnish questions are
// recognised on folded surface forms BEFORE stemming, since Snowball strips the -ko/-kö
// clitic (onko -> on). Knows only tokens and text; no lexicon, no grades.
#include "text_internal.h"

#include <array>
#include <string_view>
#include <unordered_map>

namespace chatdrill::scoring::detail {

namespace {

template <std::size_t N>
bool one_of(std::string_view w, const std::array<std::string_view, N>& list) {
  for (auto x : list)
    if (x == w) return true;
  return false;
}

// Abbreviations whose '.' does not end a sentence.
constexpr auto k_abbreviations =
    std::to_array<std::string_view>({"esim", "ns", "mm",  "yms", "jne", "klo", "ks", "puh", "n",  "ts",    "ym",
                                     "tms",  "mr", "mrs", "ms",  "dr",  "eg",  "ie", "etc", "vs", "approx"});

bool is_terminator_at(std::string_view text, std::size_t i, std::size_t& len) {
  const char c = text[i];
  if (c == '.' || c == '!' || c == '?') {
    len = 1;
    return true;
  }
  if (text.substr(i, 3) == "\xE2\x80\xA6") {
    len = 3;
    return true;
  }  // …
  return false;
}

bool is_closer(char c) { return c == ')' || c == '"' || c == '\''; }

}  // namespace

void split_sentences(std::string_view text, std::vector<Token>& tokens, const std::vector<std::uint32_t>& marks,
                     std::vector<Sentence>& out) {
  out.clear();
  out.reserve(4);  // chat messages have a few sentences: one allocation, not three
  std::size_t start = 0, tok = 0;
  auto close = [&](std::size_t end) {
    const std::size_t first = tok;
    while (tok < tokens.size() && tokens[tok].begin < end) tokens[tok++].sentence = static_cast<int>(out.size());
    if (tok > first) out.push_back(Sentence{start, end, false, first, tok - first});
    start = end;
  };
  std::size_t from = 0;  // marks before this were inside a run already handled
  for (const std::uint32_t mark : marks) {
    const std::size_t i = mark;
    if (i < from || i >= text.size()) continue;
    std::size_t len = 0;
    const char c = text[i];
    if (c == '\n') {
      close(i);
      start = from = i + 1;
      continue;
    }
    if (!is_terminator_at(text, i, len)) {
      from = i + 1;
      continue;
    }
    const bool single_dot = text[i] == '.';
    const std::size_t run_start = i;
    std::size_t j = i + len;
    while (j < text.size() && (is_terminator_at(text, j, len) || is_closer(text[j]))) j += is_closer(text[j]) ? 1 : len;
    const bool at_break = j >= text.size() || text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r';
    bool abbreviation = false;
    if (single_dot && j == run_start + 1 && tok < tokens.size() + 1) {
      // The word right before the dot (tokens before `run_start` that end there).
      for (std::size_t k = tok; k < tokens.size() && tokens[k].begin < run_start; ++k)
        if (tokens[k].end == run_start)
          abbreviation = tokens[k].folded.size() <= 6 && one_of(tokens[k].folded, k_abbreviations);
    }
    if (at_break && !abbreviation) close(j);
    from = j;
  }
  close(text.size());
}

namespace {

// Finnish: interrogative pronouns and adverbs (folded, without enclitics).
constexpr auto k_fi_interrogatives = std::to_array<std::string_view>(
    {"mikä",      "mitä",      "minkä",     "mitkä",       "missä",       "mistä",       "mihin",       "millä",
     "miltä",     "mille",     "miksi",     "miten",       "mitenkä",     "kuinka",      "milloin",     "minne",
     "kuka",      "kenen",     "kenelle",   "keneltä",     "kenet",       "ketä",        "keitä",       "ketkä",
     "kenellä",   "kumpi",     "kumman",    "kumpaa",      "kumpaan",     "kummalla",    "millainen",   "millaisen",
     "millaista", "millaiset", "millaisia", "minkälainen", "minkälaisen", "minkälaista", "minkälaisia", "montako",
     "paljonko",  "moneltako", "monelta",   "miksei",      "mites",       "mikäs",       "mitäs",       "missäs",
     "kuinkas",   "milloinka", "minkä_",    "mistäs",      "mihinkä",     "kenenkä",     "kauanko"});

// Words ending in -ko/-kö that are not the question clitic.
constexpr auto k_fi_not_clitic =
    std::to_array<std::string_view>({"koko", "marko", "niko", "heiko", "ruoko", "jako", "haiko", "sako"});

// Particles that may open a question without changing it ("No onko...", "Entä jos...").
constexpr auto k_fi_lead =
    std::to_array<std::string_view>({"no", "noh", "ja", "mutta", "eli", "siis", "sitten", "niin", "okei", "joo"});
constexpr auto k_en_lead =
    std::to_array<std::string_view>({"so", "and", "but", "ok", "okay", "well", "also", "then", "oh", "alright", "now"});

constexpr auto k_en_wh =
    std::to_array<std::string_view>({"what", "why", "how", "when", "where", "which", "who", "whom", "whose", "what's",
                                     "where's", "how's", "who's", "whats", "hows"});
constexpr auto k_en_aux = std::to_array<std::string_view>(
    {"can",    "could",   "would",    "will",     "do",        "does",    "did",    "is",    "are",
     "was",    "were",    "may",      "might",    "shall",     "should",  "have",   "has",   "had",
     "am",     "must",    "can't",    "won't",    "don't",     "doesn't", "didn't", "isn't", "aren't",
     "wasn't", "weren't", "wouldn't", "couldn't", "shouldn't", "haven't", "hasn't", "cannot"});
// What follows an inverted auxiliary in a question: a subject.
constexpr auto k_en_subjects = std::to_array<std::string_view>(
    {"i",     "you",    "we",      "they",     "he",         "she",     "it",       "there",
     "this",  "that",   "these",   "those",    "the",        "your",    "my",       "our",
     "their", "anyone", "someone", "anything", "everything", "anybody", "somebody", "everyone"});
constexpr auto k_en_pronouns = std::to_array<std::string_view>({"i", "we", "you", "they", "he", "she", "it"});

// Words a short lead-in before a comma may hold ("Hei Maija, onko...", "Thanks, could you..."),
// besides names; a lead-in like "Tarkistan, onko..." makes an indirect question instead.
constexpr auto k_fi_interjections = std::to_array<std::string_view>(
    {"hei",   "moi",    "moikka",   "terve", "selvä",    "okei", "ok",  "kiitos",   "kiitoksia", "hyvä",  "aivan",
     "joo",   "juu",    "niin",     "no",    "anteeksi", "ahaa", "aha", "ai",       "hmm",       "jaaha", "tervetuloa",
     "hyvää", "päivää", "huomenta", "iltaa", "kyllä",    "just", "jep", "mahtavaa", "hienoa",    "kiva",  "selvä"});
constexpr auto k_en_interjections = std::to_array<std::string_view>(
    {"hi",         "hello", "hey",     "thanks", "thank", "you",    "ok",      "okay",      "sure",
     "great",      "right", "alright", "sorry",  "well",  "so",     "yes",     "no",        "perfect",
     "understood", "i",     "see",     "cheers", "dear",  "good",   "morning", "afternoon", "evening",
     "oh",         "ah",    "got",     "it",     "fine",  "lovely", "welcome"});

// Strips Finnish enclitics -han/-hän, -pa/-pä, -s (onkohan -> onko, mikähän -> mikä).
std::string_view fi_strip_enclitic(std::string_view w) {
  for (std::string_view e : {"han", "hän", "pa", "pä"}) {
    if (w.size() > e.size() + 2 && w.ends_with(e)) return w.substr(0, w.size() - e.size());
  }
  return w;
}

bool fi_has_question_clitic(std::string_view w) {
  w = fi_strip_enclitic(w);
  if (w.ends_with("s") && w.size() > 4) {
    const auto bare = w.substr(0, w.size() - 1);  // onkos -> onko
    if (bare.ends_with("ko") || bare.ends_with("kö")) w = bare;
  }
  const bool ko = w.ends_with("ko") && w.size() >= 4;
  const bool koe = w.ends_with("kö") && w.size() >= 5;  // 'ö' is two bytes
  if (!ko && !koe) return false;
  if (w.ends_with("kko") || w.ends_with("kkö")) return false;  // pakko, verkko, joukko
  return !one_of(w, k_fi_not_clitic);
}

bool fi_clause_is_question(const std::vector<const WordMatches*>& words, std::size_t k, std::size_t end) {
  const unsigned c = words[k]->word_class;
  return (c & (k_word_fi_clitic | k_word_fi_interrogative)) || (k + 1 < end && (c & k_word_fi_what_about));
}

bool en_clause_is_question(const std::vector<Token>& tokens, const std::vector<const WordMatches*>& words,
                           std::size_t k, std::size_t end, bool has_comma) {
  const unsigned c = words[k]->word_class;
  if (k + 1 >= end) return false;
  const unsigned next = words[k + 1]->word_class;
  if (c & k_word_en_wh) {
    const std::string_view w = tokens[k].folded;
    if (next & k_word_en_article) return false;                                               // What a pity.
    if (w != "who" && w != "whose" && (next & k_word_en_pronoun)) return false;               // What I can do is...
    if ((w == "when" || w == "where") && has_comma && !(next & k_word_en_aux)) return false;  // When it arrives, ...
    return true;
  }
  return (c & k_word_en_aux) && (next & k_word_en_subject);
}

// True if there is a comma between tokens k-1 and k.
bool comma_before(std::string_view text, const std::vector<Token>& tokens, std::size_t k) {
  for (std::size_t i = tokens[k - 1].end; i < tokens[k].begin; ++i)  // gaps are a byte or two: no memchr call
    if (text[i] == ',') return true;
  return false;
}

}  // namespace

namespace {

using WordBits = std::unordered_map<std::string_view, unsigned>;

template <std::size_t N>
void add_words(WordBits& bits, const std::array<std::string_view, N>& words, unsigned bit) {
  for (auto w : words) bits[w] |= bit;
}

// Every listed word with its bits, built once: a word new to an analyser costs one lookup
// here instead of a compare against every list (new words are order numbers, names...).
const WordBits& listed_words(Language language) {
  static const WordBits fi = [] {
    WordBits b;
    add_words(b, k_fi_interrogatives, k_word_fi_interrogative);
    add_words(b, std::to_array<std::string_view>({"entä", "entäs"}), k_word_fi_what_about);
    add_words(b, k_fi_lead, k_word_lead);
    add_words(b, k_fi_interjections, k_word_interjection);
    add_words(b, std::to_array<std::string_view>({"eikö", "eikös", "ettekö", "etkö"}), k_word_fi_tag);
    b["vai"] |= k_word_fi_or;
    b["niin"] |= k_word_fi_so;
    return b;
  }();
  static const WordBits en = [] {
    WordBits b;
    add_words(b, k_en_wh, k_word_en_wh);
    add_words(b, k_en_aux, k_word_en_aux);
    add_words(b, k_en_subjects, k_word_en_subject);
    add_words(b, k_en_pronouns, k_word_en_pronoun);
    add_words(b, std::to_array<std::string_view>({"a", "an"}), k_word_en_article);
    add_words(b, k_en_lead, k_word_lead);
    add_words(b, k_en_interjections, k_word_interjection);
    return b;
  }();
  return language == Language::fi ? fi : en;
}

unsigned bits_of(const WordBits& bits, std::string_view w) {
  const auto it = bits.find(w);
  return it == bits.end() ? 0 : it->second;
}

}  // namespace

unsigned question_word_class(Language language, std::string_view w) {
  const WordBits& bits = listed_words(language);
  unsigned c = bits_of(bits, w);
  if (language == Language::fi) {
    if (fi_has_question_clitic(w)) c |= k_word_fi_clitic;
    // mikähän, mitäs: an interrogative under an enclitic
    if (const auto bare = fi_strip_enclitic(w); bare != w) c |= bits_of(bits, bare) & k_word_fi_interrogative;
  }
  return c;
}

bool is_question_sentence(Language language, std::string_view text, const std::vector<Token>& tokens,
                          const std::vector<const WordMatches*>& words, const Sentence& s, bool has_question_mark) {
  if (has_question_mark) return true;
  const std::size_t first = s.first_token, end = s.first_token + s.token_count;
  if (first >= end) return false;
  bool has_comma = false;
  for (std::size_t k = first + 1; k < end && !has_comma; ++k) has_comma = comma_before(text, tokens, k);
  // Clause starts: the sentence start past lead particles, and after a short lead-in that
  // ends in a comma ("Hei Maija, onko...", "Thanks, could you...").
  std::array<std::size_t, 2> starts{};  // at most the sentence start and one lead-in
  std::size_t start_count = 0;
  auto push_start = [&](std::size_t k) {
    while (k + 1 < end && (words[k]->word_class & k_word_lead)) ++k;
    starts[start_count++] = k;
  };
  push_start(first);
  for (std::size_t k = first + 1; k < end && k <= first + 3; ++k) {
    if (!comma_before(text, tokens, k)) continue;
    bool lead_in = true;
    for (std::size_t j = first; j < k && lead_in; ++j) {
      const bool name = j > first && tokens[j].surface != tokens[j].folded && !tokens[j].all_caps;
      lead_in = name || (words[j]->word_class & k_word_interjection);
    }
    if (lead_in) push_start(k);
    break;
  }
  for (std::size_t n = 0; n < start_count; ++n) {
    const std::size_t k = starts[n];
    if (language == Language::fi ? fi_clause_is_question(words, k, end)
                                 : en_clause_is_question(tokens, words, k, end, has_comma))
      return true;
  }
  if (language == Language::fi) {
    // Tag questions: "Tilaus on tulossa, eikö niin".
    for (std::size_t k = first + 1; k < end; ++k) {
      const unsigned c = words[k]->word_class;
      if ((c & k_word_fi_tag) && comma_before(text, tokens, k)) return true;
      // Either/or: "Punainen vai sininen" ("Vai niin." is "I see").
      if ((c & k_word_fi_or) && !(k + 2 == end && (words[k + 1]->word_class & k_word_fi_so))) return true;
    }
  }
  return false;
}

}  // namespace chatdrill::scoring::detail
