// Clarifying: does the trainee ask before acting? Questions about what the customer just
// wrote or about a slot the rubric declares (budget, size, order number) earn points with
// diminishing returns, once each and only in a reply that responds to the customer; stock
// questions ("voinko auttaa muussa?") earn little; asking again what was already asked,
// stated assumptions, acting without asking and slots never asked about (that the customer
// did not give of their own accord) are shown and cost points.
#include "grade_internal.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>
#include <string_view>
#include <unordered_set>

namespace chatdrill::scoring::detail {

namespace {

constexpr double k_relevant[] = {20, 12, 8, 5, 3};  // then 2 each
constexpr double k_generic[] = {5, 3};              // then 0
constexpr double k_stock[] = {2, 1};                // then 0
constexpr double k_slot_bonus = 10, k_slot_missed = -5, k_assumption = -10, k_acted = -10, k_repeated = -5;

double nth(const double* list, std::size_t size, std::size_t n, double after) { return n < size ? list[n] : after; }

// A topic word of the sentence that one of the last two customer messages before message
// `i` also has (surface of the first such token), or empty.
bool about_recent_customer(const ChatView& chat, std::size_t i, const std::vector<std::string_view>& keys) {
  int taken = 0;
  for (std::size_t k = chat.customer.size(); k-- > 0 && taken < 2;) {
    if (chat.customer[k] > i) continue;
    ++taken;
    if (topics_meet(keys, chat.topics[chat.customer[k]])) return true;
  }
  return false;
}

// The question's subject area (or another topical concept) is one the customer's last two
// messages are in: "Oletteko käynnistäneet modeemin uudelleen?" when the internet is down.
// The customer's hits count negated too: "netti ei toimi" is about the internet.
bool in_recent_customer_area(const ChatView& chat, std::size_t i, int sentence) {
  const Analysis& a = chat.analysis(i);
  int taken = 0;
  for (std::size_t k = chat.customer.size(); k-- > 0 && taken < 2;) {
    if (chat.customer[k] > i) continue;
    ++taken;
    const Analysis& q = chat.analysis(chat.customer[k]);
    for (const auto& h : a.concepts) {
      if (h.negated || a.clauses[static_cast<std::size_t>(h.clause)].sentence != sentence || !topical_concept(h.id))
        continue;
      if (std::any_of(q.concepts.begin(), q.concepts.end(), [&](const ConceptHit& c) { return c.id == h.id; }))
        return true;
    }
  }
  return false;
}

// Word `k` of `a` names the slot: a keyword as written or as its base form ("budjetti" covers
// "budjettinne", "valot" covers "valoja"), a stem, a prefix.
bool token_in_slot(const Analysis& a, std::size_t k, const Slot& slot) {
  const Token& t = a.tokens[k];
  for (const auto& kw : slot.keywords)
    if (t.folded == kw || a.word(k).has_lemma(kw)) return true;
  for (const auto& s : slot.stems)
    if (t.stem == s) return true;
  for (const auto& p : slot.prefixes)
    if (t.folded.starts_with(p)) return true;
  return false;
}

struct Counters {
  std::size_t relevant = 0, generic = 0, stock = 0;
  std::set<std::size_t> slots_covered;
  bool asked = false, acted_noted = false;
  // Earlier questions' topic words, with the message they were asked in.
  std::vector<std::pair<std::size_t, std::vector<std::string_view>>> asked_topics;
};

std::string_view slot_label(const Slot& s) { return s.label.empty() ? s.id : s.label; }

// The customer answered something between messages `from` and `to`.
bool customer_wrote_between(const ChatView& chat, std::size_t from, std::size_t to) {
  return std::any_of(chat.customer.begin(), chat.customer.end(), [&](std::size_t c) { return c > from && c < to; });
}

void question(const ChatView& chat, std::size_t i, int sentence, Counters& c, Tally& tally) {
  const Analysis& a = chat.analysis(i);
  const std::string_view text = chat.sentence_text(i, sentence);
  std::vector<std::string_view> keys;
  chat.sentence_topic(i, sentence, keys);
  // Asked before, word for word or about the same words, and the customer has replied since.
  const Response* r = chat.response(i);
  const bool verbatim =
      r && static_cast<std::size_t>(sentence) < r->reused.size() && r->reused[static_cast<std::size_t>(sentence)];
  // The last few questions are enough to notice a repeat (and keep a chat of thousands of
  // questions linear).
  const std::size_t from = c.asked_topics.size() > 16 ? c.asked_topics.size() - 16 : 0;
  for (std::size_t q = from; q < c.asked_topics.size(); ++q) {
    const std::size_t earlier = c.asked_topics[q].first;
    const std::vector<std::string_view>& topic =
        c.asked_topics[q].second;  // not a structured binding: lambdas below capture it (clang 14)
    if (!customer_wrote_between(chat, earlier, i)) continue;
    if (!(verbatim || (!keys.empty() && keys.size() <= topic.size() * 2 &&
                       std::all_of(keys.begin(), keys.end(), [&](std::string_view k) {
                         return std::binary_search(topic.begin(), topic.end(), k);
                       }))))
      continue;
    tally.add(i, "clarifying.repeated_question", k_repeated, chat.note("clarifying.repeated_question", text));
    return;
  }
  c.asked_topics.emplace_back(i, keys);
  if (!chat.pays(i, sentence)) {
    if (!chat.pays(i)) tally.add(i, "clarifying.beside_the_point", 0, chat.note("clarifying.beside_the_point", text));
    return;
  }
  if (a.count_in_sentence(sentence, "clarifying.stock") > 0) {
    tally.add(i, "clarifying.stock", nth(k_stock, 2, c.stock++, 0), chat.note("clarifying.stock", text));
    return;
  }
  const auto& s = a.sentences[static_cast<std::size_t>(sentence)];
  std::vector<std::size_t> slots;
  for (std::size_t k = s.first_token; k < s.first_token + s.token_count; ++k)
    for (std::size_t n = 0; n < chat.slots.size(); ++n)
      if (token_in_slot(a, k, chat.slots[n]) && std::find(slots.begin(), slots.end(), n) == slots.end())
        slots.push_back(n);
  std::string_view detail;  // a detail any case has (order number, size, model), from the lexicon
  for (const auto& hit : a.markers)
    if (hit.sentence == sentence && hit.id == "clarifying.case_detail" && detail.empty()) detail = chat.quote(i, hit);
  std::string_view shared;  // a topic word the customer used
  if (about_recent_customer(chat, i, keys))
    for (std::size_t k = s.first_token; k < s.first_token + s.token_count && shared.empty(); ++k) {
      const Token& t = a.tokens[k];
      for (const auto& key : keys)
        if (key == t.folded || a.word(k).has_lemma(key) || key == a.word(k).stem)
          shared = chat.valid_part(i, t.surface);
    }
  c.asked = true;
  if (!shared.empty() || !slots.empty() || !detail.empty() || about_recent_customer(chat, i, keys) ||
      in_recent_customer_area(chat, i, sentence)) {
    const std::string_view about = !slots.empty()    ? slot_label(chat.slots[slots.front()])
                                   : !shared.empty() ? shared
                                   : !detail.empty() ? detail
                                                     : text;
    tally.add(i, "clarifying.question", nth(k_relevant, 5, c.relevant++, 2),
              chat.note("clarifying.question", about, text));
  } else {
    tally.add(i, "clarifying.generic_question", nth(k_generic, 2, c.generic++, 0),
              chat.note("clarifying.generic_question", text));
  }
  for (std::size_t n : slots) {
    if (!c.slots_covered.insert(n).second) continue;
    tally.add(i, "clarifying.slot", k_slot_bonus, chat.note("clarifying.slot", slot_label(chat.slots[n])));
  }
}

// The customer gave the details of their case themselves (a number, an order or invoice
// number) before message `i`: acting at once is right, not an assumption.
bool customer_gave_details(const ChatView& chat, std::size_t i) {
  for (std::size_t c : chat.customer) {
    if (c > i) break;
    const Analysis& a = chat.analysis(c);
    if (a.has("clarifying.case_detail") || a.has_concept("case.order_number") || a.has_concept("case.invoice_number") ||
        a.has_concept("case.customer_number"))
      return true;
    for (const auto& t : a.tokens)
      if (t.folded.size() >= 4 &&
          std::all_of(t.folded.begin(), t.folded.end(), [](char ch) { return (ch >= '0' && ch <= '9') || ch == '-'; }))
        return true;
  }
  return false;
}

// The customer mentioned a slot themselves (nobody needs to ask for it).
bool customer_gave_slot(const ChatView& chat, const Slot& slot) {
  for (std::size_t c : chat.customer) {
    const Analysis& a = chat.analysis(c);
    for (std::size_t k = 0; k < a.tokens.size(); ++k)
      if (token_in_slot(a, k, slot)) return true;
  }
  return false;
}

// Assumptions stated instead of asked (outside questions: "I assume you want X?" asks).
void assumptions(const ChatView& chat, std::size_t i, Tally& tally) {
  const Analysis& a = chat.analysis(i);
  for (const auto& hit : a.markers) {
    if (hit.id != "clarifying.assumption" || a.sentences[static_cast<std::size_t>(hit.sentence)].is_question) continue;
    tally.add(i, "clarifying.assumption", k_assumption,
              chat.note("clarifying.assumption", chat.sentence_text(i, hit.sentence)));
  }
}

}  // namespace

DimensionGrade clarifying_grade(const ChatView& chat, const Rubric& rubric) {
  Tally tally("clarifying", 50, chat.note("clarifying.base"));
  Counters c;
  for (std::size_t k = 0; k < chat.trainee.size(); ++k) {
    const std::size_t i = chat.trainee[k];
    const Analysis& a = chat.analysis(i);
    for (std::size_t s = 0; s < a.sentences.size(); ++s) {
      const int sentence = static_cast<int>(s);
      if (!a.sentences[s].is_question || a.count_in_sentence(sentence, "engagement.checkin") > 0 ||
          std::any_of(a.moves.begin(), a.moves.end(), [&](const Move& m) {
            return m.kind == MoveKind::checkin && a.clauses[static_cast<std::size_t>(m.clause)].sentence == sentence;
          }))
        continue;
      question(chat, i, sentence, c, tally);
    }
    assumptions(chat, i, tally);
    const bool acts = a.has_move(MoveKind::next_step);
    if (acts && !c.asked && !c.acted_noted && !chat.customer.empty() && chat.customer.front() < i &&
        !customer_gave_details(chat, i)) {
      c.acted_noted = true;
      tally.add(i, "clarifying.acted_without_asking", k_acted, chat.note("clarifying.acted_without_asking"));
    }
  }
  for (std::size_t n = 0; n < rubric.slots.size(); ++n) {
    if (c.slots_covered.count(n)) continue;
    if (customer_gave_slot(chat, chat.slots[n])) {
      tally.add(std::nullopt, "clarifying.slot_given", 0,
                chat.note("clarifying.slot_given", slot_label(chat.slots[n])));
      continue;
    }
    tally.add(std::nullopt, "clarifying.slot_missed", k_slot_missed,
              chat.note("clarifying.slot_missed", slot_label(chat.slots[n])));
  }
  if (c.relevant + c.generic + c.stock == 0)
    tally.add(std::nullopt, "clarifying.no_questions", 0, chat.note("clarifying.no_questions"));
  return tally.finish(chat);
}

}  // namespace chatdrill::scoring::detail
