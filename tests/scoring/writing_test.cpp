// The writing dimension: spelling (Voikko, Hunspell) and Finnish grammar of the trainee's
// replies, what chat writing is allowed (emoji, addresses, codes, names, the customer's
// own words, lower-case starts), and how errors turn into points and evidence.
#include "scoring/grade_internal.h"
#include "scoring/text/spelling.h"
#include "support/grader.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace chatdrill::scoring;

namespace {

std::vector<WritingError> spelling_only(std::vector<WritingError> errors) {
  std::erase_if(errors, [](const WritingError& e) { return e.kind != WritingErrorKind::spelling; });
  return errors;
}

Transcript chat(const char* language, std::vector<std::pair<const char*, std::string>> lines) {
  Transcript t;
  t.language = language;
  double at = 0;
  for (auto& [from, text] : lines)
    t.messages.push_back(Message{from, "message", at += 20, std::move(text), Json::object()});
  return t;
}

DimensionGrade writing(const Transcript& t, const Rubric& rubric = {}) {
  return detail::writing_grade(detail::view_chat(t, rubric, test_grader()), rubric);
}

double evidence_sum(const DimensionGrade& g) {
  double sum = 0;
  for (const auto& e : g.evidence) sum += e.points;
  return sum;
}

int count_rule(const DimensionGrade& g, std::string_view rule) {
  int n = 0;
  for (const auto& e : g.evidence) n += e.rule == rule;
  return n;
}

// `n` words of correct Finnish / English, to pad a chat to a length.
std::string filler(bool fi, int n) {
  const char* fi_words[] = {"tarkistan", "tilauksen", "tiedot", "ja", "palaan", "asiaan", "pian", "kiitos"};
  const char* en_words[] = {"I", "will", "check", "the", "order", "details", "right", "away"};
  std::string out;
  for (int i = 0; i < n; ++i) out += std::string(i ? " " : "") + (fi ? fi_words[i % 8] : en_words[i % 8]);
  return out + ".";
}

}  // namespace

TEST_CASE("writing: Finnish and English misspellings are found with a sensible suggestion") {
  WritingChecker fi(Language::fi), en(Language::en);
  REQUIRE(fi.available());
  REQUIRE(en.available());
  const std::string text = "Kiitos viestistä, tarkistan tilaukesenne heti.";
  auto errors = fi.check(text);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].kind == WritingErrorKind::spelling);
  CHECK(errors[0].text == "tilaukesenne");
  CHECK(errors[0].suggestion == "tilauksenne");
  CHECK(text.substr(errors[0].begin, errors[0].end - errors[0].begin) == "tilaukesenne");
  CHECK(errors[0].description == "Kirjoitusvirhe");

  errors = en.check("I will chekc your order");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].text == "chekc");
  CHECK(errors[0].suggestion == "check");
  CHECK(errors[0].begin == 7);
}

TEST_CASE("writing: an English typo gets the common word one slip away as its suggestion") {
  WritingChecker en(Language::en);
  // Missing, doubled, swapped and neighbouring letters, as people type them in a hurry.
  for (const auto& [typo, meant] : std::vector<std::pair<std::string, std::string>>{{"refnd", "refund"},
                                                                                    {"frm", "from"},
                                                                                    {"wek", "week"},
                                                                                    {"stil", "still"},
                                                                                    {"cheeck", "check"},
                                                                                    {"beause", "because"},
                                                                                    {"tmorrow", "tomorrow"},
                                                                                    {"wuld", "would"}}) {
    CAPTURE(typo);
    const auto errors = spelling_only(en.check("I will " + typo + " it today"));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].suggestion == meant);
  }
  const auto start = spelling_only(en.check("Sory, I will check it today"));  // keeps its capital
  REQUIRE(start.size() == 1);
  CHECK(start[0].suggestion == "Sorry");
}

TEST_CASE("writing: Voikko's grammar checker finds a Finnish grammar error, in bytes, described in Finnish") {
  WritingChecker fi(Language::fi);
  const std::string text = "Hän ei tulee huomenna.";
  auto errors = fi.check(text);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].kind == WritingErrorKind::grammar);
  CHECK(errors[0].code == 13);
  CHECK(text.substr(errors[0].begin, errors[0].end - errors[0].begin) == "ei tulee");
  CHECK(errors[0].description.find("Kieltoverbi") != std::string::npos);

  errors = fi.check("Tarkistan tilauksen ja ja palaan.");  // a doubled word
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == 8);
  CHECK(errors[0].suggestion == "ja");
  CHECK(fi.check("Me pyrimme lähettää paketin.").size() == 1);  // MA-infinitive required
}

TEST_CASE("writing: what chat writes on purpose is never an error") {
  WritingChecker fi(Language::fi), en(Language::en);
  const char* fi_fine[] = {
      "ok, katsotaan",                                                   // lower-case start, no full stop
      "hei, kiitti viestistä",                                           // chat words Voikko knows
      "moi! miten voin auttaa",                                          // lower case after '!'
      "Kiitos odottamisesta 😊👍",                                         // emoji
      "Joo, onnistuu :) laitan sen eteenpäin :D",                        // emoticons (not a misplaced ')')
      "Katso www.verkkokauppa.fi tai kirjoita asiakaspalvelu@firma.fi",  // addresses
      "Tilauksesi AB-12345 lähti 12.3. ja hinta on 59 € (15 %).",        // codes, dates, prices
      "Seurantakoodi on JJFI123456789, toimitus 10 min päästä.",         // a code and a unit after a number
      "Tarvitset HDMI-kaapelin ja TV:n jalustan, esim. tämän.",          // capitals, an abbreviation
      "Välitän viestin Kowalczykille, hän soittaa teille.",              // a name mid-sentence
      "Hei hei! Kiitos kiitos.",                                         // doubled on purpose
      "Joo, selvä. Hetkinen...",                                         // fragments without a main verb
      "Kiitos!! Palaan asiaan pian!!!",                                  // exclamation runs: politeness grades them
  };
  for (const char* text : fi_fine) {
    CAPTURE(text);
    CHECK(fi.check(text).empty());
  }
  const char* en_fine[] = {"ok, let me check that for you :)",
                           "Your order AB-12345 shipped on 12.3. and costs 59 €.",
                           "Please visit www.example.com or email support@example.com",
                           "The TV needs an HDMI cable 👍",
                           "I've forwarded it to Ms Kowalczyk in our returns team.",
                           "hmm, give me 2 mins to check",
                           "I apologise, I'm cancelling the order; the colour was wrong."};  // British spelling
  for (const char* text : en_fine) {
    CAPTURE(text);
    CHECK(en.check(text).empty());
  }
}

TEST_CASE("writing: the customer's own words and name are accepted, in Finnish also inflected") {
  WritingChecker fi(Language::fi), en(Language::en);
  Tolerance t;
  t.add_words("Ostin Samsung QE55Q80C:n ja zorblax-telineen, mutta se ei toimi.");
  t.customer_name = "Raija Häkkiläinen";
  CHECK_FALSE(fi.check("Zorblax-teline on hyvä valinta.").empty());  // without the chat's words, unknown
  CHECK(fi.check("Zorblax-teline on hyvä valinta.", t).empty());
  CHECK(fi.check("Samsung QE55Q80C on hyvä televisio.", t).empty());
  CHECK(fi.check("Häkkiläiselle lähtee uusi paketti.", t).empty());  // the surname at a sentence start, inflected
  CHECK(fi.check("Raijalle lähtee uusi paketti.", t).empty());
  REQUIRE(spelling_only(fi.check("Tilaukesenne on matkalla.", t)).size() == 1);  // not a way around real typos

  Tolerance e;
  e.add_words("My Zorblax stand broke");
  CHECK(en.check("zorblax stands are covered, and Zorblax's warranty too.", e).empty());
  CHECK(en.check("samsung TVs come with a remote.").empty());  // known in other capitals
}

TEST_CASE("writing: the dimension charges errors, less per error in longer writing, and evidence sums to the score") {
  const std::string typo = "Tarkistan tilaukesenne tiedot.";
  const auto one = writing(chat("fi", {{"customer", "Missä tilaukseni on?"}, {"trainee", typo}}));
  const auto three = writing(chat(
      "fi",
      {{"customer", "Missä tilaukseni on?"}, {"trainee", typo}, {"trainee", "Palaan asaan pian, odotathan hetkne."}}));
  const auto clean =
      writing(chat("fi", {{"customer", "Missä tilaukseni on?"}, {"trainee", "Tarkistan tilauksenne tiedot."}}));
  CHECK(clean.score == 100);
  CHECK(one.score < 100);
  CHECK(three.score < one.score);
  CHECK(count_rule(three, "writing.spelling") == 3);
  for (const auto* g : {&one, &three, &clean}) CHECK(std::abs(evidence_sum(*g) - g->score) < 1e-9);

  // The same one error costs less in 120 words than in 3.
  const auto longer =
      writing(chat("fi", {{"customer", "Missä tilaukseni on?"}, {"trainee", typo}, {"trainee", filler(true, 120)}}));
  CHECK(count_rule(longer, "writing.spelling") == 1);
  CHECK(longer.score > one.score);
  CHECK(100 - longer.score < 6);
  CHECK(100 - one.score == doctest::Approx(12));  // short writing: the cost's ceiling

  // Many errors cannot take the score below 0.
  const auto awful = writing(chat("fi", {{"trainee",
                                          "Tarkstan tilaksen tiedto, kiitoksa vastauksne, ymmärärn. "
                                          "Palaan asaan, odotathn hetkne."}}));
  CHECK(awful.score == 0);
  CHECK(std::abs(evidence_sum(awful) - awful.score) < 1e-9);
  CHECK(awful.evidence.back().rule == std::string_view("writing.clamp"));
}

TEST_CASE("writing: a repeated typo is charged once, notes follow the chat's language") {
  const auto fi = writing(chat("fi", {{"trainee", "Tarkistan tilaukesenne."},
                                      {"trainee", "Tilaukesenne lähti jo."},
                                      {"trainee", "tilaukesenne on perillä huomenna."}}));
  REQUIRE(count_rule(fi, "writing.spelling") == 1);
  const Evidence* e = nullptr;
  for (const auto& item : fi.evidence)
    if (item.rule == std::string_view("writing.spelling")) e = &item;
  REQUIRE(e != nullptr);
  CHECK(e->message == std::size_t{0});
  CHECK(e->note == "Kirjoitusvirhe: \"tilaukesenne\" → \"tilauksenne\" (3 kertaa)");
  CHECK(fi.evidence.front().note.find("sanaa") != std::string::npos);

  const auto en = writing(chat(
      "en", {{"customer", "Where is my order?"}, {"trainee", "I will chekc it."}, {"trainee", "Let me chekc again."}}));
  REQUIRE(count_rule(en, "writing.spelling") == 1);
  for (const auto& item : en.evidence)
    if (item.rule == std::string_view("writing.spelling")) {
      CHECK(item.message == std::size_t{1});
      CHECK(item.note == "Misspelt: \"chekc\" → \"check\" (2 times)");
    }
  CHECK(en.evidence.front().note.find("words") != std::string::npos);

  const auto grammar = writing(chat("fi", {{"trainee", "Hän ei tulee huomenna."}}));
  REQUIRE(count_rule(grammar, "writing.grammar") == 1);
  CHECK(grammar.evidence[1].note == "Kieltoverbi ja pääverbi eivät sovi yhteen: \"ei tulee\"");
}

TEST_CASE("writing: the customer's words and the rubric's vocabulary are the chat's own, no replies, switched off") {
  Rubric rubric;
  rubric.vocabulary = {"Zorblax-teline", "Kvorbix"};
  const auto g = writing(chat("fi", {{"customer", "Ostin Frobnitz-laitteen."},
                                     {"trainee", "frobnitz-laite ja zorblax-teline tulevat samassa paketissa."},
                                     {"trainee", "kvorbix on varastossa."}}),
                         rubric);
  CHECK(g.score == 100);
  CHECK(count_rule(g, "writing.spelling") == 0);

  const auto none = writing(chat("fi", {{"customer", "Haloo?"}}));
  CHECK(none.score == 0);
  CHECK(count_rule(none, "writing.no_replies") == 1);
  CHECK(std::abs(evidence_sum(none) - none.score) < 1e-9);

  Rubric off;
  off.check_writing = false;
  const auto skipped = writing(chat("en", {{"trainee", "I will chekc your ordr"}}), off);
  CHECK(skipped.score == 100);
  CHECK(count_rule(skipped, "writing.not_checked") == 1);
  CHECK(count_rule(skipped, "writing.spelling") == 0);
}

TEST_CASE("writing: invalid UTF-8, control bytes and a 1 MB reply are checked without crashing") {
  WritingChecker fi(Language::fi), en(Language::en);
  std::string big;
  while (big.size() < 1'000'000) big += "Tarkistan tilaukesenne \xFF\xC3 heti\x01 ja palaan asiaan. ";
  const auto errors = fi.check(big);
  CHECK_FALSE(errors.empty());
  for (const auto& e : errors) CHECK(e.end <= big.size());
  CHECK_FALSE(en.check(big).empty());
  CHECK(fi.check("\xC3\xA4\xFF\n\n\xE2\x82").size() <= 1);
}

TEST_CASE("writing: spoken Finnish forms of the word-form table are chat, not misspellings") {
  WritingChecker fi(Language::fi);
  if (!fi.available()) return;
  std::string found;
  for (const auto& e : fi.check("Mä oon tsekannut tän, ja laitan sulle viestin viikoks.")) found += " " + e.text;
  CHECK_MESSAGE(found.empty(), found);
  CHECK_FALSE(fi.check("Tarkistn asian heti.").empty());  // a real typo still is one
}
