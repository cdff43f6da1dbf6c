// Morphology of one word: its readings (lemma, word class, case, number, person, mood,
// tense, negation, clitics, compound parts). Finnish from libvoikko (BASEFORM plus the
// bases in WORDBASES), words Voikko does not know from Snowball plus a colloquial table;
// English from Snowball plus an irregular-forms table. The tables are data
// (scoring/lexicons/*-wordforms.json). A pure function of the word; no UI, no engine.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chatdrill::scoring {

enum class Language;

enum class WordClass : std::uint8_t {
  unknown,
  noun,
  adjective,
  verb,
  adverb,
  pronoun,
  numeral,
  conjunction,
  adposition,
  interjection,
  negation,  // Finnish "ei/en/et/älä...", English "not", "never", "n't" forms
  name,
  abbreviation,
  other
};
enum class Mood : std::uint8_t { none, indicative, imperative, conditional, potential, infinitive, participle };
enum class Tense : std::uint8_t { none, present, past };

// Clitic bits (Finnish): -ko/-kö, -han/-hän, -pa/-pä, -kin, -kaan/-kään.
enum : std::uint8_t { k_clitic_ko = 1, k_clitic_han = 2, k_clitic_pa = 4, k_clitic_kin = 8, k_clitic_kaan = 16 };

struct Reading {
  std::string lemma;  // folded base form: "tilausnumero", "lähettää", English stem "move"
  WordClass word_class = WordClass::unknown;
  std::string grammatical_case;  // Voikko's SIJAMUOTO ("sisatulento") or empty
  std::uint8_t person = 0;       // 1, 2, 3; 4 = Finnish passive/impersonal; 0 = none
  bool plural = false;
  Mood mood = Mood::none;
  Tense tense = Tense::none;
  bool negative = false;           // a negation word ("ei", "not")
  bool connegative = false;        // the verb form used after a negation ("en lähetä")
  bool modal = false;              // can, could, voida, pitää, täytyy ...
  std::string verb;                // a participle's or deverbal noun's verb ("lykätty" -> "lykätä")
  std::vector<std::string> parts;  // compound parts as lemmas ("laskunumero" -> lasku, numero)
};

// What matching and the move detector read of a word; made once per distinct word.
struct WordInfo {
  std::vector<Reading> readings;  // at least one (unknown words: Snowball stem as the lemma)
  // Every lemma a keyword may be equal to: the readings' lemmas and verbs, deduplicated.
  std::vector<std::string> lemmas;
  std::vector<std::string> parts;  // compound parts of the first compound reading, as lemmas
  std::string stem;                // Snowball stem of the folded word
  std::uint8_t clitics = 0;
  bool known = false;     // Voikko or a table knew it (else: a chat spelling or typo)
  bool negation = false;  // a negation word
  bool is_number = false;
  bool has_lemma(std::string_view lemma) const;
  bool any(WordClass c) const;
  bool any_person(int person) const;  // some reading is a verb/pronoun of this person
  bool any_mood(Mood m) const;
};

// Analyses words of one language. Thread-safe: Voikko handles are shared behind a lock
// (one per process), the tables are read-only. Callers cache per word (TextAnalyzer does).
class Morphology {
 public:
  // Throws std::runtime_error with `file:line:col: path: message` when the word-form table
  // is broken; Finnish without Voikko data falls back to Snowball (voikko_available false).
  static std::shared_ptr<const Morphology> get(Language language);
  // An analyser without tables (for tests and for reading the tables themselves).
  explicit Morphology(Language language, std::string wordforms_file = {});
  ~Morphology();

  WordInfo analyze(std::string_view folded_word, std::string_view stem) const;
  Language language() const;
  // Whether a dictionary backs `known` (Voikko for Finnish, Hunspell en_US for English).
  bool voikko_available() const;
  // English verbs a clause may start with as an imperative ("send", "call", "email").
  bool is_directive_verb(std::string_view lemma) const;
  // A chat form the word-form table lists (Finnish "oon", "sulle", "mä"): spelt as people
  // write chat, not misspelt.
  bool is_chat_form(std::string_view folded) const;
  // A word as written, by the shared dictionary (Voikko for Finnish, Hunspell en_US for
  // English), under the lock: 1 correct, 0 misspelt, -1 no dictionary. The spelling
  // checker calls it once per distinct word (it caches), so sharing the handle is cheap.
  int spell(std::string_view word) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chatdrill::scoring
