// Resolution (what contact-centre scorecards call "solution"): did the conversation reach
// an outcome that serves the customer? With a scenario the ending says it: its rating (or
// the default for its outcome label) is the score. Without one — a free chat log, or a
// scenario chat cut off by the time limit — the customer's own words say it: thanks, a
// confirmation or a purchase at the end count for; a complaint, a repeated question, a
// last message left unanswered or leaving count against.
#include "grade_internal.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace chatdrill::scoring {

std::optional<double> default_outcome_rating(std::string_view outcome) {
  struct Default {
    std::string_view outcome;
    double rating;
  };
  static constexpr std::array<Default, 17> k_defaults = {{
      {"resolved", 100},
      {"sold", 100},
      {"retained", 100},
      {"compensated", 90},
      {"refunded", 90},
      {"solved", 100},
      {"booked", 100},
      {"handed_off", 60},
      {"escalated", 60},
      {"transferred", 60},
      {"cancelled", 40},
      {"no_sale", 35},
      {"declined", 40},
      {"lost", 10},
      {"bounced", 10},
      {"customer_left", 0},
      {"abandoned", 0},
  }};
  for (const auto& d : k_defaults)
    if (d.outcome == outcome) return d.rating;
  return std::nullopt;
}

namespace detail {

namespace {

constexpr double k_free_base = 50;
constexpr double k_confirmed = 25, k_committed = 20, k_thanked = 15, k_complaint = -20, k_repeated = -10, k_left = -45,
                 k_last_unanswered = -15, k_question_open = -10;

// The label the session wrote for its ending ("ended" event text), else the outcome.
std::string_view ending_label(const ChatView& chat) {
  const auto& msgs = chat.transcript.messages;
  for (std::size_t i = msgs.size(); i-- > 0;)
    if (msgs[i].from == sender::system && msgs[i].kind == kind::ended && !msgs[i].text.empty())
      return chat.repaired.emplace_front(sanitize_utf8(msgs[i].text));
  return chat.repaired.emplace_front(sanitize_utf8(chat.transcript.outcome));
}

std::optional<double> rating_of(const ChatView& chat, const Rubric& rubric) {
  const std::string& outcome = chat.transcript.outcome;
  if (outcome.empty()) return std::nullopt;
  if (auto it = rubric.outcome_ratings.find(outcome); it != rubric.outcome_ratings.end()) return it->second;
  return default_outcome_rating(outcome);
}

void from_conversation(const ChatView& chat, Tally& tally) {
  const auto& msgs = chat.transcript.messages;
  // The customer's last turn (their messages after the trainee's last reply, or the last
  // ones before it): where the chat left them.
  std::vector<std::size_t> last_turn;
  for (std::size_t k = chat.customer.size(); k-- > 0;) {
    const std::size_t c = chat.customer[k];
    if (!last_turn.empty() && std::any_of(chat.trainee.begin(), chat.trainee.end(),
                                          [&](std::size_t t) { return t > c && t < last_turn.back(); }))
      break;
    last_turn.push_back(c);
  }
  bool confirmed = false, committed = false, thanked = false, complained = false;
  for (std::size_t c : last_turn) {
    const Analysis& a = chat.analysis(c);
    if (!committed && a.has_concept("customer.commit") && !a.is_question) {
      committed = true;
      tally.add(c, "resolution.customer_committed", k_committed, chat.note("resolution.customer_committed"));
    }
    if (!complained && (a.has_concept("customer.complaint") || a.has_move(MoveKind::rudeness))) {
      complained = true;
      tally.add(c, "resolution.customer_unhappy", k_complaint, chat.note("resolution.customer_unhappy"));
    } else if (!confirmed && a.has_concept("customer.confirm") && !a.is_question) {
      confirmed = true;
      tally.add(c, "resolution.customer_confirmed", k_confirmed, chat.note("resolution.customer_confirmed"));
    }
    if (!thanked && !complained && (a.has_move(MoveKind::thanks) || a.has_move(MoveKind::farewell))) {
      thanked = true;
      tally.add(c, "resolution.customer_thanked", k_thanked, chat.note("resolution.customer_thanked"));
    }
  }
  // A question the customer had to ask again: the first answer did not resolve it.
  int repeats = 0;
  for (std::size_t n = 1; n < chat.customer.size() && repeats < 2; ++n) {
    const std::size_t c = chat.customer[n];
    if (!chat.analysis(c).is_question) continue;
    for (std::size_t m = n > 10 ? n - 10 : 0; m < n; ++m) {  // the last few: a repeat is recent
      const std::size_t earlier = chat.customer[m];
      if (!chat.analysis(earlier).is_question || !chat.same_topic(c, earlier)) continue;
      ++repeats;
      tally.add(c, "resolution.question_repeated", k_repeated, chat.note("resolution.question_repeated"));
      break;
    }
  }
  // A question nobody answered is a matter left open, however politely the customer signs off.
  int open = 0;
  for (std::size_t c : chat.open_questions) {
    if (open++ == 2) break;
    tally.add(c, "resolution.question_open", k_question_open,
              chat.note("resolution.question_open", customer_gist(chat, c)));
  }
  bool left = false;
  for (std::size_t i = 0; i < msgs.size() && !left; ++i)
    if (msgs[i].is_customer_event(kind::left)) {
      left = true;
      tally.add(i, "resolution.customer_left", k_left, chat.note("resolution.customer_left"));
    }
  if (!left && !chat.customer.empty()) {
    const std::size_t c = chat.customer.back();
    const bool answered = !chat.trainee.empty() && chat.trainee.back() > c;
    if (!answered && !chat.is_closing(c))
      tally.add(c, "resolution.last_unanswered", k_last_unanswered, chat.note("resolution.last_unanswered"));
  }
}

}  // namespace

DimensionGrade resolution_grade(const ChatView& chat, const Rubric& rubric) {
  if (const std::optional<double> rating = rating_of(chat, rubric)) {
    const std::string_view label = ending_label(chat);
    Tally tally("resolution", *rating,
                chat.note("resolution.base_ending", label,
                          chat.repaired.emplace_front(sanitize_utf8(chat.transcript.outcome)), whole(*rating)));
    return tally.finish(chat);
  }
  if (chat.trainee.empty()) {
    Tally tally("resolution", 0, chat.note("resolution.base_no_replies"));
    return tally.finish(chat);
  }
  Tally tally("resolution", k_free_base, chat.note("resolution.base"));
  from_conversation(chat, tally);
  return tally.finish(chat);
}

}  // namespace detail
}  // namespace chatdrill::scoring
