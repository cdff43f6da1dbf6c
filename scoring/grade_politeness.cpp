// Politeness: courtesy markers in the trainee's replies add points with diminishing
// returns (ten "kiitos" are not ten times as polite); negative markers subtract in full.
// Only the trainee's own words count: a rude customer costs the trainee nothing.
#include "grade_internal.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <array>
#include <string_view>

namespace chatdrill::scoring::detail {

namespace {

struct MarkerRule {
  std::string_view rule;  // the evidence rule, a literal: "politeness." and the marker id
  double points;
  const char* fi;
  const char* en;
};

// Courtesy: the first reply with a marker earns its points, the second half, the third a
// quarter, later ones nothing. A marker repeated within one reply counts once.
constexpr MarkerRule k_courtesy[] = {
    {"politeness.courtesy.greeting", 8, "Tervehdys", "Greeting"},
    {"politeness.courtesy.gratitude", 8, "Kiitos", "Thanks"},
    {"politeness.courtesy.apology", 6, "Pahoittelu", "Apology"},
    {"politeness.courtesy.empathy", 8, "Myötäeläminen", "Empathy"},
    {"politeness.courtesy.conditional", 5, "Kohtelias pyyntö tai tarjous", "Polite request or offer"},
    {"politeness.courtesy.reassurance", 6, "Rauhoittelu", "Reassurance"},
    {"politeness.courtesy.name", 5, "Asiakkaan nimi", "Customer's name"},
    {"politeness.courtesy.open_door", 6, "Ovi jätetty auki", "Open door"},
    {"politeness.courtesy.farewell", 4, "Hyvästely", "Farewell"},
};

// Negative markers: every occurrence subtracts its full points. Channel bouncing is
// graded under engagement, not here.
constexpr MarkerRule k_negative[] = {
    {"politeness.negative.rude", -25, "Töykeä tai loukkaava ilmaus", "Rude or insulting words"},
    {"politeness.negative.dismissive", -15, "Vähättelevä ilmaus", "Dismissive phrase"},
    {"politeness.negative.blame", -15, "Asiakkaan syyllistäminen", "Blaming the customer"},
    {"politeness.negative.shouting", -10, "HUUTAMINEN isoilla kirjaimilla", "SHOUTING in capitals"},
    {"politeness.negative.exclamations", -5, "Huutomerkkijono", "String of exclamation marks"},
};

constexpr std::string_view marker_of(const MarkerRule& r) { return r.rule.substr(sizeof "politeness." - 1); }

constexpr double k_diminishing[] = {1.0, 0.5, 0.25};

constexpr std::size_t k_courtesy_count = sizeof k_courtesy / sizeof k_courtesy[0];

void courtesy(const ChatView& chat, std::size_t i, std::array<int, k_courtesy_count>& uses, Tally& tally) {
  std::array<bool, k_courtesy_count> seen_here{};
  for (const auto& hit : chat.analysis(i).markers) {
    if (!std::string_view(hit.id).starts_with("courtesy.")) continue;
    if (!chat.pays(i, hit.sentence)) continue;  // beside the point, or a sentence sent before
    for (std::size_t r = 0; r < k_courtesy_count; ++r) {
      const MarkerRule& rule = k_courtesy[r];
      if (hit.id != marker_of(rule) || seen_here[r]) continue;
      seen_here[r] = true;
      const int n = uses[r]++;
      const std::string_view quoted = chat.quote(i, hit);
      if (n < 3) {
        const double points = rule.points * k_diminishing[n];
        tally.add(i, rule.rule.data(), points,
                  n == 0      ? note(FMT_COMPILE("{}: \"{}\""), chat.fi() ? rule.fi : rule.en, quoted)
                  : chat.fi() ? note(FMT_COMPILE("{}: \"{}\" ({}. kerran, vähenevä hyöty)"), rule.fi, quoted, n + 1)
                              : note(FMT_COMPILE("{}: \"{}\" (time {}, diminishing returns)"), rule.en, quoted, n + 1));
      } else if (n == 3) {
        tally.add(i, rule.rule.data(), 0,
                  chat.fi() ? note(FMT_COMPILE("{}: \"{}\" — toistaminen ei enää lisää pisteitä."), rule.fi, quoted)
                            : note(FMT_COMPILE("{}: \"{}\" — repeating it adds nothing more."), rule.en, quoted));
      }
    }
  }
}

void negative(const ChatView& chat, std::size_t i, Tally& tally) {
  for (const auto& hit : chat.analysis(i).markers) {
    if (!std::string_view(hit.id).starts_with("negative.")) continue;
    for (const auto& rule : k_negative)
      if (hit.id == marker_of(rule))
        tally.add(i, rule.rule.data(), rule.points,
                  note(FMT_COMPILE("{}: \"{}\""), chat.fi() ? rule.fi : rule.en, chat.quote(i, hit)));
  }
}

}  // namespace

DimensionGrade politeness_grade(const ChatView& chat, const Rubric&) {
  const bool fi = chat.fi();
  Tally tally("politeness", 50,
              fi ? "Lähtötaso 50; kohteliaisuudet lisäävät (toistot vähemmän), tylyt ilmaukset vähentävät."
                 : "Starts at 50; courtesy adds (less when repeated), negative phrases subtract.");
  std::array<int, k_courtesy_count> uses{};
  bool noted_customer_tone = false;
  for (std::size_t i = 0; i < chat.transcript.messages.size(); ++i) {
    const Message& m = chat.message(i);
    if (m.is_trainee_message()) {
      courtesy(chat, i, uses, tally);
      negative(chat, i, tally);
    } else if (m.is_customer_message() && !noted_customer_tone &&
               chat.analysis(i).count("negative.") > chat.analysis(i).count("negative.channel_bounce")) {
      noted_customer_tone = true;
      tally.add(i, "politeness.customer_tone", 0,
                fi ? "Asiakkaan oma sävy ei vaikuta harjoittelijan pisteisiin."
                   : "The customer's own tone does not count against the trainee.");
    }
  }
  if (chat.trainee.empty())
    tally.add(std::nullopt, "politeness.no_replies", -50, fi ? "Ei yhtään vastausta asiakkaalle." : "No replies to the customer.");
  return tally.finish(fi);
}

}  // namespace chatdrill::scoring::detail
