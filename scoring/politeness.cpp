// Politeness strategies; see politeness.h. Words and phrases are matched by the language
// layer's TermSet (lemmas, typos), grammar by the words' readings; this file only adds
// where in the sentence a strategy counts and which look-alikes cancel it.
//
// [SECTION] detection
// [SECTION] reading chatdrill.politeness/1
#include "politeness.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <unordered_set>
#include <utility>

#include "text_internal.h"

namespace chatdrill::scoring {

// ---------------------------------------------------------------------------------------
// [SECTION] detection

namespace {

bool reading_matches(const StrategyForm& f, const Reading& r) {
  if (f.word_class && r.word_class != *f.word_class) return false;
  if (!f.moods.empty() && std::find(f.moods.begin(), f.moods.end(), r.mood) == f.moods.end()) return false;
  if (f.person && r.person != f.person) return false;
  if (f.plural && r.plural != *f.plural) return false;
  if (!f.lemmas.empty() && std::find(f.lemmas.begin(), f.lemmas.end(), r.lemma) == f.lemmas.end()) return false;
  return std::find(f.not_lemmas.begin(), f.not_lemmas.end(), r.lemma) == f.not_lemmas.end();
}

bool form_matches(const StrategyForm& f, const Token& t, const WordInfo& w) {
  if ((w.clitics & f.clitics) != f.clitics || (w.clitics & f.not_clitics) != 0) return false;
  if (!f.endings.empty() &&
      std::none_of(f.endings.begin(), f.endings.end(), [&](const std::string& e) { return t.folded.ends_with(e); }))
    return false;
  return std::any_of(w.readings.begin(), w.readings.end(), [&](const Reading& r) { return reading_matches(f, r); });
}

bool word_written(const TermWord& w, std::string_view folded) {
  return w.prefix ? folded.starts_with(w.folded) : folded == w.folded;
}

// An exact strategy's hit: every word of the term as written, not by lemma or stem
// ("please" is not "pleased"), a phrase without words between; a single word may also be a typo.
bool as_written(const Term& t, const Analysis& a, const TermHit& h) {
  if (t.words.size() == 1 && h.how == "typo") return true;
  if (h.last - h.first + 1 != t.words.size()) return false;  // a formula is written together
  return std::all_of(t.words.begin(), t.words.end(), [&](const TermWord& w) {
    for (std::size_t k = h.first; k <= h.last; ++k)
      if (word_written(w, a.tokens[k].folded)) return true;
    return false;
  });
}

// A formula keeps its order: "could you" asks, "you could" suggests.
bool in_order(const Term& t, const Analysis& a, const TermHit& h) {
  if (t.words.size() < 2 || t.split) return true;
  const TermWord& w = t.words.front();
  if (word_written(w, a.tokens[h.first].folded)) return true;
  if (w.exact || w.prefix) return false;
  const WordInfo& info = a.word(h.first);
  return std::any_of(w.lemmas.begin(), w.lemmas.end(), [&](const std::string& l) { return info.has_lemma(l); });
}

// The analysed text, when the tokens view it in place (TextAnalyzer keeps the text at
// the start of the analysis's storage); empty otherwise, and then no markup is skipped.
std::string_view analysed_text(const Analysis& a) {
  const Token& first = a.tokens.front();
  const Token& last = a.tokens.back();
  const char* base = first.surface.data() - first.begin;
  if (base + last.begin != last.surface.data()) return {};
  return {base, last.end};
}

bool starts_with_at(std::string_view text, std::size_t i, std::string_view what) {
  return text.size() - i >= what.size() &&
         std::equal(what.begin(), what.end(), text.begin() + static_cast<std::ptrdiff_t>(i),
                    [](char x, char y) { return (x | 0x20) == y; });
}

// Which tokens are markup, not language: words of a URL (to the next space or bracket),
// of a `code span` on one line, and an @mention. Forum requests are full of them ("see
// [fenders](http://.../whats-your-most-useful-...)" holds no "your" and no "useful").
void mark_markup(const Analysis& a, std::vector<char>& markup) {
  markup.assign(a.tokens.size(), 0);
  const std::string_view text = analysed_text(a);
  if (text.empty()) return;
  std::size_t k = 0;  // the first token not yet passed
  auto mark_until = [&](std::size_t from, std::size_t to) {
    while (k < a.tokens.size() && a.tokens[k].begin < from) ++k;
    for (std::size_t j = k; j < a.tokens.size() && a.tokens[j].begin < to; ++j) markup[j] = 1;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '`') {
      const std::size_t close = text.find_first_of("`\n", i + 1);
      if (close == std::string_view::npos || text[close] != '`') continue;
      mark_until(i, close);
      i = close;
    } else if ((c == 'h' || c == 'H' || c == 'w' || c == 'W') &&
               (i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]))) &&
               (starts_with_at(text, i, "http://") || starts_with_at(text, i, "https://") ||
                starts_with_at(text, i, "www."))) {
      std::size_t end = text.find_first_of(" \t\r\n)]>\"", i);
      if (end == std::string_view::npos) end = text.size();
      mark_until(i, end);
      i = end - 1;
    }
  }
  for (std::size_t j = 0; j < a.tokens.size(); ++j)
    if (a.tokens[j].begin > 0 && text[a.tokens[j].begin - 1] == '@') markup[j] = 1;
}

}  // namespace

int PolitenessModel::index(std::string_view id) const {
  for (std::size_t i = 0; i < strategies.size(); ++i)
    if (strategies[i].id == id) return static_cast<int>(i);
  return -1;
}

std::vector<StrategyHit> PolitenessModel::find(const Analysis& analysis) const {
  std::vector<StrategyHit> out;
  find(analysis, out);
  return out;
}

void PolitenessModel::find(const Analysis& a, std::vector<StrategyHit>& out) const {
  if (a.tokens.empty() || a.sentences.empty() || a.clauses.empty()) return;
  thread_local std::vector<TermHit> hits, cancels;  // scratch: no allocation per text
  thread_local std::vector<char> markup;
  thread_local std::vector<std::size_t> opening;  // per sentence: its first two words that are not markup
  hits.clear();
  cancels.clear();
  mark_markup(a, markup);
  opening.assign(2 * a.sentences.size(), a.tokens.size());
  for (std::size_t k = 0; k < a.tokens.size(); ++k) {
    std::size_t* o = &opening[2 * static_cast<std::size_t>(a.tokens[k].sentence)];
    if (markup[k]) continue;
    if (o[0] == a.tokens.size()) o[0] = k;
    else if (o[1] == a.tokens.size()) o[1] = k;
  }
  std::size_t message_start = 0;
  while (message_start < a.tokens.size() && markup[message_start]) ++message_start;
  terms.find(a, hits);
  except.find(a, cancels);
  const std::size_t before = out.size();
  thread_local std::unordered_set<std::uint64_t> seen;  // (strategy, sentence) already found
  seen.clear();
  for (const auto& o : out)
    seen.insert((static_cast<std::uint64_t>(o.strategy) << 32) | static_cast<std::uint32_t>(o.sentence));
  auto add = [&](int s, std::size_t first, std::size_t last) {
    const Strategy& st = strategies[static_cast<std::size_t>(s)];
    const Token& t = a.tokens[first];
    if (markup[first]) return;
    const std::size_t* o = &opening[2 * static_cast<std::size_t>(t.sentence)];
    switch (st.position) {
      case StrategyPosition::anywhere: break;
      case StrategyPosition::sentence_start:
        if (first != o[0]) return;
        break;
      case StrategyPosition::not_sentence_start:
        if (first == o[0]) return;
        break;
      case StrategyPosition::message_start:
        if (first != message_start) return;
        break;
      case StrategyPosition::sentence_opening:
        if (first != o[0] && first != o[1]) return;
        break;
    }
    if (!st.in_negated_clause && a.clauses[static_cast<std::size_t>(t.clause)].negated) return;
    if (st.in_question_only && !a.sentences[static_cast<std::size_t>(t.sentence)].is_question) return;
    // Cancels are in text order and a few words long: only those starting shortly before
    // `first` can overlap (a long message stays linear).
    auto c = std::lower_bound(cancels.begin(), cancels.end(), first > 16 ? first - 16 : 0,
                              [](const TermHit& h, std::size_t from) { return h.first < from; });
    for (; c != cancels.end() && c->first <= last; ++c)
      if (except.terms()[static_cast<std::size_t>(c->term)].owner == s && first <= c->last) return;
    if (!seen.insert((static_cast<std::uint64_t>(s) << 32) | static_cast<std::uint32_t>(t.sentence)).second) return;
    out.push_back({st.id, first, last, t.sentence, s, st.weight});
  };
  for (const auto& h : hits) {
    const Term& term = terms.terms()[static_cast<std::size_t>(h.term)];
    const Strategy& st = strategies[static_cast<std::size_t>(term.owner)];
    if ((st.exact && !as_written(term, a, h)) || !in_order(term, a, h)) continue;
    add(term.owner, h.first, h.last);
  }
  for (std::size_t s = 0; s < strategies.size(); ++s) {
    const auto& forms = strategies[s].forms;
    if (forms.empty()) continue;
    for (std::size_t k = 0; k < a.tokens.size(); ++k)
      if (std::any_of(forms.begin(), forms.end(),
                      [&](const StrategyForm& f) { return form_matches(f, a.tokens[k], a.word(k)); }))
        add(static_cast<int>(s), k, k);
  }
  std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
                   [](const StrategyHit& x, const StrategyHit& y) { return x.first < y.first; });
}

double PolitenessModel::score_of_presence(const std::vector<double>& present) const {
  double z = intercept;
  for (std::size_t s = 0; s < strategies.size() && s < present.size(); ++s) z += strategies[s].weight * present[s];
  return 100.0 / (1.0 + std::exp(-z));
}

double PolitenessModel::score(const std::vector<StrategyHit>& hits) const {
  std::vector<double> present(strategies.size(), 0.0);
  for (const auto& h : hits)
    if (h.strategy >= 0 && static_cast<std::size_t>(h.strategy) < present.size())
      present[static_cast<std::size_t>(h.strategy)] = 1;
  return score_of_presence(present);
}

std::vector<StrategyHit> find_strategies(const Analysis& analysis, Language language) {
  return load_politeness(language)->find(analysis);
}

double politeness_score(const std::vector<StrategyHit>& hits, Language language) {
  return load_politeness(language)->score(hits);
}

// ---------------------------------------------------------------------------------------
// [SECTION] reading chatdrill.politeness/1

namespace {

struct Reader {
  const JsonDoc& doc;
  Diagnostics& out;
  void error(const std::string& path, std::string message) { out.push_back(doc.diag(path, std::move(message))); }

  // A string or a list of strings.
  std::vector<std::string> strings(const Json& v, const std::string& path) {
    std::vector<std::string> list;
    if (v.is_string() && !v.get<std::string>().empty()) return {v.get<std::string>()};
    if (!v.is_array()) {
      error(path, "must be a string or a list of strings");
      return list;
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i].is_string() && !v[i].get<std::string>().empty()) list.push_back(v[i].get<std::string>());
      else error(element_path(path, i), "must be a non-empty string");
    }
    return list;
  }

  template <typename T, std::size_t N>
  std::optional<T> named(const Json& v, const std::string& path, const std::pair<const char*, T> (&names)[N],
                         const char* what) {
    if (v.is_string())
      for (const auto& [name, value] : names)
        if (v.get<std::string>() == name) return value;
    std::string all;
    for (const auto& [name, value] : names) all += (all.empty() ? "" : ", ") + std::string(name);
    error(path, fmt::format("must be {}: {}", what, all));
    return std::nullopt;
  }

  bool boolean(const Json& v, const std::string& path) {
    if (v.is_boolean()) return v.get<bool>();
    error(path, "must be true or false");
    return false;
  }

  double number(const Json& v, const std::string& path) {
    if (v.is_number() && std::isfinite(v.get<double>())) return v.get<double>();
    error(path, "must be a number");
    return 0;
  }
};

constexpr std::pair<const char*, WordClass> k_classes[] = {{"noun", WordClass::noun},
                                                           {"adjective", WordClass::adjective},
                                                           {"verb", WordClass::verb},
                                                           {"adverb", WordClass::adverb},
                                                           {"pronoun", WordClass::pronoun},
                                                           {"conjunction", WordClass::conjunction},
                                                           {"interjection", WordClass::interjection},
                                                           {"negation", WordClass::negation}};
constexpr std::pair<const char*, Mood> k_moods[] = {{"indicative", Mood::indicative},
                                                    {"imperative", Mood::imperative},
                                                    {"conditional", Mood::conditional},
                                                    {"potential", Mood::potential}};
constexpr std::pair<const char*, std::uint8_t> k_clitics[] = {
    {"ko", k_clitic_ko}, {"han", k_clitic_han}, {"pa", k_clitic_pa}, {"kin", k_clitic_kin}, {"kaan", k_clitic_kaan}};
constexpr std::pair<const char*, StrategyPosition> k_positions[] = {
    {"anywhere", StrategyPosition::anywhere},
    {"sentence_start", StrategyPosition::sentence_start},
    {"not_sentence_start", StrategyPosition::not_sentence_start},
    {"message_start", StrategyPosition::message_start},
    {"sentence_opening", StrategyPosition::sentence_opening}};

StrategyForm read_form(Reader& r, const Json& body, const std::string& path, const TextAnalyzer& analyzer) {
  StrategyForm f;
  if (!body.is_object()) {
    r.error(path, "must be an object (class, mood, person, plural, clitic, not_clitic, lemma, not_lemma, ends)");
    return f;
  }
  auto clitic_bits = [&](const Json& v, const std::string& p) {
    std::uint8_t bits = 0;
    for (const auto& c : r.strings(v, p))
      if (auto b = r.named(Json(c), p, k_clitics, "a clitic")) bits |= *b;
    return bits;
  };
  for (const auto& [field, v] : body.items()) {
    const std::string p = member_path(path, field);
    if (field == "class") f.word_class = r.named(v, p, k_classes, "a word class");
    else if (field == "mood") {
      for (const auto& m : r.strings(v, p))
        if (auto mood = r.named(Json(m), p, k_moods, "a mood")) f.moods.push_back(*mood);
    } else if (field == "person") {
      if (v.is_number_integer() && v.get<int>() >= 1 && v.get<int>() <= 4) f.person = v.get<int>();
      else r.error(p, "must be 1, 2, 3 or 4 (the passive)");
    } else if (field == "plural") f.plural = r.boolean(v, p);
    else if (field == "clitic") f.clitics = clitic_bits(v, p);
    else if (field == "not_clitic") f.not_clitics = clitic_bits(v, p);
    else if (field == "lemma" || field == "not_lemma") {
      auto& list = field == "lemma" ? f.lemmas : f.not_lemmas;
      for (const auto& l : r.strings(v, p)) list.push_back(analyzer.fold(l));
    } else if (field == "ends") {
      for (const auto& e : r.strings(v, p)) f.endings.push_back(analyzer.fold(e));
    } else if (field.empty() || field[0] != '_') {
      r.error(p, fmt::format("unknown field \"{}\"", field));
    }
  }
  return f;
}

void read_strategy(Reader& r, PolitenessModel& m, const std::string& id, const Json& body, const std::string& path,
                   const TextAnalyzer& analyzer) {
  const int index = static_cast<int>(m.strategies.size());
  Strategy s;
  s.id = intern_id(id);
  s.rule = intern_id("politeness.strategy." + id);
  if (!body.is_object()) {
    r.error(path, "must be an object with \"label\", \"weight\" and words, phrases or forms");
    m.strategies.push_back(std::move(s));
    return;
  }
  if (!body.contains("label") || !body["label"].is_string()) r.error(path, "needs a \"label\" string (said in notes)");
  if (!body.contains("weight")) r.error(path, "needs a \"weight\" (the fitted coefficient)");
  bool cues = false;
  for (const auto& [field, v] : body.items()) {
    const std::string p = member_path(path, field);
    if (field == "label") s.label = v.is_string() ? v.get<std::string>() : "";
    else if (field == "weight") s.weight = r.number(v, p);
    else if (field == "as") {
      if (v.is_string()) s.as = v.get<std::string>();
      else r.error(p, "must be the id of an English strategy");
    } else if (field == "description") {
      if (!v.is_string()) r.error(p, "must be a string");
    } else if (field == "words" || field == "phrases") {
      for (const auto& text : r.strings(v, p)) m.terms.add(analyzer, text, index);
      cues = true;
    } else if (field == "except") {
      for (const auto& text : r.strings(v, p)) m.except.add(analyzer, text, index);
    } else if (field == "at") {
      s.position = r.named(v, p, k_positions, "a position").value_or(StrategyPosition::anywhere);
    } else if (field == "exact") s.exact = r.boolean(v, p);
    else if (field == "in_negated_clause") s.in_negated_clause = r.boolean(v, p);
    else if (field == "in_question") s.in_question_only = r.boolean(v, p);
    else if (field == "forms") {
      if (!v.is_array()) r.error(p, "must be a list of forms");
      else
        for (std::size_t i = 0; i < v.size(); ++i) s.forms.push_back(read_form(r, v[i], element_path(p, i), analyzer));
      cues = true;
    } else if (field.empty() || field[0] != '_') {
      r.error(p, fmt::format("unknown field \"{}\" (label, weight, as, description, words, phrases, forms, except, "
                             "at, exact, in_negated_clause, in_question)",
                             field));
    }
  }
  if (!cues) r.error(path, "needs \"words\", \"phrases\" or \"forms\"");
  m.strategies.push_back(std::move(s));
}

}  // namespace

PolitenessModel politeness_from_doc(const JsonDoc& doc, Language language, const TextAnalyzer& analyzer,
                                    Diagnostics& diagnostics) {
  PolitenessModel m;
  m.language = language;
  m.file = doc.file;
  Reader r{doc, diagnostics};
  const Json& root = doc.root;
  if (!root.is_object() || !root.contains("format") || root["format"] != k_politeness_format) {
    r.error(root.is_object() && root.contains("format") ? "format" : "",
            fmt::format("\"format\" must be \"{}\"", k_politeness_format));
    return m;
  }
  if (!root.contains("language") || root["language"] != language_code(language))
    r.error(root.contains("language") ? "language" : "",
            fmt::format("\"language\" must be \"{}\"", language_code(language)));
  if (root.contains("intercept")) m.intercept = r.number(root["intercept"], "intercept");
  if (root.contains("points_per_logit")) m.points_per_logit = r.number(root["points_per_logit"], "points_per_logit");
  if (!root.contains("strategies") || !root["strategies"].is_object()) {
    r.error("strategies", "\"strategies\" must be an object of strategy ids");
    return m;
  }
  for (const auto& [id, body] : root["strategies"].items())
    if (!id.empty() && id[0] != '_') read_strategy(r, m, id, body, member_path("strategies", id), analyzer);
  return m;
}

std::shared_ptr<const PolitenessModel> load_politeness_file(Language language, const std::string& path,
                                                            std::shared_ptr<const Morphology> morphology) {
  return detail::read_language_data<PolitenessModel>(language, path, politeness_from_doc, std::move(morphology));
}

std::shared_ptr<const PolitenessModel> load_politeness(Language language) {
  return detail::once_per_language<PolitenessModel>(
      language, "scoring/lexicons/{}-politeness.json",
      [](Language l, const std::string& path) { return load_politeness_file(l, path); });
}

}  // namespace chatdrill::scoring
