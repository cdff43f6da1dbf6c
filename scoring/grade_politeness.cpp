// Politeness: the politeness strategies of the literature (scoring/politeness.h, weights
// fitted on human judgments) found in each trainee reply, paid with diminishing returns
// (a strategy repeated over the chat, or piled into one reply, earns less each time);
// negative markers (rude, dismissive, blame, shouting) subtract in full. Only the
// trainee's own words count: a rude customer costs the trainee nothing.
#include "grade_internal.h"
#include "politeness.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <vector>

namespace chatdrill::scoring::detail {

namespace {

struct MarkerRule {
  std::string_view rule;  // the evidence rule, a literal: "politeness." and the marker id
  double points;
  NoteKey label;  // what the note calls it, in the chat's language
};

// Negative markers: every occurrence subtracts its full points. Channel bouncing is
// graded under engagement, not here.
constexpr MarkerRule k_negative[] = {
    {"politeness.negative.rude", -25, "politeness.negative.rude"},
    {"politeness.negative.dismissive", -15, "politeness.negative.dismissive"},
    {"politeness.negative.blame", -15, "politeness.negative.blame"},
    {"politeness.negative.shouting", -10, "politeness.negative.shouting"},
    {"politeness.negative.exclamations", -5, "politeness.negative.exclamations"},
};

constexpr std::string_view marker_of(const MarkerRule& r) { return r.rule.substr(sizeof "politeness." - 1); }

// Over the chat: a strategy's first reply earns its full weight, the second half, the
// third a quarter, later ones nothing.
constexpr double k_diminishing[] = {1.0, 0.5, 0.25};
// Within one reply: the two strongest courteous strategies count in full, each further
// one half the one before, so a template stuffed with every marker does not score high.
constexpr std::size_t k_full_per_reply = 2;

// Whether the courtesy in a sentence of a reply is paid: ChatView::pays (the reply takes
// up the customer's message, and the sentence was not sent before). Penalties always apply.
bool pays(const ChatView& chat, std::size_t i, const StrategyHit& h) {
  const Analysis& a = chat.analysis(i);
  return chat.pays(i, h.first < a.tokens.size() ? a.tokens[h.first].sentence : -1);
}

std::string_view quote(const ChatView& chat, std::size_t i, const StrategyHit& hit) {
  const Analysis& a = chat.analysis(i);
  const std::string_view text = chat.message(i).text;
  const std::size_t begin = a.tokens[hit.first].begin, end = a.tokens[hit.last].end;
  if (end > text.size() || begin >= end) return {};
  return chat.valid_part(i, text.substr(begin, end - begin));
}

std::string strategy_note(const ChatView& chat, const Strategy& s, std::string_view quoted, int n, std::size_t rank) {
  std::string text = note(FMT_COMPILE("{}: \"{}\""), s.label, quoted);
  if (n > 0) text += chat.note("politeness.nth_time", n + 1);
  if (rank >= k_full_per_reply) text += chat.note("politeness.nth_in_reply", rank + 1);
  return text;
}

void strategies(const ChatView& chat, std::size_t i, const PolitenessModel& model, std::vector<int>& uses,
                Tally& tally) {
  thread_local std::vector<StrategyHit> hits, once;
  hits.clear();
  once.clear();
  model.find(chat.analysis(i), hits);
  for (const auto& h : hits)  // each strategy once per reply: its first words
    if (std::none_of(once.begin(), once.end(), [&](const StrategyHit& o) { return o.strategy == h.strategy; }))
      once.push_back(h);
  // Rank of each courteous strategy in this reply: strongest first, ties in text order.
  std::vector<std::size_t> courteous;
  for (std::size_t k = 0; k < once.size(); ++k)
    if (once[k].weight > 0) courteous.push_back(k);
  std::stable_sort(courteous.begin(), courteous.end(),
                   [&](std::size_t x, std::size_t y) { return once[x].weight > once[y].weight; });
  for (std::size_t k = 0; k < once.size(); ++k) {
    const StrategyHit& h = once[k];
    const Strategy& s = model.strategies[static_cast<std::size_t>(h.strategy)];
    if (h.weight > 0 && !pays(chat, i, h)) continue;
    const std::size_t rank =
        h.weight > 0 ? static_cast<std::size_t>(std::find(courteous.begin(), courteous.end(), k) - courteous.begin())
                     : 0;
    const int n = uses[static_cast<std::size_t>(h.strategy)]++;
    const std::string_view quoted = quote(chat, i, h);
    if (n >= 3) {
      if (n == 3) tally.add(i, s.rule.data(), 0, chat.note("politeness.repeated_no_more", s.label, quoted));
      continue;
    }
    double factor = k_diminishing[n];
    for (std::size_t k = k_full_per_reply; k <= rank; ++k) factor *= 0.5;
    const double points = round_tenth(model.points_per_logit * h.weight * factor);
    if (points != 0) tally.add(i, s.rule.data(), points, strategy_note(chat, s, quoted, n, rank));
  }
}

void negative(const ChatView& chat, std::size_t i, Tally& tally) {
  for (const auto& hit : chat.analysis(i).markers) {
    if (!std::string_view(hit.id).starts_with("negative.")) continue;
    for (const auto& rule : k_negative)
      if (hit.id == marker_of(rule))
        tally.add(i, rule.rule.data(), rule.points,
                  note(FMT_COMPILE("{}: \"{}\""), chat.note(rule.label), chat.quote(i, hit)));
  }
}

}  // namespace

DimensionGrade politeness_grade(const ChatView& chat, const Rubric&) {
  const PolitenessModel& model = *chat.lang->politeness;
  Tally tally("politeness", 50, chat.note("politeness.base"));
  std::vector<int> uses(model.strategies.size(), 0);
  bool noted_customer_tone = false;
  for (std::size_t i = 0; i < chat.transcript.messages.size(); ++i) {
    const Message& m = chat.message(i);
    if (m.is_trainee_message()) {
      strategies(chat, i, model, uses, tally);
      negative(chat, i, tally);
    } else if (m.is_customer_message() && !noted_customer_tone &&
               chat.analysis(i).count("negative.") > chat.analysis(i).count("negative.channel_bounce")) {
      noted_customer_tone = true;
      tally.add(i, "politeness.customer_tone", 0, chat.note("politeness.customer_tone"));
    }
  }
  if (chat.trainee.empty()) tally.add(std::nullopt, "politeness.no_replies", -50, chat.note("politeness.no_replies"));
  return tally.finish(chat);
}

}  // namespace chatdrill::scoring::detail
