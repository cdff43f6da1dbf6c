// The command-line front: subcommands that need no display. Each returns the process
// exit code: 0 success, 1 findings (invalid input), 2 bad usage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "scoring/core/json_doc.h"
#include "scoring/grade.h"
#include "scoring/transcript.h"

namespace chatdrill::cli {

bool is_command(std::string_view word);  // validate, play, grade, import, calibrate, report, explain, exercise, help,
                                         // --help, --version
int run(int argc, char** argv);          // argv[1] is the command

// One per subcommand file (validate.cpp, play.cpp, grade.cpp, report.cpp); `argc/argv`
// start after the command word.
int validate_command(int argc, char** argv);
int play_command(int argc, char** argv);
int grade_command(int argc, char** argv);
int report_command(int argc, char** argv);
int exercise_command(int argc, char** argv);
int explain_command(int argc, char** argv);    // explain.cpp: how a persona reads one reply
int import_command(int argc, char** argv);     // import.cpp: a chat export (CSV) into transcripts
int calibrate_command(int argc, char** argv);  // calibrate.cpp: agreement with a reviewer's scores

// A message on one line (line breaks and tabs as spaces), cut to `max_bytes` at a code
// point boundary with "…" (grade.cpp); for quoting messages in reports.
std::string shorten(const std::string& text, std::size_t max_bytes);
// One chat's grade as `grade` prints it, under the heading `title` (grade.cpp).
void print_report(const std::string& title, const scoring::Transcript& t, const scoring::Grade& g);

class RubricChooser;
// shift.cpp: `play` of a shift file (its replies name their chat; `seed` replaces the
// chats' own), and `grade` of a shift transcript already parsed; each returns the exit code.
int play_shift(const std::string& file, const std::string& replies, const std::string& out,
               std::optional<std::uint64_t> seed);
int grade_shift_transcript(const scoring::JsonDoc& doc, const std::string& file, bool json, bool many,
                           RubricChooser& rubrics, scoring::Grader& grader);

}  // namespace chatdrill::cli
