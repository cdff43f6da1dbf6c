// Engagement: does the trainee keep the conversation alive and own the case? Every
// customer message answered, replies that move on (a question or a next step), a check-in
// when the customer falls silent, contact details asked rather than the customer bounced
// to another channel, and an open-door close.
#include "grade_internal.h"

#include <fmt/compile.h>
#include <fmt/format.h>

namespace chatdrill::scoring::detail {

namespace {

constexpr double k_unanswered = -15, k_dead_end = -4, k_bounce = -15, k_ownership = 5, k_open_door = 10;
constexpr double k_next_step[] = {10, 5};
constexpr double k_checkin = 10, k_checkin_early = 3, k_checkin_late = -5, k_no_checkin = -10;

bool moves_on(const Analysis& a) {
  return a.is_question || a.has("engagement.next_step") || a.has("engagement.checkin") ||
         a.has("ownership.contact_details") || a.has("courtesy.open_door");
}

void replies(const ChatView& chat, Tally& tally) {
  const bool fi = chat.fi();
  int next_steps = 0;
  bool owned = false;
  for (std::size_t k = 0; k < chat.trainee.size(); ++k) {
    const std::size_t i = chat.trainee[k];
    const Analysis& a = chat.analysis(i);
    for (const auto& hit : a.markers) {  // one penalty per reply, quoting its first bounce
      if (hit.id != "negative.channel_bounce") continue;
      tally.add(i, "engagement.channel_bounce", k_bounce,
                  fi ? note(FMT_COMPILE("Ohjasi asiakkaan toiseen kanavaan (\"{}\") sen sijaan, että hoitaisi asian itse."), chat.quote(i, hit))
                     : note(FMT_COMPILE("Bounced the customer to another channel (\"{}\") instead of owning the case."), chat.quote(i, hit)));
      break;
    }
    if (a.has("engagement.next_step") && next_steps < 2) {
      tally.add(i, "engagement.next_step", k_next_step[next_steps++],
                fi ? "Kertoi seuraavan askeleen." : "Stated a next step.");
    }
    if (a.has("ownership.contact_details") && !owned) {
      owned = true;
      tally.add(i, "engagement.ownership", k_ownership,
                fi ? "Pyysi yhteystiedot hoitaakseen asian itse loppuun." : "Asked for contact details to take the case forward.");
    }
    if (chat.answers[k] && k + 1 < chat.trainee.size() && !moves_on(a))
      tally.add(i, "engagement.dead_end", k_dead_end,
                fi ? "Vastaus ei vie keskustelua eteenpäin (ei kysymystä eikä seuraavaa askelta)."
                   : "The reply leads nowhere (no question, no next step).");
  }
}

void unanswered(const ChatView& chat, Tally& tally) {
  const std::size_t last_trainee = chat.trainee.empty() ? 0 : chat.trainee.back();
  for (std::size_t c : chat.customer) {
    if ((!chat.trainee.empty() && c < last_trainee) || chat.is_closing(c)) continue;
    tally.add(c, "engagement.unanswered", k_unanswered,
              chat.fi() ? "Asiakkaan viesti jäi vaille vastausta." : "The customer's message was left unanswered.");
    return;  // messages written in a row are answered together: one penalty
  }
}

// Silence: the customer's turn starts when its last message has been answered (before
// that the wait is the trainee's, graded by speed), or at an explicit "silent" event.
void silences(const ChatView& chat, const Rubric& r, Tally& tally) {
  const bool fi = chat.fi();
  const auto& msgs = chat.transcript.messages;
  for (std::size_t n = 0; n < chat.customer.size(); ++n) {
    const std::size_t c = chat.customer[n];
    const std::size_t next_c = n + 1 < chat.customer.size() ? chat.customer[n + 1] : msgs.size();
    std::optional<std::size_t> start;  // the message at which the customer's silence begins
    for (std::size_t i = c + 1; i < next_c && !start; ++i)
      if (msgs[i].is_trainee_message() || msgs[i].is_customer_event("silent")) start = i;
    if (!start) continue;
    const double s = msgs[*start].at;
    const double until = next_c < msgs.size() ? msgs[next_c].at : chat.end_time;
    if (until - s < r.silence_checkin_from) continue;
    std::optional<std::size_t> in_window, early, late;
    for (std::size_t i = *start + 1; i < next_c; ++i) {
      if (!msgs[i].is_trainee_message() || !chat.analysis(i).has("engagement.checkin")) continue;
      const double gap = msgs[i].at - s;
      auto& slot = gap < r.silence_checkin_from ? early : gap <= r.silence_checkin_to ? in_window : late;
      if (!slot) slot = i;
    }
    if (in_window) {
      tally.add(in_window, "engagement.checkin", k_checkin,
                fi ? note(FMT_COMPILE("Tarkisti asiakkaan tilanteen {} s hiljaisuuden jälkeen."), whole(msgs[*in_window].at - s))
                   : note(FMT_COMPILE("Checked in after {} s of silence."), whole(msgs[*in_window].at - s)));
    } else if (early) {
      tally.add(early, "engagement.checkin_early", k_checkin_early,
                fi ? note(FMT_COMPILE("Tarkisti jo {} s:n kohdalla; asiakkaalle kannattaa antaa hetki aikaa."), whole(msgs[*early].at - s))
                   : note(FMT_COMPILE("Checked in after only {} s; give the customer a moment."), whole(msgs[*early].at - s)));
    } else if (late) {
      tally.add(late, "engagement.checkin_late", k_checkin_late,
                fi ? note(FMT_COMPILE("Tarkisti vasta {} s hiljaisuuden jälkeen (ikkuna {}-{} s)."), whole(msgs[*late].at - s),
                                 whole(r.silence_checkin_from), whole(r.silence_checkin_to))
                   : note(FMT_COMPILE("Checked in only after {} s of silence (window {}-{} s)."), whole(msgs[*late].at - s),
                                 whole(r.silence_checkin_from), whole(r.silence_checkin_to)));
    } else if (until - s > r.silence_checkin_to) {
      tally.add(*start, "engagement.no_checkin", k_no_checkin,
                fi ? note(FMT_COMPILE("Asiakas oli hiljaa {} s eikä harjoittelija tarkistanut, onko hän vielä linjoilla."), whole(until - s))
                   : note(FMT_COMPILE("The customer was silent for {} s and the trainee never checked in."), whole(until - s)));
    }
  }
}

void open_door(const ChatView& chat, Tally& tally) {
  const bool fi = chat.fi();
  for (std::size_t k = chat.trainee.size(); k-- > 0 && k + 2 >= chat.trainee.size();) {
    if (!chat.analysis(chat.trainee[k]).has("courtesy.open_door")) continue;
    tally.add(chat.trainee[k], "engagement.open_door", k_open_door,
              fi ? "Lopetti jättäen oven auki jatkokysymyksille." : "Closed by leaving the door open for further questions.");
    return;
  }
  tally.add(std::nullopt, "engagement.no_open_door", 0,
            fi ? "Lopetuksessa ei kutsuttu ottamaan uudelleen yhteyttä (esim. \"jos tulee kysyttävää, kirjoita rohkeasti\")."
               : "The close did not invite the customer back (e.g. \"if you have any questions, feel free to write\").");
}

}  // namespace

DimensionGrade engagement_grade(const ChatView& chat, const Rubric& rubric) {
  const bool fi = chat.fi();
  Tally tally("engagement", 60,
              fi ? "Lähtötaso 60; seuraavat askeleet, vastuunotto, tarkistukset hiljaisuudessa ja avoin lopetus lisäävät; "
                   "vastaamatta jättäminen, umpikujat ja toiseen kanavaan ohjaaminen vähentävät."
                 : "Starts at 60; next steps, ownership, check-ins after silence and an open-door close add; "
                   "unanswered messages, dead ends and channel bouncing subtract.");
  replies(chat, tally);
  unanswered(chat, tally);
  silences(chat, rubric, tally);
  if (!chat.trainee.empty()) open_door(chat, tally);
  return tally.finish(fi);
}

}  // namespace chatdrill::scoring::detail
