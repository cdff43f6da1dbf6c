// `chatdrill grade FILE... [--json] [--scenario S]`: grades chat logs in
// `chatdrill.transcript/1` (with the default rubric, or a scenario's) and prints the
// evidence, quoting each message it cites. The grading itself is scoring/'s; no app.
#include "cli.h"
#include "rubric_chooser.h"

#include "scoring/core/paths.h"
#include "scoring/core/timestamp.h"
#include "scoring/grade.h"
#include "scoring/shift_transcript.h"
#include "scoring/transcript.h"
#include "simulator/engine/scenario_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace chatdrill::cli {

namespace sender = scoring::sender;

std::string shorten(const std::string& text, std::size_t max_bytes) {
  std::string flat;
  for (char c : text) flat += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (flat.size() <= max_bytes) return flat;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) --cut;
  return flat.substr(0, cut) + "…";
}

namespace {

constexpr const char* k_grade_help =
    "usage: chatdrill grade FILE... [--json] [--scenario FILE|ID] [--preset chat|async]\n"
    "\n"
    "Grades each transcript (chatdrill.transcript/1) for speed, politeness, clarifying,\n"
    "engagement, resolution and writing, and explains every point with the rule and the\n"
    "message it comes from. A shift transcript (chatdrill.shift-transcript/1, from `chatdrill\n"
    "play SHIFT`) gets each chat's grade and the shift's multitasking summary.\n"
    "\n"
    "  --json   print chatdrill.grade/2 (a shift: chatdrill.shift-grade/1) instead of the text report (with several "
    "files,\n"
    "           one JSON object per line, each with a \"file\" member)\n"
    "  --preset chat|async  the timing targets: chat (the default: first reply 30 s, then\n"
    "           60 s) or async for email and social media (first reply 1 h, then 4 h,\n"
    "           abandoned after 24 h, check-in after 24-72 h of silence, hold 8 h). Default:\n"
    "           the transcript's \"channel\" (email, social: async), else the scenario's\n"
    "  --scenario FILE|ID  grade with that scenario's rubric (slots, targets, weights,\n"
    "           endings' ratings, customer name); an ID names a bundled scenario. Default:\n"
    "           the scenario the transcript names (ID.json beside it, else a bundled one),\n"
    "           as the app graded it; a transcript naming none gets the rubric for any chat\n"
    "  --help   show this help\n"
    "\n"
    "The report numbers messages from 1 (#1 is the first); in JSON \"message\" is 0-based.\n"
    "\n"
    "Exit codes: 0 all graded, 1 a transcript could not be read (file:line:col: path: message\n"
    "on stderr), 2 bad usage.\n";

const char* dimension_title(std::size_t k, bool fi) {
  static const char* fi_names[] = {"Nopeus",       "Kohteliaisuus", "Tarkentavat kysymykset",
                                   "Sitoutuminen", "Ratkaisu",      "Kirjoitusasu"};
  static const char* en_names[] = {"Speed",      "Politeness", "Clarifying questions",
                                   "Engagement", "Resolution", "Writing"};
  static_assert(std::size(fi_names) == scoring::k_dimension_count && std::size(en_names) == scoring::k_dimension_count);
  return fi ? fi_names[k] : en_names[k];
}

}  // namespace

void print_report(const std::string& file, const scoring::Transcript& t, const scoring::Grade& g) {
  const bool fi = t.language == "fi";
  std::printf("%s\n", file.c_str());
  std::printf("  %s %.1f / 100\n", fi ? "Kokonaisarvosana" : "Overall", g.overall);
  for (std::size_t k = 0; k < scoring::k_dimensions.size(); ++k) {
    const auto& d = g.dimensions[k];
    if (!d.graded) {
      std::printf("\n  %s (%s): %s\n", dimension_title(k, fi), scoring::k_dimensions[k],
                  fi ? "ei arvioitu" : "not graded");
      continue;
    }
    std::printf("\n  %s (%s): %.1f\n", dimension_title(k, fi), scoring::k_dimensions[k], d.score);
    for (const auto& e : d.evidence) {
      std::printf("    %+6.1f  %.*s: %s\n", e.points, static_cast<int>(e.rule.size()), e.rule.data(), e.note.c_str());
      if (!e.message || *e.message >= t.messages.size()) continue;
      const auto& m = t.messages[*e.message];
      const char* who = m.from == sender::customer  ? (fi ? "asiakas" : "customer")
                        : m.from == sender::trainee ? (fi ? "harjoittelija" : "trainee")
                                                    : m.from.c_str();
      std::printf("            #%zu %s %s: \"%s\"\n", *e.message + 1, who, scoring::clock_text(m.at).c_str(),
                  shorten(m.text, 100).c_str());
    }
  }
  std::printf("\n");
}

int grade_command(int argc, char** argv) {
  bool json = false;
  std::vector<std::string> files;
  RubricChooser rubrics("grade");
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(k_grade_help, stdout);
      return 0;
    }
    if (arg == "--json") {
      json = true;
      continue;
    }
    std::string error;
    if (const auto taken = rubrics.take_option(argc, argv, i, error); taken != RubricChooser::Option::not_mine) {
      if (taken == RubricChooser::Option::usage) {
        std::fprintf(stderr, "chatdrill grade: %s\n\n%s", error.c_str(), k_grade_help);
        return 2;
      }
      if (taken == RubricChooser::Option::failed) return 1;
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-') {
      std::fprintf(stderr, "chatdrill grade: unknown option %s\n\n%s", arg.c_str(), k_grade_help);
      return 2;
    }
    files.push_back(arg);
  }
  if (files.empty()) {
    std::fprintf(stderr, "chatdrill grade: no transcript given\n\n%s", k_grade_help);
    return 2;
  }
  int status = 0;
  scoring::Grader grader(scoring::data_root());  // one for all files: it caches stems and spellings
  for (const auto& file : files) {
    auto parsed = scoring::parse_json_file(file);
    if (parsed.doc && scoring::is_shift_transcript_doc(*parsed.doc)) {
      try {
        status = std::max(status, grade_shift_transcript(*parsed.doc, file, json, files.size() > 1, rubrics, grader));
      } catch (const std::exception& e) {  // a broken or missing lexicon file
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
      }
      continue;
    }
    const auto loaded =
        parsed.doc ? scoring::transcript_from_doc(*parsed.doc) : scoring::TranscriptLoad{std::nullopt, {*parsed.error}};
    for (const auto& d : loaded.diagnostics) std::fprintf(stderr, "%s\n", d.to_string().c_str());
    if (!loaded.transcript) {
      status = 1;
      continue;
    }
    scoring::Grade grade;
    try {
      grade = scoring::grade_transcript(*loaded.transcript, rubrics.rubric_for(*loaded.transcript, file), grader);
    } catch (const std::exception& e) {  // a broken or missing lexicon file
      std::fprintf(stderr, "%s\n", e.what());
      return 1;
    }
    if (!json) {
      print_report(file, *loaded.transcript, grade);
      continue;
    }
    scoring::Json j = scoring::grade_to_json(grade);
    if (files.size() > 1) {
      j["file"] = file;
      std::printf("%s\n", j.dump(-1, ' ', false, scoring::Json::error_handler_t::replace).c_str());
    } else {
      std::printf("%s\n", j.dump(2, ' ', false, scoring::Json::error_handler_t::replace).c_str());
    }
  }
  std::fflush(stdout);
  return status;
}

}  // namespace chatdrill::cli
