// Politeness strategies (Danescu-Niculescu-Mizil et al. 2013, "A computational approach
// to politeness"; ConvoKit's PolitenessStrategies) found in an analysed text, with the
// weights fitted on human judgments. The strategies are data
// (scoring/lexicons/<lang>-politeness.json); this room knows analyses, not grades or chats.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text.h"
#include "text/terms.h"

namespace chatdrill::scoring {

inline constexpr const char* k_politeness_format = "chatdrill.politeness/1";

// Where in its sentence a strategy counts: "please" mid-sentence is polite, "Please ..."
// opening a sentence is an order. A sentence starts at its first word that is not markup
// (an @mention); `sentence_opening` is its first two words ("So why ...", as ConvoKit's
// direct question looks at them).
enum class StrategyPosition { anywhere, sentence_start, not_sentence_start, message_start, sentence_opening };

// A grammatical form a token may have (any one of its readings), for strategies the
// words alone do not show: "voisitteko" (conditional, 2nd person), "katsopa" (-pa).
struct StrategyForm {
  std::optional<WordClass> word_class;
  std::vector<Mood> moods;  // any of them; empty = any mood
  int person = 0;           // 0 = any
  std::optional<bool> plural;
  std::uint8_t clitics = 0;         // all of these bits
  std::uint8_t not_clitics = 0;     // none of these
  std::vector<std::string> lemmas;  // one of them; empty = any
  std::vector<std::string> not_lemmas;
  std::vector<std::string> endings;  // the word as written ends with one of them
};

struct Strategy {
  std::string_view id;    // interned: "gratitude"
  std::string_view rule;  // interned evidence rule: "politeness.strategy.gratitude"
  std::string label;      // for notes, in the file's language
  std::string as;         // Finnish: the English strategy whose fitted weight it takes
  double weight = 0;      // logistic-regression coefficient (log-odds of "polite")
  StrategyPosition position = StrategyPosition::anywhere;
  bool exact = false;             // words only as written ("please", not "pleased")
  bool in_negated_clause = true;  // false: "not bad" is no negative word
  bool in_question_only = false;  // only in a sentence that asks ("Is it ...?", not "It is.")
  std::vector<StrategyForm> forms;
};

// One strategy found: the tokens that show it (inclusive), for quoting.
struct StrategyHit {
  std::string_view id;
  std::size_t first = 0, last = 0;
  int sentence = 0;
  int strategy = 0;  // index into PolitenessModel::strategies
  double weight = 0;
};

class PolitenessModel {
 public:
  Language language = Language::en;
  std::string file;
  double intercept = 0;
  double points_per_logit = 8;  // grade points per unit of weight
  std::vector<Strategy> strategies;
  TermSet terms;   // words and phrases; owner = strategy index
  TermSet except;  // look-alikes that cancel an overlapping hit of their owner

  // Every strategy in `analysis`, in text order; a strategy at most once per sentence.
  // Words of a URL, a `code span` or an @mention are no strategy's words.
  std::vector<StrategyHit> find(const Analysis& analysis) const;
  void find(const Analysis& analysis, std::vector<StrategyHit>& out) const;
  int index(std::string_view id) const;  // -1 when unknown
  // 0..100: the fitted probability that a text with these strategies reads as polite
  // (each strategy counted once, however often it occurs).
  double score(const std::vector<StrategyHit>& hits) const;
  // The same from presence flags, one per strategy (what the fit works on).
  double score_of_presence(const std::vector<double>& present) const;
};

// Reads `chatdrill.politeness/1`; problems gathered in `diagnostics`.
PolitenessModel politeness_from_doc(const JsonDoc& doc, Language language, const TextAnalyzer& analyzer,
                                    Diagnostics& diagnostics);
// The bundled strategies of a language (scoring/lexicons/<lang>-politeness.json), loaded
// once per process. Throws std::runtime_error with `file:line:col: path: message`.
std::shared_ptr<const PolitenessModel> load_politeness(Language language);
// `morphology` null: the bundled one (Morphology::get).
std::shared_ptr<const PolitenessModel> load_politeness_file(Language language, const std::string& path,
                                                            std::shared_ptr<const Morphology> morphology = nullptr);

// The strategies of the bundled model in an analysis of a text of `language`.
std::vector<StrategyHit> find_strategies(const Analysis& analysis, Language language);
// The bundled model's 0..100 score of a text's hits.
double politeness_score(const std::vector<StrategyHit>& hits, Language language);

}  // namespace chatdrill::scoring
