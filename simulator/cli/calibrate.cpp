// `chatdrill calibrate RATINGS.csv`: how far chatdrill's grades agree with a reviewer's
// scores of the same chats (rank correlation, pass/fail accuracy, mean difference) and
// which chats they disagree on most, with the evidence behind chatdrill's score.
//
// [SECTION] help and options
// [SECTION] reading the ratings (rows, scores, transcripts)
// [SECTION] agreement per dimension
// [SECTION] printing (text, JSON)
#include "agreement.h"
#include "cli.h"
#include "rubric_chooser.h"

#include "scoring/core/csv.h"
#include "scoring/core/paths.h"
#include "scoring/grade.h"
#include "scoring/transcript.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

namespace chatdrill::cli {

namespace {

using scoring::k_dimension_count;

// [SECTION] help and options

constexpr const char* k_calibrate_help =
    "usage: chatdrill calibrate RATINGS.csv [--pass X] [--our-pass Y] [--scale LO HI]\n"
    "                                       [--worst N] [--json] [--scenario S] [--preset P]\n"
    "\n"
    "Compares chatdrill's grades with a reviewer's scores. RATINGS.csv has a column\n"
    "`transcript` (or file, path: a transcript's path, relative to the CSV's folder) and\n"
    "score columns named `overall` and/or after dimensions (speed, politeness, clarifying,\n"
    "engagement, resolution, writing), on any numeric scale; an empty cell is not rated.\n"
    "Each transcript is graded as `chatdrill grade` grades it. Per dimension it prints:\n"
    "  n           chats the reviewer scored\n"
    "  spearman    rank correlation of chatdrill's and the reviewer's scores (ties averaged)\n"
    "  accuracy    share of chats both pass or both fail: the reviewer's at --pass, chatdrill's\n"
    "              at --our-pass; also at both medians\n"
    "  mad         mean absolute difference after mapping the reviewer's scale to 0..100\n"
    "  worst       the chats whose ranks differ most, with chatdrill's main evidence\n"
    "\n"
    "  --pass X      the reviewer's pass mark on their scale. Default: their median\n"
    "  --our-pass Y  chatdrill's pass mark (0..100). Default: 60\n"
    "  --scale LO HI the reviewer's scale, mapped linearly to 0..100. Default: each column's\n"
    "                lowest..highest score\n"
    "  --worst N     how many disagreements to show per dimension (default 5)\n"
    "  --json        print chatdrill.calibration/1 JSON instead\n"
    "  --scenario FILE|ID, --preset chat|async  the rubric, as for `chatdrill grade`\n"
    "  --help        show this help\n"
    "\n"
    "Exit codes: 0 compared, 1 a row is broken (file:line: column N \"name\": message on\n"
    "stderr), 2 bad usage.\n";

struct Options {
  std::string ratings;
  std::optional<double> pass, lo, hi;
  double our_pass = 60;
  std::size_t worst = 5;
  bool json = false;
};

int usage(const std::string& message) {
  std::fprintf(stderr, "chatdrill calibrate: %s\n\n%s", message.c_str(), k_calibrate_help);
  return 2;
}

std::optional<double> number(const std::string& text) {
  const auto b = text.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return std::nullopt;
  const std::string t = text.substr(b, text.find_last_not_of(" \t\r\n") - b + 1);
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// [SECTION] reading the ratings (rows, scores, transcripts)

// A score column: "overall" (index k_dimension_count) or a dimension.
struct ScoreColumn {
  std::size_t csv_column;
  std::size_t dimension;
  std::string name;
};
constexpr std::size_t k_overall = scoring::k_dimension_count;

struct RatedChat {
  std::string path;  // as written in the CSV
  std::size_t line;
  std::array<std::optional<double>, k_dimension_count + 1> reviewer;  // by dimension, overall last
  scoring::Transcript transcript;
  scoring::Grade grade;  // only the dimensions rated are filled, unless overall is
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Reads the rows and their transcripts; problems go to `errors`.
std::vector<RatedChat> read_ratings(const Options& o, std::vector<ScoreColumn>& scores,
                                    std::vector<std::string>& errors) {
  std::vector<RatedChat> chats;
  std::ifstream in(o.ratings, std::ios::binary);
  if (!in) {
    errors.push_back(fmt::format("{}: cannot open", o.ratings));
    return chats;
  }
  scoring::CsvReader reader(in);
  std::vector<std::string> header, record;
  if (!reader.next(header)) {
    errors.push_back(
        fmt::format("{}: {}", o.ratings, reader.error().empty() ? "empty file: no header" : reader.error()));
    return chats;
  }
  std::optional<std::size_t> path_column;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string h = lower(header[i]);
    if (!path_column && (h == "transcript" || h == "file" || h == "path")) path_column = i;
    if (h == "overall") scores.push_back({i, k_overall, "overall"});
    if (auto d = scoring::dimension_index(h)) scores.push_back({i, *d, h});
  }
  std::string listed;
  for (const auto& h : header) listed += (listed.empty() ? "\"" : ", \"") + h + "\"";
  if (!path_column)
    errors.push_back(fmt::format("{}:{}: no transcript column (transcript, file or path); the header has {}", o.ratings,
                                 reader.record_line(), listed));
  if (scores.empty())
    errors.push_back(
        fmt::format("{}:{}: no score column (overall, speed, politeness, clarifying, engagement, "
                    "resolution, writing); the header has {}",
                    o.ratings, reader.record_line(), listed));
  if (!errors.empty()) return chats;
  const auto folder = std::filesystem::path(o.ratings).parent_path();
  while (reader.next(record)) {
    const std::size_t line = reader.record_line();
    const auto where = [&](std::size_t c) {
      return fmt::format("{}:{}: column {} \"{}\"", o.ratings, line, c + 1, header[c]);
    };
    if (record.size() != header.size()) {
      errors.push_back(
          fmt::format("{}:{}: {} fields, the header has {}", o.ratings, line, record.size(), header.size()));
      continue;
    }
    RatedChat chat{record[*path_column], line, {}, {}, {}};
    bool ok = true;
    for (const auto& s : scores) {
      const std::string& cell = record[s.csv_column];
      if (cell.find_first_not_of(" \t\r\n") == std::string::npos) continue;  // not rated
      chat.reviewer[s.dimension] = number(cell);
      if (!chat.reviewer[s.dimension]) {
        errors.push_back(fmt::format("{}: \"{}\" is not a number", where(s.csv_column), cell));
        ok = false;
      }
    }
    if (chat.path.empty()) {
      errors.push_back(fmt::format("{}: no transcript named", where(*path_column)));
      continue;
    }
    const auto path =
        std::filesystem::path(chat.path).is_absolute() ? std::filesystem::path(chat.path) : folder / chat.path;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      errors.push_back(fmt::format("{}: {}: no such transcript", where(*path_column), path.string()));
      continue;
    }
    auto loaded = scoring::load_transcript(path.string());
    if (!loaded.transcript) {
      errors.push_back(fmt::format("{}: {} does not load:", where(*path_column), path.string()));
      for (const auto& d : loaded.diagnostics) errors.push_back("  " + d.to_string());
      continue;
    }
    chat.path = path.lexically_normal().string();
    chat.transcript = std::move(*loaded.transcript);
    if (ok) chats.push_back(std::move(chat));
  }
  if (!reader.error().empty()) errors.push_back(fmt::format("{}:{}", o.ratings, reader.error().substr(5)));
  return chats;
}

// Grades every chat: all dimensions when `overall` is rated, else only the rated ones
// (a dimension's grader on its own gives the same score as within grade_transcript).
void grade_all(std::vector<RatedChat>& chats, const std::vector<ScoreColumn>& scores, RubricChooser& rubrics,
               scoring::Grader& grader) {
  using DimensionGrader =
      scoring::DimensionGrade (*)(const scoring::Transcript&, const scoring::Rubric&, scoring::Grader&);
  static constexpr std::array<DimensionGrader, k_dimension_count> graders = {
      scoring::grade_speed,      scoring::grade_politeness, scoring::grade_clarifying,
      scoring::grade_engagement, scoring::grade_resolution, scoring::grade_writing};
  const bool all =
      std::any_of(scores.begin(), scores.end(), [](const ScoreColumn& s) { return s.dimension == k_overall; });
  for (auto& chat : chats) {
    const scoring::Rubric& rubric = rubrics.rubric_for(chat.transcript, chat.path);
    if (all) {
      chat.grade = scoring::grade_transcript(chat.transcript, rubric, grader);
      continue;
    }
    for (const auto& s : scores)
      chat.grade.dimensions[s.dimension] = graders[s.dimension](chat.transcript, rubric, grader);
  }
}

// [SECTION] agreement per dimension

struct Disagreement {
  const RatedChat* chat;
  double ours, reviewer, mapped, our_rank, reviewer_rank;
};

struct Agreement {
  std::string dimension;
  std::size_t n = 0;
  std::optional<double> spearman;
  double pass = 0, our_pass = 60, accuracy = 0;
  double reviewer_median = 0, our_median = 0, accuracy_at_medians = 0;
  double lo = 0, hi = 0, mad = 0;
  std::vector<Disagreement> worst;
};

double our_score(const RatedChat& chat, std::size_t dimension) {
  return dimension == k_overall ? chat.grade.overall : chat.grade.dimensions[dimension].score;
}

Agreement agreement(const std::vector<RatedChat>& chats, const ScoreColumn& column, const Options& o) {
  Agreement a;
  a.dimension = column.name;
  std::vector<const RatedChat*> rated;
  std::vector<double> ours, theirs;
  for (const auto& chat : chats) {
    if (!chat.reviewer[column.dimension]) continue;
    rated.push_back(&chat);
    ours.push_back(our_score(chat, column.dimension));
    theirs.push_back(*chat.reviewer[column.dimension]);
  }
  a.n = rated.size();
  if (rated.empty()) return a;
  a.spearman = spearman(ours, theirs);
  a.reviewer_median = median(theirs);
  a.our_median = median(ours);
  a.pass = o.pass.value_or(a.reviewer_median);
  a.our_pass = o.our_pass;
  a.accuracy = pass_accuracy(ours, a.our_pass, theirs, a.pass);
  a.accuracy_at_medians = pass_accuracy(ours, a.our_median, theirs, a.reviewer_median);
  a.lo = o.lo.value_or(*std::min_element(theirs.begin(), theirs.end()));
  a.hi = o.hi.value_or(*std::max_element(theirs.begin(), theirs.end()));
  const auto our_ranks = average_ranks(ours), their_ranks = average_ranks(theirs);
  std::vector<Disagreement> all;
  for (std::size_t i = 0; i < rated.size(); ++i) {
    const double mapped = to_percent(theirs[i], a.lo, a.hi);
    a.mad += std::fabs(ours[i] - mapped);
    all.push_back({rated[i], ours[i], theirs[i], mapped, our_ranks[i], their_ranks[i]});
  }
  a.mad /= static_cast<double>(rated.size());
  std::stable_sort(all.begin(), all.end(), [](const Disagreement& x, const Disagreement& y) {
    const double dx = std::fabs(x.our_rank - x.reviewer_rank), dy = std::fabs(y.our_rank - y.reviewer_rank);
    if (dx != dy) return dx > dy;
    return std::fabs(x.ours - x.mapped) > std::fabs(y.ours - y.mapped);
  });
  all.resize(std::min(all.size(), o.worst));
  a.worst = std::move(all);
  return a;
}

// The evidence that moved chatdrill's score most (bases and clamps left out).
std::vector<const scoring::Evidence*> top_evidence(const RatedChat& chat, std::size_t dimension, std::size_t n) {
  std::vector<const scoring::Evidence*> items;
  for (std::size_t d = 0; d < k_dimension_count; ++d) {
    if (dimension != k_overall && d != dimension) continue;
    for (const auto& e : chat.grade.dimensions[d].evidence)
      if (e.points != 0 && !e.rule.ends_with(".base") && !e.rule.ends_with(".clamp")) items.push_back(&e);
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const auto* x, const auto* y) { return std::fabs(x->points) > std::fabs(y->points); });
  if (items.size() > n) items.resize(n);
  return items;
}

// [SECTION] printing (text, JSON)

std::string rho_text(const std::optional<double>& rho) { return rho ? fmt::format("{:.3f}", *rho) : "n/a"; }

void print_text(const Options& o, std::size_t chats, const std::vector<Agreement>& all) {
  std::printf("%s: %zu rated chats\n\n", o.ratings.c_str(), chats);
  std::printf("  %-11s %5s %9s %9s %9s %7s   %s\n", "dimension", "n", "spearman", "accuracy", "@medians", "mad",
              "pass marks, reviewer's scale -> 0..100");
  for (const auto& a : all)
    std::printf("  %-11s %5zu %9s %9.3f %9.3f %7.1f   reviewer >= %g, chatdrill >= %g; %g..%g\n", a.dimension.c_str(),
                a.n, rho_text(a.spearman).c_str(), a.accuracy, a.accuracy_at_medians, a.mad, a.pass, a.our_pass, a.lo,
                a.hi);
  std::printf(
      "\n  accuracy: both pass or both fail at those marks; @medians: each side's median as its\n"
      "  pass mark (chatdrill's %s); mad: mean |chatdrill - reviewer mapped linearly to 0..100|\n",
      o.pass ? "median, the reviewer's too" : "median");
  for (const auto& a : all) {
    if (a.worst.empty()) continue;
    std::printf("\n  Most disagreement, %s (by rank of %zu):\n", a.dimension.c_str(), a.n);
    for (std::size_t k = 0; k < a.worst.size(); ++k) {
      const auto& w = a.worst[k];
      std::printf("  %zu. %s (line %zu): chatdrill %.1f (rank %g), reviewer %g = %.0f (rank %g)\n", k + 1,
                  w.chat->path.c_str(), w.chat->line, w.ours, w.our_rank, w.reviewer, w.mapped, w.reviewer_rank);
      const std::size_t dimension = scoring::dimension_index(a.dimension).value_or(k_overall);
      for (const auto* e : top_evidence(*w.chat, dimension, 3)) {
        std::printf("       %+6.1f  %.*s: %s\n", e->points, static_cast<int>(e->rule.size()), e->rule.data(),
                    e->note.c_str());
        if (e->message && *e->message < w.chat->transcript.messages.size())
          std::printf("               #%zu \"%s\"\n", *e->message + 1,
                      shorten(w.chat->transcript.messages[*e->message].text, 90).c_str());
      }
    }
  }
}

scoring::Json to_json(const Options& o, std::size_t chats, const std::vector<Agreement>& all) {
  scoring::Json j = {{"format", "chatdrill.calibration/1"}, {"ratings", o.ratings}, {"chats", chats}};
  scoring::Json dims = scoring::Json::array();
  for (const auto& a : all) {
    scoring::Json worst = scoring::Json::array();
    const std::size_t dimension = scoring::dimension_index(a.dimension).value_or(k_overall);
    for (const auto& w : a.worst) {
      scoring::Json evidence = scoring::Json::array();
      for (const auto* e : top_evidence(*w.chat, dimension, 3))
        evidence.push_back({{"rule", std::string(e->rule)},
                            {"points", e->points},
                            {"message", e->message ? scoring::Json(*e->message) : scoring::Json()},
                            {"note", e->note}});
      worst.push_back({{"transcript", w.chat->path},
                       {"line", w.chat->line},
                       {"chatdrill", w.ours},
                       {"reviewer", w.reviewer},
                       {"reviewer_mapped", w.mapped},
                       {"chatdrill_rank", w.our_rank},
                       {"reviewer_rank", w.reviewer_rank},
                       {"evidence", std::move(evidence)}});
    }
    dims.push_back({{"dimension", a.dimension},
                    {"n", a.n},
                    {"spearman", a.spearman ? scoring::Json(*a.spearman) : scoring::Json()},
                    {"pass", a.pass},
                    {"our_pass", a.our_pass},
                    {"accuracy", a.accuracy},
                    {"reviewer_median", a.reviewer_median},
                    {"our_median", a.our_median},
                    {"accuracy_at_medians", a.accuracy_at_medians},
                    {"scale", {a.lo, a.hi}},
                    {"mean_abs_difference", a.mad},
                    {"worst", std::move(worst)}});
  }
  j["dimensions"] = std::move(dims);
  return j;
}

}  // namespace

int calibrate_command(int argc, char** argv) {
  Options o;
  RubricChooser rubrics("calibrate");
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::optional<double> {
      if (i + 1 >= argc) return std::nullopt;
      return number(argv[++i]);
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(k_calibrate_help, stdout);
      return 0;
    }
    if (arg == "--json") {
      o.json = true;
      continue;
    }
    if (arg == "--pass") {
      if (!(o.pass = value())) return usage("--pass needs a number on the reviewer's scale");
      continue;
    }
    if (arg == "--our-pass") {
      const auto v = value();
      if (!v || *v < 0 || *v > 100) return usage("--our-pass needs a number 0..100");
      o.our_pass = *v;
      continue;
    }
    if (arg == "--scale") {
      o.lo = value();
      o.hi = value();
      if (!o.lo || !o.hi || *o.lo >= *o.hi) return usage("--scale needs two numbers LO HI with LO < HI");
      continue;
    }
    if (arg == "--worst") {
      const auto v = value();
      if (!v || *v < 0 || *v != std::floor(*v) || *v > 1e6) return usage("--worst needs a whole number");
      o.worst = static_cast<std::size_t>(*v);
      continue;
    }
    std::string error;
    if (const auto taken = rubrics.take_option(argc, argv, i, error); taken != RubricChooser::Option::not_mine) {
      if (taken == RubricChooser::Option::usage) return usage(error);
      if (taken == RubricChooser::Option::failed) return 1;
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-') return usage("unknown option " + arg);
    if (!o.ratings.empty()) return usage("one ratings file at a time");
    o.ratings = arg;
  }
  if (o.ratings.empty()) return usage("no ratings CSV given");
  std::vector<ScoreColumn> scores;
  std::vector<std::string> errors;
  auto chats = read_ratings(o, scores, errors);
  if (!errors.empty()) {
    for (const auto& e : errors) std::fprintf(stderr, "%s\n", e.c_str());
    return 1;
  }
  try {
    scoring::Grader grader(scoring::data_root());
    grade_all(chats, scores, rubrics, grader);
  } catch (const std::exception& e) {  // a broken or missing lexicon file
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  std::vector<Agreement> all;
  for (const auto& s : scores) all.push_back(agreement(chats, s, o));
  if (o.json)
    std::printf("%s\n",
                to_json(o, chats.size(), all).dump(2, ' ', false, scoring::Json::error_handler_t::replace).c_str());
  else print_text(o, chats.size(), all);
  std::fflush(stdout);
  return 0;
}

}  // namespace chatdrill::cli
