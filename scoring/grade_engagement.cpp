// Engagement: does the trainee keep the conversation alive and own the case? Replies that
// respond to the customer in front of them, every customer message and question answered,
// replies that move on (an answer, a question or a next step), a check-in when the
// customer falls silent, contact details asked rather than the customer bounced to another
// channel, and an open-door close. The moves are the language layer's (scoring/text/
// moves.h), the same ones the personas react to.
#include "grade_internal.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>

#include "core/utf8.h"

namespace chatdrill::scoring::detail {

namespace {

constexpr double k_unanswered = -15, k_dead_end = -4, k_bounce = -15, k_ownership = 5, k_open_door = 10;
constexpr double k_next_step[] = {10, 5};
constexpr double k_hold = 3, k_unresponsive = -6, k_template = -4, k_question_unanswered = -8;
constexpr double k_checkin = 10, k_checkin_early = 3, k_checkin_late = -5, k_no_checkin = -10;

// The reply's words from token `first` to `last`, for quoting.
std::string_view words(const ChatView& chat, std::size_t i, std::size_t first, std::size_t last) {
  const Analysis& a = chat.analysis(i);
  if (first > last || last >= a.tokens.size()) return {};
  const std::string_view text = chat.message(i).text;
  const std::size_t b = a.tokens[first].begin, e = a.tokens[last].end;
  if (e > text.size() || b >= e) return {};
  return chat.valid_part(i, text.substr(b, e - b));
}

int sentence_of(const Analysis& a, std::size_t token) {
  return token < a.tokens.size() ? a.tokens[token].sentence : -1;
}

bool moves_on(const Analysis& a) {
  return a.is_question || a.has_move(MoveKind::next_step) || a.has_move(MoveKind::checkin) ||
         a.has_move(MoveKind::ownership) || a.has_move(MoveKind::open_door) || a.has_move(MoveKind::hold) ||
         a.has_move(MoveKind::farewell);
}

// The title of the saved reply the app noted this message was sent as, unchanged
// ("saved_reply", "saved_reply_title"; the id when there is no title), else "". At most
// 120 bytes, valid UTF-8: it comes from the transcript, whoever wrote it.
std::string saved_reply_title(const Message& m) {
  if (!m.extra.is_object()) return {};
  const auto id = m.extra.find("saved_reply");
  if (id == m.extra.end() || !id->is_string() || id->get_ref<const std::string&>().empty()) return {};
  const auto title = m.extra.find("saved_reply_title");
  std::string_view text = title != m.extra.end() && title->is_string() && !title->get_ref<const std::string&>().empty()
                              ? title->get_ref<const std::string&>()
                              : id->get_ref<const std::string&>();
  if (text.size() > 120) {
    std::size_t cut = 120;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  return sanitize_utf8(text);
}

void replies(const ChatView& chat, Tally& tally) {
  int next_steps = 0;
  bool owned = false, held = false;
  for (std::size_t k = 0; k < chat.trainee.size(); ++k) {
    const std::size_t i = chat.trainee[k];
    const Analysis& a = chat.analysis(i);
    const Response& r = chat.responses[k];
    if (const Move* m = a.move(MoveKind::channel_bounce)) {  // one penalty per reply, quoting its first bounce
      tally.add(i, "engagement.channel_bounce", k_bounce,
                chat.note("engagement.channel_bounce", words(chat, i, m->first, m->last)));
    }
    if (!r.responsive) {
      tally.add(i, "engagement.unresponsive", k_unresponsive,
                chat.note("engagement.unresponsive", customer_gist(chat, r.turn.front())));
    }
    if (!r.echo.empty()) tally.add(i, "engagement.echo", 0, chat.note("engagement.echo", r.echo));
    if (const auto title = saved_reply_title(chat.message(i)); !title.empty())
      tally.add(i, "engagement.saved_reply", 0, chat.note("engagement.saved_reply", title));
    if (r.responsive && r.all_reused && a.tokens.size() >= 4) {
      tally.add(i, "engagement.template_reused", k_template, chat.note("engagement.template_reused"));
    }
    if (const Move* m = a.move(MoveKind::next_step); m && next_steps < 2 && chat.pays(i, sentence_of(a, m->first))) {
      tally.add(i, "engagement.next_step", k_next_step[next_steps++],
                chat.note("engagement.next_step", words(chat, i, m->first, m->last)));
    }
    if (const Move* m = a.move(MoveKind::hold); m && !held && r.responsive && chat.fresh(i, sentence_of(a, m->first))) {
      held = true;
      tally.add(i, "engagement.hold", k_hold, chat.note("engagement.hold"));
    }
    const Move* own = a.move(MoveKind::ownership);
    if (own && own->rule == "contact.details" && !owned && chat.pays(i, sentence_of(a, own->first))) {
      owned = true;
      tally.add(i, "engagement.ownership", k_ownership, chat.note("engagement.ownership"));
    }
    const bool closing =
        !r.turn.empty() && std::all_of(r.turn.begin(), r.turn.end(), [&](std::size_t c) { return chat.is_closing(c); });
    if (chat.answers[k] && k + 1 < chat.trainee.size() && !moves_on(a) && !r.answers_question && !closing)
      tally.add(i, "engagement.dead_end", k_dead_end, chat.note("engagement.dead_end"));
  }
}

// A customer question none of the replies to its turn answered or took up.
void questions(const ChatView& chat, Tally& tally) {
  for (std::size_t question : chat.open_questions)
    tally.add(question, "engagement.question_unanswered", k_question_unanswered,
              chat.note("engagement.question_unanswered", customer_gist(chat, question)));
}

void unanswered(const ChatView& chat, Tally& tally) {
  const std::size_t last_trainee = chat.trainee.empty() ? 0 : chat.trainee.back();
  for (std::size_t c : chat.customer) {
    if ((!chat.trainee.empty() && c < last_trainee) || !chat.needs_answer(c)) continue;
    tally.add(c, "engagement.unanswered", k_unanswered, chat.note("engagement.unanswered"));
    return;  // messages written in a row are answered together: one penalty
  }
}

// Seconds a customer needs after trainee message `reply` before their next message `next`
// is due: reading the trainee's reply, then typing their own (the typing model in GRADING.md).
double customer_needs(const ChatView& chat, const Rubric& r, std::size_t reply, std::optional<std::size_t> next) {
  const auto chars = [](std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return static_cast<double>(n);
  };
  double need = r.customer_read_seconds + chars(chat.message(reply).text) / std::max(r.customer_read_cps, 1.0);
  if (next) need += chars(chat.message(*next).text) / std::max(r.customer_typing_cps, 0.1);
  return need;
}

// Silence: the customer's turn starts with the trainee's last reply to it (before that the
// wait is the trainee's, graded by speed), or at an explicit "silent" event. It counts
// once the customer has had the time to read the reply and type their next message; a
// "typing" event ends it.
// The check-in window as a note says it: "60-180 s" in a chat, "24 h-72 h" by email.
std::string window_text(const Rubric& r, bool fi) {
  if (r.silence_checkin_to < 600)
    return note(FMT_COMPILE("{}-{} s"), whole(r.silence_checkin_from), whole(r.silence_checkin_to));
  return note(FMT_COMPILE("{}-{}"), duration(r.silence_checkin_from, fi), duration(r.silence_checkin_to, fi));
}

void silences(const ChatView& chat, const Rubric& r, Tally& tally) {
  const bool fi = chat.fi();
  const auto& msgs = chat.transcript.messages;
  for (std::size_t n = 0; n < chat.customer.size(); ++n) {
    const std::size_t c = chat.customer[n];
    const std::size_t next_c = n + 1 < chat.customer.size() ? chat.customer[n + 1] : msgs.size();
    std::optional<std::size_t> start;  // the message at which the customer's silence begins
    bool explicit_silence = false;
    for (std::size_t i = c + 1; i < next_c && !start; ++i) {
      if (msgs[i].is_trainee_message()) start = i;
      if (msgs[i].is_customer_event(kind::silent)) start = i, explicit_silence = true;
    }
    if (!start) continue;
    // The reply the customer is reading: the last trainee message before anything else happens.
    std::size_t reply = *start;
    for (std::size_t i = *start + 1;
         i < next_c && msgs[i].is_trainee_message() && !chat.analysis(i).has_move(MoveKind::checkin); ++i)
      reply = i;
    const double s = msgs[*start].at;
    double until = next_c < msgs.size() ? msgs[next_c].at : chat.end_time;
    for (std::size_t i = *start + 1; i < next_c; ++i)
      if (msgs[i].is_customer_event(kind::typing)) {
        until = std::min(until, msgs[i].at);
        break;
      }
    const double allowance =
        explicit_silence || !msgs[reply].is_trainee_message()
            ? 0
            : customer_needs(chat, r, reply, next_c < msgs.size() ? std::optional(next_c) : std::nullopt);
    const double silent = until - s - allowance;
    if (silent < r.silence_checkin_from) continue;
    std::optional<std::size_t> in_window, early, late;
    for (std::size_t i = *start + 1; i < next_c; ++i) {
      if (!msgs[i].is_trainee_message() || !chat.analysis(i).has_move(MoveKind::checkin)) continue;
      const double gap = msgs[i].at - s;
      auto& slot = gap < r.silence_checkin_from ? early : gap <= r.silence_checkin_to ? in_window : late;
      if (!slot) slot = i;
    }
    const auto reused = [&](std::size_t i) {
      const Response* resp = chat.response(i);
      return resp && resp->all_reused;
    };
    if (in_window && reused(*in_window)) {
      tally.add(in_window, "engagement.checkin_repeated", 0, chat.note("engagement.checkin_repeated"));
    } else if (in_window) {
      tally.add(in_window, "engagement.checkin", k_checkin,
                chat.note("engagement.checkin", duration(msgs[*in_window].at - s, fi)));
    } else if (early) {
      tally.add(early, "engagement.checkin_early", k_checkin_early,
                chat.note("engagement.checkin_early", duration(msgs[*early].at - s, fi)));
    } else if (late) {
      tally.add(late, "engagement.checkin_late", k_checkin_late,
                chat.note("engagement.checkin_late", duration(msgs[*late].at - s, fi), window_text(r, fi)));
    } else if (silent > r.silence_checkin_to) {
      tally.add(*start, "engagement.no_checkin", k_no_checkin,
                chat.note("engagement.no_checkin", duration(until - s, fi)));
    }
  }
}

void open_door(const ChatView& chat, Tally& tally) {
  for (std::size_t k = chat.trainee.size(); k-- > 0 && k + 2 >= chat.trainee.size();) {
    const std::size_t i = chat.trainee[k];
    const Move* m = chat.analysis(i).move(MoveKind::open_door);
    if (!m) continue;
    if (!chat.pays(i, sentence_of(chat.analysis(i), m->first))) {
      tally.add(i, "engagement.open_door_reused", 0, chat.note("engagement.open_door_reused"));
      return;
    }
    tally.add(i, "engagement.open_door", k_open_door,
              chat.note("engagement.open_door", words(chat, i, m->first, m->last)));
    return;
  }
  tally.add(std::nullopt, "engagement.no_open_door", 0, chat.note("engagement.no_open_door"));
}

}  // namespace

DimensionGrade engagement_grade(const ChatView& chat, const Rubric& rubric) {
  Tally tally("engagement", 60, chat.note("engagement.base"));
  replies(chat, tally);
  questions(chat, tally);
  unanswered(chat, tally);
  silences(chat, rubric, tally);
  if (!chat.trainee.empty()) open_door(chat, tally);
  return tally.finish(chat);
}

}  // namespace chatdrill::scoring::detail
