// The language layer as personas and graders rely on it: word readings from Voikko and the
// word-form tables, clauses and negation, matching on meaning (terms and concepts), and the
// moves a reply makes (hold, check-in, channel bounce, blame, dismissal, open door).
#include "scoring/text.h"
#include "scoring/text/terms.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace chatdrill::scoring;

namespace {

const TextAnalyzer& fi() {
  static const TextAnalyzer a(Language::fi);
  return a;
}
const TextAnalyzer& en() {
  static const TextAnalyzer a(Language::en);
  return a;
}

bool has_move(const TextAnalyzer& a, std::string_view text, MoveKind kind) { return a.analyze(text).has_move(kind); }

// Does the term (a base form or phrase) match the text outside negated clauses?
bool term_matches(const TextAnalyzer& a, std::string_view term, std::string_view text) {
  TermSet set;
  set.add(a, term);
  return set.first(a.analyze(text)).has_value();
}

}  // namespace

TEST_CASE("Finnish words get Voikko's readings: lemma, class, person, mood, clitics, compound parts") {
  const auto order = fi().word_info("tilausnumeronne");
  CHECK(order->has_lemma("tilausnumero"));
  CHECK(order->parts == std::vector<std::string>{"tilaus", "numero"});
  CHECK(fi().word_info("lykätty")->has_lemma("lykätä"));  // a participle gives its verb
  const auto send = fi().word_info("lähettäkää");
  REQUIRE(send->known);
  CHECK(send->readings.front().word_class == WordClass::verb);
  CHECK(send->readings.front().mood == Mood::imperative);
  CHECK(send->readings.front().person == 2);
  CHECK(send->readings.front().plural);
  CHECK(fi().word_info("en")->negation);
  const auto could = fi().word_info("voisitteko");
  CHECK((could->clitics & k_clitic_ko) != 0);
  CHECK(could->readings.front().mood == Mood::conditional);
  CHECK((fi().word_info("onhan")->clitics & k_clitic_han) != 0);
}

TEST_CASE("chat spellings Voikko does not know come from the colloquial table, inflected too") {
  CHECK(fi().word_info("takas")->has_lemma("takaisin"));
  CHECK(fi().word_info("meili")->has_lemma("sähköposti"));
  CHECK(fi().word_info("meiliin")->has_lemma("sähköposti"));
  CHECK(fi().word_info("boottaa")->has_lemma("käynnistää"));
  CHECK_FALSE(fi().word_info("xyzzyq")->known);
}

TEST_CASE("English words: irregular forms, negation, the dictionary") {
  CHECK(en().word_info("went")->has_lemma("go"));
  CHECK(en().word_info("moved")->has_lemma(en().word_info("move")->lemmas.front()));
  CHECK(en().word_info("don't")->negation);
  CHECK(en().word_info("never")->negation);
  CHECK(en().word_info("invoice")->known);
  CHECK_FALSE(en().word_info("invoiec")->known);
}

TEST_CASE("clauses split at commas and conjunctions; negation stays in its clause") {
  const auto a =
      fi().analyze("Hetkinen, tarkistan asian ja palaan pian. En voi luvata alennusta, mutta hyvitän postikulut.");
  REQUIRE(a.clauses.size() == 5);
  CHECK_FALSE(a.clauses[1].negated);
  CHECK(a.clauses[3].negated);
  CHECK_FALSE(a.clauses[4].negated);
  CHECK_FALSE(fi().analyze("Ettekö saaneet vahvistusta?").clauses[0].negated);  // a negative question asks
  CHECK(en().analyze("I can't offer a discount.").clauses[0].negated);
}

TEST_CASE("a base form matches its inflections, compounds apart and in parts, phrases in any order") {
  CHECK(term_matches(fi(), "viitenumero", "Mikä on laskun viitenumeron loppu?"));
  CHECK(term_matches(fi(), "laskunumero", "Kertoisitteko laskun numeron?"));           // split compound
  CHECK(term_matches(fi(), "numero", "Kertoisitteko tilausnumeronne?"));               // compound head
  CHECK_FALSE(term_matches(fi(), "tilaus", "Kertoisitteko tilausnumeronne?"));         // not a non-head part
  CHECK(term_matches(fi(), "ottaa yhteyttä", "Yhteyttä voi ottaa milloin vain."));     // word order
  CHECK(term_matches(fi(), "tilausnumero", "mikä on tilausnumro"));                    // one-edit typo
  CHECK(term_matches(en(), "invoice number", "What is the number on your invoice?"));  // words between
  CHECK(term_matches(en(), "move", "We moved last month."));
  CHECK_FALSE(term_matches(en(), "invoice number", "The number is on the website. Your invoice is late."));
  CHECK_FALSE(term_matches(fi(), "alennus", "En voi tarjota alennusta."));  // negated clause
  CHECK(term_matches(fi(), "ei voida", "En voi tarjota alennusta."));       // a negation term may match
  CHECK_FALSE(term_matches(fi(), "siksi", "Ottakaa se."));                  // function words only as written
}

TEST_CASE("bounded edit distance stops at its cap") {
  CHECK(bounded_edit_distance("numero", "numero", 1) == 0);
  CHECK(bounded_edit_distance("numero", "numro", 1) == 1);
  CHECK(bounded_edit_distance("numero", "nmuero", 1) == 1);  // a transposition is one edit
  CHECK(bounded_edit_distance("numero", "laskut", 1) == 2);
  CHECK(bounded_edit_distance(std::string(1000, 'a'), "a", 2) == 3);
}

TEST_CASE("concepts are found by meaning and shared by every analysis") {
  const auto a = fi().analyze("Kertoisitteko tilausnumeronne?");
  CHECK(a.has_concept("case.order_number"));
  CHECK(en().analyze("What's your order number?").has_concept("case.order_number"));
  CHECK(fi().analyze("Laitatteko meiliä?").has_concept("channel.email"));
  CHECK_FALSE(fi().analyze("Älkää lähettäkö sähköpostia.").has_concept("channel.email"));  // negated
}

TEST_CASE("hold: asking the customer to wait while the agent looks, with a stated time") {
  for (const char* hold :
       {"Hetkinen, tarkistan", "Pieni hetki, katson asiaa", "Tarkistan asian, palaan pian", "Odottakaa hetki"})
    CHECK_MESSAGE(has_move(fi(), hold, MoveKind::hold), hold);
  for (const char* hold : {"One moment, let me check.", "Bear with me while I look into it.", "Hang on, I'll check."})
    CHECK_MESSAGE(has_move(en(), hold, MoveKind::hold), hold);
  CHECK_FALSE(has_move(fi(), "Tarkistin asian eilen.", MoveKind::hold));     // done already: a report
  CHECK_FALSE(has_move(fi(), "Voisitteko tarkistaa sen?", MoveKind::hold));  // a question
  CHECK(fi().analyze("Odottakaa pari minuuttia, tarkistan asian.").move(MoveKind::hold)->seconds == 120);
  CHECK(en().analyze("Give me 2 minutes, I'll check.").move(MoveKind::hold)->seconds == 120);
}

TEST_CASE("a time in an instruction or a plan is no hold: only a wait the agent asks for is") {
  // The customer unplugs for ten seconds, the driver calls half an hour before: nobody waits
  // for the agent, so the persona must not sit waiting for them to come back.
  for (const char* plan : {"Irrottakaa modeemin virtajohto 10 sekunniksi ja kytkekää se takaisin.",
                           "Laitan kuljettajalle tiedon soittaa 30 minuuttia ennen."})
    CHECK_FALSE_MESSAGE(has_move(fi(), plan, MoveKind::hold), plan);
  for (const char* plan :
       {"Unplug the modem for 10 seconds and plug it back in.", "The driver will call you 30 minutes before."})
    CHECK_FALSE_MESSAGE(has_move(en(), plan, MoveKind::hold), plan);
  for (const char* hold : {"Odottakaa minuutti.", "Minuutti vain, katson.", "Odottakaa pari minuuttia."})
    CHECK_MESSAGE(has_move(fi(), hold, MoveKind::hold), hold);
  for (const char* hold : {"Give me a sec.", "Just a second.", "Wait a second please."})
    CHECK_MESSAGE(has_move(en(), hold, MoveKind::hold), hold);
}

TEST_CASE("channel bounce: sending the customer elsewhere, in free word order, not the agent's own action") {
  for (const char* bounce : {"Lähetä kysymyksesi sähköpostilla asiakaspalveluumme.", "Voitte laittaa sähköpostia.",
                             "Sähköpostia voitte lähettää laskutukseen.", "Soittakaa asiakaspalveluun.",
                             "Täyttäkää yhteydenottolomake verkkosivuilla.", "Kannattaa soittaa laskutukseen."})
    CHECK_MESSAGE(has_move(fi(), bounce, MoveKind::channel_bounce), bounce);
  for (const char* bounce :
       {"Please email the billing team again.", "You can send the cancellation by email.", "DM us and we'll sort it.",
        "Call our hotline.", "You should contact the billing department.", "Just email us and you'll get an answer."})
    CHECK_MESSAGE(has_move(en(), bounce, MoveKind::channel_bounce), bounce);
  for (const char* own : {"Lähetän teille vahvistuksen sähköpostiin.", "Mikä on sähköpostiosoitteenne?",
                          "Älkää lähettäkö sähköpostia, hoidan asian tässä.", "Soitan teille huomenna.",
                          "Saatte vahvistuksen sähköpostiinne vielä tänään."})
    CHECK_FALSE_MESSAGE(has_move(fi(), own, MoveKind::channel_bounce), own);
  for (const char* own : {"I'll send you a confirmation by email.", "Could you give me your email address?",
                          "I'll check the order and call you today.", "No need to email anyone, I'll handle it.",
                          "I have issued the refund and you will receive a confirmation email shortly.",
                          "You'll get an email when the parcel ships."})
    CHECK_FALSE_MESSAGE(has_move(en(), own, MoveKind::channel_bounce), own);
  CHECK(has_move(fi(), "Mikä on sähköpostiosoitteenne?", MoveKind::ownership));
}

TEST_CASE("check-in, blame, dismissal and an open door in natural wording") {
  for (const char* c : {"täällä ollaan vielä, miten sujuu?", "Oletteko vielä linjoilla?", "Onko kaikki hyvin?"})
    CHECK_MESSAGE(has_move(fi(), c, MoveKind::checkin), c);
  for (const char* c : {"Are you still with me?", "Still there?", "How is it going?"})
    CHECK_MESSAGE(has_move(en(), c, MoveKind::checkin), c);
  CHECK(has_move(fi(), "Se on teidän oma vikanne.", MoveKind::blame));
  CHECK(has_move(en(), "It's your own fault, you should have read the terms.", MoveKind::blame));
  CHECK_FALSE(has_move(en(), "Sorry, I should have asked first.", MoveKind::blame));
  CHECK(has_move(fi(), "Se ei ole meidän ongelmamme.", MoveKind::dismissal));
  CHECK(has_move(en(), "There is nothing I can do.", MoveKind::dismissal));
  CHECK(has_move(fi(), "Jos tulee kysyttävää, kirjoittakaa ihmeessä tänne.", MoveKind::open_door));
  CHECK_FALSE(has_move(fi(), "Jos tulee kysyttävää, kirjoittakaa ihmeessä tänne.", MoveKind::channel_bounce));
  CHECK(has_move(en(), "Feel free to write here if anything comes up.", MoveKind::open_door));
  CHECK_FALSE(has_move(en(), "You can cancel at any time.", MoveKind::open_door));
}

TEST_CASE("a greeting or thanks alone has no content words; a real reply has") {
  CHECK(fi().analyze("Hei! Kiitos viestistä.").content_words() == 0);
  CHECK(en().analyze("Thanks for your patience!").content_words() == 0);
  CHECK(fi().analyze("Hei! Tilauksenne lähti eilen.").content_words() > 0);
}

TEST_CASE("moves read who acts: self-blame, counterfactual blame, self-service and impersonal redirects, put-offs") {
  CHECK_FALSE(has_move(fi(), "Anteeksi, minun olisi pitänyt kysyä ensin.", MoveKind::blame));
  CHECK(has_move(fi(), "Olisitte valinneet pikatoimituksen, jos on noin kiire.", MoveKind::blame));
  CHECK(has_move(en(), "You can cancel it yourself on our website.", MoveKind::channel_bounce));
  CHECK(has_move(en(), "Complaints have to be filed through the form on our website.", MoveKind::channel_bounce));
  CHECK_FALSE(has_move(fi(), "Katsotaan myöhemmin.", MoveKind::hold));
  CHECK_FALSE(has_move(fi(), "Saanko kysyä vielä yhtä asiaa?", MoveKind::open_door));
  CHECK(term_matches(en(), "not see", "I can't see the parcel."));
  CHECK(fi().word_info("saisko")->has_lemma("saada"));
}

TEST_CASE("replies nobody wrote a rule for: a brief hold is no stated time, thanks with an intensifier is courtesy") {
  CHECK(en().analyze("Give me a sec, pulling up your order now.").move(MoveKind::hold)->seconds == 0);
  CHECK(fi().analyze("Kiitti paljon!").content_words() == 0);
  CHECK(en().analyze("Thank you so much!").content_words() == 0);
  CHECK(has_move(en(), "Honestly you should've ordered earlier.", MoveKind::blame));
  CHECK_FALSE(term_matches(en(), "you shouldn't have", "You don't have to wait any longer."));
}

TEST_CASE("bounces are about sending the customer to someone else, not about things the customer does") {
  // Not bounces: the phone as a device, a parcel taken to the post, a third person who calls,
  // a plural noun that looks like a verb, a dictionary word one letter from "ring".
  for (const char* fine : {"Voitte käyttää puhelinta tukiasemana siihen asti.",
                           "Voitte jättää vanhan reitittimen postiin, palautuslappu on valmiina.",
                           "Mihin numeroon kuljettaja voi soittaa?", "Laskun voi maksaa verkkopankissa."})
    CHECK_FALSE_MESSAGE(has_move(fi(), fine, MoveKind::channel_bounce), fine);
  for (const char* fine : {"You can use your phone as a hotspot until the router arrives.",
                           "Just drop it at the post office, the label is prepaid.",
                           "Calls and texts work the same in the EU.", "What price range did you have in mind?"})
    CHECK_FALSE_MESSAGE(has_move(en(), fine, MoveKind::channel_bounce), fine);
  // Bounces: to the manufacturer, to buy it in a shop, still every classic one.
  for (const char* bounce :
       {"Ottakaa yhteyttä valmistajaan.", "Ostakaa uusi reititin myymälästä.", "Soittakaa asiakaspalveluun.",
        "Reklamaation voi tehdä lomakkeella.", "Voitte kirjoittaa meille kirjeen."})
    CHECK_MESSAGE(has_move(fi(), bounce, MoveKind::channel_bounce), bounce);
  for (const char* bounce : {"Please contact the manufacturer about this.", "You'll need to buy a new one from a shop.",
                             "Call our customer service.", "Please email us the photos."})
    CHECK_MESSAGE(has_move(en(), bounce, MoveKind::channel_bounce), bounce);
  // The agent's own acts stay theirs, also with a word that could be a noun.
  CHECK_FALSE(has_move(fi(), "Lähetän teille uuden reitittimen.", MoveKind::channel_bounce));
  CHECK(has_move(fi(), "Kiitos. Teen teille takuukorjauspyynnön.", MoveKind::next_step));
}

TEST_CASE("explaining a policy is no dismissal; a number of days is no greeting; a line test is no check-in") {
  CHECK_FALSE(has_move(en(), "Our return policy is 14 days, but the warranty covers this.", MoveKind::dismissal));
  CHECK_FALSE(
      has_move(fi(), "Palautusoikeus on käytäntömme mukaan 14 päivää, mutta takuu kattaa tämän.", MoveKind::dismissal));
  CHECK(has_move(en(), "That is company policy.", MoveKind::dismissal));
  CHECK_FALSE(has_move(fi(), "Palautusoikeus on 14 päivää.", MoveKind::greeting));
  CHECK_FALSE(has_move(fi(), "Sopiiko toimitus aamupäivällä vai iltapäivällä?", MoveKind::greeting));
  CHECK(has_move(fi(), "Päivää! Miten voin auttaa?", MoveKind::greeting));
  CHECK(has_move(fi(), "Hyvää iltaa, Pirjo.", MoveKind::greeting));
  CHECK_FALSE(has_move(fi(), "Linjamittauksen mukaan linja on ok.", MoveKind::checkin));
  CHECK(has_move(fi(), "Ootko vielä linjoilla?", MoveKind::checkin));
}

TEST_CASE("spoken Finnish \"et\" is \"että\" unless a connegative verb follows") {
  const auto that = fi().analyze("Selvitän et miksi veloitus tuli kahdesti.");
  REQUIRE(that.clauses.size() == 2);
  CHECK_FALSE(that.clauses[1].negated);
  CHECK(term_matches(fi(), "veloitus", "Selvitän et miksi veloitus tuli kahdesti."));
  for (const char* negated : {"Et voi tehdä sitä itse.", "Et ole yksin tämän kanssa.", "Et sä voi tehdä sitä."})
    CHECK_MESSAGE(fi().analyze(negated).clauses[0].negated, negated);
}
