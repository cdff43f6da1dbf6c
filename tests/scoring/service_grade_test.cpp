// What a QA lead relies on in the grade (issue "grades that mean good service"): replies
// are paid for helping the customer in front of them, not for containing words; answers
// move the conversation on; the outcome counts; time is judged as the customer lives it.
#include "scoring/grade.h"
#include "support/grader.h"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace chatdrill::scoring;

namespace {

struct Turn {
  std::string customer;  // empty: the trainee writes again without a new customer message
  std::string trainee;
};

// Customer writes at t, the trainee answers 20 s later, the customer writes again 30 s after that.
Transcript chat(const std::string& language, const std::vector<Turn>& turns, double gap = 20) {
  Transcript t;
  t.language = language;
  double at = 0;
  for (const auto& turn : turns) {
    if (!turn.customer.empty()) {
      t.messages.push_back({"customer", "message", at, turn.customer, Json::object()});
      at += gap;
    }
    if (!turn.trainee.empty()) {
      t.messages.push_back({"trainee", "message", at, turn.trainee, Json::object()});
      at += 30;
    }
  }
  return t;
}

double score(const Grade& g, const char* dim) { return g.dimension(dim).score; }

bool has_rule(const DimensionGrade& d, std::string_view rule) {
  for (const auto& e : d.evidence)
    if (e.rule == rule) return true;
  return false;
}

const std::string k_template_fi =
    "Hei! Kiitos viestistä, pahoittelen ja ymmärrän. Tarkistan asian. Milloin tämä alkoi? Jos tulee kysyttävää, "
    "kirjoita rohkeasti.";
const std::string k_template_en =
    "Hi! Thank you for your message, I apologise and I understand. I'll look into it. When did this start? If you "
    "have any questions, feel free to write.";

// Three chats per language: the customer's lines, and what a helpful agent answered.
struct Case {
  std::vector<std::string> customer;
  std::vector<std::string> helpful;
};

const std::vector<Case> k_fi = {
    {{"Hei, tilaamani kengät eivät ole vieläkään tulleet. Tilausnumero on 48213.",
      "Tilasin ne kaksi viikkoa sitten. Paljonko postikulut muuten ovat?", "Selvä, kiitos paljon!"},
     {"Hei! Pahoittelen, että kengät viipyvät. Tarkistan tilauksen 48213 heti.",
      "Tilauksenne 48213 on nyt Postin noutopisteessä. Postikulut ovat 4,90 €, ja hyvitämme ne viivästyksen vuoksi.",
      "Hyvä kuulla! Jos tulee vielä kysyttävää, kirjoita rohkeasti."}},
    {{"Paljonko Premium-tilaus maksaa kuukaudessa?", "Saako sen perua milloin vain?", "Okei, kiitos."},
     {"Premium maksaa 12,90 € kuukaudessa.",
      "Kyllä, tilauksen voi perua milloin tahansa, ja se päättyy kuukauden lopussa.",
      "Ole hyvä! Kirjoita ihmeessä, jos tulee muuta mieleen."}},
    {{"Laturini lakkasi toimimasta, ostin sen teiltä maaliskuussa.", "Se on Nokia-laturi, kuitti löytyy.",
      "Kiitos, tämä auttoi."},
     {"Ikävä kuulla laturista! Onko se teidän myymälästä ostettu Nokia-laturi, ja löytyykö kuitti?",
      "Kiitos! Laturilla on kahden vuoden takuu, joten vaihdamme sen uuteen. Lähetän palautusohjeen ja -tarran heti.",
      "Ole hyvä! Jos uusi laturi reistailee, kirjoita tänne."}},
};

const std::vector<Case> k_en = {
    {{"Hi, my shoes still haven't arrived. Order number 48213.",
      "I ordered them two weeks ago. How much is shipping by the way?", "Great, thanks a lot!"},
     {"Hi! Sorry the shoes are late. I'm checking order 48213 right now.",
      "Your order 48213 is at the post office pickup point. Shipping is $4.90 and we'll refund it because of the "
      "delay.",
      "Glad to hear it! If anything else comes up, just write here."}},
    {{"How much does the Premium plan cost per month?", "Can I cancel it any time?", "Okay, thanks."},
     {"Premium is $12.90 per month.", "Yes, you can cancel the plan any time and it ends at the end of the month.",
      "You're welcome! Write any time if something else comes up."}},
    {{"My charger stopped working, I bought it from you in March.", "It's a Nokia charger, I have the receipt.",
      "Thanks, that helped."},
     {"Sorry to hear about the charger! Was it the Nokia charger from our store, and do you still have the receipt?",
      "Thank you! The charger has a two-year warranty, so we'll replace it. I'll send the return label right away.",
      "You're welcome! If the new charger acts up, write here."}},
};

Transcript with_replies(const std::string& language, const Case& c, const std::vector<std::string>& replies) {
  std::vector<Turn> turns;
  for (std::size_t k = 0; k < c.customer.size(); ++k) turns.push_back({c.customer[k], replies[k]});
  return chat(language, turns);
}

}  // namespace

TEST_CASE("a marker-stuffed template sent whatever the customer says scores well below genuine replies") {
  for (const auto& [language, cases, tpl] :
       {std::tuple{"fi", &k_fi, &k_template_fi}, std::tuple{"en", &k_en, &k_template_en}}) {
    for (const auto& c : *cases) {
      CAPTURE(language);
      CAPTURE(c.customer.front());
      const Grade helpful = grade_transcript(with_replies(language, c, c.helpful), {}, test_grader());
      const Grade gamed = grade_transcript(with_replies(language, c, {*tpl, *tpl, *tpl}), {}, test_grader());
      CHECK(helpful.overall >= gamed.overall + 5);
      CHECK(score(helpful, "engagement") >= score(gamed, "engagement") + 15);
      CHECK(score(helpful, "politeness") >= score(gamed, "politeness") - 5);
      CHECK(has_rule(gamed.dimension("engagement"), "engagement.template_reused"));
      CHECK(has_rule(gamed.dimension("engagement"), "engagement.unresponsive"));
    }
  }
}

TEST_CASE("rotating stuffed templates or echoing the customer's words back scores below genuine replies") {
  const std::vector<std::string> rotating_fi = {
      k_template_fi,
      "Kiitos paljon, ymmärrän täysin ja pahoittelen! Selvitän asian heti. Voisitteko kertoa lisää? Autan mielelläni.",
      "Kiitos kärsivällisyydestä! Olen pahoillani. Katson tämän. Mistä on kyse? Kirjoittakaa ihmeessä, jos tulee "
      "muuta."};
  const std::vector<std::string> rotating_en = {k_template_en,
                                                "Thanks so much, I completely understand and I'm sorry! I'll check "
                                                "right away. Could you tell me more? Happy to help.",
                                                "Thank you for your patience! I'm sorry about this. Let me look. What "
                                                "is it about? Write any time if anything else comes up."};
  for (const auto& [language, cases, rotating] :
       {std::tuple{"fi", &k_fi, &rotating_fi}, std::tuple{"en", &k_en, &rotating_en}}) {
    const bool fi = std::string_view(language) == "fi";
    for (const auto& c : *cases) {
      CAPTURE(language);
      CAPTURE(c.customer.front());
      const Grade helpful = grade_transcript(with_replies(language, c, c.helpful), {}, test_grader());
      const Grade rotated = grade_transcript(with_replies(language, c, *rotating), {}, test_grader());
      CHECK(helpful.overall >= rotated.overall + 3);
      std::vector<std::string> echo;
      for (const auto& line : c.customer)
        echo.push_back(fi ? "Kiitos viestistä! Ymmärrän: \"" + line + "\" Tarkistan asian."
                          : "Thanks for your message! I understand: \"" + line + "\" I'll look into it.");
      const Grade echoed = grade_transcript(with_replies(language, c, echo), {}, test_grader());
      CHECK(helpful.overall >= echoed.overall + 3);
      CHECK(has_rule(echoed.dimension("engagement"), "engagement.echo"));
      // Nobody answered the customer's question: the matter stays open, thanks or not.
      if (std::any_of(c.customer.begin(), c.customer.end(),
                      [](const std::string& l) { return l.find('?') != std::string::npos; }))
        CHECK(score(rotated, "resolution") < score(helpful, "resolution"));
    }
  }
}

TEST_CASE("mirroring a few of the customer's words is no echo") {
  const Grade g =
      grade_transcript(chat("fi", {{"Hei, tilaamani kengät eivät ole vieläkään tulleet.",
                                    "Pahoittelen, että kengät eivät ole vielä tulleet! Mikä on tilausnumeronne?"}}),
                       {}, test_grader());
  CHECK_FALSE(has_rule(g.dimension("engagement"), "engagement.echo"));
  CHECK_FALSE(has_rule(g.dimension("engagement"), "engagement.unresponsive"));
}

TEST_CASE("stuffing courtesy words into a helpful reply does not beat the plain helpful reply by much") {
  const Case& c = k_fi[1];
  std::vector<std::string> stuffed;
  for (const auto& r : c.helpful) stuffed.push_back("Kiitos viestistä, pahoittelen ja ymmärrän täysin! " + r);
  const Grade plain = grade_transcript(with_replies("fi", c, c.helpful), {}, test_grader());
  const Grade padded = grade_transcript(with_replies("fi", c, stuffed), {}, test_grader());
  CHECK(padded.overall <= plain.overall + 5);
}

TEST_CASE("a direct answer to a customer's question is never a dead end and is credited as an answer") {
  const Transcript t = chat("fi", {{"Paljonko tämä takki maksaa?", "Se maksaa 59 euroa."},
                                   {"Entä onko sitä kokoa M?", "Kyllä on, kokoa M on varastossa."},
                                   {"Hyvä, kiitos!", "Ole hyvä!"}});
  const Grade g = grade_transcript(t, {}, test_grader());
  CHECK_FALSE(has_rule(g.dimension("engagement"), "engagement.dead_end"));
  CHECK_FALSE(has_rule(g.dimension("engagement"), "engagement.question_unanswered"));
  CHECK_FALSE(has_rule(g.dimension("engagement"), "engagement.unresponsive"));
  // Answering never lowers engagement compared with leaving the question aside.
  const Transcript aside = chat("fi", {{"Paljonko tämä takki maksaa?", "Hei! Kiva kun kirjoitit."},
                                       {"Entä onko sitä kokoa M?", "Mukava päivä tänään."},
                                       {"Hyvä, kiitos!", "Ole hyvä!"}});
  const Grade ga = grade_transcript(aside, {}, test_grader());
  CHECK(score(g, "engagement") > score(ga, "engagement"));
  CHECK(has_rule(ga.dimension("engagement"), "engagement.question_unanswered"));
}

TEST_CASE("asking the same question again costs, and is paid once") {
  const std::string q = "Mikä on tilausnumeronne?";
  const Transcript t = chat("fi", {{"Paketti ei ole tullut.", q}, {"Se on 48213.", q}, {"Sanoin jo: 48213.", q}});
  const DimensionGrade d = grade_transcript(t, {}, test_grader()).dimension("clarifying");
  int paid = 0, repeats = 0;
  for (const auto& e : d.evidence) {
    if (e.rule == "clarifying.question") ++paid;
    if (e.rule == "clarifying.repeated_question") ++repeats;
  }
  CHECK(paid == 1);
  CHECK(repeats == 2);
}

TEST_CASE("bare question words are not case details") {
  const Transcript t = chat("fi", {{"Laskussani on virhe.", "Milloin olette syntynyt?"}});
  const DimensionGrade d = grade_transcript(t, {}, test_grader()).dimension("clarifying");
  CHECK_FALSE(has_rule(d, "clarifying.question"));
  const Transcript en = chat("en", {{"There is a mistake on my invoice.", "When were you born?"}});
  CHECK_FALSE(has_rule(grade_transcript(en, {}, test_grader()).dimension("clarifying"), "clarifying.question"));
}

TEST_CASE("a channel bounce in free word order or with inflections lowers engagement by at least 10") {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"fi",
       {"Lähetä kysymyksesi sähköpostilla asiakaspalveluumme.",
        "Sähköpostilla voitte lähettää kysymyksenne asiakaspalveluun.", "Soittakaa asiakaspalveluumme, he auttavat."}},
      {"en",
       {"You can send the cancellation by email.", "DM us and we'll sort it.", "Please call our customer service."}},
  };
  for (const auto& [language, bounces] : cases) {
    const bool fi = language == "fi";
    const std::string customer = fi ? "Haluan perua tilaukseni 48213." : "I want to cancel my order 48213.";
    const std::string owned = fi ? "Peruutan tilauksen 48213 nyt ja lähetän vahvistuksen."
                                 : "I'm cancelling order 48213 now and will send a confirmation.";
    const double base = score(grade_transcript(chat(language, {{customer, owned}}), {}, test_grader()), "engagement");
    for (const auto& b : bounces) {
      CAPTURE(b);
      const Grade g = grade_transcript(chat(language, {{customer, b}}), {}, test_grader());
      CHECK(score(g, "engagement") <= base - 10);
      CHECK(has_rule(g.dimension("engagement"), "engagement.channel_bounce"));
    }
  }
  // Asking for the customer's own contact details is ownership, not a bounce.
  const Grade own = grade_transcript(
      chat("en",
           {{"My invoice is wrong.", "Could you give me your email address so I can send the corrected invoice?"}}),
      {}, test_grader());
  CHECK_FALSE(has_rule(own.dimension("engagement"), "engagement.channel_bounce"));
  CHECK(has_rule(own.dimension("engagement"), "engagement.ownership"));
}

TEST_CASE("an open door is a lemma pattern, and a sentence that only mentions 'any time' is not one") {
  const Grade door = grade_transcript(chat("fi", {{"Kiitos avusta!", "Kirjoittakaa ihmeessä tänne, jos tulee muuta."}}),
                                      {}, test_grader());
  CHECK(has_rule(door.dimension("engagement"), "engagement.open_door"));
  const Grade not_door =
      grade_transcript(chat("en", {{"How do I cancel?", "You can cancel at any time in the app."}}), {}, test_grader());
  CHECK_FALSE(has_rule(not_door.dimension("engagement"), "engagement.open_door"));
}

TEST_CASE("a resolved chat outscores a lost one written in the same style") {
  Transcript resolved =
      chat("fi", {{"Haluan perua tilaukseni.", "Ikävä kuulla! Saanko kysyä, mikä sai teidät harkitsemaan perumista?"},
                  {"Se on liian kallis.", "Voin tarjota kevyemmän tilauksen 6,90 eurolla kuukaudessa."}});
  Transcript lost = resolved;
  resolved.outcome = "retained";
  lost.outcome = "lost";
  const Grade r = grade_transcript(resolved, {}, test_grader()), l = grade_transcript(lost, {}, test_grader());
  CHECK(score(r, "resolution") == 100);
  CHECK(score(l, "resolution") == 10);
  CHECK(r.overall > l.overall + 10);
  // A scenario's own rating for an ending wins over the default.
  Rubric rubric;
  rubric.outcome_ratings["lost"] = 30;
  CHECK(score(grade_transcript(lost, rubric, test_grader()), "resolution") == 30);
}

TEST_CASE("without an ending, resolution reads the customer's own last words") {
  const Grade thanked = grade_transcript(
      chat("en",
           {{"Where is my parcel?", "It's at the pickup point, tracking 1234."}, {"Great, thanks, that helped!", ""}}),
      {}, test_grader());
  const Grade complained =
      grade_transcript(chat("en", {{"Where is my parcel?", "Please wait."},
                                   {"Where is my parcel? This is useless, it still doesn't help.", ""}}),
                       {}, test_grader());
  CHECK(score(thanked, "resolution") > 70);
  CHECK(score(complained, "resolution") < 30);
  CHECK(has_rule(complained.dimension("resolution"), "resolution.question_repeated"));
  Transcript left = chat("en", {{"Where is my parcel?", "Let me see."}});
  left.messages.push_back({"customer", "left", 400, "", Json::object()});
  CHECK(score(grade_transcript(left, {}, test_grader()), "resolution") < 20);
}

TEST_CASE("a customer typing a long message is not a silence to check in on") {
  const std::string long_message(600, 'a');
  Transcript t = chat("en", {{"My order is late.", "Sorry! Could you tell me what happened with the delivery?"}});
  // 240 s later the customer sends a long account (600 characters take 200 s to type).
  t.messages.push_back({"customer", "message", t.messages.back().at + 240,
                        "It was meant to come on Monday. " + long_message, Json::object()});
  t.messages.push_back({"trainee", "message", t.messages.back().at + 20,
                        "Thank you for the details, I'm checking the delivery now.", Json::object()});
  const DimensionGrade e = grade_transcript(t, {}, test_grader()).dimension("engagement");
  CHECK_FALSE(has_rule(e, "engagement.no_checkin"));
  // The same wait for a two-word reply is a silence the trainee should have checked in on.
  Transcript quiet = t;
  quiet.messages[2].text = "It was Monday.";
  CHECK(has_rule(grade_transcript(quiet, {}, test_grader()).dimension("engagement"), "engagement.no_checkin"));
}

TEST_CASE("a hold earns acknowledgement but the answer it promised is still timed") {
  Transcript quick;
  quick.language = "fi";
  quick.messages = {{"customer", "message", 0, "Missä pakettini 48213 on?", Json::object()},
                    {"trainee", "message", 10, "Hetkinen, tarkistan paketin 48213 tilanteen.", Json::object()},
                    {"trainee", "message", 60, "Paketti 48213 on noutopisteessä.", Json::object()}};
  Transcript slow = quick;
  slow.messages[2].at = 600;
  const Grade q = grade_transcript(quick, {}, test_grader()), s = grade_transcript(slow, {}, test_grader());
  CHECK(has_rule(q.dimension("speed"), "speed.after_hold"));
  CHECK(score(q, "speed") == 100);
  CHECK(score(s, "speed") < score(q, "speed") - 20);
  CHECK(has_rule(q.dimension("engagement"), "engagement.hold"));
}

TEST_CASE("a customer message never answered always costs speed, even when the chat ends at once") {
  Transcript t = chat("en", {{"Where is my parcel?", "It's on its way, tracking 1234."}});
  const double answered = score(grade_transcript(t, {}, test_grader()), "speed");
  t.messages.push_back({"customer", "message", t.messages.back().at + 5, "And when will it arrive?", Json::object()});
  const Grade g = grade_transcript(t, {}, test_grader());
  CHECK(score(g, "speed") < answered);
  CHECK(has_rule(g.dimension("speed"), "speed.unanswered"));
  // A closing line needs no answer.
  Transcript closing = chat("en", {{"Where is my parcel?", "It's on its way, tracking 1234."}, {"Thanks, bye!", ""}});
  CHECK(score(grade_transcript(closing, {}, test_grader()), "speed") == answered);
}

TEST_CASE("a reply about the same subject area responds even without a shared word") {
  // The agent asks about the modem when the internet is down: no word in common, the same matter.
  const Grade fi = grade_transcript(
      chat("fi", {{"Netti ei toimi tänään ollenkaan.", "Palaako modeemin valot, kun käynnistätte sen uudelleen?"}}), {},
      test_grader());
  CHECK_FALSE(has_rule(fi.dimension("engagement"), "engagement.unresponsive"));
  const Grade en = grade_transcript(
      chat("en", {{"My internet has been down all morning.", "Are the lights on your router blinking?"}}), {},
      test_grader());
  CHECK_FALSE(has_rule(en.dimension("engagement"), "engagement.unresponsive"));
  // A reply about something else entirely is still beside the point.
  const Grade off = grade_transcript(
      chat("en", {{"My internet has been down all morning.", "Our new winter jackets are in the shop now."}}), {},
      test_grader());
  CHECK(has_rule(off.dimension("engagement"), "engagement.unresponsive"));
}

TEST_CASE("the answer after a hold comes back to the customer's case, not only to their last line") {
  const Grade g =
      grade_transcript(chat("en", {{"Hi, I was charged twice for my order last week.",
                                    "Sorry about that! Could you tell me the order number?"},
                                   {"It's 7781-A.", "Thanks, let me check that for you."},
                                   {"", "I can see both payments. Shall I refund the extra one to your card?"}}),
                       {}, test_grader());
  CHECK_FALSE(has_rule(g.dimension("engagement"), "engagement.unresponsive"));
  // Without the hold, a reply that ignores what was just said stays unresponsive.
  const Grade h = grade_transcript(chat("en", {{"Hi, I was charged twice for my order last week.",
                                                "Sorry about that! Could you tell me the order number?"},
                                               {"It's 7781-A.", "Our new winter jackets are in the shop now."}}),
                                   {}, test_grader());
  CHECK(has_rule(h.dimension("engagement"), "engagement.unresponsive"));
}

TEST_CASE("a warm, informal chat is more polite than a curt one with the same content") {
  const Grade warm_en = grade_transcript(
      chat("en", {{"My order hasn't come yet, it's been 10 days.",
                   "Oh no, sorry about that! Let me dig into it for you right now. What's your order number?"},
                  {"It's 55821.", "Got it, thanks! Your parcel is with the courier and should reach you tomorrow."},
                  {"Great, thanks", "My pleasure, have a lovely evening!"}}),
      {}, test_grader());
  const Grade curt_en =
      grade_transcript(chat("en", {{"My order hasn't come yet, it's been 10 days.", "What is the order number."},
                                   {"It's 55821.", "It arrives tomorrow."},
                                   {"Great, thanks", "Ok."}}),
                       {}, test_grader());
  CHECK(score(warm_en, "politeness") >= score(curt_en, "politeness") + 5);
  CHECK(warm_en.overall > curt_en.overall);
  const Grade warm_fi =
      grade_transcript(chat("fi", {{"Tilaukseni ei ole vieläkään tullut, 10 päivää jo.",
                                    "Voi harmi! Selvitän asian heti. Mikä on tilausnumeronne?"},
                                   {"Se on 55821.", "Kiitos! Paketti on kuljetuksessa ja saapuu huomenna."},
                                   {"Hyvä, kiitos", "Ole hyvä, mukavaa iltaa!"}}),
                       {}, test_grader());
  const Grade curt_fi =
      grade_transcript(chat("fi", {{"Tilaukseni ei ole vieläkään tullut, 10 päivää jo.", "Tilausnumero."},
                                   {"Se on 55821.", "Tulee huomenna."},
                                   {"Hyvä, kiitos", "Ok."}}),
                       {}, test_grader());
  CHECK(score(warm_fi, "politeness") >= score(curt_fi, "politeness") + 5);
  CHECK(warm_fi.overall > curt_fi.overall);
}

TEST_CASE("a slot keyword covers its inflected forms: asking about \"budjettinne\" asks about \"budjetti\"") {
  Rubric rubric;
  rubric.slots.push_back({"budget", "budjetti", {"budjetti"}, {}, {}});
  const Transcript t = chat("fi", {{"Haluaisin uuden television.", "Kiitos! Mikä on budjettinne suunnilleen?"}});
  const Grade g = grade_transcript(t, rubric, test_grader());
  CHECK(has_rule(g.dimension("clarifying"), "clarifying.slot"));
  CHECK_FALSE(has_rule(g.dimension("clarifying"), "clarifying.slot_missed"));
  // The customer naming it in any form needs no question either.
  const Transcript given = chat("fi", {{"Budjettini on noin 600 euroa.", "Kiitos, katsotaan sopivia malleja."}});
  CHECK(has_rule(grade_transcript(given, rubric, test_grader()).dimension("clarifying"), "clarifying.slot_given"));
}
