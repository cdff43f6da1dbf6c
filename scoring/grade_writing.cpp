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

constexpr double k_error_points = 6;  // at k_reference_words
constexpr double k_reference_words = 100;
constexpr double k_min_scale = 0.5, k_max_scale = 2.0;

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
  const std::string_view text = chat.message(c.message).text;
  const std::string_view quoted = chat.valid_part(c.message, text.substr(c.error.begin, c.error.end - c.error.begin));
  std::string out;
  if (c.error.kind == WritingErrorKind::spelling) {
    out = note(FMT_COMPILE("{}: \"{}\""), chat.note("writing.misspelt"), quoted);
  } else {
    std::string_view what = c.error.description;
    while (!what.empty() && (what.back() == '.' || what.back() == ' ')) what.remove_suffix(1);
    out = note(FMT_COMPILE("{}: \"{}\""), what.empty() ? chat.note("writing.grammar") : std::string(what), quoted);
  }
  if (!c.error.suggestion.empty() && c.error.suggestion != quoted)
    out += note(FMT_COMPILE(" → \"{}\""), sanitize_utf8(c.error.suggestion));
  if (c.times > 1) out += chat.note("writing.times", c.times);
  return out;
}

}  // namespace

DimensionGrade writing_grade(const ChatView& chat, const Rubric& rubric) {
  if (!rubric.check_writing) {
    Tally tally("writing", 100, chat.note("writing.base_not_graded"));
    tally.add(std::nullopt, "writing.not_checked", 0, chat.note("writing.not_checked"));
    DimensionGrade g = tally.finish(chat);
    g.graded = false;  // shown as not graded, weighs nothing in the overall
    return g;
  }
  if (chat.trainee.empty()) {
    Tally tally("writing", 100, chat.note("writing.base_no_replies"));
    tally.add(std::nullopt, "writing.no_replies", -100, chat.note("writing.no_replies"));
    return tally.finish(chat);
  }
  WritingChecker& checker = chat.lang->writing;
  std::size_t words = 0;
  for (std::size_t i : chat.trainee) words += chat.analysis(i).tokens.size();
  const double scale = std::clamp(std::sqrt(k_reference_words / std::max<double>(static_cast<double>(words), 1.0)),
                                  k_min_scale, k_max_scale);
  const double cost = round_tenth(k_error_points * scale);
  Tally tally("writing", 100, chat.note("writing.base", words, cost));
  if (!checker.available()) {
    tally.add(std::nullopt, "writing.no_dictionary", 0, chat.note("writing.no_dictionary"));
    return tally.finish(chat);
  }
  for (const Charge& c : charges(chat, chat_tolerance(chat, rubric), checker))
    tally.add(c.message, c.error.kind == WritingErrorKind::spelling ? "writing.spelling" : "writing.grammar", -cost,
              charge_note(chat, c));
  return tally.finish(chat);
}

}  // namespace chatdrill::scoring::detail
