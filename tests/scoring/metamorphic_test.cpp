// Metamorphic properties on every golden transcript: a change that makes a chat worse on
// one dimension never raises that dimension, and moves the others by at most a few points.
#include "golden_support.h"

#include "scoring/text.h"
#include "support/grader.h"

#include <cmath>
#include <functional>
#include <vector>

using namespace chatdrill::scoring;

namespace {

constexpr double k_max_side_effect = 5.0;

double score(const Grade& g, const char* dim) { return g.dimension(dim).score; }

// `changed` must not raise `target`; the other dimensions stay within a few points.
void check_change(const golden::Case& c, const Transcript& changed, const char* target, bool check_others = true) {
  const Grade before = grade_transcript(c.transcript, c.rubric, test_grader());
  const Grade after = grade_transcript(changed, c.rubric, test_grader());
  CHECK(score(after, target) <= score(before, target));
  if (!check_others) return;
  for (const char* dim : k_dimensions) {
    if (std::string_view(dim) == target) continue;
    CAPTURE(dim);
    CHECK(std::abs(score(after, dim) - score(before, dim)) <= k_max_side_effect);
  }
}

TextAnalyzer& analyzer(const Transcript& t) {
  static TextAnalyzer fi(Language::fi), en(Language::en);
  return t.language == "fi" ? fi : en;
}

bool answers_customer(const Transcript& t, std::size_t i) {
  for (std::size_t k = i; k-- > 0;) {
    if (t.messages[k].is_trainee_message()) return false;
    if (t.messages[k].is_customer_message()) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("making any trainee reply slower never raises speed") {
  for (const auto& c : golden::load_all()) {
    for (std::size_t i = 0; i < c.transcript.messages.size(); ++i) {
      if (!c.transcript.messages[i].is_trainee_message()) continue;
      for (const double delay : {3.0, 40.0, 150.0, 600.0}) {
        CAPTURE(c.name);
        CAPTURE(i);
        CAPTURE(delay);
        Transcript t = c.transcript;
        for (std::size_t k = i; k < t.messages.size(); ++k) t.messages[k].at += delay;  // keep the order
        // Delaying a check-in legitimately changes engagement; side effects are checked
        // for replies that answer the customer.
        check_change(c, t, "speed", answers_customer(c.transcript, i));
      }
    }
  }
}

TEST_CASE("inserting a rude word never raises politeness") {
  for (const auto& c : golden::load_all()) {
    const bool fi = c.transcript.language == "fi";
    for (std::size_t i = 0; i < c.transcript.messages.size(); ++i) {
      if (!c.transcript.messages[i].is_trainee_message()) continue;
      CAPTURE(c.name);
      CAPTURE(i);
      Transcript after = c.transcript, before = c.transcript;
      after.messages[i].text += fi ? " Idiootti." : " You idiot.";
      check_change(c, after, "politeness");
      before.messages[i].text = (fi ? "Tyhmä juttu. " : "Stupid thing. ") + before.messages[i].text;
      check_change(c, before, "politeness");
      CHECK(score(grade_transcript(after, c.rubric, test_grader()), "politeness") <
            score(grade_transcript(c.transcript, c.rubric, test_grader()), "politeness") + 1e-9);
    }
  }
}

TEST_CASE("removing a clarifying question never raises clarifying") {
  int removed = 0;
  for (const auto& c : golden::load_all()) {
    const bool fi = c.transcript.language == "fi";
    for (std::size_t i = 0; i < c.transcript.messages.size(); ++i) {
      const Message& m = c.transcript.messages[i];
      if (!m.is_trainee_message()) continue;
      const Analysis a = analyzer(c.transcript).analyze(m.text);
      for (std::size_t s = a.sentences.size(); s-- > 0;) {
        if (!a.sentences[s].is_question || a.count_in_sentence(static_cast<int>(s), "engagement.checkin")) continue;
        CAPTURE(c.name);
        CAPTURE(m.text);
        Transcript t = c.transcript;
        std::string text = m.text;
        text.erase(a.sentences[s].begin, a.sentences[s].end - a.sentences[s].begin);
        if (text.find_first_not_of(" \n") == std::string::npos) text = fi ? "Selvä." : "Okay.";
        t.messages[i].text = text;
        // Where the question was the reply's only link to what the customer wrote, the rest
        // ("I'm sorry to hear that") no longer responds: its courtesy and engagement are
        // rightly lost too, so side effects are checked only where the reply still responds.
        const bool only_link =
            grade_transcript(t, c.rubric, test_grader()).dimension("engagement").evidence.size() !=
            grade_transcript(c.transcript, c.rubric, test_grader()).dimension("engagement").evidence.size();
        check_change(c, t, "clarifying", !only_link);
        ++removed;
      }
    }
  }
  CHECK(removed >= 6);
}

TEST_CASE("removing a check-in after customer silence never raises engagement") {
  int removed = 0;
  for (const auto& c : golden::load_all()) {
    for (std::size_t i = 0; i < c.transcript.messages.size(); ++i) {
      const Message& m = c.transcript.messages[i];
      if (!m.is_trainee_message() || answers_customer(c.transcript, i)) continue;
      if (!analyzer(c.transcript).analyze(m.text).has("engagement.checkin")) continue;
      CAPTURE(c.name);
      CAPTURE(m.text);
      Transcript t = c.transcript;
      t.messages.erase(t.messages.begin() + static_cast<std::ptrdiff_t>(i));
      const Grade before = grade_transcript(c.transcript, c.rubric, test_grader());
      check_change(c, t, "engagement");
      CHECK(score(grade_transcript(t, c.rubric, test_grader()), "engagement") < score(before, "engagement"));
      ++removed;
    }
  }
  CHECK(removed >= 2);
}

TEST_CASE("a channel bounce, in any word order, lowers engagement by at least 10") {
  for (const auto& c : golden::load_all()) {
    const bool fi = c.transcript.language == "fi";
    for (std::size_t i = 0; i < c.transcript.messages.size(); ++i) {
      if (!c.transcript.messages[i].is_trainee_message()) continue;
      const bool had_bounce =
          analyzer(c.transcript).analyze(c.transcript.messages[i].text).has_move(MoveKind::channel_bounce);
      for (const char* bounce :
           fi ? std::vector<const char*>{" Soittakaa asiakaspalveluun.",
                                         " Sähköpostilla voitte lähettää asian asiakaspalveluumme."}
              : std::vector<const char*>{" Email us at support@example.com.",
                                         " You can send it to our support team by email."}) {
        CAPTURE(c.name);
        CAPTURE(i);
        CAPTURE(bounce);
        Transcript t = c.transcript;
        t.messages[i].text += bounce;
        check_change(c, t, "engagement");
        const double before = score(grade_transcript(c.transcript, c.rubric, test_grader()), "engagement");
        if (!had_bounce)
          CHECK(score(grade_transcript(t, c.rubric, test_grader()), "engagement") <= before - std::min(before, 10.0));
      }
    }
  }
}

TEST_CASE("answering the customer's question never lowers engagement") {
  int answered = 0;
  for (const auto& c : golden::load_all()) {
    const bool fi = c.transcript.language == "fi";
    for (std::size_t i = 0; i + 1 < c.transcript.messages.size(); ++i) {
      const Message& m = c.transcript.messages[i];
      if (!m.is_customer_message() || !analyzer(c.transcript).analyze(m.text).is_question) continue;
      std::size_t reply = i + 1;
      while (reply < c.transcript.messages.size() && !c.transcript.messages[reply].is_trainee_message()) ++reply;
      if (reply >= c.transcript.messages.size()) continue;
      CAPTURE(c.name);
      CAPTURE(m.text);
      Transcript t = c.transcript;
      t.messages[reply].text = (fi ? "Kyllä, se onnistuu. " : "Yes, that works. ") + t.messages[reply].text;
      CHECK(score(grade_transcript(t, c.rubric, test_grader()), "engagement") >=
            score(grade_transcript(c.transcript, c.rubric, test_grader()), "engagement"));
      ++answered;
    }
  }
  CHECK(answered >= 2);
}

TEST_CASE("asking for contact details is ownership, sending the customer elsewhere is a bounce") {
  for (const auto& c : golden::load_all()) {
    if (c.name != "fi_delivery_good") continue;
    Transcript own = c.transcript, bounce = c.transcript;
    own.messages[6].text += " Saisinko vielä puhelinnumeronne?";
    bounce.messages[6].text += " Lähettäkää sähköpostia asiakaspalveluun.";
    const double base = score(grade_transcript(c.transcript, c.rubric, test_grader()), "engagement");
    CHECK(score(grade_transcript(own, c.rubric, test_grader()), "engagement") > base);
    CHECK(score(grade_transcript(bounce, c.rubric, test_grader()), "engagement") < base);
  }
}
