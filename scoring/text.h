// Text analysis for Finnish and English chat messages: tokens, case folding, Snowball
// stems, sentences, question detection and courtesy/negative markers from lexicon files.
// Shared by the graders and the engine's intent matching. No UI, no engine, no clock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/morphology.h"

namespace chatdrill::scoring {

enum class Language { fi, en };

std::optional<Language> parse_language(std::string_view code);  // "fi" / "en"
const char* language_code(Language language);

// Tokens, sentences and marker hits are small views: a token's text lives in storage the
// Analysis (or TokenList) shares, marker ids in a process-wide table, so copying or moving
// an analysis never leaves a view dangling and analysing a message allocates a few blocks,
// not three strings per word.
struct Token {
  std::string_view surface;        // as written (valid UTF-8)
  std::string_view folded;         // ICU case-folded (Ä -> ä, ß -> ss)
  std::string_view stem;           // Snowball stem of `folded` for the language
  std::size_t begin = 0, end = 0;  // byte offsets into the analysed text
  int sentence = 0;                // index into Analysis::sentences
  int clause = 0;                  // index into Analysis::clauses
  bool all_caps = false;           // written in capitals and at least 2 letters long
};

// Read-only bytes the tokens of one text point into; shared by copies of an analysis.
using TextStorage = std::shared_ptr<const char[]>;

// What TextAnalyzer::tokenize returns: the tokens and the storage they point into.
struct TokenList {
  TextStorage storage;
  std::vector<Token> tokens;
  std::size_t size() const { return tokens.size(); }
  bool empty() const { return tokens.empty(); }
  const Token& operator[](std::size_t k) const { return tokens[k]; }
  const Token& back() const { return tokens.back(); }
  std::vector<Token>::const_iterator begin() const { return tokens.begin(); }
  std::vector<Token>::const_iterator end() const { return tokens.end(); }
};

struct Sentence {
  std::size_t begin = 0, end = 0;  // byte offsets
  bool is_question = false;
  std::size_t first_token = 0, token_count = 0;  // the sentence's slice of Analysis::tokens
};

// One lexicon entry found in a text. `id` is what evidence cites (e.g. "courtesy.gratitude");
// it views a process-wide table of ids (see intern_id), valid for the whole run.
struct MarkerHit {
  std::string_view id;
  std::size_t begin = 0, end = 0;  // byte offsets of the matched words
  int sentence = 0;
};

// A clause: a sentence cut at commas, semicolons, dashes and the conjunctions of the
// language ("ja", "mutta", "että"; "and", "but", "so"), so a rule can say "in the same
// clause" and negation reaches only its own clause.
struct Clause {
  std::size_t first_token = 0, token_count = 0;
  int sentence = 0;
  bool negated = false;   // holds a negation word (not counting a negative question: "eikö", "don't you")
  bool question = false;  // part of a question sentence
};

// A concept (scenarios/concepts/<lang>.json: "channel.email", "hold" ...) found in a text.
struct ConceptHit {
  std::string_view id;  // interned
  int clause = 0;
  std::size_t first = 0, last = 0;  // token range, inclusive
  bool negated = false;             // in a negated clause, the concept itself not being a negation
};

// What a reply does to the conversation (DESIGN.md, "The language layer"), with the words
// that made it, for evidence and for the persona's built-in behaviour.
enum class MoveKind : std::uint8_t {
  greeting,
  thanks,
  apology,
  empathy,
  question,
  hold,
  checkin,
  ownership,
  next_step,
  channel_bounce,
  blame,
  rudeness,
  dismissal,
  open_door,
  farewell
};
const char* move_name(MoveKind kind);  // "channel_bounce"
std::optional<MoveKind> parse_move(std::string_view name);

struct Move {
  MoveKind kind{};
  int clause = 0;
  std::size_t first = 0, last = 0;  // token range, inclusive
  std::string_view rule;            // the concept or marker that made it (interned)
  double seconds = 0;               // hold: the time the agent stated ("2 minuuttia"), else 0
};

struct Analysis {
  TextStorage storage;  // what the tokens' views point into
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::vector<MarkerHit> markers;
  std::vector<std::shared_ptr<const WordInfo>> words;  // per token: its morphology
  std::vector<Clause> clauses;
  std::vector<ConceptHit> concepts;  // in text order
  std::vector<Move> moves;           // in text order
  bool is_question = false;          // any sentence is a question
  int longest_exclamation_run = 0;
  bool shouting = false;   // a sentence with most letters in capitals over enough words
  bool valid_utf8 = true;  // the text is valid UTF-8 (quotes cut from it need no repair)
  void clear();            // empty, keeping the vectors' capacity
  bool has(std::string_view marker_id) const;
  int count(std::string_view marker_id_prefix) const;  // e.g. count("courtesy.")
  // Markers whose id starts with `marker_id_prefix` found in sentence `sentence`.
  int count_in_sentence(int sentence, std::string_view marker_id_prefix) const;
  const WordInfo& word(std::size_t token) const { return *words[token]; }
  bool has_concept(std::string_view concept_id) const;  // a hit outside a negated clause
  bool has_move(MoveKind kind) const;
  const Move* move(MoveKind kind) const;  // the first, or nullptr
  // Words of the reply that are not courtesy or filler: what makes it more than "hei, kiitos".
  std::size_t content_words() const;
};

// The process-wide copy of an id (marker ids, evidence rules): lexicons intern their
// marker ids when loaded and result files their rules, so hits and evidence carry a view
// that outlives any analyser, lexicon or file. Ids are a small vocabulary. Thread-safe.
std::string_view intern_id(std::string_view id);

// Marker ids the bundled lexicons define (plus the ones analysis itself adds:
// courtesy.name, negative.shouting, negative.exclamations). Evidence cites these.
inline constexpr const char* k_marker_ids[] = {
    "courtesy.greeting",  "courtesy.gratitude",    "courtesy.apology",
    "courtesy.empathy",   "courtesy.conditional",  "courtesy.reassurance",
    "courtesy.open_door", "courtesy.farewell",     "courtesy.name",
    "negative.rude",      "negative.dismissive",   "negative.blame",
    "negative.shouting",  "negative.exclamations", "negative.channel_bounce",
    "engagement.checkin", "engagement.next_step",  "ownership.contact_details",
    "clarifying.stock",   "clarifying.assumption", "clarifying.case_detail"};

// Strings of at least this many '!' are the negative.exclamations marker.
inline constexpr int k_exclamation_run_negative = 3;

// Marker lexicon of one language, read from a data file so trainers can extend it.
class Lexicon;

// Loads scoring/lexicons/<lang>.json (or a given file). Throws std::runtime_error with
// `file:line:col: path: message` on a broken file.
std::shared_ptr<const Lexicon> load_lexicon(Language language);
// `morphology` (null: the bundled one, Morphology::get) folds and stems the entries.
std::shared_ptr<const Lexicon> load_lexicon_file(Language language, const std::string& path,
                                                 std::shared_ptr<const Morphology> morphology = nullptr);

// Concepts of one language (scenarios/concepts/<lang>.json), see text/terms.h.
class ConceptSet;
// Loads the bundled concepts of a language once per process. Throws std::runtime_error
// with `file:line:col: path: message` on a broken file.
std::shared_ptr<const ConceptSet> load_concepts(Language language);
// No concepts (for the analysers that read data files themselves).
std::shared_ptr<const ConceptSet> no_concepts();

// Not thread-safe (Snowball stemmers keep state): one analyser per thread.
class TextAnalyzer {
 public:
  // Null lexicon, concepts or morphology: the bundled ones of the language (read once per
  // process from data_path()); a Grader passes its own, read from its data folder.
  explicit TextAnalyzer(Language language, std::shared_ptr<const Lexicon> lexicon = nullptr,
                        std::shared_ptr<const ConceptSet> concepts = nullptr,
                        std::shared_ptr<const Morphology> morphology = nullptr);
  ~TextAnalyzer();
  TextAnalyzer(TextAnalyzer&&) noexcept;
  TextAnalyzer& operator=(TextAnalyzer&&) noexcept;

  Language language() const;
  Analysis analyze(std::string_view text) const;
  // The same into `out`, reusing its buffers (for a stream of texts: live drafts, chats).
  // Copies of `out` keep what they had; views taken from `out` alone do not.
  void analyze(std::string_view text, Analysis& out) const;
  std::string fold(std::string_view text) const;  // case folding of any text
  std::string stem(std::string_view folded_word) const;
  TokenList tokenize(std::string_view text) const;
  // The morphology of one word (cached per distinct word, as in analyze()).
  std::shared_ptr<const WordInfo> word_info(std::string_view word) const;
  const Morphology& morphology() const;
  const ConceptSet& concepts() const;
  // The customer's name (first name, full name...): words of it in a reply, written with a
  // capital, are the courtesy.name marker (Finnish case endings allowed: Raijalle).
  void set_customer_name(std::string_view name);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chatdrill::scoring
