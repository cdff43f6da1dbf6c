// Spelling and grammar of chat text: Finnish through libvoikko's speller and grammar
// checker, English through Hunspell (en_US; spelling only). Chat writing is not an essay,
// so a Tolerance decides what is never an error (see spelling.cpp for the list). A pure
// function of (text, tolerance) given the installed dictionaries; no UI, no engine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace chatdrill::scoring {

enum class Language;
class Morphology;

enum class WritingErrorKind : std::uint8_t { spelling, grammar };

struct WritingError {
  std::size_t begin = 0, end = 0;  // byte range in the checked text
  WritingErrorKind kind = WritingErrorKind::spelling;
  std::string text;         // the word or phrase as written (valid UTF-8)
  std::string suggestion;   // the first suggestion; may be empty
  std::string description;  // short, in the checker's language
  int code = 0;             // Voikko's grammar error code; 0 for spelling
};

// What a chat accepts beyond the dictionary: the customer's own words, the scenario's
// product names and the customer's name. Words are folded (case-insensitive).
struct Tolerance {
  std::unordered_set<std::string> words;
  std::string customer_name;
  // Adds every word of `text` (folded), as the checker splits words.
  void add_words(std::string_view text);
  bool empty() const { return words.empty() && customer_name.empty(); }
};

// How much a checker remembers. Spell verdicts are kept per word as written (the
// dictionaries' verdicts depend on capitals); the cache is emptied when it is full (a
// class's whole vocabulary fits) when it holds more than `words`. Finnish grammar findings are kept per paragraph text,
// the least recently used out first, for paragraphs up to `paragraph_bytes`: chat repeats
// its stock lines ("Kiitos!", "Hetkinen, tarkistan.") within a chat and across chats, and
// Voikko itself keeps only the last paragraph. Neither changes a result.
struct WritingCacheLimits {
  std::size_t words = 200000;
  std::size_t paragraphs = 4096;
  std::size_t paragraph_bytes = 1024;
};

// Not thread-safe (it caches spell verdicts and grammar findings): one checker per
// thread, as with TextAnalyzer. Finnish opens its own Voikko handle (a few ms; grammar
// options are set on it); English asks the process-wide Hunspell handle of Morphology (it
// takes ~100 ms and megabytes to load) once per distinct word, and takes suggestions
// (10-20 ms each) from a second process-wide handle so they never block analysis in other
// threads.
class WritingChecker {
 public:
  // `morphology` (English: its Hunspell; null: Morphology::get) is shared, under its lock.
  explicit WritingChecker(Language language, WritingCacheLimits limits = {},
                          std::shared_ptr<const Morphology> morphology = nullptr);
  ~WritingChecker();
  WritingChecker(WritingChecker&&) noexcept;
  WritingChecker& operator=(WritingChecker&&) noexcept;

  Language language() const;
  // Whether a dictionary is installed (without one, check() finds nothing).
  bool available() const;
  // Errors in text order (spelling and grammar interleaved by position).
  std::vector<WritingError> check(std::string_view text, const Tolerance& tolerance = {});
  // The same into `out` (emptied first), reusing its capacity.
  void check(std::string_view text, const Tolerance& tolerance, std::vector<WritingError>& out);
  // Distinct words whose verdict is cached, paragraphs whose grammar findings are cached
  // (for benchmarks and tests).
  std::size_t cached_words() const;
  std::size_t cached_paragraphs() const;

 private:
  struct Impl;
  struct Pass;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chatdrill::scoring
