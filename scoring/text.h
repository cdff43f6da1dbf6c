// Text analysis for Finnish and English chat messages: tokens, case folding, Snowball
// stems, sentences, question detection and courtesy/negative markers from lexicon files.
// Shared by the graders and the engine's intent matching. No UI, no engine, no clock.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chatdrill::scoring {

enum class Language { fi, en };

std::optional<Language> parse_language(std::string_view code);  // "fi" / "en"
const char* language_code(Language language);

struct Token {
  std::string surface;  // as written (valid UTF-8)
  std::string folded;   // ICU case-folded (Ä -> ä, ß -> ss)
  std::string stem;     // Snowball stem of `folded` for the language
  std::size_t begin = 0, end = 0;  // byte offsets into the analysed text
  int sentence = 0;     // index into Analysis::sentences
  bool all_caps = false;  // written in capitals and at least 2 letters long
};

struct Sentence {
  std::size_t begin = 0, end = 0;  // byte offsets
  bool is_question = false;
  std::size_t first_token = 0, token_count = 0;  // the sentence's slice of Analysis::tokens
};

// One lexicon entry found in a text. `id` is what evidence cites (e.g. "courtesy.gratitude").
struct MarkerHit {
  std::string id;
  std::size_t begin = 0, end = 0;  // byte offsets of the matched words
  int sentence = 0;
};

struct Analysis {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::vector<MarkerHit> markers;
  bool is_question = false;   // any sentence is a question
  int longest_exclamation_run = 0;
  bool shouting = false;      // a sentence with most letters in capitals over enough words
  bool has(std::string_view marker_id) const;
  int count(std::string_view marker_id_prefix) const;  // e.g. count("courtesy.")
  // Markers whose id starts with `marker_id_prefix` found in sentence `sentence`.
  int count_in_sentence(int sentence, std::string_view marker_id_prefix) const;
};

// Marker ids the bundled lexicons define (plus the ones analysis itself adds:
// courtesy.name, negative.shouting, negative.exclamations). Evidence cites these.
inline constexpr const char* k_marker_ids[] = {
    "courtesy.greeting",    "courtesy.gratitude",   "courtesy.apology",       "courtesy.empathy",
    "courtesy.conditional", "courtesy.reassurance", "courtesy.open_door",     "courtesy.farewell",
    "courtesy.name",        "negative.rude",        "negative.dismissive",    "negative.blame",
    "negative.shouting",    "negative.exclamations", "negative.channel_bounce", "engagement.checkin",
    "engagement.next_step", "ownership.contact_details", "clarifying.stock",   "clarifying.assumption",
    "clarifying.case_detail"};

// Strings of at least this many '!' are the negative.exclamations marker.
inline constexpr int k_exclamation_run_negative = 3;

// Marker lexicon of one language, read from a data file so trainers can extend it.
class Lexicon;

// Loads scoring/lexicons/<lang>.json (or a given file). Throws std::runtime_error with
// `file:line:col: path: message` on a broken file.
std::shared_ptr<const Lexicon> load_lexicon(Language language);
std::shared_ptr<const Lexicon> load_lexicon_file(Language language, const std::string& path);

// Not thread-safe (Snowball stemmers keep state): one analyser per thread.
class TextAnalyzer {
 public:
  explicit TextAnalyzer(Language language, std::shared_ptr<const Lexicon> lexicon = nullptr);
  ~TextAnalyzer();
  TextAnalyzer(TextAnalyzer&&) noexcept;
  TextAnalyzer& operator=(TextAnalyzer&&) noexcept;

  Language language() const;
  Analysis analyze(std::string_view text) const;
  std::string fold(std::string_view text) const;      // case folding of any text
  std::string stem(std::string_view folded_word) const;
  std::vector<Token> tokenize(std::string_view text) const;
  // The customer's name (first name, full name...): words of it in a reply, written with a
  // capital, are the courtesy.name marker (Finnish case endings allowed: Raijalle).
  void set_customer_name(std::string_view name);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chatdrill::scoring
