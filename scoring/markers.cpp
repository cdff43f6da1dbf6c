// Lexicon markers in analysed tokens: whole words, stems, prefixes, suffixes and phrases
// (word sequences inside one sentence, a word ending in '*' matching as a prefix).
// Knows the lexicon's indexes only; what a marker is worth is the graders' business.
#include "text_internal.h"

#include <algorithm>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chatdrill::scoring::detail {

namespace {

struct Found {
  int marker;
  std::size_t first, last;  // token range, inclusive
};

void from_affixes(const AffixIndex& index, const std::string& word, bool prefix, std::size_t k,
                  std::vector<Found>& out) {
  for (std::size_t len : index.lengths) {
    if (prefix ? len > word.size() : len + 2 > word.size()) break;  // a suffix needs a stem before it
    const std::string key = prefix ? word.substr(0, len) : word.substr(word.size() - len);
    if (auto it = index.by_text.find(key); it != index.by_text.end())
      for (int m : it->second) out.push_back({m, k, k});
  }
}

bool word_matches(const PhraseWord& w, const Token& t, const WordMatches& m) {
  return w.prefix ? t.folded.starts_with(w.text) : m.phrase_word == w.id;
}

void from_phrase(const Lexicon& lex, int index, const std::vector<Token>& tokens,
                 const std::vector<const WordMatches*>& matches, std::size_t k, std::vector<Found>& out) {
  const Phrase& ph = lex.phrases[static_cast<std::size_t>(index)];
  if (k + ph.words.size() > tokens.size()) return;
  for (std::size_t w = 1; w < ph.words.size(); ++w) {  // the first word matched already
    const Token& t = tokens[k + w];
    if (t.sentence != tokens[k].sentence || !word_matches(ph.words[w], t, *matches[k + w])) return;
  }
  out.push_back({ph.marker, k, k + ph.words.size() - 1});
}

void lookup(const std::unordered_map<std::string, std::vector<int>>& map, const std::string& key, std::size_t k,
            std::vector<Found>& out) {
  if (auto it = map.find(key); it != map.end())
    for (int m : it->second) out.push_back({m, k, k});
}

}  // namespace

WordMatches match_word_in(const Lexicon& lex, const std::string& folded, const std::string& stem) {
  WordMatches m;
  std::vector<Found> found;
  lookup(lex.words, folded, 0, found);
  lookup(lex.stems, stem, 0, found);
  from_affixes(lex.prefixes, folded, true, 0, found);
  from_affixes(lex.suffixes, folded, false, 0, found);
  for (const auto& f : found)
    if (std::find(m.markers.begin(), m.markers.end(), f.marker) == m.markers.end()) m.markers.push_back(f.marker);
  auto add_phrases = [&](const std::vector<int>& indexes) {
    for (int p : indexes) {
      const auto& words = lex.phrases[static_cast<std::size_t>(p)].words;
      m.phrases.push_back({p, words.size() > 1 && !words[1].prefix ? words[1].id : -1});
    }
  };
  if (auto it = lex.phrases_by_first.find(folded); it != lex.phrases_by_first.end()) add_phrases(it->second);
  for (std::size_t len : lex.phrases_by_first_prefix.lengths) {
    if (len > folded.size()) break;
    if (auto it = lex.phrases_by_first_prefix.by_text.find(folded.substr(0, len));
        it != lex.phrases_by_first_prefix.by_text.end())
      add_phrases(it->second);
  }
  // By second word, those with any second word (-1) first; in lexicon order within each.
  std::stable_sort(m.phrases.begin(), m.phrases.end(),
                   [](const PhraseStart& a, const PhraseStart& b) { return a.second < b.second; });
  if (auto it = lex.phrase_words.find(folded); it != lex.phrase_words.end()) m.phrase_word = it->second;
  m.word_class = question_word_class(lex.language, folded);
  return m;
}

void find_lexicon_markers(const Lexicon& lex, const std::vector<Token>& tokens,
                          const std::vector<const WordMatches*>& matches, std::vector<MarkerHit>& out) {
  thread_local std::vector<Found> found;  // scratch kept for its capacity: no allocation per text
  found.clear();
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    for (int m : matches[k]->markers) found.push_back({m, k, k});
    const auto& starts = matches[k]->phrases;
    auto p = starts.begin();
    for (; p != starts.end() && p->second < 0; ++p) from_phrase(lex, p->phrase, tokens, matches, k, found);
    if (p == starts.end() || k + 1 >= tokens.size() || matches[k + 1]->phrase_word < 0) continue;
    const int second = matches[k + 1]->phrase_word;
    p = std::lower_bound(p, starts.end(), second, [](const PhraseStart& s, int w) { return s.second < w; });
    for (; p != starts.end() && p->second == second; ++p) from_phrase(lex, p->phrase, tokens, matches, k, found);
  }
  if (found.empty()) return;
  // One hit per stretch of text per marker: longest first, overlaps of the same id dropped.
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.last != b.last) return a.last > b.last;
    return a.marker < b.marker;  // lexicon order on ties
  });
  // marker -> first token not covered; a message hits few markers, so a short list searched
  // linearly beats zeroing one slot per lexicon marker for every message.
  thread_local std::vector<std::pair<int, std::size_t>> covered_until;
  covered_until.clear();
  out.reserve(out.size() + found.size());
  for (const auto& f : found) {
    if (f.first > 0 && tokens[f.first - 1].sentence == tokens[f.first].sentence) {
      const auto& unless = lex.unless_after[static_cast<std::size_t>(f.marker)];
      const std::string_view before = tokens[f.first - 1].folded;
      if (std::find(unless.begin(), unless.end(), before) != unless.end()) continue;
      const bool number = !before.empty() && std::all_of(before.begin(), before.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == ',' || c == '.';
      });
      if (number && std::find(unless.begin(), unless.end(), k_unless_number) != unless.end()) continue;
    }
    auto it = std::find_if(covered_until.begin(), covered_until.end(),
                           [&](const std::pair<int, std::size_t>& c) { return c.first == f.marker; });
    if (it == covered_until.end()) it = covered_until.insert(covered_until.end(), {f.marker, 0});
    if (f.first < it->second) continue;
    it->second = f.last + 1;
    out.push_back({lex.ids[static_cast<std::size_t>(f.marker)], tokens[f.first].begin, tokens[f.last].end,
                   tokens[f.first].sentence});
  }
}

}  // namespace chatdrill::scoring::detail

namespace chatdrill::scoring {

WordMatches match_word(const Lexicon& lexicon, const std::string& folded, const std::string& stem) {
  return detail::match_word_in(lexicon, folded, stem);
}

}  // namespace chatdrill::scoring
