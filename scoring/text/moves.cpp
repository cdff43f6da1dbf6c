// Clauses and moves; see moves.h. The rules read concepts (data: scenarios/concepts/) and
// grammar (person, mood, negation from morphology.h); the words themselves live in data.
//
// [SECTION] clauses
// [SECTION] grammar    first person, directives, stated hold times
// [SECTION] moves
#include "moves.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <unordered_set>

namespace chatdrill::scoring {

const char* move_name(MoveKind kind) {
  static constexpr std::array<const char*, 15> names = {
      "greeting",  "thanks",         "apology", "empathy",  "question",  "hold",      "checkin", "ownership",
      "next_step", "channel_bounce", "blame",   "rudeness", "dismissal", "open_door", "farewell"};
  return names[static_cast<std::size_t>(kind)];
}

std::optional<MoveKind> parse_move(std::string_view name) {
  for (int k = 0; k <= static_cast<int>(MoveKind::farewell); ++k)
    if (name == move_name(static_cast<MoveKind>(k))) return static_cast<MoveKind>(k);
  return std::nullopt;
}

bool Analysis::has_concept(std::string_view id) const {
  return std::any_of(concepts.begin(), concepts.end(), [&](const ConceptHit& c) { return !c.negated && c.id == id; });
}

bool Analysis::has_move(MoveKind kind) const { return move(kind) != nullptr; }

const Move* Analysis::move(MoveKind kind) const {
  for (const auto& m : moves)
    if (m.kind == kind) return &m;
  return nullptr;
}

std::size_t Analysis::content_words() const {
  std::size_t n = 0;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    const WordInfo& w = word(k);
    if (w.any(WordClass::pronoun) || w.any(WordClass::conjunction) || w.any(WordClass::interjection) ||
        w.any(WordClass::adposition) || w.any(WordClass::name) || w.negation || w.has_lemma("olla") ||
        w.has_lemma("be") || t.folded.size() < 3)
      continue;
    const bool courtesy = std::any_of(markers.begin(), markers.end(), [&](const MarkerHit& m) {
      return m.id.starts_with("courtesy.") && m.begin <= t.begin && t.end <= m.end;
    });
    const bool filler = std::any_of(concepts.begin(), concepts.end(), [&](const ConceptHit& c) {
      return c.id == "courtesy.filler" && c.first <= k && k <= c.last;
    });
    n += courtesy || filler ? 0 : 1;
  }
  return n;
}

namespace detail {

// ---------------------------------------------------------------------------------------
// [SECTION] clauses

namespace {

bool clause_break_between(std::string_view text, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to && i < text.size(); ++i) {
    const char c = text[i];
    if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')') return true;
    if (c == '-' && i > from && i + 1 < to && text[i - 1] == ' ' && text[i + 1] == ' ') return true;
    // en dash and em dash: E2 80 93 / E2 80 94
    if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < text.size() &&
        static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) == 0x93 || static_cast<unsigned char>(text[i + 2]) == 0x94))
      return true;
  }
  return false;
}

bool starts_clause(Language language, std::string_view folded) {
  static constexpr std::array<std::string_view, 11> fi = {"ja",    "mutta", "että", "koska", "sekä",  "vaan",
                                                          "jotta", "tai",   "jos",  "kun",   "vaikka"};
  static constexpr std::array<std::string_view, 9> en = {"and", "but",  "so",       "because", "or",
                                                         "if",  "when", "although", "though"};
  if (language == Language::fi) return std::find(fi.begin(), fi.end(), folded) != fi.end();
  return std::find(en.begin(), en.end(), folded) != en.end();
}

// A negation that asks rather than denies: "eikö", "ettekö", "don't you ..?", "can't you ..?"
bool negative_question_word(Language language, const Analysis& a, std::size_t k, const Clause& c) {
  const WordInfo& w = a.word(k);
  if (language == Language::fi) return (w.clitics & k_clitic_ko) != 0;
  return c.question && k == c.first_token && a.tokens[k].folded.ends_with("n't");
}

// Spoken Finnish "et" is "että" ("sano et se käy") unless a connegative verb follows
// ("et voi", "et ole"): only then is it the negation "you do not".
bool colloquial_that(Language language, const Analysis& a, std::size_t k) {
  if (language != Language::fi || a.tokens[k].folded != "et") return false;
  const int sentence = a.tokens[k].sentence;
  std::size_t n = k + 1;  // the verb comes next, or after "sinä"/"sä" ("et sä voi")
  if (n < a.tokens.size() && a.tokens[n].sentence == sentence && a.word(n).any(WordClass::pronoun) &&
      a.word(n).any_person(2))
    ++n;
  if (n >= a.tokens.size() || a.tokens[n].sentence != sentence) return true;
  for (const auto& r : a.word(n).readings)  // the connegative reads like the imperative ("et ole" / "ole!")
    if (r.connegative || (r.word_class == WordClass::verb && r.mood == Mood::imperative && r.person == 2 && !r.plural))
      return false;
  return true;
}

}  // namespace

void split_clauses(std::string_view text, Language language, Analysis& a) {
  a.clauses.clear();
  for (std::size_t s = 0; s < a.sentences.size(); ++s) {
    const Sentence& sentence = a.sentences[s];
    const std::size_t from = sentence.first_token, to = from + sentence.token_count;
    for (std::size_t k = from; k < to; ++k) {
      const bool fresh = k == from || clause_break_between(text, a.tokens[k - 1].end, a.tokens[k].begin) ||
                         ((starts_clause(language, a.tokens[k].folded) || colloquial_that(language, a, k)) && k > from);
      if (fresh) a.clauses.push_back({k, 0, static_cast<int>(s), false, sentence.is_question});
      Clause& c = a.clauses.back();
      ++c.token_count;
      a.tokens[k].clause = static_cast<int>(a.clauses.size() - 1);
    }
  }
  for (auto& c : a.clauses)
    for (std::size_t k = c.first_token; k < c.first_token + c.token_count; ++k)
      if (a.word(k).negation && !negative_question_word(language, a, k, c) && !colloquial_that(language, a, k))
        c.negated = true;
}

// ---------------------------------------------------------------------------------------
// [SECTION] grammar

namespace {

struct ClauseView {
  const Analysis& a;
  const Clause& c;
  std::size_t begin() const { return c.first_token; }
  std::size_t end() const { return c.first_token + c.token_count; }
};

// The concept hits of one clause. Hits are in text order, so a clause's hits are one run:
// found by binary search, a long message's clauses stay linear.
std::pair<std::vector<ConceptHit>::const_iterator, std::vector<ConceptHit>::const_iterator> clause_hits(
    const Analysis& a, int clause) {
  const auto lo = std::lower_bound(a.concepts.begin(), a.concepts.end(), clause,
                                   [](const ConceptHit& h, int c) { return h.clause < c; });
  auto hi = lo;
  while (hi != a.concepts.end() && hi->clause == clause) ++hi;
  return {lo, hi};
}

bool has_hit(const Analysis& a, int clause, std::string_view id, bool allow_negated = false) {
  const auto [lo, hi] = clause_hits(a, clause);
  return std::any_of(lo, hi, [&](const ConceptHit& h) { return h.id == id && (allow_negated || !h.negated); });
}

// A verb of contacting beside the channel: "email us", "send it by email". The channel word
// alone as the verb ("email") does not count where the customer receives it: "you will
// receive a confirmation email" tells them what we send, it sends them nowhere.
bool contact_verb(const Analysis& a, int clause, const ConceptHit& channel) {
  const auto [lo, hi] = clause_hits(a, clause);
  bool same_word = false, receives = false;
  for (auto h = lo; h != hi; ++h) {
    if (h->negated) continue;
    if (h->id == "contact.receive") receives = true;
    if (h->id != "contact.verb") continue;
    if (h->last < channel.first || h->first > channel.last) return true;
    same_word = true;
  }
  return same_word && !receives;
}

const ConceptHit* hit_with_prefix(const Analysis& a, int clause, std::string_view prefix, std::string_view except) {
  const auto [lo, hi] = clause_hits(a, clause);
  for (auto h = lo; h != hi; ++h)
    if (!h->negated && h->id.starts_with(prefix) && h->id != except) return &*h;
  return nullptr;
}

bool is_verb_reading(const Reading& r) {
  return r.word_class == WordClass::verb || r.word_class == WordClass::negation;
}

// The speaker acts: "tarkistan", "lähetän", "voin", "I'll", "we will", "let me".
bool first_person(Language language, const ClauseView& v) {
  for (std::size_t k = v.begin(); k < v.end(); ++k) {
    const WordInfo& w = v.a.word(k);
    const std::string_view f = v.a.tokens[k].folded;
    if (language == Language::fi) {
      // A word that can be a noun in the nominative ("reititin": router, or "I route") is read
      // as the noun; other cases stay verbs ("teen": of tea, or "I do").
      const bool noun = std::any_of(w.readings.begin(), w.readings.end(), [](const Reading& r) {
        return (r.word_class == WordClass::noun || r.word_class == WordClass::name) && r.grammatical_case == "nimento";
      });
      for (const auto& r : w.readings)
        if (is_verb_reading(r) && r.person == 1 && r.mood != Mood::imperative && !noun) return true;
      // The passive of spoken Finnish is "we": "katsotaan", "hoidetaan", "selvitetään".
      const bool imperative = std::any_of(w.readings.begin(), w.readings.end(),
                                          [](const Reading& r) { return r.mood == Mood::imperative && r.person == 2; });
      for (const auto& r : w.readings)
        if (r.word_class == WordClass::verb && r.person == 4 && r.mood == Mood::indicative && !r.connegative &&
            !imperative && k == v.begin())
          return true;
    } else {
      static constexpr std::array<std::string_view, 11> subjects = {"i",    "we",    "i'll", "we'll", "i'm", "we're",
                                                                    "i've", "we've", "i'd",  "we'd",  "im"};
      if (std::find(subjects.begin(), subjects.end(), f) != subjects.end()) return true;
      if (f == "let" && k + 1 < v.end() && (v.a.tokens[k + 1].folded == "me" || v.a.tokens[k + 1].folded == "us"))
        return true;
      if (f == "let's") return true;
    }
  }
  return false;
}

// An English clause with a subject of its own ("and they'll handle it") does not take the
// subject of the clause before it.
bool has_own_subject(const ClauseView& v) {
  for (std::size_t k = v.begin(); k < v.end(); ++k)
    if (v.a.word(k).any_person(3) || v.a.word(k).any_person(2)) return true;
  return false;
}

// The speaker names themself: "minun olisi pitänyt", "meidän puolestamme" (Finnish
// pronouns of the first person in any case), for moves that are about whom they blame.
bool names_speaker(Language language, const ClauseView& v) {
  if (language != Language::fi) return false;
  for (std::size_t k = v.begin(); k < v.end(); ++k)
    for (const auto& r : v.a.word(k).readings)
      if (r.word_class == WordClass::pronoun && r.person == 1) return true;
  return false;
}

// Finnish counterfactual blame: "olisitte valinneet", "olisit lukenut" (you would have).
bool counterfactual_you(Language language, const ClauseView& v) {
  if (language != Language::fi) return false;
  bool would_you = false, participle = false;
  for (std::size_t k = v.begin(); k < v.end(); ++k)
    for (const auto& r : v.a.word(k).readings) {
      would_you = would_you || (r.lemma == "olla" && r.mood == Mood::conditional && r.person == 2);
      participle = participle || r.mood == Mood::participle;
    }
  return would_you && participle;
}

bool past_first_person(Language language, const ClauseView& v) {
  for (std::size_t k = v.begin(); k < v.end(); ++k) {
    const WordInfo& w = v.a.word(k);
    if (language == Language::fi) {
      for (const auto& r : w.readings)
        if (r.word_class == WordClass::verb && r.person == 1 && r.tense == Tense::past) return true;
    } else if (v.a.tokens[k].folded.ends_with("ed") && k > v.begin() &&
               (v.a.tokens[k - 1].folded == "i" || v.a.tokens[k - 1].folded == "we")) {
      return true;
    }
  }
  return false;
}

bool en_skippable_lead(std::string_view f) {
  static constexpr std::array<std::string_view, 16> lead = {"please", "just",  "kindly",  "simply", "then", "so",
                                                            "ok",     "okay",  "also",    "again",  "and",  "but",
                                                            "now",    "maybe", "perhaps", "first"};
  return std::find(lead.begin(), lead.end(), f) != lead.end();
}

// The customer is told to act: an imperative, "voitte / you can / you should", "kannattaa".
bool directive(Language language, const Morphology& m, const ClauseView& v) {
  const Analysis& a = v.a;
  if (language == Language::fi) {
    // "Kuljettaja voi soittaa": a subject in the nominative before the verb says who acts;
    // only the generic "voi lähettää" (no subject) is said to the customer.
    bool subject = false;
    for (std::size_t k = v.begin(); k < v.end(); ++k) {
      const auto& readings = a.word(k).readings;
      bool verb = false;
      for (const auto& r : readings) {
        if (r.word_class != WordClass::verb) continue;
        verb = true;
        if (r.mood == Mood::imperative && r.person == 2 && !r.modal) return true;  // "voi" is "can", not "be able!"
        if (r.person == 2 && r.lemma != "olla" && (r.mood == Mood::indicative || r.mood == Mood::conditional) &&
            r.tense != Tense::past)
          return true;
        if (r.modal && r.person == 3 && !r.plural && r.lemma != "saada" && !subject)
          return true;  // "voi lähettää", "kannattaa"
      }
      if (!verb && !readings.empty() && std::all_of(readings.begin(), readings.end(), [](const Reading& r) {
            return (r.word_class == WordClass::noun || r.word_class == WordClass::name ||
                    (r.word_class == WordClass::pronoun && r.person == 3)) &&
                   r.grammatical_case == "nimento";
          }))
        subject = true;
    }
    return false;
  }
  // English: a clause that starts with an instruction verb, "please" + verb, "you" + modal.
  std::size_t k = v.begin();
  bool please = false;
  while (k < v.end() && en_skippable_lead(a.tokens[k].folded)) please = please || a.tokens[k].folded == "please", ++k;
  if (k < v.end()) {
    const WordInfo& w = a.word(k);
    const std::string_view f = a.tokens[k].folded;
    const bool to_customer = k + 1 < v.end() && (a.tokens[k + 1].folded == "you" || a.tokens[k + 1].folded == "u");
    // An instruction is the bare verb: "Calls and texts work", "Sending it" are not.
    const bool bare = !(f.size() > w.stem.size() && (f.ends_with("s") || f.ends_with("ing") || f.ends_with("ed")));
    if (!w.any(WordClass::pronoun) && !w.negation && bare && m.is_directive_verb(w.stem) && !to_customer) return true;
  }
  for (std::size_t j = v.begin(); j < v.end(); ++j) {
    const std::string_view f = a.tokens[j].folded;
    if (please && m.is_directive_verb(a.word(j).stem)) return true;
    if (f == "you" || f == "you'll" || f == "u") {
      for (std::size_t n = j + 1; n < std::min(v.end(), j + 4); ++n) {
        const WordInfo& w = a.word(n);
        if (w.readings.front().modal || a.tokens[n].folded == "have" || a.tokens[n].folded == "need") return true;
        if (m.is_directive_verb(w.stem) && n == j + 1) return true;  // "you send it to ..."
      }
      if (f == "you'll") return true;
    }
    if ((f == "best" || f == "better") && j + 1 < v.end() && a.tokens[j + 1].folded == "to") return true;
    // Impersonal: "complaints have to be filed", "it can be sent by email".
    if (j + 1 < v.end() && a.tokens[j + 1].folded == "be" && (f == "must" || f == "can" || f == "should" || f == "to"))
      return true;
  }
  return false;
}

// A time the agent states in a hold: "2 minuuttia", "pari minuuttia", "a couple of minutes".
double stated_seconds(const Analysis& a) {
  static const std::map<std::string_view, double> counts = {
      {"yksi", 1},  {"kaksi", 2},     {"pari", 2}, {"kolme", 3}, {"muutama", 3}, {"neljä", 4},
      {"viisi", 5}, {"kymmenen", 10}, {"one", 1},  {"a", 1},     {"two", 2},     {"couple", 2},
      {"three", 3}, {"few", 3},       {"four", 4}, {"five", 5},  {"ten", 10}};
  for (const auto& h : a.concepts) {
    const bool minutes = h.id == "time.minute", seconds = h.id == "time.second";
    if (!minutes && !seconds) continue;
    double n = 1;
    for (std::size_t back = 1; back <= 3 && h.first >= back; ++back) {
      const Token& t = a.tokens[h.first - back];
      if (t.clause != a.tokens[h.first].clause) break;
      if (!t.folded.empty() &&
          std::all_of(t.folded.begin(), t.folded.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
          t.folded.size() <= 3) {
        n = std::stod(std::string(t.folded));
        break;
      }
      bool found = false;
      for (const auto& l : a.word(h.first - back).lemmas)
        if (auto it = counts.find(l); it != counts.end()) n = it->second, found = true;
      if (auto it = counts.find(t.folded); it != counts.end()) n = it->second, found = true;
      if (found) break;
    }
    // "a sec", "one moment" say "briefly", not a time: under half a minute is no stated time.
    const double stated = n * (minutes ? 60.0 : 1.0);
    return stated >= 30 ? stated : 0;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------
// [SECTION] moves

// (kind, clause) pairs detect_moves has added: each move once per clause, in constant time
// (a message of thousands of clauses stays linear). Cleared by detect_moves.
thread_local std::unordered_set<std::uint64_t> t_added;

void add(Analysis& a, MoveKind kind, int clause, std::string_view rule, double seconds = 0) {
  const Clause& c = a.clauses[static_cast<std::size_t>(clause)];
  if (!t_added.insert((static_cast<std::uint64_t>(clause) << 8) | static_cast<std::uint8_t>(kind)).second) return;
  // `rule` is a literal, a marker id or a concept id: all live for the whole run.
  a.moves.push_back({kind, clause, c.first_token, c.first_token + c.token_count - 1, rule, seconds});
}

int clause_of_bytes(const Analysis& a, std::size_t begin) {
  const auto it = std::lower_bound(a.tokens.begin(), a.tokens.end(), begin,
                                   [](const Token& t, std::size_t b) { return t.begin < b; });
  if (it != a.tokens.end()) return it->clause;
  return a.tokens.empty() ? 0 : a.tokens.back().clause;
}

}  // namespace

void detect_moves(Language language, const Morphology& morph, Analysis& a) {
  a.moves.clear();
  t_added.clear();
  if (a.clauses.empty()) return;
  static const std::map<std::string_view, MoveKind> from_markers = {
      {"courtesy.greeting", MoveKind::greeting}, {"courtesy.gratitude", MoveKind::thanks},
      {"courtesy.apology", MoveKind::apology},   {"courtesy.empathy", MoveKind::empathy},
      {"courtesy.farewell", MoveKind::farewell}, {"negative.rude", MoveKind::rudeness}};
  for (const auto& m : a.markers)
    if (auto it = from_markers.find(m.id); it != from_markers.end())
      add(a, it->second, clause_of_bytes(a, m.begin), m.id);
  const double seconds = stated_seconds(a);
  for (std::size_t ci = 0; ci < a.clauses.size(); ++ci) {
    const int c = static_cast<int>(ci);
    const Clause& clause = a.clauses[ci];
    const ClauseView v{a, clause};
    // "I'll check it and call you": a clause joined by "and" keeps the subject before it.
    bool me = first_person(language, v);
    if (!me && ci > 0 && a.clauses[ci - 1].sentence == clause.sentence && language == Language::en &&
        (a.tokens[clause.first_token].folded == "and" || a.tokens[clause.first_token].folded == "then") &&
        !has_own_subject(v))
      me = first_person(language, ClauseView{a, a.clauses[ci - 1]});
    const bool details = has_hit(a, c, "contact.details");
    const ConceptHit* channel = hit_with_prefix(a, c, "channel.", "channel.here");
    if (clause.question && (ci == 0 || a.clauses[ci - 1].sentence != clause.sentence))
      add(a, MoveKind::question, c, "question");
    if (has_hit(a, c, "greeting")) add(a, MoveKind::greeting, c, "greeting");
    if (has_hit(a, c, "checkin")) add(a, MoveKind::checkin, c, "checkin");
    // "I should have asked" is no blame; "olisitte valinneet" is.
    if (!me && !names_speaker(language, v) && (has_hit(a, c, "blame", true) || counterfactual_you(language, v)))
      add(a, MoveKind::blame, c, "blame");
    if (has_hit(a, c, "dismissal", true)) add(a, MoveKind::dismissal, c, "dismissal");
    if (details && !clause.negated) add(a, MoveKind::ownership, c, "contact.details");
    // A self-service channel (the website, a form) is a redirect whatever the verb: "you
    // can cancel it yourself on our website"; other channels need a verb of contacting.
    const bool self_service = channel && (channel->id == "channel.web" || channel->id == "channel.form");
    const bool bounce = channel && (self_service || contact_verb(a, c, *channel)) && !details && !clause.negated &&
                        !me && directive(language, morph, v);
    if (bounce) add(a, MoveKind::channel_bounce, c, channel->id);
    if (!bounce && has_hit(a, c, "open_door")) add(a, MoveKind::open_door, c, "open_door");
    const bool past = past_first_person(language, v);
    const bool later = has_hit(a, c, "time.later");  // "katsotaan myöhemmin" puts off, not holds
    if (!clause.question && !past && !later && (has_hit(a, c, "hold") || (me && has_hit(a, c, "hold.check"))))
      add(a, MoveKind::hold, c, has_hit(a, c, "hold") ? "hold" : "hold.check", seconds);
    if (me && !clause.negated && !past && has_hit(a, c, "ownership")) add(a, MoveKind::ownership, c, "ownership");
    if (me && !clause.negated && !past && !clause.question && has_hit(a, c, "next_step"))
      add(a, MoveKind::next_step, c, "next_step");
  }
  std::stable_sort(a.moves.begin(), a.moves.end(), [](const Move& x, const Move& y) { return x.first < y.first; });
}

}  // namespace detail
}  // namespace chatdrill::scoring
