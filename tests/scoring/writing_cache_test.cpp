// The writing checker's caches (spell verdicts per word, grammar findings per paragraph):
// what a warm cache returns is what a checker without one finds, the caches stay within
// their limits, and Finnish and English verdicts never mix. Behaviour, not timing.
#include "scoring/grade_internal.h"
#include "scoring/text/spelling.h"
#include "support/grader.h"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <string>
#include <vector>

using namespace chatdrill::scoring;

namespace {

// A checker that remembers (almost) nothing: at most one word, no paragraph.
WritingChecker forgetful(Language language) { return WritingChecker(language, WritingCacheLimits{0, 0, 0}); }

std::string describe(const std::vector<WritingError>& errors) {
  std::string out;
  for (const auto& e : errors)
    out += fmt::format("[{}-{} {} {} '{}' -> '{}' {}]", e.begin, e.end,
                       e.kind == WritingErrorKind::spelling ? "s" : "g", e.code, e.text, e.suggestion, e.description);
  return out;
}

Transcript chat(const char* language, const std::string& customer, const std::string& reply) {
  Transcript t;
  t.language = language;
  t.messages.push_back(Message{"customer", "message", 0, customer, Json::object()});
  t.messages.push_back(Message{"trainee", "message", 20, reply, Json::object()});
  return t;
}

}  // namespace

TEST_CASE("writing cache: a remembered paragraph gives what Voikko finds, wherever it stands in a reply") {
  WritingChecker cached(Language::fi);
  WritingChecker plain = forgetful(Language::fi);
  REQUIRE(cached.available());
  const std::string slip = "Hän ei tulee huomenna, tarkistan tilaukesenne ja ja palaan.";
  const std::vector<std::string> texts = {
      slip,
      slip,                                // from the cache
      "Kiitos!\n" + slip,                  // the same paragraph further on: offsets follow it
      slip + "\n\n" + slip + "\nKiitos!",  // twice in one reply
      "Kiitos!",
      "Kiitos!",
      ":)\n" + slip,  // a face before the paragraph is no ')' in it
  };
  for (int round = 0; round < 2; ++round)
    for (const auto& text : texts) {
      const auto warm = cached.check(text);
      CHECK(describe(warm) == describe(plain.check(text)));
      for (const auto& e : warm) CHECK(text.substr(e.begin, e.end - e.begin) == e.text);
    }
  CHECK(describe(cached.check(slip)).find(" g 13 'ei tulee'") != std::string::npos);
  CHECK(cached.cached_paragraphs() == 3);  // slip, "Kiitos!", ":)"
  CHECK(plain.cached_paragraphs() == 0);
}

TEST_CASE("writing cache: grammar is remembered per paragraph, spelling still follows the chat's tolerance") {
  WritingChecker fi(Language::fi);
  const std::string text = "Frobnitz ei tulee huomenna.";
  const auto strict = fi.check(text);
  Tolerance tolerance;
  tolerance.add_words("Frobnitz");
  const auto tolerant = fi.check(text, tolerance);
  CHECK(strict.size() == tolerant.size() + 1);  // "Frobnitz" is the chat's own word only with the tolerance
  REQUIRE(!tolerant.empty());
  CHECK(tolerant.back().kind == WritingErrorKind::grammar);
  CHECK(describe({strict.back()}) == describe({tolerant.back()}));
}

TEST_CASE("writing cache: the caches stay within their limits and forget nothing that matters") {
  const WritingCacheLimits limits{50, 8, 1024};
  WritingChecker small(Language::fi, limits);
  WritingChecker plain = forgetful(Language::fi);
  const char* words[] = {"tilaus", "paketti", "lasku", "kenkä",  "puhelin",
                         "sohva",  "lehti",   "laite", "kortti", "hyvitys"};
  for (int i = 0; i < 120; ++i) {
    // Distinct paragraphs with distinct (misspelt) words, and a line that comes back.
    const std::string text = fmt::format("Tarkistan {}n {} ja ja palaan asiaan{}.\nKiitos odottamisesta!",
                                         words[i % 10], std::string(static_cast<std::size_t>(i % 7 + 2), 'x'), i);
    CHECK(describe(small.check(text)) == describe(plain.check(text)));
    CHECK(small.cached_paragraphs() <= limits.paragraphs);
    CHECK(small.cached_words() <= limits.words + 1);
  }
  CHECK(small.cached_paragraphs() == limits.paragraphs);
  // A paragraph longer than paragraph_bytes is checked every time, never kept.
  WritingChecker short_memory(Language::fi, WritingCacheLimits{1000, 8, 16});
  const std::string long_line = "Hän ei tulee huomenna, mutta tarkistan asian.";
  CHECK(describe(short_memory.check(long_line)) == describe(plain.check(long_line)));
  CHECK(short_memory.cached_paragraphs() == 0);
  CHECK(describe(short_memory.check("Kiitos!")) == describe(plain.check("Kiitos!")));
  CHECK(short_memory.cached_paragraphs() == 1);
}

TEST_CASE("writing cache: Finnish and English verdicts do not mix, in checkers or in grades") {
  WritingChecker fi(Language::fi), en(Language::en);
  for (int round = 0; round < 3; ++round) {
    CHECK(fi.check("tilaus").empty());
    CHECK(en.check("tilaus").size() == 1);
    CHECK(en.check("order").empty());
    CHECK(fi.check("order").size() == 1);
  }
  // Grading keeps one checker per language per thread: the same words, graded in turn.
  const Transcript fi_chat = chat("fi", "Missä tilaukseni on?", "Tilaus tulee huomenna, sorry for the delay.");
  const Transcript en_chat = chat("en", "Where is my order?", "Tilaus tulee huomenna, sorry for the delay.");
  const Rubric rubric;
  const double fi_score = grade_writing(fi_chat, rubric, test_grader()).score,
               en_score = grade_writing(en_chat, rubric, test_grader()).score;
  CHECK(fi_score < 100);  // English words are misspelt Finnish
  CHECK(en_score < 100);  // and Finnish words misspelt English
  for (int round = 0; round < 3; ++round) {
    CHECK(grade_writing(en_chat, rubric, test_grader()).score == en_score);
    CHECK(grade_writing(fi_chat, rubric, test_grader()).score == fi_score);
  }
}
