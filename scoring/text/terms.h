// Matching on meaning: words written in their base form match every inflection (by
// lemma), a compound matches its parts written apart ("laskunumero" ~ "laskun numero") and
// its head ("numero" ~ "tilausnumero"), a phrase matches its words in any order within one
// clause with a few words between ("invoice number" ~ "the number on your invoice"), and an
// unknown word (a typo, a chat spelling) matches by stem or one edit. Used for concepts,
// the persona's intents and the graders, so they never disagree. No UI, no engine.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "scoring/core/diagnostic.h"
#include "scoring/core/json_doc.h"
#include "scoring/text.h"

namespace chatdrill::scoring {

// One word of a term as the analyser read it.
struct TermWord {
  std::string written, folded, stem;
  std::vector<std::string> lemmas, parts;
  bool known = false, negation = false;
  bool prefix = false;  // written with a trailing '*': matches words starting with it
  // A function word (pronoun, conjunction, adposition, negation: "siksi", "mitä", "your")
  // matches only as written: its lemma ("se", "mikä") would match every form of the pronoun.
  bool exact = false;
  // Written with a leading '=', it matches only as written ("=linjoilla": not "linja on ok");
  // with a leading '^', only as written and as the first word of a sentence
  // ("^päivää" greets; "14 päivää" and "aamupäivällä" do not).
  bool sentence_start = false;
};

struct Term {
  std::string text;             // as written, for explanations
  std::vector<TermWord> words;  // one: a word; more: a phrase
  bool has_negation = false;    // "en voi", "not our problem": may match in a negated clause
  int owner = 0;                // what the term belongs to (a concept number, an intent...)
  bool split = false;           // the parts of a compound term, written apart
};

struct TermHit {
  int term = 0;
  int clause = 0;
  std::size_t first = 0, last = 0;  // token range, inclusive
  bool negated = false;             // the clause is negated and the term is not a negation
  std::string_view how;             // "lemma", "compound part", "split compound", "stem", "typo", "word"
};

class TermSet {
 public:
  // Adds a word or phrase in base form ("viitenumero", "ottaa yhteyttä", "sähkö*").
  void add(const TextAnalyzer& analyzer, std::string_view text, int owner = 0);
  // Every hit in the analysis, in text order (a term at most once per clause). `cached[k]`,
  // when given, is word_candidates() of token k, worked out once per distinct word.
  void find(const Analysis& analysis, std::vector<TermHit>& out,
            const std::vector<const std::vector<int>*>* cached = nullptr) const;
  // The terms a word may take part in (by its keys, or as a typo of a term's word).
  void word_candidates(std::string_view folded, const WordInfo& info, std::vector<int>& out) const;
  // The first hit not in a negated clause (or any, when negated ones are allowed).
  std::optional<TermHit> first(const Analysis& analysis, bool allow_negated = false) const;
  const std::vector<Term>& terms() const { return terms_; }
  bool empty() const { return terms_.empty(); }

 private:
  bool word_matches(const TermWord& w, const Analysis& a, std::size_t k, std::string_view* how) const;
  // The term in clause `clause` (-1: every clause).
  void find_term(const Term& t, int index, const Analysis& a, int clause, std::vector<TermHit>& out) const;
  std::vector<Term> terms_;
  // Index: any key a matching token may carry (lemma, folded form, stem, compound head)
  // -> terms to try. Terms with prefix words or typo-prone words are tried for every text.
  std::unordered_map<std::string, std::vector<int>> by_key_;
  std::vector<int> always_;  // terms with a prefix word
  // Typos: each long word and its one-byte deletions -> terms; a token's deletions looked
  // up here find every term word within one edit (symmetric deletion).
  std::unordered_map<std::string, std::vector<int>> by_deletion_;
};

// Named concepts of one language: each a TermSet of words and phrases, a concept may
// include others ("channel.any" = every channel.*).
class ConceptSet {
 public:
  std::string file;
  std::vector<std::string_view> ids;  // interned, index = Term::owner
  std::vector<std::string> descriptions;
  TermSet terms;
  bool has(std::string_view id) const;
  int index(std::string_view id) const;  // -1 when unknown
  // The concepts found in `analysis` (needs its clauses and words); `cached` as TermSet::find.
  void find(const Analysis& analysis, std::vector<ConceptHit>& out,
            const std::vector<const std::vector<int>*>* cached = nullptr) const;
};

// Reads `chatdrill.concepts/1`: {"format", "language", "concepts": {"id": {"description",
// "words": [...], "phrases": [...], "concepts": [...]}}}; problems gathered in `diagnostics`.
ConceptSet concepts_from_doc(const JsonDoc& doc, Language language, const TextAnalyzer& analyzer,
                             Diagnostics& diagnostics);
// `morphology` null: the bundled one (Morphology::get).
std::shared_ptr<const ConceptSet> load_concepts_file(Language language, const std::string& path,
                                                     std::shared_ptr<const Morphology> morphology = nullptr);

// Damerau-Levenshtein distance of two short strings, capped: returns `cap + 1` as soon as
// the distance is known to exceed `cap`. Bytes, not code points (Finnish letters are two
// bytes, so one edit of ä is up to two).
std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t cap);

}  // namespace chatdrill::scoring
