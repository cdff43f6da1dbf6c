// Golden transcripts graded against hand-checked grades: every score, and every evidence
// item (rule, message, points) in order, plus the promises every grade keeps.
#include "golden_support.h"
#include "support/grader.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace chatdrill::scoring;

// CHATDRILL_UPDATE_GOLDEN=1 rewrites the expected files with today's grades (for a rule
// change: then read every changed item by hand before committing them).
void update_expected(const golden::Case& c, const Grade& g) {
  Json out = c.expected;
  out["overall"] = g.overall;
  Json dims = Json::object();
  for (std::size_t k = 0; k < k_dimensions.size(); ++k) {
    Json evidence = Json::array();
    for (const auto& e : g.dimensions[k].evidence)
      evidence.push_back(Json::array({e.rule, e.message ? Json(*e.message) : Json(nullptr), e.points, e.note}));
    dims[k_dimensions[k]] = Json{{"score", g.dimensions[k].score}, {"evidence", std::move(evidence)}};
  }
  out["dimensions"] = std::move(dims);
  const std::string path = std::string(CHATDRILL_TEST_DATA) + "/golden/" + c.name + ".expected.json";
  std::FILE* f = std::fopen(path.c_str(), "w");
  REQUIRE(f);
  const std::string text = out.dump(1) + "\n";
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
}

TEST_CASE("golden transcripts get their hand-checked grades") {
  const auto cases = golden::load_all();
  if (const char* u = std::getenv("CHATDRILL_UPDATE_GOLDEN"); u && *u == '1')
    for (const auto& c : cases) update_expected(c, grade_transcript(c.transcript, c.rubric, test_grader()));
  int fi = 0, en = 0;
  for (const auto& c : cases) {
    CAPTURE(c.name);
    (c.transcript.language == "fi" ? fi : en)++;
    const Grade g = grade_transcript(c.transcript, c.rubric, test_grader());
    CHECK(g.overall == doctest::Approx(c.expected["overall"].get<double>()).epsilon(1e-9));
    for (std::size_t k = 0; k < k_dimensions.size(); ++k) {
      const std::string dim = k_dimensions[k];
      CAPTURE(dim);
      const Json& want = c.expected["dimensions"][dim];
      const DimensionGrade& got = g.dimensions[k];
      CHECK(got.score == doctest::Approx(want["score"].get<double>()).epsilon(1e-9));
      std::vector<std::string> got_items, want_items;
      for (const auto& e : got.evidence)
        got_items.push_back(Json::array({e.rule, e.message ? Json(*e.message) : Json(nullptr), e.points}).dump());
      for (const auto& e : want["evidence"]) want_items.push_back(Json::array({e[0], e[1], e[2].get<double>()}).dump());
      CHECK(got_items == want_items);
    }
  }
  CHECK(fi >= 3);
  CHECK(en >= 3);
}

TEST_CASE("every grade is explained exactly by its evidence and is the same every time") {
  for (const auto& c : golden::load_all()) {
    CAPTURE(c.name);
    const Grade g = grade_transcript(c.transcript, c.rubric, test_grader());
    for (const auto& d : g.dimensions) {
      double sum = 0;
      for (const auto& e : d.evidence) {
        sum += e.points;
        CHECK_FALSE(e.note.empty());
        if (e.message) CHECK(*e.message < c.transcript.messages.size());
      }
      CHECK(std::abs(sum - d.score) < 1e-6);
      CHECK(d.score >= 0);
      CHECK(d.score <= 100);
    }
    CHECK(grade_to_json(g) == grade_to_json(grade_transcript(c.transcript, c.rubric, test_grader())));
    // The graders on their own agree with grade_transcript.
    CHECK(grade_speed(c.transcript, c.rubric, test_grader()).score == g.dimension("speed").score);
    CHECK(grade_politeness(c.transcript, c.rubric, test_grader()).score == g.dimension("politeness").score);
    CHECK(grade_clarifying(c.transcript, c.rubric, test_grader()).score == g.dimension("clarifying").score);
    CHECK(grade_engagement(c.transcript, c.rubric, test_grader()).score == g.dimension("engagement").score);
    CHECK(grade_resolution(c.transcript, c.rubric, test_grader()).score == g.dimension("resolution").score);
    CHECK(grade_writing(c.transcript, c.rubric, test_grader()).score == g.dimension("writing").score);
  }
}

TEST_CASE("grade JSON is chatdrill.grade/2") {
  const auto cases = golden::load_all();
  REQUIRE_FALSE(cases.empty());
  const Json j = grade_to_json(grade_transcript(cases.front().transcript, cases.front().rubric, test_grader()));
  CHECK(j["format"] == "chatdrill.grade/2");
  CHECK(j["overall"].is_number());
  for (const char* dim : k_dimensions) {
    REQUIRE(j["dimensions"].contains(dim));
    const Json& d = j["dimensions"][dim];
    CHECK(d["score"].is_number());
    REQUIRE(d["evidence"].is_array());
    for (const auto& e : d["evidence"]) {
      CHECK((e["message"].is_null() || e["message"].is_number_unsigned()));
      CHECK(e["rule"].get<std::string>().starts_with(std::string(dim) + "."));
      CHECK(e["points"].is_number());
      CHECK(e["note"].is_string());
    }
  }
}

TEST_CASE("weights in the rubric move the overall score, and zero weights mean equal weights") {
  const auto cases = golden::load_all();
  for (const auto& c : cases) {
    Rubric r = c.rubric;
    r.weights = {1, 0, 0, 0, 0, 0};
    const Grade g = grade_transcript(c.transcript, r, test_grader());
    CHECK(g.overall == doctest::Approx(g.dimension("speed").score));
    r.weights = {0, 0, 0, 0, 0, 0};
    const Grade equal = grade_transcript(c.transcript, r, test_grader());
    double mean = 0, graded = 0;
    for (const auto& d : equal.dimensions)
      if (d.graded) mean += d.score, ++graded;
    CHECK(equal.overall == doctest::Approx(mean / graded).epsilon(0.002));
  }
}

TEST_CASE("speed targets from the rubric apply") {
  const auto cases = golden::load_all();
  for (const auto& c : cases) {
    if (c.name != "fi_cancel_bounce") continue;
    Rubric relaxed = c.rubric;
    relaxed.first_reply_target = 90;
    relaxed.reply_target = 120;
    CHECK(grade_transcript(c.transcript, relaxed, test_grader()).dimension("speed").score == 100);
    Rubric strict = c.rubric;
    strict.first_reply_target = 10;
    CHECK(grade_transcript(c.transcript, strict, test_grader()).dimension("speed").score <
          grade_transcript(c.transcript, c.rubric, test_grader()).dimension("speed").score);
  }
}

TEST_CASE("an empty chat and a chat without any reply get grades, not crashes") {
  Transcript t;
  t.language = "en";
  const Grade empty = grade_transcript(t, {}, test_grader());
  CHECK(empty.dimension("speed").score == 100);
  t.messages.push_back({"customer", "message", 0, "Hello? Is anyone there?", Json::object()});
  t.messages.push_back({"customer", "kind", 400, "", Json::object()});
  t.messages.back().kind = "left";
  const Grade ignored = grade_transcript(t, {}, test_grader());
  CHECK(ignored.dimension("speed").score < 10);
  CHECK(ignored.dimension("politeness").score == 0);
  CHECK(ignored.dimension("engagement").score < 60);
}

TEST_CASE("hostile text in a transcript (invalid UTF-8, a 1 MB message) grades and serialises") {
  Transcript t;
  t.language = "fi";
  t.messages.push_back({"customer", "message", 0, "Hei\xFF\xFE onko paketti tullut?", Json::object()});
  std::string huge = "Kiitos \xC3 paljon! Voisitteko kertoa \xE2\x82 tilausnumeron? ";
  while (huge.size() < 1024 * 1024) huge += "PAHOITTELEN!!! Kuten jo sanoin \xF0\x9F\x98\x80 \xFF ";
  t.messages.push_back({"trainee", "message", 20, huge, Json::object()});
  const Grade g = grade_transcript(t, {}, test_grader());
  for (const auto& d : g.dimensions) {
    CHECK(d.score >= 0);
    CHECK(d.score <= 100);
    for (const auto& e : d.evidence) CHECK(is_valid_utf8(e.note));
  }
  CHECK(g.dimension("politeness").score == 0);
  CHECK_NOTHROW((void)grade_to_json(g).dump());
}

TEST_CASE("a customer who gives up waiting costs the whole wait, one who leaves within the target costs nothing") {
  Transcript t;
  t.language = "fi";
  t.messages.push_back({"customer", "message", 0, "Hei, tilaukseni ei ole tullut.", Json::object()});
  t.messages.push_back({"customer", "left", 57, "", Json::object()});
  const DimensionGrade never_answered = grade_transcript(t, {}, test_grader()).dimension("speed");
  CHECK(never_answered.score == 0);  // was 83.8: 57 s is only 27 s over target, but the customer is gone
  CHECK(never_answered.evidence.back().rule == "speed.customer_left");
  CHECK(never_answered.evidence.back().note.find("57 s") != std::string::npos);

  t.messages[1].at = 20;  // left before the first-reply target (30 s): not the trainee's doing
  CHECK(grade_transcript(t, {}, test_grader()).dimension("speed").score == 100);

  Transcript answered = t;  // answered in time, then the customer left: nothing to hold against speed
  answered.messages.insert(
      answered.messages.begin() + 1,
      {"trainee", "message", 10, "Hei! Tilauksenne on matkalla ja tulee huomenna.", Json::object()});
  answered.messages.back().at = 300;
  CHECK(grade_transcript(answered, {}, test_grader()).dimension("speed").score == 100);

  Transcript held = answered;  // "I'll check" and then nothing until the customer gave up: a promise not kept
  held.messages[1].text = "Hei! Hetkinen, tarkistan asian.";
  const DimensionGrade h = grade_transcript(held, {}, test_grader()).dimension("speed");
  CHECK(h.score < 100);
  CHECK(h.evidence.back().rule == "speed.hold_unkept");
}
