// Clarifying: does the trainee ask before acting? Questions about what the customer just
// wrote or about a slot the rubric declares (budget, size, order number) earn points with
// diminishing returns; stock questions ("voinko auttaa muussa?") earn little; stated
// assumptions, acting without asking and slots never asked about are shown and cost points.
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

constexpr double k_relevant[] = {25, 20, 15, 10, 5};  // then 3 each
constexpr double k_generic[] = {8, 5, 3};              // then 0
constexpr double k_stock[] = {3, 1};                   // then 0
constexpr double k_slot_bonus = 10, k_slot_missed = -5, k_assumption = -10, k_acted = -5;

double nth(const double* list, std::size_t size, std::size_t n, double after) { return n < size ? list[n] : after; }

// Words too common to show that a question is about the customer's message.
constexpr auto k_stop = std::to_array<std::string_view>({
    "olla", "olen", "olet", "olette", "ovat", "onko", "oliko", "ole", "olisi", "tämä", "tämän", "tässä", "siitä",
    "sitä", "sen", "että", "mutta", "kanssa", "teillä", "teidän", "teille", "minulla", "minun", "meidän", "meillä",
    "voisi", "voisitte", "voisitteko", "voinko", "haluan", "haluaisin", "vielä", "kyllä", "mikä", "mitä", "miten",
    "kuinka", "joka", "jotka", "nyt", "sitten", "koska", "there", "their", "about", "would", "could", "should",
    "have", "what", "with", "this", "that", "your", "from", "will", "want", "need", "just", "like", "please", "thanks",
    "thank", "hello", "when", "where", "which", "tell", "know", "kertoa", "kertoisitteko", "some", "they", "them"});

bool is_stop_word(std::string_view w) {
  static const std::unordered_set<std::string_view> stop(k_stop.begin(), k_stop.end());
  return stop.count(w) > 0;
}

bool is_content(const Token& t) {
  return t.folded.size() >= 4 && t.stem.size() >= 3 && !is_stop_word(t.folded) &&
         !std::all_of(t.folded.begin(), t.folded.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// True if `stem` is the stem of a content word of one of the last two customer messages
// before message `i`.
bool in_recent_customer(const ChatView& chat, std::size_t i, std::string_view stem) {
  int taken = 0;
  for (std::size_t k = chat.customer.size(); k-- > 0 && taken < 2;) {
    if (chat.customer[k] > i) continue;
    ++taken;
    for (const auto& t : chat.analysis(chat.customer[k]).tokens)  // first bytes before a memcmp call
      if (t.stem.size() == stem.size() && !stem.empty() && t.stem[0] == stem[0] && t.stem == stem && is_content(t))
        return true;
  }
  return false;
}

bool token_in_slot(const Token& t, const Slot& slot) {
  for (const auto& k : slot.keywords)
    if (t.folded == k) return true;
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
};

std::string_view slot_label(const Slot& s) { return s.label.empty() ? s.id : s.label; }

void question(const ChatView& chat, std::size_t i, int sentence, Counters& c, Tally& tally) {
  const bool fi = chat.fi();
  const Analysis& a = chat.analysis(i);
  const std::string_view text = chat.sentence_text(i, sentence);
  if (a.count_in_sentence(sentence, "clarifying.stock") > 0) {
    tally.add(i, "clarifying.stock", nth(k_stock, 2, c.stock++, 0),
              fi ? note(FMT_COMPILE("Vakiokysymys \"{}\" ei selvitä asiakkaan asiaa."), text)
                 : note(FMT_COMPILE("Stock question \"{}\" does not find out about the customer's case."), text));
    return;
  }
  const auto& s = a.sentences[static_cast<std::size_t>(sentence)];
  std::string_view shared;  // a token's surface: valid UTF-8 by construction
  std::vector<std::size_t> slots;
  for (std::size_t k = s.first_token; k < s.first_token + s.token_count; ++k) {
    const Token& t = a.tokens[k];
    if (shared.empty() && is_content(t) && in_recent_customer(chat, i, t.stem)) shared = t.surface;
    for (std::size_t n = 0; n < chat.slots.size(); ++n)
      if (token_in_slot(t, chat.slots[n]) && std::find(slots.begin(), slots.end(), n) == slots.end())
        slots.push_back(n);
  }
  std::string_view detail;  // a detail any case has (order number, size, date), from the lexicon
  for (const auto& hit : a.markers)
    if (hit.sentence == sentence && hit.id == "clarifying.case_detail" && detail.empty()) detail = chat.quote(i, hit);
  c.asked = true;
  if (!shared.empty() || !slots.empty() || !detail.empty()) {
    const std::string_view about = !slots.empty() ? slot_label(chat.slots[slots.front()]) : !shared.empty() ? shared : detail;
    tally.add(i, "clarifying.question", nth(k_relevant, 5, c.relevant++, 3),
              fi ? note(FMT_COMPILE("Tarkentava kysymys asiakkaan asiasta ({}): \"{}\""), about, text)
                 : note(FMT_COMPILE("Clarifying question about the customer's case ({}): \"{}\""), about, text));
  } else {
    tally.add(i, "clarifying.generic_question", nth(k_generic, 3, c.generic++, 0),
              fi ? note(FMT_COMPILE("Kysymys, joka ei liity asiakkaan viestiin tai avoimiin tietoihin: \"{}\""), text)
                 : note(FMT_COMPILE("A question not tied to the customer's words or an open detail: \"{}\""), text));
  }
  for (std::size_t n : slots) {
    if (!c.slots_covered.insert(n).second) continue;
    tally.add(i, "clarifying.slot", k_slot_bonus,
              fi ? note(FMT_COMPILE("Selvitti tiedon: {}."), slot_label(chat.slots[n]))
                 : note(FMT_COMPILE("Found out: {}."), slot_label(chat.slots[n])));
  }
}

// Assumptions stated instead of asked (outside questions: "I assume you want X?" asks).
void assumptions(const ChatView& chat, std::size_t i, Tally& tally) {
  const Analysis& a = chat.analysis(i);
  for (const auto& hit : a.markers) {
    if (hit.id != "clarifying.assumption" || a.sentences[static_cast<std::size_t>(hit.sentence)].is_question) continue;
    tally.add(i, "clarifying.assumption", k_assumption,
              chat.fi() ? note(FMT_COMPILE("Oletti kysymättä: \"{}\""), chat.sentence_text(i, hit.sentence))
                        : note(FMT_COMPILE("Assumed instead of asking: \"{}\""), chat.sentence_text(i, hit.sentence)));
  }
}

}  // namespace

DimensionGrade clarifying_grade(const ChatView& chat, const Rubric& rubric) {
  const bool fi = chat.fi();
  Tally tally("clarifying", 30,
              fi ? "Lähtötaso 30; asiakkaan asiaan liittyvät kysymykset lisäävät (vähenevästi), oletukset vähentävät."
                 : "Starts at 30; questions about the customer's case add (diminishing), assumptions subtract.");
  Counters c;
  for (std::size_t k = 0; k < chat.trainee.size(); ++k) {
    const std::size_t i = chat.trainee[k];
    const Analysis& a = chat.analysis(i);
    for (std::size_t s = 0; s < a.sentences.size(); ++s) {
      const int sentence = static_cast<int>(s);
      if (!a.sentences[s].is_question || a.count_in_sentence(sentence, "engagement.checkin") > 0) continue;
      question(chat, i, sentence, c, tally);
    }
    assumptions(chat, i, tally);
    const bool acts = a.has("engagement.next_step");
    if (acts && !c.asked && !c.acted_noted && !chat.customer.empty() && chat.customer.front() < i) {
      c.acted_noted = true;
      tally.add(i, "clarifying.acted_without_asking", k_acted,
                fi ? "Ryhtyi toimiin kysymättä ensin yhtään tarkentavaa kysymystä."
                   : "Acted before asking a single clarifying question.");
    }
  }
  for (std::size_t n = 0; n < rubric.slots.size(); ++n) {
    if (c.slots_covered.count(n)) continue;
    tally.add(std::nullopt, "clarifying.slot_missed", k_slot_missed,
              fi ? note(FMT_COMPILE("Ei kysynyt: {}."), slot_label(chat.slots[n]))
                 : note(FMT_COMPILE("Never asked about: {}."), slot_label(chat.slots[n])));
  }
  if (c.relevant + c.generic + c.stock == 0)
    tally.add(std::nullopt, "clarifying.no_questions", 0,
              fi ? "Ei yhtään kysymystä: vastaukset perustuivat oletuksiin."
                 : "No questions at all: the replies rested on assumptions.");
  return tally.finish(fi);
}

}  // namespace chatdrill::scoring::detail
