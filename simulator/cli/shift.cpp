// Shifts on the command line: `chatdrill play SHIFT --replies FILE` plays a shift headless
// in virtual time and writes its chatdrill.shift-transcript/1; `chatdrill grade` prints a
// shift transcript's per-chat grades and its multitasking summary. The rules live in the
// engine (shift_run.h) and scoring (shift_grade.h); this file reads arguments and prints.
#include <fmt/format.h>

#include <cstdio>
#include <exception>

#include "cli.h"
#include "rubric_chooser.h"
#include "scoring/core/timestamp.h"
#include "scoring/shift_grade.h"
#include "simulator/engine/files.h"
#include "simulator/engine/scenario.h"
#include "simulator/engine/shift_run.h"

namespace chatdrill::cli {

namespace {

bool print_all(const scoring::Diagnostics& diagnostics) {
  for (const auto& d : diagnostics) std::fprintf(stderr, "%s\n", d.to_string().c_str());
  return scoring::has_errors(diagnostics);
}

int write_out(const std::string& json, const std::string& out) {
  if (json.size() > scoring::k_max_file_bytes) {
    std::fprintf(stderr,
                 "chatdrill play: the shift transcript would be %zu bytes, more than the %s limit: not written\n",
                 json.size(), scoring::k_max_file_text);
    return 1;
  }
  if (out.empty()) {
    std::fwrite(json.data(), 1, json.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
  }
  if (const auto error = engine::write_file_atomic(out, json); !error.empty()) {
    std::fprintf(stderr, "chatdrill play: %s\n", error.c_str());
    return 1;
  }
  return 0;
}

}  // namespace

int play_shift(const std::string& file, const std::string& replies_file, const std::string& out,
               std::optional<std::uint64_t> seed) {
  const auto load = engine::load_shift(file);
  if (print_all(load.diagnostics) || !load.shift) return 1;
  const auto scenarios = engine::load_shift_scenarios(*load.shift);
  const auto replies = engine::load_shift_replies(replies_file, *load.shift);
  const bool bad_scenarios = print_all(scenarios.diagnostics);
  if (print_all(replies.diagnostics) || bad_scenarios) return 1;
  scoring::ShiftTranscript transcript;
  try {
    engine::ShiftOptions options;
    options.seed = seed;
    engine::ShiftRun run(*load.shift, scenarios.scenarios, options);
    print_all(engine::play_shift(run, replies.replies, replies_file));
    transcript = run.transcript();
  } catch (const std::exception& e) {  // a broken lexicon file: say so rather than abort
    std::fprintf(stderr, "chatdrill play: %s\n", e.what());
    return 1;
  }
  return write_out(scoring::shift_transcript_to_json(transcript).dump(2) + "\n", out);
}

namespace {

void print_summary(const scoring::ShiftTranscript& s, const scoring::ShiftGrade& g) {
  const bool fi = s.language == "fi";
  std::printf("  %s (multitasking): %.1f\n", fi ? "Monen chatin hallinta" : "Multitasking", g.multitasking);
  for (const auto& e : g.evidence) {
    std::printf("    %+6.1f  %.*s: %s\n", e.points, static_cast<int>(e.rule.size()), e.rule.data(), e.note.c_str());
    if (!e.chat || *e.chat >= s.chats.size()) continue;
    const auto& chat = s.chats[*e.chat];
    if (!e.message || *e.message >= chat.transcript.messages.size()) continue;
    const auto& m = chat.transcript.messages[*e.message];
    const char* who = m.from == scoring::sender::customer  ? (fi ? "asiakas" : "customer")
                      : m.from == scoring::sender::trainee ? (fi ? "harjoittelija" : "trainee")
                                                           : m.from.c_str();
    std::printf("            %s #%zu %s %s: \"%s\"\n", chat.id.c_str(), *e.message + 1, who,
                scoring::clock_text(m.at).c_str(), shorten(m.text, 100).c_str());
  }
  std::printf("\n");
}

}  // namespace

int grade_shift_transcript(const scoring::JsonDoc& doc, const std::string& file, bool json, bool many,
                           RubricChooser& rubrics, scoring::Grader& grader) {
  const auto loaded = scoring::shift_transcript_from_doc(doc);
  if (print_all(loaded.diagnostics) || !loaded.shift) return 1;
  const auto& s = *loaded.shift;
  std::vector<scoring::Rubric> per_chat;
  for (const auto& chat : s.chats) per_chat.push_back(rubrics.rubric_for(chat.transcript, file));
  const scoring::ShiftGrade grade = scoring::grade_shift(s, per_chat, grader);
  if (json) {
    scoring::Json j = scoring::shift_grade_to_json(grade, s);
    if (many) j["file"] = file;
    std::printf("%s\n", j.dump(many ? -1 : 2, ' ', false, scoring::Json::error_handler_t::replace).c_str());
    return 0;
  }
  const bool fi = s.language == "fi";
  std::printf("%s\n  %s%s%s\n\n", file.c_str(),
              fi ? "Vuoro: " : "Shift: ", s.title.empty() ? s.id.c_str() : s.title.c_str(),
              s.outcome.empty() ? "" : fmt::format(" ({})", s.outcome).c_str());
  for (std::size_t c = 0; c < s.chats.size(); ++c) {
    const auto& chat = s.chats[c];
    print_report(
        fmt::format("Chat {}: {} ({}, {})", chat.id, chat.customer, chat.transcript.scenario, chat.transcript.outcome),
        chat.transcript, grade.chats[c]);
  }
  print_summary(s, grade);
  return 0;
}

}  // namespace chatdrill::cli
