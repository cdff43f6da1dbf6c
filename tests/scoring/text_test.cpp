// Text analysis as graders and the engine rely on it: words, folding, stems, sentences,
// question detection in Finnish and English, and robustness on hostile input.
#include "scoring/text.h"
#include "scoring/core/json_doc.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace chatdrill::scoring;

namespace {

std::vector<std::string> folded_words(const TextAnalyzer& a, std::string_view text) {
  std::vector<std::string> out;
  for (const auto& t : a.tokenize(text)) out.emplace_back(t.folded);
  return out;
}

}  // namespace

TEST_CASE("tokens keep their surface and byte offsets and fold Finnish capitals") {
  TextAnalyzer fi(Language::fi);
  const std::string text = "ÄÄNEKOSKI, Öljy ja Åland: 12.50 €";
  const auto tokens = fi.tokenize(text);
  REQUIRE(tokens.size() == 5);
  CHECK(tokens[0].surface == "ÄÄNEKOSKI");
  CHECK(tokens[0].folded == "äänekoski");
  CHECK(tokens[0].all_caps);
  CHECK(tokens[1].folded == "öljy");
  CHECK_FALSE(tokens[1].all_caps);
  CHECK(tokens[3].folded == "åland");
  CHECK(tokens[4].surface == "12.50");
  for (const auto& t : tokens) CHECK(text.substr(t.begin, t.end - t.begin) == t.surface);
}

TEST_CASE("folding is full Unicode case folding and typographic apostrophes become ASCII") {
  TextAnalyzer en(Language::en);
  CHECK(en.fold("STRASSE Straße") == "strasse strasse");
  CHECK(en.fold("I\xE2\x80\x99LL") == "i'll");
  CHECK(folded_words(en, "Don't e-mail us, I\xE2\x80\x99ll call.") ==
        std::vector<std::string>{"don't", "e", "mail", "us", "i'll", "call"});
  CHECK(folded_words(en, "'quoted' words") == std::vector<std::string>{"quoted", "words"});
}

TEST_CASE("Snowball stems Finnish and English words") {
  TextAnalyzer fi(Language::fi), en(Language::en);
  CHECK(fi.stem("pahoittelen") == fi.stem("pahoittelemme"));
  CHECK(fi.stem("kiitoksia") != "kiitoksia");
  CHECK(fi.stem("onko") == "on");  // why questions are detected before stemming
  CHECK(en.stem("apologies") == en.stem("apology"));
  CHECK(en.stem("running") == "run");
  const auto t = fi.tokenize("Tilaukset");
  REQUIRE(t.size() == 1);
  CHECK(t[0].stem == fi.stem("tilaukset"));
}

TEST_CASE("sentences split on terminators and newlines, not on abbreviations or decimals") {
  TextAnalyzer fi(Language::fi);
  const auto a = fi.analyze("Hinta on 12.50 euroa esim. huomenna. Sopiiko?\nKiitos");
  REQUIRE(a.sentences.size() == 3);
  CHECK_FALSE(a.sentences[0].is_question);
  CHECK(a.sentences[1].is_question);
  CHECK(a.sentences[2].token_count == 1);
  CHECK(a.tokens.back().sentence == 2);
  CHECK(a.is_question);
}

struct QuestionCase {
  const char* text;
  bool question;
};

TEST_CASE("Finnish question detection: clitic, interrogatives, vai, question mark") {
  TextAnalyzer fi(Language::fi);
  const QuestionCase cases[] = {
      {"Onko tilauksenne numero vielä tallessa", true},
      {"Voisitteko kertoa tilausnumeronne", true},
      {"Haluatteko paperilaskun", true},
      {"Oletteko vielä linjoilla", true},
      {"Tiedättekö jo koon", true},
      {"Eikö paketti tullut perille", true},
      {"Onkohan teillä asiakasnumeroa", true},
      {"No onko kaikki kunnossa", true},
      {"Hei Maija, mikä on tilausnumeronne", true},
      {"Mitä laitteelle tapahtui", true},
      {"Miksi haluatte irtisanoa", true},
      {"Miten toimitus onnistui", true},
      {"Kuinka monta kappaletta tarvitsette", true},
      {"Paljonko budjettinne on", true},
      {"Montako henkeä tulee", true},
      {"Missä vaiheessa tilaus on", true},
      {"Milloin tilasitte", true},
      {"Kuka teki tilauksen", true},
      {"Kumpi sopii paremmin", true},
      {"Mihin osoitteeseen lähetetään", true},
      {"Mistä ostitte laitteen", true},
      {"Millainen kenkä olisi mieluisin", true},
      {"Punainen vai sininen", true},
      {"Entä toimitusosoite", true},
      {"Tilaus lähti eilen?", true},
      {"Tilaus on tulossa, eikö niin", true},
      {"Tarkistan, onko tilaus lähtenyt", false},
      {"Ymmärrän, miksi olette harmissanne.", false},
      {"Koko tilaus on jo matkalla", false},
      {"On pakko myöntää, että olette oikeassa", false},
      {"Vai niin", false},
      {"Kiitos tiedosta", false},
      {"Mikäli tilaus ei tule, ilmoittakaa", false},
      {"Verkko toimii taas", false},
      {"Lähetän uuden laitteen huomenna", false},
  };
  for (const auto& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    CHECK(fi.analyze(c.text).is_question == c.question);
  }
}

TEST_CASE("English question detection: question mark, wh-words, auxiliary first") {
  TextAnalyzer en(Language::en);
  const QuestionCase cases[] = {
      {"Could you tell me your order number", true},
      {"Can I have your email", true},
      {"Do you still have the receipt", true},
      {"Is there anything else", true},
      {"Would you like a refund or a replacement", true},
      {"Have you tried restarting it", true},
      {"What size do you need", true},
      {"Why do you want to cancel", true},
      {"How long have you had it", true},
      {"Which colour would you prefer", true},
      {"When did you order", true},
      {"Hi Anna, what is your budget", true},
      {"So what happened next", true},
      {"Are you still there", true},
      {"It arrived broken?", true},
      {"Where did you buy it, online or in a store", true},
      {"What a pity", false},
      {"What I can do is send a new one", false},
      {"When it arrives, please check the box", false},
      {"Will do", false},
      {"Have a nice day", false},
      {"Would be happy to help", false},
      {"I will send a replacement today", false},
      {"Thanks for waiting", false},
  };
  for (const auto& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    CHECK(en.analyze(c.text).is_question == c.question);
  }
}

TEST_CASE("invalid UTF-8, control bytes and a 1 MB message are analysed without crashing") {
  TextAnalyzer fi(Language::fi);
  const char raw[] = "Hei\xFF\xFE kiitos \xC3 \xE2\x82 onko\x00 se?";
  const std::string broken(raw, sizeof raw - 1);
  const auto a = fi.analyze(broken);
  for (const auto& t : a.tokens) CHECK(is_valid_utf8(t.surface));
  CHECK(a.has("courtesy.greeting"));
  CHECK(a.has("courtesy.gratitude"));
  std::string huge;
  while (huge.size() < 1024 * 1024) huge += "Kiitos ÄÄNEKOSKI!!!! onko tämä \xF0\x9F\x98\x80 oikein? ";
  const auto b = fi.analyze(huge);
  CHECK(b.tokens.size() > 100000);
  CHECK(b.is_question);
  CHECK(b.longest_exclamation_run == 4);
  CHECK(fi.analyze("").tokens.empty());
  CHECK(fi.analyze("!!! ??? ...").sentences.empty());
}

TEST_CASE("an analysis knows whether its text is valid UTF-8, exactly as the UTF-8 check does") {
  TextAnalyzer fi(Language::fi);
  const std::vector<std::string> texts = {"Hei, kiitos!",
                                          "Äänekoski öljy 😀 …",
                                          "",
                                          "ab\xFF"
                                          "cd",
                                          "ä\x80",
                                          "\xC3",
                                          "kiitos \xE2\x82",
                                          "\xC0\x80 overlong",
                                          "\xED\xA0\x80 surrogate",
                                          "\xF4\x90\x80\x80 past U+10FFFF",
                                          "\xF0\x9F\x98\x80",
                                          "sana\xE2\x80\xA6 loppu",
                                          "12.50\xFE"};
  for (const auto& t : texts) {
    CAPTURE(t);
    CHECK(fi.analyze(t).valid_utf8 == is_valid_utf8(t));
  }
  Analysis reused;
  fi.analyze("\xFF", reused);
  fi.analyze("hyvä", reused);
  CHECK(reused.valid_utf8);  // nothing left over from the text before
}
