// Speed: how long the customer waited for each answer, against the rubric's targets.
// Score = 100 minus, per answered customer message, its reply's shortfall (weighted mean).
#include "grade_internal.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace chatdrill::scoring::detail {

namespace {

// Score of one reply: 100 within target, falling linearly to 10 at `abandoned_after`,
// then to 0 at twice that ("a chat left over 3 min scores near zero").
double reply_score(double wait, double target, const Rubric& r) {
  const double abandoned = std::max(r.abandoned_after, target + 1);
  if (wait <= target) return 100;
  if (wait <= abandoned) return 100 - 90 * (wait - target) / (abandoned - target);
  return std::max(0.0, 10 * (1 - (wait - abandoned) / abandoned));
}

struct Wait {
  std::size_t customer;                // message the customer waited on
  std::optional<std::size_t> trainee;  // the reply; none = never answered
  double seconds;
  bool first;
  bool left = false;  // unanswered, and the customer left the chat while waiting
  // After a hold ("hetkinen, tarkistan"): the wait from the hold to the answer, against
  // `target` (the hold target or the time the trainee promised). `trainee` none: the
  // answer never came before the customer wrote again or the chat ended.
  bool after_hold = false;
  double target = 0;
};

// A reply that asks for time without answering yet.
bool hold_only(const ChatView& chat, std::size_t k) {
  const Analysis& a = chat.analysis(chat.trainee[k]);
  return a.has_move(MoveKind::hold) && !chat.responses[k].answers_question && !a.is_question;
}

// When the customer left the chat after message `c` (its first "left" event), if they did.
std::optional<double> customer_left_after(const ChatView& chat, std::size_t c) {
  const auto& msgs = chat.transcript.messages;
  for (std::size_t i = c + 1; i < msgs.size(); ++i)
    if (msgs[i].is_customer_event(kind::left)) return msgs[i].at;
  return std::nullopt;
}

std::string wait_note(const ChatView& chat, const Wait& w, double target, double score) {
  const bool fi = chat.fi();
  const std::string what = w.first ? chat.note("speed.what_first_reply") : chat.note("speed.what_reply");
  if (w.after_hold && !w.trainee) return chat.note("speed.hold_unkept", duration(w.seconds, fi), duration(target, fi));
  if (w.after_hold) return chat.note("speed.after_hold", duration(w.seconds, fi), duration(target, fi));
  if (!w.trainee && w.left) return chat.note("speed.customer_left", duration(w.seconds, fi), duration(target, fi));
  if (!w.trainee) return chat.note("speed.unanswered", duration(w.seconds, fi), duration(target, fi));
  if (score >= 100) return chat.note("speed.reply_on_time", what, duration(w.seconds, fi), duration(target, fi));
  return chat.note("speed.reply_late", what, duration(w.seconds, fi), duration(target, fi));
}

}  // namespace

DimensionGrade speed_grade(const ChatView& chat, const Rubric& rubric) {
  Tally tally("speed", 100, chat.note("speed.base"));
  std::vector<Wait> waits;
  waits.reserve(chat.trainee.size() + 1);
  for (std::size_t k = 0; k < chat.trainee.size(); ++k) {
    if (!chat.answers[k]) continue;
    const std::size_t c = *chat.answers[k];
    waits.push_back({c, chat.trainee[k], chat.message(chat.trainee[k]).at - chat.message(c).at, waits.empty()});
    if (!hold_only(chat, k)) continue;
    // The hold acknowledged the customer; the answer is still owed. Its wait runs from the
    // hold to the next reply that is not another hold, before the customer writes again.
    const std::size_t hold = chat.trainee[k];
    const Move* m = chat.analysis(hold).move(MoveKind::hold);
    const double target = std::max(rubric.hold_target, m ? m->seconds : 0.0);
    std::optional<std::size_t> answer;
    std::size_t n = k + 1;
    for (; n < chat.trainee.size() && !chat.answers[n]; ++n)
      if (!hold_only(chat, n)) {
        answer = chat.trainee[n];
        break;
      }
    const std::size_t next_customer =
        n < chat.trainee.size() && chat.answers[n] ? *chat.answers[n] : chat.transcript.messages.size();
    const double until = answer                                            ? chat.message(*answer).at
                         : next_customer < chat.transcript.messages.size() ? chat.message(next_customer).at
                                                                           : chat.end_time;
    Wait w{c, answer, until - chat.message(hold).at, false};
    w.after_hold = true;
    w.target = target;
    if (answer || w.seconds > target) waits.push_back(w);
  }
  // A customer message still waiting when the chat ended always counts (a quick end is no
  // answer); if the customer gave up and left while waiting past its target, that wait
  // scores nothing; leaving before an answer was due costs nothing.
  if (!chat.customer.empty()) {
    const std::size_t last_trainee = chat.trainee.empty() ? 0 : chat.trainee.back();
    for (std::size_t c : chat.customer) {
      if ((!chat.trainee.empty() && c < last_trainee) || !chat.needs_answer(c)) continue;
      const std::optional<double> left = customer_left_after(chat, c);
      const double waited = left.value_or(chat.end_time) - chat.message(c).at;
      const double target = waits.empty() ? rubric.first_reply_target : rubric.reply_target;
      if (left && waited <= target) break;  // gone before an answer was due: not the trainee's doing
      waits.push_back({c, std::nullopt, waited, waits.empty(), left.has_value()});
      break;
    }
  }
  if (waits.empty()) {
    tally.add(std::nullopt, "speed.nothing_to_answer", 0, chat.note("speed.nothing_to_answer"));
    return tally.finish(chat);
  }
  double weight_sum = 0;
  for (const auto& w : waits) weight_sum += w.first ? 2 : 1;
  for (const auto& w : waits) {
    const double target = w.after_hold ? w.target : w.first ? rubric.first_reply_target : rubric.reply_target;
    double score = w.left ? 0 : reply_score(w.seconds, target, rubric);
    if (!w.trainee && !w.after_hold) score = std::min(score, 50.0);  // never answered: never on time
    const double points = -(100 - score) * (w.first ? 2 : 1) / weight_sum;
    const char* rule = w.after_hold ? (w.trainee ? "speed.after_hold" : "speed.hold_unkept")
                       : w.left     ? "speed.customer_left"
                       : !w.trainee ? "speed.unanswered"
                       : w.first    ? "speed.first_reply"
                                    : "speed.reply";
    tally.add(w.trainee ? w.trainee : w.customer, rule, points, wait_note(chat, w, target, score));
  }
  return tally.finish(chat);
}

}  // namespace chatdrill::scoring::detail
