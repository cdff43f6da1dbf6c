// Terms matched on meaning, and the concept files built of them; see terms.h.
//
// [SECTION] distance   bounded Damerau-Levenshtein for typos
// [SECTION] terms      adding terms, matching one word, phrases in any order in a clause
// [SECTION] concepts   chatdrill.concepts/1 files
#include "terms.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>

#include "scoring/core/paths.h"
#include "scoring/lexicon.h"
#include "scoring/text_internal.h"

namespace chatdrill::scoring {

// ---------------------------------------------------------------------------------------
// [SECTION] distance

std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t cap) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > cap) return cap + 1;
  if (a.size() > 64 || b.size() > 64) return a == b ? 0 : cap + 1;  // words, not texts
  // Banded rows of the optimal-string-alignment distance.
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, prev2[j - 2] + 1);
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > cap) return cap + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], cap + 1);
}

// ---------------------------------------------------------------------------------------
// [SECTION] terms

namespace {

// Typos are looked for only in words long enough that one edit does not make another word.
constexpr std::size_t k_typo_min_bytes = 5;
// A phrase may have this many other words among its own within a clause.
constexpr std::size_t k_phrase_gap = 3;

TermWord term_word(const TextAnalyzer& analyzer, std::string_view written) {
  TermWord w;
  w.written = written;
  if (!written.empty() && written.back() == '*') {
    w.prefix = true;
    written.remove_suffix(1);
  }
  w.folded = analyzer.fold(written);
  if (w.prefix) return w;
  auto info = analyzer.word_info(written);
  w.stem = info->stem;
  // A keyword means its own lemmas (and the verb a noun is made from), not the verb of a
  // participle: "kysyttävä" must not match every "kysyä".
  for (const auto& r : info->readings) {
    if (std::find(w.lemmas.begin(), w.lemmas.end(), r.lemma) == w.lemmas.end()) w.lemmas.push_back(r.lemma);
    if (!r.verb.empty() && r.mood != Mood::participle &&
        std::find(w.lemmas.begin(), w.lemmas.end(), r.verb) == w.lemmas.end())
      w.lemmas.push_back(r.verb);
  }
  if (info->readings.empty()) w.lemmas = info->lemmas;
  // "shouldn't" in a keyword means that word; only "not" stands for every "n't" form.
  if (w.folded.size() > 3 && w.folded.ends_with("n't")) w.lemmas = {w.folded};
  for (const auto& l : info->lemmas)  // English stems
    if (std::find(w.lemmas.begin(), w.lemmas.end(), l) == w.lemmas.end() && l == info->stem) w.lemmas.push_back(l);
  w.parts = info->parts;
  w.known = info->known;
  w.negation = info->negation;
  w.exact = !info->negation &&
            (info->any(WordClass::pronoun) || info->any(WordClass::conjunction) || info->any(WordClass::adposition));
  return w;
}

bool contains_run(const std::vector<std::string>& haystack, const std::vector<std::string>& run) {
  if (run.empty() || run.size() > haystack.size()) return false;
  return std::search(haystack.begin(), haystack.end(), run.begin(), run.end()) != haystack.end();
}

}  // namespace

void TermSet::add(const TextAnalyzer& analyzer, std::string_view text, int owner) {
  Term t;
  t.text = text;
  t.owner = owner;
  // Words as the tokenizer cuts them, keeping a trailing '*' on the word it follows.
  const TokenList tokens = analyzer.tokenize(text);
  for (const auto& tok : tokens) {
    const bool star = tok.end < text.size() && text[tok.end] == '*';
    t.words.push_back(term_word(analyzer, star ? std::string(tok.surface) + "*" : std::string(tok.surface)));
    if (tok.begin > 0 && text[tok.begin - 1] == '^') t.words.back().sentence_start = t.words.back().exact = true;
    if (tok.begin > 0 && text[tok.begin - 1] == '=') t.words.back().exact = true;
    t.has_negation = t.has_negation || t.words.back().negation;
  }
  if (t.words.empty()) return;
  const int index = static_cast<int>(terms_.size());
  bool has_prefix = false;
  // A phrase needs all its words in one clause, so one word finds it: the longest (the
  // least common, as a rule), not "olla" or "the" that every text holds.
  const TermWord* anchor = nullptr;
  for (const auto& w : t.words)
    if (!w.prefix && (!anchor || w.folded.size() > anchor->folded.size())) anchor = &w;
  for (const auto& w : t.words) {
    if (w.prefix) {
      has_prefix = true;  // prefixes are tried on every text
      continue;
    }
    if (&w != anchor) continue;
    std::vector<std::string> keys = w.exact ? std::vector<std::string>{} : w.lemmas;
    keys.push_back(w.folded);
    if (!w.stem.empty()) keys.push_back(w.stem);
    for (const auto& p : w.parts) keys.push_back(p);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (const auto& k : keys) {
      auto& list = by_key_[k];
      if (list.empty() || list.back() != index) list.push_back(index);
    }
    if (w.folded.size() >= k_typo_min_bytes)
      for (const std::string& base : {w.folded, w.stem}) {
        if (base.size() < 4) continue;
        auto& self = by_deletion_[base];
        if (self.empty() || self.back() != index) self.push_back(index);
        for (std::size_t i = 0; i < base.size(); ++i) {
          auto& list = by_deletion_[base.substr(0, i) + base.substr(i + 1)];
          if (list.empty() || list.back() != index) list.push_back(index);
        }
      }
  }
  if (has_prefix) always_.push_back(index);
  // A compound written in one word also matches its parts written apart.
  const bool split = t.words.size() == 1 && t.words[0].parts.size() >= 2;
  Term parts;
  if (split) {
    parts.text = t.text;
    parts.owner = owner;
    parts.split = true;
    for (const auto& p : t.words[0].parts) parts.words.push_back(term_word(analyzer, p));
  }
  terms_.push_back(std::move(t));
  if (split) {
    const int pi = static_cast<int>(terms_.size());
    const TermWord* longest = &parts.words.front();
    for (const auto& w : parts.words)
      if (w.folded.size() > longest->folded.size()) longest = &w;
    for (const auto& k : longest->lemmas) by_key_[k].push_back(pi);
    if (std::find(longest->lemmas.begin(), longest->lemmas.end(), longest->folded) == longest->lemmas.end())
      by_key_[longest->folded].push_back(pi);
    terms_.push_back(std::move(parts));
  }
}

bool TermSet::word_matches(const TermWord& w, const Analysis& a, std::size_t k, std::string_view* how) const {
  const Token& t = a.tokens[k];
  const WordInfo& info = a.word(k);
  auto say = [how](std::string_view h) {
    if (how) *how = h;
    return true;
  };
  if (w.prefix) return t.folded.starts_with(w.folded) && say("prefix");
  if (w.sentence_start && (k > 0 && a.tokens[k - 1].sentence == t.sentence)) return false;
  if (t.folded == w.folded) return say("word");
  if (w.exact) return false;
  for (const auto& l : w.lemmas)
    if (info.has_lemma(l)) return say("lemma");
  if (!info.parts.empty()) {
    if (w.parts.size() >= 2 && contains_run(info.parts, w.parts)) return say("compound part");
    if (w.parts.empty())
      for (const auto& l : w.lemmas)
        if (info.parts.back() == l) return say("compound head");
  }
  if ((!info.known || !w.known) && !info.is_number && w.stem.size() >= 3 && info.stem == w.stem) return say("stem");
  if (!info.known && !info.is_number && w.folded.size() >= k_typo_min_bytes && t.folded.size() >= k_typo_min_bytes) {
    if (bounded_edit_distance(t.folded, w.folded, 1) <= 1) return say("typo");
    if (w.stem.size() >= 4 && info.stem.size() >= 4 && bounded_edit_distance(info.stem, w.stem, 1) <= 1)
      return say("typo");
  }
  return false;
}

void TermSet::find_term(const Term& term, int index, const Analysis& a, int only, std::vector<TermHit>& out) const {
  const std::size_t n = term.words.size();
  const std::size_t first_clause = only < 0 ? 0 : static_cast<std::size_t>(only);
  const std::size_t end_clause = only < 0 ? a.clauses.size() : first_clause + 1;
  for (std::size_t c = first_clause; c < end_clause; ++c) {
    const Clause& clause = a.clauses[c];
    const std::size_t from = clause.first_token, to = from + clause.token_count;
    if (n == 1) {  // most terms: the first word that matches is the hit, nothing to arrange
      for (std::size_t k = from; k < to; ++k) {
        std::string_view how;
        if (!word_matches(term.words[0], a, k, &how)) continue;
        out.push_back({index, static_cast<int>(c), k, k, clause.negated && !term.has_negation, how});
        break;
      }
      continue;
    }
    // Candidate tokens of each word, in this clause.
    std::vector<std::vector<std::pair<std::size_t, std::string_view>>> cands(n);
    bool all = true;
    for (std::size_t w = 0; w < n && all; ++w) {
      for (std::size_t k = from; k < to; ++k) {
        std::string_view how;
        if (word_matches(term.words[w], a, k, &how)) cands[w].push_back({k, how});
      }
      all = !cands[w].empty();
    }
    if (!all) continue;
    // Distinct tokens for the words, as close together as possible (any order).
    std::size_t best_lo = 0, best_hi = 0;
    bool found = false;
    std::string_view best_how;
    std::vector<std::size_t> used;
    std::function<void(std::size_t, std::size_t, std::size_t, std::string_view)> pick =
        [&](std::size_t w, std::size_t lo, std::size_t hi, std::string_view how) {
          if (found && hi - lo >= best_hi - best_lo) return;
          if (w == n) {
            found = true, best_lo = lo, best_hi = hi, best_how = how;
            return;
          }
          for (const auto& [k, h] : cands[w]) {
            if (std::find(used.begin(), used.end(), k) != used.end()) continue;
            used.push_back(k);
            pick(w + 1, w == 0 ? k : std::min(lo, k), w == 0 ? k : std::max(hi, k), w == 0 ? h : how);
            used.pop_back();
          }
        };
    pick(0, 0, 0, {});
    if (!found || best_hi - best_lo + 1 > n + k_phrase_gap) continue;
    out.push_back({index, static_cast<int>(c), best_lo, best_hi, clause.negated && !term.has_negation,
                   term.split ? std::string_view("split compound")
                   : n > 1    ? std::string_view("phrase")
                              : best_how});
  }
}

void TermSet::word_candidates(std::string_view folded, const WordInfo& info, std::vector<int>& out) const {
  const std::size_t from = out.size();
  std::string key(folded);
  auto add_key = [&](const std::string& k) {
    if (auto it = by_key_.find(k); it != by_key_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  };
  add_key(key);
  for (const auto& l : info.lemmas)
    if (l != key) add_key(l);
  if (!info.stem.empty() && info.stem != key) add_key(info.stem);
  for (const auto& p : info.parts) add_key(p);
  // An unknown word may be a typo of a term's word: look up its one-byte deletions.
  if (!info.known && !info.is_number && key.size() >= k_typo_min_bytes && !by_deletion_.empty()) {
    auto add_deletions = [&](const std::string& base) {
      auto add = [&](const std::string& d) {
        if (auto it = by_deletion_.find(d); it != by_deletion_.end())
          out.insert(out.end(), it->second.begin(), it->second.end());
      };
      add(base);
      for (std::size_t i = 0; i < base.size(); ++i) add(base.substr(0, i) + base.substr(i + 1));
    };
    add_deletions(key);
    if (info.stem.size() >= 4 && info.stem != key) add_deletions(info.stem);
  }
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(from), out.end());
  out.erase(std::unique(out.begin() + static_cast<std::ptrdiff_t>(from), out.end()), out.end());
}

void TermSet::find(const Analysis& a, std::vector<TermHit>& out,
                   const std::vector<const std::vector<int>*>* cached) const {
  if (terms_.empty() || a.tokens.empty()) return;
  // (term, clause) pairs to verify: a term is only looked for in the clauses of the tokens
  // whose keys point at it.
  thread_local std::vector<std::pair<int, int>> candidates;  // scratch: no allocation per text
  thread_local std::vector<int> mine;
  candidates.clear();
  for (int index : always_) candidates.push_back({index, -1});
  for (std::size_t k = 0; k < a.tokens.size(); ++k) {
    const std::vector<int>* terms = cached && k < cached->size() ? (*cached)[k] : nullptr;
    if (!terms) {
      mine.clear();
      word_candidates(a.tokens[k].folded, a.word(k), mine);
      terms = &mine;
    }
    for (int index : *terms) candidates.push_back({index, a.tokens[k].clause});
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  const std::size_t before = out.size();
  int everywhere = -1;  // a term looked for in every clause (its -1 sorts first) needs no other pass
  for (const auto& [index, in_clause] : candidates) {
    if (in_clause < 0) everywhere = index;
    else if (index == everywhere) continue;
    find_term(terms_[static_cast<std::size_t>(index)], index, a, in_clause, out);
  }
  std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
                   [](const TermHit& x, const TermHit& y) { return x.first < y.first; });
}

std::optional<TermHit> TermSet::first(const Analysis& a, bool allow_negated) const {
  std::vector<TermHit> hits;
  find(a, hits);
  for (const auto& h : hits)
    if (allow_negated || !h.negated) return h;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------
// [SECTION] concepts

inline constexpr const char* k_concepts_format = "chatdrill.concepts/1";

bool ConceptSet::has(std::string_view id) const { return index(id) >= 0; }

int ConceptSet::index(std::string_view id) const {
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (ids[i] == id) return static_cast<int>(i);
  return -1;
}

void ConceptSet::find(const Analysis& analysis, std::vector<ConceptHit>& out,
                      const std::vector<const std::vector<int>*>* cached) const {
  thread_local std::vector<TermHit> hits;  // scratch: no allocation per text
  hits.clear();
  terms.find(analysis, hits, cached);
  for (const auto& h : hits) {
    const std::string_view id = ids[static_cast<std::size_t>(terms.terms()[static_cast<std::size_t>(h.term)].owner)];
    const bool seen = std::any_of(out.begin(), out.end(), [&](const ConceptHit& c) {
      return c.id == id && c.clause == h.clause && c.negated == h.negated;
    });
    if (!seen) out.push_back({id, h.clause, h.first, h.last, h.negated});
  }
}

ConceptSet concepts_from_doc(const JsonDoc& doc, Language language, const TextAnalyzer& analyzer,
                             Diagnostics& diagnostics) {
  ConceptSet set;
  set.file = doc.file;
  const Json& root = doc.root;
  if (!root.is_object() || !root.contains("format") || root["format"] != k_concepts_format) {
    diagnostics.push_back(doc.diag(root.is_object() && root.contains("format") ? "format" : "",
                                   fmt::format("\"format\" must be \"{}\"", k_concepts_format)));
    return set;
  }
  if (!root.contains("language") || root["language"] != language_code(language))
    diagnostics.push_back(doc.diag(root.contains("language") ? "language" : "",
                                   fmt::format("\"language\" must be \"{}\"", language_code(language))));
  if (!root.contains("concepts") || !root["concepts"].is_object()) {
    diagnostics.push_back(doc.diag("concepts", "\"concepts\" must be an object of concept ids"));
    return set;
  }
  // Words and phrases per concept first, includes resolved after all are read.
  std::vector<std::vector<std::string>> own;
  std::vector<std::vector<std::pair<std::string, std::string>>> includes;  // id, path
  for (const auto& [id, body] : root["concepts"].items()) {
    if (!id.empty() && (id[0] == '_' || id[0] == '$')) continue;
    const std::string path = member_path("concepts", id);
    set.ids.push_back(intern_id(id));
    own.emplace_back();
    includes.emplace_back();
    set.descriptions.emplace_back();
    if (!body.is_object()) {
      diagnostics.push_back(doc.diag(path, "must be an object with \"words\", \"phrases\" or \"concepts\""));
      continue;
    }
    for (const auto& [field, value] : body.items()) {
      const std::string fpath = member_path(path, field);
      if (field == "description") {
        if (value.is_string()) set.descriptions.back() = value.get<std::string>();
        else diagnostics.push_back(doc.diag(fpath, "must be a string"));
        continue;
      }
      if (field != "words" && field != "phrases" && field != "concepts") {
        if (field.empty() || field[0] != '_')
          diagnostics.push_back(
              doc.diag(fpath, fmt::format("unknown field \"{}\" (description, words, phrases, concepts)", field)));
        continue;
      }
      if (!value.is_array()) {
        diagnostics.push_back(doc.diag(fpath, "must be a list of strings"));
        continue;
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_string() || value[i].get<std::string>().empty()) {
          diagnostics.push_back(doc.diag(element_path(fpath, i), "must be a non-empty string"));
          continue;
        }
        if (field == "concepts") includes.back().push_back({value[i].get<std::string>(), element_path(fpath, i)});
        else own.back().push_back(value[i].get<std::string>());
      }
    }
  }
  // Each concept's terms: its own, then those of the concepts it includes (cycles cut).
  for (std::size_t c = 0; c < set.ids.size(); ++c) {
    std::vector<std::string> all;
    std::set<std::size_t> seen{c};
    std::function<void(std::size_t)> gather = [&](std::size_t at) {
      all.insert(all.end(), own[at].begin(), own[at].end());
      for (const auto& [inc, path] : includes[at]) {
        const int i = set.index(inc);
        if (i < 0) {
          if (at == c) diagnostics.push_back(doc.diag(path, fmt::format("unknown concept \"{}\"", inc)));
          continue;
        }
        if (seen.insert(static_cast<std::size_t>(i)).second) gather(static_cast<std::size_t>(i));
      }
    };
    gather(c);
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    for (const auto& text : all) set.terms.add(analyzer, text, static_cast<int>(c));
  }
  return set;
}

std::shared_ptr<const ConceptSet> load_concepts_file(Language language, const std::string& path,
                                                     std::shared_ptr<const Morphology> morphology) {
  return detail::read_language_data<ConceptSet>(language, path, concepts_from_doc, std::move(morphology));
}

std::shared_ptr<const ConceptSet> no_concepts() {
  static const auto empty = std::make_shared<const ConceptSet>();
  return empty;
}

std::shared_ptr<const ConceptSet> load_concepts(Language language) {
  return detail::once_per_language<ConceptSet>(
      language, "scenarios/concepts/{}.json",
      [](Language l, const std::string& path) { return load_concepts_file(l, path); });
}

}  // namespace chatdrill::scoring
