// Scenario lints; see scenario_lint.h. Matching rules mirror matcher.cpp: keywords are
// folded whole words (several words become a phrase), stems are compared with each word's
// stem, prefixes with folded word starts, phrases are runs of folded words.
//
// [SECTION] words as the matcher sees them
// [SECTION] shadowed intents
// [SECTION] words that never match
// [SECTION] endings without tests
// [SECTION] twin drift
#include "scenario_lint.h"

#include "scoring/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace chatdrill::engine {

using scoring::Diagnostics;
using scoring::element_path;
using scoring::JsonDoc;
using scoring::member_path;
using scoring::Severity;

namespace {

// ---------------------------------------------------------------------------------------
// [SECTION] words as the matcher sees them

using Words = std::vector<std::string>;

Words folded_words(const scoring::TextAnalyzer& a, const std::string& text) {
  Words out;
  for (const auto& t : a.tokenize(text)) out.emplace_back(t.folded);
  return out;
}

bool contains(const Words& list, const std::string& w) { return std::find(list.begin(), list.end(), w) != list.end(); }
bool starts_with(const std::string& s, const std::string& p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

// A matcher prepared the way the engine prepares it.
struct Prepared {
  bool any = false;
  Words keywords, stems, prefixes;
  std::vector<Words> phrases;
};

Prepared prepare(const Matcher& m, const scoring::TextAnalyzer& a) {
  Prepared p;
  p.any = m.any;
  for (const auto& k : m.keywords) {
    auto words = folded_words(a, k);
    if (words.size() == 1) p.keywords.push_back(words[0]);
    else if (words.size() > 1) p.phrases.push_back(std::move(words));
  }
  for (const auto& ph : m.phrases)
    if (auto words = folded_words(a, ph); !words.empty()) p.phrases.push_back(std::move(words));
  for (const auto& s : m.stems)
    for (const auto& t : a.tokenize(s)) {
      p.stems.emplace_back(t.folded);
      p.stems.emplace_back(t.stem);
    }
  for (const auto& pre : m.prefixes)
    if (auto f = a.fold(pre); !f.empty()) p.prefixes.push_back(f);
  return p;
}

// ---------------------------------------------------------------------------------------
// [SECTION] shadowed intents

// Does every reply holding the (folded) word `w` match `m`?
bool catches_word(const Prepared& m, const std::string& w, const scoring::TextAnalyzer& a) {
  if (m.any || contains(m.keywords, w) || contains(m.stems, a.stem(w))) return true;
  for (const auto& p : m.prefixes)
    if (starts_with(w, p)) return true;
  return std::any_of(m.phrases.begin(), m.phrases.end(), [&](const Words& ph) { return ph.size() == 1 && ph[0] == w; });
}

bool catches_phrase(const Prepared& m, const Words& phrase, const scoring::TextAnalyzer& a) {
  for (const auto& w : phrase)
    if (catches_word(m, w, a)) return true;
  for (const auto& mine : m.phrases)
    if (std::search(phrase.begin(), phrase.end(), mine.begin(), mine.end()) != phrase.end()) return true;
  return false;
}

// The entries of `later` that `earlier` does not catch; an empty result means `later` is dead.
std::size_t uncaught_entries(const Prepared& earlier, const Prepared& later, const scoring::TextAnalyzer& a,
                             std::vector<bool>& caught) {
  std::size_t k = 0, left = 0;
  auto mark = [&](bool hit) {
    if (hit) caught[k] = true;
    left += !caught[k];
    ++k;
  };
  mark(earlier.any);  // entry 0: "any" (pre-marked as caught when later has no "any")
  for (const auto& w : later.keywords) mark(catches_word(earlier, w, a));
  for (std::size_t i = 0; i < later.stems.size(); i += 2)  // folded form and stem, a pair per written stem
    mark(earlier.any || (contains(earlier.stems, later.stems[i]) && contains(earlier.stems, later.stems[i + 1])));
  for (const auto& p : later.prefixes)
    mark(earlier.any || std::any_of(earlier.prefixes.begin(), earlier.prefixes.end(),
                                    [&](const std::string& q) { return starts_with(p, q); }));
  for (const auto& ph : later.phrases) mark(catches_phrase(earlier, ph, a));
  return left;
}

// `earlier` is tried whenever `later` could match (its conditions are no stricter).
bool applies_whenever(const Intent& earlier, const Intent& later) {
  if (earlier.question && earlier.question != later.question) return false;
  if (earlier.min_mood && (!later.min_mood || *later.min_mood < *earlier.min_mood)) return false;
  return true;
}

void lint_node_intents(const Node& node, const scoring::TextAnalyzer& a, const JsonDoc& doc, Diagnostics& out) {
  std::vector<Prepared> prepared;
  for (const auto& intent : node.expect) prepared.push_back(prepare(intent.matcher, a));
  for (std::size_t j = 1; j < node.expect.size(); ++j) {
    const Prepared& later = prepared[j];
    const std::size_t entries =
        1 + later.keywords.size() + later.stems.size() / 2 + later.prefixes.size() + later.phrases.size();
    std::vector<bool> caught(entries, false);
    caught[0] = !later.any;  // entry 0 stands for "any", which exists only when set
    std::vector<std::string> by;
    std::size_t left = static_cast<std::size_t>(std::count(caught.begin(), caught.end(), false));
    for (std::size_t i = 0; i < j && left > 0; ++i) {
      if (!applies_whenever(node.expect[i], node.expect[j])) continue;
      const std::size_t before = left;
      left = uncaught_entries(prepared[i], later, a, caught);
      if (left < before) by.push_back(fmt::format("\"{}\"", node.expect[i].id));
    }
    if (left > 0 || by.empty()) continue;
    const std::string path = element_path(member_path(member_path("nodes", node.id), "expect"), j);
    std::string names;
    for (const auto& b : by) names += (names.empty() ? "" : ", ") + b;
    out.push_back(doc.diag(path,
                           fmt::format("intent \"{}\" can never match: {} before it catch{} every reply it would "
                                       "(make the earlier intent stricter or move this one up)",
                                       node.expect[j].id, names, by.size() == 1 ? "es" : ""),
                           Severity::warning));
  }
}

// ---------------------------------------------------------------------------------------
// [SECTION] words that never match

// A keyword written in an inflected form ("viitenumeron") matches all forms of its lemma
// anyway; the base form says so to the next reader. Only words the dictionary knows, of
// the open classes (a pronoun's lemma would be too wide: keywords keep those as written).
template <typename Warn>
void warn_inflected(const scoring::TokenList& tokens, const std::string& what, const std::string& written,
                    const scoring::TextAnalyzer& a, Warn& warn) {
  if (a.language() != scoring::Language::fi) return;  // English lemmas are stems: no base form to suggest
  for (const auto& t : tokens) {
    const auto info = a.word_info(t.surface);
    if (!info->known || info->negation || info->has_lemma(std::string(t.folded))) continue;
    const auto& r = info->readings.front();
    using scoring::WordClass;
    if (r.word_class != WordClass::noun && r.word_class != WordClass::verb && r.word_class != WordClass::adjective)
      continue;
    if (info->readings.size() > 1) continue;  // ambiguous: the writer may mean another reading
    warn(
        fmt::format("{} \"{}\": \"{}\" is an inflected form; write the base form \"{}\" (base forms match every "
                    "inflection)",
                    what, written, std::string(t.surface), r.lemma));
  }
}

void lint_list(const std::vector<std::string>& words, const char* kind, const std::string& path,
               const scoring::TextAnalyzer& a, const JsonDoc& doc, Diagnostics& out) {
  const std::string list_path = member_path(path, kind);
  const std::string what =
      std::string(kind) == "prefixes" ? "prefix" : std::string(kind).substr(0, std::string(kind).size() - 1);
  for (std::size_t k = 0; k < words.size(); ++k) {
    const std::string& w = words[k];
    const auto tokens = a.tokenize(w);
    const std::string at = element_path(list_path, k);
    auto warn = [&](std::string message) { out.push_back(doc.diag(at, std::move(message), Severity::warning)); };
    if (tokens.empty()) {
      warn(fmt::format("{} \"{}\" has no letters or digits, so it never matches", what, w));
    } else if (std::string(kind) == "prefixes") {
      if (tokens.size() > 1 || tokens[0].folded != a.fold(w))
        warn(
            fmt::format("prefix \"{}\" never matches: words are split at spaces and punctuation, so no word "
                        "starts with it (try \"{}\")",
                        w, tokens[0].folded));
    } else if (std::string(kind) == "keywords" || std::string(kind) == "phrases") {
      warn_inflected(tokens, what, w, a, warn);
    } else if (tokens.size() > 1 && std::string(kind) == "stems") {
      warn(fmt::format("stem \"{}\" is {} words; each is matched on its own: split it or use \"phrases\"", w,
                       tokens.size()));
    }
  }
}

void lint_matcher_words(const Matcher& m, const std::string& path, const scoring::TextAnalyzer& a, const JsonDoc& doc,
                        Diagnostics& out) {
  lint_list(m.keywords, "keywords", path, a, doc, out);
  lint_list(m.stems, "stems", path, a, doc, out);
  lint_list(m.phrases, "phrases", path, a, doc, out);
  lint_list(m.prefixes, "prefixes", path, a, doc, out);
}

}  // namespace

Diagnostics lint_shadowed_intents(const Scenario& s, const JsonDoc& doc) {
  Diagnostics out;
  const scoring::TextAnalyzer analyzer(s.lang);
  for (const auto& id : s.node_order) lint_node_intents(s.nodes.at(id), analyzer, doc, out);
  return out;
}

Diagnostics lint_dead_words(const Scenario& s, const JsonDoc& doc) {
  Diagnostics out;
  const scoring::TextAnalyzer analyzer(s.lang);
  for (std::size_t i = 0; i < s.rubric.slots.size(); ++i) {
    const auto& slot = s.rubric.slots[i];
    const std::string path = element_path("slots", i);
    lint_list(slot.keywords, "keywords", path, analyzer, doc, out);
    lint_list(slot.stems, "stems", path, analyzer, doc, out);
    lint_list(slot.prefixes, "prefixes", path, analyzer, doc, out);
  }
  for (const auto& id : s.node_order) {
    const Node& node = s.nodes.at(id);
    const std::string node_path = member_path("nodes", id);
    for (std::size_t i = 0; i < node.expect.size(); ++i)
      lint_matcher_words(node.expect[i].matcher, element_path(member_path(node_path, "expect"), i), analyzer, doc, out);
    if (node.silence)
      lint_matcher_words(node.silence->checkin, member_path(member_path(node_path, "silence"), "checkin"), analyzer,
                         doc, out);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// [SECTION] endings without tests

Diagnostics lint_untested_endings(const Scenario& s, const JsonDoc& doc) {
  Diagnostics out;
  if (s.tests.empty()) {
    out.push_back(doc.diag("",
                           "no \"tests\": add self-tests so `chatdrill validate --run-tests` can prove each "
                           "ending is reachable",
                           Severity::warning));
    return out;
  }
  std::map<std::string, int> endings_per_outcome;
  for (const auto& [id, node] : s.nodes)
    if (node.end) ++endings_per_outcome[node.end->outcome];
  for (const auto& id : s.node_order) {
    const Node& node = s.nodes.at(id);
    if (!node.end) continue;
    const bool tested = std::any_of(s.tests.begin(), s.tests.end(), [&](const ScenarioTest& t) {
      if (contains(t.reaches, id)) return true;
      return t.outcome == node.end->outcome && endings_per_outcome[node.end->outcome] == 1;
    });
    if (!tested)
      out.push_back(doc.diag(member_path("nodes", id),
                             fmt::format("no test reaches the ending \"{}\" (outcome {}): add a test whose "
                                         "expect.reaches lists it",
                                         id, node.end->outcome),
                             Severity::warning));
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// [SECTION] twin drift

namespace {

std::set<std::string> exits(const Node& n) {
  std::set<std::string> out;
  for (const auto& i : n.expect) out.insert(i.go_to);
  if (n.fallback && !n.fallback->go_to.empty()) out.insert(n.fallback->go_to);
  if (n.silence) out.insert(n.silence->back);
  return out;
}

std::string join(const std::set<std::string>& items) {
  if (items.empty()) return "nowhere";
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

void compare_node(const Node& mine, const Node& theirs, const std::string& twin, const JsonDoc& doc, Diagnostics& out) {
  const std::string path = member_path("nodes", mine.id);
  auto warn = [&](std::string message) { out.push_back(doc.diag(path, std::move(message), Severity::warning)); };
  if (mine.end.has_value() != theirs.end.has_value())
    warn(fmt::format("twin drift: node \"{}\" is {} here but {} in \"{}\"", mine.id,
                     mine.end ? "an ending" : "not an ending", theirs.end ? "an ending" : "not an ending", twin));
  else if (mine.end && mine.end->outcome != theirs.end->outcome)
    warn(fmt::format("twin drift: ending \"{}\" has outcome {} here but {} in \"{}\"", mine.id, mine.end->outcome,
                     theirs.end->outcome, twin));
  if (exits(mine) != exits(theirs))
    warn(fmt::format("twin drift: node \"{}\" leads to {} here but to {} in \"{}\"", mine.id, join(exits(mine)),
                     join(exits(theirs)), twin));
  if (mine.silence.has_value() != theirs.silence.has_value())
    warn(fmt::format("twin drift: node \"{}\" {} silent here but {} in \"{}\"", mine.id,
                     mine.silence ? "goes" : "does not go", theirs.silence ? "does" : "does not", twin));
}

}  // namespace

std::string twin_file(const Scenario& s) {
  return (std::filesystem::path(s.file).parent_path() / (s.twin + ".json")).string();
}

Diagnostics lint_twin_drift(const Scenario& s, const JsonDoc& doc, const Scenario* twin) {
  Diagnostics out;
  if (s.twin.empty()) return out;
  if (!twin) {
    out.push_back(doc.diag("twin",
                           fmt::format("twin \"{}\" is not in this folder ({} not found)", s.twin, twin_file(s)),
                           Severity::warning));
    return out;
  }
  const Scenario& t = *twin;
  if (!t.twin.empty() && t.twin != s.id)
    out.push_back(doc.diag("twin",
                           fmt::format("twin \"{}\" names \"{}\" as its twin, not \"{}\"", s.twin, t.twin, s.id),
                           Severity::warning));
  if (t.language == s.language)
    out.push_back(doc.diag("twin", fmt::format("twin \"{}\" is in the same language ({})", s.twin, s.language),
                           Severity::warning));
  if (t.start != s.start)
    out.push_back(doc.diag(
        "start", fmt::format("twin drift: starts at \"{}\" here but at \"{}\" in \"{}\"", s.start, t.start, s.twin),
        Severity::warning));
  for (const auto& id : s.node_order) {
    const Node* theirs = t.node(id);
    if (!theirs)
      out.push_back(doc.diag(member_path("nodes", id),
                             fmt::format("twin drift: node \"{}\" is missing from \"{}\"", id, s.twin),
                             Severity::warning));
    else compare_node(s.nodes.at(id), *theirs, s.twin, doc, out);
  }
  std::set<std::string> mine_ids, their_ids;
  for (const auto& r : s.saved_replies) mine_ids.insert(r.id);
  for (const auto& r : t.saved_replies) their_ids.insert(r.id);
  if (mine_ids != their_ids)
    out.push_back(doc.diag(
        "saved_replies",
        fmt::format("twin drift: saved replies {} here but {} in \"{}\"", mine_ids.empty() ? "none" : join(mine_ids),
                    their_ids.empty() ? "none" : join(their_ids), s.twin),
        Severity::warning));
  for (const auto& id : t.node_order)
    if (!s.node(id))
      out.push_back(doc.diag("nodes",
                             fmt::format("twin drift: \"{}\" has a node \"{}\" that this file lacks", s.twin, id),
                             Severity::warning));
  return out;
}

Diagnostics lint_scenario(const Scenario& s, const JsonDoc& doc) {
  Diagnostics out;
  for (auto* lint : {lint_shadowed_intents, lint_dead_words, lint_untested_endings}) {
    auto found = lint(s, doc);
    out.insert(out.end(), found.begin(), found.end());
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::pair(a.pos.line, a.pos.col) < std::pair(b.pos.line, b.pos.col);
  });
  return out;
}

}  // namespace chatdrill::engine
