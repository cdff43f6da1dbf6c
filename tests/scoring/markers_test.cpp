// Markers from the bundled lexicons (what evidence cites and the persona's mood reads),
// the markers analysis adds itself, and diagnostics for a broken lexicon file.
#include "scoring/lexicon.h"
#include "scoring/text.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

using namespace chatdrill::scoring;

namespace {

struct MarkerCase {
  const char* text;
  const char* marker;
  bool present;
};

void check_cases(const TextAnalyzer& a, std::initializer_list<MarkerCase> cases) {
  for (const auto& c : cases) {
    const std::string text = c.text, marker = c.marker;
    CAPTURE(text);
    CAPTURE(marker);
    CHECK(a.analyze(c.text).has(c.marker) == c.present);
  }
}

std::string write_file(const std::string& name, const std::string& content) {
  std::filesystem::create_directories(CHATDRILL_TEST_TMP);
  const std::string path = std::string(CHATDRILL_TEST_TMP) + "/" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

}  // namespace

TEST_CASE("Finnish courtesy markers, including inflected and whole-word forms") {
  TextAnalyzer fi(Language::fi);
  check_cases(fi, {
                      {"Hei ja tervetuloa!", "courtesy.greeting", true},
                      {"Hyvää huomenta", "courtesy.greeting", true},
                      {"Kiitoksia odotuksesta", "courtesy.gratitude", true},
                      {"Kiitämme kärsivällisyydestä", "courtesy.gratitude", true},
                      {"Pahoittelemme viivettä", "courtesy.apology", true},
                      {"Anteeksi, se oli virhe", "courtesy.apology", true},
                      {"Valitettavasti tuote on loppu", "courtesy.apology", true},
                      {"Antakaa tilausnumero", "courtesy.apology", false},  // anteeksi over-stems to "ant"
                      {"Ymmärrän hyvin, että harmittaa", "courtesy.empathy", true},
                      {"En ymmärrä mitä tarkoitatte", "courtesy.empathy", false},
                      {"Voisitteko kertoa koon?", "courtesy.conditional", true},
                      {"Kertoisitteko vielä osoitteen?", "courtesy.conditional", true},
                      {"Kertokaa osoite.", "courtesy.conditional", false},
                      {"Ei hätää, hoidetaan kuntoon.", "courtesy.reassurance", true},
                      {"Jos tulee kysyttävää, kirjoittakaa rohkeasti.", "courtesy.open_door", true},
                      {"Hyvää päivänjatkoa!", "courtesy.farewell", true},
                  });
}

TEST_CASE("Finnish negative markers, check-ins, next steps and contact details vs channel bounce") {
  TextAnalyzer fi(Language::fi);
  check_cases(fi, {
                      {"Olette idiootti.", "negative.rude", true},
                      {"Lukekaa ohjeet.", "negative.dismissive", true},
                      {"Kuten jo sanoin, ei onnistu.", "negative.dismissive", true},
                      {"Se on teidän oma vikanne.", "negative.blame", true},
                      {"Lähettäkää sähköpostia tukeen.", "negative.channel_bounce", true},
                      {"Soittakaa asiakaspalveluun.", "negative.channel_bounce", true},
                      {"Lähetän teille sähköpostin.", "negative.channel_bounce", false},
                      {"Saisinko sähköpostiosoitteenne?", "ownership.contact_details", true},
                      {"Saisinko sähköpostiosoitteenne?", "negative.channel_bounce", false},
                      {"Oletteko vielä linjoilla?", "engagement.checkin", true},
                      {"Onko kaikki hyvin?", "engagement.checkin", true},
                      {"Tarkistan asian heti.", "engagement.next_step", true},
                      {"Minä hoidan tämän.", "engagement.next_step", true},
                      {"Voinko auttaa muussa?", "clarifying.stock", true},
                      {"Oletan, että haluatte uuden.", "clarifying.assumption", true},
                  });
}

TEST_CASE("English markers") {
  TextAnalyzer en(Language::en);
  check_cases(en, {
                      {"Good morning!", "courtesy.greeting", true},
                      {"Thank you for waiting", "courtesy.gratitude", true},
                      {"I'm sorry about that", "courtesy.apology", true},
                      {"I understand how frustrating this is", "courtesy.empathy", true},
                      {"Could you send a photo?", "courtesy.conditional", true},
                      {"No worries, we'll sort it out", "courtesy.reassurance", true},
                      {"If you have any questions, feel free to write", "courtesy.open_door", true},
                      {"You are an idiot", "negative.rude", true},
                      {"As I said, read the manual", "negative.dismissive", true},
                      {"That's your own fault", "negative.blame", true},
                      {"Please email us or call us", "negative.channel_bounce", true},
                      {"Contact customer service", "negative.channel_bounce", true},
                      {"I'll contact our warehouse", "negative.channel_bounce", false},
                      {"Could I have your phone number?", "ownership.contact_details", true},
                      {"Are you still there?", "engagement.checkin", true},
                      {"I\xE2\x80\x99ll send you a new one", "engagement.next_step", true},
                      {"Is there anything else I can help with?", "clarifying.stock", true},
                      {"I assume you want a refund", "clarifying.assumption", true},
                  });
}

TEST_CASE("markers analysis adds: SHOUTING, strings of !!!, the customer's name") {
  TextAnalyzer fi(Language::fi);
  const auto shout = fi.analyze("Kiitos viestistä. EI KÄY NYT MITENKÄÄN.");
  CHECK(shout.shouting);
  CHECK(shout.has("negative.shouting"));
  CHECK_FALSE(fi.analyze("Tilaus EU-alueelle, ALV 24 %.").shouting);  // acronyms are not shouting
  CHECK(fi.analyze("Kiitos!!!").has("negative.exclamations"));
  CHECK_FALSE(fi.analyze("Kiitos!!").has("negative.exclamations"));
  CHECK(fi.analyze("Kiitos!!!!").longest_exclamation_run == 4);
  CHECK_FALSE(fi.analyze("Hei Raija").has("courtesy.name"));
  fi.set_customer_name("Raija Virtanen");
  CHECK(fi.analyze("Hei Raija").has("courtesy.name"));
  CHECK(fi.analyze("Lähetän Raijalle vahvistuksen").has("courtesy.name"));
  CHECK(fi.analyze("Kiitos, rouva Virtanen").has("courtesy.name"));
  TextAnalyzer en(Language::en);
  en.set_customer_name("Anna");
  CHECK(en.analyze("Thanks, Anna!").has("courtesy.name"));
  CHECK_FALSE(en.analyze("Thanks, Annabel!").has("courtesy.name"));  // whole words in English
}

TEST_CASE("marker hits cite the matched words and their sentence") {
  TextAnalyzer fi(Language::fi);
  const std::string text = "Hei! Pahoittelen kovasti viivettä. Voinko auttaa muussa?";
  const auto a = fi.analyze(text);
  CHECK(a.count("courtesy.") == 2);
  CHECK(a.count_in_sentence(2, "clarifying.stock") == 1);
  for (const auto& m : a.markers) {
    if (m.id != "courtesy.apology") continue;
    CHECK(text.substr(m.begin, m.end - m.begin) == "Pahoittelen");
    CHECK(m.sentence == 1);
  }
  CHECK(fi.analyze("Kiitos kiitos").count("courtesy.gratitude") == 2);
}

TEST_CASE("every marker id the graders cite is defined or added by analysis") {
  for (const Language lang : {Language::fi, Language::en}) {
    const auto lex = load_lexicon(lang);
    for (const std::string id : k_marker_ids) {
      if (id == "courtesy.name" || id == "negative.shouting" || id == "negative.exclamations") continue;
      CAPTURE(id);
      CHECK(std::find(lex->ids.begin(), lex->ids.end(), id) != lex->ids.end());
    }
  }
}

TEST_CASE("a broken lexicon file is refused with located diagnostics") {
  // An unknown field or a wrong type is an error, reported with file:line:col: path.
  const std::string bad = write_file("bad_lexicon.json", R"({"format": "chatdrill.lexicon/1", "language": "fi",
  "markers": {"courtesy.greeting": {"words": ["hei", 3], "phrazes": ["hyvää päivää"]}}})");
  try {
    load_lexicon_file(Language::fi, bad);
    FAIL("a broken lexicon must not load");
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    CHECK(message.find("bad_lexicon.json:2:54: markers[\"courtesy.greeting\"].words[1]: must be a non-empty string") !=
          std::string::npos);
    CHECK(message.find("unknown field \"phrazes\"") != std::string::npos);
  }
  const std::string syntax =
      write_file("syntax_lexicon.json", "{\"format\": \"chatdrill.lexicon/1\",\n  \"markers\": {,}}");
  CHECK_THROWS_WITH_AS(load_lexicon_file(Language::fi, syntax), doctest::Contains("syntax_lexicon.json:2:15:"),
                       std::runtime_error);
  CHECK_THROWS_AS(load_lexicon_file(Language::fi, "/nonexistent/lexicon.json"), std::runtime_error);
}

TEST_CASE("numbers are their own stem, and a trainer's lexicon can still mark one") {
  TextAnalyzer fi(Language::fi);
  const auto a = fi.analyze("Tilausnumero on 48213, soita 112 tai 0401234567.");
  REQUIRE(a.tokens.size() == 7);
  CHECK(a.tokens[2].stem == "48213");
  CHECK(a.tokens[6].stem == "0401234567");
  CHECK(fi.stem("48213") == "48213");  // what the fast path for numbers assumes of Snowball
  // A lexicon with a number in it: numbers go through the lexicon like any word.
  const std::string path = write_file("number_lexicon.json", R"({"format": "chatdrill.lexicon/1", "language": "fi",
    "markers": {"negative.emergency_number": {"words": ["112"]}, "courtesy.greeting": {"words": ["hei"]}}})");
  TextAnalyzer custom(Language::fi, load_lexicon_file(Language::fi, path));
  CHECK(custom.analyze("Hei, soittakaa numeroon 112 heti").has("negative.emergency_number"));
  CHECK_FALSE(custom.analyze("Hei, soittakaa numeroon 113 heti").has("negative.emergency_number"));
  CHECK_FALSE(fi.analyze("Soita 112").has("negative.emergency_number"));
}
