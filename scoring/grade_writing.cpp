// Writing: spelling and grammar of the trainee's replies (text/spelling.h: Voikko for
// Finnish, spelling and grammar; Hunspell for English, spelling only), with chat
// tolerance. Only the trainee's words count; the customer's words are the chat's own.
//
// Score: base 100; each error costs k_error_points (6) scaled by how much the trainee wrote
// in the whole chat:  cost = 6 * clamp(sqrt(100 / words), 0.5, 2)
// so an error costs 6 points at 100 words, 12 at 25 words or fewer (one slip in a
// five-word reply is a fifth of it), 3 at 400 words or more. At an error rate of r per
// 100 words the loss is 0.6 * r * sqrt(words): between counting errors (long chats lose
// most) and a pure rate (one slip in "Kiitos!" would be a 100 % error rate); a chat of
// 100-150 words with 3 errors scores about 80, with 10 errors about 40.
// The same misspelt word (folded) is charged once with "(N times)", as is the same grammar
// finding on the same words: one habit, one charge.
// The chat's own words are never errors: every word of the customer's messages, the
// customer's name and `rubric.vocabulary` (the scenario's lines and names).
// No trainee replies: base 100 and "writing.no_replies" -100, as politeness does: nothing
// to judge is not a perfect score. `rubric.check_writing` false: base 100 and a 0-point
// "writing.not_checked" (the overall is to leave the dimension out). No dictionary
// installed: base 100 and a 0-point "writing.no_dictionary".
#include "grade_internal.h"
#include "text/spelling.h"
#include "text_internal.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chatdrill::scoring::detail {

namespace {

constexpr double k_error_points = 6;   // at k_reference_words
constexpr double k_reference_words = 100;
constexpr double k_min_scale = 0.5, k_max_scale = 2.0;

// One checker per language per thread: each caches spell results across chats.
WritingChecker& checker_for(Language language) {
  if (language == Language::fi) {
    thread_local WritingChecker fi(Language::fi);
    return fi;
  }
  thread_local WritingChecker en(Language::en);
  return en;
}

std::string customer_name_of(const ChatView& chat, const Rubric& rubric) {
  if (!rubric.customer_name.empty()) return rubric.customer_name;
  const auto& extra = chat.transcript.extra;
  if (auto it = extra.find("customer_name"); it != extra.end() && it->is_string()) return it->get<std::string>();
  return {};
}

Tolerance chat_tolerance(const ChatView& chat, const Rubric& rubric) {
  Tolerance t;
  for (std::size_t i : chat.customer) t.add_words(chat.message(i).text);
  for (const auto& w : rubric.vocabulary) t.add_words(w);
  t.customer_name = customer_name_of(chat, rubric);
  t.add_words(t.customer_name);
  return t;
}

// Errors charged once per word (or grammar finding on the same words), first use first.
struct Charge {
  std::size_t message = 0;
  WritingError error;
  int times = 0;
};

std::vector<Charge> charges(const ChatView& chat, const Tolerance& tolerance, WritingChecker& checker) {
  std::vector<Charge> out;
  std::unordered_map<std::string, std::size_t> seen;
  std::vector<WritingError> errors;
  for (std::size_t i : chat.trainee) {
    checker.check(chat.message(i).text, tolerance, errors);
    for (auto& e : errors) {
      std::string key = e.kind == WritingErrorKind::spelling ? "s" : fmt::format("g{}:", e.code);
      fold_append(e.text, key);
      auto [it, fresh] = seen.emplace(std::move(key), out.size());
      if (fresh) out.push_back(Charge{i, std::move(e), 0});
      ++out[it->second].times;
    }
  }
  return out;
}

std::string charge_note(const ChatView& chat, const Charge& c) {
  const bool fi = chat.fi();
  const std::string_view text = chat.message(c.message).text;
  const std::string_view quoted = chat.valid_part(c.message, text.substr(c.error.begin, c.error.end - c.error.begin));
  std::string out;
  if (c.error.kind == WritingErrorKind::spelling) {
    out = note(FMT_COMPILE("{}: \"{}\""), fi ? "Kirjoitusvirhe" : "Misspelt", quoted);
  } else {
    std::string_view what = c.error.description;
    while (!what.empty() && (what.back() == '.' || what.back() == ' ')) what.remove_suffix(1);
    out = note(FMT_COMPILE("{}: \"{}\""), what.empty() ? (fi ? "Kielioppi" : "Grammar") : what, quoted);
  }
  if (!c.error.suggestion.empty() && c.error.suggestion != quoted)
    out += note(FMT_COMPILE(" → \"{}\""), sanitize_utf8(c.error.suggestion));
  if (c.times > 1) out += fi ? note(FMT_COMPILE(" ({} kertaa)"), c.times) : note(FMT_COMPILE(" ({} times)"), c.times);
  return out;
}

}  // namespace

DimensionGrade writing_grade(const ChatView& chat, const Rubric& rubric) {
  const bool fi = chat.fi();
  if (!rubric.check_writing) {
    Tally tally("writing", 100, fi ? "Kirjoitusasua ei arvioida tässä harjoituksessa." : "Writing is not graded here.");
    tally.add(std::nullopt, "writing.not_checked", 0,
              fi ? "Kirjoitusasua ei tarkisteta tässä skenaariossa." : "Writing not checked for this scenario.");
    DimensionGrade g = tally.finish(fi);
    g.graded = false;  // shown as not graded, weighs nothing in the overall
    return g;
  }
  if (chat.trainee.empty()) {
    Tally tally("writing", 100, fi ? "Lähtötaso 100; virheet vähentävät." : "Starts at 100; errors subtract.");
    tally.add(std::nullopt, "writing.no_replies", -100,
              fi ? "Ei yhtään vastausta, ei arvioitavaa kirjoitusta." : "No replies: no writing to judge.");
    return tally.finish(fi);
  }
  WritingChecker& checker = checker_for(chat.language);
  std::size_t words = 0;
  for (std::size_t i : chat.trainee) words += chat.analysis(i).tokens.size();
  const double scale =
      std::clamp(std::sqrt(k_reference_words / std::max<double>(static_cast<double>(words), 1.0)), k_min_scale, k_max_scale);
  const double cost = round_tenth(k_error_points * scale);
  Tally tally("writing", 100,
              fi ? note(FMT_COMPILE("Lähtötaso 100; vastauksissa {} sanaa, joten kukin kirjoitus- tai kielioppivirhe "
                                    "vähentää {} pistettä (lyhyessä tekstissä enemmän)."),
                        words, cost)
                 : note(FMT_COMPILE("Starts at 100; the replies have {} words, so each spelling error costs {} points "
                                    "(more in short writing; English grammar is not checked)."),
                        words, cost));
  if (!checker.available()) {
    tally.add(std::nullopt, "writing.no_dictionary", 0,
              fi ? "Suomen oikolukusanastoa (Voikko) ei ole asennettu; kirjoitusta ei tarkistettu."
                 : "No English dictionary (Hunspell en_US) installed; spelling not checked.");
    return tally.finish(fi);
  }
  for (const Charge& c : charges(chat, chat_tolerance(chat, rubric), checker))
    tally.add(c.message, c.error.kind == WritingErrorKind::spelling ? "writing.spelling" : "writing.grammar", -cost,
              charge_note(chat, c));
  return tally.finish(fi);
}

}  // namespace chatdrill::scoring::detail
