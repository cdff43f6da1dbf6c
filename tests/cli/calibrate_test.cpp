// `chatdrill calibrate`: agreement with a reviewer's scores, run as a QA lead runs it, and
// the statistics behind it.
#include "cli_test_support.h"

#include "scoring/grade.h"
#include "scoring/transcript.h"
#include "simulator/cli/agreement.h"
#include "support/grader.h"

#include <cmath>
#include <vector>

using namespace chatdrill::cli::test;
namespace scoring = chatdrill::scoring;

namespace {

std::string data(const std::string& relative) { return std::string(CHATDRILL_TEST_DATA) + "/" + relative; }

// Spearman the long way, to check the command's: ranks by counting, Pearson on them.
double spearman_by_hand(const std::vector<double>& a, const std::vector<double>& b) {
  const auto ranks = [](const std::vector<double>& v) {
    std::vector<double> r;
    for (double x : v) {
      double below = 0, equal = 0;
      for (double y : v) below += y < x, equal += y == x;
      r.push_back(below + (equal + 1) / 2);
    }
    return r;
  };
  const auto ra = ranks(a), rb = ranks(b);
  double ma = 0, mb = 0;
  for (std::size_t i = 0; i < ra.size(); ++i) ma += ra[i] / ra.size(), mb += rb[i] / rb.size();
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < ra.size(); ++i)
    sab += (ra[i] - ma) * (rb[i] - mb), saa += (ra[i] - ma) * (ra[i] - ma), sbb += (rb[i] - mb) * (rb[i] - mb);
  return sab / std::sqrt(saa * sbb);
}

}  // namespace

TEST_CASE("calibrate statistics: average ranks and Spearman with ties") {
  using chatdrill::cli::average_ranks;
  CHECK(average_ranks({10, 20, 20, 30}) == std::vector<double>{1, 2.5, 2.5, 4});
  // By hand: ranks {1, 2.5, 2.5, 4, 5} and {1, 4, 2.5, 2.5, 5}; sum of products of the
  // deviations 7.25, each sum of squares 9.5: rho = 7.25 / 9.5.
  const auto rho = chatdrill::cli::spearman({1, 2, 2, 3, 4}, {10, 30, 20, 20, 50});
  REQUIRE(rho);
  CHECK(*rho == doctest::Approx(7.25 / 9.5));
  CHECK_FALSE(chatdrill::cli::spearman({1, 1, 1}, {1, 2, 3}));
  CHECK(chatdrill::cli::median({5, 1, 3, 2}) == 2.5);
  CHECK(chatdrill::cli::pass_accuracy({70, 50, 80}, 60, {4, 2, 1}, 3) == doctest::Approx(2.0 / 3));
  CHECK(chatdrill::cli::to_percent(4, 1, 5) == 75);
}

TEST_CASE("calibrate: agreement with a reviewer, figures checked against the grades") {
  const Run r = run_chatdrill("calibrate " + quoted(data("calibrate/ratings.csv")) + " --json --worst 2");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto parsed = scoring::parse_json(r.out, "stdout");
  REQUIRE(parsed.doc);
  const auto& j = parsed.doc->root;
  CHECK(j["format"] == "chatdrill.calibration/1");
  CHECK(j["chats"] == 5);
  REQUIRE(j["dimensions"].size() == 2);
  const auto& pol = j["dimensions"][0];
  CHECK(pol["dimension"] == "politeness");
  CHECK(pol["n"] == 5);
  const char* names[] = {"polite", "kind", "plain", "shouting", "rude"};
  const std::vector<double> reviewer = {5, 4, 3, 2, 1};
  std::vector<double> ours;
  for (const char* n : names) {
    const auto t = scoring::load_transcript(data(std::string("calibrate/") + n + ".json"));
    REQUIRE(t.transcript);
    ours.push_back(scoring::grade_politeness(*t.transcript, {}, test_grader()).score);
  }
  CAPTURE(ours);
  CHECK(pol["spearman"].get<double>() == doctest::Approx(spearman_by_hand(ours, reviewer)));
  CHECK(pol["pass"] == 3.0);  // the reviewer's median
  double agree = 0, mad = 0;
  for (std::size_t i = 0; i < ours.size(); ++i) {
    agree += (ours[i] >= 60) == (reviewer[i] >= 3);
    mad += std::fabs(ours[i] - (reviewer[i] - 1) / 4 * 100);
  }
  CHECK(pol["accuracy"].get<double>() == doctest::Approx(agree / 5));
  CHECK(pol["mean_abs_difference"].get<double>() == doctest::Approx(mad / 5));
  CHECK(pol["scale"] == scoring::Json::array({1.0, 5.0}));
  CHECK(pol["worst"].size() == 2);
  CHECK(pol["worst"][0].contains("evidence"));
  const auto& overall = j["dimensions"][1];
  CHECK(overall["dimension"] == "overall");
  CHECK(overall["n"] == 4);  // kind.json is not rated overall
  const Run text = run_chatdrill("calibrate " + quoted(data("calibrate/ratings.csv")) + " --scale 0 5 --pass 4");
  REQUIRE(text.exit_code == 0);
  CHECK(contains(text.out, "5 rated chats"));
  CHECK(contains(text.out, "reviewer >= 4, chatdrill >= 60; 0..5"));
  CHECK(contains(text.out, "Most disagreement, politeness"));
}

TEST_CASE("calibrate: broken rows are errors with their line and column") {
  const Run r = run_chatdrill("calibrate " + quoted(data("calibrate/ratings_bad.csv")));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "ratings_bad.csv:3: column 1 \"transcript\": "));
  CHECK(contains(r.err, "missing.json: no such transcript"));
  CHECK(contains(r.err, "ratings_bad.csv:4: column 2 \"politeness\": \"very good\" is not a number"));
  CHECK(run_chatdrill("calibrate").exit_code == 2);
  CHECK(run_chatdrill("calibrate --help").exit_code == 0);
}
